/**
 * The operations behind New-, Set- and Remove-CsPersistentChatCategory, on the database of a registered pool
 * (tblNode, tblScopePrincipal, tblPrincipalRole). Every change claims the pool's database and runs in one
 * transaction; every rule is checked before anything is written, so a refusal leaves the database as it was. The
 * rules are core's: names (core/directory/node-rules.ts) and scopes (core/membership.ts, core/directory/category-rules.ts).
 */
import { randomUUID } from 'node:crypto';
import { collect } from '../core/batches.js';
import { checkAllowedDeniedApart, checkCreatorsWithinScope, NEW_CATEGORY_DEFAULTS } from '../core/directory/category-rules.js';
import { checkNodeDescription, checkNodeName, refuseNameTaken } from '../core/directory/node-rules.js';
import { PcmError } from '../core/errors.js';
import { excerpt } from '../core/excerpt.js';
import { applyToPrincipals, principalLabel } from '../core/identity/principal-reference.js';
import type { ListModifier } from '../core/list-modifier.js';
import { outsideScope, withinScope, type CategoryScope, type MembershipGraph } from '../core/membership.js';
import { ROOT_NODE_ID, type ChatNode, type RoleEntry } from '../core/model.js';
import { ticksFromDate } from '../core/ticks.js';
import { SYSTEM_PRINCIPAL } from '../store/schema-data.js';
import type { Store } from '../store/store.js';
import { findCategory, nodeIdentity } from './node-lookup.js';
import { resolvePool, withPoolStore } from './pool-database.js';
import { readMembership } from './pool-membership.js';

const PURPOSE = 'Persistent Chat category';

export type CategoryList = 'AllowedMembers' | 'DeniedMembers' | 'Creators';

export interface NewCategoryRequest {
  readonly name: string;
  readonly poolFqdn?: string | undefined;
  readonly description?: string | undefined;
  readonly enableFileUpload?: boolean | undefined;
  readonly enableInvitations?: boolean | undefined;
  readonly removeChatHistory?: boolean | undefined;
}

export interface CategoryChange {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly chatHistory?: boolean | undefined;
  readonly fileUpload?: boolean | undefined;
  readonly invitations?: boolean | undefined;
  /** undefined: unchanged; null: cleared ($null). */
  readonly lists?: Partial<Record<CategoryList, ListModifier | null>>;
  readonly asObject?: boolean | undefined;
}

export interface ChangedCategory {
  readonly pool: string;
  readonly category: string;
  /** Room members, managers and presenters, and the category's creators, a narrower scope purged (or would purge). */
  readonly purged: number;
  /** The rooms those entries were in. */
  readonly purgedRooms: number;
}

