/**
 * The dialects the store suite runs against, in Kysely's style (spec/aesthetics.md §1.9, DESIGN.md §6): `sqlite`
 * always, on a fresh database file per test, and `mssql` when PCM_TEST_MSSQL holds a connection string. A test file
 * loops over DIALECTS and registers its suite with `dialect.describe`, so an unconfigured dialect shows up in the
 * report as skipped, with its reason, and never as passed. With PCM_TEST_MSSQL, each SQL Server test gets a fresh
 * empty database on that server (test/mssql/support/live-server.ts), filled by openStore's createWith and dropped
 * afterwards.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SchemaKind } from '../../../core/model.js';
import { openStore, type OpenStoreOptions } from '../../../store/open-store.js';
import type { Store } from '../../../store/store.js';
import { tempDir } from '../../support/temp.js';
import { liveServer, MSSQL_NOT_SET, type LiveServer, type SqlSession } from '../../mssql/support/live-server.js';

export type DialectId = 'sqlite' | 'mssql';

/** A row read with plain SQL: integers that fit a number are numbers, larger ones (ticks) stay bigint. */
export type SqlRow = Record<string, unknown>;

/** One database a test works on. destroy() closes every store opened on it. */
export interface TestDatabase {
  readonly store: Store;
  /** Opens the same database again through openStore, e.g. read-only. */
  reopen(options?: Pick<OpenStoreOptions, 'readOnly'>): Promise<Store>;
  /**
   * Runs one statement beside the store, for a state the Store contract cannot produce (a stale tblLastChatId) or
   * a check of rows it does not expose (the lookup tables). Table and column names are Microsoft's, so the same SQL
   * works on every dialect.
   */
  execute(sql: string, ...params: unknown[]): Promise<void>;
  query(sql: string, ...params: unknown[]): Promise<SqlRow[]>;
  destroy(): Promise<void>;
}

export interface Dialect {
  readonly id: DialectId;
  /** mocha's describe for this dialect; describe.skip, with the reason in the title, when it is not configured. */
  readonly describe: (title: string, body: (this: Mocha.Suite) => void) => void;
  /** A new database holding this schema, created through openStore. */
  create(schema: SchemaKind): Promise<TestDatabase>;
}

function normalize(row: Record<string, unknown>): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  return out;
}

const sqlite: Dialect = {
  id: 'sqlite',
  describe: (title, body) => describe(title, body),
  async create(schema) {
    const path = join(tempDir('pcm-store-'), 'x.db');
    const instance = `sqlite:${path}`;
    const opened: Store[] = [await openStore(instance, { createWith: schema })];
    // A second connection to the same file, opened per statement so that it never holds a lock the store needs.
    const withFile = <T>(fn: (db: Database.Database) => T): T => {
      const db = new Database(path, { fileMustExist: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    return {
      store: opened[0]!,
      async reopen(options = {}) {
        const store = await openStore(instance, options);
        opened.push(store);
        return store;
      },
      async execute(sql, ...params) {
        withFile((db) => db.prepare(sql).run(...params));
      },
      async query(sql, ...params) {
        return withFile((db) => (db.prepare(sql).safeIntegers(true).all(...params) as Record<string, unknown>[]).map(normalize));
      },
      async destroy() {
        for (const store of opened) await store.close();
      },
    };
  },
};

function mssql(server: LiveServer | undefined): Dialect {
  if (!server) {
    return {
      id: 'mssql',
      describe: (title, body) => describe.skip(`${title} (skipped: ${MSSQL_NOT_SET})`, body),
      create: () => Promise.reject(new Error(`the mssql dialect cannot be used: ${MSSQL_NOT_SET}`)),
    };
  }
  return {
    id: 'mssql',
    describe: (title, body) =>
      describe(title, function () {
        after(() => server.close());
        body.call(this);
      }),
    async create(schema) {
      const dbName = await server.createDatabase();
      const opened: Store[] = [];
      let session: SqlSession | undefined;
      const destroy = async (): Promise<void> => {
        for (const store of opened) await store.close();
        await session?.close();
        await server.dropDatabase(dbName);
      };
      try {
        opened.push(await openStore(server.dbInstance, { ...server.options(dbName), createWith: schema }));
        session = await server.session(dbName);
      } catch (error) {
        await destroy();
        throw error;
      }
      const sql = session;
      return {
        store: opened[0]!,
        async reopen(options = {}) {
          const store = await openStore(server.dbInstance, { ...server.options(dbName), ...options });
          opened.push(store);
          return store;
        },
        execute: (text, ...params) => sql.execute(text, ...params),
        query: (text, ...params) => sql.query(text, ...params),
        destroy,
      };
    },
  };
}

export const DIALECTS: readonly Dialect[] = [sqlite, mssql(liveServer())];
