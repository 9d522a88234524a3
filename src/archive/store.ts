// Storing a capture: compare it with the last archived revision, refuse captures that look
// broken, write the file atomically and commit exactly that file. Steps of storeRevision:
//   1. path from the identity (layout.ts); git init the archive if it is not in a work tree
//   2. take the archive lock (lock.ts)
//   3. read the last revision: the committed history, or the file on disk without --commit
//   4. judge: unchanged (after normalisation, or below --min-change) / suspect / new / updated
//   5. write atomically (temp file in the same directory, fsync, rename)
//   6. git add + git commit of that one path; on failure restore the file and the index entry
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseDocument, serializeDocument } from '../document/frontmatter.js';
import { StetError } from '../errors.js';
import type { ArticleDocument } from '../types.js';
import { diffBodies, diffMetadata } from './diff.js';
import { readArchivedDocument } from './frontmatter-reader.js';
import {
  assertIndexUnlocked,
  ensureRepository,
  gitError,
  gitIn,
  gitOutput,
  headCommit,
  identityConfig,
} from './git.js';
import { readHistory } from './history.js';
import { archivePath } from './layout.js';
import { withArchiveLock } from './lock.js';
import { comparableRevision, countWords, metadataValue } from './normalise.js';

export interface StoreOptions {
  /** The article's identity (canonical URL, or file: URL); decides the file. */
  readonly identity: string;
  /** false: write the file only, no git at all. */
  readonly commit: boolean;
  /** A change of fewer words than this (body and metadata together) counts as unchanged. */
  readonly minChange?: number;
  /** Store a capture even when it looks broken. */
  readonly acceptSuspect?: boolean;
  /**
   * What a capture is compared with: the last committed revision, or the file on disk.
   * @default 'committed' when committing, 'on-disk' otherwise. A caller that writes first and
   * commits later (capture, one commit per run) wants 'committed', so that files a killed run
   * wrote but never committed count as changes on the rerun and get committed.
   */
  readonly baseline?: 'committed' | 'on-disk';
}

export type StoreStatus = 'new' | 'updated' | 'unchanged' | 'suspect';

export interface StoreResult {
  readonly status: StoreStatus;
  /** Relative POSIX path of the article inside the archive. */
  readonly path: string;
  /** Full id of the commit made, when one was made. */
  readonly commit?: string;
  /** Why a capture is unchanged (below --min-change), suspect, or a revert. */
  readonly reason?: string;
}

interface StoredText {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly markdown: string;
}

/** A capture that keeps less than this share of the last revision's words is suspect. */
const MIN_KEPT_WORDS_SHARE = 0.5;
/** Only a body shorter than this can be taken for an error, consent, paywall or login page. */
const SHORT_PAGE_WORDS = 300;
const SHORT_SHA_LENGTH = 7;
/**
 * An error phrase in the body ("not found") counts only on a stub this short: a short news item
 * may well say that something was not found.
 */
const STUB_PAGE_WORDS = 80;
/**
 * Phrases that mark a page that is not the article, by kind. Checked on short bodies only;
 * error phrases in the title, or in the body of a stub.
 */
const BROKEN_PAGE_PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  {
    kind: 'error',
    pattern:
      /\b(?:404|page not found|not found|access denied|403 forbidden|internal server error|service unavailable|bad gateway|something went wrong)\b/i,
  },
  {
    kind: 'consent',
    pattern:
      /\b(?:we use cookies|accept (?:all )?cookies|cookie (?:settings|preferences|consent)|manage (?:your )?(?:privacy|consent)|your privacy choices)\b/i,
  },
  {
    kind: 'paywall',
    pattern:
      /\b(?:subscribe to (?:continue|read)|to continue reading|already a subscriber|subscribers only|for subscribers|this (?:article|content) is (?:for|available to|exclusive to) (?:subscribers|members)|unlock this article)\b/i,
  },
  {
    kind: 'login',
    pattern:
      /\b(?:(?:log|sign) ?in to (?:continue|read|view|access)|please (?:log|sign) ?in|you must be logged in|create a free account to)\b/i,
  },
];

