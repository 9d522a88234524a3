// Capture benchmark (`npm run bench:capture`).
//
// Serves the real pages of ../shared/corpus (181 zyte + 130 readability pages, bytes as saved)
// from a local HTTP server in a child process, and captures PAGES URLs of it into a fresh git
// archive with runCapture, the function behind `stet capture`. The URLs cycle through the
// corpus, so pages past the 311th are second fetches of a page under another URL: those whose
// canonical URL is the same land in the same file ("unchanged"), the others in a new one.
// Then runs the capture again, where every page answers 304 to the conditional GET.
// Measures wall time, pages/s, peak RSS of this process (the server runs in its own), and the
// time spent in fetch, extraction and git. Writes the capture section of BENCHMARKS.md.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCapture } from '../src/capture/capture.js';
import { type CaptureReport, countByStatus } from '../src/capture/report.js';
import { writeBenchmarkSection } from './benchmarks-file.js';

/** npm runs scripts from the project root. */
const ROOT = process.cwd();
const CORPUS_DIR = join(ROOT, '../shared/corpus');
const COMMAND = 'npm run bench:capture';
const START_MARKER = '<!-- bench:capture -->';
const END_MARKER = '<!-- /bench:capture -->';
const PAGES = 500;
/** One host serves everything here, so the per-host limits are the whole run's parallelism. */
const PER_HOST = 8;
/** Given, because the compiled bench has no package.json beside it to read the version from. */
const USER_AGENT = 'stet-bench/capture';

