/**
 * The worker thread of an import: inflates and parses the message parts and checks every record (the most work of
 * an import after SQLite's own), handing batches of checked chats to the main thread, which only writes them. At
 * most a few batches are in flight (a shared counter the main thread decrements), so memory does not grow with the
 * package.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PcmError } from '../core/errors.js';
import type { Chat } from '../core/model.js';
import type { PackageLimits } from '../archive/limits.js';
import { PackageReader, type PackageSource } from '../archive/package-reader.js';
import { decodeChat } from '../archive/record-decoders.js';
import { MessageChecker, messageRecords } from './message-checker.js';

export interface ImportWorkerInput {
  readonly source: PackageSource;
  readonly limits: PackageLimits;
  readonly rooms: Int32Array;
  readonly principals: Int32Array;
  /** Check every record (room, poster, order) and the message count; otherwise only decode. */
  readonly check: boolean;
  /** Compare each part's SHA-256 with the manifest at its end. */
  readonly verify: boolean;
  readonly expectedCount: number;
  readonly batchSize: number;
  /** Shared Int32Array[1]: batches posted and not yet taken by the main thread. */
  readonly inFlight: SharedArrayBuffer;
  readonly maxInFlight: number;
}

export type ImportWorkerMessage =
  | { kind: 'batch'; chats: Chat[] }
  | { kind: 'done'; perRoom: [number, number][]; count: number }
  | { kind: 'error'; message: string; errorId: string; category: string; part: string | undefined };

const input = workerData as ImportWorkerInput;
const port = parentPort!;
const inFlight = new Int32Array(input.inFlight);

function post(chats: Chat[]): void {
  // Wait while the main thread is behind: this is what keeps memory flat.
  for (let n = Atomics.load(inFlight, 0); n >= input.maxInFlight; n = Atomics.load(inFlight, 0)) Atomics.wait(inFlight, 0, n, 1000);
  Atomics.add(inFlight, 0, 1);
  port.postMessage({ kind: 'batch', chats } satisfies ImportWorkerMessage);
}

async function main(): Promise<void> {
  // A Buffer arrives here as a plain Uint8Array (structured clone); the ZIP reader needs a Buffer view of it.
  const source: PackageSource =
    'bytes' in input.source ? { bytes: Buffer.from(input.source.bytes.buffer, input.source.bytes.byteOffset, input.source.bytes.byteLength), label: input.source.label } : input.source;
  const reader = await PackageReader.open(source, input.limits);
  try {
    const checker = new MessageChecker(new Set(input.rooms), new Set(input.principals));
    let batch: Chat[] = [];
    for await (const { site, element } of messageRecords(reader, input.verify)) {
      batch.push(input.check ? checker.check(site, element) : decodeChat(site, element, Number.MAX_SAFE_INTEGER));
      if (batch.length >= input.batchSize) {
        post(batch);
        batch = [];
      }
    }
    if (batch.length > 0) post(batch);
    if (input.check) checker.finish(input.expectedCount);
    port.postMessage({ kind: 'done', perRoom: [...checker.perRoom], count: checker.count } satisfies ImportWorkerMessage);
  } finally {
    reader.close();
  }
}

main().catch((error: unknown) => {
  const e = error instanceof PcmError ? error : undefined;
  const part = (error as { part?: string }).part;
  port.postMessage({
    kind: 'error',
    // A PackageError's message already starts with its part; the main thread rebuilds it without repeating it.
    message: error instanceof Error ? (part && error.message.startsWith(`${part}: `) ? error.message.slice(part.length + 2) : error.message) : String(error),
    errorId: e?.errorId ?? 'ImportWorkerFailed',
    category: e?.category ?? 'ReadError',
    part,
  } satisfies ImportWorkerMessage);
});
