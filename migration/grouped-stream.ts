/**
 * Merge-joins a stream sorted by a numeric key with an ordered walk over that key: take(k) returns the items with
 * key k, skipping smaller keys, pulling batches only as needed. Memory holds one batch.
 */
export class GroupedStream<T> {
  readonly #iterator: AsyncIterator<T[]>;
  readonly #key: (item: T) => number;
  #batch: T[] = [];
  #position = 0;
  #done = false;

  constructor(source: AsyncIterable<T[]>, key: (item: T) => number) {
    this.#iterator = source[Symbol.asyncIterator]();
    this.#key = key;
  }

  async #peek(): Promise<T | undefined> {
    while (this.#position >= this.#batch.length) {
      if (this.#done) return undefined;
      const next = await this.#iterator.next();
      if (next.done) {
        this.#done = true;
        return undefined;
      }
      this.#batch = next.value;
      this.#position = 0;
    }
    return this.#batch[this.#position];
  }

  async take(key: number): Promise<T[]> {
    const items: T[] = [];
    for (let item = await this.#peek(); item !== undefined; item = await this.#peek()) {
      const k = this.#key(item);
      if (k > key) break;
      if (k === key) items.push(item);
      this.#position++;
    }
    return items;
  }

  async close(): Promise<void> {
    if (!this.#done) await this.#iterator.return?.();
    this.#done = true;
  }
}

export { collect } from '../core/batches.js';
