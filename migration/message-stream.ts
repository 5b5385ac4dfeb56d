/**
 * The main thread's side of the import worker: an async stream of checked chat batches. It acknowledges each batch
 * as it is taken (so the worker may send the next), turns the worker's error into the same PackageError an
 * in-thread read would have thrown, and stops the worker when the consumer stops early.
 */
import { Worker } from 'node:worker_threads';
import { PackageError, PcmError, type ErrorCategory } from '../core/errors.js';
import type { Chat } from '../core/model.js';
import type { PackageLimits } from '../archive/limits.js';
import type { PackageSource } from '../archive/package-reader.js';
import type { PackageIndex } from './package-index.js';
import type { ImportWorkerInput, ImportWorkerMessage } from './message-import-worker.js';

export interface MessageStreamOptions {
  readonly source: PackageSource;
  readonly limits: PackageLimits;
  readonly index: PackageIndex;
  readonly check: boolean;
  readonly verify: boolean;
  readonly signal: AbortSignal;
}

export async function* checkedChats(options: MessageStreamOptions): AsyncGenerator<Chat[]> {
  const { index } = options;
  const inFlight = new SharedArrayBuffer(4);
  const flow = new Int32Array(inFlight);
  const input: ImportWorkerInput = {
    source: options.source,
    limits: options.limits,
    rooms: Int32Array.from(index.rooms.keys()),
    principals: Int32Array.from(index.principalIds),
    check: options.check,
    verify: options.verify,
    expectedCount: index.counts.messages,
    batchSize: 1000,
    inFlight,
    maxInFlight: 8,
  };
  const worker = new Worker(new URL('./message-import-worker.js', import.meta.url), { workerData: input });
  const queue: ImportWorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  const push = (message: ImportWorkerMessage): void => {
    queue.push(message);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new PcmError(`The import's package reader thread stopped unexpectedly (exit code ${code}).`, { errorId: 'ImportWorkerFailed', category: 'ReadError' });
    wake?.();
  });
  const onAbort = (): void => {
    failure = options.signal.reason;
    wake?.();
  };
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      switch (message.kind) {
        case 'batch':
          Atomics.sub(flow, 0, 1);
          Atomics.notify(flow, 0);
          yield message.chats;
          break;
        case 'done':
          if (options.check) index.messages.absorb(message.perRoom, message.count);
          return;
        case 'error':
          if (message.errorId === 'InvalidPackage' || message.part !== undefined) {
            throw new PackageError(message.message, { ...(message.part ? { part: message.part } : {}), errorId: message.errorId, category: message.category as ErrorCategory });
          }
          throw new PcmError(message.message, { errorId: message.errorId, category: message.category as ErrorCategory });
      }
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    worker.removeAllListeners();
    await worker.terminate();
  }
}
