// Speed and memory benchmark (`npm run bench:speed`, issue 8).
//
// On the 181 zyte pages, read and gunzipped into memory first, one child process per pipeline
// (so each has its own peak RSS):
//   1. jsdom parse only: `new JSDOM(html)` per page, the whole page (issue 8's baseline);
//   2. the same on stet's pruned HTML (scripts, styles, comments, SVG dropped first);
//   3. stet's parse: pruned HTML into a document of one shared window (src/parse);
//   4. bare: jsdom + Readability + Turndown, the pipeline stet must not be slower than;
//   5. stet's full extraction (extractPage: decode, parse, metadata, Readability, cleaning,
//      Markdown), single-threaded in a loop on the main thread;
//   6. the same through the worker pool (src/parallel) on 1 worker (`--threads 1`) and on 2,
//      each checked to produce output identical to 5;
// then `stet --help` start-up (median of 10), and a memory-flatness run of 2,000 pages (the
// 181 repeated) through extractPage. Writes its section of BENCHMARKS.md.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import TurndownService from 'turndown';
import { decodeBytes } from '../src/decode/decode.js';
import { extractMany } from '../src/parallel/pool.js';
import { parsePage } from '../src/parse/parse.js';
import { pruneHtml } from '../src/parse/prune.js';
import { extractPage } from '../src/pipeline.js';
import type { FetchedPage } from '../src/types.js';
import { writeBenchmarkSection } from './benchmarks-file.js';

/** npm runs scripts from the project root. */
const ROOT = process.cwd();
const ZYTE_DIR = resolve(ROOT, '../shared/corpus/zyte');
const COMMAND = 'npm run bench:speed';
const START_MARKER = '<!-- bench:speed -->';
const END_MARKER = '<!-- /bench:speed -->';
const THREADS = 2;
/**
 * Each pipeline runs this many times, round-robin, and the run with the median wall time is
 * reported (peak RSS is the highest of the rounds): this machine's neighbours make a single run
 * of the same pipeline vary by a third.
 */
const ROUNDS = 3;
const FLAT_RUN_PAGES = 2_000;
const HELP_RUNS = 10;
/** Every page gets the same capture time, so outputs of two runs compare byte for byte. */
const FETCHED_AT = new Date('2026-01-01T00:00:00Z');
const MB = 1024 * 1024;
/** This process's heap limit, which V8 sizes from the machine's memory. */
const DEFAULT_HEAP_MB = Math.round(getHeapStatistics().heap_size_limit / MB);
/** Issue 8's targets. */
const TARGETS = { singleVsBare: 1.0, workersVsBare: 0.55, peakRssMb: 600, helpMs: 300 } as const;
/** Heap growth per page before src/parse/document-factory.ts let closed documents go. */
const LEAK_BEFORE_MB_PER_PAGE = 7.7;

const PIPELINES = {
  'jsdom-parse': 'jsdom parse only (`new JSDOM`, whole page)',
  'jsdom-parse-pruned': 'jsdom parse only (`new JSDOM`, pruned page)',
  'stet-parse': 'stet parse (pruned, shared window)',
  bare: 'bare: jsdom + Readability + Turndown',
  stet: 'stet full extraction, 1 thread (extractPage in a loop, main thread)',
  'stet-one-worker': 'stet full extraction, 1 worker thread (`--threads 1`)',
  'stet-workers': `stet full extraction, ${THREADS} worker threads`,
  'stet-workers-default-heap': `the same, workers with V8's default heap limit (${DEFAULT_HEAP_MB} MB here) instead of stet's 1 GB`,
  flat: `stet full extraction, ${FLAT_RUN_PAGES} pages`,
} as const;
type PipelineName = keyof typeof PIPELINES;

interface ChildResult {
  readonly pages: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Per-page wall times, for the sequential pipelines. */
  readonly pageMs: readonly number[];
  readonly peakRssMb: number;
  /** sha256 of the outputs, to compare single-threaded and worker runs. */
  readonly outputHash?: string;
  /** Pages that threw. */
  readonly failures: number;
  /** Flat run: RSS and heap after warm-up (the first 181 pages) and at the end. */
  readonly memory?: {
    readonly warmRssMb: number;
    readonly endRssMb: number;
    readonly warmHeapMb: number;
    readonly endHeapMb: number;
  };
}

