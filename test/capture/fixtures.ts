// Builders for the documents a capture reads: article pages, feeds in the three formats,
// sitemaps and sitemap indexes. Small, valid, and varied enough that Readability finds an
// article in each page.

/** An article page whose text is unique to `slug` (and to `revision`, to simulate an edit). */
export function articlePage(baseUrl: string, slug: string, revision = 1): string {
  const paragraphs = Array.from(
    { length: 6 },
    (_, index) =>
      `<p>Paragraph ${index + 1} of the report on ${slug}, revision ${revision}. The council met on Tuesday to discuss the budget for the coming year, and several members raised questions about the cost of the new library, the repairs to the bridge and the wages of the staff who keep the parks open through the winter months.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Report on ${slug}</title>
<link rel="canonical" href="${baseUrl}/news/${slug}">
<meta property="og:title" content="Report on ${slug}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Report on ${slug}</h1>
${paragraphs}
</article>
<footer>Copyright Example News</footer>
</body></html>`;
}

export interface FeedItemSpec {
  readonly url: string;
  readonly date: string;
}

export function rssFeed(items: readonly FeedItemSpec[]): string {
  const entries = items
    .map(
      (item) =>
        `<item><title>${item.url}</title><link>${item.url}</link><guid>${item.url}</guid><pubDate>${new Date(item.date).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://example.org/</link><description>News</description>
${entries}
</channel></rss>`;
}

export function atomFeed(items: readonly FeedItemSpec[]): string {
  const entries = items
    .map(
      (item) =>
        `<entry><title>${item.url}</title><id>${item.url}</id><link rel="alternate" href="${item.url}"/><link rel="edit" href="${item.url}/edit"/><updated>${item.date}</updated></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example News</title><id>urn:example</id><updated>2026-01-01T00:00:00Z</updated>
${entries}
</feed>`;
}

export function jsonFeed(items: readonly FeedItemSpec[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Example News',
    items: items.map((item) => ({ id: item.url, url: item.url, date_published: item.date })),
  });
}

export function sitemap(
  entries: readonly FeedItemSpec[],
  options: { news?: boolean } = {},
): string {
  const urls = entries
    .map((entry) =>
      options.news === true
        ? `<url><loc>${entry.url}</loc><news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication><news:publication_date>${entry.date}</news:publication_date><news:title>t</news:title></news:news></url>`
        : `<url><loc>${entry.url}</loc><lastmod>${entry.date}</lastmod></url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls}
</urlset>`;
}

export function sitemapIndex(children: readonly FeedItemSpec[]): string {
  const entries = children
    .map((child) => `<sitemap><loc>${child.url}</loc><lastmod>${child.date}</lastmod></sitemap>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries}
</sitemapindex>`;
}

const DAY_MS = 86_400_000;

/** `count` dated items, item 1 the newest (dated `newest`), one day apart. */
export function datedItems(
  baseUrl: string,
  prefix: string,
  count: number,
  newest = Date.UTC(2026, 0, 31),
): FeedItemSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    url: `${baseUrl}/news/${prefix}-${index + 1}`,
    date: new Date(newest - index * DAY_MS).toISOString(),
  }));
}
