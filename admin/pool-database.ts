/**
 * Opening the database of a registered pool, for the cmdlets that read or change what it holds. Without a registered
 * pool the message says how to register one; with several, which ones there are (-PersistentChatPoolFqdn picks).
 */
import { PcmError } from '../core/errors.js';
import { parseDbInstance } from '../store/db-instance.js';
import { openStore, type OpenStoreOptions } from '../store/open-store.js';
import { releaseStores, sessionStore } from './store-session.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';
import { claimTarget } from '../store/target-claim.js';
import { notRestored, writeFailureOf } from '../store/write-failure.js';
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
    } catch (error) {
      // A connection a driver failure went through is not kept for the next call.
      if (writeFailureOf(error)) await releaseStores();
      throw poolStoreError(error, pool);
    } finally {
      await store.close();
    }
  } finally {
    await claim?.release();
  }
}

/** A driver's failure (a full disk, a lock another program holds) as an error that names the pool and the fix. */
function poolStoreError(error: unknown, pool: PoolRegistration): unknown {
  const failure = writeFailureOf(error);
  if (error instanceof PcmError || !failure) return error;
  const message = error instanceof Error ? error.message : String(error);
  const where = `the database of the pool ${pool.fqdn} (${pool.dbInstance})`;
  // A transaction the store could not undo in place says what holds the old content (store/write-failure.ts).
  const state = notRestored(error) ?? 'Nothing was changed: the change was rolled back.';
  if (failure.kind === 'Locked') {
    return new PcmError(`The database of the pool ${pool.fqdn} (${pool.dbInstance}) is locked by another program that is writing to it (${message}). Let it finish, then run the command again. ${state}`, {
      errorId: 'DatabaseLocked',
      category: 'ResourceUnavailable',
      target: pool.fqdn,
      cause: error,
    });
  }
  if (failure.kind === 'Changed') {
    return new PcmError(`The database of the pool ${pool.fqdn} (${pool.dbInstance}) changed while this command was writing to it (${message}): another program wrote to it. Run the command again. ${state}`, {
      errorId: 'DatabaseChanged',
      category: 'InvalidOperation',
      target: pool.fqdn,
      cause: error,
    });
  }
  return new PcmError(`Cannot write to ${where}: ${message} (${failure.code}). The disk may be full or the file not writable; make room or fix it, then run the command again. ${state}`, {
    errorId: 'DatabaseWriteFailed',
    category: 'WriteError',
    target: pool.fqdn,
    cause: error,
  });
}
