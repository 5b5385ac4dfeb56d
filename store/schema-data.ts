/**
 * The static lookup rows of the Persistent Chat (domain.md §5.2) and Group Chat 2010 (groupchat2010-schema.md §3.2,
 * §3.3) schemas, shared by every dialect, for the databases we create. Neither documents tblRoleType's ids, nor 2010
 * its tblEnumValue rows or each type's flags; ours are recorded in docs/decisions.md, and a database is always read
 * through its own lookup rows (roles by rtypeDesc, enumerations by attributeValue), never by these ids. Permission
 * sets use the bit positions the documentation lists (2 manage, 4 create children, 7 join, 8 chat, 9 leave,
 * 10 read history, 11 see, 12 chat in an auditorium, 13 bypass visibility).
 */
import { LEGACY_ONLY_PRINCIPAL_TYPES, PRINCIPAL_TYPE_NAMES, type PrincipalTypeId, type Privacy, type RoleName, type RoomType, type SchemaKind } from '../core/model.js';

export interface PrincipalTypeRow {
  id: PrincipalTypeId;
  desc: string;
  isSystemUser: boolean;
  isUser: boolean;
  /** Group Chat 2010 only (ptypeIsFederated). */
  isFederated: boolean;
}

const ALL_TYPES = (Object.entries(PRINCIPAL_TYPE_NAMES) as [string, string][]).map(([id, desc]) => ({ id: Number(id) as PrincipalTypeId, desc }));

/** Persistent Chat 2013: the eight documented types (no 6, 7, 11). */
export const PRINCIPAL_TYPE_ROWS: readonly PrincipalTypeRow[] = ALL_TYPES.filter((t) => !LEGACY_ONLY_PRINCIPAL_TYPES.includes(t.id)).map(({ id, desc }) => ({
  id,
  desc,
  isSystemUser: id === 4,
  isUser: id === 2 || id === 4 || id === 5,
  isFederated: false,
}));

/**
 * Group Chat 2010: all eleven. The published table lost the column of each "Yes"; the flags follow the meaning of
 * each type and the count of marks per row (groupchat2010-schema.md §3.2): 2, 5, 6 user; 4 system user; 7 user and
 * federated; 11 federated.
 */
export const GROUPCHAT2010_PRINCIPAL_TYPE_ROWS: readonly PrincipalTypeRow[] = ALL_TYPES.map(({ id, desc }) => ({
  id,
  desc,
  isSystemUser: id === 4,
  isUser: id === 2 || id === 5 || id === 6 || id === 7,
  isFederated: id === 7 || id === 11,
}));

export function principalTypeRows(kind: SchemaKind): readonly PrincipalTypeRow[] {
  return kind === 'GroupChat2010' ? GROUPCHAT2010_PRINCIPAL_TYPE_ROWS : PRINCIPAL_TYPE_ROWS;
}

export const ENUM_ATTRIBUTE_ROWS = [
  { id: 1, name: 'Visibility' },
  { id: 2, name: 'Behavior' },
] as const;

export const ENUM_VALUE_ROWS = [
  { id: 2, attributeId: 1, value: 'private' },
  { id: 3, attributeId: 1, value: 'scope' },
  { id: 4, attributeId: 2, value: 'normal' },
  { id: 5, attributeId: 2, value: 'auditorium' },
  { id: 6, attributeId: 1, value: 'open' },
] as const;

/** Group Chat 2010 had no Open rooms (groupchat2010-schema.md §3.3): the 2013 rows without 6. */
export const GROUPCHAT2010_ENUM_VALUE_ROWS = ENUM_VALUE_ROWS.filter((v) => v.id !== 6);

const bit = (...positions: number[]): bigint => positions.reduce((mask, p) => mask | (1n << BigInt(p)), 0n);

export interface RoleTypeRow {
  id: number;
  desc: RoleName;
  permissions: bigint;
  /** Group Chat 2010 only (tblRoleType.honorsOverride / honorsScope; their values are undocumented). */
  honorsOverride: boolean;
  honorsScope: boolean;
}

