// jsdom documents without a window per page. `new JSDOM()` builds a whole Window for every
// page — several hundred interface classes installed on a fresh global, plus one more Window
// for every <iframe> in the page — and that was about half of the parse time on the zyte
// corpus (BENCHMARKS.md). Here one Window is created per thread, and each page gets a new
// Document created against it, exactly as jsdom's own DOMParser does, except that the
// document's URL is the page's URL (DOMParser would give every document the window's URL).
//
// This reaches into three jsdom modules that are not part of its documented API; the test
// suite parses real pages through them, so a jsdom upgrade that moves them fails loudly.
import { createRequire } from 'node:module';
import { JSDOM, VirtualConsole } from 'jsdom';

interface DocumentImpl {
  readonly _globalObject: unknown;
}

interface DocumentInterface {
  createImpl(
    globalObject: unknown,
    constructorArgs: readonly unknown[],
    privateData: { readonly options: Readonly<Record<string, unknown>> },
  ): DocumentImpl;
}

interface IdlUtils {
  wrapperForImpl(impl: DocumentImpl): Document;
}

interface HtmlParser {
  parseIntoDocument(html: string, document: DocumentImpl): void;
}

const require = createRequire(import.meta.url);
const DocumentIdl = require('jsdom/lib/generated/idl/Document.js') as DocumentInterface;
const idlUtils = require('jsdom/lib/generated/idl/utils.js') as IdlUtils;
const htmlParser = require('jsdom/lib/jsdom/browser/parser/index.js') as HtmlParser;

/** A console with no listeners: jsdom's errors ("Could not parse CSS stylesheet") go nowhere. */
const silentConsole = new VirtualConsole();
/**
 * Documents created against one window before the next page gets a fresh one. jsdom keeps, per
 * window, every element with an id or name (for `window[id]` lookups) and the selector engine's
 * listeners of every queried document, so documents of one window are only collected together,
 * with their window. Retiring a window every few pages bounds that to a few pages' worth of
 * memory, at the cost of one empty window per batch (about 1 ms a page).
 */
const DOCUMENTS_PER_WINDOW = 16;

interface WindowGeneration {
  readonly window: JSDOM['window'];
  created: number;
  open: number;
}

let current: WindowGeneration | undefined;

export interface PageDocument {
  readonly document: Document;
  /** Done with the document; its window is closed once all of its documents are released. */
  release(): void;
}

/**
 * Parses `html` into a new Document whose URL is `url` (about:blank when undefined). No script
 * runs (the document has no browsing context and scripting is off, so <noscript> content is
 * parsed as markup) and nothing is fetched.
 */
export function createPageDocument(html: string, url: string | undefined): PageDocument {
  const generation = windowForNextDocument();
  const impl = DocumentIdl.createImpl(generation.window, [], {
    options: {
      parsingMode: 'html',
      contentType: 'text/html',
      encoding: 'UTF-8',
      readyState: 'complete',
      scriptingDisabled: true,
      ...(url !== undefined && { url }),
    },
  });
  htmlParser.parseIntoDocument(html, impl);
  let released = false;
  return {
    document: idlUtils.wrapperForImpl(impl),
    release: () => {
      if (released) return;
      released = true;
      generation.open--;
      if (generation !== current && generation.open === 0) generation.window.close();
    },
  };
}

function windowForNextDocument(): WindowGeneration {
  if (current === undefined || current.created >= DOCUMENTS_PER_WINDOW) {
    const retired = current;
    current = {
      window: new JSDOM('', { virtualConsole: silentConsole }).window,
      created: 0,
      open: 0,
    };
    if (retired !== undefined && retired.open === 0) retired.window.close();
  }
  current.created++;
  current.open++;
  return current;
}
