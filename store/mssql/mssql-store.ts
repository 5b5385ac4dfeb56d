/**
 * The SQL Server dialect: a Store over a pool of tedious connections (through the mssql package).
 *   - Reads outside a transaction stream with back-pressure on a pooled connection (mssql-driver.ts), ordered by the
 *     table's key; after a deadlock or a broken connection they resume after the last key delivered.
 *   - Reads while a transaction is open go through that transaction's connection (they would otherwise wait on its
 *     own locks), a keyset page at a time, after the writer's buffered chats of that room are sent. Streams still
 *     open when a transaction begins are cancelled and carry on the same way, so no stream can hold a lock the
 *     transaction needs.
 *   - Writes run in TransactionScope (mssql-transaction.ts): one connection, journaled, replayed after a deadlock.
 *   - An abort of the caller's signal cancels every running request on the server; close() rolls back an open
 *     transaction. With XACT_ABORT ON, nothing can leave a transaction open.
 */
import type mssql from 'mssql';
import { PcmError } from '../../core/errors.js';
import type { Addin, Affiliation, Chat, ChatNode, Principal, RoleEntry, SchemaKind, ScopeEntry } from '../../core/model.js';
import type { Ticks } from '../../core/ticks.js';
import type { RoomChatState, Store, StoreCapabilities, StoreWriter } from '../store.js';
import type { MssqlConnectOptions, SqlServerInstance } from './mssql-config.js';
import { loadSqlDriver, sqlConnection } from './mssql-driver-choice.js';
import { createSchema, inspectDatabase, openError, type DatabaseShape } from './mssql-create.js';
import { execute, RequestTracker, stream, type Result, type Row, type Values } from './mssql-driver.js';
import { connectError, isRetryable, requestError, type ErrorSite } from './mssql-errors.js';
import { DEFAULT_RETRY, pause, retryDelay, withRetry, type RetryPolicy } from './mssql-retry.js';
import { addinFromRow, affiliationFromRow, bigOrNull, chatFromRow, nodeFromRow, principalFromRow, roleFromRow, scopeFromRow } from './mssql-rows.js';
import {
  COUNT_CHATS_PER_ROOM,
  COUNT_CHATS_THROUGH,
  COUNT_MATCHING_CHATS,
  ROOM_CHAT_STATE,
  SELECT_ADDINS,
  SELECT_ADDINS_2010,
  SELECT_AFFILIATIONS,
  SELECT_CHATS,
  SELECT_CHATS_2010,
  SELECT_NODES,
  SELECT_NODES_2010,
  SELECT_NODES_2010_FULL,
  SELECT_PRINCIPALS,
  SELECT_PRINCIPALS_2010,
  SELECT_NODES_NAMED,
  SELECT_NODE_ROLES,
  SELECT_NODE_ROLES_2010,
  SELECT_ROLES,
  SELECT_ROLES_2010,
  SELECT_SCOPES,
  SELECT_SCOPES_2010,
  TOP_ALL,
  type Statement,
} from './mssql-statements.js';
import { DOCUMENTED_ENUMS } from '../mgc-rows.js';
import { roleTypesFrom } from '../schema-data.js';
import { describeSource, sourceWarnings } from '../source-shape.js';
import { TransactionScope } from './mssql-transaction.js';
import { installTlsGuard } from './mssql-tls-guard.js';
import { MssqlWriter } from './mssql-writer.js';

/** Rows per batch a read yields, and per page inside a transaction. */
const PAGE = 5000;
const MIN_INT = -2147483648;
const MIN_BIGINT = -9223372036854775808n;

export interface MssqlOpenOptions extends MssqlConnectOptions {
  readonly readOnly?: boolean;
  /** Create this schema when the database holds no table at all. */
  readonly createWith?: SchemaKind;
  /** Aborting it cancels the running requests; an open transaction is then rolled back. */
  readonly signal?: AbortSignal;
  readonly retry?: RetryPolicy;
}

/** A read in key order: the statement, its fixed values, the key values to start after, and how to continue. */
interface KeysetRead<T> {
  readonly statement: Statement;
  readonly fixed: Values;
  readonly start: Values;
  readonly next: (last: Row) => Values;
  readonly map: (row: Row) => T | undefined;
  /** Inside a transaction, send the writer's buffered chats of this room first (undefined: all rooms). */
  readonly flushRoom?: number | 'all';
}

