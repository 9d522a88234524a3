// The shape of a cleaning rule, after turndown's rules: a plain object with an id, a one-line
// reason (shown by --debug), the elements it looks at and a filter. Removal rules delete what
// their filter accepts; transform rules rewrite the tree and log what they dropped.

import { CLASS_HINT } from '../../extract/extract.js';

/** What every rule may read besides the element itself. */
export interface RuleContext {
  /** The article root; rules never remove it. */
  readonly root: Element;
  /** The article's title, when known (to spot a repeated headline). */
  readonly title: string | undefined;
  /** Total text length of the article before cleaning, for "small part of the article" checks. */
  readonly articleLength: number;
  /** Elements inside code (<pre>, <code>, …): verbatim text that no rule may cut into. */
  readonly verbatim: ReadonlySet<Element>;
}

export interface RemovalRule {
  readonly kind: 'remove';
  readonly id: string;
  readonly reason: string;
  /** Local names of the elements the filter is asked about (in document order): `['p', 'div']`. */
  readonly candidates: readonly string[];
  /** Whether `element` goes. Reads the tree only: removing is the caller's job. */
  readonly filter: (element: Element, context: RuleContext) => boolean;
  /** Elements that go with a removed one (the teaser list after a "Related" heading). */
  readonly companions?: (removed: Element) => readonly Element[];
}

export interface TransformRule {
  readonly kind: 'transform';
  readonly id: string;
  readonly reason: string;
  /** Rewrites the tree under `root`; calls `removed` for every element or text it drops. */
  readonly apply: (
    root: Element,
    context: RuleContext,
    removed: (what: Element | string) => void,
  ) => void;
}

export type CleaningRule = RemovalRule | TransformRule;

/** Heading elements, h1 to h6. */
export const HEADINGS: readonly string[] = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
/** The same, as one selector (answered by a tree walk, see src/parse). */
export const HEADING_SELECTOR = HEADINGS.join(', ');

/** Text reduced to lower-case letters and digits between single spaces, to compare with a title. */
export function titleKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Elements that are content without text. */
export const MEDIA = 'img, picture, video, audio, svg, table, hr, pre, code, math';

/** Inline elements: a text rule takes one only when it is all the text of its block. */
const INLINE_NAMES: readonly string[] = ['a', 'span', 'strong', 'em', 'b', 'i', 'small'];
const INLINE = new Set(INLINE_NAMES);

/** Blocks a text rule looks at: anything a reader sees as its own line or box. */
export const BLOCKS: readonly string[] = [
  'p',
  'div',
  'section',
  'aside',
  'header',
  'footer',
  'ul',
  'ol',
  'li',
  'dl',
  'table',
  ...HEADINGS,
  'figure',
  'figcaption',
  'blockquote',
  ...INLINE_NAMES,
];

/** True when `element` is an inline part of a sentence ("… <a>Sign up</a> for …"): its block has prose of its own around it. */
export function isInlineInText(element: Element, text: string): boolean {
  const parent = element.parentElement;
  if (!INLINE.has(element.localName) || parent === null || textOf(parent) === text) return false;
  return [...parent.childNodes].some(
    (child) => child.nodeType === child.TEXT_NODE && /\p{L}/u.test(child.nodeValue ?? ''),
  );
}

/**
 * textOf results kept while the removal rules run (see clean.ts): the rules ask about the same
 * blocks over and over, and each answer walks the block's whole subtree.
 */
let knownText: Map<Node, string> | undefined;

/** Whitespace-collapsed text of an element. */
export function textOf(node: Node): string {
  const known = knownText?.get(node);
  if (known !== undefined) return known;
  const text = (node.textContent ?? '').replace(/(\s|\u200b|\u200c|\u200d|\ufeff)+/g, ' ').trim();
  knownText?.set(node, text);
  return text;
}

/** While the removal rules run, how the tree may change without textOf answering from stale text. */
export interface TreeChanges {
  /** Removes `element`, forgetting the text of its ancestors. */
  remove(element: Element): void;
  /** Runs `work`, which may change the tree in any way, with no text kept during or after it. */
  rewrite(work: () => void): void;
}

/** Runs `work` with textOf answers kept; `work` changes the tree only through `changes`. */
export function withKnownText<T>(work: (changes: TreeChanges) => T): T {
  knownText = new Map();
  try {
    return work({
      remove: (element) => {
        for (let node: Node | null = element; node !== null; node = node.parentNode) {
          knownText?.delete(node);
        }
        element.remove();
      },
      rewrite: (rewrite) => {
        knownText = undefined;
        try {
          rewrite();
        } finally {
          knownText = new Map();
        }
      },
    });
  } finally {
    knownText = undefined;
  }
}

