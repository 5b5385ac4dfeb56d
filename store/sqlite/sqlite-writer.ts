/** Writes in the mgc vocabulary, inside a transaction the SqliteStore opened. Every statement is parameterised. */
import type Database from 'better-sqlite3';
import { PrincipalType, type Addin, type Affiliation, type ChatNode, type Principal, type RoleEntry, type ScopeEntry } from '../../core/model.js';
import { PcmError } from '../../core/errors.js';
import { SYSTEM_PRINCIPAL, type RoleTypes } from '../schema-data.js';
import type { Ticks } from '../../core/ticks.js';
import type { ChatInput, NewNode, NewPrincipal, StoreWriter } from '../store.js';
import { ContentWrites } from '../mgc/content-writes.js';
import { DirectoryWrites } from '../mgc/directory-writes.js';
import type { Statement } from '../mgc/statement.js';
import { nodeParams, principalParams, textParam } from './sqlite-rows.js';

const PRINCIPAL_FIELDS = [
  'prinGuid', 'prinUri', 'prinName', 'prinDisplayName', 'prinCompanyName', 'prinEmail', 'prinADPath',
  'prinADUserPrincipalName', 'prinDisabled', 'prinTypeID', 'prinAddedOn', 'prinUpdatedOn', 'prinVerifiedOn',
];
const NODE_FIELDS = [
  'nodeGuid', 'parentID', 'nodeType', 'nodeName', 'nodeDesc', 'invite', 'logged', 'filePost', 'disabled', 'behavior',
  'visibility', 'siopID', 'nodeAddedBy', 'nodeUpdatedBy', 'nodeAddedOn', 'nodeUpdatedOn',
];

const insertSql = (table: string, idColumn: string, fields: readonly string[]): string =>
  `INSERT INTO ${table} (${idColumn}, ${fields.join(', ')}) VALUES (@id, ${fields.map((f) => '@' + f).join(', ')})`;
const updateSql = (table: string, idColumn: string, fields: readonly string[]): string =>
  `UPDATE ${table} SET ${fields.map((f) => `${f} = @${f}`).join(', ')} WHERE ${idColumn} = @id`;

/** The rtypeID of a role in this database's tblRoleType (found by name when the store opened). */
export function roleTypeId(roles: RoleTypes, role: RoleEntry['role']): number {
  const id = roles.idOf[role];
  if (id === undefined) {
    throw new PcmError(`The database's tblRoleType has no role named ${role}, so the ${role} grants cannot be written. Check that it is a Persistent Chat database.`, {
      errorId: 'RoleTypeMissing',
      category: 'InvalidData',
      target: 'tblRoleType',
    });
  }
  return id;
}

export class SqliteWriter implements StoreWriter {
  protected readonly db: Database.Database;
  protected readonly roles: RoleTypes;
  /** Per room, the last chat id this transaction wrote: appendChats may be called once per message. */
  readonly #lastChatIds = new Map<number, bigint>();
  /** How a chat row is inserted: channel, chat id, date, poster, alert, content, rtf. */
  protected insertChat(roomId: number, chatId: bigint, chat: ChatInput): void {
    this.statement('INSERT INTO tblChat (channelId, chatId, chatDate, userId, isAlert, content, rtf) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      roomId,
      chatId,
      chat.date,
      chat.userId,
      chat.isAlert ? 1 : 0,
      textParam(chat.content),
      textParam(chat.rtf),
    );
  }

  /** The directory and content facets, written once for every dialect (store/mgc/), run on this connection. */
  protected readonly directory: DirectoryWrites;
  protected readonly content: ContentWrites;

