// Revisions benchmark (`npm run bench:revisions`).
//
// Builds, in a temporary directory,
//   1. an archive holding one article (about 1,000 words) with 200 revisions, each a small
//      edit of the one before (words changed, now and then a paragraph added or dropped),
//      committed with `git fast-import` so that setting up takes seconds;
//   2. an archive of 10,000 articles with realistic front-matter and bodies;
// then times `stet log`, `stet diff` (terminal and html) and `stet list` (with and without
// filters) through the same `run` functions the CLI calls, output discarded. Each command is
// timed on its first call in the process (modules already loaded) and as the median of further
// runs. The same commands are also timed as a user runs them — a new `node bin/stet.js`
// process each time (the script builds dist/ first) — which adds Node's start-up and module
// loading. Writes the revisions section of BENCHMARKS.md. STET_BENCH_KEEP=1 keeps the archives.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { archivePath } from '../src/archive/layout.js';
import type { CliIO } from '../src/cli/io.js';
import { serializeDocument } from '../src/document/frontmatter.js';
import type { ArticleDocument } from '../src/types.js';
import { BENCHMARKS_FILE, writeBenchmarkSection } from './benchmarks-file.js';
import { seededRandom } from './seeded-random.js';

/** npm runs scripts from the project root. */
const ROOT = process.cwd();
const COMMAND = 'npm run bench:revisions';
const START_MARKER = '<!-- bench:revisions -->';
const END_MARKER = '<!-- /bench:revisions -->';
const REVISIONS = 200;
const ARTICLES = 10_000;
const PARAGRAPHS = 25;
const WORDS_PER_PARAGRAPH = 40;
const WARM_RUNS = 5;
const PROCESS_RUNS = 3;
const CLI = join(ROOT, 'bin', 'stet.js');
/** Preloaded into each CLI process: prints its CPU time (µs) on stderr when it exits. */
const CPU_REPORTER = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('stet-bench-cpu '+(u.user+u.system)+'\\n')})`;
const CPU_REPORT = /stet-bench-cpu (\d+)/;
const BUDGET_MS = 1000;
/** Set to 1 to keep the generated archives for inspection. */
const KEEP_ENV = 'STET_BENCH_KEEP';
const ARTICLE_URL = 'https://news.example.org/2026/11/20/river-towns-after-the-flood/';
const START_TIME = Date.parse('2026-01-01T00:00:00Z');
const HOUR_MS = 3_600_000;
const VOCABULARY =
  'the a of and to in river town council flood water people said on for with was that by mayor bridge roads were homes at from it is as residents emergency rain levels had been report week night engineers damage repair local officials would after before more than about their this council’s “temporary” — café résumé naïve'.split(
    ' ',
  );
const SITES = [
  'Global Research',
  'The River Post',
  'Valley Herald',
  'Daily Ledger',
  'Northern Wire',
];
const REGIONS = ['Middle East & North Africa', 'Europe', 'Latin America', 'Asia', 'North America'];
const THEMES = ['US NATO War Agenda', 'Economy', 'Environment', 'Elections', 'Health'];
const AUTHORS = ['South Front', 'Jane Roe', 'John Doe', 'Ana Lima', 'Wei Chen', 'Sara Haddad'];

interface Timing {
  readonly name: string;
  readonly coldMs: number;
  readonly warmMs: number;
  /** CPU time (user + system) of the median in-process run. */
  readonly warmCpuMs: number;
  /** Median wall time of the command as a new `node bin/stet.js` process. */
  readonly processMs: number;
  /** CPU time of that process, start-up included. */
  readonly processCpuMs: number;
}

interface Measurement {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** One measured command: in-process through its `run`, and as a CLI process with `argv`. */
interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly run: () => Promise<number>;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function paragraph(next: () => number): string {
  const words = Array.from({ length: WORDS_PER_PARAGRAPH }, () => pick(next, VOCABULARY));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function document(
  paragraphs: readonly string[],
  captured: string,
  extra: Record<string, unknown> = {},
): ArticleDocument {
  return {
    metadata: {
      title: 'River towns after the flood',
      author: 'Jane Roe',
      date: '2026-01-01',
      region: 'Europe',
      theme: 'Environment',
      tags: ['floods', 'infrastructure'],
      site: 'The River Post',
      url: ARTICLE_URL,
      ...extra,
      captured,
    },
    markdown: `${paragraphs.join('\n\n')}\n`,
    text: paragraphs.join('\n\n'),
  };
}

/** Revision n is revision n-1 with a few words changed; every 20th adds a paragraph, every 50th drops one. */
function revisionBodies(): string[][] {
  const next = seededRandom(200);
  let paragraphs = Array.from({ length: PARAGRAPHS }, () => paragraph(next));
  const bodies = [paragraphs];
  for (let n = 1; n < REVISIONS; n++) {
    paragraphs = [...paragraphs];
    const index = Math.floor(next() * paragraphs.length);
    const words = (paragraphs[index] ?? '').split(' ');
    for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
      words[Math.floor(next() * words.length)] = pick(next, VOCABULARY);
    }
    paragraphs[index] = words.join(' ');
    if (n % 20 === 0) paragraphs.splice(index, 0, paragraph(next));
    if (n % 50 === 0) paragraphs.splice((index + 3) % paragraphs.length, 1);
    bodies.push(paragraphs);
  }
  return bodies;
}

/** One article with REVISIONS commits, written by git fast-import. */
function buildHistoryArchive(dir: string): void {
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  const path = archivePath(ARTICLE_URL);
  const chunks: string[] = [];
  revisionBodies().forEach((body, n) => {
    const time = START_TIME + n * HOUR_MS;
    const content = Buffer.from(serializeDocument(document(body, new Date(time).toISOString())));
    const message = `archive: River towns after the flood (${ARTICLE_URL})`;
    const seconds = Math.floor(time / 1000);
    chunks.push(
      'commit refs/heads/main\n',
      `committer stet <stet@localhost> ${seconds} +0000\n`,
      `data ${Buffer.byteLength(message)}\n${message}\n`,
      `M 100644 inline ${path}\n`,
      `data ${content.length}\n${content.toString('utf8')}\n`,
    );
  });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
  execFileSync('git', ['checkout', '--quiet', 'main'], { cwd: dir });
}

/** ARTICLES files with varied front-matter, as `stet archive` writes them. */
function buildLargeArchive(dir: string): void {
  const next = seededRandom(10_000);
  for (let n = 0; n < ARTICLES; n++) {
    const site = pick(next, SITES);
    const host = `${site.toLowerCase().replace(/\s+/g, '-')}.example`;
    const url = `https://${host}/${2015 + (n % 11)}/${String(1 + (n % 12)).padStart(2, '0')}/story-${n}/`;
    const paragraphs = Array.from({ length: 8 }, () => paragraph(next));
    const authors = next() < 0.2 ? [pick(next, AUTHORS), pick(next, AUTHORS)] : pick(next, AUTHORS);
    const doc = document(paragraphs, new Date(START_TIME + n * 60_000).toISOString(), {
      title: `Story ${n}: ${paragraphs[0]?.slice(0, 60)}`,
      author: authors,
      date: `${2015 + (n % 11)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      region: pick(next, REGIONS),
      theme: pick(next, THEMES),
      site,
      url,
    });
    const file = join(dir, archivePath(url));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeDocument(doc));
  }
}

function discardingIO(cwd: string): CliIO {
  const sink = () =>
    new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
    });
  return {
    stdout: sink(),
    stderr: sink(),
    stdin: process.stdin,
    env: {},
    isTTY: false,
    cwd,
  };
}

async function time(benchCase: Case): Promise<Timing> {
  const measure = async (): Promise<Measurement> => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const exitCode = await benchCase.run();
    if (exitCode !== 0) throw new Error(`${benchCase.name} exited with ${exitCode}`);
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  };
  const cold = await measure();
  const warm: Measurement[] = [];
  for (let run = 0; run < WARM_RUNS; run++) warm.push(await measure());
  const processes: Measurement[] = [];
  for (let run = 0; run < PROCESS_RUNS; run++) processes.push(measureProcess(benchCase));
  const warmMedian = median(warm);
  const processMedian = median(processes);
  return {
    name: benchCase.name,
    coldMs: cold.wallMs,
    warmMs: warmMedian.wallMs,
    warmCpuMs: warmMedian.cpuMs,
    processMs: processMedian.wallMs,
    processCpuMs: processMedian.cpuMs,
  };
}

/** Runs the CLI as a new process; a preloaded module reports the process's own CPU time. */
function measureProcess(benchCase: Case): Measurement {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', CPU_REPORTER, CLI, ...benchCase.argv], {
    cwd: benchCase.cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`${benchCase.name} exited with ${result.status}`);
  const report = CPU_REPORT.exec(result.stderr);
  return { wallMs, cpuMs: Number(report?.[1] ?? Number.NaN) / 1000 };
}

/** The measurement with the median wall time. */
function median(values: readonly Measurement[]): Measurement {
  const sorted = [...values].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor(sorted.length / 2)] ?? { wallMs: Number.NaN, cpuMs: Number.NaN };
}

function section(
  timings: readonly Timing[],
  setup: { historyMs: number; largeMs: number; load: number },
): string {
  const rows = timings.map((timing) => {
    const verdict = Math.max(timing.warmCpuMs, timing.processCpuMs) < BUDGET_MS ? 'yes' : '**no**';
    const figures = [
      timing.coldMs,
      timing.warmMs,
      timing.warmCpuMs,
      timing.processMs,
      timing.processCpuMs,
    ].map((ms) => ms.toFixed(0));
    return `| ${timing.name} | ${figures.join(' | ')} | ${verdict} |`;
  });
  return [
    START_MARKER,
    '## Revisions: log, diff, list',
    '',
    `Command: \`${COMMAND}\` (run ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores: ${cpus()[0]?.model ?? 'unknown'}).`,
    '',
    `An article of about ${PARAGRAPHS * WORDS_PER_PARAGRAPH} words with ${REVISIONS} revisions (each a small edit; set up with git fast-import in ${(setup.historyMs / 1000).toFixed(1)} s), and an archive of ${ARTICLES.toLocaleString('en')} articles (written in ${(setup.largeMs / 1000).toFixed(1)} s). In-process: through the \`run\` function the CLI calls, output discarded; "first" is the first run in the process (modules loaded, file cache as the setup left it), "median" the median of ${WARM_RUNS} further runs. Process: the median of ${PROCESS_RUNS} runs of \`node bin/stet.js …\`, Node start-up and module loading included. CPU is the user + system time of the Node process (log and diff also start three short git processes — rev-parse, log, cat-file — whose time is not counted). The machine is shared: its load average (1 min) was ${setup.load.toFixed(1)} on ${cpus().length} cores when the run started, so wall times include waiting for a core; the budget (under ${BUDGET_MS} ms each) is checked on CPU time, which is what the command costs on an idle machine.`,
    '',
    '| command | in-process first, wall (ms) | in-process median, wall (ms) | in-process median, CPU (ms) | process, wall (ms) | process, CPU (ms) | CPU under 1 s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    END_MARKER,
  ].join('\n');
}

