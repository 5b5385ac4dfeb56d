/**
 * The operations behind New-, Set- and Remove-CsPersistentChatRoom, on the database of a registered pool (tblNode,
 * tblPrincipalRole). Every change claims the pool's database and runs in one transaction; every rule is checked
 * before anything is written, so a refusal leaves the database as it was. The rules are core's: names
 * (core/directory/node-rules.ts), the room's own settings (core/directory/room-rules.ts) and membership within the
 * category's scope (core/membership.ts). Principals and memberships are read only when a call changes membership or
 * the category, so `Get-CsPersistentChatRoom | Set-CsPersistentChatRoom -Disabled $True` stays one cheap call per room.
 */
import { randomUUID } from 'node:crypto';
import { collect } from '../core/batches.js';
import { checkNodeDescription, checkNodeName, refuseNameTaken } from '../core/directory/node-rules.js';
import { checkPresenters, checkPresentersAreMembers, inviteColumn, NEW_ROOM_DEFAULTS, parseRoomInvitations, type RoomInvitations } from '../core/directory/room-rules.js';
import { PcmError } from '../core/errors.js';
import { excerpt } from '../core/excerpt.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import { applyToPrincipals, principalLabel } from '../core/identity/principal-reference.js';
import type { ListModifier } from '../core/list-modifier.js';
import { outsideScope, withinScope } from '../core/membership.js';
import { ROOT_NODE_ID, type ChatNode, type Privacy, type RoleEntry, type RoleName, type RoomType } from '../core/model.js';
import { ticksFromDate } from '../core/ticks.js';
import { SYSTEM_PRINCIPAL } from '../store/schema-data.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';
import { resolvePool, withPoolStore } from './pool-database.js';
import { readMembership } from './pool-membership.js';
import { findCategory, findRoom, nodeIdentity } from './node-lookup.js';

const PURPOSE = 'Persistent Chat room';

/** The roles a room holds, by the parameter that sets them. */
const ROOM_ROLES = { Members: 'Member', Managers: 'Manager', Presenters: 'Voiced' } as const satisfies Record<string, RoleName>;
export type RoomList = keyof typeof ROOM_ROLES;

export interface NewRoomRequest {
  readonly name: string;
  readonly category: string;
  readonly poolFqdn?: string | undefined;
  readonly addin?: string | undefined;
  readonly description?: string | undefined;
  readonly disabled?: boolean | undefined;
  readonly invitations?: string | undefined;
  readonly privacy?: Privacy | undefined;
  readonly type?: RoomType | undefined;
}

export interface RoomChange {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly category?: string | undefined;
  /** An add-in's name; '' or null takes the add-in off the room. */
  readonly addin?: string | null | undefined;
  readonly disabled?: boolean | undefined;
  readonly invitations?: string | undefined;
  readonly privacy?: Privacy | undefined;
  readonly type?: RoomType | undefined;
  /** undefined: unchanged; null: cleared ($null). */
  readonly lists?: Partial<Record<RoomList, ListModifier | null>>;
  readonly asObject?: boolean | undefined;
}

export interface ChangedRoom {
  readonly pool: string;
  readonly room: string;
  /** Role entries a move to another category purged (or, -WhatIf, would purge). */
  readonly purged: number;
}

/** The pool a room is created on: the category's, the one named, or the only one; two different ones are refused. */
function poolFor(category: string, poolFqdn: string | undefined): PoolRegistration {
  const named = parsePoolQualifiedName(category, 'Category').pool;
  if (named !== undefined && poolFqdn !== undefined && !sameName(named, poolFqdn)) {
    throw new PcmError(`-Category names the pool ${named} but -PersistentChatPoolFqdn names ${poolFqdn}; a room is created on its category's pool. Give one of them.`, {
      errorId: 'PoolMismatch',
      category: 'InvalidArgument',
      target: 'PersistentChatPoolFqdn',
    });
  }
  return resolvePool(named ?? poolFqdn);
}

/** The category a room's -Category names among the pool's nodes. */
function categoryOfRoom(nodes: readonly ChatNode[], reference: string, pool: PoolRegistration, verb: string): ChatNode {
  return findCategory(nodes, nodeIdentity(reference, 'Category').name, pool, verb, "; a room's category must exist first");
}

