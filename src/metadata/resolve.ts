// Step 8 of the pipeline: one value per front-matter field, chosen from the candidates by a
// documented order of trust, with cross-checks against what the page visibly says.
//
// Order of trust (first listed wins unless a cross-check rejects it):
//   title     site profile, JSON-LD headline*, dc/og/twitter/parsely title, microdata, <h1>,
//             Readability, <title>; the site-name suffix is then removed.
//   author    site profile, JSON-LD*, microdata, <meta name=author> and kin, rel=author,
//             visible byline, Readability. Never a URL, date, email, "By", "Staff", "Admin",
//             or the site's own name (unless a visible byline says so).
//   date      a weighted vote over the days the sources give (JSON-LD 10, article:published_time 9,
//             microdata and the byline's own date 8, a visible dateline 7, <time> and other
//             <meta> 6, URL 5); days a
//             day apart (time zones) vote together; the most precise value of the winning day
//             is kept. Never after the capture, before 1990 without a second source, or (for
//             weak visible sources) the capture day itself.
//   modified  JSON-LD dateModified, article:modified_time, og:updated_time, other <meta>.
//   region, theme
//             site profile, visible labels ("Region:", "Theme:", "Category:"), JSON-LD,
//             article:section / microdata, breadcrumbs; all values of the winning source.
//   tags      union of site profile, labels ("Tags:", "In-depth Report:"), article:tag,
//             JSON-LD keywords, microdata, parsely/sailthru tags; else rel=tag links; else
//             <meta name=keywords>. Values that are the region or theme are dropped.
//   site      site profile, og:site_name, JSON-LD WebSite, application-name, publisher.
//   url       <link rel=canonical>, og:url, JSON-LD, the page URL; never the home page.
//   language  <html lang>, content-language, og:locale, dc.language, JSON-LD, Readability.
// * JSON-LD "contradicts the page" when the page shows a headline or byline and the JSON-LD
//   value is found in none of them; it then loses to the page.
import type {
  ArticleMetadata,
  ExtractedArticle,
  MetadataCandidate,
  MetadataField,
  MetadataResult,
} from '../types.js';
import {
  absoluteHttpUrl,
  authorNames,
  comparable,
  dayOf,
  isHomePage,
  isPlausibleDate,
  normalizeLanguage,
  parseDate,
  sameText,
  stripSiteName,
} from './normalize.js';

export const READABILITY_SOURCE = 'readability';
const MAX_TAGS = 30;
const MAX_DESCRIPTION_LENGTH = 1000;

/** Sources per field, most trusted first. A trailing `*` matches a prefix. */
const TRUST: Readonly<Record<Exclude<MetadataField, 'date' | 'source_url'>, readonly string[]>> = {
  title: [
    'site-profile',
    READABILITY_SOURCE,
    'json-ld',
    'meta:dc.title',
    'meta:dcterms.title',
    'meta:og:title',
    'meta:headline',
    'meta:twitter:title',
    'meta:parsely-title',
    'meta:sailthru.title',
    'microdata',
    'h1',
    'json-ld:page',
    'title-element',
  ],
  author: [
    'site-profile',
    'json-ld',
    'microdata',
    'meta:dc.creator',
    'meta:dcterms.creator',
    'meta:author',
    'meta:article:author',
    'meta:og:article:author',
    'meta:parsely-author',
    'meta:sailthru.author',
    'meta:citation_author',
    'meta:byl',
    'meta:book:author',
    'rel-author',
    'byline',
    READABILITY_SOURCE,
  ],
  modified: [
    'json-ld',
    'meta:article:modified_time',
    'meta:og:article:modified_time',
    'microdata',
    'meta:og:updated_time',
    'meta:*',
    'json-ld:page',
  ],
  region: [
    'site-profile',
    'taxonomy:*',
    'json-ld',
    'microdata',
    'meta:geo.placename',
    'meta:dc.coverage',
    'json-ld:page',
  ],
  theme: [
    'site-profile',
    'taxonomy:*',
    'json-ld',
    'meta:article:section',
    'meta:og:article:section',
    'microdata',
    'meta:parsely-section',
    'meta:sailthru.section',
    'json-ld:breadcrumb',
    'breadcrumb',
    'meta:section',
    'meta:category',
    'json-ld:page',
  ],
  tags: [
    'site-profile',
    'taxonomy:*',
    'meta:article:tag',
    'meta:og:article:tag',
    'json-ld',
    'microdata',
    'meta:parsely-tags',
    'meta:sailthru.tags',
    'meta:news_keywords',
    'json-ld:page',
  ],
  site: [
    'site-profile',
    'meta:og:site_name',
    'json-ld:website',
    'meta:application-name',
    'json-ld',
    READABILITY_SOURCE,
  ],
  url: ['link:canonical', 'meta:og:url', 'json-ld', 'json-ld:page'],
  language: [
    'html-lang',
    'meta:content-language',
    'meta:og:locale',
    'meta:dc.language',
    'meta:language',
    'json-ld',
    READABILITY_SOURCE,
  ],
  description: [
    'meta:og:description',
    'meta:description',
    'meta:twitter:description',
    'meta:dc.description',
    'json-ld',
    'json-ld:page',
  ],
  original_source: [
    'site-profile',
    'original-source',
    'meta:original-source',
    'meta:syndication-source',
  ],
  license: ['rel-license', 'json-ld', 'meta:license', 'meta:dcterms.license', 'meta:dc.rights'],
};

