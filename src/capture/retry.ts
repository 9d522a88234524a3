// Retries with exponential backoff for transient failures: network errors, timeouts, 429 and
// 5xx. A Retry-After header (seconds or an HTTP date) replaces the computed delay; a server
// that asks for longer than the policy's longest wait is not retried in this run at all (asking
// again sooner would be impolite, and waiting would stall the run): the next run tries again.
import { isStetError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  readonly attempts: number;
  /** Delay before the first retry; doubled for each further retry. */
  readonly baseDelayMs: number;
  /** No wait is longer than this; a longer Retry-After ends the attempts. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 };

const RETRYABLE_CODES = new Set(['fetch.network', 'fetch.timeout']);
const TOO_MANY_REQUESTS = 429;
const RETRY_AFTER_IN_MESSAGE = /\(Retry-After: ([^)]+)\)/i;

/** A failure worth another attempt, and how long the server asked us to wait, if it did. */
export interface Transient {
  readonly retryAfterMs: number | undefined;
}

export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = delay,
  now: () => number = Date.now,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      const transient = transientFailure(error, now);
      if (transient === undefined || attemptNumber >= policy.attempts) throw error;
      const asked = transient.retryAfterMs;
      if (asked !== undefined && asked > policy.maxDelayMs) throw error;
      const backoff = policy.baseDelayMs * 2 ** (attemptNumber - 1);
      await sleep(Math.min(asked ?? backoff, policy.maxDelayMs));
    }
  }
}

/** Whether `error` is transient: our network/timeout errors, or an HTTP 429 or 5xx. */
export function transientFailure(
  error: unknown,
  now: () => number = Date.now,
): Transient | undefined {
  if (!isStetError(error)) return undefined;
  const status = error.status;
  const retryableStatus = status !== undefined && (status === TOO_MANY_REQUESTS || status >= 500);
  if (!RETRYABLE_CODES.has(error.code) && !retryableStatus) return undefined;
  return { retryAfterMs: parseRetryAfter(retryAfterHeader(error), now()) };
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * fetchPage (and fetchDocument) put the server's Retry-After into the error message as
 * "(Retry-After: <value>)", the only place a StetError carries it.
 */
function retryAfterHeader(error: Error): string | undefined {
  return RETRY_AFTER_IN_MESSAGE.exec(error.message)?.[1];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
