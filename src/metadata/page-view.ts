// Fast structural questions about a page, asked for thousands of elements per page: is this
// element page furniture (navigation, sidebar, comments)? is it inside the article? Class and
// id names are matched with regular expressions in one pass, and answers are memoised per
// element, because jsdom's CSS matching (`closest`, `[class*=…]`) and its live
// HTMLCollections (each iteration step is a named-property lookup) made metadata collection
// several times slower than parsing.

/** Class or id fragments of furniture whose bylines, dates and labels are not the article's. */
const NOISE_NAME =
  /comment|related|sidebar|widget|recommend|popular|trending|newsletter|more-stories|read-more|promo|teaser|footer/i;
const NOISE_TAGS = new Set(['NAV', 'ASIDE']);
const NOISE_ROLES = new Set(['navigation', 'complementary', 'contentinfo']);
/** Class fragments of the article's own container. */
const ARTICLE_NAME = /article|post/i;
const ARTICLE_TAGS = new Set(['ARTICLE', 'MAIN']);

const noiseMemo = new WeakMap<Element, boolean>();
const articleMemo = new WeakMap<Element, boolean>();
const headlineMemo = new WeakMap<
  Document,
  { headline: Element | undefined; around: Set<Element> }
>();

/**
 * The page's elements from one walk over the document, in document order: every element
 * (from <html> down) with its tag name. Collection classifies these with tag names and
 * attributes instead of asking jsdom's selector engine one query at a time.
 */
export interface PageElements {
  readonly all: readonly Element[];
  /** The localName of each element of `all`. */
  readonly localNames: readonly string[];
  /** The body's descendants are `all` from bodyStart up to (not including) bodyEnd. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** Elements of the body that have a class or an id, with both. */
  readonly named: readonly (readonly [Element, string])[];
  /** Each element's position in `all`. */
  readonly positions: ReadonlyMap<Element, number>;
}

// Collection reads the untouched page before Readability mutates it, so one walk serves every
// question asked of that document.
const elementsMemo = new WeakMap<Document, PageElements>();
/** The body's text nodes and their text, for the walks that look for "By …" and labels. */
const textsMemo = new WeakMap<Document, readonly (readonly [Text, string])[]>();

export function pageElements(document: Document): PageElements {
  let entry = elementsMemo.get(document);
  if (entry === undefined) {
    const all: Element[] = [];
    const root = document.documentElement;
    if (root !== null) {
      all.push(root);
      // jsdom's TreeWalker runs inside its implementation: the cheapest full walk it offers.
      const walker = document.createTreeWalker(root, 1 /* SHOW_ELEMENT */);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode())
        all.push(node as Element);
    }
    const localNames = all.map((element) => element.localName);
    const body = document.body;
    const bodyIndex = body === null ? -1 : all.indexOf(body);
    const afterBody = body === null ? null : firstElementAfter(body);
    const bodyStart = bodyIndex < 0 ? 0 : bodyIndex + 1;
    const bodyEnd = bodyIndex < 0 ? 0 : afterBody === null ? all.length : all.indexOf(afterBody);
    const named: (readonly [Element, string])[] = [];
    for (const element of all.slice(bodyStart, bodyEnd)) {
      const className = element.getAttribute('class');
      const id = element.getAttribute('id');
      if (className !== null || id !== null)
        named.push([element, `${className ?? ''} ${id ?? ''}`]);
    }
    const positions = new Map(all.map((element, index) => [element, index]));
    entry = { all, localNames, bodyStart, bodyEnd, named, positions };
    elementsMemo.set(document, entry);
  }
  return entry;
}

/** Elements of the document with one of these (lower-case) tag names, in document order. */
export function elementsTagged(document: Document, ...names: string[]): Element[] {
  const { all, localNames } = pageElements(document);
  return taggedBetween(all, localNames, names, 0, all.length);
}

/** Elements of the body with one of these (lower-case) tag names, in document order. */
export function bodyElementsTagged(document: Document, ...names: string[]): Element[] {
  const { all, localNames, bodyStart, bodyEnd } = pageElements(document);
  return taggedBetween(all, localNames, names, bodyStart, bodyEnd);
}

/**
 * Descendants of `element` with one of these (lower-case) tag names, in document order: what
 * `element.querySelectorAll('a')` returns, read from the page's one walk.
 */
