// Helpers shared by feeds and sitemaps: absolute links and newest-first order.

export interface DatedLink {
  readonly url: string;
  /** A date as the document wrote it (RFC 822, ISO 8601…); undefined when absent. */
  readonly date: string | undefined;
}

/** Resolves a link against the document it appeared in; undefined unless http(s). */
export function absoluteHttpUrl(link: string | undefined, base: string): string | undefined {
  if (link === undefined || link.trim() === '') return undefined;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Newest first by date. The sort is stable and undated links sort after dated ones in their
 * original order, since documents usually list newest first already.
 */
export function newestFirst<T extends DatedLink>(links: readonly T[]): T[] {
  const timeOf = (link: T): number => {
    const time = link.date === undefined ? Number.NaN : Date.parse(link.date);
    return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
  };
  return [...links].sort((a, b) => {
    const [timeA, timeB] = [timeOf(a), timeOf(b)];
    return timeA === timeB ? 0 : timeB > timeA ? 1 : -1;
  });
}

/** URLs in order, each once. */
export function uniqueUrls(links: readonly DatedLink[]): string[] {
  return [...new Set(links.map((link) => link.url))];
}