/**
 * Everything inside <pre>, <code> and their kin (<tt>, <kbd>, <samp>). A highlighted listing
 * wraps each token and line in a <span>: "-" is an operator there, not a separator, a row of
 * timestamps is program output, and a blank <span> is indentation.
 */
export function verbatimElements(root: Element): Set<Element> {
  const inside = new Set<Element>();
  // A walk of the children, not querySelectorAll('*'), which jsdom answers through its selector
  // engine; a <code> inside a <pre> is walked once.
  const pending = [...root.querySelectorAll('pre, code, tt, kbd, samp')].flatMap((code) => [
    ...code.children,
  ]);
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    if (inside.has(element)) continue;
    inside.add(element);
    pending.push(...element.children);
  }
  return inside;
}

/**
 * The nearest ancestor of `element` (or the element itself) named `name`: a parent walk, as
 * jsdom answers closest() through its selector engine, which is slow when asked for every block.
 */
export function closestNamed(element: Element, name: string): Element | null {
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (node.localName === name) return node;
  }
  return null;
}

/** The siblings that follow `element`, up to the first that does not `belong` to its run. */
export function siblingsAfterWhile(
  element: Element,
  belongs: (sibling: Element) => boolean,
): Element[] {
  const run: Element[] = [];
  for (let next = element.nextElementSibling; next !== null && belongs(next); ) {
    run.push(next);
    next = next.nextElementSibling;
  }
  return run;
}

/** Share of an element's text that sits inside links (0 when it has no text). */
export function linkDensity(element: Element): number {
  const total = textOf(element).length;
  return total === 0 ? 0 : Math.min(1, linkedLength(element) / total);
}

/** Characters of the element's text that are inside links. */
export function linkedLength(element: Element): number {
  let linked = 0;
  for (const link of element.querySelectorAll('a')) linked += textOf(link).length;
  return linked;
}

/**
 * A class that states what a block holds or how it is shown ("fig--has-shares", "with-related",
 * "no-comments"), not what the block is: a picture with share buttons is still a picture.
 */
const STATE_MODIFIER = /(^|[\s_-])(has|with|no)[-_]/;

/** The element's class and id, lower-cased, for "what does the page call this block" checks. */
export function classAndId(element: Element): string {
  const hint = element.getAttribute(CLASS_HINT) ?? '';
  const names = `${element.getAttribute('class') ?? ''} ${element.id ?? ''} ${hint}`.toLowerCase();
  // Every class rule asks this of every candidate block; most names carry no modifier.
  if (!STATE_MODIFIER.test(names)) return names;
  return names
    .split(/\s+/)
    .filter((name) => !STATE_MODIFIER.test(name))
    .join(' ');
}

/**
 * A rule that removes a short block whose whole text matches `pattern`. Anchoring the patterns
 * and capping the length is what keeps article sentences that merely mention "share" or
 * "subscribe" safe.
 */
export function textRule(options: {
  id: string;
  reason: string;
  pattern: RegExp;
  maxChars: number;
  candidates?: readonly string[];
}): RemovalRule {
  const { id, reason, pattern, maxChars, candidates = BLOCKS } = options;
  return {
    kind: 'remove',
    id,
    reason,
    candidates,
    filter: (element) => {
      const text = textOf(element);
      if (text.length === 0 || text.length > maxChars || !pattern.test(text)) return false;
      return !isInlineInText(element, text);
    },
  };
}

/**
 * A rule that removes a block the page itself names as boilerplate (class or id matching
 * `pattern`), as long as it is a small part of the article.
 */
export function classRule(options: {
  id: string;
  reason: string;
  pattern: RegExp;
  /** Largest share of the article's text the block may hold. */
  maxShare: number;
  /** Largest absolute text length. */
  maxChars: number;
  candidates?: readonly string[];
}): RemovalRule {
  const { id, reason, pattern, maxShare, maxChars, candidates = BLOCKS } = options;
  return {
    kind: 'remove',
    id,
    reason,
    candidates,
    filter: (element, context) => {
      if (!pattern.test(classAndId(element))) return false;
      const length = textOf(element).length;
      return length <= maxChars && length <= context.articleLength * maxShare;
    },
  };
}

/** Either rule accepts. */
export function anyOf(first: RemovalRule, ...others: RemovalRule[]): RemovalRule {
  return {
    ...first,
    candidates: [...new Set([first, ...others].flatMap((rule) => rule.candidates))],
    filter: (element, context) =>
      [first, ...others].some(
        (rule) => rule.candidates.includes(element.localName) && rule.filter(element, context),
      ),
  };
}