interface CorpusPage {
  readonly url: string;
  readonly bytes: Buffer;
}

function loadCorpus(): CorpusPage[] {
  const truth = JSON.parse(readFileSync(join(ZYTE_DIR, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >;
  return Object.entries(truth)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, { url }]) => ({
      url,
      bytes: gunzipSync(readFileSync(join(ZYTE_DIR, 'html', `${id}.html.gz`))),
    }));
}

function fetched(page: CorpusPage, index: number): FetchedPage {
  return {
    input: `zyte-${index}`,
    url: page.url,
    requestedUrl: page.url,
    status: 200,
    headers: {},
    redirects: [],
    body: page.bytes,
    fetchedAt: FETCHED_AT,
  };
}

// ---- child side: one pipeline, timed ----

const silentConsole = new VirtualConsole();

/**
 * Runs `work` once per item, timing each; a page that throws (bare jsdom throws on the zyte
 * page with SCSS in a <style>) is timed and counted as a failure.
 */
function timeEach<T>(
  items: readonly T[],
  work: (item: T) => void,
): { pageMs: number[]; failures: number } {
  let failures = 0;
  const pageMs = items.map((item) => {
    const start = performance.now();
    try {
      work(item);
    } catch {
      failures++;
    }
    return performance.now() - start;
  });
  return { pageMs, failures };
}

function jsdomParse(html: string, url: string): void {
  const dom = new JSDOM(html, { url, virtualConsole: silentConsole });
  dom.window.close();
}

function bare(html: string, url: string): void {
  const dom = new JSDOM(html, { url, virtualConsole: silentConsole });
  const article = new Readability(dom.window.document).parse();
  if (article?.content) new TurndownService().turndown(article.content);
  dom.window.close();
}

function hashOutcomes(outcomes: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(outcomes)).digest('hex');
}

async function runChild(name: PipelineName): Promise<ChildResult> {
  const corpus = loadCorpus();
  const pages = corpus.map(fetched);
  // Each pipeline gets its input prepared before the clock starts, and only its own input, so
  // peak RSS is not inflated by copies another pipeline needs.
  const decoded = (): { url: string; html: string }[] =>
    corpus.map((page) => ({ url: page.url, html: decodeBytes(page.bytes, undefined).html }));
  const input = {
    'jsdom-parse': decoded,
    'jsdom-parse-pruned': () => decoded().map((page) => ({ ...page, html: pruneHtml(page.html) })),
    'stet-parse': decoded,
    bare: decoded,
  } as const;
  const texts = name in input ? input[name as keyof typeof input]() : [];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let pageMs: number[] = [];
  let outputHash: string | undefined;
  let failures = 0;
  let memory: ChildResult['memory'];

  if (name === 'jsdom-parse' || name === 'jsdom-parse-pruned') {
    // The two differ only in their input (whole or pruned page), prepared above.
    ({ pageMs, failures } = timeEach(texts, (page) => jsdomParse(page.html, page.url)));
  } else if (name === 'stet-parse') {
    ({ pageMs, failures } = timeEach(texts, (page) => {
      parsePage({
        ...page,
        input: page.url,
        encoding: 'utf-8',
        encodingSource: 'utf8',
        fetchedAt: FETCHED_AT,
      }).close();
    }));
  } else if (name === 'bare') {
    ({ pageMs, failures } = timeEach(texts, (page) => bare(page.html, page.url)));
  } else if (name === 'stet') {
    const outcomes: unknown[] = [];
    ({ pageMs, failures } = timeEach(pages, (page) => {
      try {
        outcomes.push(extractPage(page));
      } catch (error) {
        outcomes.push({ input: page.input, error: String(error) });
        throw error;
      }
    }));
    outputHash = hashOutcomes(outcomes);
  } else if (
    name === 'stet-workers' ||
    name === 'stet-workers-default-heap' ||
    name === 'stet-one-worker'
  ) {
    const outcomes: unknown[] = [];
    const pool = {
      threads: name === 'stet-one-worker' ? 1 : THREADS,
      ...(name === 'stet-workers-default-heap' && { workerHeapMb: DEFAULT_HEAP_MB }),
    };
    for await (const outcome of extractMany(pages, {}, pool)) {
      if ('extraction' in outcome) {
        outcomes.push(outcome.extraction);
      } else {
        failures++;
        outcomes.push({ input: outcome.input, error: String(outcome.error) });
      }
    }
    outputHash = hashOutcomes(outcomes);
  } else {
    memory = flatRun(pages, (ms) => pageMs.push(ms));
  }

  const cpu = process.cpuUsage(cpuStart);
  return {
    pages: pageMs.length || pages.length,
    wallMs: performance.now() - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    pageMs,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    failures,
    ...(outputHash !== undefined && { outputHash }),
    ...(memory !== undefined && { memory }),
  };
}

