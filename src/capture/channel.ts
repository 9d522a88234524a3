// A bounded queue between the fetching side of a capture (many pages in parallel) and the
// extraction side (worker threads, pulling pages as they free up). A full channel makes
// push() wait, so fetched pages never pile up in memory faster than they are extracted.
export class Channel<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  /** Consumers waiting for an item (or for the end). */
  readonly #takers: ((next: IteratorResult<T, undefined>) => void)[] = [];
  /** Producers waiting for room. */
  readonly #pushers: (() => void)[] = [];
  #closed = false;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  async push(item: T): Promise<void> {
    if (this.#closed) throw new Error('push to a closed channel');
    const taker = this.#takers.shift();
    if (taker !== undefined) {
      taker({ value: item, done: false });
      return;
    }
    while (this.#items.length >= this.#capacity) {
      await new Promise<void>((resolve) => this.#pushers.push(resolve));
    }
    this.#items.push(item);
  }

  /** No more items: consumers finish once the queue is drained. */
  close(): void {
    this.#closed = true;
    for (const taker of this.#takers.splice(0)) taker({ value: undefined, done: true });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const next =
        this.#items.length > 0
          ? ({ value: this.#items.shift() as T, done: false } as const)
          : this.#closed
            ? ({ value: undefined, done: true } as const)
            : await new Promise<IteratorResult<T, undefined>>((resolve) =>
                this.#takers.push(resolve),
              );
      this.#pushers.shift()?.();
      if (next.done === true) return;
      yield next.value;
    }
  }
}
