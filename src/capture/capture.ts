// One capture run, in order:
//   1. read and validate the sources file (nothing is fetched if it is invalid)
//   2. expand feeds and sitemaps into pages; keep this shard's pages (by a hash of the URL)
//   3. per page, politely (per-host slots and delay, robots.txt, retries with backoff):
//      conditional GET with the stored ETag/Last-Modified → 304 is "unchanged" at once;
//      otherwise the page goes to the extraction workers (src/parallel: one thread per core),
//      and each extraction is written to the article file (src/archive/store) in turn
//   4. save the conditional-GET state; commit the run (see below); push with rebase-retry
//
// One commit per run, not per article: a scheduled run is one unit of work, so it is one
// commit (its message lists every article), one push and at most one rebase per attempt —
// fewer, cheaper retries when several shards push at once, and the state file rides along in
// the same commit, so it never causes a commit of its own. Each article's revisions are still
// `git log -- <path>` (and `stet` history) because every commit touches only changed files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { countWords } from '../archive/normalise.js';
import { commitPaths, storeRevision } from '../archive/store.js';
import { describeError } from '../cli/report.js';
import { StetError } from '../errors.js';
import { defaultUserAgent, fetchPage } from '../fetch/fetch.js';
import { extractMany } from '../parallel/pool.js';
import { articleIdentity } from '../pipeline.js';
import { loadSources } from '../sources/sources.js';
import type { Extraction, FetchedPage, SiteProfile } from '../types.js';
import { Channel } from './channel.js';
import { discoverPages, type PlannedPage } from './discover.js';
import { fetchDocument, requireOk } from './documents.js';
import { HostGate } from './politeness.js';
import { DEFAULT_PUSH_POLICY, type PushPolicy, pushWithRetry } from './publish.js';
import type { CaptureReport, CaptureResult } from './report.js';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry.js';
import { RobotsRules } from './robots.js';
import { inShard, type Shard, WHOLE } from './shard.js';
import { CaptureState } from './state.js';

export interface CaptureOptions {
  readonly sourcesFile: string;
  readonly archiveDir: string;
  /** Requests to one host at a time. @default 2 */
  readonly perHost?: number;
  /** Milliseconds between request starts to one host. @default the sources file's, else 1000 */
  readonly delayMs?: number;
  readonly shard?: Shard;
  readonly push?: boolean;
  /** List the pages that would be captured, fetching only robots.txt, feeds and sitemaps. */
  readonly dryRun?: boolean;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly pushPolicy?: PushPolicy;
  readonly profiles?: readonly SiteProfile[];
  /** @default `stet/<version> (+project URL)` */
  readonly userAgent?: string;
  /** Extraction worker threads. @default one per core; the calling thread for a few pages */
  readonly threads?: number;
}

export interface CaptureEvents {
  /**
   * The pages of this shard are known (after feeds and sitemaps were read); `failures` feeds
   * and sitemaps could not be read and are reported as results right after.
   */
  planned?(pages: readonly PlannedPage[], failures: number): void;
  /** One page (or feed/sitemap) finished. */
  result?(result: CaptureResult): void;
}

export const DEFAULT_PER_HOST = 2;
export const DEFAULT_DELAY_MS = 1_000;
/** Pages being fetched at once, across all hosts. */
const PAGES_IN_FLIGHT = 16;
/** Fetched pages waiting for an extraction thread; a full queue holds the fetching back. */
const FETCHED_BACKLOG = 8;
/**
 * Below this many pages, extraction stays on this thread: starting a worker (loading jsdom and
 * the pipeline) costs about as much as extracting a few pages.
 */
const MIN_PAGES_FOR_THREADS = 8;
const DOCUMENT_TIMEOUT_MS = 30_000;
const DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;
/** The product token matched against robots.txt User-agent lines. */
const ROBOTS_AGENT = 'stet';

/** A page stored by this run, for the commit message. */
interface Changed {
  readonly status: 'new' | 'updated';
  readonly path: string;
  readonly title: string;
  readonly url: string;
}

/** What every page of a run shares: politeness, robots.txt, state, the queue, the tallies. */
interface RunContext {
  readonly options: CaptureOptions;
  readonly userAgent: string;
  readonly retry: RetryPolicy;
  readonly gate: HostGate;
  /** Throws unless robots.txt allows `url` (skipped when the source opted out). */
  readonly permit: (url: string, checkRobots: boolean) => Promise<void>;
  readonly state: CaptureState;
  readonly changed: Changed[];
  readonly timings: { fetchMs: number; extractMs: number; gitMs: number };
}

