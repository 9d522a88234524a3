// URL → archive path: the path never leaves the archive directory, is safe on every common
// file system, and two URLs that normalise differently never share a file. The generators
// favour near-collisions (case, "/" vs "%2f" vs "_", dot segments, accents, trailing slashes,
// IDN hosts, ports, query order, long paths), where a lossy slug would merge two articles.
import { posix, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archivePath, normaliseUrl } from '../../src/archive/layout.js';

const ESCAPE_RUNS = 2000;
const INJECTIVE_RUNS = 300;
const URLS_PER_INJECTIVE_RUN = 40;
const ARCHIVE_DIR = resolve('/srv/stet-archive');
/** Longest file or directory name most file systems accept, in bytes. */
const MAX_NAME_BYTES = 255;
/** `<host>/<name>.md`: lower-case ASCII letters, digits, ".", "-", "_" only. */
const SAFE_PATH = /^[a-z0-9._-]+\/[a-z0-9._-]+\.md$/;

const HOSTS = [
  'example.com',
  'EXAMPLE.com',
  'example.com:8080',
  'example.com:443',
  'www.example.com',
  'bücher.example',
  'xn--bcher-kva.example',
  'a_b.example',
  'a-b.example',
  'local',
  '127.0.0.1',
  '[::1]',
  '..example',
  '%2e%2e',
];
const SEGMENTS = [
  'a',
  'A',
  'a-b',
  'a_b',
  'a.b',
  'a%2fb',
  'a%2Fb',
  'a%5cb',
  'a\\b',
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '',
  'é',
  'e%CC%81',
  'e',
  'a b',
  'a%20b',
  'a--b',
  'index',
  'index.html',
  '-rf',
  '--help',
  '~',
  'con',
  'a%00b',
  '%ff',
  '🙂',
  'a'.repeat(120),
  'b'.repeat(300),
];
const QUERIES = [
  '',
  '?',
  '?a=1',
  '?A=1',
  '?a=2',
  '?b=1&a=1',
  '?a=1&b=1',
  '?a=1%2f',
  '?utm_source=x',
  `?q=${'z'.repeat(500)}`,
];
const FRAGMENTS = ['', '#', '#top', '#/../../etc'];

const hostileUrl = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'HTTPS'),
    host: fc.constantFrom(...HOSTS),
    segments: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 0, maxLength: 4 }),
    trailingSlash: fc.boolean(),
    query: fc.constantFrom(...QUERIES),
    fragment: fc.constantFrom(...FRAGMENTS),
  })
  .map(
    ({ scheme, host, segments, trailingSlash, query, fragment }) =>
      `${scheme}://${host}/${segments.join('/')}${trailingSlash && segments.length > 0 ? '/' : ''}${query}${fragment}`,
  )
  .filter((url) => URL.canParse(url));

const localPath = fc
  .array(
    fc.constantFrom(
      'tmp',
      'saved',
      '..',
      '.',
      'page.html',
      'Page.HTML',
      'a b.htm',
      'é.html',
      '-x.html',
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => `/${parts.join('/')}`);

const anyIdentity = fc.oneof(
  { weight: 4, arbitrary: hostileUrl },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: localPath },
);

describe('archive path (property)', () => {
  it('stays inside the archive, as <host>/<name>.md with safe names', () => {
    fc.assert(
      fc.property(anyIdentity, (identity) => {
        const path = archivePath(identity);
        expect(path).toMatch(SAFE_PATH);
        expect(posix.normalize(path)).toBe(path);
        for (const name of path.split('/')) {
          expect(name).not.toBe('..');
          expect(name).not.toBe('.');
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
        }
        expect(resolve(ARCHIVE_DIR, path).startsWith(ARCHIVE_DIR + sep)).toBe(true);
      }),
      { numRuns: ESCAPE_RUNS },
    );
  });

  it('is a function of the normalised URL (normalising twice changes nothing)', () => {
    fc.assert(
      fc.property(anyIdentity, (identity) => {
        const normalised = normaliseUrl(identity);
        expect(normaliseUrl(normalised)).toBe(normalised);
        expect(archivePath(normalised)).toBe(archivePath(identity));
      }),
      { numRuns: ESCAPE_RUNS },
    );
  });

  it('never gives two distinct normalised URLs the same file', () => {
    fc.assert(
      fc.property(
        fc.array(anyIdentity, { minLength: 2, maxLength: URLS_PER_INJECTIVE_RUN }),
        (identities) => {
          const owner = new Map<string, string>();
          for (const identity of identities) {
            const normalised = normaliseUrl(identity);
            const path = archivePath(identity).toLowerCase();
            const previous = owner.get(path);
            if (previous !== undefined)
              expect(`${path} ← ${normalised}`).toBe(`${path} ← ${previous}`);
            owner.set(path, normalised);
          }
        },
      ),
      { numRuns: INJECTIVE_RUNS },
    );
  });
});
