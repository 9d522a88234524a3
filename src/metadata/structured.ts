// Candidates from the machine-readable parts of a page: JSON-LD, <meta> (OpenGraph, article:*,
// Dublin Core, Parse.ly, Sailthru…), microdata (itemprop) and <link rel>. Each source is named
// in the candidate so the resolver can rank it and --debug can show it.
import type { MetadataCandidate, MetadataField } from '../types.js';
import { collapse } from './normalize.js';
import { elementsTagged, pageElements } from './page-view.js';

/** schema.org types that describe the article itself. */
const ARTICLE_TYPES = new Set(
  [
    'Article',
    'NewsArticle',
    'AnalysisNewsArticle',
    'AskPublicQuestionNewsArticle',
    'BackgroundNewsArticle',
    'OpinionNewsArticle',
    'ReportageNewsArticle',
    'ReviewNewsArticle',
    'BlogPosting',
    'LiveBlogPosting',
    'SocialMediaPosting',
    'DiscussionForumPosting',
    'ScholarlyArticle',
    'TechArticle',
    'Report',
    'SatiricalArticle',
    'AdvertiserContentArticle',
    'Review',
    'Recipe',
    'VideoObject',
    'CreativeWork',
  ].map((type) => type.toLowerCase()),
);
/** schema.org types that describe the page around the article (weaker evidence). */
const PAGE_TYPES = new Set(
  [
    'WebPage',
    'MedicalWebPage',
    'ItemPage',
    'AboutPage',
    'CollectionPage',
    'ProfilePage',
    'QAPage',
    'MediaGallery',
  ].map((type) => type.toLowerCase()),
);
const MAX_LIST_VALUES = 30;
/** Raw newlines and tabs inside JSON strings, which browsers' JSON-LD readers forgive. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f]+/g;
/** Joins several names from one node into one author candidate; normalize splits on it. */
export const AUTHOR_JOINER = '; ';

/** <meta> names/properties (lower-case) and the field they give. */
const META_FIELDS: Readonly<Record<string, MetadataField>> = {
  'og:title': 'title',
  'twitter:title': 'title',
  'dc.title': 'title',
  'dcterms.title': 'title',
  'parsely-title': 'title',
  'sailthru.title': 'title',
  headline: 'title',
  author: 'author',
  'article:author': 'author',
  'og:article:author': 'author',
  'book:author': 'author',
  'dc.creator': 'author',
  'dcterms.creator': 'author',
  'parsely-author': 'author',
  'sailthru.author': 'author',
  citation_author: 'author',
  byl: 'author',
  'article:published_time': 'date',
  'og:article:published_time': 'date',
  'og:published_time': 'date',
  'article:published': 'date',
  'article.published': 'date',
  date: 'date',
  pubdate: 'date',
  publishdate: 'date',
  'publish-date': 'date',
  publish_date: 'date',
  publication_date: 'date',
  datepublished: 'date',
  'dc.date': 'date',
  'dc.date.issued': 'date',
  'dc.date.created': 'date',
  'dcterms.date': 'date',
  'dcterms.issued': 'date',
  'dcterms.created': 'date',
  'parsely-pub-date': 'date',
  'sailthru.date': 'date',
  citation_publication_date: 'date',
  citation_date: 'date',
  'original-publish-date': 'date',
  ptime: 'date',
  displaydate: 'date',
  'article:modified_time': 'modified',
  'og:article:modified_time': 'modified',
  'og:updated_time': 'modified',
  'article:modified': 'modified',
  'last-modified': 'modified',
  'dc.date.modified': 'modified',
  'dcterms.modified': 'modified',
  datemodified: 'modified',
  utime: 'modified',
  'article:section': 'theme',
  'og:article:section': 'theme',
  'parsely-section': 'theme',
  'sailthru.section': 'theme',
  section: 'theme',
  category: 'theme',
  'article:tag': 'tags',
  'og:article:tag': 'tags',
  'parsely-tags': 'tags',
  'sailthru.tags': 'tags',
  news_keywords: 'tags',
  keywords: 'tags',
  'og:site_name': 'site',
  'application-name': 'site',
  'og:url': 'url',
  'content-language': 'language',
  'og:locale': 'language',
  'dc.language': 'language',
  language: 'language',
  'og:description': 'description',
  description: 'description',
  'twitter:description': 'description',
  'dc.description': 'description',
  'original-source': 'original_source',
  'syndication-source': 'original_source',
  'geo.placename': 'region',
  'dc.coverage': 'region',
  license: 'license',
  'dc.rights': 'license',
  'dcterms.license': 'license',
};
/** Meta keys whose content is a list separated by commas. */
const LIST_META = new Set(['parsely-tags', 'sailthru.tags', 'news_keywords', 'keywords']);

