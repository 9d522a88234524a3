// Builds the values the extract/clean/markdown tests work on from real HTML: the bundled
// reference page, a corpus page, or a small snippet. Parsing goes through the real decode and
// parse stages, so the tests see what the pipeline sees.
import { readFileSync } from 'node:fs';
import { type ArticleToClean, cleanArticle } from '../../src/clean/clean.js';
import { decodePage } from '../../src/decode/decode.js';
import { extractArticle } from '../../src/extract/extract.js';
import { savedPage } from '../../src/fetch/input.js';
import { toPlainText } from '../../src/markdown/markdown.js';
import { parsePage } from '../../src/parse/parse.js';
import type { CleanedArticle, ParsedPage } from '../../src/types.js';
import { CORPUS_DIR, readabilityPagePath, readGzip, zytePages } from '../helpers/corpus.js';
import { REFERENCE_PAGE, REFERENCE_URL } from '../helpers/reference-page.js';

export function parseHtml(html: string | Uint8Array, url: string, input = url): ParsedPage {
  const body = typeof html === 'string' ? new TextEncoder().encode(html) : html;
  return parsePage(decodePage(savedPage(input, url, body, new Date('2026-01-01T00:00:00Z'))));
}

export function parseReferencePage(): ParsedPage {
  return parseHtml(readFileSync(REFERENCE_PAGE), REFERENCE_URL, REFERENCE_PAGE);
}

/** Pages of ../shared/corpus/readability are named by this prefix and their directory name. */
const READABILITY_PREFIX = 'readability/';

/**
 * A zyte corpus page by the start of its id, parsed with its original URL; or a page of the
 * readability corpus as `readability/<name>` (that corpus keeps no URL, so it gets one).
 */
export function parseCorpusPage(idPrefix: string): ParsedPage {
  if (idPrefix.startsWith(READABILITY_PREFIX)) {
    const name = idPrefix.slice(READABILITY_PREFIX.length);
    const path = readabilityPagePath(name);
    return parseHtml(readGzip(path), `https://pages.example.org/${name}/`, path);
  }
  const page = zytePages().find((candidate) => candidate.id.startsWith(idPrefix));
  if (!page) throw new Error(`no corpus page ${idPrefix} in ${CORPUS_DIR}`);
  return parseHtml(readGzip(page.path), page.url, page.path);
}

/** Treats `selector`'s element as the extracted article, the way a test of one rule needs. */
export function articleAt(page: ParsedPage, selector: string, title?: string): ArticleToClean {
  const root = page.document.querySelector(selector);
  if (!root) throw new Error(`no ${selector} in ${page.input}`);
  return { root, title };
}

/** Cleans a snippet of HTML (wrapped in a <div>) and returns the result and its text. */
export function cleanSnippet(
  html: string,
  options: { title?: string; url?: string; disabled?: ReadonlySet<string> } = {},
): CleanedArticle & { text: string } {
  const page = parseHtml(
    `<!DOCTYPE html><html><head><title>t</title></head><body><div id="article">${html}</div></body></html>`,
    options.url ?? 'https://news.example.org/2019/11/article.html',
  );
  const cleaned = cleanArticle(articleAt(page, '#article', options.title), {
    ...(options.disabled && { disabled: options.disabled }),
  });
  return { ...cleaned, text: toPlainText(cleaned.root).replace(/\s+/g, ' ') };
}

/** The text stet keeps of a corpus page (extract + clean); the page is closed. */
export function cleanedCorpusText(idPrefix: string): string {
  const { page, cleaned } = cleanCorpusPage(idPrefix);
  const text = cleaned.root.textContent ?? '';
  page.close();
  return text;
}

/** The full extract + clean stages on a corpus page. The caller closes the page. */
export function cleanCorpusPage(idPrefix: string): { page: ParsedPage; cleaned: CleanedArticle } {
  const page = parseCorpusPage(idPrefix);
  const cleaned = cleanArticle(extractArticle(page, undefined));
  return { page, cleaned };
}
