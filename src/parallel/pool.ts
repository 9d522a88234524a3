// Many pages through extractPage on worker threads, in input order. jsdom is single-threaded
// and CPU-bound, so a batch (`stet extract` with many inputs, `stet capture`) spreads pages over
// one worker per core; module loading is paid once per worker, not once per page.
//
//   for await (const outcome of extractInputs(inputs, options, { threads: 2 })) { ... }
//   for await (const outcome of extractMany(fetchedPages, options)) { ... }
//
// Outcomes come back in the order the inputs went in, each with the extraction or the error for
// that input (one failing never stops the others). Only a few inputs per thread are in flight
// (being loaded, queued or extracted), so a long list is fetched as fast as the workers keep
// up and no faster, and memory does not grow with the batch.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { StetError, type StetErrorCode } from '../errors.js';
import { type LoadOptions, loadInput } from '../fetch/input.js';
import { type ExtractOptions, extractPage } from '../pipeline.js';
import type { Extraction, FetchedPage } from '../types.js';
import type { WorkerTask } from './worker.js';

export interface PoolOptions {
  /** Worker threads, each with a capped heap. @default os.availableParallelism() */
  readonly threads?: number;
  /**
   * Extract in the calling thread instead of on workers: for a page or a few, where a worker's
   * start-up costs more than it saves. The calling thread's heap is not capped, so a long batch
   * here peaks higher (BENCHMARKS.md).
   */
  readonly inCallingThread?: boolean;
  /** Each worker's old-generation heap limit, in MB. @default WORKER_HEAP_MB */
  readonly workerHeapMb?: number;
}

export type ExtractOutcome =
  | { readonly index: number; readonly input: string; readonly extraction: Extraction }
  | { readonly index: number; readonly input: string; readonly error: Error };

/** What a worker sends back: an error as plain data, since an Error loses its class in transit. */
export type WorkerOutcome =
  | { readonly ok: true; readonly extraction: Extraction }
  | {
      readonly ok: false;
      readonly error: {
        readonly code?: StetErrorCode;
        readonly subject?: string;
        readonly message: string;
        readonly status?: number;
      };
    };

/**
 * What a worker thread posts once its modules have loaded. Ending a thread while Node is still
 * loading them aborts the whole process (Node 20: jsdom require()s ES modules, and a termination
 * inside that instantiation is a FATAL ERROR in v8::Module::IsGraphAsync), so the pool is ended
 * only once every thread has posted this. A batch that ends early (nothing to extract, or only
 * inputs that fail to load) would otherwise end it mid-load.
 */
export interface WorkerLoaded {
  readonly loadedThread: number;
}

/** Inputs in flight per thread: enough that a worker never waits for its next page. */
const IN_FLIGHT_PER_THREAD = 2;
/**
 * V8 lets a heap grow to several times its live size between collections, and the factor rises
 * with the heap's limit. A 1 GB limit (instead of the machine-sized default of about 4 GB)
 * keeps each worker's peak near its working set: on the zyte corpus, peak RSS of a two-worker
 * batch fell from about 790 MB to about 535 MB at the same CPU time (BENCHMARKS.md). A page
 * that needs more than this is extracted again in the calling thread, which has no such limit.
 */
const WORKER_HEAP_MB = 1024;
/** What a worker thread that ran out of heap rejects its task with (node:worker_threads). */
const WORKER_OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** One unit of work: the input's name, and how to get its bytes. */
interface Job {
  readonly input: string;
  load(): Promise<FetchedPage>;
}

type Extractor = (page: FetchedPage, options: ExtractOptions) => Promise<Extraction>;

/** Loads each input (URL, file or "-") and extracts it; load failures are outcomes too. */
export function extractInputs(
  inputs: Iterable<string>,
  options: ExtractOptions & Pick<LoadOptions, 'fetch' | 'stdin'> = {},
  pool: PoolOptions = {},
): AsyncGenerator<ExtractOutcome> {
  const { fetch, stdin, ...extractOptions } = options;
  const loadOptions: LoadOptions = {
    ...(options.url !== undefined && { url: options.url }),
    ...(fetch !== undefined && { fetch }),
    ...(stdin !== undefined && { stdin }),
  };
  const jobs = mapIterable(inputs, (input) => ({
    input,
    load: () => loadInput(input, loadOptions),
  }));
  return runJobs(jobs, extractOptions, pool);
}

