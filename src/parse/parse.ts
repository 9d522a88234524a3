// Text → a live jsdom document, pageDocument as cheaply and as safely as jsdom allows: scripts,
// styles, comments and SVG are pruned from the text first (prune.ts), the document shares one
// window per thread (document-factory.ts), no script runs, no subresource loads, and jsdom's
// own console noise ("Could not parse CSS stylesheet") is swallowed. The caller must call
// close() when done with the document.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StetError } from '../errors.js';
import { STDIN_INPUT } from '../fetch/input.js';
import type { DecodedPage, ParsedPage } from '../types.js';
import {
  createPageDocument,
  DEFAULT_DOCUMENT_PATH,
  type DocumentPath,
  type PageDocument,
} from './document-factory.js';
import { pruneHtml } from './prune.js';

/** `<link rel=canonical>` and `<meta property=og:url>`: where a saved page names its URL. */
const URL_DECLARING_TAG = /<(link|meta)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** `path`: plain-jsdom to parse a page again when the shared window failed on it. */
export function parsePage(
  page: DecodedPage,
  path: DocumentPath = DEFAULT_DOCUMENT_PATH,
): ParsedPage {
  const html = pruneHtml(page.html);
  const url = baseUrl(page, html);
  let pageDocument: PageDocument;
  try {
    pageDocument = createPageDocument(html, url, path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StetError('parse.html', page.input, `could not parse HTML: ${message}`, {
      cause: error,
    });
  }
  return {
    input: page.input,
    url,
    document: pageDocument.document,
    fetchedAt: page.fetchedAt,
    parseAgain: () => createPageDocument(html, url, pageDocument.path).document,
    close: () => pageDocument.release(),
  };
}

/**
 * The URL relative links resolve against: the page's own http(s) URL; for a saved page
 * without one, the canonical URL it declares (absolute http(s) only); else the file itself.
 */
function baseUrl(page: DecodedPage, html: string): string | undefined {
  const pageUrl = httpUrl(page.url);
  if (pageUrl !== undefined) return pageUrl;
  const declared = declaredUrl(html);
  if (declared !== undefined) return declared;
  if (page.input === STDIN_INPUT) return undefined;
  return pathToFileURL(resolve(page.input)).href;
}

function declaredUrl(html: string): string | undefined {
  let ogUrl: string | undefined;
  for (const [, tag, attributeText] of html.matchAll(URL_DECLARING_TAG)) {
    const attributes = parseAttributes(attributeText ?? '');
    if (tag?.toLowerCase() === 'link') {
      const rel = attributes.get('rel')?.toLowerCase().split(/\s+/) ?? [];
      const canonical = rel.includes('canonical') ? httpUrl(attributes.get('href')) : undefined;
      if (canonical !== undefined) return canonical;
    } else if (ogUrl === undefined && attributes.get('property')?.toLowerCase() === 'og:url') {
      ogUrl = httpUrl(attributes.get('content'));
    }
  }
  return ogUrl;
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!attributes.has(name)) {
      attributes.set(name, decodeBasicEntities(match[2] ?? match[3] ?? match[4] ?? ''));
    }
  }
  return attributes;
}

/** Query strings in attributes are escaped as `&amp;` (or `&#38;`); undo that much. */
function decodeBasicEntities(value: string): string {
  return value.replace(/&amp;|&#0*38;|&#x0*26;/gi, '&').trim();
}

/** `url` when it is an absolute http(s) URL, normalised; otherwise undefined. */
function httpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
