// `stet capture`: capture every page of the sources file into the archive, politely, in one
// commit, optionally pushed. Exit codes: 0 all fine; 1 some pages failed (the others are
// committed) or the push failed (the commit is kept locally); 2 bad configuration, or pages
// were planned and none could be captured.
import { resolve } from 'node:path';
import { runCapture } from '../../capture/capture.js';
import { createProgress } from '../../capture/progress.js';
import { type CaptureReport, summaryLine, writeReport } from '../../capture/report.js';
import { parseShard } from '../../capture/shard.js';
import { loadConfig } from '../../config.js';
import { SourcesError } from '../../sources/sources.js';
import { type CliIO, writeLine } from '../io.js';
import {
  describeError,
  EXIT_OK,
  EXIT_SOME_FAILED,
  EXIT_USAGE,
  statusLine,
  subjectOf,
} from '../report.js';

export interface CaptureCommandOptions {
  readonly sources: string;
  readonly archive: string;
  /** Parallel requests per host. */
  readonly concurrency?: number;
  /** Milliseconds between requests to one host. */
  readonly delay?: number;
  /** "K/N". */
  readonly shard?: string;
  readonly report?: string;
  readonly push?: boolean;
  readonly dryRun?: boolean;
  /** Network timeout per request, in milliseconds. */
  readonly timeout?: number;
  /** Config file with site profiles (default: ./stet.config.json when present). */
  readonly config?: string;
}

export async function run(options: CaptureCommandOptions, io: CliIO): Promise<number> {
  const progress = createProgress(io);
  let planned = 0;
  let report: CaptureReport;
  try {
    const shard = options.shard === undefined ? undefined : parseShard(options.shard);
    const { sites } = await loadConfig(options.config, io.cwd);
    report = await runCapture(
      {
        sourcesFile: resolve(io.cwd, options.sources),
        archiveDir: resolve(io.cwd, options.archive),
        profiles: sites,
        ...(shard !== undefined && { shard }),
        ...(options.concurrency !== undefined && { perHost: Math.max(1, options.concurrency) }),
        ...(options.delay !== undefined && { delayMs: options.delay }),
        ...(options.timeout !== undefined && { timeoutMs: options.timeout }),
        push: options.push === true,
        dryRun: options.dryRun === true,
      },
      {
        planned: (pages, failures) => {
          planned = pages.length;
          if (options.dryRun === true) {
            for (const page of pages) writeLine(io.stdout, `would capture  ${page.url}`);
          } else {
            progress.start(pages.length + failures);
          }
        },
        result: (result) => progress.result(result),
      },
    );
  } catch (error) {
    progress.stop();
    // Thrown before any page was stored: a bad sources file or --shard, or a git failure that
    // left nothing committed. Either way nothing was captured.
    printFailure(error, options.sources, io);
    return EXIT_USAGE;
  }
  progress.stop();

  if (options.report !== undefined) {
    const written = await writeReport(resolve(io.cwd, options.report), report);
    writeLine(io.stderr, `report: ${written.json}, ${written.markdown}`);
  }
  writeLine(
    io.stdout,
    options.dryRun === true ? `would capture ${planned} pages` : summaryText(report),
  );
  return exitCodeFor(report);
}

function exitCodeFor(report: CaptureReport): number {
  const failed = report.results.filter((result) => result.status === 'failed').length;
  if (report.results.length > 0 && failed === report.results.length) return EXIT_USAGE;
  if (failed > 0 || report.push.status === 'failed') return EXIT_SOME_FAILED;
  return EXIT_OK;
}

function summaryText(report: CaptureReport): string {
  const commit = report.commit === undefined ? 'no commit' : `commit ${report.commit.slice(0, 7)}`;
  const push =
    report.push.status === 'not-requested'
      ? ''
      : report.push.status === 'failed'
        ? `; push FAILED after ${report.push.attempts} attempts: ${report.push.error}`
        : `; ${report.push.status}`;
  return `captured ${summaryLine(report.results)} (${commit}${push})`;
}

/** A sources file gets one line per problem, each naming the file and line. */
function printFailure(error: unknown, sourcesFile: string, io: CliIO): void {
  if (error instanceof SourcesError) {
    for (const problem of error.problems) {
      writeLine(
        io.stderr,
        statusLine('failed', `${error.subject}:${problem.line}`, problem.message),
      );
    }
    return;
  }
  writeLine(io.stderr, statusLine('failed', subjectOf(error, sourcesFile), describeError(error)));
}