/** Extracts pages that are already loaded (e.g. fetched by a capture run). */
export function extractMany(
  pages: Iterable<FetchedPage> | AsyncIterable<FetchedPage>,
  options: ExtractOptions = {},
  pool: PoolOptions = {},
): AsyncGenerator<ExtractOutcome> {
  const jobs = mapIterable(pages, (page) => ({ input: page.input, load: async () => page }));
  return runJobs(jobs, options, pool);
}

async function* runJobs(
  jobs: AsyncIterable<Job>,
  options: ExtractOptions,
  pool: PoolOptions,
): AsyncGenerator<ExtractOutcome> {
  const inCallingThread = pool.inCallingThread === true;
  const threads = inCallingThread ? 1 : Math.max(1, pool.threads ?? availableParallelism());
  const workers = inCallingThread
    ? undefined
    : new Piscina<WorkerTask, WorkerOutcome>({
        filename: workerFile(),
        minThreads: threads,
        maxThreads: threads,
        resourceLimits: { maxOldGenerationSizeMb: pool.workerHeapMb ?? WORKER_HEAP_MB },
      });
  // A worker that dies while it runs a page fails that page's task (retried below); one that
  // dies between tasks is reported here, and Piscina starts another in its place.
  workers?.on('error', () => {});
  const allLoaded = workers === undefined ? undefined : trackLoadedThreads(workers);
  const extract: Extractor =
    workers === undefined
      ? async (page, extractOptions) => extractPage(page, extractOptions)
      : (page, extractOptions) => extractInWorker(workers, page, extractOptions);
  try {
    const pending: Promise<ExtractOutcome>[] = [];
    let index = 0;
    for await (const job of jobs) {
      pending.push(runJob(job, index++, options, extract));
      if (pending.length >= threads * IN_FLIGHT_PER_THREAD) {
        yield await (pending.shift() as Promise<ExtractOutcome>);
      }
    }
    for (const outcome of pending) yield await outcome;
  } finally {
    await allLoaded?.();
    await workers?.destroy();
  }
}

async function runJob(
  job: Job,
  index: number,
  options: ExtractOptions,
  extract: Extractor,
): Promise<ExtractOutcome> {
  try {
    return { index, input: job.input, extraction: await extract(await job.load(), options) };
  } catch (error) {
    return {
      index,
      input: job.input,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}

async function extractInWorker(
  workers: Piscina<WorkerTask, WorkerOutcome>,
  page: FetchedPage,
  options: ExtractOptions,
): Promise<Extraction> {
  let outcome: WorkerOutcome;
  try {
    outcome = await workers.run({ page, options });
  } catch (error) {
    if (!isOutOfMemory(error)) throw error;
    return extractPage(page, options);
  }
  if (outcome.ok) return outcome.extraction;
  const { code, subject, message, status } = outcome.error;
  if (code === undefined) throw new Error(message);
  throw new StetError(code, subject ?? page.input, message, status === undefined ? {} : { status });
}

/** Returns a wait for every live thread of the pool to have loaded its modules. */
function trackLoadedThreads(workers: Piscina): () => Promise<void> {
  const loaded = new Set<number>();
  const waiting = new Map<number, () => void>();
  workers.on('message', (message: unknown) => {
    if (!isWorkerLoaded(message)) return;
    loaded.add(message.loadedThread);
    waiting.get(message.loadedThread)?.();
  });
  return async () => {
    await Promise.all(
      workers.threads
        .filter((thread) => !loaded.has(thread.threadId))
        .map(
          (thread) =>
            new Promise<void>((resolve) => {
              waiting.set(thread.threadId, resolve);
              // A thread that fails to load exits instead, and Piscina drops it from the pool.
              thread.once('exit', () => resolve());
            }),
        ),
    );
  };
}

function isWorkerLoaded(message: unknown): message is WorkerLoaded {
  return typeof (message as Partial<WorkerLoaded> | null)?.loadedThread === 'number';
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === WORKER_OUT_OF_MEMORY;
}

async function* mapIterable<T, U>(
  items: Iterable<T> | AsyncIterable<T>,
  map: (item: T) => U,
): AsyncGenerator<U> {
  for await (const item of items) yield map(item);
}

/**
 * The compiled worker module. Under vitest this file runs from src/ as TypeScript, which a
 * worker thread cannot load, so the build in dist/ is used instead (`npm test` builds first).
 */
function workerFile(): string {
  const sourceRun = import.meta.url.endsWith('.ts');
  return fileURLToPath(
    new URL(sourceRun ? '../../dist/parallel/worker.js' : './worker.js', import.meta.url),
  );
}
