/**
 * A room's messages reduced to what the verification compares: the count, the first and last date, and a SHA-256
 * over every message's date, poster, alert flag, content and rtf, computed the same way on both sides, so that one
 * changed byte anywhere changes it. Posters are hashed as target principal ids: the source side maps its ids
 * through the principal map (as Import maps them), the target side hashes its own. Text is hashed as UTF-16 code
 * units (exact even for a lone surrogate), each field length-prefixed so that no two messages hash alike by
 * moving bytes between fields.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Chat } from '../../core/model.js';
import type { Ticks } from '../../core/ticks.js';
import type { StoreReader } from '../../store/store.js';

export interface RoomDigest {
  readonly count: number;
  /** Ticks as decimal text (structured-clone and JSON friendly), or null for an empty room. */
  readonly first: string | null;
  readonly last: string | null;
  readonly sha256: string;
}

/** Maps a poster id to the id that is hashed. */
export type PosterMap = (userId: number) => number;

export function hashMessage(hash: Hash, chat: Chat, poster: number): void {
  const content = Buffer.from(chat.content, 'utf16le');
  const head = `${chat.date}|${poster}|${chat.isAlert ? 1 : 0}|${content.length}|${chat.rtf === null ? -1 : chat.rtf.length}|`;
  hash.update(head);
  hash.update(content);
  if (chat.rtf !== null) hash.update(Buffer.from(chat.rtf, 'utf16le'));
}

/** Streams one room's messages (from `since`, as an export takes them) into its digest. */
export async function digestRoom(store: StoreReader, roomId: number, since: Ticks | undefined, poster: PosterMap, signal?: AbortSignal): Promise<RoomDigest> {
  const hash = createHash('sha256');
  let count = 0;
  let first: Ticks | null = null;
  let last: Ticks | null = null;
  for await (const batch of store.chats(roomId, since)) {
    signal?.throwIfAborted();
    for (const chat of batch) {
      hashMessage(hash, chat, poster(chat.userId));
      if (first === null) first = chat.date;
      last = chat.date;
      count++;
    }
  }
  return { count, first: first === null ? null : String(first), last: last === null ? null : String(last), sha256: hash.digest('hex') };
}
