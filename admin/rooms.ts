/**
 * Reading the chat rooms of registered pools (Get-CsPersistentChatRoom), with every filter Microsoft documents
 * (domain.md §3.3.1): Category, Addin, Disabled, Privacy, Type, Invitations, Manager, Member, Filter over Name (and
 * Description with -SearchDescription), ChatContentExceedsMB and ResultSize. Members, managers and presenters are
 * the room's own role entries, named by SIP address or, -AsObject, by display name.
 */
import { collect } from '../core/batches.js';
import { PcmError } from '../core/errors.js';
import { principalFilter } from '../core/identity/principal-filter.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import { principalLabel } from '../core/identity/principal-reference.js';
import type { ChatNode, RoleEntry } from '../core/model.js';
import { openPoolStore, resolvePool } from './pool-database.js';
import { listPools } from './pools.js';

export interface RoomQuery {
  readonly identity?: string | undefined;
  readonly poolFqdn?: string | undefined;
  readonly category?: string | undefined;
  readonly addin?: string | undefined;
  readonly disabled?: boolean | undefined;
  readonly privacy?: string | undefined;
  readonly type?: string | undefined;
  readonly invitations?: string | undefined;
  readonly manager?: string | undefined;
  readonly member?: string | undefined;
  readonly filter?: string | undefined;
  readonly searchDescription: boolean;
  readonly contentExceedsMB?: number | undefined;
  readonly resultSize?: number | undefined;
  readonly asObject: boolean;
}

export interface RoomView {
  readonly pool: string;
  readonly node: ChatNode;
  readonly category: string;
  readonly addin: string | null;
  readonly members: readonly string[];
  readonly managers: readonly string[];
  readonly presenters: readonly string[];
}

/** -Filter: Microsoft's `{Name -like "IT*"}` syntax over Name and Description, or keywords / a wildcard over the name. */
function roomMatcher(filter: string, searchDescription: boolean): (node: ChatNode) => boolean {
  if (/-(eq|ne|like|notlike)\b/i.test(filter)) {
    const test = principalFilter(filter, ['Name', 'Description']);
    return (n) => test({ Name: n.name, Description: n.description });
  }
  const test = principalFilter(filter, ['Name']);
  return (n) => test({ DisplayName: n.name, Name: n.name }) || (searchDescription && test({ DisplayName: n.description, Name: n.description }));
}

export async function listRooms(query: RoomQuery): Promise<RoomView[]> {
  // Microsoft's -ResultSize 0 runs and returns nothing.
  if (query.resultSize === 0) return [];
  const named = query.identity === undefined ? undefined : parsePoolQualifiedName(query.identity, 'Identity');
  const inCategory = query.category === undefined ? undefined : parsePoolQualifiedName(query.category, 'Category');
  const pools = named ? [resolvePool(named.pool)] : inCategory?.pool ? [resolvePool(inCategory.pool)] : query.poolFqdn !== undefined ? listPools(query.poolFqdn) : listPools();
  const matches = query.filter === undefined ? undefined : roomMatcher(query.filter, query.searchDescription);
  const out: RoomView[] = [];
  for (const pool of pools) {
    const store = await openPoolStore(pool, { readOnly: true });
    try {
      const nodes = await collect(store.nodes());
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const addins = await collect(store.addins());
      const principals = new Map((await collect(store.principals())).map((p) => [p.id, p]));
      const bySip = (sip: string): number | undefined => [...principals.values()].find((p) => p.uri.toLowerCase() === sip.trim().toLowerCase())?.id;
      const managerId = query.manager === undefined ? undefined : (bySip(query.manager) ?? -1);
      const memberId = query.member === undefined ? undefined : (bySip(query.member) ?? -1);
      const addinId = query.addin === undefined ? undefined : (addins.find((a) => sameName(a.name, parsePoolQualifiedName(query.addin!, 'Addin').name))?.id ?? '(none)');
      const roles = new Map<number, RoleEntry[]>();
      for (const r of await collect(store.roles())) (roles.get(r.nodeId) ?? roles.set(r.nodeId, []).get(r.nodeId)!).push(r);
      const counts = query.contentExceedsMB === undefined ? undefined : await store.chatCounts();
      for (const node of nodes) {
        if (node.kind !== 'ChatRoom') continue;
        if (named && !sameName(node.name, named.name)) continue;
        const category = byId.get(node.parentId);
        if (inCategory && !(category && sameName(category.name, inCategory.name))) continue;
        if (addinId !== undefined && (node.addinId ?? '').toLowerCase() !== addinId.toLowerCase()) continue;
        if (query.disabled !== undefined && node.disabled !== query.disabled) continue;
        if (query.privacy !== undefined && node.visibility !== query.privacy) continue;
        if (query.type !== undefined && node.behavior !== query.type) continue;
        if (query.invitations !== undefined && (node.invite === false ? 'False' : 'Inherit') !== query.invitations) continue;
        const mine = roles.get(node.id) ?? [];
        if (managerId !== undefined && !mine.some((r) => r.role === 'Manager' && r.principalId === managerId)) continue;
        if (memberId !== undefined && !mine.some((r) => r.role === 'Member' && r.principalId === memberId)) continue;
        if (matches && !matches(node)) continue;
        if (query.contentExceedsMB !== undefined) {
          // Only rooms with messages can exceed a size; their text is summed as UTF-8, streamed room by room.
          if (!counts?.has(node.id)) continue;
          let bytes = 0;
          for await (const batch of store.chats(node.id)) for (const c of batch) bytes += Buffer.byteLength(c.content, 'utf8');
          if (bytes <= query.contentExceedsMB * 1024 * 1024) continue;
        }
        const names = (role: string): string[] => mine.filter((r) => r.role === role).map((r) => principalLabel(principals.get(r.principalId), query.asObject, r.principalId));
        out.push({
          pool: pool.fqdn,
          node,
          category: category?.name ?? '',
          addin: node.addinId === null ? null : (addins.find((a) => a.id.toLowerCase() === node.addinId!.toLowerCase())?.name ?? null),
          members: names('Member'),
          managers: names('Manager'),
          presenters: names('Voiced'),
        });
        if (query.resultSize !== undefined && out.length >= query.resultSize) return out;
      }
    } finally {
      await store.close();
    }
  }
  if (named && out.length === 0) {
    const pool = resolvePool(named.pool);
    throw new PcmError(`There is no chat room '${named.name}' on the pool ${pool.fqdn}. Get-CsPersistentChatRoom lists them.`, {
      errorId: 'RoomNotFound',
      category: 'ObjectNotFound',
      target: `${pool.fqdn}\\${named.name}`,
    });
  }
  return out;
}
