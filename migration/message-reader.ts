/**
 * The main thread's handle on an export's reader thread (message-export-worker.ts). It is started as soon as the
 * source is open, so that the thread's start-up (a V8 isolate, its modules, its own connection) overlaps the main
 * thread's reading of the directory; the job follows in one message once the rooms are known. Whatever the thread
 * says before anyone reads from it is queued, an error included, so nothing is lost in between.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { PcmError, type ErrorCategory } from '../core/errors.js';
import type { OpenStoreOptions } from '../store/open-store.js';
import type { ExportWorkerInput, ExportWorkerJob, ExportWorkerMessage } from './message-export-worker.js';

const MESSAGES_PER_PART = 100000;
const BYTES_PER_PART = 64 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;

export type ReaderMessage = Exclude<ExportWorkerMessage, { kind: 'error' }>;

export class MessageReader {
  readonly #worker: Worker;
  readonly #flow: Int32Array;
  readonly #recycle = new MessageChannel();
  readonly #queue: ExportWorkerMessage[] = [];
  #wake: (() => void) | undefined;
  #failure: unknown;

  private constructor(dbInstance: string, openOptions: OpenStoreOptions) {
    const inFlight = new SharedArrayBuffer(4);
    this.#flow = new Int32Array(inFlight);
    const input: ExportWorkerInput = {
      dbInstance,
      openOptions,
      messagesPerPart: MESSAGES_PER_PART,
      bytesPerPart: BYTES_PER_PART,
      chunkBytes: CHUNK_BYTES,
      recycle: this.#recycle.port2,
      inFlight,
      maxInFlight: 16,
    };
    this.#worker = new Worker(new URL('./message-export-worker.js', import.meta.url), { workerData: input, transferList: [this.#recycle.port2] });
    this.#worker.on('message', (message: ExportWorkerMessage) => {
      this.#queue.push(message);
      this.#wake?.();
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new PcmError(`The export's reader thread stopped unexpectedly (exit code ${code}).`, { errorId: 'ExportWorkerFailed', category: 'ReadError' })));
  }

  /** Starts the thread: it opens `dbInstance` read-only (with the options the main thread used) and waits for its job. */
  static start(dbInstance: string, openOptions: OpenStoreOptions): MessageReader {
    return new MessageReader(dbInstance, openOptions);
  }

  #fail(error: unknown): void {
    this.#failure ??= error;
    this.#wake?.();
  }

  /**
   * Sends the job at once and returns what the thread says, through its 'done'. A chunk stays in flight (counted
   * against the thread's limit) until the consumer asks for the next message, that is, until it has written the
   * chunk; then its buffer goes back to the thread for reuse.
   */
  read(job: ExportWorkerJob, signal: AbortSignal): AsyncGenerator<ReaderMessage> {
    // Posted now, not when the first message is asked for: the caller may do other work while the thread reads.
    this.#worker.postMessage(job);
    return this.#messages(signal);
  }

  async *#messages(signal: AbortSignal): AsyncGenerator<ReaderMessage> {
    signal.throwIfAborted();
    const onAbort = (): void => this.#fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const message = this.#queue.shift();
        if (!message) {
          if (this.#failure !== undefined) throw this.#failure;
          await new Promise<void>((resolve) => (this.#wake = resolve));
          this.#wake = undefined;
          continue;
        }
        if (message.kind === 'error') throw new PcmError(message.message, { errorId: message.errorId, category: message.category as ErrorCategory });
        yield message;
        if (message.kind === 'chunk') {
          const used = message.bytes.buffer as ArrayBuffer;
          if (used.byteLength === CHUNK_BYTES) this.#recycle.port1.postMessage(used, [used]);
          Atomics.sub(this.#flow, 0, 1);
          Atomics.notify(this.#flow, 0);
        }
        if (message.kind === 'done') return;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stops the thread, whether it finished or not. */
  async stop(): Promise<void> {
    this.#worker.removeAllListeners();
    this.#recycle.port1.close();
    await this.#worker.terminate();
  }
}
