/**
 * Reading the categories of registered pools (Get-CsPersistentChatCategory): each category with its settings and
 * its AllowedMembers, DeniedMembers and Creators named by SIP address (or, -AsObject, by display name), from the
 * pool's tblNode, tblScopePrincipal and tblPrincipalRole. The root node (its own parent) is not a category an
 * administrator manages.
 */
import { collect } from '../core/batches.js';
import { PcmError } from '../core/errors.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import { principalLabel } from '../core/identity/principal-reference.js';
import type { ChatNode } from '../core/model.js';
import { openPoolStore, resolvePool } from './pool-database.js';
import { listPools } from './pools.js';

export interface CategoryView {
  readonly pool: string;
  readonly node: ChatNode;
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
  readonly creators: readonly string[];
}

export async function listCategories(query: { identity?: string | undefined; poolFqdn?: string | undefined; asObject: boolean }): Promise<CategoryView[]> {
  const named = query.identity === undefined ? undefined : parsePoolQualifiedName(query.identity, 'Identity');
  const pools = named ? [resolvePool(named.pool)] : query.poolFqdn !== undefined ? listPools(query.poolFqdn) : listPools();
  const out: CategoryView[] = [];
  for (const pool of pools) {
    const store = await openPoolStore(pool, { readOnly: true });
    try {
      const categories = (await collect(store.nodes())).filter((n) => n.kind === 'Category' && n.id !== n.parentId && (!named || sameName(n.name, named.name)));
      if (categories.length === 0) continue;
      const ids = new Set(categories.map((c) => c.id));
      const principals = new Map((await collect(store.principals())).map((p) => [p.id, p]));
      const name = (id: number): string => principalLabel(principals.get(id), query.asObject, id);
      const scopes = (await collect(store.scopes())).filter((s) => ids.has(s.nodeId));
      const creators = (await collect(store.roles())).filter((r) => ids.has(r.nodeId) && r.role === 'Creator');
      for (const node of categories) {
        out.push({
          pool: pool.fqdn,
          node,
          allowed: scopes.filter((s) => s.nodeId === node.id && !s.denied).map((s) => name(s.principalId)),
          denied: scopes.filter((s) => s.nodeId === node.id && s.denied).map((s) => name(s.principalId)),
          creators: creators.filter((r) => r.nodeId === node.id).map((r) => name(r.principalId)),
        });
      }
    } finally {
      await store.close();
    }
  }
  if (named && out.length === 0) {
    const pool = resolvePool(named.pool);
    throw new PcmError(`There is no category '${named.name}' on the pool ${pool.fqdn}. Get-CsPersistentChatCategory lists them.`, {
      errorId: 'CategoryNotFound',
      category: 'ObjectNotFound',
      target: `${pool.fqdn}\\${named.name}`,
    });
  }
  return out;
}
