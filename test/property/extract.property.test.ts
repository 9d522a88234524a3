// Cleaning and Markdown conversion never throw on random HTML. Two levels:
//   - cleanArticle + toMarkdown + toPlainText on any parsed tree: never throw, and the Markdown
//     never carries a script, an event handler or a javascript:/data: link target;
//   - the whole extractPage pipeline: returns a document, or throws a StetError with a stable
//     code (a page with no article is `extract.empty`) — never a TypeError from deep inside.
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/clean/clean.js';
import { isStetError } from '../../src/errors.js';
import { toMarkdown, toPlainText } from '../../src/markdown/markdown.js';
import { extractPage } from '../../src/pipeline.js';
import type { FetchedPage } from '../../src/types.js';

const CLEAN_RUNS = 400;
const PIPELINE_RUNS = 60;
/**
 * A whole-pipeline run costs tens of milliseconds, and shrinking a failure can take hundreds
 * of runs; report the first failing page as found instead.
 */
const PIPELINE_SETTINGS = { numRuns: PIPELINE_RUNS, endOnFailure: true };
const PAGE_URL = 'https://news.example/2026/11/25/story';
/** Codes a random page may legitimately end with: there is no article in it. */
const EXPECTED_FAILURES = new Set(['extract.empty']);

const TAGS = [
  'p',
  'div',
  'span',
  'a',
  'img',
  'table',
  'tr',
  'td',
  'th',
  'ul',
  'ol',
  'li',
  'pre',
  'code',
  'h1',
  'h2',
  'h3',
  'blockquote',
  'em',
  'strong',
  'sup',
  'sub',
  'br',
  'hr',
  'figure',
  'figcaption',
  'section',
  'article',
  'aside',
  'nav',
  'footer',
  'header',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'script',
  'style',
  'iframe',
  'svg',
  'math',
  'noscript',
  'template',
  'object',
  'embed',
  'video',
  'picture',
  'source',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'label',
  'time',
  'font',
  'center',
  'marquee',
  'x-custom',
  'o:p',
];
const ATTRIBUTE_NAMES = [
  'class',
  'id',
  'href',
  'src',
  'alt',
  'title',
  'onclick',
  'onerror',
  'style',
  'srcset',
  'data-src',
  'role',
  'hidden',
  'lang',
  'dir',
];
const ATTRIBUTE_VALUES = [
  'share',
  'related',
  'comments',
  'newsletter',
  'subscribe',
  'copyright',
  'nav',
  'footer',
  'javascript:alert(1)',
  ' JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'https://example.org/a?b=1&c=2',
  '/relative/path',
  '../up',
  '#frag',
  '',
  '"><script>alert(1)</script>',
  'x onerror=alert(1)',
  'display:none',
  'rtl',
];
const TEXTS = [
  'The harbour wall will be rebuilt before winter, the council said on Tuesday.',
  'Share this article',
  'Read more',
  'Subscribe to our newsletter',
  '© 2026 All rights reserved',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;',
  '&nbsp;',
  '&#0;',
  '&#xD800;',
  '&bogus;',
  '* not a list',
  '# not a heading',
  '1. not a list',
  '`code`',
  '[link](javascript:x)',
  '|',
  '\\',
  ']]>',
  '<!--',
  '-->',
  '<![CDATA[x]]>',
  '\u0000',
  '\uFEFF',
  '\u202E',
  'é',
  '👩🏽‍💻',
  'ك',
  '　',
];

interface Node {
  readonly tag: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly (Node | string)[];
}

const attribute = fc.tuple(
  fc.constantFrom(...ATTRIBUTE_NAMES),
  fc.constantFrom(...ATTRIBUTE_VALUES),
);
const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 40 }));

const tree = fc.letrec<{ node: Node; child: Node | string }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attributes: fc.array(attribute, { maxLength: 3 }),
    children: fc.array(tie('child'), { maxLength: 5 }),
  }),
  child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('node')),
})).node;

function escapeAttribute(value: string): string {
  return value.replace(/&(?![a-z#0-9]+;)/gi, '&amp;').replace(/"/g, '&quot;');
}

function render(node: Node | string): string {
  if (typeof node === 'string') return node;
  const attributes = node.attributes
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<${node.tag}${attributes}>${node.children.map(render).join('')}</${node.tag}>`;
}

/** Well-formed trees, and the same trees cut at a random point (unclosed tags, half a tag). */
const randomHtml = fc.oneof(
  fc.array(tree, { minLength: 1, maxLength: 4 }).map((nodes) => nodes.map(render).join('')),
  fc.tuple(fc.array(tree, { minLength: 1, maxLength: 4 }), fc.nat()).map(([nodes, cut]) => {
    const html = nodes.map(render).join('');
    return html.slice(0, cut % (html.length + 1));
  }),
  fc
    .array(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<div',
        '>',
        '<',
        '</',
        '<a href="',
        '"',
        '<table><td>',
        '<li>',
        '<!--',
        '<script>',
        '</script>',
        '<svg><p>',
        'text ',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
);

function page(body: string): FetchedPage {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Random page</title></head><body>${body}</body></html>`;
  return {
    input: PAGE_URL,
    url: PAGE_URL,
    requestedUrl: PAGE_URL,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    redirects: [],
    body: Buffer.from(html, 'utf8'),
    fetchedAt: new Date('2026-11-25T12:00:00Z'),
  };
}

const UNSAFE_IN_MARKDOWN =
  /<script|<iframe|<object|<embed|<[a-z][^>]*\son[a-z]+\s*=|(?<!\\)\]\(\s*(?:javascript|vbscript|data):/i;

describe('cleaning and Markdown conversion (property)', () => {
  it('clean + toMarkdown + toPlainText never throw', () => {
    // One window for every run (a new JSDOM per run costs ~50 ms); the tree is set with
    // innerHTML, so scripts and styles reach the rules too (parsePage would prune them).
    const { document } = new JSDOM('<!DOCTYPE html><body></body>', { url: PAGE_URL }).window;
    fc.assert(
      fc.property(randomHtml, (body) => {
        const root = document.createElement('div');
        root.innerHTML = body;
        const cleaned = cleanArticle({ root, title: 'Random page' });
        const markdown = toMarkdown(cleaned.root);
        expect(markdown === '' || markdown.endsWith('\n')).toBe(true);
        expect(typeof toPlainText(cleaned.root)).toBe('string');
      }),
      { numRuns: CLEAN_RUNS },
    );
  });

  it('extractPage returns a document or a StetError with an expected code', () => {
    fc.assert(
      fc.property(randomHtml, (body) => {
        try {
          extractPage(page(body));
        } catch (error) {
          if (!isStetError(error)) throw error;
          expect(EXPECTED_FAILURES.has(error.code), `${error.code}: ${error.message}`).toBe(true);
        }
      }),
      PIPELINE_SETTINGS,
    );
  });

  it('the Markdown never carries a script, a handler or a javascript:/data: link', () => {
    fc.assert(
      fc.property(randomHtml, (body) => {
        let markdown: string;
        try {
          markdown = extractPage(page(body)).document.markdown;
        } catch (error) {
          if (isStetError(error)) return;
          throw error;
        }
        expect(markdown).not.toMatch(UNSAFE_IN_MARKDOWN);
      }),
      PIPELINE_SETTINGS,
    );
  });
});
