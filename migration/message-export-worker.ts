/**
 * The worker thread of an export. Started first, it opens its own read-only connection to the source while the main
 * thread reads the directory, then takes its job (the rooms, the principals) in one message. It reads the messages
 * and encodes
 * them as UTF-8 XML chunks, which it hands to the main thread without copying; the main thread only hashes them and
 * feeds the ZIP writer. Reading and encoding are most of an export's work, and the ZIP's deflate already runs on
 * another thread, so the two overlap instead of taking turns. At most a few chunks are in flight (a shared counter
 * the main thread decrements), so memory does not grow with the package.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { CHAT_RECORD_TEMPLATE, encodeChat, finishRenderedChat, renderedPoster, withRenderedPoster } from '../archive/record-encoders.js';
import { writeUtf8 } from '../archive/utf8-write.js';
import { faultPoint } from '../core/fault.js';
import { PcmError } from '../core/errors.js';
import { openStore, type OpenStoreOptions } from '../store/open-store.js';
import type { Store } from '../store/store.js';

export interface ExportWorkerInput {
  readonly dbInstance: string;
  /** The same connection options the main thread used (structured-cloneable: no signal). */
  readonly openOptions: OpenStoreOptions;
  readonly messagesPerPart: number;
  readonly bytesPerPart: number;
  readonly chunkBytes: number;
  /** Where the main thread returns the chunk buffers it has written, for reuse: no new buffer per chunk. */
  readonly recycle: MessagePort;
  /** Shared Int32Array[1]: chunks posted and not yet written by the main thread. */
  readonly inFlight: SharedArrayBuffer;
  readonly maxInFlight: number;
}

/** What to read, sent once the main thread knows it. */
export interface ExportWorkerJob {
  readonly rooms: readonly { id: number; name: string }[];
  readonly since: string | null;
  readonly knownPrincipals: Int32Array;
  readonly systemPrincipal: number;
}

export type ExportWorkerMessage =
  | { kind: 'begin' }
  | { kind: 'chunk'; bytes: Uint8Array; records: number }
  | { kind: 'end' }
  | { kind: 'progress'; count: number; room: string }
  | { kind: 'unknownPoster'; id: number }
  | { kind: 'done'; perRoom: [number, number][]; posters: number[] }
  | { kind: 'error'; message: string; errorId: string; category: string };

const input = workerData as ExportWorkerInput;
const port = parentPort!;
const inFlight = new Int32Array(input.inFlight);
const post = (message: ExportWorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

/** A returned buffer if there is one (polled: the reading loop never yields to the event loop), else a new one. */
function freshBuffer(): Buffer {
  const returned = receiveMessageOnPort(input.recycle);
  return returned ? Buffer.from(returned.message as ArrayBuffer) : Buffer.allocUnsafe(input.chunkBytes);
}

let buffer = freshBuffer();
let used = 0;
let chunkRecords = 0;
let partRecords = 0;
let partBytes = 0;
let inPart = false;

function sendChunk(): void {
  if (used === 0) return;
  // Wait while the main thread is behind: this is what keeps memory flat.
  for (let n = Atomics.load(inFlight, 0); n >= input.maxInFlight; n = Atomics.load(inFlight, 0)) Atomics.wait(inFlight, 0, n, 1000);
  Atomics.add(inFlight, 0, 1);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, used);
  post({ kind: 'chunk', bytes, records: chunkRecords }, [buffer.buffer as ArrayBuffer]);
  buffer = freshBuffer();
  used = 0;
  chunkRecords = 0;
}

function endPart(): void {
  sendChunk();
  if (inPart) post({ kind: 'end' });
  inPart = false;
}

async function main(): Promise<void> {
  const store = await openStore(input.dbInstance, { ...input.openOptions, readOnly: true });
  try {
    const job = await new Promise<ExportWorkerJob>((resolve) => port.once('message', resolve));
    await read(store, job);
  } finally {
    await store.close();
  }
}

async function read(store: Store, job: ExportWorkerJob): Promise<void> {
  const known = new Set(job.knownPrincipals);
  const perRoom: [number, number][] = [];
  const posters = new Set<number>();
  const unknown = new Set<number>();
  const since = job.since === null ? undefined : BigInt(job.since);
  let count = 0;
  const poster = (userId: number): number => {
    if (known.has(userId)) return userId;
    if (!unknown.has(userId)) post({ kind: 'unknownPoster', id: userId });
    unknown.add(userId);
    return job.systemPrincipal;
  };
  for (const room of job.rooms) {
    let inRoom = 0;
    const batches = store.renderedChats ? store.renderedChats(room.id, since, CHAT_RECORD_TEMPLATE) : store.chats(room.id, since);
    for await (const batch of batches) {
      for (const item of batch) {
        if (!inPart || partRecords >= input.messagesPerPart || partBytes >= input.bytesPerPart) {
          endPart();
          post({ kind: 'begin' });
          inPart = true;
          partRecords = 0;
          partBytes = 0;
        }
        let xml: string;
        if (typeof item === 'string') {
          const userId = renderedPoster(item);
          const id = poster(userId);
          posters.add(id);
          xml = finishRenderedChat(id === userId ? item : withRenderedPoster(item, id));
        } else {
          item.userId = poster(item.userId);
          posters.add(item.userId);
          xml = encodeChat(item);
        }
        if (xml.length * 3 > buffer.length - used) {
          sendChunk();
          if (xml.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(xml.length * 3);
        }
        const written = writeUtf8(buffer, xml, used);
        used += written;
        partBytes += written;
        partRecords++;
        chunkRecords++;
        faultPoint('export:message');
      }
      inRoom += batch.length;
      count += batch.length;
      post({ kind: 'progress', count, room: room.name });
    }
    perRoom.push([room.id, inRoom]);
  }
  endPart();
  post({ kind: 'done', perRoom, posters: [...posters] });
}

main().catch((error: unknown) => {
  const e = error instanceof PcmError ? error : undefined;
  post({ kind: 'error', message: error instanceof Error ? error.message : String(error), errorId: e?.errorId ?? 'ExportWorkerFailed', category: e?.category ?? 'ReadError' });
});
