// Fetch one page over HTTP(S) with Node's fetch (undici), defensively: the whole exchange
// (headers and body) runs under one timeout, redirects are followed by hand so that every
// target is checked, and the body is read as a stream with a size cap that applies to the
// decompressed bytes (undici decodes gzip/brotli/deflate before we see them), so a
// compression bomb stops at the cap instead of filling memory.
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { StetError } from '../errors.js';
import type { FetchedPage, RedirectHop } from '../types.js';

export interface FetchOptions {
  /** Time allowed for the whole exchange, redirects and body included. @default 30000 */
  readonly timeoutMs?: number;
  /** Largest body accepted, after decompression. @default 20 MiB */
  readonly maxBytes?: number;
  /** Redirects followed before giving up. @default 10 */
  readonly maxRedirects?: number;
  /** @default `stet/<version> (+https://github.com/stet-archiver/stet)` */
  readonly userAgent?: string;
  /** Extra request headers, e.g. If-None-Match / If-Modified-Since for a conditional GET. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Aborts the request from outside (e.g. the user pressed Ctrl-C). */
  readonly signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;

const PROJECT_URL = 'https://github.com/stet-archiver/stet';
const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
const HTML_MEDIA_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials a browser drops when a redirect leaves the original origin. */
const CROSS_ORIGIN_DROPPED_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** How far into a body without Content-Type we look for the start of an HTML document. */
const SNIFF_BYTES = 1024;
const HTML_SIGNATURE = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;

/** A data: URL can be megabytes long; error messages show only its start. */
const MAX_URL_IN_MESSAGE = 120;

let cachedUserAgent: string | undefined;

/** `stet/<version> (+<project url>)`, the version read once from package.json. */
export function defaultUserAgent(): string {
  if (cachedUserAgent === undefined) {
    // The same relative path works from src/fetch (tests) and dist/fetch (built CLI).
    const packageJson = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const { version } = JSON.parse(packageJson) as { version: string };
    cachedUserAgent = `stet/${version} (+${PROJECT_URL})`;
  }
  return cachedUserAgent;
}

export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new Error(`timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  const signal =
    options.signal === undefined
      ? timeout.signal
      : AbortSignal.any([timeout.signal, options.signal]);
  try {
    return await fetchFollowingRedirects(url, options, signal);
  } catch (error) {
    if (error instanceof StetError) throw error;
    if (timeout.signal.aborted) {
      throw new StetError('fetch.timeout', url, `timed out after ${timeoutMs} ms`, {
        cause: error,
      });
    }
    if (options.signal?.aborted) {
      throw new StetError('fetch.network', url, 'request aborted', { cause: error });
    }
    throw new StetError('fetch.network', url, networkErrorMessage(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function fetchFollowingRedirects(
  requestedUrl: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchedPage> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const fetchedAt = new Date();
  const headers = requestHeaders(options);
  const visited = new Set<string>();
  const redirects: RedirectHop[] = [];
  let current = checkedHttpUrl(requestedUrl, requestedUrl);

  for (;;) {
    visited.add(current.href);
    const response = await fetch(current, { redirect: 'manual', headers, signal });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) {
      return readResponse(
        response,
        current.href,
        requestedUrl,
        redirects,
        fetchedAt,
        options,
        signal,
      );
    }
    await response.body?.cancel();
    redirects.push({
      url: current.href,
      status: response.status,
      headers: lowerCaseHeaders(response.headers),
    });
    if (visited.size > maxRedirects) {
      throw new StetError('fetch.redirect', requestedUrl, `more than ${maxRedirects} redirects`);
    }
    const next = checkedHttpUrl(resolveLocation(location, current, requestedUrl), requestedUrl);
    if (visited.has(next.href)) {
      throw new StetError('fetch.redirect', requestedUrl, `redirect loop at ${next.href}`);
    }
    if (next.origin !== current.origin) {
      for (const name of CROSS_ORIGIN_DROPPED_HEADERS) headers.delete(name);
    }
    current = next;
  }
}

function requestHeaders(options: FetchOptions): Headers {
  const headers = new Headers({
    'user-agent': options.userAgent ?? defaultUserAgent(),
    accept: ACCEPT_HTML,
  });
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return headers;
}

function resolveLocation(location: string, base: URL, subject: string): string {
  try {
    return new URL(location, base).href;
  } catch (error) {
    throw new StetError('fetch.redirect', subject, `invalid redirect target ${location}`, {
      cause: error,
    });
  }
}

/** Only http(s) is ever requested: a redirect to file:, data:, javascript: or ftp: is refused. */
function checkedHttpUrl(url: string, subject: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new StetError('fetch.protocol', subject, `not a valid URL: ${url}`, { cause: error });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new StetError(
      'fetch.protocol',
      subject,
      `only http(s) URLs are fetched, not ${parsed.protocol} (${shorten(url)})`,
    );
  }
  return parsed;
}

async function readResponse(
  response: Response,
  finalUrl: string,
  requestedUrl: string,
  redirects: readonly RedirectHop[],
  fetchedAt: Date,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchedPage> {
  const headers = lowerCaseHeaders(response.headers);
  const page = (status: number, body: Uint8Array): FetchedPage => ({
    input: requestedUrl,
    url: finalUrl,
    requestedUrl,
    status,
    headers,
    redirects,
    body,
    fetchedAt,
  });

  if (response.status === 304) {
    await response.body?.cancel();
    return page(304, new Uint8Array(0));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new StetError('fetch.http', requestedUrl, httpErrorMessage(response), {
      status: response.status,
    });
  }
  const mediaType = mediaTypeOf(headers['content-type']);
  if (mediaType !== undefined && !HTML_MEDIA_TYPES.has(mediaType)) {
    await response.body?.cancel();
    throw new StetError('fetch.content-type', requestedUrl, `not HTML: content-type ${mediaType}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const declaredLength = Number(headers['content-length']);
  if (declaredLength > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(requestedUrl, maxBytes, `Content-Length ${declaredLength}`);
  }
  const body = await readCapped(response, maxBytes, requestedUrl, signal);
  if (body.byteLength === 0) {
    throw new StetError('fetch.empty', requestedUrl, `empty response (HTTP ${response.status})`);
  }
  if (mediaType === undefined && !looksLikeHtml(body)) {
    throw new StetError(
      'fetch.content-type',
      requestedUrl,
      'not HTML: no content-type, and the body does not start like an HTML document',
    );
  }
  return page(response.status, body);
}

/** Reads the (already decompressed) body, stopping as soon as it passes `maxBytes`. */
async function readCapped(
  response: Response,
  maxBytes: number,
  subject: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // undici errors the stream when the signal aborts; checking here as well makes the
    // timeout win even if a trickling server delivers a chunk in the same tick.
    signal.throwIfAborted();
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(subject, maxBytes, `more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function shorten(text: string): string {
  return text.length <= MAX_URL_IN_MESSAGE ? text : `${text.slice(0, MAX_URL_IN_MESSAGE)}…`;
}

function tooLarge(subject: string, maxBytes: number, what: string): StetError {
  return new StetError(
    'fetch.too-large',
    subject,
    `response too large: ${what} (limit ${maxBytes} bytes)`,
  );
}

function lowerCaseHeaders(headers: Headers): Record<string, string> {
  // Headers iterates with lower-cased names already; copy into a plain, serialisable object.
  const result: Record<string, string> = {};
  for (const [name, value] of headers) result[name] = value;
  return result;
}

/** `text/html; charset=utf-8` → `text/html`; undefined when the header is absent or blank. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === '' ? undefined : mediaType;
}

function looksLikeHtml(body: Uint8Array): boolean {
  const start = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIFF_BYTES))
    .toString('latin1')
    .replace(/^(?:\xef\xbb\xbf)/, '');
  return HTML_SIGNATURE.test(start);
}

/** `HTTP 404 Not Found`, plus when to retry for 429/503 if the server said so. */
function httpErrorMessage(response: Response): string {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const retryAfter = response.headers.get('retry-after');
  const retry = retryAfter === null ? '' : ` (Retry-After: ${retryAfter})`;
  return `HTTP ${response.status} ${reason}`.trim() + retry;
}

/**
 * undici reports every network failure as `TypeError: fetch failed` and puts the real reason
 * in `cause` (sometimes nested, sometimes an AggregateError of per-address attempts). Name the
 * system error code (ECONNREFUSED, ENOTFOUND, ECONNRESET...) so the one-line message says why.
 */
function networkErrorMessage(error: unknown): string {
  const cause = rootCause(error);
  const code = errorCode(cause);
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (code === undefined) return `network error: ${detail}`;
  return detail.includes(code) ? `network error: ${detail}` : `network error ${code}: ${detail}`;
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) {
      current = current.errors[0];
    } else if (
      current instanceof Error &&
      current.cause !== undefined &&
      errorCode(current) === undefined
    ) {
      current = current.cause;
    } else {
      break;
    }
  }
  return current;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
