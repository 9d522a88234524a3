// Network and HTTP failures, thrown at the real CLI. All failing inputs go to one `stet archive`
// run (and one `stet extract` run) together with one good page: each input must get its own
// exact `failed` line, the good page must still be archived, the exit status must be 1, and
// the archive must hold the good page's commit and nothing else.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, removeDir } from '../helpers/repo.js';
import {
  archivedArticles,
  archiveProblems,
  archiveState,
  lineFor,
  PAGE_TIMEOUT_MS,
  type StetRun,
  stet,
} from './harness.js';
import {
  closedPortUrl,
  type HostileServer,
  startHostileServer,
  UNRESOLVABLE_URL,
} from './hostile-server.js';

/** stet's default response cap (src/fetch/fetch.ts DEFAULT_MAX_BYTES), restated on purpose. */
const CAP = 20 * 1024 * 1024;
const HUGE = 80 * 1024 * 1024;

interface FailureCase {
  readonly name: string;
  /** Path on the hostile server, or a full URL. */
  readonly target: string;
  /** The message after `failed  <input>  `: exact text, or a pattern when it carries OS detail. */
  readonly expected: string | RegExp;
}

const FAILURES: readonly FailureCase[] = [
  {
    name: 'connection refused',
    target: 'refused',
    expected: /^fetch\.network: network error: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
  },
  {
    name: 'unresolvable host',
    target: UNRESOLVABLE_URL,
    // Without any DNS server (a sandbox), the lookup fails with EAI_AGAIN instead.
    expected:
      /^fetch\.network: network error: getaddrinfo (?:ENOTFOUND|EAI_AGAIN) stet-reliability\.invalid$/,
  },
  {
    name: 'reset mid-body',
    target: '/reset',
    // undici names the short body, or the reset itself when it sees the RST first.
    expected:
      /^fetch\.network: network error (?:UND_ERR_RES_CONTENT_LENGTH_MISMATCH|ECONNRESET|UND_ERR_SOCKET)\b/,
  },
  {
    name: 'stall after headers',
    target: '/stall',
    expected: `fetch.timeout: timed out after ${PAGE_TIMEOUT_MS} ms`,
  },
  {
    name: 'no answer at all',
    target: '/silent',
    expected: `fetch.timeout: timed out after ${PAGE_TIMEOUT_MS} ms`,
  },
  {
    name: 'a byte a second',
    target: '/trickle',
    expected: `fetch.timeout: timed out after ${PAGE_TIMEOUT_MS} ms`,
  },
  {
    name: 'redirect loop',
    target: '/loop/a',
    expected: 'fetch.redirect: redirect loop at {base}/loop/a',
  },
  { name: '11 redirects', target: '/hops/11', expected: 'fetch.redirect: more than 10 redirects' },
  {
    name: 'redirect to file:',
    target: '/redirect-to/file',
    expected: 'fetch.protocol: only http(s) URLs are fetched, not file: (file:///etc/passwd)',
  },
  {
    name: 'redirect to data:',
    target: '/redirect-to/data',
    expected:
      'fetch.protocol: only http(s) URLs are fetched, not data: (data:text/html;base64,PGgxPmRhdGE8L2gxPg==)',
  },
  {
    name: 'redirect to javascript:',
    target: '/redirect-to/javascript',
    expected:
      "fetch.protocol: only http(s) URLs are fetched, not javascript: (javascript:alert('redirect'))",
  },
  {
    name: 'redirect to ftp:',
    target: '/redirect-to/ftp',
    expected:
      'fetch.protocol: only http(s) URLs are fetched, not ftp: (ftp://127.0.0.1/article.html)',
  },
  { name: '404', target: '/status/404', expected: 'fetch.http: HTTP 404 Not Found' },
  { name: '410', target: '/status/410', expected: 'fetch.http: HTTP 410 Gone' },
  {
    name: '451',
    target: '/status/451',
    expected: 'fetch.http: HTTP 451 Unavailable For Legal Reasons',
  },
  { name: '500', target: '/status/500', expected: 'fetch.http: HTTP 500 Internal Server Error' },
  {
    name: '503 with Retry-After',
    target: '/status/503',
    expected: 'fetch.http: HTTP 503 Service Unavailable (Retry-After: 1)',
  },
  {
    name: '429 with Retry-After',
    target: '/status/429',
    expected: 'fetch.http: HTTP 429 Too Many Requests (Retry-After: 1)',
  },
  {
    name: 'PDF',
    target: '/type/pdf',
    expected: 'fetch.content-type: not HTML: content-type application/pdf',
  },
  {
    name: 'image',
    target: '/type/png',
    expected: 'fetch.content-type: not HTML: content-type image/png',
  },
  {
    name: 'JSON',
    target: '/type/json',
    expected: 'fetch.content-type: not HTML: content-type application/json',
  },
  {
    name: 'octet-stream',
    target: '/type/octet-stream',
    expected: 'fetch.content-type: not HTML: content-type application/octet-stream',
  },
  {
    name: 'Content-Length longer than the body',
    target: '/lie/long',
    expected:
      'fetch.network: network error UND_ERR_RES_CONTENT_LENGTH_MISMATCH: Response body length does not match content-length header',
  },
  {
    name: 'Content-Length shorter than the body (64 bytes of markup, no article)',
    target: '/lie/short',
    expected: 'extract.empty: no article text found on the page',
  },
  {
    name: '80 MB body without Content-Length',
    target: '/huge',
    expected: `fetch.too-large: response too large: more than ${CAP} bytes (limit ${CAP} bytes)`,
  },
  {
    name: '80 MB body with Content-Length',
    target: '/huge-declared',
    expected: `fetch.too-large: response too large: Content-Length ${HUGE} (limit ${CAP} bytes)`,
  },
  {
    name: 'gzip bomb',
    target: '/bomb/gzip',
    expected: `fetch.too-large: response too large: more than ${CAP} bytes (limit ${CAP} bytes)`,
  },
  {
    name: 'brotli bomb',
    target: '/bomb/br',
    expected: `fetch.too-large: response too large: more than ${CAP} bytes (limit ${CAP} bytes)`,
  },
  { name: 'empty 200', target: '/empty', expected: 'fetch.empty: empty response (HTTP 200)' },
];

