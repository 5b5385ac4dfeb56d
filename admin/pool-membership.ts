/**
 * What the membership rules need from a pool's database: its principals (to resolve the names a list parameter
 * gives), the graph of who belongs to which group, OU or domain, and each category's scope. Read only by a call that
 * changes membership, a scope or a room's category, since it is the whole principal cache.
 */
import { collect } from '../core/batches.js';
import { PrincipalDirectory } from '../core/identity/principal-reference.js';
import { MembershipGraph, scopeOf, type CategoryScope } from '../core/membership.js';
import type { Store } from '../store/store.js';

export interface Membership {
  readonly principals: PrincipalDirectory;
  readonly graph: MembershipGraph;
  scopeOf(categoryId: number): CategoryScope;
}

export async function readMembership(store: Store): Promise<Membership> {
  const principals = new PrincipalDirectory(await collect(store.principals()));
  const graph = new MembershipGraph();
  for await (const batch of store.affiliations()) graph.add(batch);
  const scopes = await collect(store.scopes());
  return { principals, graph, scopeOf: (id) => scopeOf(id, scopes) };
}
