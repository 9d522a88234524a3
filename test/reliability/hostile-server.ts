// A misbehaving web server on 127.0.0.1 for the reliability suite. It speaks HTTP/1.1 over a raw
// TCP socket (node:net), because node:http refuses to lie: it will not send a wrong
// Content-Length, reset a connection mid-body or go silent after the headers. Every response
// closes the connection, so each case is one request on one socket.
//
// Routes (also listed in TESTING.md):
//   /article/<any>          a good article whose text names <any>
//   /slow/<any>             the same article after SLOW_PAGE_DELAY_MS (to kill a run mid-way)
//   /flaky/<n>/<any>        503 + Retry-After: 1 for the first n requests, then the article
//   /hops/<n>               a chain of n redirects ending at an article (/hops/0)
//   /loop/a, /loop/b        redirect to each other forever
//   /redirect-to/<scheme>   302 to file:, data:, javascript:, ftp:
//   /status/<code>          that status with an HTML error page (503 and 429 with Retry-After)
//   /type/<kind>            pdf, png, json, octet-stream bodies with their true content types
//   /reset                  headers, part of the body, then a TCP reset
//   /stall                  headers, then silence
//   /silent                 reads the request and never answers
//   /trickle                headers, then one byte a second
//   /lie/long, /lie/short   Content-Length larger / smaller than the body sent
//   /huge, /huge-declared   80 MB, streamed (without / with a Content-Length)
//   /bomb/gzip, /bomb/br    a small compressed body that inflates to BOMB_INFLATED_BYTES
//   /empty                  200 with no body
//   /enc/<n>                the n-th case of encodedCases(); /enc/invalid-utf8
//   /content/<case>         the content cases of pages.ts (no-body, head-only, nested,
//                           huge-paragraph, only-images, specials, active, math-table,
//                           consent, paywall, login, error-200)
//   anything set by page()  what the test put there (a page that changes between runs)
//   /beacon/*               recorded, 404: any request here means a script ran or a
//                           subresource was loaded
import { STATUS_CODES } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type BrotliCompress,
  constants,
  createBrotliCompress,
  createGzip,
  type Gzip,
} from 'node:zlib';
import {
  activeContentPage,
  articleHtml,
  BEACON_PREFIX,
  encodedCases,
  headOnlyPage,
  hugeParagraphPage,
  invalidUtf8Page,
  mathTablePage,
  nestedDivPage,
  noBodyPage,
  onlyImagesPage,
  type StubKind,
  specialsPage,
  stubPage,
} from './pages.js';

export const HUGE_BODY_BYTES = 80 * 1024 * 1024;
/** Larger than any sane response cap; the compressed form is well under a megabyte. */
export const BOMB_INFLATED_BYTES = 256 * 1024 * 1024;
export const SLOW_PAGE_DELAY_MS = 400;
export const TRICKLE_INTERVAL_MS = 1000;
export const RETRY_AFTER_SECONDS = 1;
const STREAM_CHUNK_BYTES = 64 * 1024;
const MAX_REQUEST_HEAD_BYTES = 64 * 1024;
/** Part of the body sent before a reset or a lying close. */
const PARTIAL_BODY_BYTES = 4096;

export interface HostileServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Request targets received, in order, e.g. "/article/x?y=1". */
  readonly requests: readonly string[];
  /** Serves `html` (or bytes) at `path` from now on; replaces the built-in route there. */
  page(path: string, body: string | Uint8Array, contentType?: string): void;
  /** After `count` more requests, every connection is reset: the network dies mid-run. */
  failAfter(count: number): void;
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

const HTML = 'text/html; charset=utf-8';

