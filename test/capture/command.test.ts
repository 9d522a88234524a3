import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CaptureCommandOptions, run } from '../../src/cli/commands/capture.js';
import { commitCount, makeTempRepo, removeDir } from '../helpers/repo.js';
import { type NewsSite, startNewsSite } from './site.js';

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

async function capture(
  sources: string,
  options: Partial<CaptureCommandOptions> = {},
  terminal = false,
) {
  await writeFile(join(archive, 'sources.yml'), sources);
  // A terminal as cli-progress sees one: a stream with isTTY and a width.
  const stdout = Object.assign(new PassThrough(), terminal ? { isTTY: true, columns: 120 } : {});
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await run(
    { sources: 'sources.yml', archive: '.', delay: 0, concurrency: 4, ...options },
    {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env: process.env,
      isTTY: terminal,
      cwd: archive,
    },
  );
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

describe('stet capture (command)', () => {
  it('exits 0 when every page is captured, printing a line per page and a summary', async () => {
    const result = await capture(
      `urls:\n  - ${site.url}/news/recent-1\n  - ${site.url}/news/recent-2\n`,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('capturing 2 pages');
    expect(lines.filter((line) => line.startsWith('new  '))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(
      /^captured 2 pages: 2 new, 0 updated, 0 unchanged, 0 suspect, 0 failed \(commit [0-9a-f]{7}\)$/,
    );
  });

  it('exits 1 when some pages fail, committing the others', async () => {
    const result = await capture(
      `urls:\n  - ${site.url}/news/recent-1\n  - ${site.url}/news/missing\n`,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`failed  ${site.url}/news/missing  fetch.http: HTTP 404`);
    expect(commitCount(archive)).toBe(1);
  });

  it('exits 2 when nothing could be captured', async () => {
    const result = await capture(`urls:\n  - ${site.url}/news/missing\n`);
    expect(result.code).toBe(2);
    expect(commitCount(archive)).toBe(0);
  });

  it('exits 2 on a bad sources file, one line per problem naming file and line, before any request', async () => {
    const result = await capture(`urls:\n  - ${site.url}/news/recent-1\n  - nope\nfeeds: 3\n`);
    expect(result.code).toBe(2);
    const file = join(archive, 'sources.yml');
    expect(result.stderr.trim().split('\n')).toEqual([
      `failed  ${file}:3  urls[1] must be an http(s) URL, got "nope"`,
      `failed  ${file}:4  feeds must be a list`,
    ]);
    expect(site.server.requests).toEqual([]);
  });

  it('exits 2 on a bad --shard, before any request', async () => {
    const result = await capture(`urls:\n  - ${site.url}/news/recent-1\n`, { shard: '4/3' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--shard');
    expect(site.server.requests).toEqual([]);
  });

  it('writes the JSON report and a Markdown table beside it', async () => {
    const result = await capture(
      `urls:\n  - ${site.url}/news/recent-1\n  - ${site.url}/news/missing\n`,
      {
        report: 'out/report.json',
      },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(join(archive, 'out/report.json'), 'utf8'));
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['started', 'finished', 'results']));
    expect(Date.parse(report.finished)).toBeGreaterThanOrEqual(Date.parse(report.started));
    expect(report.results).toEqual([
      {
        url: `${site.url}/news/recent-1`,
        status: 'new',
        path: expect.stringMatching(/recent-1\.md$/),
        http: 200,
        words: expect.any(Number),
      },
      {
        url: `${site.url}/news/missing`,
        status: 'failed',
        error: expect.stringContaining('HTTP 404'),
      },
    ]);
    const markdown = readFileSync(join(archive, 'out/report.md'), 'utf8');
    expect(markdown).toContain('| status | url | path | HTTP | words | error |');
    expect(markdown).toContain('2 pages: 1 new, 0 updated, 0 unchanged, 0 suspect, 1 failed');
    // Failures come first in the table: they are what a reader must act on.
    const rows = markdown.split('\n').filter((line) => /^\| (new|failed) /.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| failed', '| new']);
  });

  it('prints the planned pages in a dry run and fetches none of them', async () => {
    const result = await capture(`feeds:\n  - url: ${site.url}/feed.xml\n    limit: 2\n`, {
      dryRun: true,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`would capture  ${site.feedPages[0]}`);
    expect(result.stdout).toContain(`would capture  ${site.feedPages[1]}`);
    expect(result.stdout).toMatch(/would capture 2 pages\n$/);
    expect(site.requestsFor('/news/')).toEqual([]);
  });

  it('draws a progress bar on a terminal, with failures printed above it', async () => {
    const result = await capture(
      `urls:\n  - ${site.url}/news/recent-1\n  - ${site.url}/news/missing\n`,
      {},
      true,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('capture [');
    expect(result.stdout).toContain('2/2 pages');
    expect(result.stdout).toContain(`failed  ${site.url}/news/missing  fetch.http: HTTP 404`);
    expect(result.stdout).not.toContain('new  ');
    expect(result.stdout).toMatch(/captured 2 pages: 1 new, .* 1 failed \(commit [0-9a-f]{7}\)\n$/);
  });
});
