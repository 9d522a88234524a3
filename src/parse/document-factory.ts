// jsdom documents without a window per page. `new JSDOM()` builds a whole Window for every
// page — several hundred interface classes installed on a fresh global, plus one more Window
// for every <iframe> in the page — which cost about half of the parse time on the zyte corpus
// (BENCHMARKS.md). Here one Window is created per thread, and each page gets a new Document
// created against it, as jsdom's own DOMParser does, except that the document's URL is the
// page's URL (DOMParser would give every document the window's URL).
//
// Documents of a shared window must not be kept alive by it; two jsdom habits would do that,
// and both are undone here (see the comments below). With them undone, memory stays flat over
// thousands of pages; without them it grew by about 8 MB a page.
//
// This reaches into six jsdom modules that are not part of its documented API (jsdom is pinned
// to an exact version for that reason). At load, every internal the shared window needs is
// looked up and its shape checked; when any is missing, or STET_PLAIN_JSDOM=1 is set, each page
// gets a plain `new JSDOM()` instead: slower, the same output. A page whose shared-window parse
// fails inside jsdom (a TypeError) is parsed again the plain way rather than lost.
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
  implForWrapper(wrapper: unknown): { _eventListeners: Record<string, unknown> };
}

/** A node of jsdom's implementation tree; elements carry their local name. */
interface NodeImpl {
  readonly nodeType: number;
  readonly _localName?: string;
}

interface NodeListInterface {
  create(
    globalObject: unknown,
    constructorArgs: readonly unknown[],
    privateData: { readonly nodes: readonly NodeImpl[] },
  ): NodeList;
}

interface SymbolTree {
  treeIterator(root: unknown): Iterable<NodeImpl>;
}

interface HtmlParser {
  parseIntoDocument(html: string, document: DocumentImpl): void;
}

interface ElementImpl {
  readonly _ownerDocument: { readonly _defaultView: unknown };
}

/** jsdom's bookkeeping of elements with an id or name, for named access on `window`. */
interface WindowProperties {
  elementAttached(element: ElementImpl): void;
  elementAttributeModified(element: ElementImpl, ...change: unknown[]): void;
}

/** The jsdom internals the shared window uses, each found and of the expected shape. */
interface SharedWindowInternals {
  readonly DocumentIdl: DocumentInterface;
  readonly idlUtils: IdlUtils;
  readonly htmlParser: HtmlParser;
  readonly windowProperties: WindowProperties;
  readonly NodeListIdl: NodeListInterface;
  readonly domSymbolTree: SymbolTree;
}

/** How pages become documents: one shared Window per thread, or a whole `new JSDOM()` each. */
export type DocumentPath = 'shared-window' | 'plain-jsdom';

const require = createRequire(import.meta.url);

function hasFunctions(value: unknown, ...names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === 'function');
}

/** undefined when any internal is missing or has changed shape. */
function loadSharedWindowInternals(): SharedWindowInternals | undefined {
  try {
    const DocumentIdl: unknown = require('jsdom/lib/generated/idl/Document.js');
    const idlUtils: unknown = require('jsdom/lib/generated/idl/utils.js');
    const htmlParser: unknown = require('jsdom/lib/jsdom/browser/parser/index.js');
    const windowProperties: unknown = require('jsdom/lib/jsdom/living/window-properties.js');
    const NodeListIdl: unknown = require('jsdom/lib/generated/idl/NodeList.js');
    const constants: unknown = require('jsdom/lib/jsdom/living/helpers/internal-constants.js');
    const domSymbolTree = (constants as { domSymbolTree?: unknown } | null)?.domSymbolTree;
    const wellFormed =
      hasFunctions(DocumentIdl, 'createImpl') &&
      hasFunctions(idlUtils, 'wrapperForImpl', 'implForWrapper') &&
      hasFunctions(htmlParser, 'parseIntoDocument') &&
      hasFunctions(windowProperties, 'elementAttached', 'elementAttributeModified') &&
      hasFunctions(NodeListIdl, 'create') &&
      hasFunctions(domSymbolTree, 'treeIterator');
    if (!wellFormed) return undefined;
    return {
      DocumentIdl: DocumentIdl as DocumentInterface,
      idlUtils: idlUtils as IdlUtils,
      htmlParser: htmlParser as HtmlParser,
      windowProperties: windowProperties as WindowProperties,
      NodeListIdl: NodeListIdl as NodeListInterface,
      domSymbolTree: domSymbolTree as SymbolTree,
    };
  } catch {
    return undefined;
  }
}

const internals = loadSharedWindowInternals();

/** The path pages take by default in this process; STET_PLAIN_JSDOM=1 forces plain-jsdom. */
export const DEFAULT_DOCUMENT_PATH: DocumentPath =
  internals === undefined || process.env.STET_PLAIN_JSDOM === '1' ? 'plain-jsdom' : 'shared-window';

