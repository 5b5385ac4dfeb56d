/**
 * Who may do what in a Group Chat 2010 room, as Microsoft documents it (groupchat2010-schema.md §5), applied when a
 * 2010 database is exported, so that the package says what Group Chat itself enforced:
 *   - a node's scope is that of tblNode.scopeDefinerId: the definer's tblScopePrincipal rows define it completely,
 *     and rows left on a node that no longer defines its scope are not in force;
 *   - a node's member list starts at tblNode.roleDefinerId: the node is exported as overriding membership exactly
 *     when it is its own definer (managers are never reset; presenters are per room: both as the import treats them);
 *   - a grant whose honorsScope is set applies only to a principal inside the node's scope (the principal, or a
 *     group, container or domain it belongs to, directly or through other groups); other grants are not in force;
 *   - a Member grant whose honorsOverride is clear survives a new member list below its node: it is written as an
 *     explicit member of every room whose member list was restarted beneath it;
 *   - a visibility of NULL is the parent's (the root's default: in scope, Closed).
 * What Microsoft leaves open (an empty scope = no limit; affiliations read transitively) is in docs/decisions.md.
 */
import { ROOT_NODE_ID, type ChatNode, type Privacy, type RoleEntry, type ScopeEntry } from '../model.js';
import type { NoticeSink } from './notices.js';

export interface LegacyAccessSource {
  readonly nodes: readonly ChatNode[];
  readonly scopes: readonly ScopeEntry[];
  /** Roles granted on categories (room roles are given to roomRoles one room at a time). */
  readonly categoryRoles: readonly RoleEntry[];
  /** Direct memberships: principal -> the groups, containers and domains it belongs to. */
  readonly memberships: ReadonlyMap<number, readonly number[]>;
}

export class LegacyAccess {
  readonly #nodes: ReadonlyMap<number, ChatNode>;
  readonly #scopes = new Map<number, Set<number>>();
  readonly #categoryRoles = new Map<number, RoleEntry[]>();
  readonly #memberships: ReadonlyMap<number, readonly number[]>;
  readonly #closure = new Map<number, ReadonlySet<number>>();
  readonly #resolved = new Map<number, ChatNode>();
  readonly #notices: NoticeSink;

  constructor(source: LegacyAccessSource, notices: NoticeSink) {
    this.#nodes = new Map(source.nodes.map((n) => [n.id, n]));
    this.#memberships = source.memberships;
    this.#notices = notices;
    const stale = new Map<number, number>();
    for (const s of source.scopes) {
      const node = this.#nodes.get(s.nodeId);
      if (node?.scopeDefinerId !== undefined && node.scopeDefinerId !== node.id) {
        stale.set(s.nodeId, (stale.get(s.nodeId) ?? 0) + 1);
        continue;
      }
      let set = this.#scopes.get(s.nodeId);
      if (!set) this.#scopes.set(s.nodeId, (set = new Set()));
      set.add(s.principalId);
    }
    for (const [nodeId, count] of stale) {
      notices.add({
        rule: 'StaleDefinition',
        severity: 'Info',
        objectKind: this.#nodes.get(nodeId)?.kind === 'ChatRoom' ? 'ChatRoom' : 'Category',
        objectName: this.#nodes.get(nodeId)?.name ?? String(nodeId),
        message: `${count} scope entr${count === 1 ? 'y is' : 'ies are'} not in force: the node takes its scope from node ${this.#nodes.get(nodeId)!.scopeDefinerId} (scopeDefinerId), so they are not exported.`,
      });
    }
    for (const r of source.categoryRoles) {
      let list = this.#categoryRoles.get(r.nodeId);
      if (!list) this.#categoryRoles.set(r.nodeId, (list = []));
      list.push(r);
    }
  }

  /** The node as the package carries it: membership override from roleDefinerId, visibility resolved. */
  node(node: ChatNode): ChatNode {
    const known = this.#resolved.get(node.id);
    if (known) return known;
    const overrideMember = node.roleDefinerId === undefined ? node.overrideMember : node.roleDefinerId === node.id && node.id !== ROOT_NODE_ID;
    const resolved: ChatNode = { ...node, overrideMember, visibility: this.#visibility(node, new Set()) };
    delete resolved.visibilityInherited;
    this.#resolved.set(node.id, resolved);
    return resolved;
  }

  #visibility(node: ChatNode, seen: Set<number>): Privacy {
    if (!node.visibilityInherited) return node.visibility;
    const parent = this.#nodes.get(node.parentId);
    if (!parent || parent.id === node.id || seen.has(node.id)) return 'Closed';
    seen.add(node.id);
    return this.#visibility(parent, seen);
  }

