/** Column lists and row mapping between mgc tables in SQLite and the core model. */
import { mgcRowMapper } from '../mgc-rows.js';
import type { Chat, ChatNode, Principal } from '../../core/model.js';
import { BEHAVIOR_IDS, VISIBILITY_IDS } from '../schema-data.js';

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


export const NODE_COLUMNS =
  'nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, invite, logged, filePost, disabled, behavior, visibility, ' +
  'siopID, nodeAddedBy, nodeUpdatedBy, nodeAddedOn, nodeUpdatedOn';
export const LEGACY_NODE_COLUMNS = 'topic, inheritance, scopeChange, overrideMember';


const bit = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

export function nodeParams(n: Omit<ChatNode, 'id'>, legacy: boolean): Record<string, unknown> {
  const params: Record<string, unknown> = {
    nodeGuid: n.guid.toLowerCase(),
    parentID: n.parentId,
    nodeType: n.kind === 'Category' ? 1 : 0,
    nodeName: textParam(n.name),
    nodeDesc: textParam(n.description),
    invite: bit(n.invite),
    logged: bit(n.logged),
    filePost: bit(n.filePost),
    disabled: n.disabled ? 1 : 0,
    behavior: BEHAVIOR_IDS[n.behavior],
    visibility: VISIBILITY_IDS[n.visibility],
    siopID: n.addinId,
    nodeAddedBy: n.addedBy,
    nodeUpdatedBy: n.updatedBy,
    nodeAddedOn: n.addedOn,
    nodeUpdatedOn: n.updatedOn,
  };
  if (legacy) {
    Object.assign(params, {
      topic: textParam(n.topic ?? ''),
      inheritance: bit(n.inheritance),
      scopeChange: bit(n.scopeChange),
      overrideMember: bit(n.overrideMember),
    });
  }
  return params;
}

export function principalParams(p: Omit<Principal, 'id'>): Record<string, unknown> {
  return {
    prinGuid: p.guid.toLowerCase(),
    prinUri: textParam(p.uri),
    prinName: textParam(p.name),
    prinDisplayName: textParam(p.displayName),
    prinCompanyName: textParam(p.company),
    prinEmail: textParam(p.email),
    prinADPath: textParam(p.adPath),
    prinADUserPrincipalName: textParam(p.upn),
    prinDisabled: p.disabled,
    prinTypeID: p.type,
    prinAddedOn: p.addedOn,
    prinUpdatedOn: p.updatedOn,
    // A value derived from the row, never the wall clock: re-running an import must write identical rows.
    prinVerifiedOn: new Date(Number((p.updatedOn - 621355968000000000n) / 10000n)).toISOString(),
  };
}

/**
 * A tblChat row of one room read raw, in the column order chatId, chatDate, userId, isAlert, content, rtf, with
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