function head(status: number, headers: Record<string, string>): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [name, value] of Object.entries({ connection: 'close', ...headers })) {
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function send(socket: Socket, reply: Reply): void {
  const body =
    typeof reply.body === 'string'
      ? Buffer.from(reply.body, 'utf8')
      : (reply.body ?? new Uint8Array());
  const headers = {
    'content-type': HTML,
    'content-length': String(body.length),
    ...reply.headers,
  };
  socket.write(head(reply.status, headers));
  socket.end(body);
}

function errorPage(status: number): string {
  const reason = STATUS_CODES[status] ?? 'Error';
  return `<!DOCTYPE html><html><head><title>${status} ${reason}</title></head><body><h1>${status} ${reason}</h1><p>The server could not deliver this page.</p></body></html>`;
}

/** Writes `total` bytes of filler article markup, respecting backpressure; stops if the peer goes. */
async function streamFiller(socket: Socket, total: number): Promise<void> {
  const opening = Buffer.from(
    '<!DOCTYPE html><html><head><title>Huge</title></head><body><article>',
  );
  const unit =
    '<p>The harbour authority confirmed the breakwater will be rebuilt before winter.</p>\n';
  const chunk = Buffer.from(unit.repeat(Math.ceil(STREAM_CHUNK_BYTES / unit.length)));
  let sent = 0;
  const write = async (data: Buffer): Promise<boolean> => {
    if (socket.destroyed) return false;
    if (!socket.write(data)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    }
    return !socket.destroyed;
  };
  await write(opening);
  sent += opening.length;
  while (sent < total) {
    const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
    if (!(await write(piece))) return;
    sent += piece.length;
  }
  socket.end();
}

/** Compresses BOMB_INFLATED_BYTES of spaces without ever holding them in memory. */
async function compressBomb(compressor: Gzip | BrotliCompress): Promise<Buffer> {
  const block = Buffer.alloc(1024 * 1024, 0x20);
  const parts: Buffer[] = [];
  const prefix = Buffer.from('<!DOCTYPE html><html><head><title>Bomb</title></head><body><p>');
  const blocks = BOMB_INFLATED_BYTES / block.length;
  await pipeline(
    Readable.from(
      (function* () {
        yield prefix;
        for (let i = 0; i < blocks; i++) yield block;
      })(),
    ),
    compressor,
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const part of compressed) parts.push(part);
    },
  );
  return Buffer.concat(parts);
}

const bombs = new Map<string, Promise<Buffer>>();

/** The compressed bombs are built once per process, on first request (about half a second). */
export function bomb(encoding: 'gzip' | 'br'): Promise<Buffer> {
  let built = bombs.get(encoding);
  if (built === undefined) {
    built = compressBomb(
      encoding === 'gzip'
        ? createGzip({ level: 9 })
        : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    );
    bombs.set(encoding, built);
  }
  return built;
}

const REDIRECT_TARGETS: Record<string, string> = {
  file: 'file:///etc/passwd',
  data: 'data:text/html;base64,PGgxPmRhdGE8L2gxPg==',
  javascript: "javascript:alert('redirect')",
  ftp: 'ftp://127.0.0.1/article.html',
};

const WRONG_TYPES: Record<string, Reply> = {
  pdf: {
    status: 200,
    headers: { 'content-type': 'application/pdf' },
    body: '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  },
  png: {
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d),
  },
  json: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"title": "Harbour breakwater", "body": "<p>Not a page</p>"}',
  },
  'octet-stream': {
    status: 200,
    headers: { 'content-type': 'application/octet-stream' },
    body: Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256),
  },
};

const STUB_KINDS: readonly StubKind[] = ['consent', 'paywall', 'login', 'error-200'];

function contentCase(name: string): string | undefined {
  switch (name) {
    case 'no-body':
      return noBodyPage();
    case 'head-only':
      return headOnlyPage();
    case 'nested':
      return nestedDivPage();
    case 'huge-paragraph':
      return hugeParagraphPage().html;
    case 'only-images':
      return onlyImagesPage();
    case 'specials':
      return specialsPage();
    case 'active':
      return activeContentPage();
    case 'math-table':
      return mathTablePage();
    default:
      return STUB_KINDS.includes(name as StubKind) ? stubPage(name as StubKind) : undefined;
  }
}