export async function storeRevision(
  archiveDir: string,
  doc: ArticleDocument,
  options: StoreOptions,
): Promise<StoreResult> {
  const path = archivePath(options.identity);
  const file = join(archiveDir, path);
  await makeDirectory(dirname(file));
  return withArchiveLock(archiveDir, async () => {
    const baseline = options.baseline ?? (options.commit ? 'committed' : 'on-disk');
    if (options.commit || baseline === 'committed') await ensureRepository(archiveDir);
    const text = serializeDocument(doc);
    const capture = parseDocument(text);
    const onDisk = await readExisting(file);
    // Only the last revision decides unchanged/suspect; the whole history is read only for a
    // real change, to recognise a return to an earlier revision.
    const previous =
      baseline === 'committed'
        ? (await readHistory(file, 1))[0]
        : onDisk === undefined
          ? undefined
          : readArchivedDocument(onDisk);

    const verdict = judge(capture, previous, options);
    if (verdict.status === 'unchanged' || verdict.status === 'suspect') return { ...verdict, path };
    if (!options.commit) {
      await writeAtomically(file, text);
      return { status: verdict.status, path };
    }

    const target = comparableRevision(capture);
    const earlier = (await readHistory(file))
      .slice(1)
      .find((revision) => comparableRevision(revision) === target);
    const revertNote =
      earlier === undefined ? undefined : `revert to ${earlier.commit.slice(0, SHORT_SHA_LENGTH)}`;
    const message = commitMessage(doc, options.identity, revertNote);
    const commit = await writeAndCommit(archiveDir, path, text, onDisk, message);
    return {
      status: verdict.status,
      path,
      commit,
      ...(revertNote !== undefined && { reason: revertNote }),
    };
  });
}

/**
 * Commits several files already written into the archive in one commit (e.g. one per capture
 * run), and nothing else the user has staged. Returns the commit id, or undefined when none of
 * the paths differs from the last commit.
 */
export async function commitPaths(
  archiveDir: string,
  paths: readonly string[],
  message: string,
): Promise<string | undefined> {
  if (paths.length === 0) return undefined;
  await makeDirectory(archiveDir);
  return withArchiveLock(archiveDir, async () => {
    await ensureRepository(archiveDir);
    await assertIndexUnlocked(archiveDir);
    const git = gitIn(archiveDir, await identityConfig(archiveDir, process.env));
    try {
      await git.raw(['add', '--', ...paths]);
      const staged = await gitOutput(archiveDir, [
        'diff',
        '--cached',
        '--name-only',
        '--',
        ...paths,
      ]);
      if (staged.toString('utf8').trim() === '') return undefined;
      await git.raw(['commit', '--quiet', '-m', message, '--', ...paths]);
    } catch (error) {
      throw gitError(archiveDir, error);
    }
    return headCommit(archiveDir);
  });
}

type Verdict =
  | { readonly status: 'new' | 'updated' }
  | { readonly status: 'unchanged' | 'suspect'; readonly reason?: string };

function judge(
  capture: StoredText,
  previous: StoredText | undefined,
  options: StoreOptions,
): Verdict {
  if (previous !== undefined && comparableRevision(previous) === comparableRevision(capture)) {
    return { status: 'unchanged' };
  }
  if (previous !== undefined && options.minChange !== undefined && options.minChange > 0) {
    const changed = changedWords(previous, capture);
    if (changed < options.minChange) {
      return {
        status: 'unchanged',
        reason: `${changed} words changed, below --min-change ${options.minChange}`,
      };
    }
  }
  if (options.acceptSuspect !== true) {
    const suspicion = suspectReason(capture, previous);
    if (suspicion !== undefined) return { status: 'suspect', reason: suspicion };
  }
  return { status: previous === undefined ? 'new' : 'updated' };
}

