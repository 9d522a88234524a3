// The worker-thread side of the pool: one page in, one outcome out. Errors are returned as
// data rather than thrown, because a thrown StetError crosses the thread boundary as a plain
// Error (structured clone keeps neither its class nor its code).
import { parentPort, threadId } from 'node:worker_threads';
import { isStetError } from '../errors.js';
import { type ExtractOptions, extractPage } from '../pipeline.js';
import type { FetchedPage } from '../types.js';
import type { WorkerLoaded, WorkerOutcome } from './pool.js';

export interface WorkerTask {
  readonly page: FetchedPage;
  readonly options: ExtractOptions;
}

// Imports are evaluated before this line runs, so the thread has loaded everything it needs.
parentPort?.postMessage({ loadedThread: threadId } satisfies WorkerLoaded);

export default function extractInWorker({ page, options }: WorkerTask): WorkerOutcome {
  try {
    return { ok: true, extraction: extractPage(page, options) };
  } catch (error) {
    if (isStetError(error)) {
      return {
        ok: false,
        error: {
          code: error.code,
          subject: error.subject,
          message: error.message,
          ...(error.status !== undefined && { status: error.status }),
        },
      };
    }
    return {
      ok: false,
      error: { message: error instanceof Error ? error.message : String(error) },
    };
  }
}