  /** The scope entries in force on a node (those of a node that defines its own scope). */
  ownScope(nodeId: number): boolean {
    const node = this.#nodes.get(nodeId);
    return node?.scopeDefinerId === undefined || node.scopeDefinerId === nodeId;
  }

  #scopeOf(node: ChatNode): ReadonlySet<number> | undefined {
    const seen = new Set<number>();
    for (let n: ChatNode | undefined = node; n && !seen.has(n.id); n = this.#nodes.get(n.parentId)) {
      seen.add(n.id);
      const definer = n.scopeDefinerId ?? n.id;
      const scope = this.#scopes.get(definer);
      if (scope && scope.size > 0) return scope;
      if (definer !== n.id) {
        const d = this.#nodes.get(definer);
        if (d && d !== n) return this.#scopeOf(d);
      }
      if (n.parentId === n.id) break;
    }
    return undefined;
  }

  /** Every principal this one stands for in a scope: itself and its groups, containers and domains, transitively. */
  #principalsOf(principalId: number): ReadonlySet<number> {
    let set = this.#closure.get(principalId);
    if (set) return set;
    const all = new Set<number>([principalId]);
    const queue = [principalId];
    while (queue.length > 0) {
      for (const g of this.#memberships.get(queue.pop()!) ?? []) {
        if (!all.has(g)) {
          all.add(g);
          queue.push(g);
        }
      }
    }
    this.#closure.set(principalId, (set = all));
    return set;
  }

  #inScope(principalId: number, node: ChatNode): boolean {
    const scope = this.#scopeOf(node);
    if (!scope) return true;
    for (const p of this.#principalsOf(principalId)) if (scope.has(p)) return true;
    return false;
  }

  /** A category's or room's grants in force; for a room, with the non-overridable members of its categories added. */
  roles(node: ChatNode, entries: readonly RoleEntry[]): RoleEntry[] {
    const kept: RoleEntry[] = [];
    const kind = node.kind;
    for (const e of entries) {
      if (e.honorsScope !== false && !this.#inScope(e.principalId, node)) {
        this.#notices.add({
          rule: 'RoleOutsideScope',
          severity: 'Warning',
          objectKind: kind,
          objectName: node.name,
          message: `Principal ${e.principalId} holds the ${e.role} role here but is outside the scope, and the role honours scope (honorsScope): Group Chat does not apply it, so it is not exported.`,
        });
        continue;
      }
      kept.push(e);
    }
    if (kind !== 'ChatRoom') return kept;
    for (const inherited of this.#survivors(node)) {
      if (kept.some((k) => k.principalId === inherited.principalId && k.role === 'Member')) continue;
      if (inherited.honorsScope !== false && !this.#inScope(inherited.principalId, node)) continue;
      kept.push({ nodeId: node.id, principalId: inherited.principalId, role: 'Member' });
      this.#notices.add({
        rule: 'RoleNotOverridden',
        severity: 'Info',
        objectKind: 'ChatRoom',
        objectName: node.name,
        message: `Principal ${inherited.principalId} is a member of node ${inherited.nodeId} by a grant that a new member list below does not override (honorsOverride = 0), so it is exported as a member of this room.`,
      });
    }
    return kept;
  }

  /** Member grants above a restarted member list of this room's path that do not honour overrides. */
  #survivors(room: ChatNode): RoleEntry[] {
    const path: ChatNode[] = [];
    const seen = new Set<number>();
    for (let n: ChatNode | undefined = room; n && !seen.has(n.id); n = n.parentId === n.id ? undefined : this.#nodes.get(n.parentId)) {
      seen.add(n.id);
      path.push(n);
    }
    const out: RoleEntry[] = [];
    let reset = false;
    for (const n of path) {
      if (reset) for (const r of this.#categoryRoles.get(n.id) ?? []) if (r.role === 'Member' && r.honorsOverride === false) out.push(r);
      if (this.node(n).overrideMember) reset = true;
    }
    return out;
  }
}
