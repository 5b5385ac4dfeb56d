/**
 * The embedded dialect: one SQLite file through better-sqlite3. better-sqlite3 is synchronous; the Store contract is
 * async so that SQL Server fits the same shape. Reads page through keys (never an iterator held open across an
 * await), so a caller may interleave other statements between batches.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PcmError } from '../../core/errors.js';
import { faultPoint } from '../../core/fault.js';
import type { Addin, Affiliation, Chat, ChatNode, ChatRecordTemplate, Principal, RenderedChat, RoleEntry, SchemaKind, ScopeEntry } from '../../core/model.js';
import type { Ticks } from '../../core/ticks.js';
import type { RoomChatState, Store, StoreCapabilities, StoreWriter } from '../store.js';
import { DOCUMENTED_ENUMS, nodeEnumsFrom, type NodeEnums } from '../mgc-rows.js';
import { roleTypesFrom, type RoleTypes } from '../schema-data.js';
import { describeSource, sourceShape, sourceWarnings, type SourceShape } from '../source-shape.js';
import {
  addinFromRow,
  affiliationFromRow,
  CHAT_COLUMNS,
  chatFromRaw,
  GROUPCHAT2010_CHAT_COLUMNS,
  GROUPCHAT2010_NODE_COLUMNS,
  GROUPCHAT2010_PRINCIPAL_COLUMNS,
  NODE_COLUMNS,
  nodeFromRow,
  PRINCIPAL_COLUMNS,
  principalFromRow,
  roleFromRow,
  scopeFromRow,
  textParam,
} from './sqlite-rows.js';
import { SqliteGroupChat2010Writer } from './sqlite-gc2010-writer.js';
import { createSchema } from './sqlite-create.js';
import { SqliteWriter } from './sqlite-writer.js';
import { markNotRestored } from '../write-failure.js';

const PAGE = 5000;

export interface SqliteOpenOptions {
  readonly readOnly?: boolean;
  /** Create the file (or fill an empty one) with this schema when it holds no tables. */
  readonly createWith?: SchemaKind;
}

function openError(path: string, problem: string, cause?: unknown): PcmError {
  return new PcmError(`Cannot open the database '${path}': ${problem}`, {
    errorId: 'DatabaseOpenFailed',
    category: 'OpenError',
    target: path,
    cause,
  });
}

