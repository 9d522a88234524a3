// A small news site on a real local HTTP server: article pages with ETags (answering 304 to
// a matching If-None-Match), a robots.txt, an RSS feed and a sitemap index with a news sitemap.
import type { RouteHandler, TestServer } from '../helpers/server.js';
import { startServer } from '../helpers/server.js';
import { articlePage, datedItems, rssFeed, sitemap, sitemapIndex } from './fixtures.js';

export interface NewsSite {
  readonly server: TestServer;
  readonly url: string;
  /** Article URLs listed by the feed (50) and by the sitemap index (two children, 3 + 2). */
  readonly feedPages: readonly string[];
  readonly sitemapPages: readonly string[];
  /** Serve a new revision of one article (new text, new ETag). */
  revise(pageUrl: string, revision: number): void;
  /** GET requests received for paths starting with `prefix`. */
  requestsFor(prefix: string): string[];
}

export const FEED_ITEMS = 50;

export function etagPage(html: string, etag: string): RouteHandler {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(html);
  };
}

export async function startNewsSite(
  robotsTxt = 'User-agent: *\nDisallow: /private/\n',
): Promise<NewsSite> {
  const server = await startServer();
  const base = server.url;
  const feedItems = datedItems(base, 'feed-story', FEED_ITEMS);
  const recent = datedItems(base, 'recent', 3);
  const older = datedItems(base, 'older', 2, Date.UTC(2025, 5, 1));
  const addPage = (pageUrl: string, revision: number) => {
    const path = new URL(pageUrl).pathname;
    const slug = path.split('/').pop() ?? path;
    server.route(path, etagPage(articlePage(base, slug, revision), `"${slug}-r${revision}"`));
  };
  for (const item of [...feedItems, ...recent, ...older]) addPage(item.url, 1);
  server.route('/robots.txt', {
    headers: { 'content-type': 'text/plain' },
    body: robotsTxt,
  });
  server.route('/feed.xml', {
    headers: { 'content-type': 'application/rss+xml' },
    body: rssFeed(feedItems),
  });
  server.route('/sitemap_index.xml', {
    headers: { 'content-type': 'application/xml' },
    body: sitemapIndex([
      { url: `${base}/sitemap-news.xml`, date: '2026-01-31T00:00:00Z' },
      { url: `${base}/sitemap-older.xml`, date: '2025-06-01T00:00:00Z' },
    ]),
  });
  server.route('/sitemap-news.xml', {
    headers: { 'content-type': 'application/xml' },
    body: sitemap(recent, { news: true }),
  });
  server.route('/sitemap-older.xml', {
    headers: { 'content-type': 'application/xml' },
    body: sitemap(older),
  });
  return {
    server,
    url: base,
    feedPages: feedItems.map((item) => item.url),
    sitemapPages: [...recent, ...older].map((item) => item.url),
    revise: addPage,
    requestsFor: (prefix) =>
      server.requests.filter((request) => request.startsWith(`GET ${prefix}`)),
  };
}
