// log, diff and list as the CLI runs them, in-process, over a real archive with several revisions.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivePath } from '../../src/archive/layout.js';
import { storeRevision } from '../../src/archive/store.js';
import { run as runDiff } from '../../src/cli/commands/diff.js';
import { run as runList } from '../../src/cli/commands/list.js';
import { run as runLog } from '../../src/cli/commands/log.js';
import { git, makeTempDir, removeDir } from '../helpers/repo.js';
import { ARTICLE_URL, article, captureIO, PARAGRAPHS, withParagraph } from './fixtures.js';

let root: string;
const ARCHIVE = 'archive';
const PATH = archivePath(ARTICLE_URL);
const commits: string[] = [];

const SECOND = withParagraph(1, PARAGRAPHS[1]?.replace('20 militants', '21 militants') ?? '');
const THIRD = [...SECOND, 'Reinforcements arrived from Deir ez-Zor on Wednesday.'];

beforeAll(async () => {
  root = await makeTempDir();
  const archiveDir = join(root, ARCHIVE);
  const captures = [
    article(PARAGRAPHS, {}, '2026-11-20T08:00:00.000Z'),
    article(
      SECOND,
      { title: 'Government Forces Crush Pocket in Southern Syria' },
      '2026-11-21T08:00:00.000Z',
    ),
    article(
      THIRD,
      { title: 'Government Forces Crush Pocket in Southern Syria' },
      '2026-11-22T08:00:00.000Z',
    ),
  ];
  for (const capture of captures) {
    const result = await storeRevision(archiveDir, capture, {
      identity: ARTICLE_URL,
      commit: true,
    });
    commits.unshift(result.commit ?? '');
  }
  const others = [
    {
      url: 'https://other.example.com/energy-prices',
      author: 'Jane Roe',
      region: 'Europe',
      theme: 'Economy',
      date: '2024-03-01',
      site: 'Other Daily',
    },
    {
      url: 'https://other.example.com/elections',
      author: ['Jane Roe', 'John Doe'],
      region: 'Latin America',
      theme: 'Elections',
      date: '2019-05-02',
      site: 'Other Daily',
    },
  ];
  for (const { url, ...metadata } of others) {
    await storeRevision(
      archiveDir,
      article(PARAGRAPHS, { ...metadata, title: `About ${url.split('/').pop()}`, url }),
      {
        identity: url,
        commit: true,
      },
    );
  }
});

afterAll(async () => {
  await removeDir(root);
});

