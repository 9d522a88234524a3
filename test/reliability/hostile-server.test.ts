// The hostile server must really misbehave the way the suite claims: if a route quietly
// behaved well, every test against it would pass for the wrong reason.
import { connect } from 'node:net';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOMB_INFLATED_BYTES,
  bomb,
  closedPortUrl,
  type HostileServer,
  HUGE_BODY_BYTES,
  startHostileServer,
} from './hostile-server.js';
import { encodedCases, invalidUtf8Page } from './pages.js';

/** Sends a GET on a raw socket and returns everything the server sent before closing. */
function rawGet(base: string, path: string): Promise<Buffer> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
    const parts: Buffer[] = [];
    socket.on('data', (part) => parts.push(part));
    socket.on('close', () => resolve(Buffer.concat(parts)));
    socket.on('error', (error) =>
      parts.length > 0 ? resolve(Buffer.concat(parts)) : reject(error),
    );
  });
}

function splitResponse(raw: Buffer): { head: string; body: Buffer } {
  const end = raw.indexOf('\r\n\r\n');
  return { head: raw.subarray(0, end).toString('latin1'), body: raw.subarray(end + 4) };
}

async function inflatedSize(compressed: Buffer, encoding: 'gzip' | 'br'): Promise<number> {
  const inflate = encoding === 'gzip' ? createGunzip() : createBrotliDecompress();
  let size = 0;
  inflate.on('data', (part: Buffer) => {
    size += part.length;
  });
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('end', resolve);
    inflate.on('error', reject);
  });
  inflate.end(compressed);
  await done;
  return size;
}

describe('hostile server', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves a good article that names its path', async () => {
    const response = await fetch(`${server.url}/article/one?x=1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Reference /article/one?x=1.');
  });

  it('lies about Content-Length in both directions', async () => {
    const short = splitResponse(await rawGet(server.url, '/lie/short'));
    expect(short.head).toMatch(/content-length: 64\r?$/im);
    expect(short.body.length).toBeGreaterThan(64);
    const long = splitResponse(await rawGet(server.url, '/lie/long'));
    const claimed = Number(/content-length: (\d+)/i.exec(long.head)?.[1]);
    expect(long.body.length).toBeLessThan(claimed);
  });

  it('resets the connection mid-body', async () => {
    const { head, body } = splitResponse(await rawGet(server.url, '/reset'));
    const claimed = Number(/content-length: (\d+)/i.exec(head)?.[1]);
    expect(body.length).toBeLessThan(claimed);
  });

  it('streams 80 MB without a Content-Length', async () => {
    const response = await fetch(`${server.url}/huge`);
    expect(response.headers.get('content-length')).toBeNull();
    let size = 0;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.length;
    }
    expect(size).toBe(HUGE_BODY_BYTES);
  });

  it('serves bombs that are small on the wire and inflate past the cap', async () => {
    for (const encoding of ['gzip', 'br'] as const) {
      const compressed = await bomb(encoding);
      expect(compressed.length).toBeLessThan(1024 * 1024);
      expect(await inflatedSize(compressed, encoding)).toBeGreaterThan(BOMB_INFLATED_BYTES);
    }
  });

  it('redirects in a loop, in long chains and to other schemes', async () => {
    const loop = await fetch(`${server.url}/loop/a`, { redirect: 'manual' });
    expect(loop.headers.get('location')).toBe('/loop/b');
    const chain = await fetch(`${server.url}/hops/11`, { redirect: 'manual' });
    expect(chain.headers.get('location')).toBe('/hops/10');
    const toFile = await fetch(`${server.url}/redirect-to/file`, { redirect: 'manual' });
    expect(toFile.headers.get('location')).toBe('file:///etc/passwd');
  });

  it('answers 503 with Retry-After, then recovers on /flaky', async () => {
    const first = await fetch(`${server.url}/flaky/1/story`);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    const second = await fetch(`${server.url}/flaky/1/story`);
    expect(second.status).toBe(200);
  });

  it('sends bytes that decode to the sample only with the intended encoding', () => {
    for (const page of encodedCases()) {
      const utf8 = new TextDecoder('utf-8').decode(page.body);
      expect(utf8, page.name).not.toContain(page.sample);
      expect(new TextDecoder(page.encoding).decode(page.body), page.name).toContain(page.sample);
    }
    expect(() =>
      new TextDecoder('utf-8', { fatal: true }).decode(invalidUtf8Page().body),
    ).toThrow();
  });

  it('resets every connection after failAfter(n)', async () => {
    server.failAfter(1);
    expect((await fetch(`${server.url}/article/last`)).status).toBe(200);
    await expect(fetch(`${server.url}/article/too-late`)).rejects.toThrow();
    server.failAfter(Number.POSITIVE_INFINITY);
  });

  it('has a closed port that refuses connections', async () => {
    await expect(fetch(await closedPortUrl())).rejects.toThrow();
  });
});
