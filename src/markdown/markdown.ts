/// <reference path="./turndown-plugin-gfm.d.ts" />
// Markdown and plain text of the cleaned article.
// Markdown: Turndown with GFM tables, ATX headings, "-" bullets, "*" emphasis and fenced code;
// our own needs are Turndown rules (a plugin), never regexes over the Markdown it produced.
// Plain text: the text a reader sees, one block per paragraph, blank lines between blocks.
import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';

/** Inline elements Markdown has no syntax for; kept as HTML so "17<sup>th</sup>" survives. */
const INLINE_HTML: TurndownService.TagName[] = ['sup', 'sub'];
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
  const markdown = turndown.turndown(root as unknown as HTMLElement).trim();
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
  service.keep(INLINE_HTML);
  return service;
}
