/**
 * Who may be in a category's rooms (domain.md §1.3, §4.6): a principal is within a category's scope when it, or a
 * group, container or domain it belongs to (through any chain of memberships), is among the category's
 * AllowedMembers, and none of them is among its DeniedMembers: deny wins over allow. Rooms have no scope of their
 * own; their members, managers and presenters must be within their category's. Written once here, for
 * Get-CsPersistentChatEligiblePrincipal and for every cmdlet that changes membership.
 */
import type { Affiliation, ScopeEntry } from './model.js';

export class MembershipGraph {
  readonly #parents = new Map<number, number[]>();
  readonly #closure = new Map<number, ReadonlySet<number>>();

  add(affiliations: readonly Affiliation[]): void {
    for (const a of affiliations) {
      if (a.affiliationId === a.principalId) continue;
      let list = this.#parents.get(a.principalId);
      if (!list) this.#parents.set(a.principalId, (list = []));
      list.push(a.affiliationId);
    }
  }

  /** The principal and everything it belongs to, directly or through others (cycles are harmless). */
  closure(principalId: number): ReadonlySet<number> {
    const known = this.#closure.get(principalId);
    if (known) return known;
    const seen = new Set<number>([principalId]);
    const stack = [principalId];
    while (stack.length > 0) {
      for (const parent of this.#parents.get(stack.pop()!) ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push(parent);
        }
      }
    }
    this.#closure.set(principalId, seen);
    return seen;
  }
}

export interface CategoryScope {
  readonly allowed: ReadonlySet<number>;
  readonly denied: ReadonlySet<number>;
}

export function scopeOf(categoryId: number, entries: readonly ScopeEntry[]): CategoryScope {
  const mine = entries.filter((e) => e.nodeId === categoryId);
  return { allowed: new Set(mine.filter((e) => !e.denied).map((e) => e.principalId)), denied: new Set(mine.filter((e) => e.denied).map((e) => e.principalId)) };
}

export function withinScope(principalId: number, scope: CategoryScope, graph: MembershipGraph): boolean {
  const all = graph.closure(principalId);
  let allowed = false;
  for (const id of all) {
    if (scope.denied.has(id)) return false;
    if (scope.allowed.has(id)) allowed = true;
  }
  return allowed;
}

/**
 * The principals of a list that a category's scope does not admit: what a room of the category may not hold (its
 * members, managers and presenters), and what a move to another category, or a narrower scope, purges.
 */
export function outsideScope(principalIds: Iterable<number>, scope: CategoryScope, graph: MembershipGraph): number[] {
  const out: number[] = [];
  for (const id of principalIds) if (!withinScope(id, scope, graph)) out.push(id);
  return out;
}
