/**
 * What a Persistent Chat target must hold after importing a Group Chat 2010 (or Persistent Chat 2013) source,
 * worked out here from the source database with plain SQL and the documented rules (domain.md §4.4-§4.6), written
 * independently of the product's conversion code so that the round-trip test checks it rather than repeats it.
 */
import { query, type Row } from './sql.js';

const SEPARATOR = ' - ';
const ROLE = { 1: 'Member', 2: 'Manager', 3: 'Voiced', 4: 'Creator' } as Record<number, string>;

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
  visibility: number;
  addin: string | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class SourceModel {
  readonly nodes = new Map<number, SourceNode>();
  readonly guidOf = new Map<number, string>();
  readonly roles: { node: number; principal: string; role: string }[] = [];
  readonly scopes: { node: number; principal: string; denied: boolean }[] = [];
  readonly legacy: boolean;
  readonly rootId: number;

  constructor(readonly path: string) {
    for (const r of query(path, 'SELECT prinID, prinGuid FROM tblPrincipal')) this.guidOf.set(Number(r.prinID), String(r.prinGuid));
    this.legacy = query(path, "SELECT 1 FROM pragma_table_info('tblNode') WHERE name = 'topic'").length > 0;
    const legacyColumns = this.legacy ? ', inheritance, overrideMember' : ', NULL AS inheritance, NULL AS overrideMember';
    for (const r of query(path, `SELECT nodeID, parentID, nodeType, nodeName, invite, logged, filePost, disabled, behavior, visibility, siopID${legacyColumns} FROM tblNode`)) {
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
        visibility: Number(r.visibility),
        addin: r.siopID === null ? null : String(r.siopID),
      });
    }
    this.rootId = [...this.nodes.values()].find((n) => n.id === n.parent)!.id;
    for (const r of query(path, 'SELECT prinRoleNodeID, prinRolePrinID, prinRoleTypeID FROM tblPrincipalRole')) {
      this.roles.push({ node: Number(r.prinRoleNodeID), principal: this.guidOf.get(Number(r.prinRolePrinID))!, role: ROLE[Number(r.prinRoleTypeID)]! });
    }
    for (const r of query(path, 'SELECT scopeNodeID, scopePrinID, scopeIsDenied FROM tblScopePrincipal')) {
      this.scopes.push({ node: Number(r.scopeNodeID), principal: this.guidOf.get(Number(r.scopePrinID))!, denied: Number(r.scopeIsDenied) === 1 });
    }
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

  /** The room's roles in the target: own ones, plus managers from every category above, plus inherited members. */
  expectedRoomRoles(room: SourceNode): string[] {
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
    'SELECT p.prinGuid AS g, r.prinRoleTypeID AS t FROM tblPrincipalRole r JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE r.prinRoleNodeID = ?',
    nodeId,
  )
    .map((r: Row) => `${String(r.g)}|${ROLE[Number(r.t)]}`)
    .sort();
}
