/**
 * The configuration store as an embedded SQLite file. Its tables are ours (pcm*), never Microsoft's names, so a
 * configuration store can never be taken for a Persistent Chat database or the other way round: opening a file that
 * holds other tables is refused before anything is written. Every change is one IMMEDIATE transaction, so two
 * sessions changing the store at once are serialised by SQLite's lock (waiting up to busy_timeout), never merged.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PcmError } from '../../core/errors.js';
import { makeDirectorySync } from '../../core/make-directory.js';
import type { PoolChange, PoolRegistration, PoolRegistry, PoolServer } from '../config/pool-registry.js';
import type { EndpointRecord, EndpointTable } from '../config/endpoint-table.js';
import type { GrantRecord, GrantTable } from '../config/grant-table.js';
import type { SettingsRecord, SettingsTable } from '../config/settings-table.js';

/** Bumped when a table changes; an older program refuses a newer store instead of misreading it. */
const STORE_VERSION = 1;

const DDL = `
CREATE TABLE pcmStoreVersion (version INTEGER NOT NULL);
CREATE TABLE pcmPool (
  fqdn TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  dbInstance TEXT NOT NULL,
  dbName TEXT NOT NULL,
  site TEXT NULL,
  userName TEXT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL
);
`;

/** Tables added after version 1's first tables; created when a store is opened for writing. */
const LATER_DDL = `
CREATE TABLE IF NOT EXISTS pcmSetting (
  kind TEXT NOT NULL,
  identity TEXT NOT NULL COLLATE NOCASE,
  settingValues TEXT NOT NULL,
  modified TEXT NOT NULL,
  PRIMARY KEY (kind, identity)
);
CREATE TABLE IF NOT EXISTS pcmPolicyGrant (
  principalGuid TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  sipAddress TEXT NOT NULL,
  policyName TEXT NOT NULL COLLATE NOCASE,
  granted TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pcmPoolServer (
  serverFqdn TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  poolFqdn TEXT NOT NULL COLLATE NOCASE,
  active INTEGER NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pcmEndpoint (
  sipAddress TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  objectGuid TEXT NOT NULL,
  displayName TEXT NULL,
  poolFqdn TEXT NOT NULL COLLATE NOCASE,
  created TEXT NOT NULL
);
`;

function storeError(path: string, problem: string, cause?: unknown): PcmError {
  return new PcmError(`The configuration store '${path}' ${problem}`, { errorId: 'ConfigurationStoreUnusable', category: 'OpenError', target: path, cause });
}

interface PoolRow {
  fqdn: string;
  dbInstance: string;
  dbName: string;
  site: string | null;
  userName: string | null;
  created: string;
  modified: string;
}

function fromRow(row: PoolRow): PoolRegistration {
  return { ...row, created: new Date(row.created), modified: new Date(row.modified) };
}

export class SqliteConfigStore implements PoolRegistry, SettingsTable, EndpointTable, GrantTable {
  readonly path: string;
  readonly #db: Database.Database;

  private constructor(db: Database.Database, path: string) {
    this.#db = db;
    this.path = path;
  }

  /** Opens the store, creating it (and its folder) on first use unless `readOnly`, when a missing store is empty. */
  static open(path: string, options: { readOnly?: boolean } = {}): SqliteConfigStore | undefined {
    const exists = existsSync(path);
    if (exists && statSync(path).isDirectory()) throw storeError(path, 'is a folder. Set PCM_CONFIG_STORE to a file path.');
    if (!exists && options.readOnly) return undefined;
    let db: Database.Database;
    try {
      // Node's recursive mkdir loops for ever under /proc or a dangling link (core/make-directory.ts).
      if (!exists) makeDirectorySync(dirname(path));
      db = new Database(path, { readonly: Boolean(options.readOnly), timeout: 10000 });
    } catch (error) {
      throw storeError(path, `cannot be opened: ${(error as Error).message}. Check the path and its permissions, or set PCM_CONFIG_STORE.`, error);
    }
    try {
      SqliteConfigStore.#prepare(db, path, Boolean(options.readOnly));
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteConfigStore(db, path);
  }

  static #prepare(db: Database.Database, path: string, readOnly: boolean): void {
    let tables: string[];
    try {
      tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    } catch (error) {
      throw storeError(path, 'is not a SQLite file. Set PCM_CONFIG_STORE to the configuration store, or to a new file name.', error);
    }
    if (tables.length === 0) {
      if (readOnly) return;
      db.transaction(() => {
        db.exec(DDL);
        db.exec(LATER_DDL);
        db.prepare('INSERT INTO pcmStoreVersion (version) VALUES (?)').run(STORE_VERSION);
      }).immediate();
      return;
    }
    if (!tables.includes('pcmStoreVersion')) {
      throw storeError(path, `is a database of another kind (it holds ${tables.slice(0, 3).join(', ')}); it is not a configuration store and was not changed. Point PCM_CONFIG_STORE at the configuration store, or at a new file name.`);
    }
    const version = (db.prepare('SELECT max(version) AS v FROM pcmStoreVersion').get() as { v: number | null }).v ?? 0;
    if (version > STORE_VERSION) {
      throw storeError(path, `was written by a newer version of PersistentChatMigration (store version ${version}, this one reads ${STORE_VERSION}). Update the module.`);
    }
    if (!readOnly) db.exec(LATER_DDL);
  }

