// The article text a page declares in its own structured data (JSON-LD `articleBody`): the
// extraction fallback when Readability finds far less text than the page says it has.

/** Schema.org types whose `articleBody` we accept. */
const ARTICLE_TYPE = /Article|Posting|Report|Blog/i;

/** The longest `articleBody` of an Article-like JSON-LD object on the page, as plain text. */
export function structuredArticleBody(document: Document): string | undefined {
  let best: string | undefined;
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    for (const body of articleBodies(data)) {
      const text = withoutMarkup(body);
      if (!best || text.length > best.length) best = text;
    }
  }
  return best;
}

/** Some pages put HTML in articleBody; only its text counts, one paragraph per line. */
function withoutMarkup(body: string): string {
  return body
    .replace(/<\/(p|div|h\d|li|blockquote)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function* articleBodies(data: unknown): Generator<string> {
  if (Array.isArray(data)) {
    for (const item of data) yield* articleBodies(item);
    return;
  }
  if (!data || typeof data !== 'object') return;
  const record = data as Record<string, unknown>;
  if (ARTICLE_TYPE.test(String(record['@type'] ?? '')) && typeof record.articleBody === 'string') {
    yield record.articleBody;
  }
  yield* articleBodies(record['@graph']);
}
