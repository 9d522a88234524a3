// Candidates from what a reader sees on the page: the <title> and headline, bylines ("By …",
// .byline, author boxes), visible dates and <time>, taxonomy blocks ("Region:", "Tags:",
// "Filed under"), breadcrumbs, "original source" lines, and the <html lang>.
import type { MetadataCandidate, MetadataField } from '../types.js';
import { collapse, dateInText } from './normalize.js';
import {
  articleFirst,
  bodyElementsTagged,
  bodyTexts,
  descendantsTagged,
  elementsNamed,
  headlineOf,
  isNoise,
} from './page-view.js';
import { AUTHOR_JOINER } from './structured.js';

/** Class or id fragments of bylines and author boxes (plus <address> and class "by"). */
const BYLINE_NAME = /byline|author|writer|contributor|(?:^|\s)by(?:\s|$)/i;
/** Text that starts a visible byline: "By", and its equivalents in a few languages. */
const BY_PREFIX =
  /^\s*(?:by|von|par|por|door|di|av|przez|written by|posted by|text:|autor:|auteur\s*:)(?:\s|$)/i;
const MAX_BYLINE_LENGTH = 120;

/** Class or id fragments of elements that show a date. */
const DATE_NAME = /date|time|publish|posted|byline|meta|info/i;
const MAX_DATE_TEXT_LENGTH = 150;
const UPDATE_NOTE =
  /\b(?:updated|last modified|modified|mis à jour|aktualisiert|actualizado|aggiornato)\b/i;

/** Visible labels and the field they name. A site profile can add its own. */
export const DEFAULT_LABELS: Readonly<Record<string, MetadataField>> = {
  Region: 'region',
  Regions: 'region',
  Country: 'region',
  Location: 'region',
  Theme: 'theme',
  Themes: 'theme',
  Category: 'theme',
  Categories: 'theme',
  Section: 'theme',
  'Filed under': 'tags',
  'Posted in': 'theme',
  Topic: 'tags',
  Topics: 'tags',
  Tags: 'tags',
  Tagged: 'tags',
  'Tagged with': 'tags',
  Keywords: 'tags',
  Subjects: 'tags',
  'In-depth Report': 'tags',
  'In-depth Reports': 'tags',
};
/** Labels that may stand without a colon ("Filed under Politics"). */
const LABELS_WITHOUT_COLON = new Set(['filed under', 'posted in', 'tagged with']);
const MAX_LABEL_BLOCK_LENGTH = 400;
const MAX_LABEL_VALUES = 20;
const MAX_LABEL_VALUE_LENGTH = 80;

const BREADCRUMB_NAME = /breadcrumb/i;
const HOME_CRUMB = /^(?:home|homepage|start|startseite|accueil|inicio|portada|главная|首页|news)$/i;

/** "The original source of this article is X", "Originally published at X", "First appeared on X". */
const ORIGINAL_SOURCE =
  /(?:original source of this article is|(?:was\s+)?(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:at|in|on|by)|this article (?:is|was) republished from|republished (?:with permission )?from)\s+(?:the\s+)?(.+)/i;
const MAX_SOURCE_LINE_LENGTH = 400;
/** Elements that can hold an "original source" line. */
const SOURCE_LINE_TAGS = ['p', 'div', 'li', 'span', 'em', 'i', 'small', 'footer'];

export function documentCandidates(document: Document): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  const lang =
    document.documentElement.getAttribute('lang') ??
    document.documentElement.getAttribute('xml:lang');
  if (lang !== null && lang.trim() !== '')
    candidates.push({ field: 'language', value: lang.trim(), source: 'html-lang' });
  const title = collapse(document.title ?? '');
  if (title !== '') candidates.push({ field: 'title', value: title, source: 'title-element' });
  const headline = firstHeadline(document);
  if (headline !== undefined) {
    const value = collapse(headline.textContent ?? '');
    if (value !== '') candidates.push({ field: 'title', value, source: 'h1' });
  }
  return candidates;
}

export function bylineCandidates(document: Document): MetadataCandidate[] {
  const seen = new Set<Element>();
  const found: Element[] = [];
  const named = [
    ...elementsNamed(document, BYLINE_NAME),
    ...bodyElementsTagged(document, 'address'),
  ];
  for (const element of named) {
    if (isNoise(element) || hasSeenAncestor(element, seen)) continue;
    // A long container named like a byline (<article class="tag-fan-contributor">, an author
    // box with a bio) yields to the bylines inside it.
    if (isContainerOfBylines(element, named)) continue;
    seen.add(element);
    found.push(element);
  }
  for (const element of elementsStartingWith(document, BY_PREFIX)) {
    if (isNoise(element) || hasSeenAncestor(element, seen) || seen.has(element)) continue;
    seen.add(element);
    found.push(element);
  }
  const candidates: MetadataCandidate[] = [];
  let dated = false;
  for (const element of articleFirst(found)) {
    const value = bylineText(element);
    if (value !== undefined) candidates.push({ field: 'author', value, source: 'byline' });
    // "By Jane Roe on November 20, 2018": the byline's own date is the publication date.
    const text = collapse(element.textContent ?? '');
    if (
      !dated &&
      text.length <= MAX_BYLINE_LENGTH &&
      dateInText(beforeUpdate(text)) !== undefined
    ) {
      candidates.push({ field: 'date', value: text, source: 'byline-date' });
      dated = true;
    }
  }
  return candidates;
}

