// The rules that rewrite rather than remove: the paragraph join, unsafe content, URLs, empties.
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/clean/clean.js';
import { toMarkdown, toPlainText } from '../../src/markdown/markdown.js';
import { articleAt, cleanSnippet, parseHtml } from './pages.js';

// The split paragraph of the reference page (seed 000_5ae754d5d40549f7).
const FIRST_HALF =
  'On the same day, the al-Mayadeen TV correspondent in Syria Dima Nasir said that the SAA';
const SECOND_HALF = 'and its allies are preparing for a limited military operation in Idlib.';
const JOINED = `${FIRST_HALF} ${SECOND_HALF}`;

describe('split-paragraph-join', () => {
  it('joins the halves around an ad block, as the reference page serves them', () => {
    const cleaned = cleanSnippet(
      `<p>${FIRST_HALF}</p><div class="ad-container"><span>Advertisement</span><ins class="adsbygoogle"></ins></div><p>${SECOND_HALF}</p>`,
    );
    expect(cleaned.text).toBe(JOINED);
  });

  it('joins the halves when Readability already dropped the ad', () => {
    expect(cleanSnippet(`<p>${FIRST_HALF}</p>\n<p>${SECOND_HALF}</p>`).text).toBe(JOINED);
  });

  it('joins when only an empty block sits between', () => {
    expect(cleanSnippet(`<p>${FIRST_HALF}</p><div> </div><p>${SECOND_HALF}</p>`).text).toBe(JOINED);
  });

  it('leaves paragraphs apart when the first one ends a sentence or the second starts one', () => {
    const sentence = `<p>${FIRST_HALF}.</p><p>${SECOND_HALF}</p>`;
    expect(cleanSnippet(sentence).removals).toEqual([]);
    expect(toMarkdownOf(sentence)).toBe(`${FIRST_HALF}.\n\n${SECOND_HALF}\n`);
    const capital = `<p>${FIRST_HALF}</p><p>And its allies are preparing.</p>`;
    expect(toMarkdownOf(capital)).toBe(`${FIRST_HALF}\n\nAnd its allies are preparing.\n`);
  });

  it('does not join across a picture', () => {
    const html = `<p>${FIRST_HALF}</p><div><img src="https://x.example/a.jpg" alt="A tank"></div><p>${SECOND_HALF}</p>`;
    expect(toMarkdownOf(html)).toBe(
      `${FIRST_HALF}\n\n![A tank](https://x.example/a.jpg)\n\n${SECOND_HALF}\n`,
    );
  });
});

describe('unsafe-content', () => {
  it('removes scripts, styles, frames and event handlers, and unlinks javascript:/data: links', () => {
    const cleaned = cleanSnippet(
      '<p onclick="steal()">Text <a href="javascript:alert(1)">click</a> and <a href="data:text/html,x">data</a>.</p><iframe src="https://evil.example/"></iframe><style>p{}</style>',
    );
    const html = cleaned.root.innerHTML;
    expect(html).not.toMatch(/onclick|javascript:|data:|<iframe|<style/);
    expect(cleaned.text).toBe('Text click and data.');
    expect(cleaned.removals.some((removal) => removal.ruleId === 'unsafe-content')).toBe(true);
  });

  it('keeps ordinary links and images', () => {
    const cleaned = cleanSnippet(
      '<p>See <a href="https://example.org/report">the report</a>. <img src="https://example.org/a.png" alt="chart"></p>',
    );
    expect(cleaned.removals).toEqual([]);
    expect(cleaned.root.querySelector('a')?.getAttribute('href')).toBe(
      'https://example.org/report',
    );
  });
});

describe('absolute-urls', () => {
  it('resolves links and images against the page URL, and takes a lazy image source', () => {
    const cleaned = cleanSnippet(
      '<p><a href="/2019/other.html">other</a> <img src="data:image/gif;base64,R0lGOD" data-src="img/a.jpg" alt="A dam"></p>',
      { url: 'https://news.example.org/2019/11/article.html' },
    );
    expect(cleaned.root.querySelector('a')?.getAttribute('href')).toBe(
      'https://news.example.org/2019/other.html',
    );
    expect(cleaned.root.querySelector('img')?.getAttribute('src')).toBe(
      'https://news.example.org/2019/11/img/a.jpg',
    );
    expect(cleaned.root.querySelector('img')?.getAttribute('alt')).toBe('A dam');
  });

  it('leaves in-page anchors alone', () => {
    const cleaned = cleanSnippet(
      '<p>See <a href="#notes">the notes</a> below, which list every source.</p>',
    );
    expect(cleaned.root.querySelector('a')?.getAttribute('href')).toBe('#notes');
  });
});

describe('empty-blocks', () => {
  it('drops blocks left without text, but keeps images and rules', () => {
    const cleaned = cleanSnippet(
      '<div><p> </p><span></span></div><p>Kept paragraph of the article text.</p><figure><img src="https://x.example/a.jpg" alt=""></figure><hr>',
    );
    expect(cleaned.root.innerHTML.replace(/\s+/g, '')).toBe(
      '<p>Keptparagraphofthearticletext.</p><figure><imgsrc="https://x.example/a.jpg"alt=""></figure><hr>',
    );
  });
});

describe('switching rules off', () => {
  it('skips a disabled rule', () => {
    const html = '<p>Article text that stays in the body of the page.</p><p>Advertisement</p>';
    expect(cleanSnippet(html).text).toBe('Article text that stays in the body of the page.');
    expect(cleanSnippet(html, { disabled: new Set(['advertisement-label']) }).text).toBe(
      'Article text that stays in the body of the page. Advertisement',
    );
  });
});

function toMarkdownOf(html: string): string {
  return toMarkdown(cleanSnippet(html).root);
}

describe('over-cleaning guard', () => {
  it('undoes the rules when they would remove nearly all of the article', () => {
    // Every block here looks like a credit line to the rules; the article is what is left.
    const html =
      '<p>Photo: Reuters</p><p>Photo: AP</p><p>Photo: AFP</p><p>Photo: EPA</p><p>Photo: Getty</p>';
    const cleaned = cleanSnippet(html);
    expect(cleaned.text).toBe('Photo: Reuters Photo: AP Photo: AFP Photo: EPA Photo: Getty');
    expect(cleaned.removals.map((removal) => removal.ruleId)).toEqual(['over-cleaning-guard']);
  });
});

describe('site profile removals', () => {
  it("removes the profile's selectors after the generic rules, logged as site-profile", () => {
    const page = parseHtml(
      '<html><body><div id="a"><p>Article text that stays in the body.</p><p class="promo">House promotion for the site.</p></div></body></html>',
      'https://news.example.org/x.html',
    );
    const cleaned = cleanArticle(articleAt(page, '#a'), {
      profile: { hosts: ['news.example.org'], remove: ['.promo'] },
    });
    const text = toPlainText(cleaned.root);
    page.close();
    expect(text).toBe('Article text that stays in the body.');
    expect(cleaned.removals).toEqual([
      {
        ruleId: 'site-profile',
        reason: 'site profile selector .promo',
        snippet: 'House promotion for the site.',
      },
    ]);
  });
});
