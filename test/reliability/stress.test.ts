// The archive under stress: concurrent writers, a stale git lock, a read-only or full file
// system, kill -9 in the middle of a capture, the network dying mid-run. After each, git must
// find the archive whole, and every page reported as archived must be committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, makeTempRepo, removeDir } from '../helpers/repo.js';
import {
  archivedArticles,
  archiveProblems,
  archiveState,
  lineFor,
  PAGE_TIMEOUT_MS,
  startStet,
  stet,
} from './harness.js';
import { type HostileServer, startHostileServer } from './hostile-server.js';
import { articleHtml, defaultParagraphs } from './pages.js';

const IS_ROOT = process.getuid?.() === 0;
/** Stops a run that waits on something that cannot change (a read-only disk): a hang guard. */
const HANG_GUARD_MS = 30_000;
const TIMEOUT = ['--timeout', String(PAGE_TIMEOUT_MS)];
/** capture: no politeness delay between requests to the test server. */
const CAPTURE_FLAGS = ['--delay', '0', ...TIMEOUT];

function urls(server: HostileServer, prefix: string, names: readonly string[]): string[] {
  return names.map((name) => `${server.url}/${prefix}/${name}`);
}

function sourcesYaml(pageUrls: readonly string[]): string {
  return `urls:\n${pageUrls.map((url) => `  - url: ${url}\n    robots: false`).join('\n')}\n`;
}

function committedUrls(repo: string): string[] {
  return [...archivedArticles(repo).values()].map((a) => String(a.metadata.url)).sort();
}