export class MssqlStore implements Store {
  /**
   * Imports commit in batches: one transaction per whole import would hold locks and grow the log without bound on
   * a server others use, and a batch is small enough to replay after a deadlock.
   */
  readonly capabilities: StoreCapabilities = { writeBatchRows: 1000, chatsPerTransaction: 10000, singleTransaction: false };
  readonly schema: SchemaKind;
  readonly displayName: string;
  readonly sourceDescription: string;
  readonly sourceWarnings: readonly string[];
  readonly #legacy: boolean;
  readonly #pool: mssql.ConnectionPool;
  readonly #site: ErrorSite;
  readonly #shape: DatabaseShape;
  readonly #readOnly: boolean;
  readonly #signal: AbortSignal | undefined;
  readonly #policy: RetryPolicy;
  readonly #tracker = new RequestTracker();
  readonly #openStreams = new Set<AbortController>();
  readonly #onAbort = (): void => this.#tracker.cancelAll();
  #current: { scope: TransactionScope; writer: MssqlWriter } | undefined;
  #closed = false;

  private constructor(pool: mssql.ConnectionPool, site: ErrorSite, shape: DatabaseShape & { schema: SchemaKind }, options: MssqlOpenOptions) {
    this.#pool = pool;
    this.#site = site;
    this.#shape = shape;
    this.schema = shape.schema;
    this.displayName = site.display;
    this.#legacy = shape.schema === 'GroupChat2010';
    this.sourceDescription = describeSource(shape.schema, shape.version);
    this.sourceWarnings = sourceWarnings(shape.schema, shape.version, shape.roles?.unknown ?? []);
    this.#readOnly = Boolean(options.readOnly);
    this.#signal = options.signal;
    this.#policy = options.retry ?? DEFAULT_RETRY;
    this.#signal?.addEventListener('abort', this.#onAbort);
  }

  static async open(instance: SqlServerInstance, options: MssqlOpenOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<MssqlStore> {
    const connection = sqlConnection(instance, options, env);
    const site: ErrorSite = {
      display: connection.display,
      database: connection.database,
      login: connection.login,
      secrets: connection.secrets,
      ...(instance.instance ? { instanceName: instance.instance } : {}),
    };
    options.signal?.throwIfAborted();
    installTlsGuard();
    const pool = new (loadSqlDriver(connection.driver, instance.text).ConnectionPool)(connection.config);
    // Connection failures also reach the request that hit them; an unheard 'error' event would end the process.
    pool.on('error', () => undefined);
    try {
      await pool.connect();
    } catch (error) {
      await pool.close().catch(() => undefined);
      throw connectError(error, site);
    }
    try {
      const policy = options.retry ?? DEFAULT_RETRY;
      const run = (statement: Statement, values: Values): Promise<Result> =>
        withRetry(() => execute(pool, statement, values), isRetryable, { policy, ...(options.signal ? { signal: options.signal } : {}) }).catch((error: unknown) => {
          throw requestError(error, statement.name, site, 'read');
        });
      let shape = await inspectDatabase(run, site.display);
      if (shape.schema === 'empty') {
        if (!options.createWith || options.readOnly) throw openError(site.display, 'the database is empty; it holds no Persistent Chat or Group Chat tables.');
        const scope = await TransactionScope.begin({ pool, site, tracker: new RequestTracker(), policy, ...(options.signal ? { signal: options.signal } : {}) });
        try {
          await createSchema((statement, values) => scope.execute(statement, values), options.createWith);
          await scope.commit();
        } catch (error) {
          await scope.rollback();
          throw openError(site.display, `the schema could not be created: ${(error as Error).message}`, error);
        }
        shape = await inspectDatabase(run, site.display);
      }
      return new MssqlStore(pool, site, shape as DatabaseShape & { schema: SchemaKind }, options);
    } catch (error) {
      await pool.close().catch(() => undefined);
      throw error;
    }
  }

  // ---- plumbing -------------------------------------------------------------------------------------------------

  /** One statement: in the open transaction if there is one, else on the pool with retries. */
  async #single(statement: Statement, values: Values): Promise<Result> {
    this.#ensureOpen();
    const current = this.#current;
    if (current) return current.scope.execute(statement, values);
    return withRetry(() => execute(this.#pool, statement, values, this.#tracker), isRetryable, this.#retryOptions()).catch((error: unknown) => {
      throw requestError(error, statement.name, this.#site, 'read');
    });
  }

  #retryOptions(): { policy: RetryPolicy; signal?: AbortSignal } {
    return { policy: this.#policy, ...(this.#signal ? { signal: this.#signal } : {}) };
  }

  #ensureOpen(): void {
    if (this.#closed) throw new PcmError(`The database ${this.displayName} is closed.`, { errorId: 'DatabaseClosed', category: 'InvalidOperation', target: this.displayName });
  }

  async #flush(room: number | 'all' | undefined): Promise<void> {
    if (room !== undefined) await this.#current?.writer.flush(room === 'all' ? undefined : room);
  }

