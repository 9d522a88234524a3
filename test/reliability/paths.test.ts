// Inputs and paths: URLs that try to climb out of the archive, differ only in ways a careless
// slug would merge, or begin with "-" so that stet or git might read them as options. Every
// distinct URL must get its own file inside the archive, holding its own page.
import { copyFile, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, removeDir } from '../helpers/repo.js';
import { archivedArticles, archiveProblems, archiveState, type StetRun, stet } from './harness.js';
import { type HostileServer, startHostileServer } from './hostile-server.js';
import { articleHtml } from './pages.js';

const LONG_PATH = `/article/${'segment/'.repeat(200)}end`;
const LONG_QUERY = `/article/query?x=${'y'.repeat(4000)}`;

/** Request targets, each with the target the server must have seen (after URL resolution). */
const TARGETS: readonly (readonly [string, string])[] = [
  ['/article/story', '/article/story'],
  ['/article/story/', '/article/story/'],
  ['/article/Story', '/article/Story'],
  ['/article/story?id=1', '/article/story?id=1'],
  ['/article/story?id=2', '/article/story?id=2'],
  ['/article/a/../dots', '/article/dots'],
  ['/article/a/%2e%2e/encoded-dots', '/article/encoded-dots'],
  ['/article/a%2fb', '/article/a%2fb'],
  ['/article/a/b', '/article/a/b'],
  ['/article/a_b', '/article/a_b'],
  ['/article/caf%C3%A9', '/article/caf%C3%A9'],
  ['/article/cafe', '/article/cafe'],
  [LONG_PATH, LONG_PATH],
  [LONG_QUERY, LONG_QUERY],
];

function insideArchive(archive: string, printedPath: string): boolean {
  const absolute = resolve(printedPath);
  return absolute.startsWith(resolve(archive) + sep);
}

describe('distinct URLs, one file each, inside the archive', () => {
  let server: HostileServer;
  let repo: string;
  let run: StetRun;
  let fragmentRun: StetRun;
  let commitsBeforeFragment: number;

  beforeAll(async () => {
    server = await startHostileServer();
    repo = await makeTempRepo();
    run = await stet(['archive', '--archive', repo, ...TARGETS.map(([t]) => `${server.url}${t}`)]);
    commitsBeforeFragment = archiveState(repo).commits;
    fragmentRun = await stet([
      'archive',
      '--archive',
      repo,
      `${server.url}/article/story#comments`,
    ]);
  }, 180_000);

  afterAll(async () => {
    await server.close();
    await removeDir(repo);
  });

  it('archives every URL as new, each at a path inside the archive', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toHaveLength(TARGETS.length);
    for (const line of run.lines) {
      const [status, path] = line.split('  ');
      expect(status, line).toBe('new');
      expect(insideArchive(repo, path ?? ''), line).toBe(true);
    }
  });

  it('gives every distinct URL its own file, holding that URL’s page', () => {
    const articles = archivedArticles(repo);
    expect(articles.size).toBe(TARGETS.length);
    const urls = [...articles.values()].map((a) => a.metadata.url);
    expect(new Set(urls).size).toBe(TARGETS.length);
    for (const [target, seen] of TARGETS) {
      const url = `${server.url}${seen}`;
      const article = [...articles.values()].find((a) => a.metadata.url === url);
      expect(article, `no file for ${target}`).toBeDefined();
      // Markdown escapes "_" in text; the page's own words are what must match.
      expect(article?.body.replace(/\\/g, '')).toContain(`Reference ${seen}.`);
    }
    expect(commitsBeforeFragment).toBe(TARGETS.length);
    expect(archiveProblems(repo)).toEqual([]);
  });

  it('treats a URL with a fragment as the same article (unchanged, no commit)', () => {
    expect(fragmentRun.code, fragmentRun.stderr).toBe(0);
    expect(fragmentRun.lines).toHaveLength(1);
    expect(fragmentRun.lines[0]).toMatch(/^unchanged {2}/);
    expect(archiveState(repo).commits).toBe(TARGETS.length);
  });
});

describe('inputs that begin with "-", and hosts that are not ASCII', () => {
  let work: string;
  let repo: string;

  beforeAll(async () => {
    work = await makeTempDir('stet-dash-');
    repo = await makeTempRepo();
    await writeFile(join(work, 'page.html'), articleHtml({ title: 'Dash story', marker: 'dash' }));
    await copyFile(join(work, 'page.html'), join(work, '-weird.html'));
  });

  afterAll(async () => {
    await removeDir(work);
    await removeDir(repo);
  });

  it('`stet archive -weird.html` is refused as an unknown option, and nothing is written', async () => {
    const run = await stet(['archive', '--archive', repo, '-weird.html'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '-weird.html'|unknown option '-w'/);
    expect(archiveState(repo).commits).toBe(0);
    expect(archiveState(repo).files).toEqual([]);
  });

  it('`stet archive -- -weird.html` archives the file; `./-weird.html` is the same article', async () => {
    const first = await stet(['archive', '--archive', repo, '--', '-weird.html'], { cwd: work });
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines[0]).toMatch(/^new {2}/);
    const second = await stet(['archive', '--archive', repo, './-weird.html'], { cwd: work });
    expect(second.code, second.stderr).toBe(0);
    expect(second.lines[0]).toMatch(/^unchanged {2}/);
    expect(archiveState(repo).commits).toBe(1);
    expect(archiveProblems(repo)).toEqual([]);
  });

  it('a URL whose host and path begin with "-" reaches git as a path, never an option', async () => {
    const url = 'https://-rf.example/--exec=touch%20pwned';
    const run = await stet(['archive', '--archive', repo, '--url', url, 'page.html'], {
      cwd: work,
    });
    expect(run.code, run.stderr).toBe(0);
    const path = run.lines[0]?.split('  ')[1] ?? '';
    expect(insideArchive(repo, path)).toBe(true);
    for (const name of path.slice(repo.length + 1).split('/'))
      expect(name.startsWith('-')).toBe(false);
    const article = [...archivedArticles(repo).values()].find((a) => a.metadata.url === url);
    expect(article).toBeDefined();
    expect(archiveProblems(repo)).toEqual([]);
  });

  it('an IDN host is stored under its punycode name, and both spellings are one article', async () => {
    const unicode = await stet(
      ['archive', '--archive', repo, '--url', 'https://bücher.example/artikel', 'page.html'],
      { cwd: work },
    );
    expect(unicode.code, unicode.stderr).toBe(0);
    expect(unicode.lines[0]).toContain(`${repo}/xn--bcher-kva.example/`);
    const punycode = await stet(
      ['archive', '--archive', repo, '--url', 'https://xn--bcher-kva.example/artikel', 'page.html'],
      { cwd: work },
    );
    expect(punycode.lines[0]).toMatch(/^unchanged {2}/);
    expect(archiveProblems(repo)).toEqual([]);
  });
});
