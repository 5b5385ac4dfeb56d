/**
 * Rows of the mgc tables <-> the core model, for every dialect. A Group Chat 2010 source is read with the same
 * mapping: its reader selects its own columns under the names used here (prinName as prinDisplayName too, siopId as
 * siopID), and a column it does not have (scopeIsDenied, rtf) is simply absent from the row. Roles come through the
 * database's own tblRoleType, enumerations through its tblEnumValue. Column names are Microsoft's in both; what differs
 * is how a dialect's driver hands over and takes text (SQLite keeps text that is not well-formed UTF-16 as UTF-16LE
 * bytes), bits and dates, so each dialect passes its own encoders. Bits may arrive as booleans, numbers or bigints.
 */
import type { Addin, Affiliation, ChatNode, Principal, PrincipalStateId, PrincipalTypeId, RoleEntry, ScopeEntry } from '../core/model.js';
import { BEHAVIOR_IDS, PRIVACY_BY_VISIBILITY, ROOM_TYPE_BY_BEHAVIOR, VISIBILITY_IDS, type RoleTypes } from './schema-data.js';
import { isFederatedType, isUserType, PrincipalType, PRINCIPAL_TYPE_NAMES, type Privacy, type RoomType } from '../core/model.js';

export type Row = Record<string, unknown>;

/** How a dialect's driver returns a text column (never null here). */
export type TextDecoder = (value: unknown) => string;

export const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as string | number));
export const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || (v !== false && Number(v) !== 0));
const guid = (v: unknown): string => String(v).toLowerCase();

/** tblNode.visibility and behavior values as a database's tblEnumValue names them. */
export interface NodeEnums {
  readonly visibility: ReadonlyMap<number, Privacy>;
  readonly behavior: ReadonlyMap<number, RoomType>;
}

/** The documented 2013 values (domain.md §5.2), for a database whose tblEnumValue says nothing else. */
export const DOCUMENTED_ENUMS: NodeEnums = { visibility: PRIVACY_BY_VISIBILITY, behavior: ROOM_TYPE_BY_BEHAVIOR };

const PRIVACY_BY_NAME: Readonly<Record<string, Privacy>> = { private: 'Secret', scope: 'Closed', open: 'Open' };
const ROOM_TYPE_BY_NAME: Readonly<Record<string, RoomType>> = { normal: 'Normal', auditorium: 'Auditorium' };

/** NodeEnums from tblEnumValue rows (attributeValue names, case-insensitive); unknown names keep the documented ids. */
export function nodeEnumsFrom(rows: readonly { id: number; value: string }[]): NodeEnums {
  const visibility = new Map(DOCUMENTED_ENUMS.visibility);
  const behavior = new Map(DOCUMENTED_ENUMS.behavior);
  for (const row of rows) {
    const name = row.value.trim().toLowerCase();
    const privacy = PRIVACY_BY_NAME[name];
    const type = ROOM_TYPE_BY_NAME[name];
    if (privacy) visibility.set(row.id, privacy);
    if (type) behavior.set(row.id, type);
  }
  return { visibility, behavior };
}

export interface MgcRowMapper {
  principal(r: Row): Principal;
  node(r: Row, legacy: boolean, enums?: NodeEnums): ChatNode;
  affiliation(r: Row): Affiliation;
  scope(r: Row): ScopeEntry;
  role(r: Row, roles: RoleTypes): RoleEntry | undefined;
  addin(r: Row): Addin;
}

/**
 * A principal's type. A Group Chat 2010 reader also hands over its type's ptypeIsFederated (as `federated`): a type
 * the database marks federated is exported as FederatedUser or FederatedGroup, whatever its number, so that the
 * federated rule applies to it on import.
 */
