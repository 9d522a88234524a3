// The reliability suite runs the real CLI (node bin/stet.js, built by `npm test`) as a process,
// and checks what an archive looks like afterwards with git itself, never with stet's code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';

import { type StetRun, splitLines } from '../helpers/cli.js';

export { type StetRun, splitLines, startStet, stet } from '../helpers/cli.js';

/** The --timeout the suite gives stet for one page: long enough for a loaded CI machine. */
export const PAGE_TIMEOUT_MS = 2000;

/** The line stet printed for `subject` (a URL or path), or undefined. */
export function lineFor(run: StetRun, subject: string): string | undefined {
  return run.lines.find((line) => line.split('  ')[1] === subject);
}

// ---------------------------------------------------------------------------------------------
// Archive state, as git sees it.

function gitIn(dir: string, args: readonly string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface ArchiveState {
  /** HEAD's commit id, or '' before the first commit. */
  readonly head: string;
  readonly commits: number;
  /** Files tracked at HEAD (paths relative to the repository root). */
  readonly tracked: readonly string[];
  /** Every file in the work tree outside .git, relative paths. */
  readonly files: readonly string[];
  /** `git status --porcelain` lines: anything modified, staged or untracked. */
  readonly dirty: readonly string[];
}

export function archiveState(dir: string): ArchiveState {
  let head = '';
  try {
    head = gitIn(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']).trim();
  } catch {
    head = '';
  }
  return {
    head,
    commits: head === '' ? 0 : Number(gitIn(dir, ['rev-list', '--count', 'HEAD']).trim()),
    tracked: head === '' ? [] : splitLines(gitIn(dir, ['ls-tree', '-r', '--name-only', 'HEAD'])),
    files: workTreeFiles(dir),
    dirty: splitLines(gitIn(dir, ['status', '--porcelain', '--untracked-files=all'])),
  };
}

function workTreeFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (dir === root && entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...workTreeFiles(root, path));
    else files.push(relative(root, path).split(sep).join('/'));
  }
  return files.sort();
}

/**
 * The archive is whole: git fsck finds nothing, no index.lock is left, and every file in the
 * work tree is committed and unmodified (nothing half-written, no temp file, no stray file).
 * Returns the problems found, so a failing assertion shows all of them.
 */
export function archiveProblems(dir: string): string[] {
  const problems: string[] = [];
  try {
    const fsck = execFileSync('git', ['fsck', '--full', '--strict', '--no-progress'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (fsck.trim() !== '') problems.push(`git fsck: ${fsck.trim()}`);
  } catch (error) {
    problems.push(`git fsck failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  if (existsSync(join(dir, '.git', 'index.lock'))) problems.push('.git/index.lock left behind');
  const state = archiveState(dir);
  for (const line of state.dirty) problems.push(`not committed: ${line}`);
  const tracked = new Set(state.tracked);
  for (const file of state.files) {
    if (!tracked.has(file)) problems.push(`untracked file: ${file}`);
  }
  return problems;
}

/** Markdown files committed at HEAD, each with its parsed front-matter (read with `yaml`). */
export function archivedArticles(dir: string): Map<string, ArchivedFile> {
  const articles = new Map<string, ArchivedFile>();
  for (const path of archiveState(dir).tracked) {
    if (!path.endsWith('.md')) continue;
    articles.set(path, splitFrontMatter(gitIn(dir, ['show', `HEAD:${path}`])));
  }
  return articles;
}

export interface ArchivedFile {
  readonly metadata: Record<string, unknown>;
  readonly body: string;
  readonly raw: string;
}

/**
 * Splits a stet file with a plain reading of the format: the first line is `---`, the next
 * line that is exactly `---` closes the YAML. Deliberately not stet's own parser.
 */
export function splitFrontMatter(raw: string): ArchivedFile {
  const lines = raw.split('\n');
  if (lines[0] !== '---') throw new Error(`no front-matter: ${raw.slice(0, 80)}`);
  const end = lines.indexOf('---', 1);
  if (end === -1) throw new Error('front-matter not closed');
  const metadata = parse(lines.slice(1, end).join('\n')) as Record<string, unknown>;
  return { metadata, body: lines.slice(end + 1).join('\n'), raw };
}
