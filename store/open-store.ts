/** The one factory that turns a -DBInstance into a Store. Only this file knows which dialects exist. */
import type { SchemaKind } from '../core/model.js';
import { noteConnection } from './connection-count.js';
import { parseDbInstance, type DbInstance } from './db-instance.js';
import type { EncryptMode, SqlCredential } from './mssql/mssql-config.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type { SqlCredential } from './mssql/mssql-config.js';

export interface OpenStoreOptions {
  /** -DBName; SQL Server only (the embedded store is one database per file). Default mgc. */
  readonly dbName?: string;
  readonly readOnly?: boolean;
  /** Create this schema when the database does not exist yet (embedded) or holds no table at all. */
  readonly createWith?: SchemaKind;
  /** SQL Server: -Credential (a SQL login, or DOMAIN\user for NTLM). Without it, PCM_SQL_USER / PCM_SQL_PASSWORD. */
  readonly credential?: SqlCredential;
  /** SQL Server: -TrustServerCertificate. Without it, PCM_SQL_TRUST_SERVER_CERTIFICATE; default false. */
  readonly trustServerCertificate?: boolean;
  /** SQL Server: without it, PCM_SQL_ENCRYPT; default Mandatory. */
  readonly encrypt?: EncryptMode;
  /** SQL Server: milliseconds to wait for the connection and login (default 15,000). */
  readonly connectTimeoutMs?: number;
  /** SQL Server: aborting it cancels running statements on the server (an open transaction is rolled back). */
  readonly signal?: AbortSignal;
}

export async function openStore(dbInstance: string | DbInstance, options: OpenStoreOptions = {}): Promise<Store> {
  const instance = typeof dbInstance === 'string' ? parseDbInstance(dbInstance) : dbInstance;
  if (instance.kind === 'sqlite') {
    const store = SqliteStore.open(instance.path, {
      ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
      ...(options.createWith === undefined ? {} : { createWith: options.createWith }),
    });
    noteConnection('sqlite', Boolean(options.readOnly));
    return store;
  }
  // Loaded only when a SQL Server is named: the driver is large, and most runs (and every CLI start) never need it.
  const { MssqlStore } = await import('./mssql/mssql-store.js');
  const store = await MssqlStore.open(instance, options);
  noteConnection('mssql', Boolean(options.readOnly));
  return store;
}
