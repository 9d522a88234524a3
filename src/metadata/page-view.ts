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

/** Every element of the body that has a class or an id, with both, in document order. */
const namedMemo = new WeakMap<Document, readonly (readonly [Element, string])[]>();

/** Elements of the body whose class or id matches `pattern`, in document order. */
export function elementsNamed(document: Document, pattern: RegExp): Element[] {
  let named = namedMemo.get(document);
  if (named === undefined) {
    named = [...(document.body?.querySelectorAll('[class], [id]') ?? [])].map(
      (element) => [element, nameOf(element)] as const,
    );
    namedMemo.set(document, named);
  }
  return named.filter(([, name]) => pattern.test(name)).map(([element]) => element);
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
    const headline = document.body?.querySelector('h1') ?? undefined;
    const around = new Set<Element>();
    for (let node: Element | null = headline ?? null; node !== null; node = node.parentElement)
      around.add(node);
    entry = { headline, around };
    headlineMemo.set(document, entry);
  }
  return entry;
}

function isFurniture(element: Element): boolean {
  if (NOISE_TAGS.has(element.tagName)) return true;
  if (element.tagName === 'FOOTER' && element.parentElement?.tagName === 'BODY') return true;
  if (NOISE_ROLES.has(element.getAttribute('role') ?? '')) return true;
  return NOISE_NAME.test(nameOf(element));
}
