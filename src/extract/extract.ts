// Article extraction: find the element that holds the article body.
//
// Steps, in order:
//   1. A site profile's `body` selector, when the user named one and it matches enough text.
//   2. Readability 0.6 on the page's document itself (it rearranges what it parses; nothing
//      after this stage reads the page, so no copy is made).
//   3. When Readability returns nothing or far too little, the best of the fallbacks, run on
//      the page parsed again (the untouched page): the page's JSON-LD `articleBody`, a
//      text-density pass that picks the block holding the most paragraph text, and Readability
//      again with its cleaning heuristics off; when there is none of these, the page's whole
//      <body> (tiny pages).
// The chosen element is adopted into the page's document, so the caller owns one tree.
import { Readability } from '@mozilla/readability';
import { StetError } from '../errors.js';
import type { ExtractedArticle, ParsedPage, SiteProfile } from '../types.js';
import { structuredArticleBody } from './structured-body.js';

/** Readability's minimum article length (its default is 500; short news items are real articles). */
const CHAR_THRESHOLD = 250;
/** An article has at least one word: a letter or a digit. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Readability's threshold in the relaxed pass, which looks for any article at all. */
const RELAXED_CHAR_THRESHOLD = 80;
/** A fallback replaces Readability only when it holds this many times more text. */
const FALLBACK_GAIN = 2;
/** Readability output shorter than this is checked against the fallbacks. */
const SHORT_ARTICLE_CHARS = 1500;
/** Text-density pass: paragraphs shorter than this do not vote for their container. */
const DENSITY_MIN_PARAGRAPH_CHARS = 40;
/** Text-density pass: share of a paragraph's length that goes to its grandparent. */
const DENSITY_GRANDPARENT_SHARE = 0.5;
/** Paragraph-like elements counted by the text-density pass. */
const DENSITY_PARAGRAPHS = 'p, pre, blockquote, li, h2, h3';
/** Elements that never hold the article, skipped by the text-density pass. */
const NON_CONTENT = 'nav, header, footer, aside, form, script, style, noscript, template';
/** Posts embedded from social networks: blockquotes of these classes, which the platform's script would turn into a card. */
const EMBEDDED_POST_CLASSES = [
  'twitter-tweet',
  'instagram-media',
  'tiktok-embed',
  'reddit-card',
  'bluesky-embed',
];
/** A paragraph with less than this share of its text in links reads as prose, not a link block. */
const PROSE_MAX_LINKED_SHARE = 0.5;
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6';
/** Elements that may be hidden by markup alone (stet loads no stylesheet). */
const HIDDEN_CANDIDATES = '[hidden], [style], [aria-hidden]';
/** Readability takes a block named "byline" or "author" as the byline when it is this short. */
const BYLINE_MAX_CHARS = 100;
/** Readability's own patterns and roles, from its prototype, so the two never disagree. */
const READABILITY_PATTERNS = Readability.prototype as unknown as {
  readonly REGEXPS: {
    readonly unlikelyCandidates: RegExp;
    readonly okMaybeItsACandidate: RegExp;
    readonly byline: RegExp;
  };
  readonly UNLIKELY_ROLES: readonly string[];
};
/** Attribute that carries a removed wrapper's class and id to its only child (see cleaning). */
export const CLASS_HINT = 'data-stet-hint';

interface Candidate {
  readonly root: Element;
  readonly method: string;
  readonly textLength: number;
}

interface ReadabilityResult {
  readonly candidate: Candidate;
  readonly title: string | undefined;
  readonly byline: string | undefined;
  readonly excerpt: string | undefined;
  readonly siteName: string | undefined;
  readonly lang: string | undefined;
  readonly publishedTime: string | undefined;
}

/** Finds the article body of `page`; throws StetError 'extract.empty' when there is none. */
export function extractArticle(
  page: ParsedPage,
  profile: SiteProfile | undefined,
): ExtractedArticle {
  const document = page.document;
  const fromProfile = profile?.body ? selectProfileBody(document, profile.body) : undefined;
  const readability = runReadability(document, {});
  const meta = readability ?? emptyMetadata(document);
  if (fromProfile && isUsable(fromProfile.root)) {
    return toArticle(document, fromProfile, meta);
  }

  let best = readability?.candidate;
  if (!best || best.textLength < SHORT_ARTICLE_CHARS) {
    for (const fallback of fallbacks(visiblePage(page))) {
      if (!best || fallback.textLength > best.textLength * FALLBACK_GAIN) best = fallback;
    }
    // A fresh copy: the relaxed pass has rearranged the one the fallbacks read.
    best ??= wholeBody(visiblePage(page));
  }
  if (!best || !isUsable(best.root)) {
    throw new StetError('extract.empty', page.input, 'no article text found on the page');
  }
  return toArticle(document, best, meta);
}

