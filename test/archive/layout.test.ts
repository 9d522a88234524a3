import { posix, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archivePath, normaliseUrl } from '../../src/archive/layout.js';

const ARCHIVE_DIR = resolve('/tmp/stet-archive');

describe('normaliseUrl', () => {
  it('lower-cases the host, drops fragment, default port, credentials and tracking parameters', () => {
    expect(
      normaliseUrl('HTTP://u:p@WWW.Example.COM:80/Story?utm_source=x&b=2&fbclid=y&a=1&GCLID=z#top'),
    ).toBe('https://www.example.com/Story?a=1&b=2');
  });

  it('converts an international domain name to punycode', () => {
    expect(normaliseUrl('https://bücher.de/a')).toBe('https://xn--bcher-kva.de/a');
  });

  it('accepts an absolute local path as a file: identity', () => {
    expect(normaliseUrl('/tmp/saved/page.html')).toBe('file:///tmp/saved/page.html');
  });

  it('rejects relative paths and other schemes as store.path', () => {
    expect(() => normaliseUrl('page.html')).toThrow(
      expect.objectContaining({ code: 'store.path' }),
    );
    expect(() => normaliseUrl('ftp://x/a')).toThrow(
      expect.objectContaining({ code: 'store.path' }),
    );
  });
});

describe('archivePath', () => {
  it('keeps a plain article path readable', () => {
    expect(archivePath('https://venturebeat.com/2019/11/18/new-york-state/')).toBe(
      'venturebeat.com/2019_11_18_new-york-state_.md',
    );
    expect(archivePath('https://www.nytimes.com/2019/11/19/opinion/x.html')).toBe(
      'www.nytimes.com/2019_11_19_opinion_x.html.md',
    );
    expect(archivePath('https://example.com/')).toBe('example.com/index.md');
  });

  it('treats http and https, tracking parameters and fragments as the same article', () => {
    const path = archivePath('https://example.com/a/b');
    expect(archivePath('http://example.com/a/b?utm_campaign=x#comments')).toBe(path);
  });

  it('hashes lossy slugs so near-identical URLs stay apart', () => {
    const paths = [
      'https://example.com/a/b',
      'https://example.com/a/b/',
      'https://example.com/A/b',
      'https://example.com/a_b',
      'https://example.com/a--b',
      'https://example.com/a-b',
      'https://example.com/a/b?page=2',
      'https://example.com/a/b?page=3',
      'https://example.com/index',
      'https://example.com/',
      'https://example.com/caf%C3%A9',
      'https://example.com/cafe',
    ].map(archivePath);
    expect(new Set(paths).size).toBe(paths.length);
    expect(archivePath('https://example.com/a/b?page=2')).toMatch(
      /^example\.com\/a_b-page-2__[0-9a-f]{10}\.md$/,
    );
  });

  it('shortens long paths with a hash', () => {
    const path = archivePath(`https://example.com/${'word-'.repeat(80)}end`);
    expect(posix.basename(path).length).toBeLessThan(130);
    expect(path).toMatch(/__[0-9a-f]{10}\.md$/);
  });

  it('puts local files under local/, named by base name plus a hash of the full path', () => {
    const one = archivePath('file:///home/me/a/page.html');
    const two = archivePath('file:///home/me/b/page.html');
    expect(one).toMatch(/^local\/page\.html__[0-9a-f]{10}\.md$/);
    expect(one).not.toBe(two);
  });

  it('keeps a host named "local", ports and odd hosts apart from other directories', () => {
    expect(archivePath('https://local/a').split('/')[0]).not.toBe('local');
    expect(archivePath('https://example.com:8080/a').split('/')[0]).not.toBe('example.com');
    expect(archivePath('http://../x').split('/')[0]).not.toMatch(/^\.*$/);
  });

  it('never escapes with dot segments or encoded slashes', () => {
    for (const url of [
      'https://example.com/../../etc/passwd',
      'https://example.com/%2e%2e/%2e%2e/etc',
      'https://example.com/a%2F..%2F..%2Fb',
      'https://example.com/..%2f..%2f',
      'https://../..',
    ]) {
      expectContained(archivePath(url));
    }
  });
});

/** URLs with the parts that make slugs lossy: case, unsafe characters, queries, slashes. */
const urlText = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTPS'),
    fc.constantFrom('example.com', 'Example.com', 'b\u00fccher.de', 'local', 'a.b', 'x.org:8080'),
    fc.array(
      fc.oneof(
        fc.constantFrom(
          'a',
          'A',
          'b',
          'a-b',
          'a_b',
          'a--b',
          '..',
          '.',
          '%2e%2e',
          '%2F',
          'index',
          '',
        ),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 5 },
    ),
    fc.option(fc.constantFrom('?a=1', '?b=2&a=1', '?utm_source=x', '?a=%2F', '?'), { nil: '' }),
    fc.option(fc.constantFrom('#x', '#'), { nil: '' }),
  )
  .map(([scheme, host, segments, query, fragment]) => {
    const path = segments.map((segment) => encodeURI(segment)).join('/');
    return `${scheme}://${host}/${path}${query}${fragment}`;
  })
  .filter((text) => URL.canParse(text));

describe('archivePath properties', () => {
  it('maps distinct normalised URLs to distinct files', () => {
    fc.assert(
      fc.property(urlText, urlText, (one, two) => {
        fc.pre(normaliseUrl(one) !== normaliseUrl(two));
        expect(archivePath(one)).not.toBe(archivePath(two));
      }),
      { numRuns: 2000 },
    );
  });

  it('is injective over many web URLs at once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.webUrl({ withQueryParameters: true }), { maxLength: 40 }),
        (urls) => {
          const normalised = new Set(urls.map(normaliseUrl));
          const paths = new Set(urls.map(archivePath));
          expect(paths.size).toBe(normalised.size);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never escapes the archive directory', () => {
    fc.assert(
      fc.property(
        fc.oneof(urlText, fc.webUrl({ withFragments: true, withQueryParameters: true })),
        (url) => {
          expectContained(archivePath(url));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function expectContained(path: string): void {
  expect(posix.isAbsolute(path)).toBe(false);
  expect(path.split('/')).not.toContain('..');
  expect(path).toMatch(/^[a-z0-9._-]+\/[a-z0-9._-]+\.md$/);
  expect(resolve(ARCHIVE_DIR, path).startsWith(ARCHIVE_DIR + sep)).toBe(true);
}