/** Weight of each source in the publication-date vote. */
const DATE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['site-profile', 100],
  ['json-ld', 10],
  ['meta:article:published_time', 9],
  ['meta:og:article:published_time', 9],
  ['microdata', 8],
  ['byline-date', 8],
  ['visible-date', 7],
  ['time', 6],
  ['meta:*', 6],
  ['url-date', 5],
  ['json-ld:page', 3],
  [READABILITY_SOURCE, 1],
];
/** Visible sources that may show "today" (a header clock) rather than the article's date. */
const WEAK_DATE_SOURCES = new Set(['visible-date', 'time', 'byline-date']);
/** Sources that show a byline or headline to the reader: the page itself. */
const VISIBLE_AUTHOR_SOURCES = new Set(['byline', 'rel-author']);
const VISIBLE_TITLE_SOURCES = new Set(['h1', 'title-element', 'meta:og:title']);
const ONE_DAY_MS = 24 * 3600 * 1000;
/** Section values that name no section: CMS defaults, domains, handles. */
const NOT_A_SECTION =
  /^(?:post|posts|article|articles|page|story|default|uncategori[sz]ed|none|null|@.*|.*\.(?:com|org|net)|https?:.*)$/i;
const LICENSE_TEXT = /creative\s*commons|\bcc[-\s]?(?:by|0)\b|public domain/i;

/** A chosen value and the source it came from (shown by --debug). */
interface Chosen<T> {
  readonly value: T;
  readonly source: string;
}

/** MetadataResult plus, for every field that has a value, the source that won. */
export interface ResolvedMetadata extends MetadataResult {
  readonly sources: Readonly<Partial<Record<MetadataField, string>>>;
}