  close(): void {
    this.#db.close();
  }

  pools(): PoolRegistration[] {
    if (!this.#hasTables()) return [];
    return (this.#db.prepare('SELECT * FROM pcmPool ORDER BY fqdn COLLATE NOCASE').all() as PoolRow[]).map(fromRow);
  }

  pool(fqdn: string): PoolRegistration | undefined {
    if (!this.#hasTables()) return undefined;
    const row = this.#db.prepare('SELECT * FROM pcmPool WHERE fqdn = ? COLLATE NOCASE').get(fqdn) as PoolRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  add(pool: Omit<PoolRegistration, 'created' | 'modified'>): PoolRegistration {
    const now = new Date().toISOString();
    return this.#db
      .transaction(() => {
        const existing = this.pool(pool.fqdn);
        if (existing) {
          throw new PcmError(`The pool '${existing.fqdn}' is registered already. Use Set-PcmPersistentChatPool to change it, or Remove-PcmPersistentChatPool first.`, {
            errorId: 'PoolExists',
            category: 'ResourceExists',
            target: pool.fqdn,
          });
        }
        this.#db
          .prepare('INSERT INTO pcmPool (fqdn, dbInstance, dbName, site, userName, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(pool.fqdn, pool.dbInstance, pool.dbName, pool.site, pool.userName, now, now);
        return this.pool(pool.fqdn)!;
      })
      .immediate();
  }

  change(fqdn: string, change: PoolChange): PoolRegistration {
    return this.#db
      .transaction(() => {
        const existing = this.pool(fqdn);
        if (!existing) throw poolNotFound(fqdn);
        const next = { ...existing, ...change };
        this.#db
          .prepare('UPDATE pcmPool SET dbInstance = ?, dbName = ?, site = ?, userName = ?, modified = ? WHERE fqdn = ? COLLATE NOCASE')
          .run(next.dbInstance, next.dbName, next.site, next.userName, new Date().toISOString(), existing.fqdn);
        return this.pool(existing.fqdn)!;
      })
      .immediate();
  }

  remove(fqdn: string): void {
    this.#db
      .transaction(() => {
        const result = this.#db.prepare('DELETE FROM pcmPool WHERE fqdn = ? COLLATE NOCASE').run(fqdn);
        if (result.changes === 0) throw poolNotFound(fqdn);
        if (this.#hasTables('pcmPoolServer')) this.#db.prepare('DELETE FROM pcmPoolServer WHERE poolFqdn = ? COLLATE NOCASE').run(fqdn);
      })
      .immediate();
  }

  settings(kind: string): SettingsRecord[] {
    if (!this.#hasTables('pcmSetting')) return [];
    const rows = this.#db.prepare('SELECT identity, settingValues, modified FROM pcmSetting WHERE kind = ? ORDER BY identity COLLATE NOCASE').all(kind) as {
      identity: string;
      settingValues: string;
      modified: string;
    }[];
    return rows.map((r) => ({ identity: r.identity, values: JSON.parse(r.settingValues) as Record<string, unknown>, modified: new Date(r.modified) }));
  }

  putSetting(kind: string, identity: string, values: Readonly<Record<string, unknown>>, mode: 'create' | 'replace'): void {
    this.#db
      .transaction(() => {
        const existing = this.#db.prepare('SELECT identity FROM pcmSetting WHERE kind = ? AND identity = ?').get(kind, identity) as { identity: string } | undefined;
        if (existing && mode === 'create') {
          throw new PcmError(`The ${kind} '${existing.identity}' already exists. Change it with Set-Cs${kind}.`, { errorId: 'SettingExists', category: 'ResourceExists', target: identity });
        }
        this.#db
          .prepare('INSERT INTO pcmSetting (kind, identity, settingValues, modified) VALUES (?, ?, ?, ?) ON CONFLICT (kind, identity) DO UPDATE SET settingValues = excluded.settingValues, modified = excluded.modified')
          .run(kind, existing?.identity ?? identity, JSON.stringify(values), new Date().toISOString());
      })
      .immediate();
  }

  deleteSetting(kind: string, identity: string): boolean {
    if (!this.#hasTables('pcmSetting')) return false;
    return this.#db.prepare('DELETE FROM pcmSetting WHERE kind = ? AND identity = ?').run(kind, identity).changes > 0;
  }

  endpoints(): EndpointRecord[] {
    if (!this.#hasTables('pcmEndpoint')) return [];
    const rows = this.#db.prepare('SELECT * FROM pcmEndpoint ORDER BY sipAddress COLLATE NOCASE').all() as (Omit<EndpointRecord, 'created'> & { created: string })[];
    return rows.map((r) => ({ ...r, created: new Date(r.created) }));
  }

  addEndpoint(endpoint: Omit<EndpointRecord, 'created'>): EndpointRecord {
    return this.#db
      .transaction(() => {
        const existing = this.endpoints().find((e) => e.sipAddress.toLowerCase() === endpoint.sipAddress.toLowerCase());
        if (existing) {
          throw new PcmError(`The SIP address ${existing.sipAddress} is already the endpoint of the pool ${existing.poolFqdn}. A SIP address can be used by one endpoint only.`, {
            errorId: 'EndpointExists',
            category: 'ResourceExists',
            target: endpoint.sipAddress,
          });
        }
        const created = new Date().toISOString();
        this.#db
          .prepare('INSERT INTO pcmEndpoint (sipAddress, objectGuid, displayName, poolFqdn, created) VALUES (?, ?, ?, ?, ?)')
          .run(endpoint.sipAddress, endpoint.objectGuid, endpoint.displayName, endpoint.poolFqdn, created);
        return { ...endpoint, created: new Date(created) };
      })
      .immediate();
  }

  removeEndpoint(sipAddress: string): boolean {
    if (!this.#hasTables('pcmEndpoint')) return false;
    return this.#db.prepare('DELETE FROM pcmEndpoint WHERE sipAddress = ?').run(sipAddress).changes > 0;
  }

  grants(): GrantRecord[] {
    if (!this.#hasTables('pcmPolicyGrant')) return [];
    const rows = this.#db.prepare('SELECT * FROM pcmPolicyGrant ORDER BY sipAddress COLLATE NOCASE').all() as (Omit<GrantRecord, 'granted'> & { granted: string })[];
    return rows.map((r) => ({ ...r, granted: new Date(r.granted) }));
  }

  setGrant(principalGuid: string, sipAddress: string, policyName: string | null): void {
    if (policyName === null) {
      if (this.#hasTables('pcmPolicyGrant')) this.#db.prepare('DELETE FROM pcmPolicyGrant WHERE principalGuid = ?').run(principalGuid);
      return;
    }
    this.#db
      .prepare('INSERT INTO pcmPolicyGrant (principalGuid, sipAddress, policyName, granted) VALUES (?, ?, ?, ?) ON CONFLICT (principalGuid) DO UPDATE SET sipAddress = excluded.sipAddress, policyName = excluded.policyName, granted = excluded.granted')
      .run(principalGuid, sipAddress, policyName, new Date().toISOString());
  }

  removeGrantsOf(policyName: string): number {
    if (!this.#hasTables('pcmPolicyGrant')) return 0;
    return this.#db.prepare('DELETE FROM pcmPolicyGrant WHERE policyName = ?').run(policyName).changes;
  }

  poolServers(): PoolServer[] {
    if (!this.#hasTables('pcmPoolServer')) return [];
    const rows = this.#db.prepare('SELECT serverFqdn, poolFqdn, active FROM pcmPoolServer ORDER BY poolFqdn COLLATE NOCASE, position').all() as { serverFqdn: string; poolFqdn: string; active: number }[];
    return rows.map((r) => ({ server: r.serverFqdn, poolFqdn: r.poolFqdn, active: r.active === 1 }));
  }

  setPoolServers(poolFqdn: string, servers: readonly Omit<PoolServer, 'poolFqdn'>[]): void {
    this.#db
      .transaction(() => {
        this.#db.prepare('DELETE FROM pcmPoolServer WHERE poolFqdn = ? COLLATE NOCASE').run(poolFqdn);
        const insert = this.#db.prepare('INSERT INTO pcmPoolServer (serverFqdn, poolFqdn, active, position) VALUES (?, ?, ?, ?)');
        servers.forEach((s, i) => insert.run(s.server, poolFqdn, s.active ? 1 : 0, i));
      })
      .immediate();
  }

  /** Runs `work` as one IMMEDIATE transaction: what it reads stays true until it has written. */
  atomically<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  /** A store opened read-only before it was ever written has no tables yet: it reads as empty. */
  #hasTables(table = 'pcmPool'): boolean {
    return this.#db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  }
}

export function poolNotFound(fqdn: string): PcmError {
  return new PcmError(`No pool '${fqdn}' is registered. Get-PcmPersistentChatPool lists the registered pools; New-PcmPersistentChatPool registers one.`, {
    errorId: 'PoolNotFound',
    category: 'ObjectNotFound',
    target: fqdn,
  });
}
