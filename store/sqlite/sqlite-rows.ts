/** Column lists and row mapping between mgc tables in SQLite and the core model. */
import type { Addin, Affiliation, Chat, ChatNode, Principal, PrincipalStateId, PrincipalTypeId, RoleEntry, ScopeEntry } from '../../core/model.js';
import { BEHAVIOR_IDS, PRIVACY_BY_VISIBILITY, ROLE_BY_TYPE_ID, ROOM_TYPE_BY_BEHAVIOR, VISIBILITY_IDS } from '../schema-data.js';

type Row = Record<string, unknown>;

const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) !== 0);
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
const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));

export const PRINCIPAL_COLUMNS =
  'prinID, prinGuid, prinUri, prinName, prinDisplayName, prinCompanyName, prinEmail, prinADPath, ' +
  'prinADUserPrincipalName, prinDisabled, prinTypeID, prinAddedOn, prinUpdatedOn';

export function principalFromRow(r: Row): Principal {
  return {
    id: Number(r.prinID),
    guid: String(r.prinGuid).toLowerCase(),
    uri: textValue(r.prinUri),
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

export const NODE_COLUMNS =
  'nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, invite, logged, filePost, disabled, behavior, visibility, ' +
  'siopID, nodeAddedBy, nodeUpdatedBy, nodeAddedOn, nodeUpdatedOn';
export const LEGACY_NODE_COLUMNS = 'topic, inheritance, scopeChange, overrideMember';

export function nodeFromRow(r: Row, legacy: boolean): ChatNode {
  return {
    id: Number(r.nodeID),
    guid: String(r.nodeGuid).toLowerCase(),
    parentId: Number(r.parentID ?? r.nodeID),
    kind: Number(r.nodeType) === 1 ? 'Category' : 'ChatRoom',
    name: textValue(r.nodeName),
    description: text(r.nodeDesc) ?? '',
    invite: bool(r.invite),
    logged: bool(r.logged),
    filePost: bool(r.filePost),
    disabled: Number(r.disabled) !== 0,
    behavior: ROOM_TYPE_BY_BEHAVIOR.get(Number(r.behavior)) ?? 'Normal',
    visibility: PRIVACY_BY_VISIBILITY.get(Number(r.visibility)) ?? 'Closed',
    addinId: r.siopID === null || r.siopID === undefined ? null : String(r.siopID).toLowerCase(),
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

export const affiliationFromRow = (r: Row): Affiliation => ({
  principalId: Number(r.principalID),
  affiliationId: Number(r.affiliationID),
  index: Number(r.index),
});

export const scopeFromRow = (r: Row): ScopeEntry => ({
  nodeId: Number(r.scopeNodeID),
  principalId: Number(r.scopePrinID),
  denied: Number(r.scopeIsDenied) !== 0,
});

export function roleFromRow(r: Row): RoleEntry | undefined {
  const role = ROLE_BY_TYPE_ID.get(Number(r.prinRoleTypeID));
  return role ? { nodeId: Number(r.prinRoleNodeID), principalId: Number(r.prinRolePrinID), role } : undefined;
}

export const addinFromRow = (r: Row): Addin => ({
  id: String(r.siopID).toLowerCase(),
  name: textValue(r.siopName),
  url: textValue(r.siopUrl),
});

/**
 * A tblChat row read raw, in the column order channelId, chatId, chatDate, userId, isAlert, content, rtf, with
 * safeIntegers (ticks exceed 2^53), so every integer arrives as a bigint.
 */
export const chatFromRaw = (r: unknown[]): Chat => ({
  roomId: Number(r[0]),
  chatId: r[1] as bigint,
  date: r[2] as bigint,
  userId: Number(r[3]),
  isAlert: r[4] !== 0n,
  content: typeof r[5] === 'string' ? r[5] : textValue(r[5]),
  rtf: text(r[6]),
});
