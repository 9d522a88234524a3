import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CaptureOptions, runCapture } from '../../src/capture/capture.js';
import { countByStatus } from '../../src/capture/report.js';
import { SourcesError } from '../../src/sources/sources.js';
import { commitCount, git, lastCommitFiles, makeTempRepo, removeDir } from '../helpers/repo.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { articlePage } from './fixtures.js';
import { etagPage, FEED_ITEMS, type NewsSite, startNewsSite } from './site.js';

const FAST = {
  delayMs: 0,
  perHost: 4,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
} satisfies Partial<CaptureOptions>;

/** Pages split between 3 shards: enough that none comes out empty by chance. */
const SHARDED_PAGES = 30;

let site: NewsSite;
let archive: string;

beforeEach(async () => {
  site = await startNewsSite();
  archive = await makeTempRepo();
});

afterEach(async () => {
  await site.server.close();
  await removeDir(archive);
});

async function writeSources(text: string): Promise<string> {
  const file = join(archive, 'sources.yml');
  await writeFile(file, text);
  return file;
}

function capture(sourcesFile: string, extra: Partial<CaptureOptions> = {}) {
  return runCapture({ sourcesFile, archiveDir: archive, ...FAST, ...extra });
}

describe('runCapture', () => {
  it('captures a 50-item feed and a sitemap index in one commit; a second run costs 304s and no commit', async () => {
    const sources = await writeSources(
      `feeds:\n  - ${site.url}/feed.xml\nsitemaps:\n  - url: ${site.url}/sitemap_index.xml\n    limit: 4\n`,
    );
    const first = await capture(sources);
    const counts = countByStatus(first.results);
    expect(counts).toEqual({
      new: FEED_ITEMS + 4,
      updated: 0,
      unchanged: 0,
      suspect: 0,
      failed: 0,
    });
    // The limit keeps the 4 newest sitemap pages: the news sitemap's 3, then the newest older one.
    const captured = new Set(first.results.map((result) => result.url));
    expect(site.sitemapPages.filter((url) => captured.has(url))).toEqual(
      site.sitemapPages.slice(0, 4),
    );
    expect(commitCount(archive)).toBe(1);
    expect(first.commit).toBe(git(archive, 'rev-parse', 'HEAD'));
    const committed = lastCommitFiles(archive);
    expect(committed).toHaveLength(FEED_ITEMS + 4 + 1);
    expect(committed).toContain('.stet/state.json');
    for (const result of first.results)
      expect(existsSync(join(archive, result.path ?? '-'))).toBe(true);
    expect(git(archive, 'log', '-1', '--format=%s')).toBe(
      `capture: ${FEED_ITEMS + 4} new, 0 updated`,
    );

    const pageRequests = site.requestsFor('/news/').length;
    const second = await capture(sources);
    expect(countByStatus(second.results).unchanged).toBe(FEED_ITEMS + 4);
    expect(second.results.every((result) => result.http === 304)).toBe(true);
    expect(second.commit).toBeUndefined();
    expect(commitCount(archive)).toBe(1);
    expect(git(archive, 'status', '--porcelain', '--untracked-files=all')).not.toContain('.stet');
    expect(site.requestsFor('/news/').length).toBe(pageRequests + FEED_ITEMS + 4);
  });

  it('never commits for the state file alone: a new ETag on the same article makes no commit', async () => {
    const sources = await writeSources(`urls:\n  - ${site.url}/news/recent-1\n`);
    await capture(sources);
    site.server.route('/news/recent-1', etagPage(articlePage(site.url, 'recent-1'), '"rotated"'));
    const report = await capture(sources);
    expect(report.results).toMatchObject([{ status: 'unchanged', http: 200 }]);
    expect(report.commit).toBeUndefined();
    expect(commitCount(archive)).toBe(1);
    // The new validator is kept on disk, to ride along with the next real commit.
    expect(git(archive, 'status', '--porcelain')).toContain('.stet/state.json');
    expect(readFileSync(join(archive, '.stet/state.json'), 'utf8')).toContain('rotated');
  });

  it('commits a revised page alone (with the state file), as updated', async () => {
    const page = `${site.url}/news/recent-1`;
    const sources = await writeSources(`urls:\n  - ${page}\n  - ${site.url}/news/recent-2\n`);
    await capture(sources);
    site.revise(page, 2);
    const report = await capture(sources);
    expect(report.results.map((result) => result.status).sort()).toEqual(['unchanged', 'updated']);
    expect(commitCount(archive)).toBe(2);
    expect(lastCommitFiles(archive).sort()).toEqual(
      [
        '.stet/state.json',
        report.results.find((result) => result.status === 'updated')?.path,
      ].sort(),
    );
    expect(git(archive, 'log', '-1', '--format=%B')).toContain(
      `updated: Report on recent-1 (${page})`,
    );
  });

  it('refuses a sources file with errors before sending any request', async () => {
    const sources = await writeSources(
      `urls:\n  - ${site.url}/news/recent-1\n  - not a url\nfeeds:\n  - url: ${site.url}/feed.xml\n    limit: lots\n`,
    );
    const refusal = capture(sources);
    await expect(refusal).rejects.toBeInstanceOf(SourcesError);
    await expect(refusal).rejects.toThrowError(/line 3: .*line 6: /);
    expect(site.server.requests).toEqual([]);
    expect(commitCount(archive)).toBe(0);
  });

  it('respects robots.txt unless the source opts out, and fetches robots.txt once per site', async () => {
    site.server.route('/private/memo', { body: articlePage(site.url, 'memo') });
    site.server.route('/private/open', { body: articlePage(site.url, 'open') });
    const sources = await writeSources(
      `urls:\n  - ${site.url}/private/memo\n  - url: ${site.url}/private/open\n    robots: false\n  - ${site.url}/news/recent-1\n`,
    );
    const report = await capture(sources);
    const byUrl = new Map(report.results.map((result) => [result.url, result]));
    expect(byUrl.get(`${site.url}/private/memo`)?.status).toBe('failed');
    expect(byUrl.get(`${site.url}/private/memo`)?.error).toMatch(
      /^capture\.robots: disallowed by robots\.txt line 2/,
    );
    expect(byUrl.get(`${site.url}/private/open`)?.status).toBe('new');
    expect(byUrl.get(`${site.url}/news/recent-1`)?.status).toBe('new');
    expect(site.requestsFor('/private/memo')).toEqual([]);
    expect(site.requestsFor('/robots.txt')).toHaveLength(1);
  });

  it('retries a 503 and a 429 (honouring Retry-After), then captures the page', async () => {
    const replies = [
      { status: 503, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '0' } },
    ];
    site.server.route('/news/flaky', (_req, res) => {
      const reply = replies.shift();
      if (reply !== undefined) {
        res.writeHead(reply.status, reply.headers).end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(site.url, 'flaky'));
    });
    const sources = await writeSources(`urls:\n  - ${site.url}/news/flaky\n`);
    const report = await capture(sources);
    expect(report.results).toMatchObject([{ status: 'new', http: 200 }]);
    expect(site.requestsFor('/news/flaky')).toHaveLength(3);
  });

  it('reports a broken feed and a missing page as failed, and commits the rest', async () => {
    site.server.route('/broken.xml', { status: 500, body: 'oops' });
    const sources = await writeSources(
      `urls:\n  - ${site.url}/news/recent-1\n  - ${site.url}/news/gone\nfeeds:\n  - ${site.url}/broken.xml\n`,
    );
    const report = await capture(sources);
    const failed = report.results.filter((result) => result.status === 'failed');
    expect(failed.map((result) => result.url).sort()).toEqual(
      [`${site.url}/broken.xml`, `${site.url}/news/gone`].sort(),
    );
    expect(failed.find((result) => result.url.endsWith('/gone'))?.error).toContain('HTTP 404');
    expect(site.requestsFor('/broken.xml')).toHaveLength(3);
    expect(commitCount(archive)).toBe(1);
  });

  it('splits the pages between shards without overlap, each with its own state file', async () => {
    // Shards go by a hash of the URL, which holds the server's random port: with 12 pages one
    // of 3 shards came out empty in about 2 % of runs (3 × (2/3)^12); with 30, 1 in 60,000.
    const sources = await writeSources(
      `feeds:\n  - url: ${site.url}/feed.xml\n    limit: ${SHARDED_PAGES}\n`,
    );
    const shards = [];
    for (const index of [1, 2, 3]) {
      shards.push(await capture(sources, { shard: { index, count: 3 } }));
    }
    const urls = shards.flatMap((report) => report.results.map((result) => result.url));
    expect(urls.sort()).toEqual(site.feedPages.slice(0, SHARDED_PAGES).sort());
    expect(shards.every((report) => report.results.length > 0)).toBe(true);
    for (const index of [1, 2, 3]) {
      expect(existsSync(join(archive, `.stet/state-${index}-of-3.json`))).toBe(true);
    }
    expect(existsSync(join(archive, '.stet/state.json'))).toBe(false);
  });

  it('lists the pages without fetching them in a dry run', async () => {
    const sources = await writeSources(`feeds:\n  - url: ${site.url}/feed.xml\n    limit: 3\n`);
    const planned: string[] = [];
    const report = await runCapture(
      { sourcesFile: sources, archiveDir: archive, ...FAST, dryRun: true },
      { planned: (pages) => planned.push(...pages.map((page) => page.url)) },
    );
    expect(planned).toEqual(site.feedPages.slice(0, 3));
    expect(report.results).toEqual([]);
    expect(site.requestsFor('/news/')).toEqual([]);
    expect(commitCount(archive)).toBe(0);
  });
});