async function main(): Promise<void> {
  const load = loadavg()[0] ?? Number.NaN;
  const work = mkdtempSync(join(tmpdir(), 'stet-bench-revisions-'));
  try {
    const historyDir = join(work, 'history');
    const largeDir = join(work, 'large');
    let start = performance.now();
    buildHistoryArchive(historyDir);
    const historyMs = performance.now() - start;
    start = performance.now();
    buildLargeArchive(largeDir);
    const largeMs = performance.now() - start;

    const { run: log } = await import('../src/cli/commands/log.js');
    const { run: diff } = await import('../src/cli/commands/diff.js');
    const { run: list } = await import('../src/cli/commands/list.js');
    const historyIO = discardingIO(historyDir);
    const largeIO = discardingIO(largeDir);
    const archive = { archive: '.' };
    const oldestToNewest = [String(REVISIONS), '1'];
    const cases: Case[] = [
      {
        name: `stet log (${REVISIONS} revisions)`,
        argv: ['log', ARTICLE_URL, '--archive', '.'],
        cwd: historyDir,
        run: () => log({ target: ARTICLE_URL }, archive, historyIO),
      },
      {
        name: 'stet log --json',
        argv: ['log', ARTICLE_URL, '--archive', '.', '--json'],
        cwd: historyDir,
        run: () => log({ target: ARTICLE_URL }, { ...archive, json: true }, historyIO),
      },
      {
        name: 'stet diff (last two revisions)',
        argv: ['diff', ARTICLE_URL, '--archive', '.'],
        cwd: historyDir,
        run: () => diff({ target: ARTICLE_URL, revisions: [] }, archive, historyIO),
      },
      {
        name: `stet diff ${REVISIONS} 1 (oldest → newest)`,
        argv: ['diff', ARTICLE_URL, ...oldestToNewest, '--archive', '.'],
        cwd: historyDir,
        run: () => diff({ target: ARTICLE_URL, revisions: oldestToNewest }, archive, historyIO),
      },
      {
        name: `stet diff ${REVISIONS} 1 --format html`,
        argv: ['diff', ARTICLE_URL, ...oldestToNewest, '--archive', '.', '--format', 'html'],
        cwd: historyDir,
        run: () =>
          diff(
            { target: ARTICLE_URL, revisions: oldestToNewest },
            { ...archive, format: 'html' },
            historyIO,
          ),
      },
      {
        name: `stet list (${ARTICLES.toLocaleString('en')} articles)`,
        argv: ['list', '--archive', '.'],
        cwd: largeDir,
        run: () => list({}, archive, largeIO),
      },
      {
        name: 'stet list --author "jane roe" --since 2020-01-01 --json',
        argv: ['list', '--archive', '.', '--author', 'jane roe', '--since', '2020-01-01', '--json'],
        cwd: largeDir,
        run: () =>
          list({}, { ...archive, author: 'jane roe', since: '2020-01-01', json: true }, largeIO),
      },
    ];
    const timings: Timing[] = [];
    for (const benchCase of cases) timings.push(await time(benchCase));
    for (const timing of timings) {
      const inProcess = `median ${timing.warmMs.toFixed(0)} ms (CPU ${timing.warmCpuMs.toFixed(0)} ms)`;
      const asProcess = `process ${timing.processMs.toFixed(0)} ms (CPU ${timing.processCpuMs.toFixed(0)} ms)`;
      console.log(`${timing.name}: in-process ${inProcess}, ${asProcess}`);
    }
    writeBenchmarkSection('revisions', section(timings, { historyMs, largeMs, load }));
    console.log(`wrote the revisions section of ${BENCHMARKS_FILE}`);
  } finally {
    if (process.env[KEEP_ENV] === '1') console.log(`kept the archives in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