export const ROLE_TYPE_ROWS: readonly RoleTypeRow[] = [
  { id: 1, desc: 'Member', permissions: bit(7, 8, 11), honorsOverride: true, honorsScope: true },
  { id: 2, desc: 'Manager', permissions: bit(2, 7, 8, 10, 11, 13), honorsOverride: false, honorsScope: true },
  { id: 3, desc: 'Voiced', permissions: bit(7, 8, 11, 12), honorsOverride: true, honorsScope: true },
  { id: 4, desc: 'Creator', permissions: bit(4, 11), honorsOverride: true, honorsScope: true },
];

/**
 * Group Chat 2010's three roles, with the permissions it lists (5 and 6 obsolete; 9 leave). Members can be reset by a
 * new member list below (honorsOverride); managers cannot ("the manager list cannot be reset", gg615024).
 */
export const GROUPCHAT2010_ROLE_TYPE_ROWS: readonly RoleTypeRow[] = [
  { id: 1, desc: 'Member', permissions: bit(7, 8, 9, 11), honorsOverride: true, honorsScope: true },
  { id: 2, desc: 'Manager', permissions: bit(2, 4, 7, 8, 9, 10, 11, 13), honorsOverride: false, honorsScope: true },
  { id: 3, desc: 'Voiced', permissions: bit(7, 8, 9, 11, 12), honorsOverride: true, honorsScope: true },
];

export function roleTypeRows(kind: SchemaKind): readonly RoleTypeRow[] {
  return kind === 'GroupChat2010' ? GROUPCHAT2010_ROLE_TYPE_ROWS : ROLE_TYPE_ROWS;
}

/**
 * A tblRoleType description as a role (case-insensitive, surrounding spaces ignored; the SDK's "Presenter" is
 * Voiced). Undefined for a role this product does not know: its grants are then left out, with a warning.
 */
export function roleNameOf(desc: string): RoleName | undefined {
  const key = desc.trim().toLowerCase();
  if (key === 'presenter') return 'Voiced';
  return (['Member', 'Manager', 'Voiced', 'Creator'] as const).find((r) => r.toLowerCase() === key);
}

/** A database's roles: rtypeID -> role, and role -> rtypeID, as its tblRoleType says. */
export interface RoleTypes {
  readonly byId: ReadonlyMap<number, RoleName>;
  readonly idOf: Readonly<Partial<Record<RoleName, number>>>;
  /** Rows whose description is no role we know, for a warning. */
  readonly unknown: readonly { id: number; desc: string }[];
}

export function roleTypesFrom(rows: readonly { id: number; desc: string }[]): RoleTypes {
  const byId = new Map<number, RoleName>();
  const idOf: Partial<Record<RoleName, number>> = {};
  const unknown: { id: number; desc: string }[] = [];
  for (const row of rows) {
    const role = roleNameOf(row.desc);
    if (!role || idOf[role] !== undefined) {
      unknown.push(row);
      continue;
    }
    byId.set(row.id, role);
    idOf[role] = row.id;
  }
  return { byId, idOf, unknown };
}

export const VISIBILITY_IDS: Readonly<Record<Privacy, number>> = { Secret: 2, Closed: 3, Open: 6 };
export const PRIVACY_BY_VISIBILITY: ReadonlyMap<number, Privacy> = new Map([
  [2, 'Secret'],
  [3, 'Closed'],
  [6, 'Open'],
]);
export const BEHAVIOR_IDS: Readonly<Record<RoomType, number>> = { Normal: 4, Auditorium: 5 };
export const ROOM_TYPE_BY_BEHAVIOR: ReadonlyMap<number, RoomType> = new Map([
  [4, 'Normal'],
  [5, 'Auditorium'],
]);

/** The AD-sync system user every mgc database has (prinID 1, "updatedBy 1 = AD sync", domain.md §5). */
export const SYSTEM_PRINCIPAL = {
  id: 1,
  guid: '00000000-0000-0000-0000-000000000001',
  uri: 'ma-grp://system/adsync',
  name: 'AD Sync',
} as const;
