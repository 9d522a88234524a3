// The archive's git plumbing. Changes to the repository (init, add, commit) go through
// simple-git with argument arrays, never a shell. Reads, and putting back an index entry after
// a failed commit, run git directly (still an argument array): a file's whole history is read
// by one `git cat-file --batch` process fed on stdin, because starting git once per revision
// would make `stet log` on a long history slow. Both run git without inherited GIT_* variables
// (GIT_DIR, GIT_INDEX_FILE… would point it at another repository), identity ones excepted.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type SimpleGit, simpleGit } from 'simple-git';
import { StetError } from '../errors.js';

/** Identity for stet's own commits when neither the repository nor the environment has one. */
export const FALLBACK_NAME = 'stet';
export const FALLBACK_EMAIL = 'stet@localhost';
const NAME_ENV = ['GIT_AUTHOR_NAME', 'GIT_COMMITTER_NAME'] as const;
const EMAIL_ENV = ['GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_EMAIL'] as const;
/** git's own fallback for both author and committer e-mail. */
const EMAIL_FALLBACK_ENV = 'EMAIL';
const INDEX_LOCK = 'index.lock';
const GIT_PREFIX = 'GIT_';
/**
 * simple-git drops inherited GIT_* variables unless allowed; the user's commit identity and
 * dates are theirs to set, so they reach git.
 */
const IDENTITY_ENVIRONMENT = [
  ...NAME_ENV,
  ...EMAIL_ENV,
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_DATE',
] as const;

/** A simple-git handle on `dir`; `config` entries are passed to git as `-c` switches. */
export function gitIn(dir: string, config: readonly string[] = []): SimpleGit {
  return simpleGit({
    baseDir: dir,
    config: [...config],
    trimmed: false,
    allowEnvironment: IDENTITY_ENVIRONMENT,
  });
}

/** Runs git and returns its raw stdout; a non-zero exit → StetError store.git with git's message. */
export function gitOutput(
  cwd: string,
  args: readonly string[],
  options: { input?: string } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const input = options.input;
    const child = spawn('git', args, {
      cwd,
      env: gitEnvironment(),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(gitError(cwd, error)));
    child.on('close', (code) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout));
        return;
      }
      const message =
        Buffer.concat(stderr).toString('utf8') || `git ${args[0]} exited with ${code}`;
      reject(gitError(cwd, new Error(message)));
    });
    if (child.stdin !== null && input !== undefined) {
      // A git that fails early closes its stdin; the exit code reports that, not EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

/** process.env without GIT_* variables, except the identity ones (as simple-git runs git). */
function gitEnvironment(): NodeJS.ProcessEnv {
  const allowed: ReadonlySet<string> = new Set(IDENTITY_ENVIRONMENT);
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.toUpperCase().startsWith(GIT_PREFIX) || allowed.has(name),
    ),
  );
}

/** Wraps a git failure as store.git, naming the directory and keeping git's error as cause. */
export function gitError(subject: string, error: unknown): StetError {
  if (error instanceof StetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StetError('store.git', subject, `git failed: ${message}`, { cause: error });
}

/** Whether `dir` is inside a git work tree. */
export async function isInsideWorkTree(dir: string): Promise<boolean> {
  try {
    const output = await gitOutput(dir, ['rev-parse', '--is-inside-work-tree']);
    return output.toString('utf8').trim() === 'true';
  } catch {
    return false;
  }
}

/** Makes `dir` a git repository unless it is already inside a work tree. */
export async function ensureRepository(dir: string): Promise<void> {
  if (await isInsideWorkTree(dir)) return;
  try {
    await gitIn(dir).init();
  } catch (error) {
    throw gitError(dir, error);
  }
}

/** The absolute .git directory of the repository containing `dir`. */
export async function gitDirectory(dir: string): Promise<string> {
  const output = await gitOutput(dir, ['rev-parse', '--absolute-git-dir']);
  return output.toString('utf8').trim();
}

/**
 * Refuses to go on while `.git/index.lock` exists. stet never deletes it: a running git
 * process may hold it, and removing a live lock can corrupt the index; the user can tell.
 */
export async function assertIndexUnlocked(dir: string): Promise<void> {
  const lockPath = join(await gitDirectory(dir), INDEX_LOCK);
  if (existsSync(lockPath)) {
    throw new StetError(
      'store.git',
      dir,
      `git index is locked (${lockPath} exists): another git process is running, or one crashed; remove the file once no git process is running`,
    );
  }
}

/**
 * `-c` settings that give stet's commit an author when the repository and the environment
 * have none. A configured identity (repository, global or environment) is always kept.
 */
export async function identityConfig(dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const config: string[] = [];
  if (!NAME_ENV.every((name) => env[name]) && !(await hasConfig(dir, 'user.name'))) {
    config.push(`user.name=${FALLBACK_NAME}`);
  }
  const emailInEnv = EMAIL_ENV.every((name) => env[name]) || Boolean(env[EMAIL_FALLBACK_ENV]);
  if (!emailInEnv && !(await hasConfig(dir, 'user.email'))) {
    config.push(`user.email=${FALLBACK_EMAIL}`);
  }
  return config;
}

async function hasConfig(dir: string, key: string): Promise<boolean> {
  try {
    return (await gitOutput(dir, ['config', '--get', key])).toString('utf8').trim() !== '';
  } catch {
    return false;
  }
}

/** Full id of HEAD, or undefined in a repository without commits. */
export async function headCommit(dir: string): Promise<string | undefined> {
  try {
    return (await gitOutput(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']))
      .toString('utf8')
      .trim();
  } catch {
    return undefined;
  }
}

/** The contents of several blobs, in order, read by one `git cat-file --batch`. */
export async function readBlobs(dir: string, blobIds: readonly string[]): Promise<string[]> {
  if (blobIds.length === 0) return [];
  const output = await gitOutput(dir, ['cat-file', '--batch'], {
    input: `${blobIds.join('\n')}\n`,
  });
  const contents: string[] = [];
  let offset = 0;
  for (const id of blobIds) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (!Number.isInteger(size)) throw gitError(dir, new Error(`cannot read ${id}: ${header}`));
    contents.push(output.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return contents;
}
