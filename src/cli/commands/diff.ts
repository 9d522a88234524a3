// `stet diff <url|path> [<rev> [<rev>]]`: what changed between two revisions of an article,
// word by word within paragraphs. No revision: the last two. One: from it to the newest.
// Two: from the first to the second. A revision is an index from `stet log`, a commit id or
// a date.
import { relative, resolve, sep } from 'node:path';
import { type ArticleComparison, compareRevisions } from '../../archive/diff.js';
import {
  type DiffFormat,
  renderJson,
  renderMarkdown,
  renderTerminal,
} from '../../archive/diff-format.js';
import { renderHtml } from '../../archive/diff-html.js';
import { readHistory, resolveArticleFile, selectRevision } from '../../archive/history.js';
import { writeAtomically } from '../../archive/store.js';
import { StetError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import { describeError, EXIT_OK, exitCodeForError, statusLine, subjectOf } from '../report.js';

export interface DiffArgs {
  /** An article URL, or the path of its archive file. */
  readonly target: string;
  /** Zero, one or two revisions. */
  readonly revisions: readonly string[];
}

export interface DiffOptions {
  readonly archive: string;
  /** Default: terminal. */
  readonly format?: DiffFormat;
  /** Write the diff to this file instead of stdout. */
  readonly output?: string;
}

const MAX_REVISIONS = 2;
const RENDERERS: Record<DiffFormat, (comparison: ArticleComparison, colour: boolean) => string> = {
  terminal: renderTerminal,
  markdown: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};

export async function run(args: DiffArgs, options: DiffOptions, io: CliIO): Promise<number> {
  try {
    if (args.revisions.length > MAX_REVISIONS) {
      throw new StetError('input.invalid', args.target, 'give at most two revisions');
    }
    const archiveDir = resolve(io.cwd, options.archive);
    const file = resolveArticleFile(args.target, archiveDir, io.cwd);
    const revisions = await readHistory(file);
    const newest = revisions[0];
    if (newest === undefined) {
      throw new StetError('store.not-found', args.target, 'the article has no committed revision');
    }
    const [first, second] = args.revisions;
    const from = first === undefined ? revisions[1] : selectRevision(revisions, first, args.target);
    const to = second === undefined ? newest : selectRevision(revisions, second, args.target);
    const path = relative(archiveDir, file).split(sep).join('/');
    const comparison = compareRevisions(path, from, to);

    const format = options.format ?? 'terminal';
    const colour = options.output === undefined && io.isTTY && !io.env.NO_COLOR;
    const rendered = RENDERERS[format](comparison, colour);
    if (options.output === undefined) io.stdout.write(rendered);
    else await writeAtomically(resolve(io.cwd, options.output), rendered);
    return EXIT_OK;
  } catch (error) {
    writeLine(io.stderr, statusLine('failed', subjectOf(error, args.target), describeError(error)));
    return exitCodeForError(error);
  }
}
