// extractMany: worker threads give exactly the single-threaded output, in input order, with
// each page's error kept as a StetError. Workers load the build in dist/ (`npm test` builds
// first), so this file fails with a clear message when dist/ is missing.
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { StetError } from '../../src/errors.js';
import { savedPage } from '../../src/fetch/input.js';
import { type ExtractOutcome, extractInputs, extractMany } from '../../src/parallel/pool.js';
import type { FetchedPage } from '../../src/types.js';
import { stet } from '../helpers/cli.js';
import { describeWithCorpus, PROJECT_ROOT, readGzip, zytePages } from '../helpers/corpus.js';
import { makeTempDir, removeDir } from '../helpers/repo.js';
import { startServer } from '../helpers/server.js';

const FETCHED_AT = new Date('2026-01-01T00:00:00Z');
/** Corpus pages sent through both paths; enough to keep two workers busy in turn. */
const CORPUS_SAMPLE = 4;

function page(input: string, html: string, url?: string): FetchedPage {
  return savedPage(input, url, Buffer.from(html), FETCHED_AT);
}

function article(title: string): string {
  const paragraphs = Array.from(
    { length: 6 },
    (_, n) =>
      `<p>${title}, paragraph ${n}: a sentence long enough for Readability to count it as ` +
      'article text, with commas, clauses, and enough words to score well above the threshold.</p>',
  ).join('');
  return `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs}</article></body></html>`;
}

/** `count` paragraphs of filler, for a page of a few hundred kB. */
function bulk(count: number): string {
  return Array.from(
    { length: count },
    (_, n) => `<p>Paragraph ${n}: filler with commas, clauses, and enough words to count.</p>`,
  ).join('');
}

async function collect(outcomes: AsyncIterable<ExtractOutcome>): Promise<ExtractOutcome[]> {
  const all: ExtractOutcome[] = [];
  for await (const outcome of outcomes) all.push(outcome);
  return all;
}