  #mapped<T>(rows: Row[], map: (row: Row) => T | undefined): T[] {
    const out: T[] = [];
    for (const row of rows) {
      const value = map(row);
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  async *#keyset<T>(read: KeysetRead<T>): AsyncIterable<T[]> {
    this.#ensureOpen();
    let after = read.start;
    let failures = 0;
    for (;;) {
      const current = this.#current;
      if (current) {
        // Pages on the transaction's own connection: nothing stays open between batches.
        await this.#flush(read.flushRoom);
        for (;;) {
          const { rows } = await current.scope.execute(read.statement, { ...read.fixed, ...after, top: PAGE });
          if (rows.length === 0) return;
          after = read.next(rows[rows.length - 1]!);
          yield this.#mapped(rows, read.map);
          if (rows.length < PAGE) return;
          if (this.#current !== current) break; // the transaction ended: go on outside it
        }
        continue;
      }
      const switchOver = new AbortController();
      this.#openStreams.add(switchOver);
      try {
        for await (const rows of stream(this.#pool, read.statement, { ...read.fixed, ...after, top: TOP_ALL }, PAGE, this.#tracker, switchOver.signal)) {
          after = read.next(rows[rows.length - 1]!);
          failures = 0;
          yield this.#mapped(rows, read.map);
        }
        return;
      } catch (error) {
        // A transaction began: the stream was cancelled so that it holds no lock; carry on inside the transaction.
        if (switchOver.signal.aborted) continue;
        failures++;
        if (!isRetryable(error) || failures >= this.#policy.attempts || this.#signal?.aborted) throw requestError(error, read.statement.name, this.#site, 'read');
        await pause(retryDelay(failures, this.#policy), this.#signal);
      } finally {
        this.#openStreams.delete(switchOver);
      }
    }
  }

  get #roles(): ReturnType<typeof roleTypesFrom> {
    return this.#shape.roles ?? roleTypesFrom([]);
  }

  // ---- StoreReader ----------------------------------------------------------------------------------------------

  principals(): AsyncIterable<Principal[]> {
    return this.#keyset({
      statement: this.#legacy ? SELECT_PRINCIPALS_2010 : SELECT_PRINCIPALS,
      fixed: {},
      start: { afterId: MIN_INT },
      next: (r) => ({ afterId: r.prinID }),
      map: principalFromRow,
    });
  }

  affiliations(): AsyncIterable<Affiliation[]> {
    return this.#keyset({
      statement: SELECT_AFFILIATIONS,
      fixed: { selfIndex: -1 },
      start: { afterPrincipal: MIN_INT, afterIndex: MIN_INT, afterAffiliation: MIN_INT },
      next: (r) => ({ afterPrincipal: r.principalID, afterIndex: r.index, afterAffiliation: r.affiliationID }),
      map: affiliationFromRow,
    });
  }

