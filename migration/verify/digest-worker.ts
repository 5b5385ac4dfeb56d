/**
 * A thread that digests the messages of one side of a verification (message-digest.ts): it opens its own read-only
 * connection, takes the rooms in one message and posts one small result per room, so the source and the target are
 * read at the same time and memory holds a batch of messages per side, never a room.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PcmError } from '../../core/errors.js';
import { openStore, type OpenStoreOptions } from '../../store/open-store.js';
import { digestRoom, type RoomDigest } from './message-digest.js';

export interface DigestWorkerInput {
  readonly dbInstance: string;
  readonly openOptions: OpenStoreOptions;
  readonly rooms: Int32Array;
  readonly since: string | null;
  /** Pairs [from, to, from, to, ...]: posters mapped before hashing; absent for the side that hashes its own ids. */
  readonly posterMap: Int32Array | null;
  /** What an unmapped poster becomes (Import's system principal). */
  readonly fallbackPoster: number;
}

export type DigestWorkerMessage =
  | { kind: 'room'; roomId: number; digest: RoomDigest }
  | { kind: 'done' }
  | { kind: 'error'; message: string; errorId: string; category: string };

const input = workerData as DigestWorkerInput;
const port = parentPort!;

async function main(): Promise<void> {
  const store = await openStore(input.dbInstance, { ...input.openOptions, readOnly: true });
  try {
    let poster = (id: number): number => id;
    if (input.posterMap) {
      const map = new Map<number, number>();
      for (let i = 0; i + 1 < input.posterMap.length; i += 2) map.set(input.posterMap[i]!, input.posterMap[i + 1]!);
      poster = (id) => map.get(id) ?? input.fallbackPoster;
    }
    const since = input.since === null ? undefined : BigInt(input.since);
    for (const roomId of input.rooms) {
      const digest = await digestRoom(store, roomId, since, poster);
      port.postMessage({ kind: 'room', roomId, digest } satisfies DigestWorkerMessage);
    }
    port.postMessage({ kind: 'done' } satisfies DigestWorkerMessage);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  const e = error instanceof PcmError ? error : undefined;
  port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error), errorId: e?.errorId ?? 'VerifyWorkerFailed', category: e?.category ?? 'ReadError' } satisfies DigestWorkerMessage);
});