  constructor(db: Database.Database, roles: RoleTypes) {
    this.db = db;
    this.roles = roles;
    const runner = { run: async (statement: Statement, values: Readonly<Record<string, unknown>>) => this.#statement(statement.sql).run(sqliteValues(values)).changes };
    this.directory = new DirectoryWrites(runner, (role) => roleTypeId(this.roles, role));
    this.content = new ContentWrites(runner);
  }

  protected statement(sql: string): Database.Statement {
    return this.#statement(sql);
  }

  #statement(sql: string): Database.Statement {
    // better-sqlite3 caches nothing itself; a prepared statement per distinct text is cheap to keep.
    let statement = statementCache.get(this.db)?.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      let perDb = statementCache.get(this.db);
      if (!perDb) statementCache.set(this.db, (perDb = new Map()));
      perDb.set(sql, statement);
    }
    return statement;
  }

  async insertPrincipal(principal: NewPrincipal): Promise<number> {
    const result = this.#statement(insertSql('tblPrincipal', 'prinID', [...PRINCIPAL_FIELDS, 'prinAddedBy', 'prinUpdatedBy'])).run({
      id: principal.id ?? null,
      ...principalParams(principal),
      prinAddedBy: SYSTEM_PRINCIPAL.id,
      prinUpdatedBy: SYSTEM_PRINCIPAL.id,
    });
    return Number(result.lastInsertRowid);
  }

  async updatePrincipal(id: number, principal: Omit<Principal, 'id'>): Promise<void> {
    this.#statement(updateSql('tblPrincipal', 'prinID', PRINCIPAL_FIELDS)).run({ id, ...principalParams(principal) });
  }

  async mergeAffiliations(principalId: number, affiliations: readonly Omit<Affiliation, 'principalId'>[]): Promise<void> {
    const existing = this.#statement('SELECT affiliationID, "index" FROM tblPrincipalAffiliations WHERE principalID = ?').all(principalId) as {
      affiliationID: number;
      index: number;
    }[];
    const have = new Set(existing.map((e) => e.affiliationID));
    const used = new Set(existing.map((e) => e.index));
    let next = Math.max(0, ...existing.map((e) => e.index)) + 1;
    const insert = this.#statement('INSERT INTO tblPrincipalAffiliations (principalID, affiliationID, "index", updatedBy) VALUES (?, ?, ?, 1)');
    if (!used.has(-1)) {
      const type = this.#statement('SELECT prinTypeID FROM tblPrincipal WHERE prinID = ?').get(principalId) as { prinTypeID: number } | undefined;
      if (type && type.prinTypeID !== PrincipalType.SystemUser) insert.run(principalId, principalId, -1);
    }
    for (const a of affiliations) {
      if (have.has(a.affiliationId) || a.affiliationId === principalId) continue;
      const index = a.index > 0 && !used.has(a.index) ? a.index : next;
      insert.run(principalId, a.affiliationId, index);
      have.add(a.affiliationId);
      used.add(index);
      next = Math.max(next, index) + 1;
    }
  }

  async putAddin(addin: Addin): Promise<void> {
    await this.directory.putAddin(addin);
  }

  async removeAddin(id: string): Promise<void> {
    await this.directory.removeAddin(id);
  }

  async insertNode(node: NewNode): Promise<number> {
    const result = this.#statement(insertSql('tblNode', 'nodeID', NODE_FIELDS)).run({ id: node.id ?? null, ...nodeParams(node) });
    return Number(result.lastInsertRowid);
  }

  async updateNode(id: number, node: Omit<ChatNode, 'id'>): Promise<void> {
    this.#statement(updateSql('tblNode', 'nodeID', NODE_FIELDS)).run({ id, ...nodeParams(node) });
  }

  async removeNode(id: number): Promise<void> {
    this.#lastChatIds.delete(id);
    await this.directory.removeNode(id);
  }

  async replaceScopes(nodeId: number, entries: readonly Omit<ScopeEntry, 'nodeId'>[]): Promise<void> {
    await this.directory.replaceScopes(nodeId, entries);
  }

  async replaceRoles(nodeId: number, entries: readonly Omit<RoleEntry, 'nodeId'>[]): Promise<void> {
    await this.directory.replaceRoles(nodeId, entries);
  }

  /** The room's last chat id: the highest this transaction gave out, else tblLastChatId's or tblChat's, whichever is higher. */
  #lastChatId(roomId: number): bigint {
    return (
      this.#lastChatIds.get(roomId) ??
      (
        this.#statement(
          'SELECT MAX(COALESCE((SELECT MAX(lastChatID) FROM tblLastChatId WHERE nodeID = @room), 0), ' +
            'COALESCE((SELECT MAX(chatId) FROM tblChat WHERE channelId = @room), 0)) AS last',
        )
          .safeIntegers(true)
          .get({ room: roomId }) as { last: bigint }
      ).last
    );
  }

  /** Before chats are deleted: the room's last id is kept, and finish() records it in tblLastChatId. */
  #keepLastChatId(roomId: number): void {
    const last = this.#lastChatId(roomId);
    if (last > 0n) this.#lastChatIds.set(roomId, last);
  }

  async appendChats(roomId: number, chats: readonly ChatInput[]): Promise<void> {
    if (chats.length === 0) return;
    let last: bigint = this.#lastChatId(roomId);
    for (const chat of chats) {
      const chatId: bigint = chat.chatId ?? last + 1n;
      this.insertChat(roomId, chatId, chat);
      if (chatId > last) last = chatId;
    }
    this.#lastChatIds.set(roomId, last);
  }

  /** Records each room's last chat id; the store calls this just before COMMIT. */
  finish(): void {
    // The documented key is (nodeID, lastChatID), so one row per room is kept by hand: update it, or add it.
    const update = this.#statement('UPDATE tblLastChatId SET lastChatID = ? WHERE nodeID = ?');
    const insert = this.#statement('INSERT INTO tblLastChatId (nodeID, lastChatID) VALUES (?, ?)');
    for (const [room, last] of this.#lastChatIds) if (update.run(last, room).changes === 0) insert.run(room, last);
    this.#lastChatIds.clear();
  }

  async setNodesDisabled(nodeIds: readonly number[], disabled: boolean): Promise<void> {
    await this.directory.setNodesDisabled(nodeIds, disabled);
  }

  async deleteChatsThrough(roomId: number, through: Ticks): Promise<number> {
    this.#keepLastChatId(roomId);
    return this.content.deleteThrough(roomId, through);
  }

  async removeChats(roomId: number, chatIds: readonly bigint[]): Promise<void> {
    if (chatIds.length === 0) return;
    this.#keepLastChatId(roomId);
    await this.content.remove(roomId, chatIds);
  }

  async replaceChats(roomId: number, chatIds: readonly bigint[], content: string): Promise<void> {
    await this.content.replace(roomId, chatIds, content);
  }
}

/** A named statement's values as better-sqlite3 binds them: Booleans as 0/1, text that is not well-formed UTF-16 as bytes. */
function sqliteValues(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) out[name] = typeof value === 'boolean' ? (value ? 1 : 0) : typeof value === 'string' ? textParam(value) : value;
  return out;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