export async function runCapture(
  options: CaptureOptions,
  events: CaptureEvents = {},
): Promise<CaptureReport> {
  const started = new Date();
  const sourcesFile = await loadSources(options.sourcesFile);
  const shard = options.shard ?? WHOLE;
  const retry = options.retry ?? DEFAULT_RETRY;
  const userAgent = options.userAgent ?? defaultUserAgent();
  const timings = { fetchMs: 0, extractMs: 0, gitMs: 0 };
  const gate = new HostGate({
    perHost: options.perHost ?? DEFAULT_PER_HOST,
    delayMs: options.delayMs ?? sourcesFile.delayMs ?? DEFAULT_DELAY_MS,
  });
  const documentOptions = {
    userAgent,
    timeoutMs: options.timeoutMs ?? DOCUMENT_TIMEOUT_MS,
    maxBytes: DOCUMENT_MAX_BYTES,
  };
  const fetchPolitely = (url: string) =>
    gate.run(url, () => withRetry(() => fetchDocument(url, documentOptions), retry));
  const permit = robotsPermit(new RobotsRules(fetchPolitely, ROBOTS_AGENT), gate);

  const discovery = await discoverPages(sourcesFile.sources, async (url, checkRobots) => {
    await permit(url, checkRobots);
    return requireOk(await fetchPolitely(url)).text;
  });
  const pages = discovery.pages.filter((page) => inShard(page.url, shard));
  events.planned?.(pages, discovery.failures.length);
  for (const failure of discovery.failures) events.result?.(failure);

  const pageResults: CaptureResult[] = [];
  const finish = (extra: Partial<CaptureReport> = {}): CaptureReport => ({
    started: started.toISOString(),
    finished: new Date().toISOString(),
    ...(shard.count > 1 && { shard: `${shard.index}/${shard.count}` }),
    results: [...discovery.failures, ...pageResults],
    push: { status: 'not-requested', attempts: 0 },
    timings,
    ...extra,
  });
  if (options.dryRun === true) return finish();

  const context: RunContext = {
    options,
    userAgent,
    retry,
    gate,
    permit,
    state: await CaptureState.load(options.archiveDir, shard),
    changed: [],
    timings,
  };
  pageResults.push(...(await captureAll(pages, context, events)));

  const gitStart = performance.now();
  const stateChanged = await context.state.save();
  const statePath = stateChanged ? context.state.relativePath : undefined;
  const commit = await commitRun(options.archiveDir, context.changed, statePath, shard);
  const push =
    options.push === true
      ? await pushWithRetry(options.archiveDir, options.pushPolicy ?? DEFAULT_PUSH_POLICY)
      : undefined;
  timings.gitMs += performance.now() - gitStart;
  return finish({
    ...(commit !== undefined && { commit }),
    ...(push !== undefined && { push }),
  });
}

/**
 * Every page of the run, in page order. Fetching runs many pages at once and hands full
 * responses to the extraction threads through a bounded channel; this thread stores each
 * extraction as it comes back, one at a time, so two writes never interleave.
 */
async function captureAll(
  pages: readonly PlannedPage[],
  context: RunContext,
  events: CaptureEvents,
): Promise<CaptureResult[]> {
  const resultsByPage = new Map<number, CaptureResult>();
  const record = (index: number, result: CaptureResult) => {
    resultsByPage.set(index, result);
    events.result?.(result);
  };

  const fetchedPages = new Channel<Fetched>(FETCHED_BACKLOG);
  const inFlight = pLimit(PAGES_IN_FLIGHT);
  const fetching = Promise.all(
    pages.map((page, index) =>
      inFlight(async () => {
        const step = await fetchStage(page, context);
        if ('result' in step) record(index, step.result);
        else await fetchedPages.push({ index, page, fetched: step.fetched });
      }),
    ),
  ).finally(() => fetchedPages.close());

  // extractMany numbers pages in the order it pulls them; remember which page each number is.
  const handedOver: Handover[] = [];
  async function* toExtract(): AsyncGenerator<FetchedPage> {
    for await (const item of fetchedPages) {
      handedOver.push({ ...item, handedAt: performance.now() });
      yield item.fetched;
    }
  }
  const extractOptions =
    context.options.profiles === undefined ? {} : { profiles: context.options.profiles };
  const pool =
    context.options.threads !== undefined
      ? { threads: context.options.threads }
      : pages.length < MIN_PAGES_FOR_THREADS
        ? { inCallingThread: true }
        : {};
  for await (const outcome of extractMany(toExtract(), extractOptions, pool)) {
    const handover = handedOver[outcome.index] as Handover;
    context.timings.extractMs += performance.now() - handover.handedAt;
    const result =
      'error' in outcome
        ? { url: handover.page.url, status: 'failed' as const, error: describeError(outcome.error) }
        : await storeStage(handover, outcome.extraction, context);
    record(handover.index, result);
  }
  await fetching;
  return pages.map((_, index) => resultsByPage.get(index) as CaptureResult);
}

