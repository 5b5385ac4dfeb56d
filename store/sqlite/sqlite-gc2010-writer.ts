/**
 * Writes a Group Chat 2010 database in its documented columns (store/schema/groupchat2010-tables.ts): for the sample
 * generator, and for -DisableExportedNodes on a source. Principals have prinName as their display name, a bit for
 * prinDisabled and their own user rights; scopes are allow lists; roles carry honorsOverride / honorsScope copied
 * from tblRoleType (as Group Chat does, gg615039) unless given; messages have no rtf. tblNode's scopeDefinerId and
 * roleDefinerId are derived, as the server keeps them, when a transaction changed nodes or scopes: a node defines
 * its own scope when it has tblScopePrincipal rows, and starts a new member list when overrideMember is set; the
 * root defines both.
 */
import type Database from 'better-sqlite3';
import { PcmError } from '../../core/errors.js';
import { ROOT_NODE_ID, type Addin, type ChatNode, type Principal, type RoleEntry, type ScopeEntry } from '../../core/model.js';
import { dateFromTicks } from '../../core/ticks.js';
import { BEHAVIOR_IDS, SYSTEM_PRINCIPAL, VISIBILITY_IDS, type RoleTypes } from '../schema-data.js';
import type { ChatInput, NewNode, NewPrincipal } from '../store.js';
import { textParam } from './sqlite-rows.js';
import { roleTypeId, SqliteWriter } from './sqlite-writer.js';

const PRINCIPAL_FIELDS = [
  'prinGuid', 'prinUri', 'prinName', 'prinCompanyName', 'prinEmail', 'prinADPath', 'prinADUserPrincipalName', 'prinDisabled', 'prinTypeID',
  'prinAllowedPermSet', 'prinUseInheritedPerms', 'prinAddedOn', 'prinUpdatedOn', 'prinVerifiedOn',
];
const NODE_FIELDS = [
  'nodeGuid', 'parentID', 'nodeType', 'nodeName', 'nodeDesc', 'topic', 'filestoreURI', 'inheritance', 'scopeChange', 'overrideMember', 'invite', 'logged',
  'filePost', 'disabled', 'restrictChildCreate', 'behavior', 'visibility', 'scopeDefinerId', 'roleDefinerId', 'siopId', 'nodeAddedBy', 'nodeAddedOn',
  'nodeUpdatedBy', 'nodeUpdatedOn',
];

/** prinAllowedPermSet: bit 0 post files (gg558667). Users may post files; their other rights come from groups. */
const POST_FILES = 1n;

const bit = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

export class SqliteGroupChat2010Writer extends SqliteWriter {
  /** Nodes or scopes changed: the definers are derived again before COMMIT. */
  #treeChanged = false;

  constructor(db: Database.Database, roles: RoleTypes) {
    super(db, roles);
  }