describe('stet log', () => {
  it('lists revisions newest first with words added and removed', async () => {
    const io = captureIO(root);
    expect(await runLog({ target: ARTICLE_URL }, { archive: ARCHIVE }, io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(
        `^1  ${commits[0]?.slice(0, 7)}  2026-11-22T08:00:00.000Z  \\+7 -0\\s+Government Forces Crush Pocket`,
      ),
    );
    expect(lines[1]).toMatch(/^2 {2}[0-9a-f]{7} {2}2026-11-21T08:00:00.000Z {2}\+1 -1 /);
    expect(lines[2]).toMatch(/^3 {2}[0-9a-f]{7} {2}2026-11-20T08:00:00.000Z {2}\+\d+ -0 /);
  });

  it('prints JSON with --json, and accepts the archive path instead of the URL', async () => {
    const io = captureIO(root);
    expect(
      await runLog({ target: join(ARCHIVE, PATH) }, { archive: ARCHIVE, json: true }, io),
    ).toBe(0);
    const rows = JSON.parse(io.out()) as {
      index: number;
      commit: string;
      added: number;
      removed: number;
    }[];
    expect(rows.map((row) => [row.index, row.commit, row.added, row.removed])).toEqual([
      [1, commits[0], 7, 0],
      [2, commits[1], 1, 1],
      [3, commits[2], expect.any(Number), 0],
    ]);
  });

  it('fails with one line naming the article when it is not archived', async () => {
    const io = captureIO(root);
    expect(await runLog({ target: 'https://nowhere.example/x' }, { archive: ARCHIVE }, io)).toBe(1);
    expect(io.err()).toMatch(/^failed {2}\S+ {2}store\.not-found: .*\n$/);
  });
});

describe('stet diff', () => {
  it('shows the last two revisions with plain markers when stdout is not a terminal', async () => {
    const io = captureIO(root, { isTTY: false });
    expect(await runDiff({ target: ARTICLE_URL, revisions: [] }, { archive: ARCHIVE }, io)).toBe(0);
    expect(io.out()).toContain('{+Reinforcements arrived from Deir ez-Zor on Wednesday.+}');
    expect(io.out()).toContain('+7 words, -0 words; 0 paragraphs changed, 1 added, 0 removed');
    expect(io.out()).not.toContain('\x1b[');
  });

  it('marks word changes within the paragraph between two chosen revisions', async () => {
    const io = captureIO(root);
    expect(
      await runDiff({ target: ARTICLE_URL, revisions: ['3', '2'] }, { archive: ARCHIVE }, io),
    ).toBe(0);
    expect(io.out()).toContain('it had killed [-20-] {+21+} militants');
    expect(io.out()).toContain('title: [-Government Forces Crushed Pocket in Southern Syria-]');
    expect(io.out()).toMatch(/… 1 unchanged paragraph …/);
  });

  it('accepts commit ids and dates as revisions', async () => {
    const byCommit = captureIO(root);
    await runDiff(
      { target: ARTICLE_URL, revisions: [commits[2]?.slice(0, 8) ?? '', commits[1] ?? ''] },
      { archive: ARCHIVE, format: 'json' },
      byCommit,
    );
    const byDate = captureIO(root);
    await runDiff(
      { target: ARTICLE_URL, revisions: ['2026-11-20', '2026-11-21T12:00:00Z'] },
      { archive: ARCHIVE, format: 'json' },
      byDate,
    );
    expect(JSON.parse(byDate.out())).toEqual(JSON.parse(byCommit.out()));
  });

  it('colours a terminal unless NO_COLOR is set', async () => {
    const tty = captureIO(root, { isTTY: true });
    await runDiff({ target: ARTICLE_URL, revisions: ['3', '2'] }, { archive: ARCHIVE }, tty);
    expect(tty.out()).toContain('\x1b[31m\x1b[9m20\x1b[0m');
    expect(tty.out()).toContain('\x1b[32m\x1b[4m21\x1b[0m');
    const noColor = captureIO(root, { isTTY: true, env: { NO_COLOR: '1' } });
    await runDiff({ target: ARTICLE_URL, revisions: ['3', '2'] }, { archive: ARCHIVE }, noColor);
    expect(noColor.out()).not.toContain('\x1b[');
  });

  it('prints the documented JSON', async () => {
    const io = captureIO(root);
    await runDiff(
      { target: ARTICLE_URL, revisions: ['3', '2'] },
      { archive: ARCHIVE, format: 'json' },
      io,
    );
    const json = JSON.parse(io.out());
    expect(json.from).toEqual({
      commit: commits[2],
      captured: '2026-11-20T08:00:00.000Z',
      title: 'Government Forces Crushed Pocket in Southern Syria',
    });
    expect(json.to.commit).toBe(commits[1]);
    expect(json.metadata).toEqual([
      {
        field: 'title',
        from: 'Government Forces Crushed Pocket in Southern Syria',
        to: 'Government Forces Crush Pocket in Southern Syria',
      },
    ]);
    expect(json.hunks.filter((hunk: { type: string }) => hunk.type !== 'equal')).toEqual([
      { type: 'delete', text: ' 20' },
      { type: 'insert', text: ' 21' },
    ]);
  });

  it('writes Markdown and HTML to --output', async () => {
    const io = captureIO(root);
    await runDiff(
      { target: ARTICLE_URL, revisions: ['3', '2'] },
      { archive: ARCHIVE, format: 'markdown', output: 'diff.md' },
      io,
    );
    expect(io.out()).toBe('');
    const markdown = await readFile(join(root, 'diff.md'), 'utf8');
    expect(markdown).toContain('killed <del>20</del> <ins>21</ins> militants');
    expect(markdown).toContain(
      '| title | Government Forces Crushed Pocket in Southern Syria | Government Forces Crush Pocket in Southern Syria |',
    );

    await runDiff(
      { target: ARTICLE_URL, revisions: [] },
      { archive: ARCHIVE, format: 'html', output: 'diff.html' },
      io,
    );
    const html = await readFile(join(root, 'diff.html'), 'utf8');
    expect(html).toContain('<ins>Reinforcements arrived from Deir ez-Zor on Wednesday.</ins>');
    expect(html).not.toMatch(/<(?:link|script|img)\b|https?:\/\/(?!news\.example)/);
  });

  it('rejects an unknown revision with one line', async () => {
    const io = captureIO(root);
    expect(
      await runDiff({ target: ARTICLE_URL, revisions: ['nonsense'] }, { archive: ARCHIVE }, io),
    ).toBe(1);
    expect(io.err()).toMatch(/store\.not-found: no revision nonsense/);
  });
});

describe('stet list', () => {
  const list = async (options: Record<string, string>): Promise<string[]> => {
    const io = captureIO(root);
    expect(await runList({}, { archive: ARCHIVE, ...options }, io)).toBe(0);
    return io.out().trimEnd().split('\n').filter(Boolean);
  };

  it('lists every article, newest publication first', async () => {
    const lines = await list({});
    expect(lines).toEqual([
      `2024-03-01  Other Daily  About energy-prices  ${archivePath('https://other.example.com/energy-prices')}`,
      `2019-05-02  Other Daily  About elections  ${archivePath('https://other.example.com/elections')}`,
      `2018-11-20  Global Research  Government Forces Crush Pocket in Southern Syria  ${PATH}`,
    ]);
  });

  it('filters by author, region, theme, site and date', async () => {
    expect(await list({ author: 'john doe' })).toHaveLength(1);
    expect(await list({ author: 'Jane Roe' })).toHaveLength(2);
    expect(await list({ region: 'Middle East' })).toEqual([expect.stringContaining(PATH)]);
    expect(await list({ theme: 'economy' })).toEqual([expect.stringContaining('energy-prices')]);
    expect(await list({ site: 'other.example.com' })).toHaveLength(2);
    expect(await list({ site: 'global research' })).toHaveLength(1);
    expect(await list({ since: '2019-01-01' })).toHaveLength(2);
    expect(await list({ author: 'Jane Roe', since: '2020-01-01' })).toHaveLength(1);
  });

  it('prints the front-matter as JSON', async () => {
    const io = captureIO(root);
    await runList({}, { archive: ARCHIVE, json: true, region: 'Latin' }, io);
    expect(JSON.parse(io.out())).toEqual([
      expect.objectContaining({
        path: archivePath('https://other.example.com/elections'),
        author: ['Jane Roe', 'John Doe'],
      }),
    ]);
  });

  it('rejects a --since that is not a date', async () => {
    const io = captureIO(root);
    expect(await runList({}, { archive: ARCHIVE, since: 'last week' }, io)).toBe(1);
    expect(io.err()).toContain('input.invalid');
  });

  it('never lists files outside the articles (git internals, the lock)', async () => {
    expect(git(join(root, ARCHIVE), 'rev-list', '--count', 'HEAD')).toBe('5');
    expect(await list({})).toHaveLength(3);
  });
});