export async function newCategory(request: NewCategoryRequest): Promise<{ pool: string; category: string }> {
  const name = checkNodeName(request.name, 'Category');
  const description = checkNodeDescription(request.description ?? '');
  const pool = resolvePool(request.poolFqdn);
  return withPoolStore(pool, true, PURPOSE, async (store) => {
    refuseNameTaken(await collect(store.nodes()), name, 'Category', pool.fqdn);
    const now = ticksFromDate(new Date());
    const node: Omit<ChatNode, 'id'> = {
      guid: randomUUID(),
      parentId: ROOT_NODE_ID,
      kind: 'Category',
      name,
      description,
      invite: request.enableInvitations ?? NEW_CATEGORY_DEFAULTS.invitations,
      logged: request.removeChatHistory === undefined ? NEW_CATEGORY_DEFAULTS.chatHistory : !request.removeChatHistory,
      filePost: request.enableFileUpload ?? NEW_CATEGORY_DEFAULTS.fileUpload,
      disabled: false,
      behavior: 'Normal',
      visibility: 'Closed',
      addinId: null,
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
    return { pool: pool.fqdn, category: name };
  });
}

/**
 * The principals a scope change excludes: those the old scope admitted and the new one does not. Entries an old
 * import left outside the scope (a root manager pushed to every room, say) are not judged by an unrelated change.
 */
function excluded(principalIds: Iterable<number>, before: CategoryScope, after: CategoryScope, graph: MembershipGraph): Set<number> {
  const out = outsideScope(principalIds, after, graph);
  return new Set(out.filter((id) => withinScope(id, before, graph)));
}

/** The role entries each room of the category keeps when a scope change excludes some principals (rooms that lose none are left out). */
function purgeExcluded(roles: readonly RoleEntry[], before: CategoryScope, after: CategoryScope, graph: MembershipGraph): Map<number, RoleEntry[]> {
  const byNode = new Map<number, RoleEntry[]>();
  for (const r of roles) {
    const list = byNode.get(r.nodeId);
    if (list) list.push(r);
    else byNode.set(r.nodeId, [r]);
  }
  const kept = new Map<number, RoleEntry[]>();
  for (const [nodeId, entries] of byNode) {
    const out = excluded(new Set(entries.map((e) => e.principalId)), before, after, graph);
    if (out.size > 0) kept.set(nodeId, entries.filter((e) => !out.has(e.principalId)));
  }
  return kept;
}

async function rolesOf(store: Store, nodeIds: ReadonlySet<number>): Promise<RoleEntry[]> {
  const out: RoleEntry[] = [];
  for (const id of nodeIds) for await (const batch of store.nodeRoles(id)) out.push(...batch);
  return out;
}

export async function setCategory(identity: string, change: CategoryChange, whatIf: boolean): Promise<ChangedCategory> {
  const named = nodeIdentity(identity);
  const pool = resolvePool(named.pool);
  const newName = change.name === undefined ? undefined : checkNodeName(change.name, 'Category');
  const description = change.description === undefined ? undefined : checkNodeDescription(change.description);
  return withPoolStore(pool, !whatIf, PURPOSE, async (store) => {
    const nodes = await collect(store.nodes());
    const category = findCategory(nodes, named.name, pool, 'Set-CsPersistentChatCategory');
    if (newName !== undefined) refuseNameTaken(nodes, newName, 'Category', pool.fqdn, category.id);
    const { id, ...current } = category;
    const next: Omit<ChatNode, 'id'> = {
      ...current,
      name: newName ?? category.name,
      description: description ?? category.description,
      logged: change.chatHistory ?? category.logged,
      filePost: change.fileUpload ?? category.filePost,
      invite: change.invitations ?? category.invite,
      updatedOn: ticksFromDate(new Date()),
    };

    const lists = change.lists ?? {};
    const changesScope = lists.AllowedMembers !== undefined || lists.DeniedMembers !== undefined;
    const changesCreators = lists.Creators !== undefined;
    let scopeEntries: { principalId: number; denied: boolean }[] | undefined;
    let creators: number[] | undefined;
    let roomRoles = new Map<number, RoleEntry[]>();
    let categoryRoles: RoleEntry[] = [];
    let purged = 0;
    if (changesScope || changesCreators) {
      const membership = await readMembership(store);
      const asObject = Boolean(change.asObject);
      const label = (pid: number): string => principalLabel(membership.principals.byId(pid), asObject, pid);
      const scope = membership.scopeOf(id);
      const allowed = lists.AllowedMembers === undefined ? [...scope.allowed] : applyToPrincipals([...scope.allowed], lists.AllowedMembers, 'AllowedMembers', membership.principals, asObject);
      const denied = lists.DeniedMembers === undefined ? [...scope.denied] : applyToPrincipals([...scope.denied], lists.DeniedMembers, 'DeniedMembers', membership.principals, asObject);
      checkAllowedDeniedApart(next.name, allowed, denied, label);
      const nextScope: CategoryScope = { allowed: new Set(allowed), denied: new Set(denied) };

      const rooms = new Set(nodes.filter((n) => n.kind === 'ChatRoom' && n.parentId === id).map((n) => n.id));
      const roles = await rolesOf(store, new Set([id, ...rooms]));
      categoryRoles = roles.filter((r) => r.nodeId === id);
      const currentCreators = categoryRoles.filter((r) => r.role === 'Creator').map((r) => r.principalId);
      creators = changesCreators ? applyToPrincipals(currentCreators, lists.Creators!, 'Creators', membership.principals, asObject) : currentCreators;
      const before = new Set(currentCreators);
      checkCreatorsWithinScope(next.name, creators.filter((pid) => !before.has(pid)), nextScope, membership.graph, label);
      if (changesScope) {
        scopeEntries = [...allowed.map((principalId) => ({ principalId, denied: false })), ...denied.map((principalId) => ({ principalId, denied: true }))];
        // A narrower scope purges what it no longer admits, as a move to another category does (domain.md §1.3):
        // the rooms' members, managers and presenters, and the category's creators, that this change excludes.
        const outCreators = excluded(creators, scope, nextScope, membership.graph);
        purged += outCreators.size;
        creators = creators.filter((pid) => !outCreators.has(pid));
        roomRoles = purgeExcluded(roles.filter((r) => r.nodeId !== id), scope, nextScope, membership.graph);
        for (const [roomId, kept] of roomRoles) purged += roles.filter((r) => r.nodeId === roomId).length - kept.length;
      }
    }

    if (!whatIf) {
      await store.transaction(async (w) => {
        await w.updateNode(id, next);
        if (scopeEntries) await w.replaceScopes(id, scopeEntries);
        if (creators) {
          const others = categoryRoles.filter((r) => r.role !== 'Creator').map(({ principalId, role }) => ({ principalId, role }));
          await w.replaceRoles(id, [...others, ...creators.map((principalId) => ({ principalId, role: 'Creator' as const }))]);
        }
        for (const [roomId, kept] of roomRoles) await w.replaceRoles(roomId, kept.map(({ principalId, role }) => ({ principalId, role })));
      });
    }
    return { pool: pool.fqdn, category: next.name, purged, purgedRooms: roomRoles.size };
  });
}

export async function removeCategory(identity: string, whatIf: boolean): Promise<{ pool: string; category: string }> {
  const named = nodeIdentity(identity);
  const pool = resolvePool(named.pool);
  return withPoolStore(pool, !whatIf, PURPOSE, async (store) => {
    const nodes = await collect(store.nodes());
    const category = findCategory(nodes, named.name, pool, 'Remove-CsPersistentChatCategory');
    const inside = nodes.filter((n) => n.parentId === category.id && n.id !== category.id);
    if (inside.length > 0) {
      const names = inside.slice(0, 3).map((n) => `'${excerpt(n.name)}'`).join(', ') + (inside.length > 3 ? ', ...' : '');
      throw new PcmError(
        `The category '${excerpt(category.name)}' on the pool ${pool.fqdn} still holds ${inside.length} chat room${inside.length === 1 ? '' : 's'} (${names}); a category is removed only when it is empty. ` +
          `Move its rooms to another category (Set-CsPersistentChatRoom -Category) or delete them (Remove-CsPersistentChatRoom) first; Get-CsPersistentChatRoom -Category "${pool.fqdn}\\${category.name}" lists them.`,
        { errorId: 'CategoryNotEmpty', category: 'InvalidOperation', target: `${pool.fqdn}\\${category.name}` },
      );
    }
    if (!whatIf) await store.transaction((w) => w.removeNode(category.id));
    return { pool: pool.fqdn, category: category.name };
  });
}
