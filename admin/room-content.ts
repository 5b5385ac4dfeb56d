/**
 * The operations behind Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage, on the database of a
 * registered pool (tblChat). Every input is checked before the database is opened (core/directory/message-*.ts);
 * a change claims the pool's database and runs in one transaction; -WhatIf counts and writes nothing. A room's
 * messages are read in the store's batches and each batch's matches are written before the next is read, so memory
 * does not grow with the room. tblLastChatId keeps each room's last chat id: no id is ever given out twice.
 */
import { PcmError } from '../core/errors.js';
import { excerpt } from '../core/excerpt.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import type { MatchClause } from '../core/directory/message-match.js';
import { endTicks, messageAction, messageSelection, type MessageAction } from '../core/directory/message-selection.js';
import { isUserType, type ChatNode } from '../core/model.js';
import type { Ticks } from '../core/ticks.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store, StoreWriter } from '../store/store.js';
import { resolvePool, withPoolStore } from './pool-database.js';
import { findRoom, nodeIdentity } from './node-lookup.js';

const PURPOSE = 'Persistent Chat room content';

export interface ClearedRoom {
  readonly pool: string;
  readonly room: string;
  /** The last tick cleared (EndDate, to the end of its day when it is a date alone). */
  readonly through: Ticks;
  /** Messages deleted, or with -WhatIf that would be. */
  readonly count: number;
}

export interface MessageRemoval {
  readonly identity: string;
  readonly userUri?: string | undefined;
  readonly startDate?: Date | undefined;
  readonly endDate?: Date | undefined;
  readonly filter?: string | undefined;
  readonly matchClause?: MatchClause | undefined;
  readonly caseSensitive?: boolean | undefined;
  readonly remove?: boolean | undefined;
  readonly replaceMessage?: string | undefined;
}

export interface RemovedMessages {
  readonly pool: string;
  readonly room: string;
  readonly action: MessageAction;
  /** Messages removed or given the new text (with -WhatIf: that would be). */
  readonly count: number;
  /** Selected messages that already held exactly the replacement text, without RTF: left as they were. */
  readonly unchanged: number;
}

/** Clear-CsPersistentChatRoom: deletes a room's messages from the oldest through EndDate, inclusive. */
export async function clearRoom(identity: string, endDate: Date, whatIf: boolean): Promise<ClearedRoom> {
  const named = nodeIdentity(identity);
  const pool = resolvePool(named.pool);
  const through = endTicks(endDate);
  return withPoolStore(pool, !whatIf, PURPOSE, async (store) => {
    const room = await findRoom(store, named.name, pool, 'Clear-CsPersistentChatRoom');
    const count = whatIf ? await store.countChatsThrough(room.id, through) : await store.transaction((w) => w.deleteChatsThrough(room.id, through));
    return { pool: pool.fqdn, room: room.name, through, count };
  });
}

/**
 * The poster -UserUri names: the principal with that SIP address (the sip: prefix may be left out), which must be a
 * user. The principals are streamed, not held.
 */
async function posterOf(store: Store, userUri: string, pool: PoolRegistration): Promise<number> {
  const text = userUri.trim().toLowerCase();
  const wanted = text.startsWith('sip:') || !text.includes('@') ? text : `sip:${text}`;
  for await (const batch of store.principals()) {
    const principal = batch.find((p) => p.uri.toLowerCase() === wanted);
    if (!principal) continue;
    if (isUserType(principal.type)) return principal.id;
    throw new PcmError(`-UserUri '${excerpt(userUri)}' names ${excerpt(principal.uri)}, which is not a user: only users post messages. Give the SIP address of the user who posted them, for example sip:kenmyer@litwareinc.com.`, {
      errorId: 'UserUriNotAUser',
      category: 'InvalidArgument',
      target: userUri,
    });
  }
  throw new PcmError(
    `-UserUri '${excerpt(userUri)}': the pool ${pool.fqdn} has no user with that SIP address (the principal is not provisioned), so nobody of that name posted there. ` +
      'Give the poster\'s SIP address as sip:user@domain; Get-CsAdPrincipal lists the users the pool knows.',
    { errorId: 'PrincipalNotProvisioned', category: 'ObjectNotFound', target: userUri },
  );
}

/** Remove-CsPersistentChatMessage: removes the selected messages of a room, or replaces their text. */
export async function removeMessages(request: MessageRemoval, whatIf: boolean): Promise<RemovedMessages> {
  const named = nodeIdentity(request.identity);
  const action = messageAction(request.remove, request.replaceMessage);
  const selection = messageSelection(
    {
      byPoster: request.userUri !== undefined,
      startDate: request.startDate,
      endDate: request.endDate,
      filter: request.filter,
      matchClause: request.matchClause,
      caseSensitive: request.caseSensitive,
    },
    request.identity,
  );
  const pool = resolvePool(named.pool);
  return withPoolStore(pool, !whatIf, PURPOSE, async (store) => {
    const room = await findRoom(store, named.name, pool, 'Remove-CsPersistentChatMessage');
    const posterId = request.userUri === undefined ? undefined : await posterOf(store, request.userUri, pool);
    const apply = async (writer: StoreWriter | undefined): Promise<{ count: number; unchanged: number }> => {
      let count = 0;
      let unchanged = 0;
      // One batch at a time: its matches are written before the next batch is read (both dialects page on keys,
      // so the read holds nothing open while the writer works).
      for await (const batch of store.chats(room.id, selection.since)) {
        const ids: bigint[] = [];
        for (const chat of batch) {
          if (!selection.test(chat, posterId)) continue;
          if (action.kind === 'replace' && chat.content === action.text && chat.rtf === null) unchanged++;
          else ids.push(chat.chatId);
        }
        count += ids.length;
        if (!writer || ids.length === 0) continue;
        if (action.kind === 'remove') await writer.removeChats(room.id, ids);
        else await writer.replaceChats(room.id, ids, action.text);
      }
      return { count, unchanged };
    };
    const done = whatIf ? await apply(undefined) : await store.transaction((w) => apply(w));
    return { pool: pool.fqdn, room: room.name, action, ...done };
  });
}