/**
 * The fallback candidates, in order of preference, from the untouched page. The relaxed
 * Readability pass rearranges the page, so it runs after the passes that only read it.
 */
function fallbacks(untouched: Document): Candidate[] {
  const fromJsonLd = jsonLdArticleBody(untouched);
  const dense = densestBlock(untouched);
  const relaxed = runReadability(untouched, { relaxed: true })?.candidate;
  return [relaxed, fromJsonLd, dense].filter((candidate) => candidate !== undefined);
}

/**
 * The untouched page, parsed again, without what it hides by markup. Readability skips what the
 * page hides with inline styles or the `hidden` attribute (tabs not shown, templates, duplicate
 * copies); the text-density pass and the whole-body last resort count text, so those elements
 * go first, by the same test Readability uses.
 */
function visiblePage(page: ParsedPage): Document {
  const document = page.parseAgain();
  for (const element of document.body?.querySelectorAll(HIDDEN_CANDIDATES) ?? []) {
    if (isHidden(element)) element.remove();
  }
  return document;
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = (element as HTMLElement).style;
  if (style?.display === 'none' || style?.visibility === 'hidden') return true;
  // Readability keeps aria-hidden pictures that stand in for a lazy-loaded image.
  return (
    element.getAttribute('aria-hidden') === 'true' &&
    !(element.getAttribute('class') ?? '').includes('fallback-image')
  );
}

/** Last resort for tiny pages ("Test" in a bare <body>): the page's own text. */
function wholeBody(document: Document): Candidate | undefined {
  if (!document.body) return undefined;
  const copy = document.body.cloneNode(true) as Element;
  for (const noise of copy.querySelectorAll(NON_CONTENT)) noise.remove();
  return { root: copy, method: 'body', textLength: unlinkedTextLength(copy) };
}

function runReadability(
  document: Document,
  { relaxed = false }: { relaxed?: boolean },
): ReadabilityResult | undefined {
  unwrapEmbeddedPosts(document);
  dropHeadingAnchors(document);
  // One walk of the page serves both steps (element names are answered by a tree walk, see
  // src/parse; attribute selectors would take jsdom's selector engine over the whole page).
  const wrappers = [...(document.body?.querySelectorAll('div, section') ?? [])];
  carryClassHints(wrappers);
  unwrapLoneParagraphs(wrappers, { relaxed });
  const reader = new Readability<Element>(document, {
    charThreshold: relaxed ? RELAXED_CHAR_THRESHOLD : CHAR_THRESHOLD,
    // Classes stay on so the cleaning rules can see "share", "related", …; cleanArticle strips
    // them once the rules have run.
    keepClasses: true,
    serializer: (node) => node as Element,
  });
  if (relaxed) disableReadabilityHeuristics(reader);
  const result = reader.parse();
  const root = result?.content;
  if (!result || !root) return undefined;
  return {
    candidate: {
      root,
      method: relaxed ? 'readability-relaxed' : 'readability',
      textLength: unlinkedTextLength(root),
    },
    title: result.title ?? undefined,
    byline: result.byline ?? undefined,
    excerpt: result.excerpt ?? undefined,
    siteName: result.siteName ?? undefined,
    lang: result.lang ?? undefined,
    publishedTime: result.publishedTime ?? undefined,
  };
}

/**
 * Readability retries with fewer heuristics only when the result is under charThreshold; a
 * relaxed pass starts with them off, which recovers articles whose container has a class
 * Readability considers unlikely ("comment", "sidebar", …).
 */
function disableReadabilityHeuristics(reader: Readability<Element>): void {
  (reader as unknown as { _flags: number })._flags = 0;
}

/**
 * Readability replaces a <div> that wraps a single <p> by that <p>, and the page's name for
 * the block ("caption", "share-tools", …) goes with the <div>. Copy it onto the only child
 * first (as data-stet-hint), so the cleaning rules still see what the page called the block.
 */