/** The first visible date next to the article (byline, dateline) and the first <time>. */
export function visibleDateCandidates(document: Document): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  const times = articleFirst(bodyElementsTagged(document, 'time')).filter(
    (element) => !isNoise(element),
  );
  for (const time of times) {
    const value = collapse(time.getAttribute('datetime') ?? time.textContent ?? '');
    if (value !== '' && /\d{4}/.test(value)) {
      candidates.push({ field: 'date', value, source: 'time' });
      break;
    }
  }
  const blocks = articleFirst(elementsNamed(document, DATE_NAME));
  for (const element of blocks) {
    if (element.tagName === 'TIME' || isNoise(element)) continue;
    const text = collapse(element.textContent ?? '');
    if (text.length > MAX_DATE_TEXT_LENGTH) continue;
    const date = dateInText(beforeUpdate(text));
    if (date !== undefined) {
      candidates.push({ field: 'date', value: text, source: 'visible-date' });
      break;
    }
  }
  return candidates;
}

/** Values after visible labels ("Region: Middle East & North Africa"), one candidate each. */
export function labelCandidates(
  document: Document,
  labels: Readonly<Record<string, MetadataField>>,
): MetadataCandidate[] {
  const byName = new Map(
    Object.entries(labels).map(([label, field]) => [label.toLowerCase(), { label, field }]),
  );
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`^\\s*(${names.join('|')})\\s*(:|：)?\\s*`, 'i');
  const candidates: MetadataCandidate[] = [];
  const used = new Set<Element>();
  for (const [node, text] of bodyTexts(document)) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const name = (match[1] ?? '').toLowerCase();
    const rest = text.slice(match[0].length);
    if (match[2] === undefined && !LABELS_WITHOUT_COLON.has(name)) {
      // "Region" alone in an inline element, the colon in the next text: "<b>Region</b>: …"
      if (rest.trim() !== '' || !/^\s*[:：]/.test(nextText(node))) continue;
    }
    const entry = byName.get(name);
    const block = labelBlock(node);
    if (entry === undefined || block === undefined || used.has(block) || isNoise(block)) continue;
    used.add(block);
    for (const value of labelValues(block, node, match[0])) {
      candidates.push({ field: entry.field, value, source: `taxonomy:${entry.label}` });
    }
  }
  return candidates;
}

export function breadcrumbCandidates(document: Document): MetadataCandidate[] {
  const trail =
    elementsNamed(document, BREADCRUMB_NAME)[0] ??
    bodyElementsTagged(document, 'nav').find((nav) =>
      BREADCRUMB_NAME.test(nav.getAttribute('aria-label') ?? ''),
    );
  if (trail === undefined) return [];
  const items = descendantsTagged(trail, 'a').map((link) => collapse(link.textContent ?? ''));
  const crumbs = items.filter(
    (item, index) => item !== '' && !(index === 0 && HOME_CRUMB.test(item)) && item.length <= 60,
  );
  const last = crumbs.at(-1);
  return last === undefined ? [] : [{ field: 'theme', value: last, source: 'breadcrumb' }];
}

export function originalSourceCandidates(document: Document): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  // Most pages have no such line: one test of the whole text spares a walk over every block.
  if (!ORIGINAL_SOURCE.test(document.body?.textContent ?? '')) return candidates;
  for (const element of bodyElementsTagged(document, ...SOURCE_LINE_TAGS)) {
    const text = collapse(element.textContent ?? '');
    if (text.length > MAX_SOURCE_LINE_LENGTH) continue;
    // Take the smallest element that holds the whole phrase.
    const match = ORIGINAL_SOURCE.exec(text);
    if (
      match === null ||
      [...element.children].some((child) => ORIGINAL_SOURCE.test(collapse(child.textContent ?? '')))
    ) {
      continue;
    }
    const link = descendantsTagged(element, 'a').find(
      (a) => text.indexOf(collapse(a.textContent ?? '')) >= (match.index ?? 0),
    );
    const named = link === undefined ? undefined : collapse(link.textContent ?? '');
    const value = named !== undefined && named !== '' ? named : firstPhrase(match[1] ?? '');
    if (value !== '')
      candidates.push({ field: 'original_source', value, source: 'original-source' });
  }
  return candidates;
}

