/**
 * The static lookup rows of the Persistent Chat and Group Chat schemas (domain.md §5.2), shared by every dialect.
 * tblRoleType's ids are not documented; ours are recorded in docs/decisions.md. Its permission sets use the bit
 * positions the documentation lists (2 manage, 4 create children, 7 join, 8 chat, 10 read history, 11 see,
 * 12 chat in an auditorium, 13 bypass visibility).
 */
import { PRINCIPAL_TYPE_NAMES, type PrincipalTypeId, type Privacy, type RoleName, type RoomType } from '../core/model.js';

export const PRINCIPAL_TYPE_ROWS: readonly { id: PrincipalTypeId; desc: string; isSystemUser: boolean; isUser: boolean }[] = (
  Object.entries(PRINCIPAL_TYPE_NAMES) as [string, string][]
).map(([id, desc]) => {
  const typeId = Number(id) as PrincipalTypeId;
  return { id: typeId, desc, isSystemUser: typeId === 4, isUser: typeId === 2 || typeId === 4 || typeId === 5 };
});

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

const bit = (...positions: number[]): bigint => positions.reduce((mask, p) => mask | (1n << BigInt(p)), 0n);

export const ROLE_TYPE_IDS: Readonly<Record<RoleName, number>> = { Member: 1, Manager: 2, Voiced: 3, Creator: 4 };
export const ROLE_BY_TYPE_ID: ReadonlyMap<number, RoleName> = new Map(
  (Object.entries(ROLE_TYPE_IDS) as [RoleName, number][]).map(([name, id]) => [id, name]),
);

export const ROLE_TYPE_ROWS = [
  { id: 1, desc: 'Member', permissions: bit(7, 8, 11) },
  { id: 2, desc: 'Manager', permissions: bit(2, 7, 8, 10, 11, 13) },
  { id: 3, desc: 'Voiced', permissions: bit(7, 8, 11, 12) },
  { id: 4, desc: 'Creator', permissions: bit(4, 11) },
] as const;

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