function carryClassHints(wrappers: readonly Element[]): void {
  for (const element of wrappers) {
    if (!isNamedWrapper(element)) continue;
    const child = element.firstElementChild;
    if (!child || element.childElementCount !== 1 || hasOwnText(element)) continue;
    const hint = `${child.getAttribute(CLASS_HINT) ?? ''} ${element.getAttribute('class') ?? ''} ${element.id}`;
    child.setAttribute(CLASS_HINT, hint.replace(/\s+/g, ' ').trim());
  }
}

/**
 * Readability turns a <div> holding a single <p> into that <p> only when under a quarter of its
 * text is linked; otherwise the <div> stays and its conditional cleaning drops it as a link block.
 * Pages that box every paragraph ("card" layouts) then lose each sentence with one linked phrase
 * ("… published Monday in the <a>journal Nature Astronomy</a>."). Such a wrapper goes first when
 * the paragraph is still mostly prose, and when Readability would not have judged the wrapper
 * itself before unwrapping it (a hidden box, a "comment" or "sidebar" box, a byline).
 */
function unwrapLoneParagraphs(
  wrappers: readonly Element[],
  { relaxed }: { relaxed: boolean },
): void {
  // Deepest first, so nested wrappers (card > card-content > p) unwrap in turn.
  for (let index = wrappers.length - 1; index >= 0; index--) {
    const wrapper = wrappers[index] as Element;
    const paragraph = wrapper.firstElementChild;
    if (wrapper.localName !== 'div' || wrapper.childElementCount !== 1) continue;
    if (paragraph?.localName !== 'p' || hasOwnText(wrapper)) continue;
    const length = normalizedText(paragraph).length;
    if (length === 0 || linkedTextLength(paragraph) >= length * PROSE_MAX_LINKED_SHARE) continue;
    if (readabilityJudgesOnSight(wrapper, { relaxed })) continue;
    wrapper.replaceWith(paragraph);
  }
}

/**
 * What Readability's first walk removes or takes as the byline by the element's own markup,
 * before it looks at what the element holds (Readability.js `_grabArticle`, with its patterns).
 */
