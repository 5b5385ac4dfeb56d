/** Opens the configuration store at its configured location (config-location.ts). */
import { SqliteConfigStore } from '../sqlite/sqlite-config-store.js';
import { configStorePath } from './config-location.js';
import type { PoolRegistry } from './pool-registry.js';
import type { EndpointTable } from './endpoint-table.js';
import type { GrantTable } from './grant-table.js';
import type { SettingsTable } from './settings-table.js';

export interface ConfigStore extends PoolRegistry, SettingsTable, EndpointTable, GrantTable {
  readonly path: string;
  close(): void;
}

/** For changes: creates the store on first use. */
export function openConfigStore(env: NodeJS.ProcessEnv = process.env): ConfigStore {
  return SqliteConfigStore.open(configStorePath(env))!;
}

/** For reads: a store that does not exist yet is empty, and reading never creates one. */
export function readConfigStore(env: NodeJS.ProcessEnv = process.env): ConfigStore | undefined {
  return SqliteConfigStore.open(configStorePath(env), { readOnly: true });
}

/** Runs `use` with a store and closes it, whatever happens. */
export function withConfigStore<T>(mode: 'read' | 'write', use: (store: ConfigStore | undefined) => T, env: NodeJS.ProcessEnv = process.env): T {
  const store = mode === 'write' ? openConfigStore(env) : readConfigStore(env);
  try {
    return use(store);
  } finally {
    store?.close();
  }
}