/** Runs a privileged command; false when this sandbox does not allow it. */
function tryRun(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * root ignores file modes, so as root the directory is bind-mounted onto itself read-only;
 * anyone else gets `chmod -R a-w`. False when neither works here.
 */
function makeReadOnly(dir: string): boolean {
  if (!IS_ROOT) return tryRun('chmod', ['-R', 'a-w', dir]);
  if (!tryRun('mount', ['--bind', dir, dir])) return false;
  if (tryRun('mount', ['-o', 'remount,ro,bind', dir])) return true;
  tryRun('umount', [dir]);
  return false;
}

describe('the archive under stress', () => {
  let server: HostileServer;
  let scratch: string;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    server = await startHostileServer();
    scratch = await makeTempDir('stet-stress-');
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  afterAll(async () => {
    await server.close();
    await removeDir(scratch);
  });

  it('commits only its own file, never what the user had staged', async () => {
    const repo = await makeTempRepo();
    writeFileSync(join(repo, 'notes.txt'), 'my own notes\n');
    git(repo, 'add', 'notes.txt');
    const run = await stet(['archive', '--archive', repo, `${server.url}/article/staged`]);
    expect(run.code, run.stderr).toBe(0);
    const lastCommit = git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n');
    expect(lastCommit).toHaveLength(1);
    expect(lastCommit[0]).toMatch(/\.md$/);
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('notes.txt');
    await removeDir(repo);
  });

  it('two `stet archive` processes on one archive: every page committed, once', async () => {
    const repo = await makeTempRepo();
    const first = urls(server, 'slow', ['a1', 'a2', 'a3', 'a4']);
    const second = urls(server, 'slow', ['b1', 'b2', 'b3', 'b4']);
    const runs = await Promise.all([
      stet(['archive', '--archive', repo, ...TIMEOUT, ...first]),
      stet(['archive', '--archive', repo, ...TIMEOUT, ...second]),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(committedUrls(repo)).toEqual([...first, ...second].sort());
    expect(archiveState(repo).commits).toBe(first.length + second.length);
    expect(archiveProblems(repo)).toEqual([]);
    await removeDir(repo);
  });

  it('two `stet capture` processes on one archive: every page committed, none twice', async () => {
    const repo = await makeTempRepo();
    const shared = `${server.url}/slow/shared`;
    const first = [...urls(server, 'slow', ['c1', 'c2', 'c3']), shared];
    const second = [...urls(server, 'slow', ['d1', 'd2', 'd3']), shared];
    const sourcesA = join(scratch, 'sources-a.yml');
    const sourcesB = join(scratch, 'sources-b.yml');
    await writeFile(sourcesA, sourcesYaml(first));
    await writeFile(sourcesB, sourcesYaml(second));
    const runs = await Promise.all([
      stet(['capture', '--sources', sourcesA, '--archive', repo, ...CAPTURE_FLAGS]),
      stet(['capture', '--sources', sourcesB, '--archive', repo, ...CAPTURE_FLAGS]),
    ]);
    for (const run of runs) expect(run.code, run.lines.join('\n')).toBe(0);
    expect(committedUrls(repo)).toEqual([...new Set([...first, ...second])].sort());
    expect(archiveProblems(repo)).toEqual([]);
    await removeDir(repo);
  });

  it('a stale .git/index.lock: the input fails with store.git, nothing is written', async () => {
    const repo = await makeTempRepo();
    const seeded = await stet(['archive', '--archive', repo, `${server.url}/article/before-lock`]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = archiveState(repo);
    const lock = join(repo, '.git', 'index.lock');
    writeFileSync(lock, '');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, anHourAgo, anHourAgo);

    const url = `${server.url}/article/while-locked`;
    const run = await stet(['archive', '--archive', repo, url]);
    expect(run.code).toBe(1);
    expect(lineFor(run, url)).toMatch(
      /^failed {2}\S+ {2}store\.git: git index is locked \(.*index\.lock exists\)/,
    );
    expect(archiveState(repo)).toEqual(before);
    expect(existsSync(lock)).toBe(true);

    await rm(lock);
    const retry = await stet(['archive', '--archive', repo, url]);
    expect(retry.code, retry.stderr).toBe(0);
    expect(archiveProblems(repo)).toEqual([]);
    await removeDir(repo);
  });

  it('a read-only archive directory: the input fails with a store error, nothing changes', async (context) => {
    const repo = await makeTempRepo();
    const seeded = await stet(['archive', '--archive', repo, `${server.url}/article/before-ro`]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = archiveState(repo);
    if (!makeReadOnly(repo)) {
      context.skip('cannot make a directory read-only here (no bind mount, no chmod)');
      return;
    }
    cleanups.push(() => {
      if (IS_ROOT) tryRun('umount', [repo]);
      else tryRun('chmod', ['-R', 'u+w', repo]);
    });

    const url = `${server.url}/article/read-only`;
    const run = await stet(['archive', '--archive', repo, url], { limitMs: HANG_GUARD_MS });
    expect(
      run.signal,
      'killed: still waiting on a file system that will never be writable',
    ).toBeNull();
    expect(run.code).toBe(1);
    expect(lineFor(run, url)).toMatch(
      /^failed {2}\S+ {2}store\.(write|lock|git): .*(EROFS|EACCES|read-only)/i,
    );
    expect(archiveState(repo)).toEqual(before);
    expect(archiveProblems(repo)).toEqual([]);
  });

  it('a full disk: the input fails with a store error and the archive is as it was', async (context) => {
    const mountPoint = join(scratch, 'small-disk');
    mkdirSync(mountPoint, { recursive: true });
    if (!IS_ROOT || !tryRun('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint])) {
      context.skip('cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)');
      return;
    }
    cleanups.push(() => tryRun('umount', [mountPoint]));
    const repo = join(mountPoint, 'archive');
    mkdirSync(repo);
    git(repo, 'init', '--quiet', '--initial-branch=main');
    git(repo, 'config', 'user.name', 'Stet Test');
    git(repo, 'config', 'user.email', 'stet-test@example.invalid');
    const seeded = await stet(['archive', '--archive', repo, `${server.url}/article/before-full`]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = archiveState(repo);

    // A 600 KB article; then fill the disk until less than that is left.
    const big = articleHtml({
      title: 'A long report',
      paragraphs: Array.from({ length: 200 }, (_, i) => defaultParagraphs(`part ${i}`).join(' ')),
    });
    server.page('/big/report', big);
    const filler = join(mountPoint, 'filler');
    const free = Number(
      execFileSync('df', ['--output=avail', '-B1', mountPoint], { encoding: 'utf8' }).split(
        '\n',
      )[1],
    );
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 64 * 1024)));

    const url = `${server.url}/big/report`;
    const run = await stet(['archive', '--archive', repo, url]);
    expect(run.code).toBe(1);
    expect(lineFor(run, url)).toMatch(
      /^failed {2}\S+ {2}store\.(write|git|lock): .*(ENOSPC|No space left)/i,
    );
    expect(archiveState(repo)).toEqual(before);
    expect(archiveProblems(repo)).toEqual([]);

    await rm(filler);
    const retry = await stet(['archive', '--archive', repo, url]);
    expect(retry.code, retry.stderr).toBe(0);
    expect(archiveProblems(repo)).toEqual([]);
  });

  it('kill -9 in the middle of a capture, then a rerun: all pages committed once, nothing half-written', async () => {
    const repo = await makeTempRepo();
    const pages = urls(server, 'slow', ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    const sources = join(scratch, 'sources-kill.yml');
    await writeFile(sources, sourcesYaml(pages));
    const args = [
      'capture',
      '--sources',
      sources,
      '--archive',
      repo,
      '--concurrency',
      '1',
      ...CAPTURE_FLAGS,
    ];

    const victim = startStet(args);
    await victim.waitForLine(/^new {2}.*k3/);
    victim.child.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');

    const rerun = await stet(args);
    expect(rerun.code, rerun.lines.join('\n')).toBe(0);
    expect(committedUrls(repo)).toEqual([...pages].sort());
    expect(archiveProblems(repo)).toEqual([]);
    await removeDir(repo);
  });

  it('the network dies mid-capture: every page captured before is committed', async () => {
    const repo = await makeTempRepo();
    const pages = urls(server, 'article', ['n1', 'n2', 'n3', 'n4', 'n5']);
    const sources = join(scratch, 'sources-net.yml');
    await writeFile(sources, sourcesYaml(pages));
    server.failAfter(3);
    const run = await stet([
      'capture',
      '--sources',
      sources,
      '--archive',
      repo,
      '--concurrency',
      '1',
      ...CAPTURE_FLAGS,
    ]);
    server.failAfter(Number.POSITIVE_INFINITY);

    expect(run.code).toBe(1);
    const reported = run.lines.filter((l) => /^(new|updated) {2}/.test(l));
    expect(reported).toHaveLength(3);
    expect(run.lines.filter((l) => l.startsWith('failed  '))).toHaveLength(2);
    expect(committedUrls(repo)).toEqual(pages.slice(0, 3));
    expect(archiveProblems(repo)).toEqual([]);
    await removeDir(repo);
  });

  it('the network dies mid-`stet archive`: the pages archived before stay committed', async () => {
    const repo = await makeTempRepo();
    const pages = urls(server, 'article', ['m1', 'm2', 'm3', 'm4']);
    server.failAfter(2);
    const run = await stet(['archive', '--archive', repo, ...TIMEOUT, ...pages]);
    server.failAfter(Number.POSITIVE_INFINITY);
    expect(run.code).toBe(1);
    for (const url of pages.slice(2))
      expect(lineFor(run, url)).toMatch(/^failed {2}\S+ {2}fetch\.network: /);
    expect(committedUrls(repo)).toEqual(pages.slice(0, 2));
    expect(archiveProblems(repo)).toEqual([]);
    await removeDir(repo);
  });
});
