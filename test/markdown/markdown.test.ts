import { describe, expect, it } from 'vitest';
import { toMarkdown, toPlainText } from '../../src/markdown/markdown.js';
import { parseHtml } from '../clean/pages.js';

/** The <div id="a"> of a small page, the way the cleaned article reaches the Markdown stage. */
function articleOf(html: string): { root: Element; close: () => void } {
  const page = parseHtml(
    `<!DOCTYPE html><html><body><div id="a">${html}</div></body></html>`,
    'https://news.example.org/2019/11/story.html',
  );
  const root = page.document.querySelector('#a');
  if (!root) throw new Error('no #a');
  return { root, close: () => page.close() };
}

function markdownOf(html: string): string {
  const article = articleOf(html);
  try {
    return toMarkdown(article.root);
  } finally {
    article.close();
  }
}

function textOf(html: string): string {
  const article = articleOf(html);
  try {
    return toPlainText(article.root);
  } finally {
    article.close();
  }
}

describe('toMarkdown', () => {
  it('writes ATX headings, "-" bullets, "*" emphasis and "**" strong', () => {
    expect(
      markdownOf(
        '<h2>Findings</h2><ul><li>one</li><li>two</li></ul><p><em>lead</em> and <strong>Kassem Musleh</strong></p>',
      ),
    ).toBe('## Findings\n\n-   one\n-   two\n\n*lead* and **Kassem Musleh**\n');
  });

  it('keeps <sup> and <sub> as inline HTML', () => {
    expect(markdownOf('<p>On November 17<sup>th</sup>, H<sub>2</sub>O</p>')).toBe(
      'On November 17<sup>th</sup>, H<sub>2</sub>O\n',
    );
  });

  it('writes images with their alt text and links with their URLs', () => {
    expect(
      markdownOf(
        '<p><img src="https://news.example.org/a.jpg" alt="A dam at dusk"> See <a href="https://news.example.org/b">the report</a>.</p>',
      ),
    ).toBe(
      '![A dam at dusk](https://news.example.org/a.jpg) See [the report](https://news.example.org/b).\n',
    );
  });

  it('fences code blocks and renders GFM tables', () => {
    expect(markdownOf('<pre><code>let x = 1;\n</code></pre>')).toBe('```\nlet x = 1;\n```\n');
    const table = markdownOf(
      '<table><thead><tr><th>Team</th><th>Goals</th></tr></thead><tbody><tr><td>Wales</td><td>2</td></tr></tbody></table>',
    );
    // The GFM plugin pads cells to the column width; the cells are what matter.
    expect(table.replace(/ +\|/g, ' |')).toBe('| Team | Goals |\n| --- | --- |\n| Wales | 2 |\n');
  });

  it('escapes Markdown characters that are text, such as a literal asterisk', () => {
    expect(markdownOf('<p>*</p><p>5 * 3 = 15 and_so_on</p>')).toBe(
      '\\*\n\n5 \\* 3 = 15 and\\_so\\_on\n',
    );
  });

  it('keeps text that reads like a tag as text, never as HTML', () => {
    expect(markdownOf('<p>Type &lt;script&gt;alert(1)&lt;/script&gt; and a &lt; b.</p>')).toBe(
      'Type &lt;script>alert(1)&lt;/script> and a < b.\n',
    );
  });

  it("keeps a tag in an image's alt or a title as text too (a case fast-check found)", () => {
    const markdown = markdownOf(
      '<p><img src="https://news.example.org/a.png" alt="<b>bold</b>" title="&quot;><script>alert(1)</script>"> and ' +
        '<a href="https://news.example.org/b" title="<iframe src=x>">a link</a></p>',
    );
    expect(markdown).not.toMatch(/<(script|iframe|b)\b/);
    expect(markdown).toContain('&lt;script>alert(1)&lt;/script>');
    expect(markdown).toContain('[a link](https://news.example.org/b "&lt;iframe src=x>")');
  });

  it('writes code that contains a tag as escaped HTML code, which shows the same text', () => {
    expect(
      markdownOf(
        '<p>Use <code>&lt;b&gt;</code> here.</p><pre><code>&lt;script&gt;x()&lt;/script&gt;</code></pre>',
      ),
    ).toBe(
      'Use <code>&lt;b&gt;</code> here.\n\n<pre><code>&lt;script&gt;x()&lt;/script&gt;</code></pre>\n',
    );
  });

  it('drops SVG and keeps the text of MathML, whose table-like elements are not HTML', () => {
    expect(
      markdownOf('<p>Area</p><svg><th>x</th></svg><math><mtr><mtd>πr²</mtd></mtr></math>'),
    ).toBe('Area\n\nπr²\n');
  });

  it('ends with exactly one newline, and is empty for an empty article', () => {
    expect(markdownOf('<p>one</p>\n\n\n')).toBe('one\n');
    expect(markdownOf('')).toBe('');
  });
});

describe('toPlainText', () => {
  it('separates blocks by blank lines and keeps line breaks', () => {
    expect(
      textOf(
        '<h2>Title</h2><p>First   paragraph\nwraps.</p><div>Second<br>line</div><ul><li>a</li><li>b</li></ul>',
      ),
    ).toBe('Title\n\nFirst paragraph wraps.\n\nSecond\nline\n\na\n\nb');
  });

  it('keeps words of inline elements and table cells apart', () => {
    expect(
      textOf('<p>Hello <em>big</em> world</p><table><tr><td>a</td><td>b</td></tr></table>'),
    ).toBe('Hello big world\n\na b');
  });
});
