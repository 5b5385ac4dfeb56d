/**
 * The content facet's statements (Clear-CsPersistentChatRoom, Remove-CsPersistentChatMessage), written once for
 * every dialect: a room's chats through a date, or chosen chats by id, deleted or given new text. The room's
 * tblLastChatId row is kept by the dialect first, so that no chat id is ever used twice.
 */
import { checkRowCount, IDS_PER_UPDATE, writeStatement, type ParamType, type Statement } from './statement.js';

/** A room's chats posted on or before a tick (tblChat's index on channelId, chatDate). */
export const DELETE_CHATS_THROUGH = writeStatement('DELETE_CHATS_THROUGH', 'DELETE FROM tblChat WHERE channelId = @room AND chatDate <= @through', { room: 'int', through: 'bigint' });

const chatIdList = (ids: number, params: Record<string, ParamType>): string => {
  checkRowCount(ids, IDS_PER_UPDATE);
  for (let i = 0; i < ids; i++) params[`c${i}`] = 'bigint';
  return Array.from({ length: ids }, (_, i) => `@c${i}`).join(', ');
};

/** These chats of a room, deleted. */
export function removeChats(ids: number): Statement {
  const params: Record<string, ParamType> = { room: 'int' };
  const list = chatIdList(ids, params);
  return writeStatement(`REMOVE_CHATS[${ids}]`, `DELETE FROM tblChat WHERE channelId = @room AND chatId IN (${list})`, params);
}

/** New text for these chats of a room; the RTF version, which would still show the old text, dropped. */
export function replaceChats(ids: number): Statement {
  const params: Record<string, ParamType> = { room: 'int', content: 'text' };
  const list = chatIdList(ids, params);
  return writeStatement(`REPLACE_CHATS[${ids}]`, `UPDATE tblChat SET content = @content, rtf = NULL WHERE channelId = @room AND chatId IN (${list})`, params);
}

/** Every statement of the facet, builders at their smallest and largest size, for the static check. */
export function contentStatements(): Statement[] {
  const sizes = [1, 2, IDS_PER_UPDATE];
  return [DELETE_CHATS_THROUGH, ...sizes.flatMap((n) => [removeChats(n), replaceChats(n)])];
}