describe('runCapture --push', () => {
  let remote: string;
  let server: TestServer;

  beforeEach(async () => {
    remote = await makeTempRepo();
    git(remote, 'config', 'receive.denyCurrentBranch', 'ignore');
    server = await startServer({ '/news/a': { body: articlePage('http://x', 'a') } });
  });

  afterEach(async () => {
    await server.close();
    await removeDir(remote);
  });

  it('pushes the run commit to origin', async () => {
    git(archive, 'remote', 'add', 'origin', remote);
    const sources = await writeSources(`urls:\n  - ${server.url}/news/a\n`);
    const report = await capture(sources, { push: true });
    expect(report.push).toMatchObject({ status: 'pushed', attempts: 1 });
    expect(git(remote, 'rev-parse', 'main')).toBe(report.commit);
  });

  it('keeps the local commit and says so when the push fails', async () => {
    git(archive, 'remote', 'add', 'origin', join(remote, 'does-not-exist'));
    const sources = await writeSources(`urls:\n  - ${server.url}/news/a\n`);
    const report = await capture(sources, {
      push: true,
      pushPolicy: { attempts: 2, baseDelayMs: 1 },
    });
    expect(report.push.status).toBe('failed');
    expect(report.push.attempts).toBe(2);
    expect(report.push.error).toContain('1 local commit(s) kept, not pushed');
    expect(git(archive, 'rev-parse', 'HEAD')).toBe(report.commit);
    expect(readFileSync(join(archive, report.results[0]?.path ?? '-'), 'utf8')).toContain(
      'Report on a',
    );
  });

  it('rebases onto what others pushed meanwhile, then pushes', async () => {
    git(archive, 'remote', 'add', 'origin', remote);
    const sources = await writeSources(`urls:\n  - ${server.url}/news/a\n`);
    await capture(sources, { push: true });
    const other = await makeTempRepo();
    try {
      git(other, 'pull', '--quiet', remote, 'main');
      await writeFile(join(other, 'README.md'), 'the newsroom archive\n');
      git(other, 'add', 'README.md');
      git(other, 'commit', '--quiet', '-m', 'readme');
      git(other, 'push', '--quiet', remote, 'HEAD:main');
    } finally {
      await removeDir(other);
    }
    server.route('/news/a', { body: articlePage('http://x', 'a', 2) });
    const report = await capture(sources, { push: true });
    expect(report.push.status).toBe('pushed');
    expect(git(remote, 'log', '--format=%s', 'main').split('\n')).toEqual([
      'capture: 0 new, 1 updated',
      'readme',
      'capture: 1 new, 0 updated',
    ]);
  });

  it('aborts a conflicting rebase at once and keeps the local commit', async () => {
    git(archive, 'remote', 'add', 'origin', remote);
    const sources = await writeSources(`urls:\n  - ${server.url}/news/a\n`);
    const first = await capture(sources, { push: true });
    const path = first.results[0]?.path ?? '-';
    const other = await makeTempRepo();
    try {
      git(other, 'pull', '--quiet', remote, 'main');
      await writeFile(join(other, path), 'edited by hand\n');
      git(other, 'commit', '--quiet', '-am', 'hand edit');
      git(other, 'push', '--quiet', remote, 'HEAD:main');
    } finally {
      await removeDir(other);
    }
    server.route('/news/a', { body: articlePage('http://x', 'a', 2) });
    const report = await capture(sources, { push: true });
    expect(report.push.status).toBe('failed');
    expect(report.push.attempts).toBe(1);
    expect(report.push.error).toContain('conflicted with the remote, rebase aborted');
    expect(git(archive, 'rev-parse', 'HEAD')).toBe(report.commit);
    expect(git(archive, 'status', '--porcelain', '--', path)).toBe('');
  });
});
