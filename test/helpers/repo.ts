// Real temporary directories and git repositories for tests.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeTempDir(prefix = 'stet-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Runs git in `cwd` and returns its trimmed stdout; its stderr goes into the error, if any. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' }).trim();
}

/** A fresh git repository with an identity set, as a user's archive would be. */
export async function makeTempRepo(): Promise<string> {
  const dir = await makeTempDir('stet-repo-');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.name', 'Stet Test');
  git(dir, 'config', 'user.email', 'stet-test@example.invalid');
  return dir;
}

export function commitCount(repo: string): number {
  try {
    return Number(git(repo, 'rev-list', '--count', 'HEAD'));
  } catch {
    return 0;
  }
}

/** Files touched by the last commit. */
export function lastCommitFiles(repo: string): string[] {
  return git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean);
}
