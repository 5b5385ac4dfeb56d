/**
 * Row mapping between SQL Server's values, as tedious returns them, and the core model. tedious gives bigint as a
 * decimal string (ticks exceed 2^53, so they become bigint here, exactly), uniqueidentifier in upper case (the model
 * keeps GUIDs in lower case), bit as a boolean, datetime as a Date. NVARCHAR holds any UTF-16 code units, lone
 * surrogates included, so text needs no special form (the sqlite dialect needs one).
 */
import { mgcRowMapper } from '../mgc-rows.js';
import type { Chat, ChatNode, Principal } from '../../core/model.js';
import { BEHAVIOR_IDS, VISIBILITY_IDS } from '../schema-data.js';
import type { Row, Values } from './mssql-driver.js';

const TICKS_AT_UNIX_EPOCH = 621355968000000000n;
const DATETIME_MIN_MS = Date.UTC(1753, 0, 1);
const DATETIME_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 997);

export const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as string | number));
export const bigOrNull = (v: unknown): bigint | null => (v === null || v === undefined ? null : big(v));
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || Number(v) !== 0);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));


/** The values of INSERT_PRINCIPAL / UPDATE_PRINCIPAL (without prinID and the audit columns). */
export function principalValues(p: Omit<Principal, 'id'>): Record<string, unknown> {
  return {
    prinGuid: p.guid.toLowerCase(),
    prinUri: p.uri,
    prinName: p.name,
    prinDisplayName: p.displayName,
    prinCompanyName: p.company,
    prinEmail: p.email,
    prinADPath: p.adPath,
    prinADUserPrincipalName: p.upn,
    prinDisabled: p.disabled,
    prinTypeID: p.type,
    prinAddedOn: p.addedOn,
    prinUpdatedOn: p.updatedOn,
    // Derived from the row, never the wall clock, so that re-running an import writes identical rows; kept within
    // what DATETIME holds (1753-01-01 to 9999-12-31 23:59:59.997), as ticks range wider.
    prinVerifiedOn: new Date(Math.min(DATETIME_MAX_MS, Math.max(DATETIME_MIN_MS, Number((p.updatedOn - TICKS_AT_UNIX_EPOCH) / 10000n)))),
  };
}


/** The values of the node INSERT / UPDATE statements (without nodeID); the legacy columns only for Group Chat 2010. */
export function nodeValues(n: Omit<ChatNode, 'id'>, legacy: boolean): Record<string, unknown> {
  const values: Record<string, unknown> = {
    nodeGuid: n.guid.toLowerCase(),
    parentID: n.parentId,
    nodeType: n.kind === 'Category',
    nodeName: n.name,
    nodeDesc: n.description,
    invite: n.invite,
    logged: n.logged,
    filePost: n.filePost,
    disabled: n.disabled,
    behavior: BEHAVIOR_IDS[n.behavior],
    visibility: VISIBILITY_IDS[n.visibility],
    siopID: n.addinId,
    nodeAddedBy: n.addedBy,
    nodeUpdatedBy: n.updatedBy,
    nodeAddedOn: n.addedOn,
    nodeUpdatedOn: n.updatedOn,
  };
  if (legacy) Object.assign(values, { topic: n.topic ?? '', inheritance: n.inheritance, scopeChange: n.scopeChange, overrideMember: n.overrideMember });
  return values;
}





export const chatFromRow = (r: Row): Chat => ({
  roomId: Number(r.channelId),
  chatId: big(r.chatId),
  date: big(r.chatDate),
  userId: Number(r.userId),
  isAlert: bool(r.isAlert) === true,
  content: String(r.content),
  rtf: text(r.rtf),
});

/** The estimated bytes a set of values holds, for the transaction journal's budget. */
export function valuesBytes(values: Values): number {
  let bytes = 0;
  for (const v of Object.values(values)) bytes += typeof v === 'string' ? v.length * 2 + 16 : 16;
  return bytes;
}

// The mapping itself is the same for every dialect (store/mgc-rows.ts); this one decodes text its own way.
const rows = mgcRowMapper(String);
export const principalFromRow = rows.principal;
export const nodeFromRow = rows.node;
export const affiliationFromRow = rows.affiliation;
export const scopeFromRow = rows.scope;
export const roleFromRow = rows.role;
export const addinFromRow = rows.addin;
