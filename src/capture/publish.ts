// Publishing a run: `git pull --rebase` then `git push`, retried a bounded number of times,
// because parallel shards (or a person) may push between our pull and our push. Each shard
// writes disjoint files, so a rebase never conflicts; if one does (someone edited an archived
// file by hand), the rebase is aborted and the push reported as failed. A failed push keeps
// the local commits: nothing is reset, and the next `--push` run sends them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gitIn, headCommit } from '../archive/git.js';
import { oneLine, StetError } from '../errors.js';

export interface PushPolicy {
  readonly attempts: number;
  /** Wait before the second attempt; doubled after each failure, plus random jitter. */
  readonly baseDelayMs: number;
}

export const DEFAULT_PUSH_POLICY: PushPolicy = { attempts: 5, baseDelayMs: 1_000 };

export interface PushOutcome {
  readonly status: 'pushed' | 'up-to-date' | 'failed';
  readonly attempts: number;
  readonly error?: string;
}

const DEFAULT_REMOTE = 'origin';
/** git's message when the remote has no such branch yet (the first push to an empty remote). */
const MISSING_REMOTE_REF = /couldn't find remote ref/i;
/** Directories git keeps while a rebase is stopped. */
const REBASE_STATE_DIRS = ['rebase-merge', 'rebase-apply'];

export async function pushWithRetry(
  repoDir: string,
  policy: PushPolicy = DEFAULT_PUSH_POLICY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<PushOutcome> {
  const git = gitIn(repoDir);
  // A repository without commits (nothing was ever captured) has nothing to push.
  if ((await headCommit(repoDir)) === undefined) return { status: 'up-to-date', attempts: 0 };
  let lastError = '';
  let attempts = 0;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    attempts = attempt;
    try {
      const branch = (await git.revparse(['--abbrev-ref', 'HEAD'])).trim();
      await pullRebase(repoDir, branch);
      if (await isUpToDate(repoDir, branch)) return { status: 'up-to-date', attempts: attempt };
      await git.push(DEFAULT_REMOTE, `HEAD:refs/heads/${branch}`);
      return { status: 'pushed', attempts: attempt };
    } catch (error) {
      lastError = oneLine(error instanceof Error ? error.message : String(error));
      // A conflict does not go away by retrying.
      if (error instanceof StetError) break;
      if (attempt < policy.attempts) {
        await sleep(policy.baseDelayMs * 2 ** (attempt - 1) + Math.random() * policy.baseDelayMs);
      }
    }
  }
  const ahead = await commitsAhead(repoDir);
  return {
    status: 'failed',
    attempts,
    error: `${lastError} (${ahead} local commit(s) kept, not pushed)`,
  };
}

/** Rebases local commits onto the remote branch; a conflict aborts the rebase and throws. */
async function pullRebase(repoDir: string, branch: string): Promise<void> {
  const git = gitIn(repoDir);
  try {
    await git.raw(['pull', '--rebase', '--autostash', DEFAULT_REMOTE, branch]);
  } catch (error) {
    const message = (error as Error).message;
    if (MISSING_REMOTE_REF.test(message)) return;
    if (await rebaseInProgress(repoDir)) {
      await git.raw(['rebase', '--abort']).catch(() => undefined);
      throw new StetError(
        'capture.push',
        repoDir,
        `git pull --rebase conflicted with the remote, rebase aborted: ${message}`,
        { cause: error },
      );
    }
    throw error;
  }
}

async function rebaseInProgress(repoDir: string): Promise<boolean> {
  const git = gitIn(repoDir);
  for (const name of REBASE_STATE_DIRS) {
    const path = (await git.revparse(['--git-path', name])).trim();
    if (existsSync(resolve(repoDir, path))) return true;
  }
  return false;
}

async function isUpToDate(repoDir: string, branch: string): Promise<boolean> {
  const git = gitIn(repoDir);
  try {
    const remote = (await git.revparse([`${DEFAULT_REMOTE}/${branch}`])).trim();
    const local = (await git.revparse(['HEAD'])).trim();
    return remote === local;
  } catch {
    return false;
  }
}

/** Commits on HEAD that the remote branch lacks (all of them when it has none). */
async function commitsAhead(repoDir: string): Promise<number> {
  const git = gitIn(repoDir);
  try {
    const branch = (await git.revparse(['--abbrev-ref', 'HEAD'])).trim();
    const count = await git
      .raw(['rev-list', '--count', `${DEFAULT_REMOTE}/${branch}..HEAD`])
      .catch(() => git.raw(['rev-list', '--count', 'HEAD']));
    return Number(count.trim());
  } catch {
    return 0;
  }
}