function changedWords(previous: StoredText, capture: StoredText): number {
  const body = diffBodies(previous.markdown, capture.markdown);
  let metadataWords = 0;
  for (const change of diffMetadata(previous.metadata, capture.metadata)) {
    metadataWords +=
      countWords(metadataValue(change.from) ?? '') + countWords(metadataValue(change.to) ?? '');
  }
  return body.added + body.removed + metadataWords;
}

/** Why a capture should not replace the last revision, or undefined when it looks fine. */
export function suspectReason(
  capture: StoredText,
  previous: StoredText | undefined,
): string | undefined {
  const words = countWords(capture.markdown);
  if (previous !== undefined) {
    const previousWords = countWords(previous.markdown);
    if (words < previousWords * MIN_KEPT_WORDS_SHARE) {
      return `lost ${previousWords - words} of ${previousWords} words since the last revision`;
    }
  }
  if (words >= SHORT_PAGE_WORDS) return undefined;
  const title = metadataValue(capture.metadata.title) ?? '';
  for (const { kind, pattern } of BROKEN_PAGE_PATTERNS) {
    const bodyCounts = kind !== 'error' || words < STUB_PAGE_WORDS;
    const match = pattern.exec(bodyCounts ? `${title}\n${capture.markdown}` : title);
    if (match !== null)
      return `looks like ${kind === 'error' ? 'an' : 'a'} ${kind} page ("${match[0]}")`;
  }
  return undefined;
}

function commitMessage(
  doc: ArticleDocument,
  identity: string,
  revertNote: string | undefined,
): string {
  const title = metadataValue(doc.metadata.title) ?? 'untitled';
  const url = doc.metadata.url ?? identity;
  const message = `archive: ${title} (${url})`;
  return revertNote === undefined ? message : `${message} [${revertNote}]`;
}

/**
 * Writes the file and commits that one path. If git fails after the file was replaced, the
 * previous content and the path's index entry are put back, so the archive is as it was.
 */
async function writeAndCommit(
  archiveDir: string,
  path: string,
  text: string,
  previousContent: string | undefined,
  message: string,
): Promise<string | undefined> {
  await assertIndexUnlocked(archiveDir);
  const git = gitIn(archiveDir, await identityConfig(archiveDir, process.env));
  const indexEntry = (await gitOutput(archiveDir, ['ls-files', '--stage', '--', path]))
    .toString('utf8')
    .trim();
  const file = join(archiveDir, path);
  await writeAtomically(file, text);
  try {
    await git.raw(['add', '--', path]);
    await git.raw(['commit', '--quiet', '-m', message, '--', path]);
  } catch (error) {
    await restoreFile(file, previousContent);
    await restoreIndexEntry(archiveDir, path, indexEntry);
    throw gitError(path, error);
  }
  return headCommit(archiveDir);
}

async function restoreFile(file: string, content: string | undefined): Promise<void> {
  if (content === undefined) await rm(file, { force: true });
  else await writeAtomically(file, content);
}

/** Puts back the index entry `git ls-files --stage` showed before (or removes an added one). */
async function restoreIndexEntry(archiveDir: string, path: string, entry: string): Promise<void> {
  const [mode, blob] = entry.split(/\s+/);
  const args =
    mode !== undefined && blob !== undefined && entry !== ''
      ? ['update-index', '--cacheinfo', `${mode},${blob},${path}`]
      : ['rm', '--cached', '--quiet', '--ignore-unmatch', '--', path];
  await gitOutput(archiveDir, args).catch(() => undefined);
}

async function readExisting(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StetError('store.write', file, `cannot read the archived file: ${String(error)}`, {
      cause: error,
    });
  }
}

async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StetError('store.write', dir, `cannot create the directory: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Temp file in the target's directory, fsync, rename over the target, fsync the directory. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new StetError('store.write', file, `cannot write the archived file: ${String(error)}`, {
      cause: error,
    });
  }
  await syncDirectory(dirname(file));
}

/** Makes the rename durable; some file systems cannot fsync a directory, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the rename is best effort where the platform refuses directory fsync.
  }
}