// ---------------------------------------------------------------------------------------
// JSON-LD

type JsonObject = Record<string, unknown>;

export function jsonLdCandidates(document: Document): MetadataCandidate[] {
  const nodes: JsonObject[] = [];
  const scripts = elementsTagged(document, 'script').filter((script) =>
    (script.getAttribute('type') ?? '').toLowerCase().includes('ld+json'),
  );
  for (const script of scripts) {
    const data = parseLenientJson(script.textContent ?? '');
    if (data !== undefined) flattenNodes(data, nodes);
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  const resolve = (value: unknown): unknown => {
    if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return byId.get(value['@id']) ?? value;
    }
    return value;
  };

  const candidates: MetadataCandidate[] = [];
  const articles = nodes.filter((node) => hasType(node, ARTICLE_TYPES));
  const pages = nodes.filter((node) => hasType(node, PAGE_TYPES));
  for (const [group, source] of [
    [articles, 'json-ld'],
    [pages, 'json-ld:page'],
  ] as const) {
    for (const node of group) candidates.push(...nodeCandidates(node, source, resolve));
  }
  for (const node of nodes) {
    if (hasType(node, new Set(['breadcrumblist']))) candidates.push(...breadcrumbCandidates(node));
    if (hasType(node, new Set(['website']))) {
      const name = text(node.name);
      if (name !== undefined)
        candidates.push({ field: 'site', value: name, source: 'json-ld:website' });
    }
  }
  return candidates;
}

function nodeCandidates(
  node: JsonObject,
  source: string,
  resolve: (value: unknown) => unknown,
): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  const add = (field: MetadataField, value: string | undefined) => {
    if (value !== undefined && value !== '') candidates.push({ field, value, source });
  };
  add('title', text(node.headline) ?? (source === 'json-ld' ? text(node.name) : undefined));
  const authors = asArray(node.author ?? node.creator)
    .map(resolve)
    .map(nameOf)
    .filter((name): name is string => name !== undefined);
  if (authors.length > 0) add('author', authors.join(AUTHOR_JOINER));
  add('date', text(node.datePublished) ?? text(node.dateCreated));
  add('modified', text(node.dateModified));
  // articleSection is a list, sometimes written as one comma-separated string.
  const sections = asArray(node.articleSection).flatMap(
    (section) => text(section)?.split(',') ?? [],
  );
  for (const section of sections.slice(0, MAX_LIST_VALUES)) add('theme', collapse(section));
  for (const keyword of keywordList(node.keywords)) add('tags', keyword);
  for (const place of [node.contentLocation, node.locationCreated, node.spatialCoverage]) {
    for (const location of asArray(place)) add('region', nameOf(resolve(location)));
  }
  add('site', nameOf(resolve(node.publisher)));
  add('url', urlOf(node.url) ?? urlOf(resolve(node.mainEntityOfPage)));
  add('language', text(node.inLanguage) ?? nameOf(node.inLanguage));
  add('description', text(node.description));
  add('license', urlOf(node.license) ?? text(node.license));
  return candidates;
}

function breadcrumbCandidates(node: JsonObject): MetadataCandidate[] {
  const names = asArray(node.itemListElement)
    .filter(isObject)
    .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0))
    .map((element) => nameOf(element.item) ?? nameOf(element))
    .filter((name): name is string => name !== undefined);
  return names.map((value) => ({ field: 'theme', value, source: 'json-ld:breadcrumb' }));
}

/**
 * JSON-LD as sites write it: sometimes wrapped in HTML comments or CDATA, with raw newlines
 * inside strings or trailing commas. Undefined when it cannot be read even after repairs.
 */
export function parseLenientJson(raw: string): unknown {
  const attempts = [
    raw,
    raw
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      .replace(CONTROL_CHARACTERS, ' ')
      .replace(/,\s*([}\]])/g, '$1')
      .replace(/;\s*$/, ''),
  ];
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt);
    } catch {
      // Try the next repair.
    }
  }
  return undefined;
}

