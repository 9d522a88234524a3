import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SITEMAP_LIMIT,
  loadSources,
  parseSources,
  SourcesError,
} from '../../src/sources/sources.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';

function refusal(text: string, path = 'sources.yml'): SourcesError {
  try {
    parseSources(text, path);
  } catch (error) {
    expect(error).toBeInstanceOf(SourcesError);
    return error as SourcesError;
  }
  throw new Error('expected the sources file to be refused');
}

function problemsOf(text: string): { line: number; message: string }[] {
  return [...refusal(text).problems];
}

describe('parseSources', () => {
  it('reads urls, feeds and sitemaps with their lines, limits and robots opt-outs', () => {
    const { sources, delayMs } = parseSources(
      [
        'urls:',
        '  - https://example.org/news/one',
        '  - url: https://example.org/news/two',
        '    robots: false',
        'feeds:',
        '  - url: https://example.org/feed.xml',
        '    limit: 20',
        '  - https://example.org/atom.xml',
        'sitemaps:',
        '  - url: https://example.org/sitemap.xml',
        'delay: 250',
        '',
      ].join('\n'),
      'sources.yml',
    );
    expect(delayMs).toBe(250);
    expect(sources).toEqual([
      { kind: 'url', url: 'https://example.org/news/one', limit: undefined, robots: true, line: 2 },
      {
        kind: 'url',
        url: 'https://example.org/news/two',
        limit: undefined,
        robots: false,
        line: 3,
      },
      { kind: 'feed', url: 'https://example.org/feed.xml', limit: 20, robots: true, line: 6 },
      {
        kind: 'feed',
        url: 'https://example.org/atom.xml',
        limit: undefined,
        robots: true,
        line: 8,
      },
      {
        kind: 'sitemap',
        url: 'https://example.org/sitemap.xml',
        limit: DEFAULT_SITEMAP_LIMIT,
        robots: true,
        line: 10,
      },
    ]);
  });

  it('names the line of every problem at once', () => {
    const problems = problemsOf(
      [
        'urls:',
        '  - https://example.org/ok',
        '  - ftp://example.org/file',
        '  - 42',
        'feeds:',
        '  - url: https://example.org/feed.xml',
        '    limit: -3',
        '  - limit: 5',
        'sitemaps:',
        '  - url: https://example.org/sitemap.xml',
        '    robots: maybe',
        '    depth: 2',
        'pages:',
        '  - https://example.org/x',
      ].join('\n'),
    );
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 7, 8, 11, 12, 13]);
    expect(problems[0]?.message).toContain('urls[1] must be an http(s) URL');
    expect(problems[2]?.message).toContain('feeds[0].limit must be a whole number');
    expect(problems[3]?.message).toBe('feeds[1] has no url');
    expect(problems[4]?.message).toContain('robots must be true or false');
    expect(problems[5]?.message).toContain('unknown key "depth"');
    expect(problems[6]?.message).toContain('unknown section "pages"');
    expect(problemsOf('urls: [https://example.org/a]\ndelay: -1\n')).toEqual([
      {
        line: 2,
        message: 'delay must be a whole number of milliseconds from 0 to 60000, got -1',
      },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('urls:\n  - https://example.org/a\n feeds: [\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(3);
  });

  it('refuses duplicate sections, a list at the top and an empty file', () => {
    expect(problemsOf('urls: []\nurls: []\n')[0]?.line).toBe(2);
    expect(problemsOf('- https://example.org/a\n')[0]?.message).toContain('expected a mapping');
    expect(problemsOf('urls:\n')[0]?.message).toContain('no urls, feeds or sitemaps');
  });

  it('refuses a limit on a plain URL and a section that is not a list', () => {
    expect(problemsOf('urls:\n  - url: https://example.org/a\n    limit: 3\n')[0]).toEqual({
      line: 3,
      message: 'urls[0]: unknown key "limit" (expected url, robots)',
    });
    expect(problemsOf('feeds: https://example.org/feed.xml\n')[0]).toEqual({
      line: 1,
      message: 'feeds must be a list',
    });
  });

  it('carries the file and every line in one StetError message', () => {
    const error = refusal(
      'urls:\n  - nope\n  - https://example.org/a\n  - 7\n',
      'archive/sources.yml',
    );
    expect(error.code).toBe('sources.invalid');
    expect(error.subject).toBe('archive/sources.yml');
    expect(error.message).toBe(
      'line 2: urls[0] must be an http(s) URL, got "nope"; line 4: urls[2] must be an http(s) URL, got 7',
    );
  });
});

describe("archive/sources.yml (this repository's own list)", () => {
  it('is a valid sources file', async () => {
    const file = await loadSources(join(PROJECT_ROOT, 'archive/sources.yml'));
    expect(file.sources.map((source) => source.kind)).toEqual(
      expect.arrayContaining(['url', 'feed', 'sitemap']),
    );
  });

  it('names a missing file', async () => {
    await expect(loadSources(join(PROJECT_ROOT, 'archive/nope.yml'))).rejects.toThrowError(
      /cannot read the sources file: file not found/,
    );
  });
});
