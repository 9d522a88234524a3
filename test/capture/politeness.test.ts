import { describe, expect, it } from 'vitest';
import { HostGate } from '../../src/capture/politeness.js';
import { parseRetryAfter, withRetry } from '../../src/capture/retry.js';
import { StetError } from '../../src/errors.js';

/** A clock that only moves when the code under test sleeps. */
function virtualClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('HostGate', () => {
  it('spaces request starts to one host by the delay and runs other hosts at once', async () => {
    // A frozen clock: every wait is measured from time 0, so each wait is a start time.
    const waits: string[] = [];
    const gate = new HostGate(
      { perHost: 4, delayMs: 1_000 },
      async (ms) => {
        waits.push(`${ms}`);
      },
      () => 0,
    );
    const request = (url: string) => gate.run(url, async () => new URL(url).host);
    const hosts = await Promise.all([
      request('http://a.test/1'),
      request('http://a.test/2'),
      request('http://b.test/1'),
      request('http://a.test/3'),
    ]);
    expect(hosts).toEqual(['a.test', 'a.test', 'b.test', 'a.test']);
    expect(waits).toEqual(['1000', '2000']);
  });

  it('never has more than perHost requests to one host in flight', async () => {
    const gate = new HostGate({ perHost: 2, delayMs: 0 });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        gate.run(`http://a.test/${index}`, async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it('slows a host down to its Crawl-delay, never below the configured delay', async () => {
    const clock = virtualClock();
    const gate = new HostGate({ perHost: 1, delayMs: 500 }, clock.sleep, clock.now);
    gate.slowDown('http://a.test/', 3_000);
    gate.slowDown('http://b.test/', 100);
    const starts: number[] = [];
    for (const url of [
      'http://a.test/1',
      'http://a.test/2',
      'http://b.test/1',
      'http://b.test/2',
    ]) {
      await gate.run(url, async () => {
        starts.push(clock.now());
      });
    }
    expect(starts).toEqual([0, 3_000, 3_000, 3_500]);
  });
});

describe('withRetry', () => {
  const policy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };
  const failingThen = (errors: unknown[], value: string) => {
    let calls = 0;
    return {
      calls: () => calls,
      attempt: async () => {
        const error = errors[calls];
        calls += 1;
        if (error !== undefined) throw error;
        return value;
      },
    };
  };

  it('retries network errors, 429 and 5xx with exponential backoff', async () => {
    const clock = virtualClock();
    const task = failingThen(
      [
        new StetError('fetch.network', 'u', 'network error ECONNRESET'),
        new StetError('fetch.http', 'u', 'HTTP 503 Service Unavailable', { status: 503 }),
        new StetError('fetch.http', 'u', 'HTTP 429 Too Many Requests', { status: 429 }),
      ],
      'page',
    );
    expect(await withRetry(task.attempt, policy, clock.sleep, clock.now)).toBe('page');
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
  });

  it('waits as long as Retry-After says, in seconds or as a date', async () => {
    const clock = virtualClock();
    // Asked for at time 0, seen at 5 s (after the first wait): 2 s are left.
    const date = new Date(7_000).toUTCString();
    const task = failingThen(
      [
        new StetError('fetch.http', 'u', 'HTTP 429 Too Many Requests (Retry-After: 5)', {
          status: 429,
        }),
        new StetError('fetch.http', 'u', `HTTP 503 (Retry-After: ${date})`, { status: 503 }),
      ],
      'page',
    );
    await withRetry(task.attempt, policy, clock.sleep, clock.now);
    expect(clock.sleeps).toEqual([5_000, 2_000]);
  });

  it('gives up at once when Retry-After asks for longer than the longest wait', async () => {
    const clock = virtualClock();
    const error = new StetError('fetch.http', 'u', 'HTTP 503 (Retry-After: 3600)', { status: 503 });
    const task = failingThen([error], 'page');
    await expect(withRetry(task.attempt, policy, clock.sleep, clock.now)).rejects.toBe(error);
    expect(task.calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after the last attempt and rethrows the last error', async () => {
    const clock = virtualClock();
    const error = new StetError('fetch.timeout', 'u', 'timed out');
    const task = failingThen([error, error, error, error, error], 'never');
    await expect(withRetry(task.attempt, policy, clock.sleep, clock.now)).rejects.toBe(error);
    expect(task.calls()).toBe(4);
  });

  it('does not retry a 404, a non-HTML page or a programming error', async () => {
    for (const error of [
      new StetError('fetch.http', 'u', 'HTTP 404 Not Found', { status: 404 }),
      new StetError('fetch.content-type', 'u', 'not HTML'),
      new TypeError('bug'),
    ]) {
      const clock = virtualClock();
      const task = failingThen([error], 'never');
      await expect(withRetry(task.attempt, policy, clock.sleep, clock.now)).rejects.toBe(error);
      expect(task.calls()).toBe(1);
    }
  });

  it('parses Retry-After values', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4_000)).toBe(6_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 60_000)).toBe(0);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