function flattenNodes(data: unknown, into: JsonObject[]): void {
  for (const item of asArray(data)) {
    if (!isObject(item)) continue;
    into.push(item);
    if (item['@graph'] !== undefined) flattenNodes(item['@graph'], into);
    if (isObject(item.mainEntity) && item.mainEntity['@type'] !== undefined)
      flattenNodes(item.mainEntity, into);
  }
}

function hasType(node: JsonObject, types: ReadonlySet<string>): boolean {
  return asArray(node['@type']).some(
    (type) => typeof type === 'string' && types.has(type.replace(/^.*[/:]/, '').toLowerCase()),
  );
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (!isObject(value)) return undefined;
  const name = text(value.name) ?? text(value.alternateName) ?? text(value['@value']);
  if (name !== undefined) return name;
  const given = text(value.givenName);
  const family = text(value.familyName);
  return given !== undefined || family !== undefined
    ? [given, family].filter(Boolean).join(' ')
    : undefined;
}

function urlOf(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (isObject(value)) return text(value['@id']) ?? text(value.url);
  return undefined;
}

function keywordList(value: unknown): string[] {
  const items =
    typeof value === 'string' ? value.split(',') : asArray(value).map((item) => nameOf(item) ?? '');
  return items
    .map((item) => collapse(item))
    .filter((item) => item !== '')
    .slice(0, MAX_LIST_VALUES);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const collapsed = collapse(decodeEntities(value));
  return collapsed === '' ? undefined : collapsed;
}

/** JSON-LD written by CMSs often still carries HTML entities ("&amp;", "&#8217;"). */
function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|apos|lt|gt|nbsp));/gi,
    (_, dec, hex, named) => {
      if (dec !== undefined) return String.fromCodePoint(Number(dec));
      if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
      return (
        { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' }[
          String(named).toLowerCase()
        ] ?? ''
      );
    },
  );
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// <meta>

export function metaCandidates(document: Document): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  // Several <meta> authors under one spelling are co-authors; "dc:creator" (property) and
  // "DC.creator" (name) are two spellings of one value, and property (RDFa) is preferred.
  const authors = new Map<string, { source: string; names: string[] }>();
  const metas = elementsTagged(document, 'meta').filter((meta) => meta.hasAttribute('content'));
  for (const meta of metas) {
    const spelling = meta.hasAttribute('property') ? 'property' : 'name';
    const key = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('http-equiv') ??
      meta.getAttribute('itemprop') ??
      ''
    )
      .trim()
      .toLowerCase();
    // Some sites put several space-separated properties in one attribute.
    for (const property of key.split(/\s+/)) {
      // Dublin Core is written "dc:creator", "DC.creator" or "dcterm:created".
      const name = property.replace(/^(dc|dcterms?)[:.]/, (_, prefix: string) =>
        prefix === 'dc' ? 'dc.' : 'dcterms.',
      );
      const field = META_FIELDS[name];
      const content = collapse(meta.getAttribute('content') ?? '');
      if (field === undefined || content === '') continue;
      const source = `meta:${name}`;
      if (field === 'author') {
        const group = `${spelling} ${source}`;
        authors.set(group, { source, names: [...(authors.get(group)?.names ?? []), content] });
      } else if (LIST_META.has(name)) {
        for (const value of content
          .split(/[,;]/)
          .map(collapse)
          .filter(Boolean)
          .slice(0, MAX_LIST_VALUES)) {
          candidates.push({ field, value, source });
        }
      } else {
        candidates.push({ field, value: content, source });
      }
    }
  }
  const groups = [...authors.entries()].sort(
    ([a], [b]) => Number(a.startsWith('name')) - Number(b.startsWith('name')),
  );
  for (const [, { source, names }] of groups) {
    candidates.push({ field: 'author', value: names.join(AUTHOR_JOINER), source });
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------
// Microdata

const MICRODATA_FIELDS: Readonly<Record<string, MetadataField>> = {
  headline: 'title',
  author: 'author',
  creator: 'author',
  datepublished: 'date',
  datecreated: 'date',
  datemodified: 'modified',
  articlesection: 'theme',
  keywords: 'tags',
  inlanguage: 'language',
  contentlocation: 'region',
};

export function microdataCandidates(document: Document): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  const authors: string[] = [];
  for (const element of pageElements(document).all) {
    if (!element.hasAttribute('itemprop')) continue;
    if (element.tagName === 'META' && insideHead(element)) continue; // read as <meta>
    for (const property of (element.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/)) {
      const field = MICRODATA_FIELDS[property];
      if (field === undefined) continue;
      const value = microdataValue(element, field);
      if (value === undefined) continue;
      if (field === 'author') authors.push(value);
      else if (field === 'tags') {
        for (const tag of value.split(',').map(collapse).filter(Boolean))
          candidates.push({ field, value: tag, source: 'microdata' });
      } else candidates.push({ field, value, source: 'microdata' });
    }
  }
  if (authors.length > 0) {
    candidates.push({
      field: 'author',
      value: [...new Set(authors)].join(AUTHOR_JOINER),
      source: 'microdata',
    });
  }
  return candidates;
}