export function descendantsTagged(element: Element, ...names: string[]): Element[] {
  const { all, localNames, positions } = pageElements(element.ownerDocument);
  const position = positions.get(element);
  // An element outside the walked tree (detached, or in a <template>) is asked directly.
  if (position === undefined) return [...element.querySelectorAll(names.join(', '))];
  const after = firstElementAfter(element);
  const end = after === null ? all.length : (positions.get(after) ?? all.length);
  return taggedBetween(all, localNames, names, position + 1, end);
}

/** The text nodes under the body (or the root when there is none), with their text. */
export function bodyTexts(document: Document): readonly (readonly [Text, string])[] {
  let texts = textsMemo.get(document);
  if (texts === undefined) {
    const found: (readonly [Text, string])[] = [];
    const walker = document.createTreeWalker(
      document.body ?? document.documentElement,
      4 /* SHOW_TEXT */,
    );
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode())
      found.push([node as Text, node.textContent ?? '']);
    texts = found;
    textsMemo.set(document, texts);
  }
  return texts;
}

/** Elements of the body whose class or id matches `pattern`, in document order. */
export function elementsNamed(document: Document, pattern: RegExp): Element[] {
  return pageElements(document)
    .named.filter(([, name]) => pattern.test(name))
    .map(([element]) => element);
}

/** The element's class and id, for matching against name fragments. */
export function nameOf(element: Element): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

/**
 * True inside page furniture. A container that holds the page's first headline is the
 * article's wrapper, whatever its classes say ("has-sidebar", "post-with-comments"), and
 * <body> never counts.
 */
export function isNoise(element: Element): boolean {
  const known = noiseMemo.get(element);
  if (known !== undefined) return known;
  let noise: boolean;
  if (element.tagName === 'BODY' || element.tagName === 'HTML') noise = false;
  else if (headlineOf(element.ownerDocument).around.has(element)) noise = false;
  else
    noise =
      isFurniture(element) || (element.parentElement !== null && isNoise(element.parentElement));
  noiseMemo.set(element, noise);
  return noise;
}

/** True inside the article's container (article, main, [itemprop=articleBody], .post…). */
export function inArticle(element: Element): boolean {
  const known = articleMemo.get(element);
  if (known !== undefined) return known;
  const inside =
    ARTICLE_TAGS.has(element.tagName) ||
    element.getAttribute('role') === 'main' ||
    element.getAttribute('itemprop') === 'articleBody' ||
    ARTICLE_NAME.test(element.getAttribute('class') ?? '') ||
    (element.parentElement !== null && inArticle(element.parentElement));
  articleMemo.set(element, inside);
  return inside;
}

/** Elements inside the article first, each group in document order. */
export function articleFirst(elements: readonly Element[]): Element[] {
  return [...elements.filter(inArticle), ...elements.filter((element) => !inArticle(element))];
}

/** The page's first <h1>, and the elements around it (itself and its ancestors). */
export function headlineOf(document: Document): {
  headline: Element | undefined;
  around: Set<Element>;
} {
  let entry = headlineMemo.get(document);
  if (entry === undefined) {
    const headline = bodyElementsTagged(document, 'h1')[0];
    const around = new Set<Element>();
    for (let node: Element | null = headline ?? null; node !== null; node = node.parentElement)
      around.add(node);
    entry = { headline, around };
    headlineMemo.set(document, entry);
  }
  return entry;
}

function taggedBetween(
  all: readonly Element[],
  localNames: readonly string[],
  names: readonly string[],
  start: number,
  end: number,
): Element[] {
  const found: Element[] = [];
  for (let index = start; index < end; index++) {
    if (names.includes(localNames[index] ?? '')) found.push(all[index] as Element);
  }
  return found;
}

/** The first element after `element` and its descendants, in document order. */
function firstElementAfter(element: Element): Element | null {
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (node.nextElementSibling !== null) return node.nextElementSibling;
  }
  return null;
}

function isFurniture(element: Element): boolean {
  if (NOISE_TAGS.has(element.tagName)) return true;
  if (element.tagName === 'FOOTER' && element.parentElement?.tagName === 'BODY') return true;
  if (NOISE_ROLES.has(element.getAttribute('role') ?? '')) return true;
  return NOISE_NAME.test(nameOf(element));
}
