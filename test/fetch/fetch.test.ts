// fetchPage against a real HTTP server on 127.0.0.1: every way a response can be refused, and
// the ones that must get through (redirects within the limit, 304, HTML without a type).

import { createServer } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUserAgent, fetchPage } from '../../src/fetch/fetch.js';
import { failure } from '../helpers/errors.js';
import { startServer, type TestServer } from '../helpers/server.js';

const PAGE = '<!doctype html><html><head><title>T</title></head><body><p>Hello</p></body></html>';
/** Small enough that the cap tests stay fast, large enough for every normal test page. */
const SMALL_CAP = 64 * 1024;
const SHORT_TIMEOUT_MS = 300;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/page': { body: PAGE },
    '/xhtml': { headers: { 'content-type': 'application/xhtml+xml' }, body: PAGE },
    '/untyped-html': (_req, res) => {
      res.removeHeader('content-type');
      res.end(PAGE);
    },
    '/untyped-binary': (_req, res) => {
      res.end(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]));
    },
    '/pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' },
    '/json': { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' },
    '/image': { headers: { 'content-type': 'image/png' }, body: 'PNG' },
    '/octet': { headers: { 'content-type': 'application/octet-stream' }, body: 'x' },
    '/empty': { body: '' },
    '/missing': { status: 404, body: 'gone' },
    '/broken': { status: 500, body: 'oops' },
    '/busy': { status: 503, headers: { 'retry-after': '120' }, body: 'later' },
    '/echo-headers': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'x-custom': 'Yes' });
      res.end(`<html><body>${JSON.stringify(req.headers)}</body></html>`);
    },
    '/conditional': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end(PAGE);
      }
    },
    '/stall': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
    },
    '/silent': () => {},
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    },
    '/big-declared': {
      headers: { 'content-length': String(SMALL_CAP * 4) },
      body: 'x'.repeat(SMALL_CAP * 4),
    },
    '/big-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${'x'.repeat(SMALL_CAP * 4)}</body></html>`);
    },
    '/gzip-bomb': {
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(SMALL_CAP * 100, 0x20)),
    },
    '/brotli-bomb': {
      headers: { 'content-encoding': 'br' },
      body: brotliCompressSync(Buffer.alloc(SMALL_CAP * 100, 0x20)),
    },
    '/gzipped-page': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(PAGE) },
    '/short-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
      res.write('<html>', () => res.socket?.destroy());
    },
    '/redirect/relative': redirect('/page'),
    '/redirect/chain/3': redirect('/redirect/chain/2'),
    '/redirect/chain/2': redirect('/redirect/chain/1'),
    '/redirect/chain/1': redirect('/page'),
    '/redirect/loop/a': redirect('/redirect/loop/b'),
    '/redirect/loop/b': redirect('/redirect/loop/a'),
    '/redirect/to-file': redirect('file:///etc/passwd'),
    '/redirect/to-data': redirect('data:text/html,<h1>x</h1>'),
    '/redirect/to-javascript': redirect('javascript:alert(1)'),
    '/redirect/to-ftp': redirect('ftp://127.0.0.1/page.html'),
  });
  for (let hop = 1; hop <= 11; hop++) {
    server.route(`/hops/${hop}`, redirect(hop === 1 ? '/page' : `/hops/${hop - 1}`));
  }
});

afterAll(async () => {
  await server.close();
});

function redirect(location: string) {
  return { status: 302, headers: { location }, body: '' };
}

