/**
 * Get-CsPersistentChatEligiblePrincipal's operation: the users a category's (or a room's category's) allowed and
 * denied members let into its rooms, with groups, containers and domains expanded through the memberships of the
 * pool's principal cache (core/membership.ts). The directory (nodes, scopes, memberships) is read once; the users
 * are streamed.
 */
import { collect } from '../core/batches.js';
import { PcmError } from '../core/errors.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import { wildcardMatcher } from '../core/identity/wildcard.js';
import { MembershipGraph, scopeOf, withinScope } from '../core/membership.js';
import type { ChatNode, Principal, ScopeEntry } from '../core/model.js';
import { openPoolStore, resolvePool } from './pool-database.js';
import { isUserPrincipal } from './principals.js';

export interface EligibleQuery {
  readonly category?: string | undefined;
  readonly room?: string | undefined;
  readonly poolFqdn?: string | undefined;
  readonly presenters: boolean;
  readonly filter?: string | undefined;
  readonly resultSize?: number | undefined;
}

function notFound(kind: string, name: string, pool: string): PcmError {
  return new PcmError(`There is no ${kind} '${name}' on the pool ${pool}. Get-CsPersistentChat${kind === 'category' ? 'Category' : 'Room'} lists them.`, {
    errorId: kind === 'category' ? 'CategoryNotFound' : 'RoomNotFound',
    category: 'ObjectNotFound',
    target: name,
  });
}

export async function* eligiblePrincipals(query: EligibleQuery): AsyncGenerator<{ principal: Principal; poolFqdn: string }> {
  const named = parsePoolQualifiedName((query.category ?? query.room)!, query.category !== undefined ? 'Category' : 'Room');
  const pool = resolvePool(named.pool ?? query.poolFqdn);
  const store = await openPoolStore(pool, { readOnly: true });
  try {
    const nodes = await collect(store.nodes());
    let category: ChatNode | undefined;
    if (query.category !== undefined) {
      category = nodes.find((n) => n.kind === 'Category' && n.id !== n.parentId && sameName(n.name, named.name));
      if (!category) throw notFound('category', named.name, pool.fqdn);
    } else {
      const room = nodes.find((n) => n.kind === 'ChatRoom' && sameName(n.name, named.name));
      if (!room) throw notFound('room', named.name, pool.fqdn);
      if (query.presenters && room.behavior !== 'Auditorium') {
        throw new PcmError(`The room '${room.name}' is a normal room; presenters exist only in auditorium rooms. Leave out -Presenters to list its eligible members.`, {
          errorId: 'NotAnAuditorium',
          category: 'InvalidOperation',
          target: room.name,
        });
      }
      category = nodes.find((n) => n.id === room.parentId);
    }
    const entries: ScopeEntry[] = [];
    for await (const batch of store.scopes()) entries.push(...batch.filter((e) => e.nodeId === category!.id));
    const scope = scopeOf(category!.id, entries);
    const graph = new MembershipGraph();
    for await (const batch of store.affiliations()) graph.add(batch);
    const matches = query.filter === undefined ? undefined : wildcardMatcher(query.filter);
    let count = 0;
    for await (const batch of store.principals()) {
      for (const principal of batch) {
        if (principal.type === 4 || !isUserPrincipal(principal) || principal.disabled !== 0) continue;
        if (matches && !matches(principal.uri)) continue;
        if (!withinScope(principal.id, scope, graph)) continue;
        yield { principal, poolFqdn: pool.fqdn };
        if (query.resultSize !== undefined && ++count >= query.resultSize) return;
      }
    }
  } finally {
    await store.close();
  }
}