// `window.someId` finds elements of the window's own document only; jsdom also files every
// element with an id or name of any document created against the window (ours, and the copies
// extract makes of them) under that window, for good, so no page could ever be collected.
// Elements of a document without a browsing context are not filed at all. (jsdom calls these
// functions through the module object, so replacing them takes effect everywhere.)
if (internals !== undefined) {
  const { windowProperties } = internals;
  const fileElement = windowProperties.elementAttached;
  const refileElement = windowProperties.elementAttributeModified;
  windowProperties.elementAttached = (element) => {
    if (element._ownerDocument._defaultView !== null) fileElement(element);
  };
  windowProperties.elementAttributeModified = (element, ...change) => {
    if (element._ownerDocument._defaultView !== null) refileElement(element, ...change);
  };
}

/** A console with no listeners: jsdom's errors ("Could not parse CSS stylesheet") go nowhere. */
const silentConsole = new VirtualConsole();
let sharedWindow: JSDOM['window'] | undefined;

/** `p` or `h1, h2`: lower-case element names only, which match by local name in any namespace. */
const ELEMENT_NAME_LIST = /^\s*[a-z][a-z0-9]*(?:\s*,\s*[a-z][a-z0-9]*)*\s*$/;
const ELEMENT_NODE = 1;

/**
 * Readability asks `querySelectorAll` for lists of element names several hundred times a page,
 * most of them on small subtrees, where jsdom's selector engine spends its time setting up
 * rather than matching (about 3 s of 19 s of CPU on the zyte corpus). Such a list is answered
 * by one walk of the implementation tree: the same elements in the same static NodeList, in
 * document order. Plain-jsdom windows get the walk too: with jsdom's engine answering them,
 * 8 of 311 corpus pages (all Hearst news sites) listed their removals in another order, so the
 * two paths would not give the same output. Every other selector goes to jsdom.
 */
function answerNameListsByWalking(
  window: JSDOM['window'],
  { idlUtils, domSymbolTree, NodeListIdl }: SharedWindowInternals,
): void {
  for (const Interface of [window.Element, window.Document]) {
    const prototype = Interface.prototype as {
      querySelectorAll(this: Node, selectors: string): NodeList;
    };
    const viaSelectorEngine = prototype.querySelectorAll;
    prototype.querySelectorAll = function (this: Node, selectors: string): NodeList {
      if (typeof selectors !== 'string' || !ELEMENT_NAME_LIST.test(selectors)) {
        return viaSelectorEngine.call(this, selectors);
      }
      const names = new Set(selectors.split(',').map((name) => name.trim()));
      const root = idlUtils.implForWrapper(this) as unknown as NodeImpl & {
        readonly _globalObject: unknown;
      };
      const found: NodeImpl[] = [];
      for (const node of domSymbolTree.treeIterator(root)) {
        if (node !== root && node.nodeType === ELEMENT_NODE && names.has(node._localName ?? '')) {
          found.push(node);
        }
      }
      return NodeListIdl.create(root._globalObject, [], { nodes: found });
    };
  }
}

export interface PageDocument {
  readonly document: Document;
  /** The path this page took (a shared-window failure is retried as plain-jsdom). */
  readonly path: DocumentPath;
  /** Done with the document (and any copies of it): lets them be garbage-collected. */
  release(): void;
}

/**
 * Parses `html` into a new Document whose URL is `url` (about:blank when undefined). No script
 * runs (scripting is off, so <noscript> content is parsed as markup) and nothing is fetched.
 * `path` is the default path unless a caller (a test, a retry) asks for plain-jsdom.
 */
export function createPageDocument(
  html: string,
  url: string | undefined,
  path: DocumentPath = DEFAULT_DOCUMENT_PATH,
): PageDocument {
  if (
    path === 'plain-jsdom' ||
    DEFAULT_DOCUMENT_PATH === 'plain-jsdom' ||
    internals === undefined
  ) {
    return plainDocument(html, url);
  }
  try {
    return sharedWindowDocument(html, url, internals);
  } catch (error) {
    if (!isJsdomInternalFailure(error)) throw error;
    return plainDocument(html, url);
  }
}

/**
 * A TypeError is what a changed or mishandled jsdom internal throws (`x is not a function`,
 * `Invalid value used as weak map key`); the same page on a plain JSDOM does not touch them.
 */
export function isJsdomInternalFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

function plainDocument(html: string, url: string | undefined): PageDocument {
  const { window } = new JSDOM(html, {
    virtualConsole: silentConsole,
    ...(url !== undefined && { url }),
  });
  if (internals !== undefined) answerNameListsByWalking(window, internals);
  return { document: window.document, path: 'plain-jsdom', release: () => window.close() };
}

function sharedWindowDocument(
  html: string,
  url: string | undefined,
  shared: SharedWindowInternals,
): PageDocument {
  if (sharedWindow === undefined) {
    sharedWindow = new JSDOM('', { virtualConsole: silentConsole }).window;
    answerNameListsByWalking(sharedWindow, shared);
  }
  const window = sharedWindow;
  const { DocumentIdl, htmlParser, idlUtils } = shared;
  const impl = DocumentIdl.createImpl(window, [], {
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
  const document = idlUtils.wrapperForImpl(impl);
  return {
    document,
    path: 'shared-window',
    // jsdom's selector engine registers focus and mouse listeners on the window for every
    // document it queries, and they keep that document alive. The shared window has no
    // listeners of its own, so dropping them all releases this page and its copies.
    release: () => {
      idlUtils.implForWrapper(window)._eventListeners = Object.create(null);
    },
  };
}
