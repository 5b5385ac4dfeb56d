/**
 * Writes in the mgc vocabulary inside a transaction MssqlStore opened (through its TransactionScope). Ids are
 * assigned here (the highest id, read under an update lock, plus one), so that every write can be replayed after a
 * deadlock; a database whose prinID or nodeID is an IDENTITY column gets the server's id instead. Chats are
 * buffered and bulk-loaded in batches, never one round trip per message; the buffer is flushed before COMMIT and
 * before a read of the same room, so the transaction always reads its own writes.
 */
import { PrincipalType, type Addin, type Affiliation, type ChatNode, type Principal, type RoleEntry, type ScopeEntry } from '../../core/model.js';
import { PcmError } from '../../core/errors.js';
import { SYSTEM_PRINCIPAL, type RoleTypes } from '../schema-data.js';
import type { Ticks } from '../../core/ticks.js';
import type { ChatInput, NewNode, NewPrincipal, StoreWriter } from '../store.js';
import type { ChatRow } from './mssql-driver.js';
import { bigOrNull, nodeValues, principalValues } from './mssql-rows.js';
import {
  IDENTITY_INSERT_NODE_OFF,
  IDENTITY_INSERT_NODE_ON,
  IDENTITY_INSERT_PRINCIPAL_OFF,
  IDENTITY_INSERT_PRINCIPAL_ON,
  INSERT_LAST_CHAT_ID,
  INSERT_PRINCIPAL,
  INSERT_PRINCIPAL_IDENTITY,
  insertAffiliations,
  LAST_NODE_ID_LOCKED,
  LAST_PRINCIPAL_ID_LOCKED,
  NODE_WRITES,
  ROOM_LAST_CHAT_ID_LOCKED,
  ROWS_PER_INSERT,
  SELECT_MEMBERSHIPS,
  SELECT_PRINCIPAL_TYPE,
  UPDATE_LAST_CHAT_ID,
  UPDATE_PRINCIPAL,
} from './mssql-statements.js';
import { ContentWrites } from '../mgc/content-writes.js';
import { DirectoryWrites } from '../mgc/directory-writes.js';
import type { Statement } from '../mgc/statement.js';
import type { TransactionScope } from './mssql-transaction.js';

export interface WriterOptions {
  /** A Group Chat 2010 database: only ever a source, so the only write is disabling exported rooms. */
  readonly legacy: boolean;
  /** The database's roles by name (its rtypeIDs are undocumented). */
  readonly roles: RoleTypes;
  /** prinID / nodeID are IDENTITY columns in this database. */
  readonly identityPrincipal: boolean;
  readonly identityNode: boolean;
  /** Chat rows per bulk load. */
  readonly batchRows: number;
  /** Flush earlier when the buffered text passes this many bytes. */
  readonly batchBytes: number;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export class MssqlWriter implements StoreWriter {
  readonly #scope: TransactionScope;
  readonly #options: WriterOptions;
  readonly #nodes: typeof NODE_WRITES;
  #lastPrincipalId: number | undefined;
  #lastNodeId: number | undefined;
  /** Per room, the last chat id this transaction assigned: appendChats may be called once per message. */
  readonly #lastChatIds = new Map<number, bigint>();
  #pending: ChatRow[] = [];
  #pendingBytes = 0;
  readonly #pendingRooms = new Set<number>();

  /** The directory and content facets, written once for every dialect (store/mgc/), run through this transaction. */
  readonly #directory: DirectoryWrites;
  readonly #content: ContentWrites;

  constructor(scope: TransactionScope, options: WriterOptions) {
    this.#scope = scope;
    this.#options = options;
    this.#nodes = NODE_WRITES;
    const runner = { run: async (statement: Statement, values: Readonly<Record<string, unknown>>) => (await scope.execute(statement, values)).rowsAffected };
    this.#directory = new DirectoryWrites(runner, (role) => this.#roleTypeId(role));
    this.#content = new ContentWrites(runner);
  }

  /** Refuses a write a Group Chat 2010 source never gets (the SQL Server dialect writes Persistent Chat only). */
  #persistentChatOnly(what: string): void {
    if (!this.#options.legacy) return;
    throw new PcmError(`${what} is not written to a Group Chat 2010 database: on SQL Server it is only read as an export source (and its exported rooms disabled).`, {
      errorId: 'GroupChat2010ReadOnly',
      category: 'InvalidOperation',
    });
  }

  #roleTypeId(role: RoleEntry['role']): number {
    const id = this.#options.roles.idOf[role];
    if (id === undefined) {
      throw new PcmError(`The database's tblRoleType has no role named ${role}, so the ${role} grants cannot be written. Check that it is a Persistent Chat database.`, {
        errorId: 'RoleTypeMissing',
        category: 'InvalidData',
        target: 'tblRoleType',
      });
    }
    return id;
  }