  nodes(): AsyncIterable<ChatNode[]> {
    const legacy = this.#legacy;
    const enums = this.#shape.enums ?? DOCUMENTED_ENUMS;
    return this.#keyset({
      statement: legacy ? (this.#shape.fullNode ? SELECT_NODES_2010_FULL : SELECT_NODES_2010) : SELECT_NODES,
      fixed: {},
      start: { afterId: MIN_INT },
      next: (r) => ({ afterId: r.nodeID }),
      map: (r) => nodeFromRow(r, legacy, enums),
    });
  }

  async nodesNamed(name: string): Promise<ChatNode[]> {
    if (this.#legacy) {
      // Group Chat 2010 sources are read whole by the export; no cmdlet looks up their nodes by name.
      const out: ChatNode[] = [];
      for await (const batch of this.nodes()) out.push(...batch.filter((n) => n.name === name));
      return out;
    }
    const { rows } = await this.#single(SELECT_NODES_NAMED, { name });
    const enums = this.#shape.enums ?? DOCUMENTED_ENUMS;
    return rows.map((r) => nodeFromRow(r, false, enums));
  }

  scopes(): AsyncIterable<ScopeEntry[]> {
    return this.#keyset({
      statement: this.#legacy ? SELECT_SCOPES_2010 : SELECT_SCOPES,
      fixed: {},
      start: { afterNode: MIN_INT, afterPrincipal: MIN_INT },
      next: (r) => ({ afterNode: r.scopeNodeID, afterPrincipal: r.scopePrinID }),
      map: scopeFromRow,
    });
  }

  roles(): AsyncIterable<RoleEntry[]> {
    return this.#keyset({
      statement: this.#legacy ? SELECT_ROLES_2010 : SELECT_ROLES,
      fixed: {},
      start: { afterNode: MIN_INT, afterPrincipal: MIN_INT, afterType: MIN_INT },
      next: (r) => ({ afterNode: r.prinRoleNodeID, afterPrincipal: r.prinRolePrinID, afterType: r.prinRoleTypeID }),
      map: (r) => roleFromRow(r, this.#roles),
    });
  }

  nodeRoles(nodeId: number): AsyncIterable<RoleEntry[]> {
    return this.#keyset({
      statement: this.#legacy ? SELECT_NODE_ROLES_2010 : SELECT_NODE_ROLES,
      fixed: { node: nodeId },
      start: { afterPrincipal: MIN_INT, afterType: MIN_INT },
      next: (r) => ({ afterPrincipal: r.prinRolePrinID, afterType: r.prinRoleTypeID }),
      map: (r) => roleFromRow(r, this.#roles),
    });
  }

  async *addins(): AsyncIterable<Addin[]> {
    const { rows } = await this.#single(this.#legacy ? SELECT_ADDINS_2010 : SELECT_ADDINS, {});
    for (let i = 0; i < rows.length; i += PAGE) yield rows.slice(i, i + PAGE).map(addinFromRow);
  }

  chats(roomId: number, since?: Ticks): AsyncIterable<Chat[]> {
    return this.#keyset({
      statement: this.#legacy ? SELECT_CHATS_2010 : SELECT_CHATS,
      fixed: { room: roomId, since: since ?? MIN_BIGINT },
      start: { afterChatId: MIN_BIGINT },
      next: (r) => ({ afterChatId: bigOrNull(r.chatId) }),
      map: chatFromRow,
      flushRoom: roomId,
    });
  }

  async chatCounts(since?: Ticks): Promise<Map<number, number>> {
    await this.#flush('all');
    const { rows } = await this.#single(COUNT_CHATS_PER_ROOM, { since: since ?? MIN_BIGINT });
    return new Map(rows.map((r) => [Number(r.channelId), Number(r.n)]));
  }

  async roomChatState(roomId: number): Promise<RoomChatState> {
    await this.#flush(roomId);
    const { rows } = await this.#single(ROOM_CHAT_STATE, { room: roomId });
    const row = rows[0] ?? {};
    const maxId = bigOrNull(row.maxId) ?? 0n;
    const lastId = bigOrNull(row.lastId) ?? 0n;
    const pending = this.#current?.writer.lastChatId(roomId) ?? 0n;
    let last = lastId > maxId ? lastId : maxId;
    if (pending > last) last = pending;
    return { count: Number(row.n ?? 0), maxDate: bigOrNull(row.maxDate), lastChatId: last };
  }

  async countMatchingChats(roomId: number, date: Ticks, userId: number, content: string): Promise<number> {
    await this.#flush(roomId);
    const { rows } = await this.#single(COUNT_MATCHING_CHATS, { room: roomId, date, userId, content });
    return Number(rows[0]?.n ?? 0);
  }

  async countChatsThrough(roomId: number, through: Ticks): Promise<number> {
    await this.#flush(roomId);
    const { rows } = await this.#single(COUNT_CHATS_THROUGH, { room: roomId, through });
    return Number(rows[0]?.n ?? 0);
  }

  // ---- Store ----------------------------------------------------------------------------------------------------

  async transaction<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T> {
    this.#ensureOpen();
    if (this.#readOnly) {
      throw new PcmError(`The database '${this.displayName}' was opened read-only.`, { errorId: 'ReadOnlyDatabase', category: 'InvalidOperation' });
    }
    if (this.#current) {
      throw new PcmError(`A transaction is already open on ${this.displayName}; transactions do not nest.`, { errorId: 'TransactionInProgress', category: 'InvalidOperation' });
    }
    this.#signal?.throwIfAborted();
    const scope = await TransactionScope.begin({ pool: this.#pool, site: this.#site, tracker: this.#tracker, policy: this.#policy, ...(this.#signal ? { signal: this.#signal } : {}) });
    const writer = new MssqlWriter(scope, {
      legacy: this.#legacy,
      roles: this.#roles,
      identityPrincipal: this.#shape.identityPrincipal,
      identityNode: this.#shape.identityNode,
      batchRows: this.capabilities.writeBatchRows,
      batchBytes: 8 * 1024 * 1024,
    });
    this.#current = { scope, writer };
    for (const open of this.#openStreams) open.abort();
    try {
      const result = await fn(writer);
      await writer.finish();
      await scope.commit();
      return result;
    } catch (error) {
      await scope.rollback();
      throw error;
    } finally {
      this.#current = undefined;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    if (this.#current) {
      this.#tracker.cancelAll();
      await this.#current.scope.rollback();
    }
    await this.#pool.close().catch(() => undefined);
  }
}