/** Candidates from the site profile's selectors, read from the untouched page. */
export function selectorCandidates(
  document: Document,
  selectors: Partial<Record<MetadataField, string>>,
  source: string,
): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  for (const [field, selector] of Object.entries(selectors) as [
    MetadataField,
    string | undefined,
  ][]) {
    if (selector === undefined) continue;
    let elements: Element[];
    try {
      elements = [...document.querySelectorAll(selector)];
    } catch {
      continue; // The config loader validates selectors; a bundled one is tested.
    }
    const values = elements
      .map((element) =>
        collapse(
          element.getAttribute('content') ??
            element.getAttribute('datetime') ??
            element.textContent ??
            '',
        ),
      )
      .filter((value) => value !== '');
    // A single-valued field takes the first match (the article's own byline or headline, not
    // a sidebar's); several authors are split from that one byline by the resolver.
    const firstOnly = field === 'title' || field === 'author' || field === 'date';
    for (const value of firstOnly ? values.slice(0, 1) : values)
      candidates.push({ field, value, source });
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------

function firstHeadline(document: Document): Element | undefined {
  return headlineOf(document).headline;
}

function isContainerOfBylines(element: Element, bylines: readonly Element[]): boolean {
  if (collapse(element.textContent ?? '').length <= MAX_BYLINE_LENGTH) return false;
  return bylines.some((other) => other !== element && element.contains(other));
}

function hasSeenAncestor(element: Element, seen: ReadonlySet<Element>): boolean {
  for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
    if (seen.has(parent)) return true;
  }
  return false;
}

/** The smallest elements whose text starts with `prefix` ("By …") and is byline-sized. */
function elementsStartingWith(document: Document, prefix: RegExp): Element[] {
  const found: Element[] = [];
  for (const [node, nodeText] of bodyTexts(document)) {
    if (!prefix.test(nodeText)) continue;
    let element = node.parentElement;
    // "<span>By</span> <a>Name</a>": climb to the element holding the name too.
    while (
      element !== null &&
      collapse(element.textContent ?? '')
        .replace(prefix, '')
        .trim() === ''
    ) {
      element = element.parentElement;
    }
    if (element === null || element.tagName === 'BODY') continue;
    const text = collapse(element.textContent ?? '');
    if (text.length <= MAX_BYLINE_LENGTH && BY_PREFIX.test(text)) found.push(element);
  }
  return found;
}

/** A byline element's text, or for a long author box the name inside it. */
function bylineText(element: Element): string | undefined {
  const text = collapse(element.textContent ?? '');
  if (text === '') return undefined;
  if (text.length <= MAX_BYLINE_LENGTH) {
    // Several linked names in one byline: keep them apart for the splitter.
    const links = descendantsTagged(element, 'a')
      .map((a) => collapse(a.textContent ?? ''))
      .filter(Boolean);
    if (links.length > 1 && links.every((name) => name.length <= 60)) {
      const before = text.slice(0, text.indexOf(links[0] ?? ''));
      if (BY_PREFIX.test(before) || before.trim() === '')
        return [...new Set(links)].join(AUTHOR_JOINER);
    }
    return text;
  }
  const name = element.querySelector(
    '[class*="name" i], [rel~="author"], a, strong, b, h2, h3, h4',
  );
  const value = collapse(name?.textContent ?? '');
  return value !== '' && value.length <= 60 ? value : undefined;
}

function nextText(node: Node): string {
  let next: Node | null = node.parentElement?.nextSibling ?? null;
  while (next !== null && (next.textContent ?? '').trim() === '') next = next.nextSibling;
  return next?.textContent ?? '';
}

/** The block a label belongs to: its paragraph, list item or definition (dt → dd). */
function labelBlock(labelText: Node): Element | undefined {
  let element = labelText.parentElement;
  while (
    element !== null &&
    ['B', 'STRONG', 'SPAN', 'EM', 'I', 'LABEL', 'SMALL', 'H4', 'H5', 'H6'].includes(element.tagName)
  ) {
    if (collapse(element.parentElement?.textContent ?? '').length > MAX_LABEL_BLOCK_LENGTH) break;
    element = element.parentElement;
  }
  if (element === null) return undefined;
  if (element.tagName === 'DT') return element.nextElementSibling ?? undefined;
  return collapse(element.textContent ?? '').length <= MAX_LABEL_BLOCK_LENGTH ? element : undefined;
}

/** The links after the label, or the comma-separated text after it when there are none. */
function labelValues(block: Element, labelText: Node, label: string): string[] {
  const links = descendantsTagged(block, 'a').filter(
    (link) => labelText.compareDocumentPosition(link) & 4 /* FOLLOWING */ || block.tagName === 'DD',
  );
  const values =
    links.length > 0
      ? links.map((link) => collapse(link.textContent ?? ''))
      : collapse(block.textContent ?? '')
          .slice(
            collapse(block.textContent ?? '')
              .toLowerCase()
              .indexOf(collapse(label).toLowerCase()) + collapse(label).length,
          )
          .replace(/^[\s:：]+/, '')
          .split(/\s*[,;|•·]\s*/);
  return [...new Set(values.map((value) => value.replace(/^#/, '').trim()))]
    .filter((value) => value !== '' && value.length <= MAX_LABEL_VALUE_LENGTH)
    .slice(0, MAX_LABEL_VALUES);
}

/** The text before an "Updated …" note: the date after it is the modification, not the publication. */
function beforeUpdate(text: string): string {
  return text.split(UPDATE_NOTE)[0] ?? '';
}

function firstPhrase(text: string): string {
  return collapse(text.split(/[.\n]\s|,\s*copyright|\s+copyright/i)[0] ?? '')
    .replace(/[.,;:]+$/, '')
    .slice(0, 80);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