/** The shape of a database that holds tables (store/source-shape.ts), or 'empty'. */
function detectSchema(db: Database.Database, path: string): SourceShape | 'empty' {
  let tables: string[];
  try {
    tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  } catch (error) {
    throw openError(path, 'the file is not a SQLite database. Check the path, or give a new file name to create a database.', error);
  }
  if (tables.length === 0) return 'empty';
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck(true);
  try {
    return sourceShape({ tables, columnsOf: (table) => columns.all(table) as string[] }, `'${path}'`);
  } catch (error) {
    // The shape's own errors name the database as this dialect's open errors do.
    if (error instanceof PcmError && error.errorId === 'DatabaseOpenFailed') throw openError(path, error.message.replace(/^Cannot open the database '[^']*': /, ''));
    throw error;
  }
}

/** What a source's lookup tables say: its roles by name, its enumerations, its version (Group Chat 2010). */
function readLookups(db: Database.Database, schema: SchemaKind): { roles: RoleTypes; enums: NodeEnums; version: { id: number; description: string | null } | undefined } {
  const roles = roleTypesFrom((db.prepare('SELECT rtypeID AS id, rtypeDesc AS "desc" FROM tblRoleType').all() as { id: number; desc: string }[]).map((r) => ({ id: Number(r.id), desc: String(r.desc) })));
  const hasEnums = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tblEnumValue' COLLATE NOCASE").get() !== undefined;
  const enums = hasEnums
    ? nodeEnumsFrom((db.prepare('SELECT valueID AS id, attributeValue AS value FROM tblEnumValue').all() as { id: number; value: string }[]).map((r) => ({ id: Number(r.id), value: String(r.value) })))
    : DOCUMENTED_ENUMS;
  let version: { id: number; description: string | null } | undefined;
  if (schema === 'GroupChat2010') {
    const hasVersion = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tblVersion' COLLATE NOCASE").get() !== undefined;
    const row = hasVersion ? (db.prepare('SELECT versionId AS id, description FROM tblVersion ORDER BY versionId DESC LIMIT 1').get() as { id: number; description: string | null } | undefined) : undefined;
    if (row) version = { id: Number(row.id), description: row.description === null ? null : String(row.description) };
  }
  return { roles, enums, version };
}

/**
 * Maps a page of rows read as arrays, leaving out those the mapper rejects (undefined). better-sqlite3 builds an
 * object row by internalising every column name again for every row; arrays turned into objects here cost about
 * half as much (measured: 5,000 principals in 22 ms instead of 30-46 ms), and directory reads are on an export's
 * critical path before and after its messages.
 */
function mapRows<T>(rows: unknown[][], names: readonly string[], map: (row: Record<string, unknown>) => T | undefined): T[] {
  const mapped: T[] = [];
  for (const values of rows) {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    const value = map(row);
    if (value !== undefined) mapped.push(value);
  }
  return mapped;
}

/** A statement that returns rows as arrays, with the names of its columns. */
function rawStatement(db: Database.Database, sql: string): { statement: Database.Statement; names: string[] } {
  const statement = db.prepare(sql).safeIntegers(true).raw(true);
  return { statement, names: statement.columns().map((c) => c.name) };
}

/** The chatId in a rendered record: what stands between the template's text before it and the text after it. */
function chatIdOf(record: string, before: string, after: string): bigint {
  const start = record.indexOf(before) + before.length;
  return BigInt(record.slice(start, record.indexOf(after, start)));
}

export class SqliteStore implements Store {
  readonly capabilities: StoreCapabilities = { writeBatchRows: 5000, chatsPerTransaction: 20000, singleTransaction: true };
  readonly schema: SchemaKind;
  readonly displayName: string;
  readonly sourceDescription: string;
  readonly sourceWarnings: readonly string[];
  readonly #db: Database.Database;
  /** SQLite's rollback journal beside the file (journal_mode DELETE, SQLite's default and ours). */
  readonly #journal: string;
  readonly #legacy: boolean;
  readonly #nodeSelect: string;
  readonly #chatColumns: string;
  readonly #roles: RoleTypes;
  readonly #enums: NodeEnums;
  /** Statements run once per room or per message, prepared once: an export of 500 rooms spent 70 ms preparing. */
  readonly #prepared = new Map<string, Database.Statement>();

  private constructor(db: Database.Database, shape: SourceShape, path: string) {
    this.#db = db;
    this.schema = shape.schema;
    this.displayName = `sqlite:${path}`;
    this.#journal = `${path}-journal`;
    this.#legacy = shape.schema === 'GroupChat2010';
    // The undocumented 2010 tblNode columns, under the names the mapping reads, only when the source has them.
    const optional = shape.optionalNodeColumns.map((c) => (c === 'siopId' ? 'siopId AS siopID' : c));
    this.#nodeSelect = this.#legacy ? `SELECT ${[GROUPCHAT2010_NODE_COLUMNS, ...optional].join(', ')} FROM tblNode` : `SELECT ${NODE_COLUMNS} FROM tblNode`;
    this.#chatColumns = this.#legacy ? GROUPCHAT2010_CHAT_COLUMNS : CHAT_COLUMNS;
    const lookups = readLookups(db, shape.schema);
    this.#roles = lookups.roles;
    this.#enums = lookups.enums;
    this.sourceDescription = describeSource(shape.schema, lookups.version);
    this.sourceWarnings = sourceWarnings(shape.schema, lookups.version, lookups.roles.unknown);
  }

  static open(path: string, options: SqliteOpenOptions = {}): SqliteStore {
    const exists = existsSync(path);
    if (!exists && !options.createWith) {
      throw openError(path, 'the file does not exist. Check the path.');
    }
    if (exists && statSync(path).isDirectory()) throw openError(path, 'it is a folder, not a database file.');
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: Boolean(options.readOnly), fileMustExist: !options.createWith, timeout: 10000 });
    } catch (error) {
      throw openError(path, (error as Error).message, error);
    }
    try {
      let shape = detectSchema(db, path);
      if (shape === 'empty') {
        if (!options.createWith) throw openError(path, 'the database is empty; it holds no Persistent Chat or Group Chat tables.');
        createSchema(db, options.createWith);
        shape = detectSchema(db, path) as SourceShape;
      }
      // A larger page cache speeds up bulk writes. Reads stream once through the file (the OS caches it anyway), so a
      // reading connection keeps 2 MB: better-sqlite3's default of 16 MB per connection was, with the export's two
      // connections, up to 30 MB of its peak RSS for no measurable speed.
      db.pragma(options.readOnly ? 'cache_size = -2048' : 'cache_size = -16384');
      return new SqliteStore(db, shape, path);
    } catch (error) {
      db.close();
      // A file this call created must not stay behind half-made.
      if (!exists) rmSync(path, { force: true });
      throw error instanceof PcmError ? error : openError(path, `the database could not be created: ${(error as Error).message}`, error);
    }
  }

  async *#pages<T>(sql: string, map: (row: Record<string, unknown>) => T | undefined, key: string): AsyncIterable<T[]> {
    // Keyset paging on the rowid: each page is a fresh statement run, so nothing stays open between batches.
    // safeIntegers: tick columns exceed 2^53, so integers arrive as bigint and the row mappers convert ids.
    const { statement, names } = rawStatement(this.#db, `${sql} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`);
    const keyAt = names.indexOf(key);
    if (keyAt < 0) throw new Error(`paging key ${key} is not among the columns of: ${sql}`);
    let last = -1;
    for (;;) {
      const rows = statement.all(last) as unknown[][];
      if (rows.length === 0) return;
      last = Number(rows[rows.length - 1]![keyAt]);
      yield mapRows(rows, names, map);
      if (rows.length < PAGE) return;
    }
  }

  principals(): AsyncIterable<Principal[]> {
    return this.#pages(`SELECT ${this.#legacy ? GROUPCHAT2010_PRINCIPAL_COLUMNS : PRINCIPAL_COLUMNS} FROM tblPrincipal`, principalFromRow, 'prinID');
  }

  async *#ordered<T>(
    table: string,
    columns: readonly string[],
    key: readonly string[],
    map: (row: Record<string, unknown>) => T | undefined,
    only?: { readonly column: string; readonly value: number },
  ): AsyncIterable<T[]> {
    // Keyset paging on the primary key, so rows come in key order and nothing stays open between batches; `only`
    // keeps the rows of one value of the key's leading column (one node's roles), read through the key's index.
    const keyList = key.join(', ');
    const filter = only ? `${only.column} = ? AND ` : '';
    const fixed = only ? [only.value] : [];
    const first = rawStatement(this.#db, `SELECT ${columns.join(', ')} FROM ${table} ${only ? `WHERE ${only.column} = ? ` : ''}ORDER BY ${keyList} LIMIT ${PAGE}`);
    const next = rawStatement(
      this.#db,
      `SELECT ${columns.join(', ')} FROM ${table} WHERE ${filter}(${keyList}) > (${key.map(() => '?').join(', ')}) ORDER BY ${keyList} LIMIT ${PAGE}`,
    );
    const names = first.names;
    const keyAt = key.map((k) => names.indexOf(k.replace(/"/g, '')));
    if (keyAt.includes(-1)) throw new Error(`paging key (${keyList}) is not among the columns of ${table}`);
    let rows = first.statement.all(...fixed) as unknown[][];
    while (rows.length > 0) {
      yield mapRows(rows, names, map);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      rows = next.statement.all(...fixed, ...keyAt.map((i) => last[i])) as unknown[][];
    }
  }

  affiliations(): AsyncIterable<Affiliation[]> {
    return this.#ordered(
      'tblPrincipalAffiliations',
      ['principalID', 'affiliationID', '"index"'],
      ['principalID', '"index"', 'affiliationID'],
      (row) => (Number(row.index) === -1 ? undefined : affiliationFromRow(row)),
    );
  }

  nodes(): AsyncIterable<ChatNode[]> {
    return this.#pages(this.#nodeSelect, (row) => nodeFromRow(row, this.#legacy, this.#enums), 'nodeID');
  }

  scopes(): AsyncIterable<ScopeEntry[]> {
    // Group Chat 2010 scopes are allow lists: no scopeIsDenied (the mapping reads its absence as allowed).
    const columns = this.#legacy ? ['scopeNodeID', 'scopePrinID'] : ['scopeNodeID', 'scopePrinID', 'scopeIsDenied'];
    return this.#ordered('tblScopePrincipal', columns, ['scopeNodeID', 'scopePrinID'], scopeFromRow);
  }

  roles(): AsyncIterable<RoleEntry[]> {
    const key = ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'];
    return this.#ordered('tblPrincipalRole', this.#legacy ? [...key, 'honorsOverride', 'honorsScope'] : key, key, (row) => roleFromRow(row, this.#roles));
  }

  async nodesNamed(name: string): Promise<ChatNode[]> {
    const rows = this.#statement(`${this.#nodeSelect} WHERE nodeName = ? ORDER BY nodeID`).safeIntegers(true).all(name) as Record<string, unknown>[];
    return rows.map((row) => nodeFromRow(row, this.#legacy, this.#enums)).filter((n): n is ChatNode => n !== undefined);
  }

  nodeRoles(nodeId: number): AsyncIterable<RoleEntry[]> {
    const key = ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'];
    const columns = this.#legacy ? [...key, 'honorsOverride', 'honorsScope'] : key;
    return this.#ordered('tblPrincipalRole', columns, key, (row) => roleFromRow(row, this.#roles), { column: 'prinRoleNodeID', value: nodeId });
  }

  addins(): AsyncIterable<Addin[]> {
    // Group Chat 2010 spells the key siopId; SQLite matches names without regard to case, the alias fixes the spelling.
    return this.#pages('SELECT rowid AS r, siopID AS siopID, siopName, siopUrl FROM tblSiopWhiteList', addinFromRow, 'r');
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#prepared.get(sql);
    if (!statement) this.#prepared.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }

  async *chats(roomId: number, since?: Ticks): AsyncIterable<Chat[]> {
    // Rows as arrays (raw) and integers as bigint (safeIntegers): the fastest way better-sqlite3 reads, measured.
    const statement = this.#statement(
      `SELECT ${this.#chatColumns} FROM tblChat ` +
        // `+chatDate` keeps SQLite on the primary key (channelId, chatId): with the date index it would re-read and
        // sort the whole room for every page.
        `WHERE channelId = ? AND chatId > ? AND +chatDate >= ? ORDER BY chatId LIMIT ${PAGE}`,
    )
      .safeIntegers(true)
      .raw(true);
    let last = -1n;
    const from = since ?? -1n;
    for (;;) {
      const rows = statement.all(roomId, last, from) as unknown[][];
      if (rows.length === 0) return;
      const chats = rows.map((row) => chatFromRaw(roomId, row));
      last = chats[chats.length - 1]!.chatId;
      yield chats;
      if (rows.length < PAGE) return;
    }
  }

  async *renderedChats(roomId: number, since: Ticks | undefined, template: ChatRecordTemplate): AsyncIterable<(RenderedChat | Chat)[]> {
    // One string per message instead of six values: better-sqlite3 spends about 0.25 us on every value it hands
    // over, more than SQLite takes to join the pieces (measured: an export 10-15% faster end to end). The typeof()
    // tests keep the rendering exact: a value of another type (only a damaged database has one), or content that
    // holds the text between content and rtf, makes the row come back as its rowid, read the ordinary way.
    // Group Chat 2010 has no rtf column: NULL stands in its place.
    const rtf = this.#legacy ? 'NULL' : 'rtf';
    const statement = this.#statement(
      "SELECT CASE WHEN typeof(chatId) = 'integer' AND typeof(chatDate) = 'integer' AND typeof(userId) = 'integer' " +
        `AND typeof(isAlert) = 'integer' AND typeof(content) = 'text' AND (${rtf} IS NULL OR typeof(${rtf}) = 'text' AND instr(content, ?) = 0) ` +
        // concat() copies every piece once; a chain of || copies the growing string at each step (concat: 10% less).
        `THEN concat(?, ?, ?, chatId, ?, chatDate, ?, userId, ?, isAlert <> 0, ?, content, ?, iif(${rtf} IS NULL, '', concat(?, ${rtf}, ?)), ?) ` +
        "ELSE '#' || rowid END " +
        `FROM tblChat WHERE channelId = ? AND chatId > ? AND +chatDate >= ? ORDER BY chatId LIMIT ${PAGE}`,
    )
      .safeIntegers(false)
      .pluck(true);
    const byRowid = this.#statement(`SELECT ${this.#chatColumns} FROM tblChat WHERE rowid = ?`).safeIntegers(true).raw(true);
    const t = template;
    const pieces = [t.contentEnd + t.rtf, t.roomId, String(roomId), t.chatId, t.date, t.userId, t.isAlert, t.content, t.contentEnd, t.rtf, t.rtfEnd, t.end];
    let last = -1n;
    const from = since ?? -1n;
    for (;;) {
      const page = statement.all(...pieces, roomId, last, from) as (RenderedChat | Chat)[];
      if (page.length === 0) return;
      for (let i = 0; i < page.length; i++) {
        const record = page[i] as string;
        if (record.charCodeAt(0) === 0x23 /* # */) page[i] = chatFromRaw(roomId, byRowid.get(BigInt(record.slice(1))) as unknown[]);
      }
      const tail = page[page.length - 1]!;
      last = typeof tail === 'string' ? chatIdOf(tail, t.chatId, t.date) : tail.chatId;
      yield page;
      if (page.length < PAGE) return;
    }
  }

  async chatCounts(since?: Ticks): Promise<Map<number, number>> {
    const rows = this.#db
      .prepare('SELECT channelId AS channelId, COUNT(*) AS n FROM tblChat WHERE chatDate >= ? GROUP BY channelId')
      .all(since ?? -1n) as { channelId: number; n: number }[];
    return new Map(rows.map((r) => [Number(r.channelId), Number(r.n)]));
  }

  async roomChatState(roomId: number): Promise<RoomChatState> {
    const row = this.#statement(
      'SELECT COUNT(*) AS n, MAX(chatDate) AS maxDate, MAX(chatId) AS maxId, ' +
        '(SELECT MAX(lastChatID) FROM tblLastChatId WHERE nodeID = ?) AS lastId FROM tblChat WHERE channelId = ?',
    )
      .safeIntegers(true)
      .get(roomId, roomId) as { n: bigint; maxDate: bigint | null; maxId: bigint | null; lastId: bigint | null };
    const maxId = row.maxId ?? 0n;
    const lastId = row.lastId ?? 0n;
    return { count: Number(row.n), maxDate: row.maxDate, lastChatId: lastId > maxId ? lastId : maxId };
  }

  async countMatchingChats(roomId: number, date: Ticks, userId: number, content: string): Promise<number> {
    const row = this.#statement('SELECT COUNT(*) AS n FROM tblChat WHERE channelId = ? AND chatDate = ? AND userId = ? AND content = ?')
      .safeIntegers(false)
      .get(roomId, date, userId, textParam(content)) as { n: number };
    return Number(row.n);
  }

  async countChatsThrough(roomId: number, through: Ticks): Promise<number> {
    const row = this.#statement('SELECT COUNT(*) AS n FROM tblChat WHERE channelId = ? AND chatDate <= ?').safeIntegers(false).get(roomId, through) as { n: number };
    return Number(row.n);
  }

  async transaction<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T> {
    if (this.#db.readonly) {
      throw new PcmError(`The database '${this.displayName}' was opened read-only.`, { errorId: 'ReadOnlyDatabase', category: 'InvalidOperation' });
    }
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const writer = this.#legacy ? new SqliteGroupChat2010Writer(this.#db, this.#roles) : new SqliteWriter(this.#db, this.#roles);
      const result = await fn(writer);
      writer.finish();
      faultPoint('store:before-commit');
      this.#db.exec('COMMIT');
      faultPoint('store:after-commit');
      return result;
    } catch (error) {
      this.#rollBack(error);
      throw error;
    }
  }

  /**
   * Undoes a failed transaction before its error travels on. After SQLITE_FULL or an I/O error SQLite ends the
   * transaction itself but leaves its pager in an error state: the file may have grown, and the journal beside it is
   * hot until the next read plays it back. So a read follows the ROLLBACK here, and the journal must then be gone;
   * if it is not, the error is marked with what to do (the file alone is not the old database).
   */
  #rollBack(error: unknown): void {
    try {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    } catch {
      // noop: the read below restores from the journal, or the journal is reported
    }
    for (let attempt = 0; attempt < 2 && existsSync(this.#journal); attempt++) {
      try {
        this.#db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      } catch {
        // noop: reported below if the journal stays
      }
    }
    if (existsSync(this.#journal)) {
      markNotRestored(
        error,
        `The target ${this.displayName} could not be restored in place: its journal '${this.#journal}' holds the content it had before the failed transaction. ` +
          'Do not copy, move or delete the database without that journal. Make room on the disk, then open the database again (running the ' +
          'same import does): SQLite restores it from the journal first.',
      );
    }
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