/** The corpus server: GET /p/<n> serves corpus page n modulo the corpus size, with an ETag. */
const SERVER_SCRIPT = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const files = JSON.parse(process.argv[1]);
const pages = files.map((file) => gunzipSync(readFileSync(file)));
const server = createServer((req, res) => {
  const match = /^\\/p\\/(\\d+)$/.exec(req.url ?? '');
  if (match === null) return res.writeHead(404).end();
  const n = Number(match[1]) % pages.length;
  const etag = '"corpus-' + n + '"';
  if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
  res.writeHead(200, { 'content-type': 'text/html', etag }).end(pages[n]);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

interface RunMeasure {
  readonly report: CaptureReport;
  readonly wallMs: number;
}

function corpusFiles(): string[] {
  const zyte = join(CORPUS_DIR, 'zyte', 'html');
  const readability = join(CORPUS_DIR, 'readability', 'pages');
  return [
    ...readdirSync(zyte)
      .sort()
      .map((name) => join(zyte, name)),
    ...readdirSync(readability)
      .sort()
      .map((name) => join(readability, name, 'source.html.gz')),
  ];
}

async function startCorpusServer(
  files: readonly string[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', SERVER_SCRIPT, JSON.stringify(files)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').trim()));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function measure(sourcesFile: string, archiveDir: string): Promise<RunMeasure> {
  const start = performance.now();
  const report = await runCapture({
    sourcesFile,
    archiveDir,
    perHost: PER_HOST,
    delayMs: 0,
    userAgent: USER_AGENT,
  });
  return { report, wallMs: performance.now() - start };
}

/** Where the fresh run's wall time went, in one sentence. */
function boundBy({ report, wallMs }: RunMeasure): string {
  const { fetchMs, gitMs } = report.timings;
  const rest = wallMs - gitMs;
  return `Shares of the fresh run's wall time: git ${share(gitMs, wallMs)}; the other ${share(rest, wallMs)} (${seconds(rest)} s) is extraction-bound — the extraction threads are busy throughout, and fetching (${seconds(fetchMs)} s summed over all pages, ${share(fetchMs / PER_HOST, wallMs)} of the wall time at ${PER_HOST} in flight) overlaps it.`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function share(partMs: number, wallMs: number): string {
  return `${Math.round((100 * partMs) / wallMs)} %`;
}

/** "3 extract.empty, 1 fetch.content-type": failures grouped by their error code. */
function failureSummary(report: CaptureReport): string {
  const codes = new Map<string, number>();
  for (const result of report.results) {
    if (result.status !== 'failed') continue;
    const code = result.error?.split(':')[0] ?? 'unknown';
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  if (codes.size === 0) return 'none';
  return [...codes].map(([code, count]) => `${count} ${code}`).join(', ');
}

function section(
  loadAverage: string,
  files: number,
  first: RunMeasure,
  second: RunMeasure,
  peakRssMb: number,
  archivedFiles: number,
): string {
  const rows = [first, second].map(({ report, wallMs }, index) => {
    const counts = countByStatus(report.results);
    const { fetchMs, extractMs, gitMs } = report.timings;
    const outcome = ['new', 'updated', 'unchanged', 'suspect', 'failed']
      .map((status) => `${counts[status as keyof typeof counts]} ${status}`)
      .join(', ');
    return `| ${index === 0 ? 'fresh archive' : 'again (all 304)'} | ${seconds(wallMs)} | ${(report.results.length / (wallMs / 1000)).toFixed(1)} | ${seconds(fetchMs)} | ${seconds(extractMs)} | ${seconds(gitMs)} s (${share(gitMs, wallMs)}) | ${outcome} |`;
  });
  return [
    START_MARKER,
    '## Capture',
    '',
    `Command: \`${COMMAND}\` (bench/capture.ts; run ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores: ${cpus()[0]?.model.trim() ?? 'unknown'}).`,
    '',
    `${PAGES} URLs of a local HTTP server (in its own process) that serves the ${files} real pages of \`../shared/corpus\` (zyte and readability, bytes as saved, with ETags), cycling through them, captured with \`runCapture\` (what \`stet capture\` runs) into a fresh git archive: no per-host delay, ${PER_HOST} requests in flight (one host), one commit for the run. Pages past the ${files}th are a second URL for a page already fetched; where the page names a canonical URL they land in the same file, as an update (its \`source_url\` differs). The archive ends with ${archivedFiles} article files. Failures: ${failureSummary(first.report)}. Load average when the run started: ${loadAverage}. The second run is the same capture again: every page answers 304 to the conditional GET.`,
    '',
    `Extraction runs on worker threads (${availableParallelism()} here, one per core) while fetching goes on, so fetch and extraction times are sums over pages — for extraction, from handing a page to the pool to getting its result back, waiting for a free thread included — and can exceed the wall time. Git (writing the article files, the state file, the one commit) runs on the main thread one page at a time, so its share of wall time is exact.`,
    '',
    '| run | wall (s) | pages/s | fetch, summed (s) | extraction, summed (s) | git (share of wall) | result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    boundBy(first),
    '',
    `Peak RSS of the capturing process (main thread and extraction threads): ${peakRssMb.toFixed(0)} MB.`,
    END_MARKER,
  ].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS_DIR)) throw new Error(`the corpus is missing: ${CORPUS_DIR}`);
  const files = corpusFiles();
  const server = await startCorpusServer(files);
  const work = mkdtempSync(join(tmpdir(), 'stet-bench-capture-'));
  try {
    const archive = join(work, 'archive');
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', archive]);
    execFileSync('git', ['-C', archive, 'config', 'user.name', 'bench']);
    execFileSync('git', ['-C', archive, 'config', 'user.email', 'bench@example.invalid']);
    const sourcesFile = join(work, 'sources.yml');
    const urls = Array.from({ length: PAGES }, (_, n) => `  - ${server.url}/p/${n}`);
    writeFileSync(sourcesFile, `urls:\n${urls.join('\n')}\n`);

    const loadAverage = loadavg()
      .map((load) => load.toFixed(1))
      .join(', ');
    const first = await measure(sourcesFile, archive);
    const second = await measure(sourcesFile, archive);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const archivedFiles = execFileSync('git', ['-C', archive, 'ls-files'], { encoding: 'utf8' })
      .split('\n')
      .filter((file) => file.endsWith('.md')).length;
    const text = section(loadAverage, files.length, first, second, peakRssMb, archivedFiles);
    for (const result of first.report.results.filter((entry) => entry.status === 'failed')) {
      process.stdout.write(`failed  ${result.url}  ${result.error}\n`);
    }
    writeBenchmarkSection('capture', text);
    process.stdout.write(`${text}\n`);
  } finally {
    server.child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
