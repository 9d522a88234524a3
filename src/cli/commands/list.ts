// `stet list`: the archive's articles whose front-matter matches every filter given, newest
// publication first.
import { resolve } from 'node:path';
import { type ListFilter, matchesFilter, readArchive, validateSince } from '../../archive/list.js';
import { valueText } from '../../archive/normalise.js';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import { describeError, EXIT_OK, exitCodeForError, statusLine, subjectOf } from '../report.js';

/** `stet list` takes no positional arguments. */
export type ListArgs = Readonly<Record<string, never>>;

export interface ListOptions extends ListFilter {
  readonly archive: string;
  readonly json?: boolean;
}

const UNDATED = '----------';

export async function run(_args: ListArgs, options: ListOptions, io: CliIO): Promise<number> {
  try {
    validateSince(options.since);
    const archiveDir = resolve(io.cwd, options.archive);
    const entries = readArchive(archiveDir)
      .filter((entry) => matchesFilter(entry, options))
      .map((entry) => ({ entry, date: valueText(entry.metadata.date ?? entry.metadata.captured) }))
      .sort((left, right) => (left.date < right.date ? 1 : left.date > right.date ? -1 : 0));
    if (options.json) {
      const json = entries.map(({ entry }) => ({ path: entry.path, ...entry.metadata }));
      writeLine(io.stdout, JSON.stringify(json, null, 2));
      return EXIT_OK;
    }
    // One write for the whole list: thousands of small writes cost more than reading the files.
    const lines = entries.map(({ entry, date }) => {
      const title = valueText(entry.metadata.title) || '(untitled)';
      const site = valueText(entry.metadata.site) || (entry.path.split('/')[0] ?? '');
      return [date.slice(0, UNDATED.length) || UNDATED, site, title, entry.path].join('  ');
    });
    if (lines.length > 0) writeLine(io.stdout, lines.join('\n'));
    return EXIT_OK;
  } catch (error) {
    writeLine(
      io.stderr,
      statusLine('failed', subjectOf(error, options.archive), describeError(error)),
    );
    return exitCodeForError(error);
  }
}
