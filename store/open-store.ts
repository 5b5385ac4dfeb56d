/** The one factory that turns a -DBInstance into a Store. Only this file knows which dialects exist. */
import { PcmError } from '../core/errors.js';
import type { SchemaKind } from '../core/model.js';
import { parseDbInstance, type DbInstance } from './db-instance.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** -DBName; SQL Server only (the embedded store is one database per file). Default mgc. */
  readonly dbName?: string;
  readonly readOnly?: boolean;
  /** Create this schema when the database does not exist yet or is empty. */
  readonly createWith?: SchemaKind;
}

export async function openStore(dbInstance: string | DbInstance, options: OpenStoreOptions = {}): Promise<Store> {
  const instance = typeof dbInstance === 'string' ? parseDbInstance(dbInstance) : dbInstance;
  if (instance.kind === 'sqlite') {
    return SqliteStore.open(instance.path, {
      ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
      ...(options.createWith === undefined ? {} : { createWith: options.createWith }),
    });
  }
  throw new PcmError(
    `-DBInstance '${instance.text}' names a SQL Server instance, and this version cannot connect to SQL Server yet. ` +
      'Copy the database into an embedded store, or use -DBInstance sqlite:<path> to work with a SQLite file.',
    { errorId: 'SqlServerNotSupported', category: 'NotImplemented', target: instance.text },
  );
}