/** The add-in id a name means on the pool; '' or null: none. */
async function addinId(store: Store, name: string | null, pool: PoolRegistration): Promise<string | null> {
  if (name === null || name.trim() === '') return null;
  const { name: wanted } = parsePoolQualifiedName(name, 'Addin');
  const found = (await collect(store.addins())).find((a) => sameName(a.name, wanted));
  if (!found) {
    throw new PcmError(`There is no add-in '${excerpt(wanted)}' on the pool ${pool.fqdn}; register it first with New-CsPersistentChatAddin, or choose one Get-CsPersistentChatAddin lists.`, {
      errorId: 'AddinNotFound',
      category: 'ObjectNotFound',
      target: `${pool.fqdn}\\${wanted}`,
    });
  }
  return found.id;
}

export async function newRoom(request: NewRoomRequest): Promise<{ pool: string; room: string }> {
  const name = checkNodeName(request.name, 'ChatRoom');
  const description = checkNodeDescription(request.description ?? '');
  const invitations: RoomInvitations = request.invitations === undefined ? NEW_ROOM_DEFAULTS.invitations : parseRoomInvitations(request.invitations, name);
  const pool = poolFor(request.category, request.poolFqdn);
  return withPoolStore(pool, true, PURPOSE, async (store) => {
    const nodes = await collect(store.nodes());
    refuseNameTaken(nodes, name, 'ChatRoom', pool.fqdn);
    const category = categoryOfRoom(nodes, request.category, pool, 'New-CsPersistentChatRoom -Category');
    const addin = await addinId(store, request.addin ?? null, pool);
    const now = ticksFromDate(new Date());
    const node: Omit<ChatNode, 'id'> = {
      guid: randomUUID(),
      parentId: category.id,
      kind: 'ChatRoom',
      name,
      description,
      invite: inviteColumn(invitations),
      logged: null,
      filePost: null,
      disabled: request.disabled ?? false,
      behavior: request.type ?? NEW_ROOM_DEFAULTS.type,
      visibility: request.privacy ?? NEW_ROOM_DEFAULTS.privacy,
      addinId: addin,
      addedBy: SYSTEM_PRINCIPAL.id,
      updatedBy: SYSTEM_PRINCIPAL.id,
      addedOn: now,
      updatedOn: now,
      topic: null,
      inheritance: null,
      scopeChange: null,
      overrideMember: null,
    };
    await store.transaction((w) => w.insertNode(node));
    return { pool: pool.fqdn, room: name };
  });
}