describe('network and HTTP failures', () => {
  let server: HostileServer;
  let refusedUrl: string;
  let repo: string;
  let outDir: string;
  let archiveRun: StetRun;
  let extractRun: StetRun;
  let goodUrl: string;

  const urlOf = (target: string): string => {
    if (target === 'refused') return refusedUrl;
    return target.startsWith('http') ? target : `${server.url}${target}`;
  };
  const expectedMessage = (failure: FailureCase): string | RegExp =>
    typeof failure.expected === 'string'
      ? failure.expected.replace('{base}', server.url)
      : failure.expected;

  beforeAll(async () => {
    server = await startHostileServer();
    refusedUrl = await closedPortUrl();
    repo = await makeTempRepo();
    outDir = await makeTempDir('stet-extract-');
    goodUrl = `${server.url}/article/survivor`;
    const inputs = [...FAILURES.map((f) => urlOf(f.target)), goodUrl];
    const timeout = ['--timeout', String(PAGE_TIMEOUT_MS)];
    archiveRun = await stet(['archive', '--archive', repo, ...timeout, ...inputs]);
    extractRun = await stet([
      'extract',
      '--format',
      'json',
      '--out-dir',
      outDir,
      ...timeout,
      ...inputs,
    ]);
  }, 180_000);

  afterAll(async () => {
    await server.close();
    await removeDir(repo);
    await removeDir(outDir);
  });

  describe.each([
    ['stet archive', () => archiveRun],
    ['stet extract', () => extractRun],
  ])('%s', (_command, run) => {
    it.each(FAILURES.map((f) => [f.name, f] as const))(
      '%s: one failed line naming the input',
      (_name, failure) => {
        const input = urlOf(failure.target);
        const line = lineFor(run(), input);
        expect(line, `no line for ${input} in:\n${run().lines.join('\n')}`).toBeDefined();
        const [status, subject, ...message] = (line ?? '').split('  ');
        expect(status).toBe('failed');
        expect(subject).toBe(input);
        const expected = expectedMessage(failure);
        if (typeof expected === 'string') expect(message.join('  ')).toBe(expected);
        else expect(message.join('  ')).toMatch(expected);
      },
    );

    it('exits 1 and still processes the good page after all the failures', () => {
      expect(run().code).toBe(1);
      expect(run().lines.filter((l) => l.startsWith('failed  '))).toHaveLength(FAILURES.length);
      expect(run().stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('archive: the good page is committed, and nothing else reached the archive', () => {
    expect(archiveRun.lines.filter((l) => l.startsWith('new  '))).toHaveLength(1);
    const state = archiveState(repo);
    expect(state.commits).toBe(1);
    const articles = archivedArticles(repo);
    expect([...articles.values()].map((a) => a.metadata.url)).toEqual([goodUrl]);
    expect(archiveProblems(repo)).toEqual([]);
  });

  it('extract: one output file, for the good page', async () => {
    const written = extractRun.lines.filter((l) => l.startsWith('extracted  '));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain(goodUrl);
  });

  it('follows up to 10 redirects and records where the article really is', async () => {
    const run = await stet(['extract', '--format', 'json', `${server.url}/hops/10`]);
    expect(run.code).toBe(0);
    const { metadata } = JSON.parse(run.stdout) as { metadata: Record<string, unknown> };
    expect(metadata.url).toBe(`${server.url}/hops/0`);
  });
});

/**
 * `stet capture` takes the failures that are not retried (so the run stays short), plus a page
 * that answers 503 with Retry-After once and then succeeds: capture must wait and retry it.
 */
const CAPTURE_FAILURES: readonly (readonly [string, RegExp])[] = [
  ['/status/404', /^fetch\.http: HTTP 404/],
  ['/status/410', /^fetch\.http: HTTP 410/],
  ['/redirect-to/file', /^fetch\.protocol: /],
  ['/type/pdf', /^fetch\.content-type: /],
  ['/bomb/gzip', /^fetch\.too-large: /],
  ['/huge', /^fetch\.too-large: /],
  ['/empty', /^fetch\.empty: /],
];

describe('network and HTTP failures (stet capture)', () => {
  let server: HostileServer;
  let repo: string;
  let work: string;
  let run: StetRun;

  beforeAll(async () => {
    server = await startHostileServer();
    repo = await makeTempRepo();
    work = await makeTempDir('stet-capture-');
    const pages = [
      ...CAPTURE_FAILURES.map(([path]) => path),
      '/flaky/1/recovers',
      '/article/capture-good',
    ];
    const sources = join(work, 'sources.yml');
    await writeFile(
      sources,
      `urls:\n${pages.map((p) => `  - url: ${server.url}${p}\n    robots: false`).join('\n')}\n`,
    );
    run = await stet([
      'capture',
      '--sources',
      sources,
      '--archive',
      repo,
      '--delay',
      '0',
      '--timeout',
      String(PAGE_TIMEOUT_MS),
    ]);
  }, 180_000);

  afterAll(async () => {
    await server.close();
    await removeDir(repo);
    await removeDir(work);
  });

  it.each(CAPTURE_FAILURES)('%s: one failed line with its cause', (path, expected) => {
    const url = `${server.url}${path}`;
    const line = lineFor(run, url);
    expect(line, run.lines.join('\n')).toBeDefined();
    const [status, , ...message] = (line ?? '').split('  ');
    expect(status).toBe('failed');
    expect(message.join('  ')).toMatch(expected);
  });

  it('retries a 503 after its Retry-After and archives the page', () => {
    expect(server.requests.filter((t) => t === '/flaky/1/recovers')).toHaveLength(2);
    const urls = [...archivedArticles(repo).values()].map((a) => a.metadata.url).sort();
    expect(urls).toEqual([`${server.url}/article/capture-good`, `${server.url}/flaky/1/recovers`]);
  });

  it('exits 1, and commits the good pages with nothing left over', () => {
    expect(run.code).toBe(1);
    expect(archiveProblems(repo)).toEqual([]);
  });
});