  #principalValues(p: Omit<Principal, 'id'>): Record<string, unknown> {
    const user = p.type === 2 || p.type === 5 || p.type === 6 || p.type === 7;
    return {
      prinGuid: p.guid.toLowerCase(),
      prinUri: textParam(p.uri),
      prinName: textParam(p.displayName ?? p.name),
      prinCompanyName: textParam(p.company),
      prinEmail: textParam(p.email),
      prinADPath: textParam(p.adPath),
      prinADUserPrincipalName: textParam(p.upn),
      prinDisabled: p.disabled === 0 ? 0 : 1,
      prinTypeID: p.type,
      prinAllowedPermSet: user ? POST_FILES : 0n,
      prinUseInheritedPerms: 1,
      prinAddedOn: p.addedOn,
      prinUpdatedOn: p.updatedOn,
      prinVerifiedOn: dateFromTicks(p.updatedOn).toISOString(),
    };
  }

  override async insertPrincipal(principal: NewPrincipal): Promise<number> {
    const fields = [...PRINCIPAL_FIELDS, 'prinAddedBy', 'prinUpdatedBy'];
    const result = this.statement(`INSERT INTO tblPrincipal (prinID, ${fields.join(', ')}) VALUES (@id, ${fields.map((f) => '@' + f).join(', ')})`).run({
      id: principal.id ?? null,
      ...this.#principalValues(principal),
      prinAddedBy: SYSTEM_PRINCIPAL.id,
      prinUpdatedBy: SYSTEM_PRINCIPAL.id,
    });
    return Number(result.lastInsertRowid);
  }

  override async updatePrincipal(id: number, principal: Omit<Principal, 'id'>): Promise<void> {
    this.statement(`UPDATE tblPrincipal SET ${PRINCIPAL_FIELDS.map((f) => `${f} = @${f}`).join(', ')} WHERE prinID = @id`).run({ id, ...this.#principalValues(principal) });
  }

  override async putAddin(addin: Addin): Promise<void> {
    this.statement('INSERT OR REPLACE INTO tblSiopWhiteList (siopId, siopName, siopUrl) VALUES (?, ?, ?)').run(addin.id.toLowerCase(), textParam(addin.name), textParam(addin.url));
  }

  #nodeValues(n: Omit<ChatNode, 'id'>): Record<string, unknown> {
    const category = n.kind === 'Category';
    if (n.visibility === 'Open' && !n.visibilityInherited) {
      throw new PcmError(`Group Chat 2010 has no Open rooms (tblEnumValue has no such visibility); '${n.name}' must be Secret or Closed.`, { errorId: 'OpenRoomIn2010', category: 'InvalidArgument' });
    }
    return {
      nodeGuid: n.guid.toLowerCase(),
      parentID: n.parentId,
      nodeType: category ? 1 : 0,
      nodeName: textParam(n.name),
      nodeDesc: textParam(n.description),
      topic: textParam(n.topic ?? ''),
      filestoreURI: null,
      inheritance: category && n.inheritance ? 1 : 0,
      scopeChange: category && n.scopeChange ? 1 : 0,
      overrideMember: n.overrideMember ? 1 : 0,
      invite: bit(n.invite),
      logged: bit(n.logged),
      filePost: bit(n.filePost),
      disabled: !category && n.disabled ? 1 : 0,
      restrictChildCreate: null,
      behavior: BEHAVIOR_IDS[n.behavior],
      visibility: n.visibilityInherited ? null : VISIBILITY_IDS[n.visibility],
      // Placeholders until finish() derives them (the parent is always a valid node).
      scopeDefinerId: n.scopeDefinerId ?? n.parentId,
      roleDefinerId: n.roleDefinerId ?? n.parentId,
      siopId: n.addinId,
      nodeAddedBy: n.addedBy,
      nodeAddedOn: n.addedOn,
      nodeUpdatedBy: n.updatedBy,
      nodeUpdatedOn: n.updatedOn,
    };
  }

  override async insertNode(node: NewNode): Promise<number> {
    this.#treeChanged = true;
    const result = this.statement(`INSERT INTO tblNode (nodeID, ${NODE_FIELDS.join(', ')}) VALUES (@id, ${NODE_FIELDS.map((f) => '@' + f).join(', ')})`).run({
      id: node.id ?? null,
      ...this.#nodeValues(node),
    });
    return Number(result.lastInsertRowid);
  }

  override async updateNode(id: number, node: Omit<ChatNode, 'id'>): Promise<void> {
    this.#treeChanged = true;
    this.statement(`UPDATE tblNode SET ${NODE_FIELDS.map((f) => `${f} = @${f}`).join(', ')} WHERE nodeID = @id`).run({ id, ...this.#nodeValues(node) });
  }

  override async replaceScopes(nodeId: number, entries: readonly Omit<ScopeEntry, 'nodeId'>[]): Promise<void> {
    const denied = entries.find((e) => e.denied);
    if (denied) {
      throw new PcmError(`Group Chat 2010 scopes are allow lists (tblScopePrincipal has no scopeIsDenied); principal ${denied.principalId} cannot be denied on node ${nodeId}.`, {
        errorId: 'DeniedScopeIn2010',
        category: 'InvalidArgument',
      });
    }
    this.#treeChanged = true;
    this.statement('DELETE FROM tblScopePrincipal WHERE scopeNodeID = ?').run(nodeId);
    const insert = this.statement('INSERT INTO tblScopePrincipal (scopeNodeID, scopePrinID, scopeUpdatedBy) VALUES (?, ?, 1)');
    for (const e of entries) insert.run(nodeId, e.principalId);
  }

  override async replaceRoles(nodeId: number, entries: readonly Omit<RoleEntry, 'nodeId'>[]): Promise<void> {
    this.statement('DELETE FROM tblPrincipalRole WHERE prinRoleNodeID = ?').run(nodeId);
    const flags = this.statement('SELECT honorsOverride, honorsScope FROM tblRoleType WHERE rtypeID = ?');
    const insert = this.statement(
      'INSERT INTO tblPrincipalRole (prinRoleNodeID, prinRolePrinID, prinRoleTypeID, prinRoleUpdatedBy, honorsOverride, honorsScope) VALUES (?, ?, ?, 1, ?, ?)',
    );
    for (const e of entries) {
      const type = roleTypeId(this.roles, e.role);
      const lookup = flags.get(type) as { honorsOverride: number; honorsScope: number };
      insert.run(nodeId, e.principalId, type, bit(e.honorsOverride ?? Boolean(lookup.honorsOverride)), bit(e.honorsScope ?? Boolean(lookup.honorsScope)));
    }
  }

  /** Group Chat 2010's tblChat has no rtf column: only the text is replaced (its own SQL; the facet's is mgc's). */
  override async replaceChats(roomId: number, chatIds: readonly bigint[], content: string): Promise<void> {
    const replace = this.statement('UPDATE tblChat SET content = ? WHERE channelId = ? AND chatId = ?');
    const text = textParam(content);
    for (const id of chatIds) replace.run(text, roomId, id);
  }

  protected override insertChat(roomId: number, chatId: bigint, chat: ChatInput): void {
    if (chat.rtf !== null) throw new Error('a Group Chat 2010 message has no rtf (tblChat has no such column)');
    this.statement('INSERT INTO tblChat (channelID, chatID, chatDate, userId, isAlert, content) VALUES (?, ?, ?, ?, ?, ?)').run(
      roomId,
      chatId,
      chat.date,
      chat.userId,
      chat.isAlert ? 1 : 0,
      textParam(chat.content),
    );
  }

  override finish(): void {
    super.finish();
    if (!this.#treeChanged) return;
    this.#treeChanged = false;
    const nodes = this.statement('SELECT nodeID, parentID, overrideMember, EXISTS (SELECT 1 FROM tblScopePrincipal WHERE scopeNodeID = nodeID) AS scoped FROM tblNode').all() as {
      nodeID: number;
      parentID: number | null;
      overrideMember: number;
      scoped: number;
    }[];
    const byId = new Map(nodes.map((n) => [n.nodeID, n]));
    const definers = new Map<number, { scope: number; role: number }>();
    const definerOf = (id: number, seen = new Set<number>()): { scope: number; role: number } => {
      const known = definers.get(id);
      if (known) return known;
      const node = byId.get(id)!;
      const parent = node.parentID === null || node.parentID === id || id === ROOT_NODE_ID || seen.has(id) || !byId.has(node.parentID) ? undefined : node.parentID;
      seen.add(id);
      const above = parent === undefined ? { scope: id, role: id } : definerOf(parent, seen);
      const result = { scope: parent === undefined || node.scoped ? id : above.scope, role: parent === undefined || node.overrideMember ? id : above.role };
      definers.set(id, result);
      return result;
    };
    const update = this.statement('UPDATE tblNode SET scopeDefinerId = ?, roleDefinerId = ? WHERE nodeID = ? AND (scopeDefinerId <> ? OR roleDefinerId <> ?)');
    for (const n of nodes) {
      const d = definerOf(n.nodeID);
      update.run(d.scope, d.role, n.nodeID, d.scope, d.role);
    }
  }
}
