// Fetching the small machine-readable documents of a capture: robots.txt, feeds and sitemaps.
// Pages go through fetchPage (which insists on HTML); these are XML, JSON or text, sometimes a
// gzipped file (sitemap.xml.gz), so they get this plain fetch with the same limits.
import { gunzipSync } from 'node:zlib';
import { StetError } from '../errors.js';

export interface DocumentFetchOptions {
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export interface FetchedDocument {
  readonly url: string;
  readonly status: number;
  readonly text: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const TOO_MANY_REQUESTS = 429;

/**
 * GETs `url` and returns its text for any 2xx/4xx status (robots.txt treats 4xx as "no rules").
 * Network errors, timeouts and 5xx throw StetErrors that the retry policy recognises; 429 is
 * thrown too, as a 5xx is, since it asks us to come back later.
 */
export async function fetchDocument(
  url: string,
  options: DocumentFetchOptions,
): Promise<FetchedDocument> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { 'user-agent': options.userAgent, accept: '*/*' },
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new StetError(
      timedOut ? 'fetch.timeout' : 'fetch.network',
      url,
      timedOut ? `no response within ${options.timeoutMs} ms` : networkMessage(error),
      { cause: error },
    );
  }
  if (response.status >= 500 || response.status === TOO_MANY_REQUESTS) {
    await response.body?.cancel();
    const retryAfter = response.headers.get('retry-after');
    const hint = retryAfter === null ? '' : ` (Retry-After: ${retryAfter})`;
    throw new StetError('fetch.http', url, `HTTP ${response.status}${hint}`, {
      status: response.status,
    });
  }
  const bytes = await readCapped(response, url, options.maxBytes);
  const body = isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: options.maxBytes }) : bytes;
  return {
    url: response.url || url,
    status: response.status,
    text: new TextDecoder().decode(body),
  };
}

/** Throws unless the document came back 2xx (feeds and sitemaps have no use for a 404 page). */
export function requireOk(document: FetchedDocument): FetchedDocument {
  if (document.status >= 200 && document.status < 300) return document;
  throw new StetError('fetch.http', document.url, `HTTP ${document.status}`, {
    status: document.status,
  });
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new StetError('fetch.too-large', url, `larger than ${maxBytes} bytes`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