export async function startHostileServer(): Promise<HostileServer> {
  const requests: string[] = [];
  const pages = new Map<string, Reply>();
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let remainingBeforeFailure = Number.POSITIVE_INFINITY;
  const encoded = encodedCases();

  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const article = (target: string): Reply => ({
    status: 200,
    body: articleHtml({ title: `Harbour report ${decodeURIComponent(target)}`, marker: target }),
  });

  async function respond(socket: Socket, target: string): Promise<void> {
    const path = target.split('?')[0] ?? target;
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const segments = path.split('/').filter(Boolean);
    const [first = '', second = '', third = ''] = segments;

    const fixed = pages.get(path);
    if (fixed !== undefined) return send(socket, fixed);
    if (path.startsWith(BEACON_PREFIX)) return send(socket, { status: 404, body: errorPage(404) });

    switch (first) {
      case 'article':
        return send(socket, article(target));
      case 'slow':
        return later(SLOW_PAGE_DELAY_MS, () => send(socket, article(target)));
      case 'flaky':
        if (count <= Number(second)) {
          return send(socket, {
            status: 503,
            headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
            body: errorPage(503),
          });
        }
        return send(socket, article(target));
      case 'hops': {
        const left = Number(second);
        if (left > 0)
          return send(socket, { status: 302, headers: { location: `/hops/${left - 1}` } });
        return send(socket, article(target));
      }
      case 'loop':
        return send(socket, {
          status: 302,
          headers: { location: second === 'a' ? '/loop/b' : '/loop/a' },
        });
      case 'redirect-to': {
        const location = REDIRECT_TARGETS[second];
        if (location === undefined) break;
        return send(socket, { status: 302, headers: { location } });
      }
      case 'status': {
        const status = Number(second);
        const retry =
          status === 503 || status === 429
            ? { 'retry-after': String(RETRY_AFTER_SECONDS) }
            : undefined;
        return send(socket, { status, headers: retry, body: errorPage(status) });
      }
      case 'type': {
        const reply = WRONG_TYPES[second];
        if (reply === undefined) break;
        return send(socket, reply);
      }
      case 'reset': {
        const body = Buffer.from(articleHtml({ title: 'Reset' }).repeat(20));
        socket.write(head(200, { 'content-type': HTML, 'content-length': String(body.length) }));
        socket.write(body.subarray(0, PARTIAL_BODY_BYTES));
        return later(50, () => socket.resetAndDestroy());
      }
      case 'stall':
        socket.write(head(200, { 'content-type': HTML }));
        socket.write('<!DOCTYPE html><html><head><title>Stall</title>');
        return;
      case 'silent':
        return;
      case 'trickle': {
        socket.write(head(200, { 'content-type': HTML }));
        const body = articleHtml({ title: 'Trickle' });
        let at = 0;
        const drip = (): void => {
          if (socket.destroyed || at >= body.length) return;
          socket.write(body[at++] ?? '');
          later(TRICKLE_INTERVAL_MS, drip);
        };
        return drip();
      }
      case 'lie': {
        const body = Buffer.from(articleHtml({ title: 'Lying length' }));
        if (second === 'long') {
          // Claims ten times the body, sends a part of it and closes cleanly (FIN, no reset).
          socket.write(
            head(200, { 'content-type': HTML, 'content-length': String(body.length * 10) }),
          );
          socket.end(body.subarray(0, PARTIAL_BODY_BYTES));
          return;
        }
        if (second === 'short') {
          // Claims 64 bytes and sends the whole page: the client must stop at 64.
          socket.write(head(200, { 'content-type': HTML, 'content-length': '64' }));
          socket.end(body);
          return;
        }
        break;
      }
      case 'huge':
        socket.write(head(200, { 'content-type': HTML }));
        return streamFiller(socket, HUGE_BODY_BYTES);
      case 'huge-declared':
        socket.write(
          head(200, { 'content-type': HTML, 'content-length': String(HUGE_BODY_BYTES) }),
        );
        return streamFiller(socket, HUGE_BODY_BYTES);
      case 'bomb': {
        if (second !== 'gzip' && second !== 'br') break;
        return send(socket, {
          status: 200,
          headers: { 'content-encoding': second },
          body: await bomb(second),
        });
      }
      case 'empty':
        return send(socket, { status: 200 });
      case 'enc': {
        if (second === 'invalid-utf8')
          return send(socket, { status: 200, body: invalidUtf8Page().body });
        const page = encoded[Number(second)];
        if (page === undefined) break;
        return send(socket, {
          status: 200,
          headers: { 'content-type': page.contentType },
          body: page.body,
        });
      }
      case 'content': {
        const html = contentCase(second);
        if (html === undefined || third !== '') break;
        return send(socket, { status: 200, body: html });
      }
    }
    return send(socket, { status: 404, body: errorPage(404) });
  }

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that gives up (timeout, size cap) resets the socket; that is expected here.
    socket.on('error', () => socket.destroy());
    let received = Buffer.alloc(0);
    const onData = (data: Buffer): void => {
      received = Buffer.concat([received, data]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) {
        if (received.length > MAX_REQUEST_HEAD_BYTES) socket.destroy();
        return;
      }
      socket.off('data', onData);
      const target =
        received.subarray(0, end).toString('latin1').split('\r\n')[0]?.split(' ')[1] ?? '/';
      requests.push(target);
      if (remainingBeforeFailure <= 0) {
        socket.resetAndDestroy();
        return;
      }
      remainingBeforeFailure -= 1;
      respond(socket, target).catch(() => socket.destroy());
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('hostile server has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    page(path, body, contentType = HTML) {
      pages.set(path, { status: 200, headers: { 'content-type': contentType }, body });
    },
    failAfter(count) {
      remainingBeforeFailure = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: connecting is refused at once. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/article/refused`;
}

/** RFC 6761 reserves .invalid: this name never resolves, anywhere. */
export const UNRESOLVABLE_URL = 'http://stet-reliability.invalid/article/unresolvable';
