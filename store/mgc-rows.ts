/**
 * Rows of the mgc tables <-> the core model, for every dialect. Column names are Microsoft's in both; what differs
 * is how a dialect's driver hands over and takes text (SQLite keeps text that is not well-formed UTF-16 as UTF-16LE
 * bytes), bits and dates, so each dialect passes its own encoders. Bits may arrive as booleans, numbers or bigints.
 */
import type { Addin, Affiliation, ChatNode, Principal, PrincipalStateId, PrincipalTypeId, RoleEntry, ScopeEntry } from '../core/model.js';
import { BEHAVIOR_IDS, PRIVACY_BY_VISIBILITY, ROLE_BY_TYPE_ID, ROOM_TYPE_BY_BEHAVIOR, VISIBILITY_IDS } from './schema-data.js';

export type Row = Record<string, unknown>;

/** How a dialect's driver returns a text column (never null here). */
export type TextDecoder = (value: unknown) => string;

export const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as string | number));
export const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || (v !== false && Number(v) !== 0));
const guid = (v: unknown): string => String(v).toLowerCase();

export interface MgcRowMapper {
  principal(r: Row): Principal;
  node(r: Row, legacy: boolean): ChatNode;
  affiliation(r: Row): Affiliation;
  scope(r: Row): ScopeEntry;
  role(r: Row): RoleEntry | undefined;
  addin(r: Row): Addin;
}

export function mgcRowMapper(decode: TextDecoder): MgcRowMapper {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : decode(v));
  return {
    principal: (r) => ({
      id: Number(r.prinID),
      guid: guid(r.prinGuid),
      uri: decode(r.prinUri),
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
    }),
    node: (r, legacy) => ({
      id: Number(r.nodeID),
      guid: guid(r.nodeGuid),
      parentId: Number(r.parentID ?? r.nodeID),
      kind: bool(r.nodeType) ? 'Category' : 'ChatRoom',
      name: decode(r.nodeName),
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
    }),
    affiliation: (r) => ({ principalId: Number(r.principalID), affiliationId: Number(r.affiliationID), index: Number(r.index) }),
    scope: (r) => ({ nodeId: Number(r.scopeNodeID), principalId: Number(r.scopePrinID), denied: bool(r.scopeIsDenied) === true }),
    role: (r) => {
      const role = ROLE_BY_TYPE_ID.get(Number(r.prinRoleTypeID));
      return role ? { nodeId: Number(r.prinRoleNodeID), principalId: Number(r.prinRolePrinID), role } : undefined;
    },
    addin: (r) => ({ id: guid(r.siopID), name: decode(r.siopName), url: decode(r.siopUrl) }),
  };
}

/** How a dialect's driver takes a value of each kind the mgc tables hold. */
export interface MgcEncoders {
  text(value: string): unknown;
  bit(value: boolean): unknown;
  /** prinVerifiedOn, from the principal's update time (never the wall clock: a re-run writes identical rows). */
  verifiedOn(updatedOn: bigint): unknown;
}

export interface MgcValueMapper {
  /** The values of a principal's INSERT / UPDATE (without prinID and the audit columns). */
  principal(p: Omit<Principal, 'id'>): Record<string, unknown>;
  /** The values of a node's INSERT / UPDATE (without nodeID); the legacy columns only for Group Chat 2010. */
  node(n: Omit<ChatNode, 'id'>, legacy: boolean): Record<string, unknown>;
}

export function mgcValueMapper(encode: MgcEncoders): MgcValueMapper {
  const text = (v: string | null): unknown => (v === null ? null : encode.text(v));
  const bit = (v: boolean | null): unknown => (v === null ? null : encode.bit(v));
  return {
    principal: (p) => ({
      prinGuid: p.guid.toLowerCase(),
      prinUri: encode.text(p.uri),
      prinName: text(p.name),
      prinDisplayName: text(p.displayName),
      prinCompanyName: text(p.company),
      prinEmail: text(p.email),
      prinADPath: text(p.adPath),
      prinADUserPrincipalName: text(p.upn),
      prinDisabled: p.disabled,
      prinTypeID: p.type,
      prinAddedOn: p.addedOn,
      prinUpdatedOn: p.updatedOn,
      prinVerifiedOn: encode.verifiedOn(p.updatedOn),
    }),
    node: (n, legacy) => {
      const values: Record<string, unknown> = {
        nodeGuid: n.guid.toLowerCase(),
        parentID: n.parentId,
        nodeType: encode.bit(n.kind === 'Category'),
        nodeName: encode.text(n.name),
        nodeDesc: encode.text(n.description),
        invite: bit(n.invite),
        logged: bit(n.logged),
        filePost: bit(n.filePost),
        disabled: encode.bit(n.disabled),
        behavior: BEHAVIOR_IDS[n.behavior],
        visibility: VISIBILITY_IDS[n.visibility],
        siopID: n.addinId,
        nodeAddedBy: n.addedBy,
        nodeUpdatedBy: n.updatedBy,
        nodeAddedOn: n.addedOn,
        nodeUpdatedOn: n.updatedOn,
      };
      if (legacy) {
        Object.assign(values, {
          topic: encode.text(n.topic ?? ''),
          inheritance: bit(n.inheritance),
          scopeChange: bit(n.scopeChange),
          overrideMember: bit(n.overrideMember),
        });
      }
      return values;
    },
  };
}
