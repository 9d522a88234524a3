// The capture report: JSON for machines (`--report FILE`) and, alongside it, a Markdown table
// for people ($GITHUB_STEP_SUMMARY in a workflow).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type CaptureStatus = 'new' | 'updated' | 'unchanged' | 'suspect' | 'failed';

export interface CaptureResult {
  readonly url: string;
  readonly status: CaptureStatus;
  /** Archive path, relative to the archive directory. */
  readonly path?: string;
  /** HTTP status of the page's response (304 for a conditional GET that found no change). */
  readonly http?: number;
  /** Words in the captured article body. */
  readonly words?: number;
  /** Why the page failed or looks suspect, one line. */
  readonly error?: string;
}

export type PushStatus = 'pushed' | 'up-to-date' | 'failed' | 'not-requested';

/** Milliseconds spent in each stage, summed over pages (fetches overlap, so they can exceed wall time). */
export interface CaptureTimings {
  readonly fetchMs: number;
  readonly extractMs: number;
  readonly gitMs: number;
}

export interface CaptureReport {
  readonly started: string;
  readonly finished: string;
  /** "K/N" when sharded. */
  readonly shard?: string;
  readonly results: readonly CaptureResult[];
  /** The run's commit, when something changed. */
  readonly commit?: string;
  readonly push: {
    readonly status: PushStatus;
    readonly attempts: number;
    readonly error?: string;
  };
  readonly timings: CaptureTimings;
}

export const STATUSES: readonly CaptureStatus[] = [
  'new',
  'updated',
  'unchanged',
  'suspect',
  'failed',
];
/** Rows people need to act on first. */
const ROW_ORDER: readonly CaptureStatus[] = ['failed', 'suspect', 'new', 'updated', 'unchanged'];

export function countByStatus(results: readonly CaptureResult[]): Record<CaptureStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<
    CaptureStatus,
    number
  >;
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** `12 pages: 3 new, 1 updated, 8 unchanged, 0 suspect, 0 failed`. */
export function summaryLine(results: readonly CaptureResult[]): string {
  const counts = countByStatus(results);
  const parts = STATUSES.map((status) => `${counts[status]} ${status}`);
  return `${results.length} ${results.length === 1 ? 'page' : 'pages'}: ${parts.join(', ')}`;
}

/** Writes FILE (JSON) and FILE with its extension replaced by .md (Markdown); returns both paths. */
export async function writeReport(
  file: string,
  report: CaptureReport,
): Promise<{ json: string; markdown: string }> {
  const markdown = markdownPathFor(file);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, reportMarkdown(report));
  return { json: file, markdown };
}

export function markdownPathFor(file: string): string {
  return /\.json$/i.test(file) ? file.replace(/\.json$/i, '.md') : `${file}.md`;
}

export function reportMarkdown(report: CaptureReport): string {
  const shard = report.shard === undefined ? '' : ` (shard ${report.shard})`;
  const commit =
    report.commit === undefined ? 'no commit' : `commit \`${report.commit.slice(0, 12)}\``;
  const push = pushText(report.push);
  const rows = [...report.results]
    .sort((a, b) => ROW_ORDER.indexOf(a.status) - ROW_ORDER.indexOf(b.status))
    .map(
      (result) =>
        `| ${result.status} | ${cell(result.url)} | ${cell(result.path)} | ${result.http ?? ''} | ${result.words ?? ''} | ${cell(result.error)} |`,
    );
  return [
    `### stet capture${shard}`,
    '',
    `${summaryLine(report.results)} · ${commit}${push} · ${report.started} → ${report.finished}`,
    '',
    '| status | url | path | HTTP | words | error |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function pushText(push: CaptureReport['push']): string {
  switch (push.status) {
    case 'not-requested':
      return '';
    case 'failed':
      return ` · **push failed** after ${push.attempts} attempts (local commits kept): ${cell(push.error)}`;
    default:
      return ` · ${push.status}`;
  }
}

/** Table cells are one line, with pipes escaped. */
function cell(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}
