// The revisions of one archived article, read from git: one `git log` for the commits and the
// blob of each, one `git cat-file --batch` for all the contents.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { StetError } from '../errors.js';
import { diffBodies, prepareBody } from './diff.js';
import { readArchivedDocument } from './frontmatter-reader.js';
import { gitOutput, headCommit, readBlobs } from './git.js';
import { archivePath } from './layout.js';
import { CAPTURE_TIME_KEY } from './normalise.js';

export interface Revision {
  /** Full commit id. */
  readonly commit: string;
  /** When the commit was made (ISO 8601). */
  readonly committedAt: string;
  /** The commit message's first line. */
  readonly subject: string;
  /** The front-matter's capture time, when the revision has one. */
  readonly captured: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly markdown: string;
}

/** A revision with its word counts against the one before it (log's view). */
export interface RevisionSummary {
  /** 1 = newest, as `stet diff` accepts it. */
  readonly index: number;
  readonly commit: string;
  readonly captured: string;
  readonly title: string | undefined;
  readonly added: number;
  readonly removed: number;
  /** The short id of the earlier revision this one returned to, when its commit says so. */
  readonly revertTo?: string;
}

const RECORD_START = '\x1e';
const FIELD_SEPARATOR = '\x1f';
const LOG_FORMAT = `${RECORD_START}%H${FIELD_SEPARATOR}%cI${FIELD_SEPARATOR}%s`;
/** A raw diff line: `:<old mode> <new mode> <old blob> <new blob> <status>\t<path>`. */
const RAW_LINE = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([A-Z])\d*\t/m;
const DELETED = 'D';
/** The label store.ts puts at the end of a revert's commit message. */
const REVERT_LABEL = /\[revert to ([0-9a-f]+)\]$/;

/**
 * The archive file an article target names: an http(s)/file: URL (through the archive layout),
 * or a path to the file, relative to the working directory or to the archive.
 */
export function resolveArticleFile(target: string, archiveDir: string, cwd: string): string {
  if (/^(https?|file):/i.test(target)) return resolve(archiveDir, archivePath(target));
  const candidates = isAbsolute(target)
    ? [target]
    : [resolve(cwd, target), resolve(archiveDir, target)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new StetError(
      'store.not-found',
      target,
      `no archived article at ${relative(cwd, candidates[0] as string) || target}`,
    );
  }
  return found;
}

/**
 * The committed revisions of `file` (an absolute path inside a git work tree), newest first:
 * all of them, or the newest `limit`.
 */
export async function readHistory(file: string, limit?: number): Promise<Revision[]> {
  const cwd = dirname(file);
  if (!existsSync(cwd) || (await headCommit(cwd)) === undefined) return [];
  // Literal pathspecs: a user-given file name may contain *, ? or [.
  const log = await gitOutput(cwd, [
    '--literal-pathspecs',
    'log',
    ...(limit === undefined ? [] : [`--max-count=${limit}`]),
    `--format=${LOG_FORMAT}`,
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--',
    basename(file),
  ]);
  const commits = log
    .toString('utf8')
    .split(RECORD_START)
    .slice(1)
    .map(parseLogRecord)
    .filter((record) => record.blob !== undefined);
  const contents = await readBlobs(
    cwd,
    commits.map((record) => record.blob as string),
  );
  return commits.map((record, index) => {
    const { metadata, markdown } = readArchivedDocument(contents[index] ?? '');
    const captured = metadata[CAPTURE_TIME_KEY];
    return {
      commit: record.commit,
      committedAt: record.committedAt,
      subject: record.subject,
      captured: captured === undefined ? undefined : String(captured),
      metadata,
      markdown,
    };
  });
}

/** log's rows: each revision with the words it added and removed against the one before it. */
export function summarise(revisions: readonly Revision[]): RevisionSummary[] {
  // Each body is split and normalised once, though it is compared twice (as new, then as old).
  const normalised = new Map<string, string>();
  const bodies = revisions.map((revision) => prepareBody(revision.markdown, normalised));
  const empty = prepareBody('');
  return revisions.map((revision, index) => {
    const { added, removed } = diffBodies(bodies[index + 1] ?? empty, bodies[index] ?? empty);
    const title = revision.metadata.title;
    const revertTo = REVERT_LABEL.exec(revision.subject)?.[1];
    return {
      index: index + 1,
      commit: revision.commit,
      captured: revision.captured ?? revision.committedAt,
      title: title === undefined ? undefined : String(title),
      added,
      removed,
      ...(revertTo !== undefined && { revertTo }),
    };
  });
}

interface LogRecord {
  readonly commit: string;
  readonly committedAt: string;
  readonly subject: string;
  /** The file's blob in this commit; undefined when the commit deleted it. */
  readonly blob: string | undefined;
}

function parseLogRecord(record: string): LogRecord {
  const newline = record.indexOf('\n');
  const header = newline === -1 ? record : record.slice(0, newline);
  const [commit = '', committedAt = '', subject = ''] = header.split(FIELD_SEPARATOR);
  const raw = RAW_LINE.exec(record);
  const blob = raw === null || raw[2] === DELETED ? undefined : raw[1];
  return { commit, committedAt, subject, blob };
}

const INDEX_SPEC = /^\d{1,6}$/;
const COMMIT_SPEC = /^[0-9a-f]{4,40}$/i;
const DATE_ONLY_SPEC = /^\d{4}-\d{2}-\d{2}$/;
const END_OF_DAY = 'T23:59:59.999Z';

/**
 * The revision a user names: an index from `stet log` (1 = newest), a commit id or prefix,
 * or a date — the revision current at that time (a bare date means the end of that UTC day).
 */
export function selectRevision(
  revisions: readonly Revision[],
  spec: string,
  subject: string,
): Revision {
  const text = spec.trim();
  if (INDEX_SPEC.test(text)) {
    const byIndex = revisions[Number(text) - 1];
    if (byIndex !== undefined && Number(text) >= 1) return byIndex;
  }
  if (COMMIT_SPEC.test(text)) {
    const matches = revisions.filter((revision) => revision.commit.startsWith(text.toLowerCase()));
    if (matches.length === 1) return matches[0] as Revision;
    if (matches.length > 1)
      throw new StetError('store.not-found', subject, `revision ${spec} is ambiguous`);
  }
  const time = Date.parse(DATE_ONLY_SPEC.test(text) ? `${text}${END_OF_DAY}` : text);
  if (!Number.isNaN(time)) {
    const current = revisions.find(
      (revision) => Date.parse(revision.captured ?? revision.committedAt) <= time,
    );
    if (current !== undefined) return current;
    throw new StetError('store.not-found', subject, `no revision was captured by ${spec}`);
  }
  throw new StetError(
    'store.not-found',
    subject,
    `no revision ${spec} (use an index from stet log, a commit id or a date; ${revisions.length} revisions)`,
  );
}
