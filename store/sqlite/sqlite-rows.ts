/** Column lists and row mapping between mgc tables in SQLite and the core model. */
import { mgcRowMapper, mgcValueMapper } from '../mgc-rows.js';
import type { Chat } from '../../core/model.js';
import { dateFromTicks } from '../../core/ticks.js';

/**
 * SQLite keeps text as UTF-8, which cannot hold a lone UTF-16 surrogate (SQL Server's nvarchar can). Text that is not
 * well-formed is therefore stored as its UTF-16LE bytes (a BLOB) and decoded on the way out, so it comes back exactly.
 */
export function textParam(value: string | null): string | Buffer | null {
  return value === null || value.isWellFormed() ? value : Buffer.from(value, 'utf16le');
}

export function textValue(v: unknown): string {
  return Buffer.isBuffer(v) ? v.toString('utf16le') : String(v);
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : textValue(v));

export const PRINCIPAL_COLUMNS =
  'prinID, prinGuid, prinUri, prinName, prinDisplayName, prinCompanyName, prinEmail, prinADPath, ' +
  'prinADUserPrincipalName, prinDisabled, prinTypeID, prinAddedOn, prinUpdatedOn';
/**
 * Group Chat 2010's tblPrincipal under the names the mapping reads: prinName is its display name (there is no
 * prinDisplayName), and its type's ptypeIsFederated and ptypeIsUser come along.
 */
export const GROUPCHAT2010_PRINCIPAL_COLUMNS =
  'prinID, prinGuid, prinUri, prinName, prinName AS prinDisplayName, prinCompanyName, prinEmail, prinADPath, ' +
  'prinADUserPrincipalName, prinDisabled, prinTypeID, prinAddedOn, prinUpdatedOn, ' +
  '(SELECT ptypeIsFederated FROM tblPrincipalType WHERE ptypeID = prinTypeID) AS federated, ' +
  '(SELECT ptypeIsUser FROM tblPrincipalType WHERE ptypeID = prinTypeID) AS userType';

export const NODE_COLUMNS =
  'nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, invite, logged, filePost, disabled, behavior, visibility, ' +
  'siopID, nodeAddedBy, nodeUpdatedBy, nodeAddedOn, nodeUpdatedOn';
/** Group Chat 2010's documented tblNode columns; its undocumented ones are added when the source has them. */
export const GROUPCHAT2010_NODE_COLUMNS =
  'nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, invite, logged, filePost, disabled, behavior, visibility, ' +
  'topic, inheritance, scopeChange, overrideMember, scopeDefinerId, roleDefinerId';

// The mapping itself is the same for every dialect (store/mgc-rows.ts); SQLite takes bits as 0/1, text that is not
// well-formed as UTF-16LE bytes, and prinVerifiedOn as ISO 8601 text.
const values = mgcValueMapper({
  text: textParam,
  bit: (v) => (v ? 1 : 0),
  verifiedOn: (ticks) => dateFromTicks(ticks).toISOString(),
});
export const nodeParams = values.node;
export const principalParams = values.principal;

/** The tblChat columns chatFromRaw reads, in its order (Group Chat 2010 has no rtf: NULL in its place). */
export const CHAT_COLUMNS = 'chatId, chatDate, userId, isAlert, content, rtf';
export const GROUPCHAT2010_CHAT_COLUMNS = 'chatId, chatDate, userId, isAlert, content, NULL AS rtf';

/**
 * A tblChat row of one room read raw, in the column order of CHAT_COLUMNS, with
 * safeIntegers (ticks exceed 2^53), so every integer arrives as a bigint. The room is the caller's: not selecting
 * channelId spares a bigint per message, a measurable share of an export's reading.
 */
export const chatFromRaw = (roomId: number, r: unknown[]): Chat => ({
  roomId,
  chatId: r[0] as bigint,
  date: r[1] as bigint,
  userId: Number(r[2]),
  isAlert: r[3] !== 0n,
  content: typeof r[4] === 'string' ? r[4] : textValue(r[4]),
  rtf: text(r[5]),
});

// The mapping itself is the same for every dialect (store/mgc-rows.ts); this one decodes text its own way.
const rows = mgcRowMapper(textValue);
export const principalFromRow = rows.principal;
export const nodeFromRow = rows.node;
export const affiliationFromRow = rows.affiliation;
export const scopeFromRow = rows.scope;
export const roleFromRow = rows.role;
export const addinFromRow = rows.addin;
