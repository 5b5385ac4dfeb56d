/**
 * What a Persistent Chat target must hold after importing a Group Chat 2010 (or Persistent Chat 2013) source,
 * worked out here from the source database with plain SQL and the documented rules (domain.md §4.4-§4.6), written
 * independently of the product's conversion code so that the round-trip test checks it rather than repeats it.
 */
import { query, type Row } from './sql.js';

const SEPARATOR = ' - ';

export interface SourceNode {
  id: number;
  parent: number;
  category: boolean;
  name: string;
  invite: number | null;
  logged: number | null;
  filePost: number | null;
  inheritance: number | null;
  overrideMember: number | null;
  disabled: number;
  behavior: number;
  /** As stored: NULL (inherit) is possible in Group Chat 2010. */
  visibility: number | null;
  addin: string | null;
  /** Group Chat 2010 only. */
  scopeDefiner: number | null;
  roleDefiner: number | null;
}

interface Grant {
  node: number;
  principal: string;
  role: string;
  /** Group Chat 2010: tblPrincipalRole.honorsOverride / honorsScope. */
  honorsOverride: boolean;
  honorsScope: boolean;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class SourceModel {
  readonly nodes = new Map<number, SourceNode>();
  readonly guidOf = new Map<number, string>();
  readonly roles: Grant[] = [];
  readonly scopes: { node: number; principal: string; denied: boolean }[] = [];
  /** Direct memberships by GUID. */
  readonly memberOf = new Map<string, string[]>();
  readonly legacy: boolean;
  readonly rootId: number;

  constructor(readonly path: string) {
    for (const r of query(path, 'SELECT prinID, prinGuid FROM tblPrincipal')) this.guidOf.set(Number(r.prinID), String(r.prinGuid));
    // Group Chat 2010 is recognised by its own table, tblVersion (groupchat2010-schema.md §6.1).
    this.legacy = query(path, "SELECT 1 FROM sqlite_master WHERE name = 'tblVersion'").length > 0;
    const legacyColumns = this.legacy
      ? ', inheritance, overrideMember, scopeDefinerId, roleDefinerId'
      : ', NULL AS inheritance, NULL AS overrideMember, NULL AS scopeDefinerId, NULL AS roleDefinerId';
    for (const r of query(path, `SELECT nodeID, parentID, nodeType, nodeName, invite, logged, filePost, disabled, behavior, visibility, siopID AS siopID${legacyColumns} FROM tblNode`)) {
      this.nodes.set(Number(r.nodeID), {
        id: Number(r.nodeID),
        parent: Number(r.parentID),
        category: Number(r.nodeType) === 1,
        name: String(r.nodeName),
        invite: num(r.invite),
        logged: num(r.logged),
        filePost: num(r.filePost),
        inheritance: num(r.inheritance),
        overrideMember: num(r.overrideMember),
        disabled: Number(r.disabled),
        behavior: Number(r.behavior),
        visibility: num(r.visibility),
        addin: r.siopID === null ? null : String(r.siopID),
        scopeDefiner: num(r.scopeDefinerId),
        roleDefiner: num(r.roleDefinerId),
      });
    }
    this.rootId = [...this.nodes.values()].find((n) => n.id === n.parent)!.id;
    // Roles by their name in tblRoleType: the ids are undocumented.
    const flags = this.legacy ? 'r.honorsOverride AS o, r.honorsScope AS s' : '1 AS o, 1 AS s';
    for (const r of query(path, `SELECT r.prinRoleNodeID AS n, r.prinRolePrinID AS p, t.rtypeDesc AS role, ${flags} FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID`)) {
      this.roles.push({ node: Number(r.n), principal: this.guidOf.get(Number(r.p))!, role: String(r.role), honorsOverride: Number(r.o) === 1, honorsScope: Number(r.s) === 1 });
    }
    // Group Chat 2010 scopes are allow lists (no scopeIsDenied).
    for (const r of query(path, `SELECT scopeNodeID, scopePrinID, ${this.legacy ? '0' : 'scopeIsDenied'} AS d FROM tblScopePrincipal`)) {
      this.scopes.push({ node: Number(r.scopeNodeID), principal: this.guidOf.get(Number(r.scopePrinID))!, denied: Number(r.d) === 1 });
    }
    for (const r of query(path, 'SELECT principalID AS a, affiliationID AS b FROM tblPrincipalAffiliations WHERE "index" <> -1')) {
      const a = this.guidOf.get(Number(r.a))!;
      this.memberOf.set(a, [...(this.memberOf.get(a) ?? []), this.guidOf.get(Number(r.b))!]);
    }
  }

  /** A room's visibility: its own, or (Group Chat 2010, NULL) its parent's, up to the root. */
  visibilityOf(node: SourceNode): number {
    for (let n: SourceNode | undefined = node; n; n = n.id === this.rootId ? undefined : this.nodes.get(n.parent)) if (n.visibility !== null) return n.visibility;
    return 3;
  }

  /** Group Chat 2010: a principal is in a node's scope if it or a group it belongs to (transitively) is listed by the node's scope definer. */
  inScope2010(principal: string, node: SourceNode): boolean {
    const listed = new Set(this.scopes.filter((s) => s.node === node.scopeDefiner).map((s) => s.principal));
    if (listed.size === 0) return true;
    const seen = new Set([principal]);
    const queue = [principal];
    while (queue.length > 0) for (const g of this.memberOf.get(queue.pop()!) ?? []) if (!seen.has(g)) seen.add(g), queue.push(g);
    return [...seen].some((p) => listed.has(p));
  }

  /**
   * Group Chat 2010 (gg615024, gg558623, gg615039): members are granted on the nodes from the room up to its
   * roleDefinerId, or above it by a grant that does not honour overrides; managers anywhere up to the root;
   * presenters on the room itself (kept in an auditorium); a grant that honours scope applies only to a principal in
   * the scope of the node it is granted on (scope limits who may be given roles there).
   */
  expectedRoomRoles2010(room: SourceNode): string[] {
    const path: SourceNode[] = [];
    for (let n: SourceNode | undefined = room; n; n = n.id === this.rootId ? undefined : this.nodes.get(n.parent)) path.push(n);
    const definerAt = path.findIndex((n) => n.id === room.roleDefiner);
    const granted = new Set<string>();
    path.forEach((n, depth) => {
      for (const g of this.roles.filter((r) => r.node === n.id)) {
        if (g.honorsScope && !this.inScope2010(g.principal, n)) continue;
        if (g.role === 'Manager' || (g.role === 'Member' && (depth <= definerAt || !g.honorsOverride)) || (g.role === 'Voiced' && depth === 0 && room.behavior === 5)) {
          granted.add(`${g.principal}|${g.role}`);
        }
      }
    });
    return [...granted].sort();
  }

  /** Categories from the top one down to `id` (the root excluded). */
  chain(id: number): SourceNode[] {
    const out: SourceNode[] = [];
    for (let n = this.nodes.get(id); n && n.id !== this.rootId; n = this.nodes.get(n.parent)) out.unshift(n);
    return out;
  }

  categoryName(id: number): string {
    return id === this.rootId ? this.nodes.get(id)!.name : this.chain(id).map((n) => n.name).join(SEPARATOR);
  }

  roomName(room: SourceNode): string {
    const depth = room.parent === this.rootId ? 1 : this.chain(room.parent).length;
    return depth > 1 ? `${this.categoryName(room.parent)}${SEPARATOR}${room.name}` : room.name;
  }

  /** Invitations, chat history and file upload of a category after inheritance (domain.md §5.7). */
  effective(id: number): { invite: number; logged: number; filePost: number } {
    const root = this.nodes.get(this.rootId)!;
    let value = { invite: root.invite ?? 0, logged: root.logged ?? 1, filePost: root.filePost ?? 0 };
    let forced = root.inheritance === 1;
    if (id === this.rootId) return value;
    for (const n of this.chain(id)) {
      if (!forced) value = { invite: n.invite ?? value.invite, logged: n.logged ?? value.logged, filePost: n.filePost ?? value.filePost };
      forced ||= n.inheritance === 1;
    }
    return value;
  }

  /** The nearest scope on the category or its ancestors, root included. */
  scopeOf(id: number): string[] {
    const path = id === this.rootId ? [] : this.chain(id);
    for (const n of [...path].reverse()) {
      const own = this.scopes.filter((s) => s.node === n.id);
      if (own.length > 0) return own.map((s) => `${s.principal}|${s.denied}`).sort();
    }
    return this.scopes.filter((s) => s.node === this.rootId).map((s) => `${s.principal}|${s.denied}`).sort();
  }

  rolesOf(node: number, role: string): string[] {
    return this.roles.filter((r) => r.node === node && r.role === role).map((r) => r.principal);
  }

  /** The room's roles in the target, after Persistent Chat's access model (accessModel). */
  expectedRoomRoles(room: SourceNode): string[] {
    return this.accessModel(room, this.legacy ? this.expectedRoomRoles2010(room) : this.expectedRoomRoles2013(room));
  }

  /**
   * Persistent Chat's access model (domain.md §0 item 4, §1.3): a presenter of a room that is not Open is also a
   * member; a room's members, managers and presenters lie within its category's AllowedMembers less DeniedMembers
   * (it or a group it belongs to, transitively, is allowed, and none is denied), or they are not imported. A
   * category without AllowedMembers judges nobody out.
   */
  accessModel(room: SourceNode, granted: string[]): string[] {
    const roles = new Set(granted);
    const OPEN = 6;
    if (this.visibilityOf(room) !== OPEN) for (const g of granted) if (g.endsWith('|Voiced')) roles.add(`${g.slice(0, -'|Voiced'.length)}|Member`);
    const scope = this.scopeOf(room.parent).map((e) => ({ principal: e.slice(0, e.lastIndexOf('|')), denied: e.endsWith('|true') }));
    const allowed = new Set(scope.filter((e) => !e.denied).map((e) => e.principal));
    const denied = new Set(scope.filter((e) => e.denied).map((e) => e.principal));
    if (allowed.size === 0) return [...roles].sort();
    const admitted = (principal: string): boolean => {
      const seen = new Set([principal]);
      const queue = [principal];
      while (queue.length > 0) for (const g of this.memberOf.get(queue.pop()!) ?? []) if (!seen.has(g)) seen.add(g), queue.push(g);
      return ![...seen].some((p) => denied.has(p)) && [...seen].some((p) => allowed.has(p));
    };
    return [...roles].filter((g) => g.endsWith('|Creator') || admitted(g.slice(0, g.lastIndexOf('|')))).sort();
  }

  /** Persistent Chat 2013 source: own roles, plus managers from every category above, plus inherited members. */
  expectedRoomRoles2013(room: SourceNode): string[] {
    const categories = room.parent === this.rootId ? [] : this.chain(room.parent);
    const managers = new Set([...this.rolesOf(room.id, 'Manager'), ...this.rolesOf(this.rootId, 'Manager')]);
    for (const c of categories) for (const m of this.rolesOf(c.id, 'Manager')) managers.add(m);
    const members = new Set(this.rolesOf(room.id, 'Member'));
    if (room.overrideMember !== 1) {
      const root = this.nodes.get(this.rootId)!;
      let inherited: string[] = root.overrideMember === 1 ? [] : this.rolesOf(this.rootId, 'Member');
      for (const c of categories) inherited = c.overrideMember === 1 ? this.rolesOf(c.id, 'Member') : [...inherited, ...this.rolesOf(c.id, 'Member')];
      for (const m of inherited) members.add(m);
    }
    const presenters = room.behavior === 5 ? this.rolesOf(room.id, 'Voiced') : [];
    return [
      ...[...members].map((g) => `${g}|Member`),
      ...[...managers].map((g) => `${g}|Manager`),
      ...presenters.map((g) => `${g}|Voiced`),
      ...this.rolesOf(room.id, 'Creator').map((g) => `${g}|Creator`),
    ].sort();
  }

  /** True when the root or a category above the room has `inheritance`: the room then takes the category's settings. */
  forced(room: SourceNode): boolean {
    const categories = room.parent === this.rootId ? [] : this.chain(room.parent);
    return [this.nodes.get(this.rootId)!, ...categories].some((n) => n.inheritance === 1);
  }

  expectedRoomInvite(room: SourceNode): number | null {
    if (room.invite === null || this.forced(room)) return null;
    if (room.invite === 0) return 0;
    const category = room.parent === this.rootId ? (this.nodes.get(this.rootId)!.invite ?? 0) : this.effective(room.parent).invite;
    return category === 1 ? null : 0;
  }
}

export function rolesInTarget(path: string, nodeId: unknown): string[] {
  return query(
    path,
    'SELECT p.prinGuid AS g, t.rtypeDesc AS t FROM tblPrincipalRole r JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID ' +
      'JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID WHERE r.prinRoleNodeID = ?',
    nodeId,
  )
    .map((r: Row) => `${String(r.g)}|${String(r.t)}`)
    .sort();
}
