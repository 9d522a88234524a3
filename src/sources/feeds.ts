// Article URLs from a feed: RSS 2.0 (and RSS 1.0/RDF), Atom and JSON Feed, parsed by feedsmith.
// Feeds usually list their newest items first; items that carry dates are sorted by them anyway,
// because some feeds are in editorial rather than chronological order.
import { type AnyFeed, parseFeed } from 'feedsmith';
import { StetError } from '../errors.js';
import { absoluteHttpUrl, type DatedLink, newestFirst, uniqueUrls } from './links.js';

interface FeedItem {
  readonly link: string | undefined;
  readonly date: string | undefined;
}

/** The article URLs of a feed, absolute, deduplicated, newest first, at most `limit`. */
export function feedItemUrls(body: string, feedUrl: string, limit?: number): string[] {
  let parsed: AnyFeed<string>;
  try {
    parsed = parseFeed<string>(body);
  } catch (error) {
    throw new StetError(
      'sources.invalid',
      feedUrl,
      `not an RSS, Atom or JSON feed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const links: DatedLink[] = [];
  for (const item of itemsOf(parsed)) {
    const url = absoluteHttpUrl(item.link, feedUrl);
    if (url !== undefined) links.push({ url, date: item.date });
  }
  return uniqueUrls(newestFirst(links)).slice(0, limit);
}

function itemsOf(parsed: AnyFeed<string>): FeedItem[] {
  switch (parsed.format) {
    case 'rss':
      return (parsed.feed.items ?? []).map((item) => ({
        // A guid is the article's address only when it is a permalink (the RSS default).
        link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
        date: item.pubDate ?? item.dc?.dates?.[0],
      }));
    case 'rdf':
      return (parsed.feed.items ?? []).map((item) => ({
        link: item.link,
        date: item.dc?.dates?.[0],
      }));
    case 'atom':
      return (parsed.feed.entries ?? []).map((entry) => ({
        link: (entry.links ?? []).find((link) => (link.rel ?? 'alternate') === 'alternate')?.href,
        date: entry.published ?? entry.updated,
      }));
    case 'json':
      return (parsed.feed.items ?? []).map((item) => ({
        link: item.url ?? (/^https?:\/\//i.test(item.id ?? '') ? item.id : undefined),
        date: item.date_published ?? item.date_modified,
      }));
  }
}
