// Querying the archive by front-matter. Only the front-matter of each file is read (the first
// few kilobytes, more only when the front-matter is longer), and dot-directories (.git, the
// lock) are never entered. Reads are synchronous on purpose: for 10,000 small reads the thread
// pool round trips of fs/promises cost ten times the reads themselves (measured: 3.9 s against
// 0.26 s), and `stet list` is a one-shot command with nothing else to do meanwhile.
import { closeSync, type Dirent, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { StetError } from '../errors.js';
import { readArchivedDocument } from './frontmatter-reader.js';
import { metadataValue } from './normalise.js';

export interface ArchiveEntry {
  /** Relative POSIX path inside the archive. */
  readonly path: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Every criterion must hold; text criteria match case-insensitively as substrings. */
export interface ListFilter {
  readonly author?: string;
  readonly region?: string;
  readonly theme?: string;
  /** Matches the `site` field or the host directory. */
  readonly site?: string;
  /** Publication date (`date`, else the capture time) on or after this date. */
  readonly since?: string;
}

const ARTICLE_EXTENSION = '.md';
const HEAD_BYTES = 1024;
const FENCE = '---';
const CLOSING_FENCE = /\n(?:---|\.\.\.)(?:\n|$)/;

/** All articles in the archive with their front-matter, sorted by path. */
export function readArchive(archiveDir: string): ArchiveEntry[] {
  const head = Buffer.alloc(HEAD_BYTES);
  return articleFiles(archiveDir)
    .sort()
    .map((file) => ({
      path: relative(archiveDir, file).split(sep).join('/'),
      metadata: readFrontMatter(file, head),
    }));
}

export function matchesFilter(entry: ArchiveEntry, filter: ListFilter): boolean {
  const { metadata } = entry;
  if (!contains(metadata.author, filter.author)) return false;
  if (!contains(metadata.region, filter.region)) return false;
  if (!contains(metadata.theme, filter.theme)) return false;
  if (filter.site !== undefined) {
    const host = entry.path.split('/')[0];
    if (!contains(metadata.site, filter.site) && !contains(host, filter.site)) return false;
  }
  if (filter.since !== undefined) {
    const since = Date.parse(filter.since);
    const published = Date.parse(String(metadata.date ?? metadata.captured ?? ''));
    if (Number.isNaN(published) || published < since) return false;
  }
  return true;
}

/** Checks a --since value early, so a typo is an error rather than an empty list. */
export function validateSince(since: string | undefined): void {
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    throw new StetError('input.invalid', since, 'not a date (expected e.g. 2018-11-20)');
  }
}

function contains(value: unknown, wanted: string | undefined): boolean {
  if (wanted === undefined) return true;
  const values = Array.isArray(value) ? value : [value];
  const needle = wanted.toLowerCase();
  return values.some((item) => (metadataValue(item) ?? '').toLowerCase().includes(needle));
}

function articleFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new StetError('store.not-found', dir, `cannot read the archive: ${String(error)}`, {
      cause: error,
    });
  }
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return articleFiles(path);
      return entry.isFile() && entry.name.endsWith(ARTICLE_EXTENSION) ? [path] : [];
    });
}

/**
 * The front-matter of one file, reading only its head when the front-matter fits there (nearly
 * always), the whole file otherwise; {} when it has none. `head` is reused from file to file.
 */
function readFrontMatter(file: string, head: Buffer): Record<string, unknown> {
  let text: string;
  try {
    const descriptor = openSync(file, 'r');
    try {
      const bytesRead = readSync(descriptor, head, 0, head.length, 0);
      text = head.toString('utf8', 0, bytesRead);
    } finally {
      closeSync(descriptor);
    }
    if (!text.startsWith(FENCE)) return {};
    if (CLOSING_FENCE.exec(text.slice(FENCE.length)) === null) text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const closing = CLOSING_FENCE.exec(text.slice(FENCE.length));
  if (closing === null) return {};
  return readArchivedDocument(text.slice(0, FENCE.length + closing.index + closing[0].length))
    .metadata;
}