export function resolveMetadata(
  collected: readonly MetadataCandidate[],
  article: ExtractedArticle,
  page: { url: string | undefined; fetchedAt: Date },
): ResolvedMetadata {
  const candidates = [...collected, ...readabilityCandidates(article)];
  const site = firstValid(candidates, 'site', (value) => value);
  const siteName = site?.value;
  const date = resolveDate(candidates, page.fetchedAt);
  const region = resolveGroup(candidates, 'region', () => true);
  const theme = resolveGroup(candidates, 'theme', (value) => !NOT_A_SECTION.test(value));
  const chosen: Partial<Record<MetadataField, Chosen<string | readonly string[]>>> = {
    title: resolveTitle(candidates, siteName),
    author: resolveAuthor(candidates, siteName, page.url),
    date,
    modified: resolveModified(candidates, date?.value, page.fetchedAt),
    region,
    theme,
    tags: resolveTags(candidates, [...asList(region?.value), ...asList(theme?.value)]),
    site,
    url: resolveUrl(candidates, page.url),
    language: firstValid(candidates, 'language', normalizeLanguage),
    description: firstValid(candidates, 'description', (value) =>
      value.length <= MAX_DESCRIPTION_LENGTH ? value : undefined,
    ),
    original_source: firstValid(candidates, 'original_source', (value) =>
      siteName !== undefined && sameText(value, siteName) ? undefined : value,
    ),
    license: firstValid(candidates, 'license', (value) => licenseOf(value, page.url)),
  };
  const metadata: Record<string, unknown> = {};
  const sources: Partial<Record<MetadataField, string>> = {};
  for (const [field, value] of Object.entries(chosen) as [
    MetadataField,
    Chosen<unknown> | undefined,
  ][]) {
    if (value === undefined) continue;
    metadata[field] = value.value;
    sources[field] = value.source;
  }
  return { metadata: metadata as ArticleMetadata, candidates, sources };
}

function readabilityCandidates(article: ExtractedArticle): MetadataCandidate[] {
  const values: [MetadataField, string | undefined][] = [
    ['title', article.title],
    ['author', article.byline],
    ['date', article.publishedTime],
    ['site', article.siteName],
    ['language', article.lang],
  ];
  return values
    .filter(
      (entry): entry is [MetadataField, string] => entry[1] !== undefined && entry[1].trim() !== '',
    )
    .map(([field, value]) => ({ field, value, source: READABILITY_SOURCE }));
}

// ---------------------------------------------------------------------------------------
// Ranking

function rankOf(field: keyof typeof TRUST, source: string): number {
  for (const [index, pattern] of TRUST[field].entries()) {
    if (matchesSource(pattern, source)) return index;
  }
  return Number.POSITIVE_INFINITY;
}

/** `pattern` names `source` exactly, or by prefix when it ends with `*`. */
function matchesSource(pattern: string, source: string): boolean {
  return pattern.endsWith('*') ? source.startsWith(pattern.slice(0, -1)) : pattern === source;
}

/** Candidates of a field that some trusted source gave, most trusted first, then page order. */
function ranked(
  candidates: readonly MetadataCandidate[],
  field: keyof typeof TRUST,
): MetadataCandidate[] {
  return candidates
    .map((candidate, order) => ({ candidate, order, rank: rankOf(field, candidate.source) }))
    .filter((entry) => entry.candidate.field === field && Number.isFinite(entry.rank))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((entry) => entry.candidate);
}