/** 2,000 pages through extractPage; memory sampled (after a full GC) at warm-up and the end. */
function flatRun(
  pages: readonly FetchedPage[],
  record: (ms: number) => void,
): ChildResult['memory'] {
  const sample = () => {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    return { rss: rss / MB, heap: heapUsed / MB };
  };
  let warm = sample();
  for (let done = 0; done < FLAT_RUN_PAGES; done++) {
    const page = pages[done % pages.length] as FetchedPage;
    const start = performance.now();
    try {
      extractPage(page);
    } catch {
      // Failures are counted by the single-threaded run; this one measures memory.
    }
    record(performance.now() - start);
    if (done + 1 === pages.length) warm = sample();
  }
  const end = sample();
  return { warmRssMb: warm.rss, endRssMb: end.rss, warmHeapMb: warm.heap, endHeapMb: end.heap };
}

// ---- parent side: children, start-up time, report ----

function runInChild(name: PipelineName): Promise<ChildResult> {
  const script = fileURLToPath(import.meta.url);
  const flags = name === 'flat' ? ['--expose-gc'] : [];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...flags, script, '--child', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(JSON.parse(stdout) as ChildResult);
      else reject(new Error(`benchmark child "${name}" exited with ${code}`));
    });
  });
}

function helpStartupMs(): number {
  const run = () => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/stet.js'), '--help'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`stet --help failed: ${result.stderr}`);
    return performance.now() - start;
  };
  run(); // warms the file system cache
  return median(Array.from({ length: HELP_RUNS }, run));
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number): string => (Number.isNaN(ms) ? '—' : `${ms.toFixed(0)} ms`);
const megabytes = (mb: number): string => `${mb.toFixed(0)} MB`;
const ratio = (value: number): string => `${value.toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

type Results = Record<Exclude<PipelineName, 'flat'>, ChildResult> & { flat?: ChildResult };

function report(results: Results, helpMs: number, identical: boolean): string {
  const rows = (Object.keys(PIPELINES) as PipelineName[])
    .filter((name) => name !== 'flat')
    .map((name) => {
      const result = results[name];
      return `| ${PIPELINES[name]} | ${seconds(result.wallMs)} | ${seconds(result.cpuMs)} | ${(result.pages / (result.wallMs / 1000)).toFixed(1)} | ${millis(percentile(result.pageMs, 0.5))} | ${millis(percentile(result.pageMs, 0.95))} | ${megabytes(result.peakRssMb)} | ${result.failures} |`;
    });
  const bareMs = results.bare.wallMs;
  const single = results.stet.wallMs / bareMs;
  const oneWorker = results['stet-one-worker'].wallMs / bareMs;
  const workers = results['stet-workers'].wallMs / bareMs;
  // What a batch runs on: workers, one (`--threads 1`) or one per core; the main thread takes
  // only a single input or a capture of a few pages.
  const peakRss = Math.max(results['stet-one-worker'].peakRssMb, results['stet-workers'].peakRssMb);
  const flat = results.flat?.memory;
  const date = new Date().toISOString().slice(0, 10);
  return [
    '## Speed and memory',
    '',
    `\`${COMMAND}\`, ${date}, Node ${process.version}, ${results.stet.pages} zyte pages read into memory first, one child process per pipeline and run (peak RSS is that process's, worker threads included). Every pipeline ran ${ROUNDS} times, round-robin; each row is its run with the median wall time, and its peak RSS is the highest of the ${ROUNDS}. Times are wall clock; CPU is user + system of the whole process.`,
    '',
    '| pipeline | time | CPU | pages/s | p50/page | p95/page | peak RSS | pages that threw |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| target (issue 8) | measured | |',
    '|---|---|---|',
    `| stet single-threaded ≤ ${TARGETS.singleVsBare}× bare | ${ratio(single)} on the main thread, ${ratio(oneWorker)} on 1 worker | ${verdict(Math.max(single, oneWorker) <= TARGETS.singleVsBare)} |`,
    `| stet on ${THREADS} worker threads ≤ ${TARGETS.workersVsBare}× bare, output identical | ${ratio(workers)}, ${identical ? 'identical' : '**different**'} | ${verdict(workers <= TARGETS.workersVsBare && identical)} |`,
    `| peak RSS ≤ ${TARGETS.peakRssMb} MB over the 181 pages, as a batch runs (1 worker or ${THREADS}) | ${megabytes(peakRss)} | ${verdict(peakRss <= TARGETS.peakRssMb)} |`,
    `| \`stet --help\` < ${TARGETS.helpMs} ms (median of ${HELP_RUNS}) | ${millis(helpMs)} | ${verdict(helpMs < TARGETS.helpMs)} |`,
    flat === undefined
      ? `| flat memory over ${FLAT_RUN_PAGES} pages | (running) | |`
      : `| flat memory over ${FLAT_RUN_PAGES} pages (after full GC) | RSS ${megabytes(flat.warmRssMb)} after ${results.stet.pages} pages → ${megabytes(flat.endRssMb)} at the end; heap ${megabytes(flat.warmHeapMb)} → ${megabytes(flat.endHeapMb)}; peak RSS ${megabytes(results.flat?.peakRssMb ?? Number.NaN)} | ${verdict(flat.endHeapMb <= flat.warmHeapMb * 1.1)} |`,
    '',
    "Peak RSS of extractPage in a loop on the main thread (V8's default heap limit) depends on when V8 collects, not on stet: `node bench/out/build/bench/speed.js --child stet`, six runs each, alternately, on 3b9d8b6 and 7f766e6, gave 987, 691, 418, 438, 979 and 428 MB, then 722, 957, 424, 437, 696 and 422 MB. So a batch never runs there: `stet extract` with several inputs and `stet capture` of 8 pages or more run on workers whose heaps are capped at 1 GB, `--threads 1` on one such worker; the main thread takes a single input or a capture of fewer than 8 pages.",
    '',
    '### What each change bought',
    '',
    `- Dropping scripts, styles, comments and SVG before jsdom builds the tree (src/parse/prune.ts): jsdom parse ${seconds(results['jsdom-parse'].cpuMs)} → ${seconds(results['jsdom-parse-pruned'].cpuMs)} CPU (${change(results['jsdom-parse'].cpuMs, results['jsdom-parse-pruned'].cpuMs)}), peak RSS ${megabytes(results['jsdom-parse'].peakRssMb)} → ${megabytes(results['jsdom-parse-pruned'].peakRssMb)}; it also makes the zyte page with SCSS in a <style> parse at all.`,
    `- One window per thread instead of one per page (src/parse/document-factory.ts; no per-page Window, no Window per <iframe>): ${seconds(results['jsdom-parse-pruned'].cpuMs)} → ${seconds(results['stet-parse'].cpuMs)} CPU (${change(results['jsdom-parse-pruned'].cpuMs, results['stet-parse'].cpuMs)}), peak RSS ${megabytes(results['jsdom-parse-pruned'].peakRssMb)} → ${megabytes(results['stet-parse'].peakRssMb)}. Extraction output is identical on all 311 corpus pages (checked once against per-page windows when the change was made).`,
    `- Letting closed documents go (same file): jsdom filed every element with an id or name under the shared window, and kept every queried document's selector listeners on it. Before the fix the heap grew by about ${LEAK_BEFORE_MB_PER_PAGE} MB a page through extractPage (measured once, 160 pages, heap after full GC); the flat-memory row above is after it.`,
    `- Worker threads (src/parallel/pool.ts, piscina): ${seconds(results.stet.wallMs)} → ${seconds(results['stet-workers'].wallMs)} wall clock on ${THREADS} threads.`,
    `- A 1 GB heap limit per worker (same file; V8 lets a heap grow to a larger multiple of its live size the higher its limit): peak RSS ${megabytes(results['stet-workers-default-heap'].peakRssMb)} → ${megabytes(results['stet-workers'].peakRssMb)}, CPU ${seconds(results['stet-workers-default-heap'].cpuMs)} → ${seconds(results['stet-workers'].cpuMs)}.`,
    `- Readability on the page's own document instead of a deep copy, the page parsed again only for the fallbacks (src/extract/extract.ts), and the cleaning rules walking the tree by element name with their text measurements kept between removals (src/clean): measured when made, by \`node bench/out/build/bench/speed.js --child stet\` on the commit before (37920e2) and after (27d3632), alternately, two runs each: CPU 31.5 s and 33.8 s → 24.2 s and 23.1 s, wall clock 25.0 s and 27.0 s → 18.4 s and 17.6 s, output identical (removal log included).`,
    `- Lists of element names (\`p\`, \`h1, h2\`) that Readability passes to \`querySelectorAll\` hundreds of times a page answered by one walk of jsdom's tree on the shared window (src/parse/document-factory.ts): measured when made, the same way, on a81a80c and after it: CPU 24.6 s → 20.3 s, wall clock 19.0 s → 15.0 s single-threaded; 15.3 s → 13.1 s on two workers; output identical.`,
    '',
  ].join('\n');
}

