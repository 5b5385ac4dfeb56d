/**
 * Opening the database of a registered pool, for the cmdlets that read or change what it holds. Without a registered
 * pool the message says how to register one; with several, which ones there are (-PersistentChatPoolFqdn picks).
 */
import { PcmError } from '../core/errors.js';
import { parseDbInstance } from '../store/db-instance.js';
import { openStore, type OpenStoreOptions } from '../store/open-store.js';
import { sessionStore } from './store-session.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';
import { claimTarget } from '../store/target-claim.js';
import { listPools } from './pools.js';

/** The pool a call means: the one named, else the only registered one. */
export function resolvePool(fqdn: string | undefined): PoolRegistration {
  if (fqdn !== undefined) return listPools(fqdn)[0]!;
  const pools = listPools();
  if (pools.length === 1) return pools[0]!;
  if (pools.length === 0) {
    throw new PcmError('No Persistent Chat pool is registered. Register the pool and its database first: New-PcmPersistentChatPool -PersistentChatPoolFqdn <fqdn> -DBInstance <server\\instance or sqlite:path>.', {
      errorId: 'NoPoolRegistered',
      category: 'ObjectNotFound',
    });
  }
  throw new PcmError(`${pools.length} pools are registered (${pools.map((p) => p.fqdn).join(', ')}): name one with -PersistentChatPoolFqdn.`, {
    errorId: 'PoolRequired',
    category: 'InvalidArgument',
    target: 'PersistentChatPoolFqdn',
  });
}

/**
 * The pool's database: in the long-lived host, the session's kept connection (admin/store-session.ts), else one of
 * the call's own. Either way the caller closes what it gets.
 */
export async function openPoolStore(pool: PoolRegistration, options: Pick<OpenStoreOptions, 'readOnly'> = {}): Promise<Store> {
  const kept = await sessionStore(pool, Boolean(options.readOnly));
  return kept ?? openStore(pool.dbInstance, { dbName: pool.dbName, ...options });
}

/**
 * Runs `use` over a pool's database; a change (`write`) first claims the database, so that a second writer (another
 * cmdlet, an import) waits or is refused instead of interleaving. `purpose` names the claim for that writer.
 */
export async function withPoolStore<T>(pool: PoolRegistration, write: boolean, purpose: string, use: (store: Store) => Promise<T>): Promise<T> {
  const claim = write ? await claimTarget(parseDbInstance(pool.dbInstance), purpose) : undefined;
  try {
    const store = await openPoolStore(pool, { readOnly: !write });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  } finally {
    await claim?.release();
  }
}