/** A robots.txt check that also applies the site's Crawl-delay to the gate. */
function robotsPermit(
  robots: RobotsRules,
  gate: HostGate,
): (url: string, checkRobots: boolean) => Promise<void> {
  return async (url, checkRobots) => {
    if (!checkRobots) return;
    const verdict = await robots.check(url);
    if (verdict.crawlDelayMs !== undefined) gate.slowDown(url, verdict.crawlDelayMs);
    if (!verdict.allowed) {
      throw new StetError(
        'capture.robots',
        url,
        `${verdict.reason ?? 'disallowed by robots.txt'} (a source can opt out with robots: false)`,
      );
    }
  };
}

/** A fetched page on its way to extraction; `index` is its place in the page list. */
interface Fetched {
  readonly index: number;
  readonly page: PlannedPage;
  readonly fetched: FetchedPage;
}

/** A fetched page the extraction threads took, and when (performance.now()). */
interface Handover extends Fetched {
  readonly handedAt: number;
}

/**
 * robots.txt, then a conditional GET. Ends the page here with a result (304 unchanged, or
 * failed), or returns the response for extraction. Never throws.
 */
async function fetchStage(
  page: PlannedPage,
  context: RunContext,
): Promise<{ readonly result: CaptureResult } | { readonly fetched: FetchedPage }> {
  const { url } = page;
  const { options, state, timings } = context;
  try {
    await context.permit(url, page.robots);
    const previous = state.get(url);
    const conditional =
      previous !== undefined && existsSync(join(options.archiveDir, previous.path))
        ? previous
        : undefined;
    const fetched = await context.gate.run(url, async () => {
      const fetchStart = performance.now();
      try {
        return await withRetry(
          () =>
            fetchPage(url, {
              userAgent: context.userAgent,
              ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
              headers: conditionalHeaders(conditional),
            }),
          context.retry,
        );
      } finally {
        timings.fetchMs += performance.now() - fetchStart;
      }
    });
    if (fetched.status === 304 && conditional !== undefined) {
      return { result: { url, status: 'unchanged', path: conditional.path, http: 304 } };
    }
    return { fetched };
  } catch (error) {
    return { result: { url, status: 'failed', error: describeError(error) } };
  }
}

/** Writes one extraction into the archive and records its validators; never throws. */
async function storeStage(
  { page, fetched }: Handover,
  extraction: Extraction,
  context: RunContext,
): Promise<CaptureResult> {
  const { url } = page;
  const storeStart = performance.now();
  try {
    const stored = await storeRevision(context.options.archiveDir, extraction.document, {
      identity: articleIdentity(extraction) ?? url,
      commit: false,
      baseline: 'committed',
    });
    // A suspect capture was not written: forget the validators, so the next run fetches it
    // in full instead of getting a 304 for a page that is not archived as served.
    if (stored.status === 'suspect') context.state.delete(url);
    else context.state.set(url, { path: stored.path, ...validators(fetched) });
    if (stored.status === 'new' || stored.status === 'updated') {
      context.changed.push({
        status: stored.status,
        path: stored.path,
        title: extraction.document.metadata.title ?? 'untitled',
        url: extraction.document.metadata.url ?? url,
      });
    }
    return {
      url,
      status: stored.status,
      path: stored.path,
      http: fetched.status,
      words: countWords(extraction.document.text),
      ...(stored.reason !== undefined && { error: stored.reason }),
    };
  } catch (error) {
    return { url, status: 'failed', error: describeError(error) };
  } finally {
    context.timings.gitMs += performance.now() - storeStart;
  }
}

/** One commit for the run's new and updated articles (plus the state file), or none. */
async function commitRun(
  archiveDir: string,
  changed: readonly Changed[],
  statePath: string | undefined,
  shard: Shard,
): Promise<string | undefined> {
  if (changed.length === 0) return undefined;
  const sorted = [...changed].sort((a, b) => a.path.localeCompare(b.path));
  const counts = ['new', 'updated']
    .map((status) => `${sorted.filter((entry) => entry.status === status).length} ${status}`)
    .join(', ');
  const shardNote = shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : '';
  const message = [
    `capture: ${counts}${shardNote}`,
    '',
    ...sorted.map((entry) => `${entry.status}: ${entry.title} (${entry.url})`),
  ].join('\n');
  const paths = [...sorted.map((entry) => entry.path), ...(statePath ? [statePath] : [])];
  return commitPaths(archiveDir, paths, message);
}

function conditionalHeaders(
  previous: { readonly etag?: string; readonly lastModified?: string } | undefined,
): Record<string, string> {
  return {
    ...(previous?.etag !== undefined && { 'if-none-match': previous.etag }),
    ...(previous?.lastModified !== undefined && { 'if-modified-since': previous.lastModified }),
  };
}

function validators(fetched: FetchedPage): { etag?: string; lastModified?: string } {
  const etag = fetched.headers.etag;
  const lastModified = fetched.headers['last-modified'];
  return {
    ...(etag !== undefined && { etag }),
    ...(lastModified !== undefined && { lastModified }),
  };
}
