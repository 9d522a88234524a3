// Sitemaps (sitemaps.org 0.9), sitemap indexes and Google News sitemaps, parsed with
// fast-xml-parser. Namespace prefixes are dropped, so <news:publication_date> and a page's own
// prefix choice read the same.
import { XMLParser } from 'fast-xml-parser';
import { StetError } from '../errors.js';
import { absoluteHttpUrl, type DatedLink } from './links.js';

/** A page or child sitemap; `date` is the news publication date, else <lastmod>. */
export type SitemapEntry = DatedLink;

export type Sitemap =
  | { readonly kind: 'urlset'; readonly pages: readonly SitemapEntry[] }
  | { readonly kind: 'index'; readonly sitemaps: readonly SitemapEntry[] };

const REPEATED_ELEMENTS = new Set(['url', 'sitemap']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => REPEATED_ELEMENTS.has(name),
});

interface RawEntry {
  readonly loc?: unknown;
  readonly lastmod?: unknown;
  readonly news?: { readonly publication_date?: unknown };
}

export function parseSitemap(body: string, sitemapUrl: string): Sitemap {
  let document: { urlset?: { url?: RawEntry[] }; sitemapindex?: { sitemap?: RawEntry[] } };
  try {
    document = parser.parse(body, true);
  } catch (error) {
    throw new StetError(
      'sources.invalid',
      sitemapUrl,
      `not a sitemap: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (document.sitemapindex !== undefined) {
    return { kind: 'index', sitemaps: entriesOf(document.sitemapindex.sitemap, sitemapUrl) };
  }
  if (document.urlset !== undefined) {
    return { kind: 'urlset', pages: entriesOf(document.urlset.url, sitemapUrl) };
  }
  throw new StetError(
    'sources.invalid',
    sitemapUrl,
    'not a sitemap: expected a <urlset> or <sitemapindex> root element',
  );
}

function entriesOf(raw: readonly RawEntry[] | undefined, base: string): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  for (const entry of raw ?? []) {
    const url = absoluteHttpUrl(textOf(entry.loc), base);
    if (url === undefined) continue;
    entries.push({ url, date: textOf(entry.news?.publication_date) ?? textOf(entry.lastmod) });
  }
  return entries;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
