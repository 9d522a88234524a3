// What the user typed → the page's bytes. An http(s) URL is fetched; "-" reads stdin; anything
// else must be a saved page: .html or .htm, optionally gzipped (.html.gz, .htm.gz). Every
// source is held to the same size cap, a gzipped file's decompressed size included.
import { open } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { StetError } from '../errors.js';
import type { FetchedPage } from '../types.js';
import { DEFAULT_MAX_BYTES, type FetchOptions, fetchPage } from './fetch.js';

export interface LoadOptions {
  /** The page's original URL, for a file or stdin input (ignored for a URL input). */
  readonly url?: string;
  readonly fetch?: FetchOptions;
  /** Where "-" reads from. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
}

export const STDIN_INPUT = '-';

const HTTP_URL = /^https?:\/\//i;
/** A URL of another scheme: `ftp://...`, `file:///...`, `data:...`, `javascript:...`. */
const OTHER_URL = /^[a-z][a-z0-9+.-]+:\/\/|^(?:about|data|file|javascript|mailto):/i;
const HTML_FILE = /\.html?$/i;
const GZIPPED_HTML_FILE = /\.html?\.gz$/i;
const SUPPORTED_INPUTS = 'an http(s) URL, a .html/.htm file (optionally .gz) or - for stdin';

export async function loadInput(input: string, options: LoadOptions = {}): Promise<FetchedPage> {
  if (HTTP_URL.test(input)) return fetchPage(input, options.fetch);
  const url = originalUrl(input, options.url);
  const maxBytes = options.fetch?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input === STDIN_INPUT) {
    const body = await readStdin(options.stdin ?? process.stdin, maxBytes);
    return localPage(input, url, body);
  }
  if (OTHER_URL.test(input)) {
    throw new StetError(
      'input.invalid',
      input,
      `unsupported URL scheme; expected ${SUPPORTED_INPUTS}`,
    );
  }
  if (HTML_FILE.test(input)) return localPage(input, url, await readLocalFile(input, maxBytes));
  if (GZIPPED_HTML_FILE.test(input)) {
    const compressed = await readLocalFile(input, maxBytes);
    return localPage(input, url, await gunzipCapped(compressed, input, maxBytes));
  }
  throw new StetError('input.invalid', input, `not a page; expected ${SUPPORTED_INPUTS}`);
}

function localPage(input: string, url: string | undefined, body: Uint8Array): FetchedPage {
  if (body.byteLength === 0) throw new StetError('input.read', input, 'the input is empty');
  return savedPage(input, url, body);
}

/** A page read from a file or stdin rather than fetched: no request, no headers, status 200. */
export function savedPage(
  input: string,
  url: string | undefined,
  body: Uint8Array,
  fetchedAt: Date = new Date(),
): FetchedPage {
  return {
    input,
    url,
    requestedUrl: undefined,
    status: 200,
    headers: {},
    redirects: [],
    body,
    fetchedAt,
  };
}

/** The --url given for a saved page: it must be an absolute http(s) URL. */
function originalUrl(input: string, url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (HTTP_URL.test(url) && URL.canParse(url)) return new URL(url).href;
  throw new StetError('input.invalid', input, `--url must be an absolute http(s) URL, got ${url}`);
}

async function readLocalFile(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const file = await open(path);
    try {
      // Checked before reading, so an 80 MB file is refused without loading it.
      const { size } = await file.stat();
      if (size > maxBytes) {
        throw new StetError(
          'fetch.too-large',
          path,
          `file too large: ${size} bytes (limit ${maxBytes})`,
        );
      }
      return await file.readFile();
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof StetError) throw error;
    throw new StetError('input.read', path, `cannot read file: ${systemReason(error)}`, {
      cause: error,
    });
  }
}

async function gunzipCapped(compressed: Buffer, path: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    gunzip(compressed, { maxOutputLength: maxBytes }, (error, result) => {
      if (error === null) {
        resolvePromise(result);
      } else if ('code' in error && error.code === 'ERR_BUFFER_TOO_LARGE') {
        reject(
          new StetError(
            'fetch.too-large',
            path,
            `gzip content larger than the limit of ${maxBytes} bytes`,
            {
              cause: error,
            },
          ),
        );
      } else {
        reject(
          new StetError('input.read', path, `cannot gunzip: ${error.message}`, { cause: error }),
        );
      }
    });
  });
}

async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.byteLength;
    if (total > maxBytes) {
      throw new StetError(
        'fetch.too-large',
        STDIN_INPUT,
        `stdin larger than the limit of ${maxBytes} bytes`,
      );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

/** `ENOENT: no such file or directory, open 'x'` → `ENOENT no such file or directory`. */
function systemReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const reason = error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return code === undefined ? reason : `${code} ${reason}`;
}
