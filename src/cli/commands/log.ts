// `stet log <url|path>`: an article's revisions, newest first, with the words each one added
// and removed against the revision before it.
import { relative, resolve } from 'node:path';
import { readHistory, resolveArticleFile, summarise } from '../../archive/history.js';
import { StetError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import { describeError, EXIT_OK, exitCodeForError, statusLine, subjectOf } from '../report.js';

export interface LogArgs {
  /** An article URL, or the path of its archive file. */
  readonly target: string;
}

export interface LogOptions {
  readonly archive: string;
  readonly json?: boolean;
}

const SHORT_SHA_LENGTH = 7;

export async function run(args: LogArgs, options: LogOptions, io: CliIO): Promise<number> {
  try {
    const archiveDir = resolve(io.cwd, options.archive);
    const file = resolveArticleFile(args.target, archiveDir, io.cwd);
    const revisions = await readHistory(file);
    if (revisions.length === 0) {
      throw new StetError(
        'store.not-found',
        args.target,
        `no committed revision of ${relative(io.cwd, file)}`,
      );
    }
    const rows = summarise(revisions);
    if (options.json) {
      writeLine(io.stdout, JSON.stringify(rows, null, 2));
      return EXIT_OK;
    }
    const changes = rows.map((row) => `+${row.added} -${row.removed}`);
    const width = Math.max(...changes.map((change) => change.length));
    const indexWidth = String(rows.length).length;
    const lines = rows.map((row, i) =>
      [
        String(row.index).padStart(indexWidth),
        row.commit.slice(0, SHORT_SHA_LENGTH),
        row.captured,
        (changes[i] ?? '').padEnd(width),
        row.title ?? '(untitled)',
        ...(row.revertTo === undefined ? [] : [`[revert to ${row.revertTo}]`]),
      ].join('  '),
    );
    writeLine(io.stdout, lines.join('\n'));
    return EXIT_OK;
  } catch (error) {
    writeLine(io.stderr, statusLine('failed', subjectOf(error, args.target), describeError(error)));
    return exitCodeForError(error);
  }
}
