import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchedDocument } from '../../src/capture/documents.js';
import { type CaptureReport, reportMarkdown } from '../../src/capture/report.js';
import { RobotsRules } from '../../src/capture/robots.js';
import { CaptureState } from '../../src/capture/state.js';
import { StetError } from '../../src/errors.js';
import { makeTempDir, removeDir } from '../helpers/repo.js';

describe('CaptureState', () => {
  let archive: string;
  beforeEach(async () => {
    archive = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(archive);
  });

  it('saves only when the validators changed, with sorted keys and no timestamps', async () => {
    const state = await CaptureState.load(archive, { index: 1, count: 1 });
    state.set('https://b.example/2', { etag: '"b"', path: 'b.example/2.md' });
    state.set('https://a.example/1', {
      lastModified: 'Tue, 20 Nov 2018 10:00:00 GMT',
      path: 'a.md',
    });
    expect(await state.save()).toBe(true);
    const text = await readFile(join(archive, '.stet/state.json'), 'utf8');
    expect(Object.keys(JSON.parse(text).urls)).toEqual([
      'https://a.example/1',
      'https://b.example/2',
    ]);

    const again = await CaptureState.load(archive, { index: 1, count: 1 });
    expect(again.get('https://b.example/2')).toEqual({ etag: '"b"', path: 'b.example/2.md' });
    again.set('https://b.example/2', { etag: '"b"', path: 'b.example/2.md' });
    expect(await again.save()).toBe(false);
  });

  it('writes its own shard file and reads the others', async () => {
    const whole = await CaptureState.load(archive, { index: 1, count: 1 });
    whole.set('https://a.example/1', { etag: '"a"', path: 'a.md' });
    await whole.save();
    const shard = await CaptureState.load(archive, { index: 2, count: 3 });
    expect(shard.relativePath).toBe(join('.stet', 'state-2-of-3.json'));
    expect(shard.get('https://a.example/1')?.etag).toBe('"a"');
    shard.set('https://c.example/3', { etag: '"c"', path: 'c.md' });
    await shard.save();
    const shardFile = JSON.parse(await readFile(join(archive, shard.relativePath), 'utf8'));
    expect(Object.keys(shardFile.urls)).toEqual(['https://c.example/3']);
  });

  it('treats a damaged state file as empty (full GETs, not a failed run)', async () => {
    await mkdir(join(archive, '.stet'));
    await writeFile(join(archive, '.stet/state.json'), '{"version": 1, "urls": ');
    const state = await CaptureState.load(archive, { index: 1, count: 1 });
    expect(state.get('https://a.example/1')).toBeUndefined();
  });
});

describe('RobotsRules', () => {
  const document = (status: number, text = ''): FetchedDocument => ({
    url: 'https://a.example/robots.txt',
    status,
    text,
  });

  it('applies the rules for the stet token, with the matching line and Crawl-delay', async () => {
    const robots = new RobotsRules(
      async () =>
        document(
          200,
          'User-agent: *\nDisallow: /\n\nUser-agent: stet\nDisallow: /drafts/\nCrawl-delay: 5\n',
        ),
      'stet',
    );
    expect(await robots.check('https://a.example/news/1')).toEqual({
      allowed: true,
      crawlDelayMs: 5_000,
      reason: undefined,
    });
    const verdict = await robots.check('https://a.example/drafts/1');
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toBe('disallowed by robots.txt line 5');
  });

  it('allows everything when robots.txt is missing (4xx), once per origin', async () => {
    let fetches = 0;
    const robots = new RobotsRules(async () => {
      fetches += 1;
      return document(404, 'not found');
    }, 'stet');
    expect((await robots.check('https://a.example/1')).allowed).toBe(true);
    expect((await robots.check('https://a.example/2')).allowed).toBe(true);
    expect(fetches).toBe(1);
  });

  it('disallows the site when robots.txt cannot be fetched (5xx or network error)', async () => {
    const robots = new RobotsRules(async () => {
      throw new StetError('fetch.http', 'https://a.example/robots.txt', 'HTTP 503', {
        status: 503,
      });
    }, 'stet');
    const verdict = await robots.check('https://a.example/1');
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('robots.txt unavailable (HTTP 503)');
  });
});

describe('reportMarkdown', () => {
  it('escapes pipes and newlines in cells and says when the push failed', () => {
    const report: CaptureReport = {
      started: '2026-11-25T06:00:00.000Z',
      finished: '2026-11-25T06:01:00.000Z',
      shard: '2/3',
      results: [
        { url: 'https://a.example/1', status: 'failed', error: 'fetch.http: a | b\nc' },
        { url: 'https://a.example/2', status: 'new', path: 'a.example/2.md', http: 200, words: 10 },
      ],
      commit: '0123456789abcdef0123',
      push: {
        status: 'failed',
        attempts: 5,
        error: 'rejected (1 local commit(s) kept, not pushed)',
      },
      timings: { fetchMs: 1, extractMs: 1, gitMs: 1 },
    };
    const markdown = reportMarkdown(report);
    expect(markdown).toContain('### stet capture (shard 2/3)');
    expect(markdown).toContain('commit `0123456789ab`');
    expect(markdown).toContain('**push failed** after 5 attempts (local commits kept)');
    expect(markdown).toContain('| failed | https://a.example/1 |  |  |  | fetch.http: a \\| b c |');
    expect(markdown).toContain('| new | https://a.example/2 | a.example/2.md | 200 | 10 |  |');
  });
});
