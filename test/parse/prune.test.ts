// pruneHtml: what goes (scripts, styles, comments, SVG), what stays (JSON-LD, noscript, text),
// and the tokenizer rules that decide where each of them ends. On real pages, the pruned text
// must build the same tree as the full text with those nodes removed afterwards.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/decode/decode.js';
import { pruneHtml } from '../../src/parse/prune.js';
import { describeWithCorpus, readabilityPages, readGzip, zytePages } from '../helpers/corpus.js';

describe('pruneHtml: removals', () => {
  it('drops scripts of every type but JSON-LD', () => {
    const html =
      '<p>a</p><script>var x = "<p>";</script><script type="module">import x</script>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script>' +
      "<SCRIPT TYPE='Application/LD+JSON'>{}</SCRIPT><p>b</p>";
    expect(pruneHtml(html)).toBe(
      '<p>a</p><script type="application/ld+json">{"@type":"NewsArticle"}</script>' +
        "<SCRIPT TYPE='Application/LD+JSON'>{}</SCRIPT><p>b</p>",
    );
  });

  it('drops styles, SCSS included', () => {
    const html = '<style>.a { &:hover { color: red; } @include x; }</style><p>kept</p>';
    expect(pruneHtml(html)).toBe('<p>kept</p>');
  });

  it('drops comments, including the empty forms and --!>', () => {
    expect(pruneHtml('a<!-- one -->b<!-->c<!--->d<!-- two --!>e')).toBe('abcde');
  });

  it('drops SVG subtrees, nested ones and self-closing ones', () => {
    const html =
      '<p>x</p><svg viewBox="0 0 1 1"><title>Share</title><g><svg><path d="M0"/></svg></g></svg>' +
      '<svg/><p>y</p>';
    expect(pruneHtml(html)).toBe('<p>x</p><p>y</p>');
  });

  it('keeps <noscript>, whose content is markup when scripting is off', () => {
    const html = '<noscript><img src="a.jpg" alt="photo"></noscript>';
    expect(pruneHtml(html)).toBe(html);
  });

  it('returns the same string when there is nothing to drop', () => {
    const html = '<html><body><p>plain</p></body></html>';
    expect(pruneHtml(html)).toBe(html);
  });
});

describe('pruneHtml: tokenizer rules', () => {
  it('ends a script at </script> followed by space, / or >, and not at </scripts>', () => {
    expect(pruneHtml('<script>a</scripts>b</script >c')).toBe('c');
    expect(pruneHtml('<script>a</script foo="bar">c')).toBe('c');
  });

  it('does not end a script at a </script> written inside an escaped document.write', () => {
    const html =
      '<script><!--\ndocument.write("<script src=x></script>");\n//--></script><p>after</p>';
    expect(pruneHtml(html)).toBe('<p>after</p>');
  });

  it('ends a script at the first </script> when its <!-- is closed first', () => {
    expect(pruneHtml('<script><!-- x --></script><p>after</p>')).toBe('<p>after</p>');
    expect(pruneHtml('<script><!--></script><p>after</p>')).toBe('<p>after</p>');
  });

  it('treats markup inside quoted attribute values as text', () => {
    const html = '<div data-a="<script>" title=\'<!--\'>kept</div><p>-->still kept</p>';
    expect(pruneHtml(html)).toBe(html);
  });

  it('treats markup inside <title>, <textarea> and <iframe> as text', () => {
    const html =
      '<title>A <!-- not a comment --> title</title><textarea><script>x</script></textarea>' +
      '<iframe><style>p{}</style></iframe>';
    expect(pruneHtml(html)).toBe(html);
  });

  it('leaves an <svg> alone when an HTML tag would break out of it', () => {
    const html = '<svg><p>the tree builder closes the svg here</p></svg>';
    expect(pruneHtml(html)).toBe(html);
  });

  it('leaves unterminated constructs to jsdom', () => {
    expect(pruneHtml('<p>a</p><script>never closed')).toBe('<p>a</p><script>never closed');
    expect(pruneHtml('<p>a</p><!-- never closed')).toBe('<p>a</p><!-- never closed');
    expect(pruneHtml('<p>a</p><svg><g>never closed')).toBe('<p>a</p><svg><g>never closed');
  });

  it('keeps a script after an unterminated tag untouched', () => {
    expect(pruneHtml('<p title="open>text<script>x</script>')).toBe(
      '<p title="open>text<script>x</script>',
    );
  });
});

/** Real pages whose tree is compared node for node (full jsdom parses are slow). */
const SAMPLE_SIZE = 6;
const silentConsole = new VirtualConsole();

/** The reference: parse everything, then remove what pruneHtml drops from the text. */
function referenceTree(html: string): string | undefined {
  let dom: JSDOM;
  try {
    dom = new JSDOM(html, { virtualConsole: silentConsole });
  } catch {
    return undefined;
  }
  const { document } = dom.window;
  for (const element of document.querySelectorAll(
    'script:not([type="application/ld+json" i]), style, svg',
  )) {
    element.remove();
  }
  const comments = document.createTreeWalker(document, dom.window.NodeFilter.SHOW_COMMENT);
  const found: Node[] = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  for (const comment of found) comment.parentNode?.removeChild(comment);
  const tree = document.documentElement.outerHTML;
  dom.window.close();
  return tree;
}

function prunedTree(html: string): string {
  const dom = new JSDOM(pruneHtml(html), { virtualConsole: silentConsole });
  const tree = dom.window.document.documentElement.outerHTML;
  dom.window.close();
  return tree;
}

describeWithCorpus('pruneHtml on real pages', () => {
  const sample = [
    ...zytePages()
      .slice(0, SAMPLE_SIZE / 2)
      .map((page) => [`zyte ${page.id.slice(0, 12)}`, page.path]),
    ...readabilityPages()
      .slice(0, SAMPLE_SIZE / 2)
      .map((page) => [`readability ${page.name}`, page.path]),
  ];
  it.each(sample)('%s builds the same tree as full parsing', (_name, path) => {
    const { html } = decodeBytes(readGzip(path), undefined);
    const reference = referenceTree(html);
    expect(reference).toBeDefined();
    expect(prunedTree(html)).toBe(reference);
  });
});

describe('pruneHtml: nesting deeper than browsers build', () => {
  it('flattens containers past depth 512, keeping their content, and leaves shallower ones alone', () => {
    const depth = 2000;
    const html = `${'<div>'.repeat(depth)}<p>deep text</p>${'</div>'.repeat(depth)}<div>after</div>`;
    const pruned = pruneHtml(html);
    expect(pruned).toBe(
      `${'<div>'.repeat(512)}<p>deep text</p>${'</div>'.repeat(512)}<div>after</div>`,
    );
    const shallow = `${'<section>'.repeat(100)}x${'</section>'.repeat(100)}`;
    expect(pruneHtml(shallow)).toBe(shallow);
  });
});