describe('fetchPage: successful responses', () => {
  it('returns the body, status, lower-cased headers and both URLs', async () => {
    const page = await fetchPage(`${server.url}/page`);
    expect(Buffer.from(page.body).toString()).toBe(PAGE);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.url).toBe(`${server.url}/page`);
    expect(page.requestedUrl).toBe(`${server.url}/page`);
    expect(page.redirects).toEqual([]);
    expect(page.input).toBe(`${server.url}/page`);
  });

  it('sends a stet User-Agent with the package version, an HTML Accept and caller headers', async () => {
    const page = await fetchPage(`${server.url}/echo-headers`, { headers: { 'X-Extra': 'on' } });
    const sent = JSON.parse(
      /<body>(.*)<\/body>/.exec(Buffer.from(page.body).toString())?.[1] ?? '',
    );
    expect(sent['user-agent']).toBe(defaultUserAgent());
    expect(defaultUserAgent()).toMatch(
      /^stet\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/stet-archiver\/stet\)$/,
    );
    expect(sent.accept).toMatch(/^text\/html,application\/xhtml\+xml/);
    expect(sent['x-extra']).toBe('on');
    expect(page.headers['x-custom']).toBe('Yes');
  });

  it('accepts application/xhtml+xml', async () => {
    const page = await fetchPage(`${server.url}/xhtml`);
    expect(page.status).toBe(200);
  });

  it('accepts a body without content-type when it starts like HTML', async () => {
    const page = await fetchPage(`${server.url}/untyped-html`);
    expect(page.headers['content-type']).toBeUndefined();
    expect(Buffer.from(page.body).toString()).toBe(PAGE);
  });

  it('decompresses a gzip-encoded page', async () => {
    const page = await fetchPage(`${server.url}/gzipped-page`);
    expect(Buffer.from(page.body).toString()).toBe(PAGE);
  });

  it('follows relative redirects and reports the final URL', async () => {
    const page = await fetchPage(`${server.url}/redirect/chain/3`);
    expect(page.url).toBe(`${server.url}/page`);
    expect(page.requestedUrl).toBe(`${server.url}/redirect/chain/3`);
    expect(page.input).toBe(`${server.url}/redirect/chain/3`);
    expect(page.redirects.map((hop) => [hop.url, hop.status, hop.headers.location])).toEqual([
      [`${server.url}/redirect/chain/3`, 302, '/redirect/chain/2'],
      [`${server.url}/redirect/chain/2`, 302, '/redirect/chain/1'],
      [`${server.url}/redirect/chain/1`, 302, '/page'],
    ]);
  });

  it('follows exactly 10 redirects by default', async () => {
    const page = await fetchPage(`${server.url}/hops/10`);
    expect(page.url).toBe(`${server.url}/page`);
  });

  it('returns 304 with an empty body for a conditional GET that matches', async () => {
    const page = await fetchPage(`${server.url}/conditional`, {
      headers: { 'If-None-Match': '"v1"' },
    });
    expect(page.status).toBe(304);
    expect(page.body.byteLength).toBe(0);
    expect(page.headers.etag).toBe('"v1"');
  });

  it('returns the page when the conditional GET does not match', async () => {
    const page = await fetchPage(`${server.url}/conditional`, {
      headers: { 'If-None-Match': '"v0"' },
    });
    expect(page.status).toBe(200);
  });
});

