// From the sources file to the list of pages to capture: listed URLs as they are, feeds and
// sitemaps fetched and expanded (sitemap indexes recursively, newest child sitemaps first).
// A feed or sitemap that cannot be read is one failed result; the other sources go on.
import { describeError } from '../cli/report.js';
import { feedItemUrls } from '../sources/feeds.js';
import { newestFirst, uniqueUrls } from '../sources/links.js';
import { parseSitemap, type SitemapEntry } from '../sources/sitemaps.js';
import type { Source } from '../sources/sources.js';
import type { CaptureResult } from './report.js';

export interface PlannedPage {
  readonly url: string;
  /** false when the source that listed this page opted out of robots.txt. */
  readonly robots: boolean;
}

export interface Discovery {
  /** Every page once, in source order. */
  readonly pages: readonly PlannedPage[];
  /** Feeds and sitemaps that could not be read. */
  readonly failures: readonly CaptureResult[];
}

/** Fetches a feed or sitemap (politely, with retries and robots.txt unless `robots` is false). */
export type DocumentReader = (url: string, robots: boolean) => Promise<string>;

/** Sitemap indexes nest; deeper than this is a loop or a mistake. */
const MAX_SITEMAP_DEPTH = 3;

export async function discoverPages(
  sources: readonly Source[],
  read: DocumentReader,
): Promise<Discovery> {
  const failures: CaptureResult[] = [];
  const listed = await Promise.all(
    sources.map(async (source): Promise<PlannedPage[]> => {
      try {
        const urls = await urlsOf(source, read, failures);
        return urls.map((url) => ({ url, robots: source.robots }));
      } catch (error) {
        failures.push({ url: source.url, status: 'failed', error: describeError(error) });
        return [];
      }
    }),
  );
  const pages = new Map<string, PlannedPage>();
  for (const page of listed.flat()) if (!pages.has(page.url)) pages.set(page.url, page);
  return { pages: [...pages.values()], failures };
}

async function urlsOf(
  source: Source,
  read: DocumentReader,
  failures: CaptureResult[],
): Promise<string[]> {
  switch (source.kind) {
    case 'url':
      return [source.url];
    case 'feed':
      return feedItemUrls(await read(source.url, source.robots), source.url, source.limit);
    case 'sitemap': {
      const entries = await sitemapPages(source.url, source, read, failures, 1);
      return uniqueUrls(newestFirst(entries)).slice(0, source.limit);
    }
  }
}

/**
 * Pages of a sitemap, or of an index's child sitemaps, newest children first, stopping once
 * `source.limit` pages are collected. A failed child sitemap is reported; its siblings go on.
 */
async function sitemapPages(
  url: string,
  source: Source,
  read: DocumentReader,
  failures: CaptureResult[],
  depth: number,
): Promise<SitemapEntry[]> {
  const sitemap = parseSitemap(await read(url, source.robots), url);
  if (sitemap.kind === 'urlset') return [...sitemap.pages];
  if (depth >= MAX_SITEMAP_DEPTH) {
    throw new Error(`sitemap indexes nested more than ${MAX_SITEMAP_DEPTH} deep at ${url}`);
  }
  const pages: SitemapEntry[] = [];
  for (const child of newestFirst(sitemap.sitemaps)) {
    if (source.limit !== undefined && pages.length >= source.limit) break;
    try {
      pages.push(...(await sitemapPages(child.url, source, read, failures, depth + 1)));
    } catch (error) {
      failures.push({ url: child.url, status: 'failed', error: describeError(error) });
    }
  }
  return pages;
}
