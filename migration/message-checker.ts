/**
 * The checks every message record of a package must pass: well-formed fields, a room and a poster the package
 * contains, and chat ids that only go forward within a room. Used by whichever pass reads the messages first: the
 * validation pass, or (for a store that imports in one transaction) the write pass itself, whose transaction then
 * rolls back on the first bad record.
 */
import { PackageError } from '../core/errors.js';
import { faultPoint } from '../core/fault.js';
import type { Chat } from '../core/model.js';
import { PART } from '../archive/package-format.js';
import type { PackageReader } from '../archive/package-reader.js';
import { decodeChat, RecordSite } from '../archive/record-decoders.js';
import type { XmlElement } from '../archive/xml-reader.js';

// No cap of its own: the reader has already refused any record over the record limit (-MaxRecordSizeMB), so a cap
// here could only refuse what that parameter allowed.
const MAX_CONTENT = Number.MAX_SAFE_INTEGER;

export class MessageChecker {
  readonly perRoom = new Map<number, number>();
  count = 0;
  #lastRoom = -1;
  #lastChatId = -1n;

  constructor(
    private readonly rooms: { has(id: number): boolean },
    private readonly principals: ReadonlySet<number>,
  ) {}

  check(site: RecordSite, element: XmlElement): Chat {
    const chat = decodeChat(site, element, MAX_CONTENT);
    if (!this.rooms.has(chat.roomId)) site.fail(element, `the message's room ${chat.roomId} is not in the package`);
    if (!this.principals.has(chat.userId)) site.fail(element, `the message refers to principal ${chat.userId}, which the package does not contain`);
    if (chat.roomId === this.#lastRoom && chat.chatId <= this.#lastChatId) {
      site.fail(element, `chat ids of room ${chat.roomId} go backwards (${chat.chatId} after ${this.#lastChatId})`);
    }
    this.#lastRoom = chat.roomId;
    this.#lastChatId = chat.chatId;
    this.perRoom.set(chat.roomId, (this.perRoom.get(chat.roomId) ?? 0) + 1);
    this.count++;
    return chat;
  }

  /** Takes the counts of a checker that ran in the import's worker thread. */
  absorb(perRoom: readonly (readonly [number, number])[], count: number): void {
    for (const [room, n] of perRoom) this.perRoom.set(room, n);
    this.count = count;
  }

  /** After the last message: the count must be the manifest's. */
  finish(expected: number): void {
    if (this.count !== expected) {
      throw new PackageError(`the manifest counts ${expected} messages but the package holds ${this.count}`, { part: PART.manifest });
    }
  }
}

/** Every message record of every message part, in order, with its position for error messages. */
export async function* messageRecords(reader: PackageReader, verify: boolean): AsyncGenerator<{ site: RecordSite; element: XmlElement }> {
  for (const part of reader.messageParts()) {
    const site: RecordSite = new RecordSite(part);
    for await (const batch of reader.records(part, verify)) {
      for (const element of batch) {
        site.index++;
        yield { site, element };
      }
    }
    faultPoint('import:part-end');
  }
}
