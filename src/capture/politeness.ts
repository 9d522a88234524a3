// Politeness towards each host: at most `perHost` requests in flight, and request starts spaced
// at least `delayMs` apart (robots.txt's Crawl-delay can raise a host's delay). Every request
// stet sends during a capture — robots.txt, feeds, sitemaps, pages — goes through one gate.
import pLimit, { type LimitFunction } from 'p-limit';

export interface PolitenessOptions {
  /** Requests to one host at the same time. */
  readonly perHost: number;
  /** Milliseconds between the starts of two requests to one host. */
  readonly delayMs: number;
}

interface HostSlot {
  readonly limit: LimitFunction;
  delayMs: number;
  /** Earliest time the next request to this host may start. */
  nextStart: number;
}

export class HostGate {
  readonly #options: PolitenessOptions;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #hosts = new Map<string, HostSlot>();

  constructor(
    options: PolitenessOptions,
    sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => number = Date.now,
  ) {
    this.#options = options;
    this.#sleep = sleep;
    this.#now = now;
  }

  /** Runs `request` for `url` once its host has a free slot and its delay has passed. */
  run<T>(url: string, request: () => Promise<T>): Promise<T> {
    const slot = this.#slot(new URL(url).host);
    return slot.limit(async () => {
      // Reserve the start time synchronously, so parallel waiters queue one delay apart.
      const now = this.#now();
      const start = Math.max(now, slot.nextStart);
      slot.nextStart = start + slot.delayMs;
      if (start > now) await this.#sleep(start - now);
      return request();
    });
  }

  /** Raises a host's delay (never lowers it below the configured one). */
  slowDown(url: string, delayMs: number): void {
    const slot = this.#slot(new URL(url).host);
    slot.delayMs = Math.max(this.#options.delayMs, delayMs);
  }

  #slot(host: string): HostSlot {
    let slot = this.#hosts.get(host);
    if (slot === undefined) {
      slot = { limit: pLimit(this.#options.perHost), delayMs: this.#options.delayMs, nextStart: 0 };
      this.#hosts.set(host, slot);
    }
    return slot;
  }
}