function firstValid(
  candidates: readonly MetadataCandidate[],
  field: keyof typeof TRUST,
  accept: (value: string) => string | undefined,
): Chosen<string> | undefined {
  for (const candidate of ranked(candidates, field)) {
    const value = accept(candidate.value.trim());
    if (value !== undefined && value !== '') return { value, source: candidate.source };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Fields

function resolveTitle(
  candidates: readonly MetadataCandidate[],
  site: string | undefined,
): Chosen<string> | undefined {
  const visible = candidates.filter(
    (c) => c.field === 'title' && VISIBLE_TITLE_SOURCES.has(c.source),
  );
  for (const candidate of ranked(candidates, 'title')) {
    const title = stripSiteName(candidate.value, site);
    if (title === '' || (site !== undefined && sameText(title, site))) continue;
    if (candidate.source === 'json-ld' && contradicts(title, visible)) continue;
    return { value: title, source: candidate.source };
  }
  return undefined;
}

function resolveAuthor(
  candidates: readonly MetadataCandidate[],
  site: string | undefined,
  pageUrl: string | undefined,
): Chosen<string | readonly string[]> | undefined {
  const host = hostLabel(pageUrl);
  const visible = candidates.filter(
    (c) => c.field === 'author' && VISIBLE_AUTHOR_SOURCES.has(c.source),
  );
  const visibleNames = visible.flatMap((c) => authorNames(c.value, undefined));
  for (const candidate of ranked(candidates, 'author')) {
    // A visible byline may name the site itself ("By Global Research"). Metadata that gives
    // only the site, by name or by host ("LinkNaija" on linknaija.com), credits the
    // publisher, not an author — unless two sources agree (a personal blog named after
    // its author).
    const trusted = VISIBLE_AUTHOR_SOURCES.has(candidate.source) || agreed(candidates, candidate);
    const names = authorNames(candidate.value, trusted ? undefined : site).filter(
      (name) => trusted || host === undefined || !host.includes(comparable(name)),
    );
    if (names.length === 0) continue;
    if (
      candidate.source.startsWith('json-ld') &&
      visibleNames.length > 0 &&
      contradicts(names.join(' '), visible)
    ) {
      if (!names.some((name) => visibleNames.some((shown) => sameText(shown, name)))) continue;
    }
    const value = single(dedupe(names));
    if (value !== undefined) return { value, source: candidate.source };
  }
  return undefined;
}

interface DateVote {
  readonly value: string;
  readonly day: number;
  readonly weight: number;
  readonly source: string;
}

function resolveDate(
  candidates: readonly MetadataCandidate[],
  fetchedAt: Date,
): Chosen<string> | undefined {
  const captureDay = dayOf(fetchedAt.toISOString());
  const votes: DateVote[] = [];
  for (const candidate of candidates) {
    if (candidate.field !== 'date') continue;
    const weight = dateWeight(candidate.source);
    const value = parseDate(candidate.value);
    if (weight === 0 || value === undefined || !isPlausibleDate(value, fetchedAt)) continue;
    votes.push({
      value,
      day: Date.parse(`${dayOf(value)}T00:00:00Z`),
      weight,
      source: candidate.source,
    });
  }
  const pre1990 = candidates
    .filter((c) => c.field === 'date' && dateWeight(c.source) > 0)
    .map((c) => parseDate(c.value))
    .filter((value): value is string => value !== undefined && Number(value.slice(0, 4)) < 1990);
  // A date before 1990 stands only when two sources give the same day.
  for (const value of new Set(pre1990)) {
    if (pre1990.filter((other) => dayOf(other) === dayOf(value)).length >= 2) {
      votes.push({
        value,
        day: Date.parse(`${dayOf(value)}T00:00:00Z`),
        weight: 1,
        source: 'corroborated',
      });
    }
  }
  const accepted = votes.filter(
    (vote) =>
      !(WEAK_DATE_SOURCES.has(vote.source) && dayOf(vote.value) === captureDay) ||
      votes.some(
        (other) => !WEAK_DATE_SOURCES.has(other.source) && dayOf(other.value) === captureDay,
      ),
  );
  if (accepted.length === 0) return undefined;
  const support = (vote: DateVote) => {
    const sources = new Map<string, number>();
    for (const other of accepted) {
      if (Math.abs(other.day - vote.day) <= ONE_DAY_MS)
        sources.set(other.source, Math.max(sources.get(other.source) ?? 0, other.weight));
    }
    return [...sources.values()].reduce((sum, weight) => sum + weight, 0);
  };
  const winner = [...accepted].sort((a, b) => support(b) - support(a) || b.weight - a.weight)[0];
  if (winner === undefined) return undefined;
  // Keep the winner's day; take a time and offset from a source giving that same day.
  const precise = accepted
    .filter((vote) => dayOf(vote.value) === dayOf(winner.value) && vote.value.length > 10)
    .sort((a, b) => b.weight - a.weight)[0];
  if (winner.value.length > 10 || precise === undefined) return winner;
  return { value: precise.value, source: `${winner.source} (time from ${precise.source})` };
}

function dateWeight(source: string): number {
  for (const [pattern, weight] of DATE_WEIGHTS) {
    if (matchesSource(pattern, source)) return weight;
  }
  return 0;
}

function resolveModified(
  candidates: readonly MetadataCandidate[],
  date: string | undefined,
  fetchedAt: Date,
): Chosen<string> | undefined {
  return firstValid(candidates, 'modified', (raw) => {
    const value = parseDate(raw);
    if (value === undefined || !isPlausibleDate(value, fetchedAt)) return undefined;
    // A modification before the publication is a mislabelled value.
    if (date !== undefined && dayOf(value) < dayOf(date)) return undefined;
    return value;
  });
}

/** All acceptable values of the most trusted source that gives the field, de-duplicated. */
function resolveGroup(
  candidates: readonly MetadataCandidate[],
  field: 'region' | 'theme',
  accept: (value: string) => boolean,
): Chosen<string | readonly string[]> | undefined {
  const usable = candidates.filter((c) => accept(c.value.trim()));
  const best = ranked(usable, field)[0];
  if (best === undefined) return undefined;
  const values = dedupe(
    usable.filter((c) => c.field === field && c.source === best.source).map((c) => c.value.trim()),
  );
  const value = single(values);
  return value === undefined ? undefined : { value, source: best.source };
}

function resolveTags(
  candidates: readonly MetadataCandidate[],
  taken: readonly string[],
): Chosen<readonly string[]> | undefined {
  const tiers = [
    ranked(candidates, 'tags'),
    candidates.filter((c) => c.field === 'tags' && c.source === 'rel-tag'),
    candidates.filter((c) => c.field === 'tags' && c.source === 'meta:keywords'),
  ];
  for (const tier of tiers) {
    const fresh = tier.filter((c) => !taken.some((value) => sameText(value, c.value.trim())));
    const tags = dedupe(fresh.map((c) => c.value.trim()));
    if (tags.length > 0) {
      return {
        value: tags.slice(0, MAX_TAGS),
        source: [...new Set(fresh.map((c) => c.source))].join(', '),
      };
    }
  }
  return undefined;
}

function resolveUrl(
  candidates: readonly MetadataCandidate[],
  pageUrl: string | undefined,
): Chosen<string> | undefined {
  const accept = (raw: string) => {
    const url = absoluteHttpUrl(raw, pageUrl);
    return url === undefined || isHomePage(url) ? undefined : url;
  };
  const fromPage = pageUrl === undefined ? undefined : accept(pageUrl);
  return (
    firstValid(candidates, 'url', accept) ??
    (fromPage === undefined ? undefined : { value: fromPage, source: 'page-url' })
  );
}

function licenseOf(value: string, pageUrl: string | undefined): string | undefined {
  const url =
    /^(?:https?:)?\/\//i.test(value) || value.startsWith('/')
      ? absoluteHttpUrl(value, pageUrl)
      : undefined;
  if (url !== undefined) return url;
  return LICENSE_TEXT.test(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------
// Helpers

/** True when the page shows values for this field and none of them contains `value`. */
function contradicts(value: string, shown: readonly MetadataCandidate[]): boolean {
  if (shown.length === 0) return false;
  const wanted = comparable(value);
  return !shown.some((c) => {
    const seen = comparable(c.value);
    return seen.includes(wanted) || (seen !== '' && wanted.includes(seen));
  });
}

/** True when another source (not Readability, which repeats them) gives the same author. */
function agreed(candidates: readonly MetadataCandidate[], candidate: MetadataCandidate): boolean {
  if (candidate.source === READABILITY_SOURCE) return false;
  return candidates.some(
    (other) =>
      other.field === 'author' &&
      other.source !== candidate.source &&
      other.source !== READABILITY_SOURCE &&
      sameText(other.value, candidate.value),
  );
}

/** The page's host name, comparable (www.linknaija.com → "wwwlinknaijacom"). */
function hostLabel(pageUrl: string | undefined): string | undefined {
  try {
    return pageUrl === undefined ? undefined : comparable(new URL(pageUrl).hostname);
  } catch {
    return undefined;
  }
}

/** Case- and punctuation-insensitive de-duplication, keeping the first spelling and order. */
function dedupe(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const key = comparable(value) || value;
    if (value === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(value);
  }
  return result;
}

function single(values: readonly string[]): string | readonly string[] | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