async function* slowly(pages: readonly FetchedPage[]): AsyncGenerator<FetchedPage> {
  for (const item of pages) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

describe('extractMany', () => {
  it('has a built worker to run (npm run build)', () => {
    expect(existsSync(join(PROJECT_ROOT, 'dist/parallel/worker.js'))).toBe(true);
  });

  const pages = [
    page('one.html', article('One'), 'https://example.com/one'),
    page('empty.html', '<html><body></body></html>'),
    page('two.html', article('Two'), 'https://example.com/two'),
    page('three.html', article('Three')),
  ];

  it('returns, on two threads, the single-threaded outcomes in input order', async () => {
    const single = await collect(extractMany(pages, {}, { inCallingThread: true }));
    const threaded = await collect(extractMany(slowly(pages), {}, { threads: 2 }));
    expect(single.map((outcome) => outcome.input)).toEqual(pages.map((item) => item.input));
    expect(threaded).toEqual(single);

    const titles = threaded.map((outcome) =>
      'extraction' in outcome ? outcome.extraction.document.metadata.title : undefined,
    );
    expect(titles).toEqual(['One', undefined, 'Two', 'Three']);
    const failed = threaded[1];
    const error = failed !== undefined && 'error' in failed ? failed.error : undefined;
    expect(error).toBeInstanceOf(StetError);
    expect(error).toMatchObject({ code: 'extract.empty', subject: 'empty.html' });
  });
});

describe('a page too big for a worker', () => {
  /** Enough for a worker to start and extract a small page, too little for a 300 kB one. */
  const SMALL_HEAP_MB = 64;
  const big = page('big.html', article('Big').replace('</article>', `${bulk(3_000)}</article>`));
  const small = page('small.html', article('Small'));

  it(`runs a worker out of its ${SMALL_HEAP_MB} MB heap (the premise of the next test)`, async () => {
    const workers = new Piscina({
      filename: join(PROJECT_ROOT, 'dist/parallel/worker.js'),
      maxThreads: 1,
      resourceLimits: { maxOldGenerationSizeMb: SMALL_HEAP_MB },
    });
    workers.on('error', () => {});
    try {
      await expect(workers.run({ page: small, options: {} })).resolves.toMatchObject({ ok: true });
      await expect(workers.run({ page: big, options: {} })).rejects.toMatchObject({
        code: 'ERR_WORKER_OUT_OF_MEMORY',
      });
    } finally {
      await workers.destroy();
    }
  });

  it('is extracted again in the calling thread, and the batch goes on', async () => {
    const single = await collect(extractMany([big, small], {}, { inCallingThread: true }));
    const threaded = await collect(
      extractMany([big, small], {}, { threads: 2, workerHeapMb: SMALL_HEAP_MB }),
    );
    expect(threaded).toEqual(single);
    expect(threaded.every((outcome) => 'extraction' in outcome)).toBe(true);
  });
});

describe('extractInputs', () => {
  it('loads URLs and files, extracts them on workers, and reports load failures in place', async () => {
    const server = await startServer({ '/one': { body: article('Served') } });
    const dir = await makeTempDir();
    try {
      const saved = join(dir, 'saved.html');
      await writeFile(saved, article('Saved'));
      const missing = join(dir, 'missing.html');
      const inputs = [`${server.url}/one`, missing, saved, `${server.url}/absent`];
      const outcomes = await collect(extractInputs(inputs, {}, { threads: 2 }));
      expect(outcomes.map((outcome) => outcome.input)).toEqual(inputs);
      expect(outcomes.map((outcome) => outcome.index)).toEqual([0, 1, 2, 3]);
      const summary = outcomes.map((outcome) =>
        'extraction' in outcome
          ? outcome.extraction.document.metadata.title
          : (outcome.error as StetError).code,
      );
      expect(summary).toEqual(['Served', 'input.read', 'Saved', 'fetch.http']);
    } finally {
      await server.close();
      await removeDir(dir);
    }
  });
});

/**
 * Runs `stet extract` with `args` on the files `names`, which do not exist (no page to load),
 * with every worker thread's start slowed and marked (slow-thread-start.mjs). Returns the run,
 * the paths given, and the threads that began and that finished starting.
 */
async function extractWithThreadMarks(args: readonly string[], names: readonly string[]) {
  const marks = await makeTempDir();
  const slowStart = pathToFileURL(join(PROJECT_ROOT, 'test/parallel/slow-thread-start.mjs'));
  try {
    const missing = names.map((name) => join(marks, name));
    const run = await stet(['extract', ...args, ...missing], {
      env: { NODE_OPTIONS: `--import=${slowStart.href}`, STET_THREAD_MARKS: marks },
    });
    const written = await readdir(marks);
    const threads = (suffix: string) =>
      written.filter((name) => name.endsWith(suffix)).map((name) => name.replace(suffix, ''));
    return { run, missing, started: threads('.started'), loaded: threads('.loaded') };
  } finally {
    await removeDir(marks);
  }
}

describe('a batch that ends before its threads have started', () => {
  // Ending a thread while Node loads its modules aborted the whole process ("FATAL ERROR:
  // v8::Module::IsGraphAsync"), once in a CI run of `stet capture`. Here every thread takes
  // 400 ms to start and both inputs fail at once, so the batch is over before either has.
  it('waits for every thread to start before it ends them, and exits normally', async () => {
    const { run, missing, started, loaded } = await extractWithThreadMarks(
      ['--threads', '2'],
      ['a.html', 'b.html'],
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    for (const file of missing) expect(run.stderr).toContain(file);
    expect(started).toHaveLength(2);
    expect(loaded.sort()).toEqual(started.sort());
  });
});

describe('where `stet extract` runs its pages', () => {
  it('runs `--threads 1` on one worker, whose heap is capped, not in the main thread', async () => {
    const { run, started } = await extractWithThreadMarks(
      ['--threads', '1'],
      ['a.html', 'b.html', 'c.html'],
    );
    expect(run.code).toBe(1);
    expect(started).toHaveLength(1);
  });

  it('runs a single input in the main thread, starting no worker', async () => {
    const { run, started } = await extractWithThreadMarks([], ['a.html']);
    expect(run.code).toBe(1);
    expect(started).toHaveLength(0);
  });
});

describeWithCorpus('extractMany on real pages', () => {
  it(`gives identical output on 1 and 2 threads for ${CORPUS_SAMPLE} zyte pages`, async () => {
    const sample = zytePages()
      .slice(0, CORPUS_SAMPLE)
      .map((item) => ({ ...page(item.path, '', item.url), body: readGzip(item.path) }));
    const single = await collect(extractMany(sample, {}, { inCallingThread: true }));
    const threaded = await collect(extractMany(sample, {}, { threads: 2 }));
    expect(threaded).toEqual(single);
    expect(single.every((outcome) => 'extraction' in outcome)).toBe(true);
  });
});
