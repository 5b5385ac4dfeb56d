/**
 * Who may do what in a Group Chat 2010 room, as Microsoft documents it (groupchat2010-schema.md §5), applied when a
 * 2010 database is exported, so that the package says what Group Chat itself enforced:
 *   - a node's scope is that of tblNode.scopeDefinerId: the definer's tblScopePrincipal rows define it completely,
 *     and rows left on a node that no longer defines its scope are not in force;
 *   - a node's member list starts at tblNode.roleDefinerId: the node is exported as overriding membership exactly
 *     when it is its own definer (managers are never reset; presenters are per room: both as the import treats them);
 *   - a grant whose honorsScope is set applies only to a principal inside the scope of the node it is granted on
 *     (the principal, or a group, container or domain it belongs to, directly or through other groups): scope limits
 *     who may be given roles there; other grants are not in force;
 *   - a Member grant whose honorsOverride is clear survives a new member list below its node;
 *   - each room's effective managers and members are written explicitly on the room, which is then marked as
 *     overriding membership so that the import does not add its categories' grants again;
 *   - a visibility of NULL is the parent's (the root's default: in scope, Closed).
 * What Microsoft leaves open (an empty scope = no limit; affiliations read transitively) is in docs/decisions.md.
 */
import { ROOT_NODE_ID, type ChatNode, type Privacy, type RoleEntry, type ScopeEntry } from '../model.js';
import type { NoticeSink } from './notices.js';

export interface LegacyAccessSource {
  readonly nodes: readonly ChatNode[];
  readonly scopes: readonly ScopeEntry[];
  /** Roles granted on categories (a room's own roles are given to roles() one room at a time). */
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

  /**
   * The node as the package carries it: membership override from roleDefinerId (a room always overrides: it carries
   * its whole effective member list, see roles()), visibility resolved.
   */
  node(node: ChatNode): ChatNode {
    const known = this.#resolved.get(node.id);
    if (known) return known;
    const defines = node.roleDefinerId === undefined ? node.overrideMember : node.roleDefinerId === node.id && node.id !== ROOT_NODE_ID;
    const overrideMember = node.kind === 'ChatRoom' ? true : defines;
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

  /** Whether a node's own tblScopePrincipal rows are in force: it defines its own scope (scopeDefinerId is itself). */
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

  /**
   * The grants in force on a node. A category keeps those inside its scope. A room gets its whole effective list,
   * made explicit (and is then exported as overriding membership, so that the import adds nothing to it): members
   * granted from its roleDefinerId down to it, and above that those that do not honour overrides; managers granted
   * anywhere from the root down (the manager list is never reset); its own presenters; each inside the scope of its
   * node when the grant honours scope.
   */
  roles(node: ChatNode, entries: readonly RoleEntry[]): RoleEntry[] {
    if (node.kind !== 'ChatRoom') return this.#inScopeOnly(node, entries);
    const path = this.#path(node);
    const definer = node.roleDefinerId;
    const effective: RoleEntry[] = [...entries];
    let above = false;
    for (const n of path.slice(1)) {
      for (const r of this.#categoryRoles.get(n.id) ?? []) {
        if (r.role === 'Manager' || (r.role === 'Member' && (!above || r.honorsOverride === false))) effective.push(r);
      }
      if (n.id === definer) above = true;
      // Without a roleDefinerId (a damaged row), the nearest node that overrides membership starts the list.
      if (definer === undefined && this.node(n).overrideMember) above = true;
    }
    if (definer === node.id || (definer === undefined && node.overrideMember)) {
      // The room starts its own list: only its own members, and the grants above that cannot be overridden.
      for (let k = effective.length - 1; k >= entries.length; k--) {
        const r = effective[k]!;
        if (r.role === 'Member' && r.honorsOverride !== false) effective.splice(k, 1);
      }
    }
    const kept = this.#inScopeOnly(node, effective);
    const seen = new Set<string>();
    const out: RoleEntry[] = [];
    for (const r of kept) {
      const key = `${r.principalId}|${r.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ nodeId: node.id, principalId: r.principalId, role: r.role });
      if (r.nodeId !== node.id && r.role === 'Member' && r.honorsOverride === false && !entries.some((e) => e.principalId === r.principalId && e.role === 'Member')) {
        this.#notices.add({
          rule: 'RoleNotOverridden',
          severity: 'Info',
          objectKind: 'ChatRoom',
          objectName: node.name,
          message: `Principal ${r.principalId} is a member of node ${r.nodeId} by a grant that a new member list below does not override (honorsOverride = 0), so it is a member of this room.`,
        });
      }
    }
    return out;
  }

  /** The room, then its categories up to the root. */
  #path(node: ChatNode): ChatNode[] {
    const path: ChatNode[] = [];
    const seen = new Set<number>();
    for (let n: ChatNode | undefined = node; n && !seen.has(n.id); n = n.parentId === n.id ? undefined : this.#nodes.get(n.parentId)) {
      seen.add(n.id);
      path.push(n);
    }
    return path;
  }

  /**
   * The grants inside the scope of the node they are granted on (or not bound by it): scope limits who may be given
   * a role there (groupchat2010-schema.md §5). A grant on a category was checked, and reported, with the category.
   */
  #inScopeOnly(node: ChatNode, grants: readonly RoleEntry[]): RoleEntry[] {
    const kept: RoleEntry[] = [];
    for (const g of grants) {
      const on = g.nodeId === node.id ? node : this.#nodes.get(g.nodeId);
      if (g.honorsScope === false || !on || this.#inScope(g.principalId, on)) {
        kept.push(g);
        continue;
      }
      if (on !== node) continue;
      this.#notices.add({
        rule: 'RoleOutsideScope',
        severity: 'Warning',
        objectKind: node.kind,
        objectName: node.name,
        message: `Principal ${g.principalId} holds the ${g.role} role here but is outside the scope, and the role honours scope (honorsScope): Group Chat does not apply it, so it is not exported.`,
      });
    }
    return kept;
  }
}
