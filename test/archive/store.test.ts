import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archivePath } from '../../src/archive/layout.js';
import { LOCK_NAME } from '../../src/archive/lock.js';
import { commitPaths, storeRevision } from '../../src/archive/store.js';
import { run as runLog } from '../../src/cli/commands/log.js';
import { serializeDocument } from '../../src/document/frontmatter.js';
import {
  commitCount,
  git,
  lastCommitFiles,
  makeTempDir,
  makeTempRepo,
  removeDir,
} from '../helpers/repo.js';
import { ARTICLE_URL, article, captureIO, PARAGRAPHS, withParagraph } from './fixtures.js';

const STORE = { identity: ARTICLE_URL, commit: true } as const;
const PATH = archivePath(ARTICLE_URL);

let repo: string;
beforeEach(async () => {
  repo = await makeTempRepo();
});
afterEach(async () => {
  await removeDir(repo);
});

function archived(): Promise<string> {
  return readFile(join(repo, PATH), 'utf8');
}

describe('storeRevision', () => {
  it('writes and commits a new article with the documented message', async () => {
    const doc = article();
    const result = await storeRevision(repo, doc, STORE);
    expect(result).toEqual({ status: 'new', path: PATH, commit: git(repo, 'rev-parse', 'HEAD') });
    expect(await archived()).toBe(serializeDocument(doc));
    expect(git(repo, 'log', '-1', '--format=%s')).toBe(
      `archive: Government Forces Crushed Pocket in Southern Syria (${ARTICLE_URL})`,
    );
    expect(lastCommitFiles(repo)).toEqual([PATH]);
  });

  it('makes no commit and writes nothing when only the capture time differs', async () => {
    await storeRevision(repo, article(), STORE);
    const before = await archived();
    const result = await storeRevision(
      repo,
      article(undefined, {}, '2026-11-26T10:00:00.000Z'),
      STORE,
    );
    expect(result).toEqual({ status: 'unchanged', path: PATH });
    expect(commitCount(repo)).toBe(1);
    expect(await archived()).toBe(before);
  });

  it('treats whitespace, nbsp, curly quotes, soft hyphens and trailing spaces as cosmetic', async () => {
    const original = withParagraph(1, 'He said "the town" isn\'t held; the forti-fication fell.');
    await storeRevision(repo, article(original), STORE);
    const cosmetic = withParagraph(
      1,
      'He  said \u201cthe\u00a0town\u201d isn\u2019t held;   the forti\u00ad-fication fell.   ',
    ).map((paragraph) => `${paragraph}  `);
    const result = await storeRevision(repo, article(cosmetic, {}, '2026-11-27T00:00:00Z'), STORE);
    expect(result.status).toBe('unchanged');
    expect(commitCount(repo)).toBe(1);
  });

  it('commits a real change as exactly one commit touching one file', async () => {
    await storeRevision(repo, article(), STORE);
    const changed = withParagraph(1, `${PARAGRAPHS[1]} A second attack was repelled on Sunday.`);
    const result = await storeRevision(repo, article(changed), STORE);
    expect(result.status).toBe('updated');
    expect(commitCount(repo)).toBe(2);
    expect(lastCommitFiles(repo)).toEqual([PATH]);
    expect(result.commit).toBe(git(repo, 'rev-parse', 'HEAD'));
  });

  it('counts a metadata change as a revision', async () => {
    await storeRevision(repo, article(), STORE);
    const result = await storeRevision(
      repo,
      article(undefined, { title: 'A new headline' }),
      STORE,
    );
    expect(result.status).toBe('updated');
    expect(git(repo, 'log', '-1', '--format=%s')).toContain('archive: A new headline');
  });

  it("never commits the user's other staged files", async () => {
    await writeFile(join(repo, 'notes.txt'), 'my notes\n');
    git(repo, 'add', 'notes.txt');
    await storeRevision(repo, article(), STORE);
    expect(lastCommitFiles(repo)).toEqual([PATH]);
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('notes.txt');
  });

  it('records a return to an earlier revision, labelled as a revert', async () => {
    const first = await storeRevision(repo, article(), STORE);
    const changed = withParagraph(2, `${PARAGRAPHS[2]} The operation is expected to take weeks.`);
    await storeRevision(repo, article(changed), STORE);
    const reverted = await storeRevision(
      repo,
      article(undefined, {}, '2026-12-01T00:00:00Z'),
      STORE,
    );
    const short = first.commit?.slice(0, 7);
    expect(reverted).toMatchObject({ status: 'updated', reason: `revert to ${short}` });
    expect(commitCount(repo)).toBe(3);
    expect(git(repo, 'log', '-1', '--format=%s')).toBe(
      `archive: Government Forces Crushed Pocket in Southern Syria (${ARTICLE_URL}) [revert to ${short}]`,
    );
    const io = captureIO(repo);
    await runLog({ target: ARTICLE_URL }, { archive: '.' }, io);
    expect(io.out().split('\n')[0]).toMatch(new RegExp(`  \\[revert to ${short}\\]$`));
  });

  it('keeps a capture that lost more than half its words out, unless accepted', async () => {
    await storeRevision(repo, article(), STORE);
    const before = await archived();
    const truncated = article(PARAGRAPHS.slice(0, 1));
    const result = await storeRevision(repo, truncated, STORE);
    expect(result.status).toBe('suspect');
    expect(result.reason).toMatch(/^lost \d+ of \d+ words since the last revision$/);
    expect(commitCount(repo)).toBe(1);
    expect(await archived()).toBe(before);

    const accepted = await storeRevision(repo, truncated, { ...STORE, acceptSuspect: true });
    expect(accepted.status).toBe('updated');
    expect(commitCount(repo)).toBe(2);
  });

  it.each([
    ['paywall', ['Subscribe to continue reading. Already a subscriber? Sign in.']],
    [
      'consent',
      ['We use cookies to improve your experience. Accept all cookies or manage your privacy.'],
    ],
    ['error', ['Sorry, the page you were looking for was not found.']],
    ['login', ['Please log in to continue.']],
  ])('reports a %s page as suspect instead of archiving it', async (kind, body) => {
    const result = await storeRevision(repo, article(body, { title: 'Notice' }), STORE);
    expect(result.status).toBe('suspect');
    expect(result.reason).toContain(`${kind} page`);
    expect(commitCount(repo)).toBe(0);
    expect(existsSync(join(repo, PATH))).toBe(false);
  });

  it('does not take a short article that mentions "not found" for an error page', async () => {
    const lead =
      'The missing hiker was not found by nightfall, officials said; the search resumes at dawn.';
    const result = await storeRevision(repo, article(withParagraph(0, lead)), STORE);
    expect(result.status).toBe('new');
  });

  it('commits into the enclosing repository when the archive is a subdirectory of one', async () => {
    const archive = join(repo, 'data', 'archive');
    const result = await storeRevision(archive, article(), STORE);
    expect(result.status).toBe('new');
    expect(existsSync(join(archive, '.git'))).toBe(false);
    expect(lastCommitFiles(repo)).toEqual([`data/archive/${PATH}`]);
    const again = await storeRevision(
      archive,
      article(undefined, {}, '2027-01-01T00:00:00Z'),
      STORE,
    );
    expect(again.status).toBe('unchanged');
  });

  it('ignores changes below --min-change and commits larger ones', async () => {
    await storeRevision(repo, article(), STORE);
    const small = withParagraph(1, PARAGRAPHS[1]?.replace('20 militants', '21 militants') ?? '');
    const ignored = await storeRevision(repo, article(small), { ...STORE, minChange: 5 });
    expect(ignored).toMatchObject({
      status: 'unchanged',
      reason: '2 words changed, below --min-change 5',
    });
    expect(commitCount(repo)).toBe(1);

    const large = withParagraph(
      3,
      'Observers now expect a ceasefire before the end of the month, after talks in the capital.',
    );
    const kept = await storeRevision(repo, article(large), { ...STORE, minChange: 5 });
    expect(kept.status).toBe('updated');
    expect(commitCount(repo)).toBe(2);
  });

  it('leaves no temporary files behind', async () => {
    await storeRevision(repo, article(), STORE);
    await storeRevision(
      repo,
      article(
        withParagraph(0, 'A completely rewritten lead paragraph about the army and the town.'),
      ),
      STORE,
    );
    const entries = await readdir(join(repo, PATH, '..'));
    expect(entries).toEqual([PATH.split('/')[1]]);
    expect(existsSync(join(repo, LOCK_NAME))).toBe(false);
  });

  it('initialises a git repository in a plain directory, with a fallback identity when none is set', async () => {
    const dir = await makeTempDir();
    const home = await makeTempDir('stet-home-');
    try {
      const archive = join(dir, 'archive');
      const noIdentity = {
        HOME: home,
        GIT_CONFIG_GLOBAL: join(home, 'none'),
        GIT_CONFIG_NOSYSTEM: '1',
      };
      const result = await withEnv(noIdentity, () => storeRevision(archive, article(), STORE));
      expect(result.status).toBe('new');
      expect(git(archive, 'log', '-1', '--format=%an <%ae>')).toBe('stet <stet@localhost>');
      expect(() => git(archive, 'config', '--local', '--get-regexp', '^user\\.')).toThrow();
    } finally {
      await removeDir(dir);
      await removeDir(home);
    }
  });

  it('ignores a GIT_DIR inherited from the environment', async () => {
    await storeRevision(repo, article(), STORE);
    const other = await makeTempRepo();
    try {
      const again = article(undefined, {}, '2027-01-01T00:00:00Z');
      const result = await withEnv({ GIT_DIR: join(other, '.git') }, () =>
        storeRevision(repo, again, STORE),
      );
      expect(result.status).toBe('unchanged');
      expect(commitCount(repo)).toBe(1);
      expect(commitCount(other)).toBe(0);
    } finally {
      await removeDir(other);
    }
  });

  it("keeps the repository's own identity", async () => {
    await storeRevision(repo, article(), STORE);
    expect(git(repo, 'log', '-1', '--format=%an <%ae>')).toBe(
      'Stet Test <stet-test@example.invalid>',
    );
  });

  it('writes without git when commit is false', async () => {
    const dir = await makeTempDir();
    try {
      const first = await storeRevision(dir, article(), { ...STORE, commit: false });
      expect(first).toEqual({ status: 'new', path: PATH });
      expect(existsSync(join(dir, '.git'))).toBe(false);
      const again = await storeRevision(dir, article(undefined, {}, '2027-01-01T00:00:00Z'), {
        ...STORE,
        commit: false,
      });
      expect(again.status).toBe('unchanged');
      const changed = await storeRevision(dir, article(undefined, { author: 'Someone Else' }), {
        ...STORE,
        commit: false,
      });
      expect(changed.status).toBe('updated');
      expect(await readFile(join(dir, PATH), 'utf8')).toContain('author: Someone Else');
    } finally {
      await removeDir(dir);
    }
  });

  it('reports a git failure as store.git and leaves the archive as it was', async () => {
    await storeRevision(repo, article(), STORE);
    const before = await archived();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    await writeFile(hook, '#!/bin/sh\necho "hook says no" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const changed = article(
      withParagraph(0, 'An entirely different lead paragraph about the valley.'),
    );
    await expect(storeRevision(repo, changed, STORE)).rejects.toMatchObject({
      code: 'store.git',
      message: expect.stringContaining('hook says no'),
    });
    expect(await archived()).toBe(before);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(commitCount(repo)).toBe(1);

    const other = 'https://news.example.org/another-story';
    await expect(
      storeRevision(repo, article(), { ...STORE, identity: other }),
    ).rejects.toMatchObject({ code: 'store.git' });
    expect(existsSync(join(repo, archivePath(other)))).toBe(false);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses to work while .git/index.lock exists, without touching the file', async () => {
    await storeRevision(repo, article(), STORE);
    const before = await archived();
    await writeFile(join(repo, '.git', 'index.lock'), '');
    const changed = article(
      withParagraph(0, 'An entirely different lead paragraph about the valley.'),
    );
    await expect(storeRevision(repo, changed, STORE)).rejects.toMatchObject({
      code: 'store.git',
      message: expect.stringContaining('index.lock'),
    });
    expect(await archived()).toBe(before);
  });

  it('serialises concurrent stores on one archive', async () => {
    const urls = ['a', 'b', 'c', 'd'].map((slug) => `https://news.example.org/${slug}`);
    const results = await Promise.all(
      urls.map((identity) => storeRevision(repo, article(), { identity, commit: true })),
    );
    expect(results.map((result) => result.status)).toEqual(['new', 'new', 'new', 'new']);
    expect(commitCount(repo)).toBe(4);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const lock = join(repo, LOCK_NAME);
    await mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const result = await storeRevision(repo, article(), STORE);
    expect(result.status).toBe('new');
  });
});

describe('commitPaths', () => {
  it('commits several written files in one commit and nothing else', async () => {
    await writeFile(join(repo, 'staged.txt'), 'x\n');
    git(repo, 'add', 'staged.txt');
    const one = await storeRevision(repo, article(), {
      identity: 'https://a.example/one',
      commit: false,
    });
    const two = await storeRevision(repo, article(), {
      identity: 'https://b.example/two',
      commit: false,
    });
    const commit = await commitPaths(repo, [one.path, two.path], 'capture: 2 articles');
    expect(commit).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(lastCommitFiles(repo).sort()).toEqual([one.path, two.path].sort());
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('staged.txt');
    expect(await commitPaths(repo, [one.path, two.path], 'capture: nothing')).toBeUndefined();
    expect(commitCount(repo)).toBe(1);
  });
});

/** Runs `task` with environment variables set, as a user without a git identity would. */
async function withEnv<T>(vars: Record<string, string>, task: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await task();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