/** `before → after` as a signed percentage. */
function change(before: number, after: number): string {
  const percent = ((after - before) / before) * 100;
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent).toFixed(0)} %`;
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    const name = process.argv[childIndex + 1] as PipelineName;
    process.stdout.write(JSON.stringify(await runChild(name)));
    return;
  }
  const rounds: Partial<Record<PipelineName, ChildResult[]>> = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of Object.keys(PIPELINES) as PipelineName[]) {
      if (name === 'flat') continue;
      rounds[name] = [...(rounds[name] ?? []), await runTimed(name, round)];
    }
  }
  const hashes = [
    ...(rounds.stet ?? []),
    ...(rounds['stet-one-worker'] ?? []),
    ...(rounds['stet-workers'] ?? []),
  ].map((run) => run.outputHash);
  const identical = new Set(hashes).size === 1;
  const results: Partial<Record<PipelineName, ChildResult>> = {};
  for (const [name, runs] of Object.entries(rounds) as [PipelineName, ChildResult[]][]) {
    results[name] = medianRun(runs);
  }
  const helpMs = helpStartupMs();
  // The long memory run comes last; the timings are written before it starts.
  writeBenchmarkSection(
    'speed',
    `${START_MARKER}\n${report(results as Results, helpMs, identical)}${END_MARKER}`,
  );
  results.flat = await runTimed('flat', 1);
  const section = report(results as Results, helpMs, identical);
  writeBenchmarkSection('speed', `${START_MARKER}\n${section}${END_MARKER}`);
  console.log(section);
}

/** The run with the median wall time, with the highest peak RSS of all runs. */
function medianRun(runs: readonly ChildResult[]): ChildResult {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)] as ChildResult;
  return { ...middle, peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)) };
}

async function runTimed(name: PipelineName, round: number): Promise<ChildResult> {
  console.error(`running (round ${round}): ${PIPELINES[name]}`);
  const result = await runInChild(name);
  console.error(`  ${seconds(result.wallMs)}, peak RSS ${megabytes(result.peakRssMb)}`);
  return result;
}

await main();
