/**
 * The content facet's writes, written once over named statements (content-statements.ts) for every dialect. The
 * dialect's writer first flushes what it buffers for the room and keeps the room's last chat id, then delegates.
 */
import type { Ticks } from '../../core/ticks.js';
import { DELETE_CHATS_THROUGH, removeChats, replaceChats } from './content-statements.js';
import { chunks, IDS_PER_UPDATE, type StatementRunner } from './statement.js';

export class ContentWrites {
  readonly #runner: StatementRunner;

  constructor(runner: StatementRunner) {
    this.#runner = runner;
  }

  /** Deletes a room's chats posted on or before `through`; returns how many went. */
  deleteThrough(roomId: number, through: Ticks): Promise<number> {
    return this.#runner.run(DELETE_CHATS_THROUGH, { room: roomId, through });
  }

  async remove(roomId: number, chatIds: readonly bigint[]): Promise<void> {
    for (const chunk of chunks(chatIds, IDS_PER_UPDATE)) await this.#runner.run(removeChats(chunk.length), idValues({ room: roomId }, chunk));
  }

  async replace(roomId: number, chatIds: readonly bigint[], content: string): Promise<void> {
    for (const chunk of chunks(chatIds, IDS_PER_UPDATE)) await this.#runner.run(replaceChats(chunk.length), idValues({ room: roomId, content }, chunk));
  }
}

/** A chunk of chat ids as the c0, c1, ... parameters, beside the fixed ones. */
function idValues(fixed: Record<string, unknown>, ids: readonly bigint[]): Record<string, unknown> {
  const values: Record<string, unknown> = { ...fixed };
  ids.forEach((id, i) => (values[`c${i}`] = id));
  return values;
}