  async #nextId(kind: 'principal' | 'node', explicit: number | undefined): Promise<number> {
    let last = kind === 'principal' ? this.#lastPrincipalId : this.#lastNodeId;
    if (last === undefined) {
      const { rows } = await this.#scope.execute(kind === 'principal' ? LAST_PRINCIPAL_ID_LOCKED : LAST_NODE_ID_LOCKED, {});
      last = Number(rows[0]?.lastId ?? 0);
    }
    const id = explicit ?? last + 1;
    if (kind === 'principal') this.#lastPrincipalId = Math.max(last, id);
    else this.#lastNodeId = Math.max(last, id);
    return id;
  }

  async insertPrincipal(principal: NewPrincipal): Promise<number> {
    this.#persistentChatOnly('A principal');
    const values = { ...principalValues(principal), prinAddedBy: SYSTEM_PRINCIPAL.id, prinUpdatedBy: SYSTEM_PRINCIPAL.id };
    if (this.#options.identityPrincipal && principal.id === undefined) {
      const { rows } = await this.#scope.execute(INSERT_PRINCIPAL_IDENTITY, values);
      return Number(rows[0]!.prinID);
    }
    const prinID = await this.#nextId('principal', principal.id);
    if (this.#options.identityPrincipal) await this.#scope.execute(IDENTITY_INSERT_PRINCIPAL_ON, {});
    await this.#scope.execute(INSERT_PRINCIPAL, { prinID, ...values });
    if (this.#options.identityPrincipal) await this.#scope.execute(IDENTITY_INSERT_PRINCIPAL_OFF, {});
    return prinID;
  }

  async updatePrincipal(id: number, principal: Omit<Principal, 'id'>): Promise<void> {
    this.#persistentChatOnly('A principal');
    await this.#scope.execute(UPDATE_PRINCIPAL, { prinID: id, ...principalValues(principal) });
  }

  async mergeAffiliations(principalId: number, affiliations: readonly Omit<Affiliation, 'principalId'>[]): Promise<void> {
    this.#persistentChatOnly('A membership');
    const { rows } = await this.#scope.execute(SELECT_MEMBERSHIPS, { principal: principalId });
    const existing = rows.map((r) => ({ affiliationId: Number(r.affiliationID), index: Number(r.index) }));
    const have = new Set(existing.map((e) => e.affiliationId));
    const used = new Set(existing.map((e) => e.index));
    let next = Math.max(0, ...existing.map((e) => e.index)) + 1;
    const added: { affiliationId: number; index: number }[] = [];
    if (!used.has(-1)) {
      const type = await this.#scope.execute(SELECT_PRINCIPAL_TYPE, { prinID: principalId });
      const typeId = type.rows[0]?.prinTypeID;
      if (typeId !== undefined && Number(typeId) !== PrincipalType.SystemUser) added.push({ affiliationId: principalId, index: -1 });
    }
    for (const a of affiliations) {
      if (have.has(a.affiliationId) || a.affiliationId === principalId) continue;
      const index = a.index > 0 && !used.has(a.index) ? a.index : next;
      added.push({ affiliationId: a.affiliationId, index });
      have.add(a.affiliationId);
      used.add(index);
      next = Math.max(next, index) + 1;
    }
    for (const chunk of chunks(added, ROWS_PER_INSERT)) {
      const values: Record<string, unknown> = { principal: principalId };
      chunk.forEach((a, i) => Object.assign(values, { [`a${i}`]: a.affiliationId, [`i${i}`]: a.index }));
      await this.#scope.execute(insertAffiliations(chunk.length), values);
    }
  }

  async putAddin(addin: Addin): Promise<void> {
    this.#persistentChatOnly('An add-in');
    await this.#directory.putAddin(addin);
  }

  async removeAddin(id: string): Promise<void> {
    this.#persistentChatOnly('An add-in');
    await this.#directory.removeAddin(id);
  }

  async insertNode(node: NewNode): Promise<number> {
    this.#persistentChatOnly('A node');
    const values = nodeValues(node);
    if (this.#options.identityNode && node.id === undefined) {
      const { rows } = await this.#scope.execute(this.#nodes.insertIdentity, values);
      return Number(rows[0]!.nodeID);
    }
    const nodeID = await this.#nextId('node', node.id);
    if (this.#options.identityNode) await this.#scope.execute(IDENTITY_INSERT_NODE_ON, {});
    await this.#scope.execute(this.#nodes.insert, { nodeID, ...values });
    if (this.#options.identityNode) await this.#scope.execute(IDENTITY_INSERT_NODE_OFF, {});
    return nodeID;
  }

  async updateNode(id: number, node: Omit<ChatNode, 'id'>): Promise<void> {
    this.#persistentChatOnly('A node');
    await this.#scope.execute(this.#nodes.update, { nodeID: id, ...nodeValues(node) });
  }

  async removeNode(id: number): Promise<void> {
    this.#persistentChatOnly('A node');
    // Buffered messages of the room would otherwise be written after the delete.
    await this.flush(id);
    this.#lastChatIds.delete(id);
    await this.#directory.removeNode(id);
  }

  async replaceScopes(nodeId: number, entries: readonly Omit<ScopeEntry, 'nodeId'>[]): Promise<void> {
    this.#persistentChatOnly('A scope');
    await this.#directory.replaceScopes(nodeId, entries);
  }

  async replaceRoles(nodeId: number, entries: readonly Omit<RoleEntry, 'nodeId'>[]): Promise<void> {
    this.#persistentChatOnly('A role');
    await this.#directory.replaceRoles(nodeId, entries);
  }

  /** The room's last chat id: the highest this transaction gave out, else tblLastChatId's or tblChat's (locked till COMMIT). */
  async #lastChatId(roomId: number): Promise<bigint> {
    const known = this.#lastChatIds.get(roomId);
    if (known !== undefined) return known;
    const { rows } = await this.#scope.execute(ROOM_LAST_CHAT_ID_LOCKED, { room: roomId });
    const lastId = bigOrNull(rows[0]?.lastId) ?? 0n;
    const maxId = bigOrNull(rows[0]?.maxId) ?? 0n;
    return lastId > maxId ? lastId : maxId;
  }

  /** Before chats are deleted: the room's last id is kept, and finish() records it in tblLastChatId. */
  async #keepLastChatId(roomId: number): Promise<void> {
    // Buffered messages of the room go first: they are among what a delete may hit, and they hold the last id.
    await this.flush(roomId);
    const last = await this.#lastChatId(roomId);
    if (last > 0n) this.#lastChatIds.set(roomId, last);
  }

  async appendChats(roomId: number, chats: readonly ChatInput[]): Promise<void> {
    this.#persistentChatOnly('A message');
    if (chats.length === 0) return;
    let last = await this.#lastChatId(roomId);
    for (const chat of chats) {
      const chatId: bigint = chat.chatId ?? last + 1n;
      this.#pending.push([roomId, chatId, chat.date, chat.userId, chat.isAlert, chat.content, chat.rtf]);
      this.#pendingBytes += 48 + chat.content.length * 2 + (chat.rtf?.length ?? 0);
      if (chatId > last) last = chatId;
    }
    this.#pendingRooms.add(roomId);
    this.#lastChatIds.set(roomId, last);
    if (this.#pending.length >= this.#options.batchRows || this.#pendingBytes >= this.#options.batchBytes) await this.flush();
  }

  /** The last chat id this transaction assigned in a room, if it wrote there. */
  lastChatId(roomId: number): bigint | undefined {
    return this.#lastChatIds.get(roomId);
  }

  /** Sends the buffered chats (for one room's sake, or all of them before COMMIT). */
  async flush(roomId?: number): Promise<void> {
    if (this.#pending.length === 0 || (roomId !== undefined && !this.#pendingRooms.has(roomId))) return;
    const rows = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#pendingRooms.clear();
    await this.#scope.bulkChats(rows);
  }

  /** Flushes the chats and records each room's last chat id; the store calls this just before COMMIT. */
  async finish(): Promise<void> {
    await this.flush();
    for (const [room, last] of this.#lastChatIds) {
      const { rowsAffected } = await this.#scope.execute(UPDATE_LAST_CHAT_ID, { room, lastChatId: last });
      if (rowsAffected === 0) await this.#scope.execute(INSERT_LAST_CHAT_ID, { room, lastChatId: last });
    }
    this.#lastChatIds.clear();
  }

  async setNodesDisabled(nodeIds: readonly number[], disabled: boolean): Promise<void> {
    await this.#directory.setNodesDisabled(nodeIds, disabled);
  }

  async deleteChatsThrough(roomId: number, through: Ticks): Promise<number> {
    this.#persistentChatOnly('A message');
    await this.#keepLastChatId(roomId);
    return this.#content.deleteThrough(roomId, through);
  }

  async removeChats(roomId: number, chatIds: readonly bigint[]): Promise<void> {
    this.#persistentChatOnly('A message');
    if (chatIds.length === 0) return;
    await this.#keepLastChatId(roomId);
    await this.#content.remove(roomId, chatIds);
  }

  async replaceChats(roomId: number, chatIds: readonly bigint[], content: string): Promise<void> {
    this.#persistentChatOnly('A message');
    if (chatIds.length === 0) return;
    await this.flush(roomId);
    await this.#content.replace(roomId, chatIds, content);
  }
}
