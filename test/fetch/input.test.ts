// loadInput: a URL goes to the network, "-" to stdin, a saved page (.html, .htm, .gz) to disk;
// everything else is refused with an error that names the input.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInput } from '../../src/fetch/input.js';
import { failure } from '../helpers/errors.js';
import { makeTempDir, removeDir } from '../helpers/repo.js';
import { startServer, type TestServer } from '../helpers/server.js';

const PAGE = '<html><body><p>Saved page</p></body></html>';
const SMALL_CAP = 1024;

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = await makeTempDir();
  server = await startServer({ '/article': { body: PAGE } });
  await writeFile(join(dir, 'page.html'), PAGE);
  await writeFile(join(dir, 'page.HTM'), PAGE);
  await writeFile(join(dir, 'page.html.gz'), gzipSync(PAGE));
  await writeFile(join(dir, 'bomb.html.gz'), gzipSync(Buffer.alloc(SMALL_CAP * 50, 0x20)));
  await writeFile(join(dir, 'corrupt.html.gz'), 'not gzip at all');
  await writeFile(join(dir, 'big.html'), 'x'.repeat(SMALL_CAP * 2));
  await writeFile(join(dir, 'empty.html'), '');
  await writeFile(join(dir, 'notes.txt'), PAGE);
  await writeFile(join(dir, 'archive.gz'), gzipSync(PAGE));
  await mkdir(join(dir, 'folder.html'));
});

afterAll(async () => {
  await server.close();
  await removeDir(dir);
});

describe('loadInput: sources', () => {
  it('fetches an http URL', async () => {
    const page = await loadInput(`${server.url}/article`);
    expect(page.url).toBe(`${server.url}/article`);
    expect(Buffer.from(page.body).toString()).toBe(PAGE);
  });

  it('passes fetch options through', async () => {
    const error = await failure(loadInput(`${server.url}/article`, { fetch: { maxBytes: 10 } }));
    expect(error.code).toBe('fetch.too-large');
  });

  it('reads .html and .htm files, with the --url as the page URL', async () => {
    const page = await loadInput(join(dir, 'page.html'), { url: 'https://example.com/a' });
    expect(page).toMatchObject({
      input: join(dir, 'page.html'),
      url: 'https://example.com/a',
      requestedUrl: undefined,
      status: 200,
      headers: {},
    });
    expect(Buffer.from(page.body).toString()).toBe(PAGE);
    const htm = await loadInput(join(dir, 'page.HTM'));
    expect(htm.url).toBeUndefined();
  });

  it('gunzips a .html.gz file', async () => {
    const page = await loadInput(join(dir, 'page.html.gz'));
    expect(Buffer.from(page.body).toString()).toBe(PAGE);
  });

  it('reads stdin for "-"', async () => {
    const page = await loadInput('-', {
      stdin: Readable.from([Buffer.from('<html>'), Buffer.from('<p>piped</p></html>')]),
      url: 'https://example.com/piped',
    });
    expect(page.input).toBe('-');
    expect(page.url).toBe('https://example.com/piped');
    expect(Buffer.from(page.body).toString()).toBe('<html><p>piped</p></html>');
  });
});

describe('loadInput: refusals', () => {
  it.each(['notes.txt', 'archive.gz', 'page'])('refuses %s as not a page', async (name) => {
    const error = await failure(loadInput(join(dir, name)));
    expect(error.code).toBe('input.invalid');
    expect(error.subject).toBe(join(dir, name));
  });

  it.each(['ftp://example.com/page.html', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses the URL %s',
    async (input) => {
      const error = await failure(loadInput(input));
      expect(error.code).toBe('input.invalid');
      expect(error.message).toContain('unsupported URL scheme');
    },
  );

  it('names the missing file and the system error', async () => {
    const missing = join(dir, 'missing.html');
    const error = await failure(loadInput(missing));
    expect(error.code).toBe('input.read');
    expect(error.subject).toBe(missing);
    expect(error.message).toBe('cannot read file: ENOENT no such file or directory');
  });

  it('refuses a directory named like a page', async () => {
    const error = await failure(loadInput(join(dir, 'folder.html')));
    expect(error.code).toBe('input.read');
    expect(error.message).toContain('EISDIR');
  });

  it('refuses an empty file', async () => {
    const error = await failure(loadInput(join(dir, 'empty.html')));
    expect(error.code).toBe('input.read');
    expect(error.message).toBe('the input is empty');
  });

  it('refuses a corrupt .gz', async () => {
    const error = await failure(loadInput(join(dir, 'corrupt.html.gz')));
    expect(error.code).toBe('input.read');
    expect(error.message).toMatch(/^cannot gunzip: /);
  });

  it('caps a file and a gzip bomb at maxBytes', async () => {
    const options = { fetch: { maxBytes: SMALL_CAP } };
    const big = await failure(loadInput(join(dir, 'big.html'), options));
    expect(big.code).toBe('fetch.too-large');
    const bomb = await failure(loadInput(join(dir, 'bomb.html.gz'), options));
    expect(bomb.code).toBe('fetch.too-large');
    expect(bomb.message).toBe(`gzip content larger than the limit of ${SMALL_CAP} bytes`);
  });

  it('caps stdin at maxBytes', async () => {
    const stdin = Readable.from([Buffer.alloc(SMALL_CAP), Buffer.alloc(SMALL_CAP)]);
    const error = await failure(loadInput('-', { stdin, fetch: { maxBytes: SMALL_CAP } }));
    expect(error.code).toBe('fetch.too-large');
  });

  it('refuses a --url that is not an absolute http(s) URL', async () => {
    const error = await failure(loadInput(join(dir, 'page.html'), { url: 'example.com/a' }));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toBe('--url must be an absolute http(s) URL, got example.com/a');
  });
});
