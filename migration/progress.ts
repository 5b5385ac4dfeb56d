/**
 * Progress with counts and an estimate of time left, throttled: hosts draw a bar or log a line from these records,
 * and a busy loop calling update() a million times sends a handful of them.
 */
import type { JobContext } from './job.js';

const INTERVAL_MS = 250;

export class ProgressReporter {
  readonly #context: JobContext;
  readonly #activity: string;
  readonly #started = Date.now();
  #total: number;
  #last = 0;

  constructor(context: JobContext, activity: string, total: number) {
    this.#context = context;
    this.#activity = activity;
    this.#total = total;
  }

  set total(value: number) {
    this.#total = value;
  }

  update(done: number, status: string, operation?: string): void {
    const now = Date.now();
    if (now - this.#last < INTERVAL_MS && done < this.#total) return;
    this.#last = now;
    const fraction = this.#total > 0 ? Math.min(1, done / this.#total) : 0;
    const elapsed = (now - this.#started) / 1000;
    const secondsRemaining = fraction > 0.01 && fraction < 1 ? Math.round((elapsed / fraction) * (1 - fraction)) : undefined;
    this.#context.progress({
      activity: this.#activity,
      status,
      percentComplete: Math.floor(fraction * 100),
      ...(secondsRemaining === undefined ? {} : { secondsRemaining }),
      ...(operation === undefined ? {} : { currentOperation: operation }),
    });
  }

  complete(): void {
    this.#context.progress({ activity: this.#activity, status: 'Completed', percentComplete: 100, completed: true });
  }
}