function readabilityJudgesOnSight(element: Element, { relaxed }: { relaxed: boolean }): boolean {
  if (isHidden(element)) return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.id}`;
  const { REGEXPS, UNLIKELY_ROLES } = READABILITY_PATTERNS;
  const namedByline =
    REGEXPS.byline.test(names) ||
    element.getAttribute('rel') === 'author' ||
    element.getAttribute('itemprop')?.includes('author') === true;
  if (namedByline) {
    const length = (element.textContent ?? '').trim().length;
    if (length > 0 && length < BYLINE_MAX_CHARS) return true;
  }
  if (relaxed) return false;
  if (UNLIKELY_ROLES.includes(element.getAttribute('role') ?? '')) return true;
  return REGEXPS.unlikelyCandidates.test(names) && !REGEXPS.okMaybeItsACandidate.test(names);
}

/**
 * Wikis and documentation generators give each heading an id made from its own text, so a
 * section called "Community", "Related work" or "Social impact" carries an id that Readability
 * reads as a layout hint ("community", "related", "social" mark boilerplate) and deletes the
 * heading. Such ids only name an anchor, which the Markdown does not keep, so they go first.
 */
function dropHeadingAnchors(document: Document): void {
  for (const heading of document.body?.querySelectorAll(HEADING_SELECTOR) ?? []) {
    for (const element of [heading, ...heading.querySelectorAll('span, a')]) {
      if (element.id !== '' && anchorKey(element.id) === anchorKey(element.textContent ?? '')) {
        element.removeAttribute('id');
      }
    }
  }
}

/** An id and the text it was made from compare equal: case, spaces, "_" and "-" aside. */
function anchorKey(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A post quoted in the story (a tweet) sits in a wrapper the page names after social media
 * ("social-media-embed"), which Readability takes for a share bar and drops. The wrappers that
 * hold nothing but the post go, so the post stands among the paragraphs as the quotation it is.
 */
function unwrapEmbeddedPosts(document: Document): void {
  // A plain element-name query is answered by a tree walk (src/parse); a class selector would
  // go through jsdom's selector engine for the whole page.
  for (const post of document.body?.querySelectorAll('blockquote') ?? []) {
    if (!EMBEDDED_POST_CLASSES.some((name) => post.classList.contains(name))) continue;
    let outermost: Element = post;
    for (
      let wrapper = post.parentElement;
      wrapper !== null && wrapper !== document.body && wrapper.childElementCount === 1;
      wrapper = wrapper.parentElement
    ) {
      if (hasOwnText(wrapper)) break;
      outermost = wrapper;
    }
    if (outermost !== post) outermost.replaceWith(post);
  }
}

/** A `<div>` with a class or an id, or a `<section>` with a class. */
function isNamedWrapper(element: Element): boolean {
  return (
    element.hasAttribute('class') || (element.localName === 'div' && element.hasAttribute('id'))
  );
}

function hasOwnText(element: Element): boolean {
  for (const child of element.childNodes) {
    if (child.nodeType === child.TEXT_NODE && (child.nodeValue ?? '').trim()) return true;
  }
  return false;
}

function selectProfileBody(document: Document, selector: string): Candidate | undefined {
  const root = document.querySelector(selector);
  if (!root) return undefined;
  const copy = root.cloneNode(true) as Element;
  return { root: copy, method: 'site-profile', textLength: unlinkedTextLength(copy) };
}

function jsonLdArticleBody(document: Document): Candidate | undefined {
  const body = structuredArticleBody(document);
  if (!body) return undefined;
  const root = document.createElement('div');
  for (const paragraph of body.split(/\r?\n/)) {
    if (!paragraph.trim()) continue;
    const p = document.createElement('p');
    p.textContent = paragraph.trim();
    root.append(p);
  }
  return { root, method: 'json-ld', textLength: unlinkedTextLength(root) };
}

/**
 * The block whose paragraphs hold the most text (a simpler cousin of Readability's scoring).
 * Only text outside links votes, so menus and teaser lists never win; text sitting directly in
 * a <div> between <br>s votes for that <div>.
 */
function densestBlock(document: Document): Candidate | undefined {
  const scores = new Map<Element, number>();
  const vote = (container: Element | null, length: number): void => {
    if (!container || length < DENSITY_MIN_PARAGRAPH_CHARS) return;
    scores.set(container, (scores.get(container) ?? 0) + length);
    const grandparent = container.parentElement;
    if (grandparent) {
      scores.set(grandparent, (scores.get(grandparent) ?? 0) + length * DENSITY_GRANDPARENT_SHARE);
    }
  };
  for (const paragraph of document.body?.querySelectorAll(DENSITY_PARAGRAPHS) ?? []) {
    if (paragraph.closest(NON_CONTENT)) continue;
    vote(paragraph.parentElement, unlinkedTextLength(paragraph));
  }
  for (const block of document.body?.querySelectorAll('div, td, section, article') ?? []) {
    if (block.closest(NON_CONTENT)) continue;
    let direct = 0;
    for (const child of block.childNodes) {
      if (child.nodeType === child.TEXT_NODE) direct += (child.nodeValue ?? '').trim().length;
    }
    if (direct >= DENSITY_MIN_PARAGRAPH_CHARS) vote(block, direct);
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  const copy = best.cloneNode(true) as Element;
  for (const noise of copy.querySelectorAll(NON_CONTENT)) noise.remove();
  return { root: copy, method: 'text-density', textLength: unlinkedTextLength(copy) };
}

/** Text outside links: what the candidates are compared by, so a menu never outweighs prose. */
function unlinkedTextLength(element: Element): number {
  return Math.max(0, normalizedText(element).length - linkedTextLength(element));
}

function linkedTextLength(element: Element): number {
  let linked = 0;
  for (const link of element.querySelectorAll('a')) linked += normalizedText(link).length;
  return linked;
}

function toArticle(
  document: Document,
  candidate: Candidate,
  meta: Omit<ReadabilityResult, 'candidate'>,
): ExtractedArticle {
  const root =
    candidate.root.ownerDocument === document
      ? candidate.root
      : (document.adoptNode(candidate.root) as Element);
  return {
    root,
    method: candidate.method,
    title: meta.title,
    byline: meta.byline,
    excerpt: meta.excerpt,
    siteName: meta.siteName,
    lang: meta.lang,
    publishedTime: meta.publishedTime,
  };
}

function emptyMetadata(document: Document): Omit<ReadabilityResult, 'candidate'> {
  return {
    title: document.title || undefined,
    byline: undefined,
    excerpt: undefined,
    siteName: undefined,
    lang: document.documentElement?.getAttribute('lang') ?? undefined,
    publishedTime: undefined,
  };
}

/**
 * At least one word (a letter or digit), links included (a page of links is still a page);
 * pictures alone are not, nor stray punctuation such as the `<` of a truncated response.
 */
function isUsable(root: Element): boolean {
  return WORD_CHARACTER.test(normalizedText(root));
}

function normalizedText(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