export async function setRoom(identity: string, change: RoomChange, whatIf: boolean): Promise<ChangedRoom> {
  const named = nodeIdentity(identity);
  const pool = resolvePool(named.pool);
  const newName = change.name === undefined ? undefined : checkNodeName(change.name, 'ChatRoom');
  const description = change.description === undefined ? undefined : checkNodeDescription(change.description);
  return withPoolStore(pool, !whatIf, PURPOSE, async (store) => {
    const room = await findRoom(store, named.name, pool, 'Set-CsPersistentChatRoom');
    const invitations = change.invitations === undefined ? undefined : parseRoomInvitations(change.invitations, room.name);
    const lists = change.lists ?? {};
    const needsNodes = newName !== undefined || change.category !== undefined;
    const nodes = needsNodes ? await collect(store.nodes()) : [];
    if (newName !== undefined) refuseNameTaken(nodes, newName, 'ChatRoom', pool.fqdn, room.id);
    const category = change.category === undefined ? undefined : categoryOfRoom(nodes, change.category, pool, 'Set-CsPersistentChatRoom -Category');
    const moved = category !== undefined && category.id !== room.parentId;
    const { id, ...current } = room;
    const next: Omit<ChatNode, 'id'> = {
      ...current,
      name: newName ?? room.name,
      description: description ?? room.description,
      parentId: category?.id ?? room.parentId,
      addinId: change.addin === undefined ? room.addinId : await addinId(store, change.addin, pool),
      disabled: change.disabled ?? room.disabled,
      invite: invitations === undefined ? room.invite : inviteColumn(invitations),
      visibility: change.privacy ?? room.visibility,
      behavior: change.type ?? room.behavior,
      updatedOn: ticksFromDate(new Date()),
    };

    // Roles: read the room's own; membership only when lists change or the room moves.
    const roles = await collect(store.nodeRoles(id));
    const byRole = (role: RoleName): number[] => roles.filter((r) => r.role === role).map((r) => r.principalId);
    const listed = { Members: byRole('Member'), Managers: byRole('Manager'), Presenters: byRole('Voiced') };
    const changesLists = Object.values(lists).some((m) => m !== undefined);
    let purged = 0;
    let rolesChanged = false;
    // The presenter rules are checked when what they depend on changes, so a room that breaks them (an old import)
    // can still be disabled or renamed.
    const presenterRules = changesLists || change.type !== undefined || change.privacy !== undefined;
    const membership = changesLists || moved || (presenterRules && listed.Presenters.length > 0) ? await readMembership(store) : undefined;
    const label = (pid: number): string => principalLabel(membership?.principals.byId(pid), Boolean(change.asObject), pid);
    if (membership) {
      const scope = membership.scopeOf(next.parentId);
      const categoryName = (category ?? { name: String(next.parentId) }).name;
      for (const list of Object.keys(ROOM_ROLES) as RoomList[]) {
        const modifier = lists[list];
        if (modifier === undefined) continue;
        const before = new Set(listed[list]);
        const after = applyToPrincipals(listed[list], modifier, list, membership.principals, Boolean(change.asObject));
        const outside = after.filter((pid) => !before.has(pid) && !withinScope(pid, scope, membership.graph));
        if (outside.length > 0) {
          const parent = category ?? (await collect(store.nodes())).find((n) => n.id === next.parentId);
          throw new PcmError(
            `-${list}: ${outside.slice(0, 3).map((pid) => excerpt(label(pid))).join(', ')}${outside.length > 3 ? ', ...' : ''} ${outside.length === 1 ? 'is' : 'are'} not within the category '${excerpt(parent?.name ?? categoryName)}' ` +
              `(its AllowedMembers, less its DeniedMembers), and a room's members, managers and presenters must be. Add them to the category first: Set-CsPersistentChatCategory -AllowedMembers @{Add=...}.`,
            { errorId: 'PrincipalOutsideCategory', category: 'InvalidOperation', target: `${pool.fqdn}\\${room.name}` },
          );
        }
        listed[list] = after;
        rolesChanged = true;
      }
      if (moved) {
        // Microsoft: moving a room purges every entry the new category does not allow.
        for (const list of Object.keys(ROOM_ROLES) as RoomList[]) {
          const out = new Set(outsideScope(listed[list], scope, membership.graph));
          if (out.size === 0) continue;
          purged += out.size;
          listed[list] = listed[list].filter((pid) => !out.has(pid));
          rolesChanged = true;
        }
      }
    }
    if (presenterRules) checkPresenters(next.name, next.behavior, listed.Presenters.map(label));
    if (presenterRules && membership && next.behavior === 'Auditorium') checkPresentersAreMembers(next.name, next.visibility, listed.Presenters, new Set(listed.Members), label);

    if (!whatIf) {
      await store.transaction(async (w) => {
        await w.updateNode(id, next);
        if (rolesChanged) {
          const entries: Omit<RoleEntry, 'nodeId'>[] = [];
          for (const list of Object.keys(ROOM_ROLES) as RoomList[]) for (const principalId of listed[list]) entries.push({ principalId, role: ROOM_ROLES[list] });
          // Roles other than the three lists (none today on a room) are kept.
          for (const r of roles) if (!Object.values(ROOM_ROLES).includes(r.role as never)) entries.push({ principalId: r.principalId, role: r.role });
          await w.replaceRoles(id, entries);
        }
      });
    }
    return { pool: pool.fqdn, room: next.name, purged };
  });
}

export async function removeRoom(identity: string, whatIf: boolean): Promise<{ pool: string; room: string }> {
  const named = nodeIdentity(identity);
  const pool = resolvePool(named.pool);
  return withPoolStore(pool, !whatIf, PURPOSE, async (store) => {
    const room = await findRoom(store, named.name, pool, 'Remove-CsPersistentChatRoom');
    if (room.id === ROOT_NODE_ID) throw new PcmError('The root node is not a room.', { errorId: 'NotAChatRoom', category: 'InvalidArgument', target: room.name });
    if (!whatIf) await store.transaction((w) => w.removeNode(room.id));
    return { pool: pool.fqdn, room: room.name };
  });
}
