import { describe, expect, it } from 'vitest';
import { feedItemUrls } from '../../src/sources/feeds.js';
import { parseSitemap } from '../../src/sources/sitemaps.js';
import {
  atomFeed,
  datedItems,
  jsonFeed,
  rssFeed,
  sitemap,
  sitemapIndex,
} from '../capture/fixtures.js';

const BASE = 'https://example.org';
const FEED_URL = `${BASE}/feed`;

describe('feedItemUrls', () => {
  const items = datedItems(BASE, 'story', 5);
  const urls = items.map((item) => item.url);

  it.each([
    ['RSS 2.0', rssFeed(items)],
    ['Atom', atomFeed(items)],
    ['JSON Feed', jsonFeed(items)],
  ])('reads the article links of %s, newest first, up to the limit', (_format, body) => {
    expect(feedItemUrls(body, FEED_URL)).toEqual(urls);
    expect(feedItemUrls(body, FEED_URL, 2)).toEqual(urls.slice(0, 2));
  });

  it('sorts by date when the feed is not in chronological order', () => {
    const shuffled = [items[3], items[0], items[4], items[1], items[2]].filter((item) => !!item);
    expect(feedItemUrls(rssFeed(shuffled), FEED_URL, 3)).toEqual(urls.slice(0, 3));
  });

  it('resolves relative links, drops duplicates, non-http links and non-permalink guids', () => {
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><link>/news/a</link></item>
      <item><link>https://example.org/news/a</link></item>
      <item><link>mailto:desk@example.org</link></item>
      <item><guid isPermaLink="false">tag:example.org,2026:42</guid></item>
      <item><guid>https://example.org/news/b</guid></item>
      </channel></rss>`;
    expect(feedItemUrls(body, FEED_URL)).toEqual([`${BASE}/news/a`, `${BASE}/news/b`]);
  });

  it('refuses something that is not a feed, naming the feed', () => {
    expect(() => feedItemUrls('<html><body>hello</body></html>', FEED_URL)).toThrowError(
      /not an RSS, Atom or JSON feed/,
    );
  });
});

describe('parseSitemap', () => {
  it('reads a urlset with lastmod dates', () => {
    const entries = datedItems(BASE, 'page', 3);
    expect(parseSitemap(sitemap(entries), `${BASE}/sitemap.xml`)).toEqual({
      kind: 'urlset',
      pages: entries.map((entry) => ({ url: entry.url, date: entry.date })),
    });
  });

  it('prefers the news publication date of a news sitemap', () => {
    const body = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>${BASE}/a</loc><lastmod>2020-01-01</lastmod><n:news><n:publication_date>2026-02-03T10:00:00+01:00</n:publication_date></n:news></url>
      </urlset>`;
    expect(parseSitemap(body, `${BASE}/news.xml`)).toEqual({
      kind: 'urlset',
      pages: [{ url: `${BASE}/a`, date: '2026-02-03T10:00:00+01:00' }],
    });
    const news = sitemap(datedItems(BASE, 'n', 2), { news: true });
    const parsed = parseSitemap(news, `${BASE}/news.xml`);
    expect(parsed.kind === 'urlset' && parsed.pages.map((page) => page.date)).toEqual(
      datedItems(BASE, 'n', 2).map((item) => item.date),
    );
  });

  it('reads a sitemap index, with a single child too', () => {
    const children = datedItems(BASE, 'sitemap', 1);
    expect(parseSitemap(sitemapIndex(children), `${BASE}/index.xml`)).toEqual({
      kind: 'index',
      sitemaps: [{ url: children[0]?.url, date: children[0]?.date }],
    });
  });

  it('refuses a document that is neither', () => {
    expect(() => parseSitemap('<rss><channel/></rss>', `${BASE}/x.xml`)).toThrowError(
      /expected a <urlset> or <sitemapindex>/,
    );
  });
});
