/**
 * Row mapping between SQL Server's values, as tedious returns them, and the core model. tedious gives bigint as a
 * decimal string (ticks exceed 2^53, so they become bigint here, exactly), uniqueidentifier in upper case (the model
 * keeps GUIDs in lower case), bit as a boolean, datetime as a Date. NVARCHAR holds any UTF-16 code units, lone
 * surrogates included, so text needs no special form (the sqlite dialect needs one).
 */
import type { Addin, Affiliation, Chat, ChatNode, Principal, PrincipalStateId, PrincipalTypeId, RoleEntry, ScopeEntry } from '../../core/model.js';
import { BEHAVIOR_IDS, PRIVACY_BY_VISIBILITY, ROLE_BY_TYPE_ID, ROOM_TYPE_BY_BEHAVIOR, VISIBILITY_IDS } from '../schema-data.js';
import type { Row, Values } from './mssql-driver.js';

const TICKS_AT_UNIX_EPOCH = 621355968000000000n;
const DATETIME_MIN_MS = Date.UTC(1753, 0, 1);
const DATETIME_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 997);

export const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as string | number));
export const bigOrNull = (v: unknown): bigint | null => (v === null || v === undefined ? null : big(v));
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || Number(v) !== 0);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const guid = (v: unknown): string => String(v).toLowerCase();

export function principalFromRow(r: Row): Principal {
  return {
    id: Number(r.prinID),
    guid: guid(r.prinGuid),
    uri: String(r.prinUri),
    type: Number(r.prinTypeID) as PrincipalTypeId,
    name: text(r.prinName),
    displayName: text(r.prinDisplayName),
    company: text(r.prinCompanyName),
    email: text(r.prinEmail),
    adPath: text(r.prinADPath),
    upn: text(r.prinADUserPrincipalName),
    disabled: Number(r.prinDisabled) as PrincipalStateId,
    addedOn: big(r.prinAddedOn),
    updatedOn: big(r.prinUpdatedOn),
  };
}

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

export function nodeFromRow(r: Row, legacy: boolean): ChatNode {
  return {
    id: Number(r.nodeID),
    guid: guid(r.nodeGuid),
    parentId: Number(r.parentID ?? r.nodeID),
    kind: bool(r.nodeType) ? 'Category' : 'ChatRoom',
    name: String(r.nodeName),
    description: text(r.nodeDesc) ?? '',
    invite: bool(r.invite),
    logged: bool(r.logged),
    filePost: bool(r.filePost),
    disabled: bool(r.disabled) === true,
    behavior: ROOM_TYPE_BY_BEHAVIOR.get(Number(r.behavior)) ?? 'Normal',
    visibility: PRIVACY_BY_VISIBILITY.get(Number(r.visibility)) ?? 'Closed',
    addinId: r.siopID === null || r.siopID === undefined ? null : guid(r.siopID),
    addedBy: Number(r.nodeAddedBy),
    updatedBy: Number(r.nodeUpdatedBy),
    addedOn: big(r.nodeAddedOn),
    updatedOn: big(r.nodeUpdatedOn),
    topic: legacy ? text(r.topic) : null,
    inheritance: legacy ? bool(r.inheritance) : null,
    scopeChange: legacy ? bool(r.scopeChange) : null,
    overrideMember: legacy ? bool(r.overrideMember) : null,
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

export const affiliationFromRow = (r: Row): Affiliation => ({ principalId: Number(r.principalID), affiliationId: Number(r.affiliationID), index: Number(r.index) });

export const scopeFromRow = (r: Row): ScopeEntry => ({ nodeId: Number(r.scopeNodeID), principalId: Number(r.scopePrinID), denied: bool(r.scopeIsDenied) === true });

export function roleFromRow(r: Row): RoleEntry | undefined {
  const role = ROLE_BY_TYPE_ID.get(Number(r.prinRoleTypeID));
  return role ? { nodeId: Number(r.prinRoleNodeID), principalId: Number(r.prinRolePrinID), role } : undefined;
}

export const addinFromRow = (r: Row): Addin => ({ id: guid(r.siopID), name: String(r.siopName), url: String(r.siopUrl) });

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