describe('fetchPage: refusals', () => {
  it.each([
    ['/missing', 404, 'HTTP 404 Not Found'],
    ['/broken', 500, 'HTTP 500 Internal Server Error'],
    ['/busy', 503, 'HTTP 503 Service Unavailable (Retry-After: 120)'],
  ])('%s → fetch.http with status %i', async (path, status, message) => {
    const error = await failure(fetchPage(`${server.url}${path}`));
    expect(error.code).toBe('fetch.http');
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
    expect(error.subject).toBe(`${server.url}${path}`);
  });

  it.each([
    ['/pdf', 'application/pdf'],
    ['/json', 'application/json'],
    ['/image', 'image/png'],
    ['/octet', 'application/octet-stream'],
  ])('%s → fetch.content-type naming %s', async (path, type) => {
    const error = await failure(fetchPage(`${server.url}${path}`));
    expect(error.code).toBe('fetch.content-type');
    expect(error.message).toBe(`not HTML: content-type ${type}`);
  });

  it('refuses a body without content-type that does not look like HTML', async () => {
    const error = await failure(fetchPage(`${server.url}/untyped-binary`));
    expect(error.code).toBe('fetch.content-type');
  });

  it('refuses an empty 200', async () => {
    const error = await failure(fetchPage(`${server.url}/empty`));
    expect(error.code).toBe('fetch.empty');
  });

  it('refuses more redirects than the limit', async () => {
    const error = await failure(fetchPage(`${server.url}/hops/11`));
    expect(error.code).toBe('fetch.redirect');
    expect(error.message).toBe('more than 10 redirects');
    const limited = await failure(fetchPage(`${server.url}/redirect/chain/3`, { maxRedirects: 2 }));
    expect(limited.message).toBe('more than 2 redirects');
  });

  it('detects a redirect loop', async () => {
    const error = await failure(fetchPage(`${server.url}/redirect/loop/a`));
    expect(error.code).toBe('fetch.redirect');
    expect(error.message).toBe(`redirect loop at ${server.url}/redirect/loop/a`);
  });

  it.each([
    ['/redirect/to-file', 'file:'],
    ['/redirect/to-data', 'data:'],
    ['/redirect/to-javascript', 'javascript:'],
    ['/redirect/to-ftp', 'ftp:'],
  ])('%s → fetch.protocol', async (path, protocol) => {
    const error = await failure(fetchPage(`${server.url}${path}`));
    expect(error.code).toBe('fetch.protocol');
    expect(error.message).toContain(`not ${protocol}`);
  });

  it('refuses a non-http URL given directly', async () => {
    const error = await failure(fetchPage('file:///etc/passwd'));
    expect(error.code).toBe('fetch.protocol');
  });

  it('times out a server that sends headers and then stalls', async () => {
    const error = await failure(fetchPage(`${server.url}/stall`, { timeoutMs: SHORT_TIMEOUT_MS }));
    expect(error.code).toBe('fetch.timeout');
    expect(error.message).toBe(`timed out after ${SHORT_TIMEOUT_MS} ms`);
  });

  it('times out a server that never answers', async () => {
    const error = await failure(fetchPage(`${server.url}/silent`, { timeoutMs: SHORT_TIMEOUT_MS }));
    expect(error.code).toBe('fetch.timeout');
  });

  it('times out a body that trickles in', async () => {
    const error = await failure(
      fetchPage(`${server.url}/trickle`, { timeoutMs: SHORT_TIMEOUT_MS }),
    );
    expect(error.code).toBe('fetch.timeout');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fetchPage(`${server.url}/silent`, { signal: controller.signal });
    controller.abort();
    const error = await failure(pending);
    expect(error.code).toBe('fetch.network');
    expect(error.message).toBe('request aborted');
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const error = await failure(fetchPage(`${server.url}/big-declared`, { maxBytes: SMALL_CAP }));
    expect(error.code).toBe('fetch.too-large');
    expect(error.message).toContain(`Content-Length ${SMALL_CAP * 4}`);
  });

  it('stops reading a chunked body at the cap', async () => {
    const error = await failure(fetchPage(`${server.url}/big-chunked`, { maxBytes: SMALL_CAP }));
    expect(error.code).toBe('fetch.too-large');
  });

  it.each(['/gzip-bomb', '/brotli-bomb'])('caps the decompressed size of %s', async (path) => {
    const error = await failure(fetchPage(`${server.url}${path}`, { maxBytes: SMALL_CAP }));
    expect(error.code).toBe('fetch.too-large');
    expect(error.message).toBe(
      `response too large: more than ${SMALL_CAP} bytes (limit ${SMALL_CAP} bytes)`,
    );
  });

  it('reports a body shorter than its Content-Length as a network error', async () => {
    const error = await failure(fetchPage(`${server.url}/short-body`));
    expect(error.code).toBe('fetch.network');
  });

  it('names ECONNREFUSED for a closed port', async () => {
    const port = await closedPort();
    const error = await failure(fetchPage(`http://127.0.0.1:${port}/`));
    expect(error.code).toBe('fetch.network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('\n');
  });
});

/** A port that was just free: listen on an ephemeral port, then close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
