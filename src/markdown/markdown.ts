/// <reference path="./turndown-plugin-gfm.d.ts" />
// Markdown and plain text of the cleaned article.
// Markdown: Turndown with GFM tables, ATX headings, "-" bullets, "*" emphasis and fenced code;
// our own needs are Turndown rules (a plugin), never regexes over the Markdown it produced.
// Plain text: the text a reader sees, one block per paragraph, blank lines between blocks.
import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';

/** Inline elements Markdown has no syntax for; kept as HTML so "17<sup>th</sup>" survives. */
const INLINE_HTML: TurndownService.TagName[] = ['sup', 'sub'];
/** Foreign (non-HTML) content that Markdown cannot hold. */
const FOREIGN_CONTENT = 'svg, math';
/** Parts of a table, which Turndown's GFM rules only take inside a <table>. */
const TABLE_PARTS = 'tr, td, th, thead, tbody, tfoot, caption';
/** A "<" that a Markdown renderer would read as the start of a tag or comment. */
const TAG_START = /<(?=[A-Za-z/!?])/g;
/** The same, for testing: a global regex keeps its position between test() calls. */
const HAS_TAG_START = new RegExp(TAG_START.source);
/** Attributes Turndown writes into the Markdown as they are (an image's alt, a title). */
const TAG_ATTRIBUTES = ['alt', 'title'];
/** "](" in code text would read as a link target to a careless renderer. */
const LINK_TARGET = /\]\(/;
/** Elements that start a new block of text in toPlainText. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
]);
/** Table cells: their text is separated by a space, not a new block. */
const CELL_ELEMENTS = new Set(['td', 'th']);

const turndown = createTurndown();

/** The article as Markdown, ending with exactly one newline. */
export function toMarkdown(root: Element): string {
  const markdown = turndown.turndown(prepareForMarkdown(root) as unknown as HTMLElement).trim();
  return markdown ? `${markdown}\n` : '';
}

/** The article's visible text: paragraphs separated by blank lines, line breaks kept. */
export function toPlainText(root: Element): string {
  const blocks: string[] = [];
  let current = '';
  const flush = (): void => {
    const block = current
      .split('\n')
      .map((line) => line.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter((line) => line)
      .join('\n');
    if (block) blocks.push(block);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === node.TEXT_NODE) {
      current += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== node.ELEMENT_NODE) return;
    const name = (node as Element).localName;
    if (name === 'br') {
      current += '\n';
      return;
    }
    if (name === 'img') {
      return;
    }
    const isBlock = BLOCK_ELEMENTS.has(name);
    if (isBlock) flush();
    if (CELL_ELEMENTS.has(name)) current += ' ';
    for (const child of node.childNodes) walk(child);
    if (CELL_ELEMENTS.has(name)) current += ' ';
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}

/**
 * What Turndown cannot take, fixed on a copy: SVG has no Markdown form and MathML keeps only its
 * text (<svg><th> and <math><tr> are not HTML); table cells whose table is outside the article
 * (Readability may pick a <td> as the article) become plain blocks; and a "<" that reads as a tag
 * in the alt or title that Turndown copies into the Markdown becomes an entity, as in text.
 */
function prepareForMarkdown(root: Element): Element {
  const orphanCell = (element: Element): boolean => !element.parentElement?.closest('table');
  const tagInAttribute = (element: Element): boolean =>
    TAG_ATTRIBUTES.some((name) => HAS_TAG_START.test(element.getAttribute(name) ?? ''));
  const needsWork =
    root.querySelector(FOREIGN_CONTENT) !== null ||
    [...root.querySelectorAll(TABLE_PARTS)].some((part) => !root.contains(part.closest('table'))) ||
    [...root.querySelectorAll('img, a')].some(tagInAttribute);
  if (!needsWork) return root;
  const copy = root.cloneNode(true) as Element;
  for (const element of copy.querySelectorAll('img, a')) {
    for (const name of TAG_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null) element.setAttribute(name, value.replace(TAG_START, '&lt;'));
    }
  }
  for (const element of copy.querySelectorAll(FOREIGN_CONTENT)) {
    if (!copy.contains(element)) continue;
    element.replaceWith(element.localName === 'math' ? (element.textContent ?? '') : '');
  }
  for (const part of copy.querySelectorAll(TABLE_PARTS)) {
    if (!orphanCell(part)) continue;
    const block = copy.ownerDocument.createElement('div');
    block.append(...part.childNodes);
    part.replaceWith(block);
  }
  return copy;
}

/** Code whose text holds a tag or a Markdown link target, which we never write verbatim. */
function hasTagText(node: Node): boolean {
  const text = node.textContent ?? '';
  return HAS_TAG_START.test(text) || LINK_TARGET.test(text);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\]\(/g, '&#93;(');
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    codeBlockStyle: 'fenced',
    fence: '```',
    hr: '---',
    linkStyle: 'inlined',
  });
  service.use(gfm);
  // Kept as bare HTML tags: the page's attributes on them are never copied.
  service.addRule('inline-html', {
    filter: INLINE_HTML,
    replacement: (content, node) =>
      `<${node.nodeName.toLowerCase()}>${content}</${node.nodeName.toLowerCase()}>`,
  });
  // Text that reads like a tag ("<script>" written out in an article) must stay text: as an
  // entity it renders as "<" and never as HTML.
  const escapeMarkdown = service.escape.bind(service);
  service.escape = (text: string): string => escapeMarkdown(text).replace(TAG_START, '&lt;');
  // Code is literal in Markdown, so an entity would show as "&lt;": code that contains a tag
  // is written as HTML code instead, escaped, which renders the same text and never runs.
  service.addRule('code-with-tags', {
    filter: (node) => node.nodeName === 'PRE' && hasTagText(node),
    replacement: (_content, node) =>
      `\n\n<pre><code>${escapeHtml(node.textContent ?? '')}</code></pre>\n\n`,
  });
  service.addRule('inline-code-with-tags', {
    filter: (node) =>
      node.nodeName === 'CODE' && node.parentNode?.nodeName !== 'PRE' && hasTagText(node),
    replacement: (_content, node) => `<code>${escapeHtml(node.textContent ?? '')}</code>`,
  });
  return service;
}