function typeOf(r: Row): PrincipalTypeId {
  let type = Number(r.prinTypeID) as PrincipalTypeId;
  // A type the documentation does not list (tblPrincipalType is static, so only a damaged or unknown database has
  // one) is read by its own flags, when the reader has them: a user kind, or else a group kind.
  if (!(type in PRINCIPAL_TYPE_NAMES) && r.userType !== undefined && r.userType !== null) type = bool(r.userType) ? PrincipalType.User : PrincipalType.Group;
  if (!bool(r.federated) || isFederatedType(type)) return type;
  return isUserType(type) ? PrincipalType.FederatedUser : PrincipalType.FederatedGroup;
}

export function mgcRowMapper(decode: TextDecoder): MgcRowMapper {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : decode(v));
  return {
    principal: (r) => ({
      id: Number(r.prinID),
      guid: guid(r.prinGuid),
      uri: decode(r.prinUri),
      type: typeOf(r),
      name: text(r.prinName),
      displayName: text(r.prinDisplayName),
      company: text(r.prinCompanyName),
      email: text(r.prinEmail),
      adPath: text(r.prinADPath),
      upn: text(r.prinADUserPrincipalName),
      // Group Chat 2010's prinDisabled is a bit, which a driver may hand over as a boolean.
      disabled: Number(r.prinDisabled === true ? 1 : r.prinDisabled === false ? 0 : r.prinDisabled) as PrincipalStateId,
      addedOn: big(r.prinAddedOn),
      updatedOn: big(r.prinUpdatedOn),
    }),
    node: (r, legacy, enums = DOCUMENTED_ENUMS) => {
      const node: ChatNode = {
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
        behavior: enums.behavior.get(Number(r.behavior)) ?? 'Normal',
        visibility: enums.visibility.get(Number(r.visibility)) ?? 'Closed',
        addinId: r.siopID === null || r.siopID === undefined ? null : guid(r.siopID),
        // Group Chat 2010's audit columns are undocumented (groupchat2010-schema.md §3.3): absent, the system user.
        addedBy: Number(r.nodeAddedBy ?? 1),
        updatedBy: Number(r.nodeUpdatedBy ?? 1),
        addedOn: big(r.nodeAddedOn ?? 0),
        updatedOn: big(r.nodeUpdatedOn ?? 0),
        topic: legacy ? text(r.topic) : null,
        inheritance: legacy ? bool(r.inheritance) : null,
        scopeChange: legacy ? bool(r.scopeChange) : null,
        overrideMember: legacy ? bool(r.overrideMember) : null,
      };
      if (r.scopeDefinerId !== undefined && r.scopeDefinerId !== null) node.scopeDefinerId = Number(r.scopeDefinerId);
      if (r.roleDefinerId !== undefined && r.roleDefinerId !== null) node.roleDefinerId = Number(r.roleDefinerId);
      if (legacy && (r.visibility === null || r.visibility === undefined)) node.visibilityInherited = true;
      return node;
    },
    affiliation: (r) => ({ principalId: Number(r.principalID), affiliationId: Number(r.affiliationID), index: Number(r.index) }),
    scope: (r) => ({ nodeId: Number(r.scopeNodeID), principalId: Number(r.scopePrinID), denied: bool(r.scopeIsDenied) === true }),
    role: (r, roles) => {
      const role = roles.byId.get(Number(r.prinRoleTypeID));
      if (!role) return undefined;
      const entry: RoleEntry = { nodeId: Number(r.prinRoleNodeID), principalId: Number(r.prinRolePrinID), role };
      if (r.honorsOverride !== undefined) entry.honorsOverride = bool(r.honorsOverride) !== false;
      if (r.honorsScope !== undefined) entry.honorsScope = bool(r.honorsScope) !== false;
      return entry;
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
  /** The values of a Persistent Chat node's INSERT / UPDATE (without nodeID); Group Chat 2010 has a writer of its own. */
  node(n: Omit<ChatNode, 'id'>): Record<string, unknown>;
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
    node: (n) => ({
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
    }),
  };
}