function insideHead(element: Element): boolean {
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (node.localName === 'head') return true;
  }
  return false;
}

function microdataValue(element: Element, field: MetadataField): string | undefined {
  const attribute = element.getAttribute('content') ?? element.getAttribute('datetime');
  if (attribute !== null && attribute.trim() !== '') return collapse(attribute);
  if (element.hasAttribute('itemscope')) {
    const name = element.querySelector('[itemprop~="name" i]');
    if (name === null) return undefined;
    return collapse(name.getAttribute('content') ?? name.textContent ?? '') || undefined;
  }
  const value = collapse(element.textContent ?? '');
  // A long text is a container mislabelled with itemprop, not a value.
  const limit = field === 'title' ? 300 : 120;
  return value === '' || value.length > limit ? undefined : value;
}

// ---------------------------------------------------------------------------------------
// <link rel> and <a rel>

const BYLINE_BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SPAN',
  'LI',
  'HEADER',
  'SECTION',
  'FOOTER',
  'ADDRESS',
]);

/** The nearest block around a link (a parent walk: jsdom's closest() is slow on big pages). */
function enclosingBlock(link: Element): Element {
  for (let node = link.parentElement; node !== null; node = node.parentElement) {
    if (BYLINE_BLOCK_TAGS.has(node.tagName)) return node;
  }
  return link;
}

const CREATIVE_COMMONS = /creativecommons\.org\/(?:licenses|publicdomain)\//i;

export function linkCandidates(document: Document): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  // Several rel=author links in one block are one byline with several names.
  const authorsByBlock = new Map<Element, string[]>();
  // One pass over links, reading rel in JavaScript: jsdom's case-insensitive attribute
  // selectors ([rel~="author" i]) cost more than the rest of metadata collection.
  const links = elementsTagged(document, 'a', 'link').filter(
    (element) =>
      element.hasAttribute('href') || (element.localName === 'a' && element.hasAttribute('rel')),
  );
  for (const link of links) {
    const rel = ` ${(link.getAttribute('rel') ?? '').toLowerCase()} `;
    const href = link.getAttribute('href') ?? '';
    if (link.tagName === 'LINK') {
      if (rel.includes(' canonical '))
        candidates.push({ field: 'url', value: href, source: 'link:canonical' });
      if (rel.includes(' license '))
        candidates.push({ field: 'license', value: href, source: 'rel-license' });
      continue;
    }
    if (href !== '' && (rel.includes(' license ') || CREATIVE_COMMONS.test(href))) {
      candidates.push({ field: 'license', value: href, source: 'rel-license' });
    }
    if (rel.includes(' author ')) {
      const name = collapse(link.textContent ?? '');
      const block = enclosingBlock(link);
      if (name !== '') authorsByBlock.set(block, [...(authorsByBlock.get(block) ?? []), name]);
    }
    if (rel.includes(' tag ')) {
      const tag = collapse(link.textContent ?? '');
      if (tag !== '' && tag.length <= 80)
        candidates.push({ field: 'tags', value: tag, source: 'rel-tag' });
    }
  }
  for (const names of authorsByBlock.values()) {
    candidates.push({
      field: 'author',
      value: [...new Set(names)].join(AUTHOR_JOINER),
      source: 'rel-author',
    });
  }
  return candidates;
}
