/**
 * The store session of the long-lived host (bridge/host.ts): the database connection of a registered pool is kept
 * open from one module call to the next, so that `Get-CsPersistentChatRoom | Set-CsPersistentChatRoom` over 1,000
 * rooms opens one connection, not 1,001. Only the host starts a session (pcm runs one command per process and has
 * nothing to share); PCM_STORE_SESSION=0 turns it off.
 *
 * A kept connection must never serve stale or wrong data, so before each reuse it is checked against what it was
 * opened for, and reopened when anything differs:
 * - the pool's registration (DBInstance, DBName, login): Set-PcmPersistentChatPool moved the pool;
 * - for an embedded database, the file itself (device and inode): a restore or a copy put another file at the path,
 *   or it was deleted (then the open fails as it would without a session).
 * What other writers commit is seen anyway: a connection holds no snapshot between transactions.
 * A connection idle for IDLE_MS is closed, so that no file stays open behind the administrator's back (Windows
 * refuses to replace an open file), and the host releases them all before a command that names a -DBInstance
 * itself (an import may replace the very file) and when PowerShell goes away.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { parseDbInstance } from '../store/db-instance.js';
import { openStore } from '../store/open-store.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';

/** Long enough for the calls of one pipeline (milliseconds apart), short enough to let go of files soon after. */
export const IDLE_MS = 2000;

interface Kept {
  readonly fingerprint: string;
  readonly store: Store;
  readonly readOnly: boolean;
  /** An embedded database's file, as it was when opened. */
  readonly file: string | undefined;
  readonly dev: number;
  readonly ino: number;
  timer: NodeJS.Timeout | undefined;
}

let kept: Map<string, Kept> | undefined;
let idleMs = IDLE_MS;

/** Starts the session (the host does, once); false when PCM_STORE_SESSION=0 keeps it off. */
export function startStoreSession(env: NodeJS.ProcessEnv = process.env, idle: number = IDLE_MS): boolean {
  if (env['PCM_STORE_SESSION'] === '0') return false;
  kept ??= new Map();
  idleMs = idle;
  return true;
}

export function storeSessionActive(): boolean {
  return kept !== undefined;
}

/** Closes every kept connection; the session stays on for the next call. */
export async function releaseStores(): Promise<void> {
  if (!kept) return;
  const all = [...kept.values()];
  kept.clear();
  for (const entry of all) await close(entry);
}

/** Closes the kept connections and ends the session. */
export async function endStoreSession(): Promise<void> {
  await releaseStores();
  kept = undefined;
}

async function close(entry: Kept): Promise<void> {
  if (entry.timer) clearTimeout(entry.timer);
  try {
    await entry.store.close();
  } catch {
    // noop: a connection that cannot close cleanly is gone either way
  }
}

const fingerprintOf = (pool: PoolRegistration): string => JSON.stringify([pool.dbInstance, pool.dbName, pool.userName]);

function fileIdentity(path: string | undefined): { dev: number; ino: number } | undefined {
  if (path === undefined) return { dev: 0, ino: 0 };
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The store's close() ends the call's use of it, not the connection, which the session closes when it is idle. */
function lease(store: Store): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'close') return async () => undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function arm(key: string, entry: Kept): void {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = setTimeout(() => {
    if (kept?.get(key) === entry) kept.delete(key);
    void close(entry);
  }, idleMs);
  entry.timer.unref();
}

/**
 * The kept connection of a pool, opened or reopened as needed; undefined without a session. A reading call may get
 * a read-write connection (one connection serves a pipeline that reads and then writes); it does not write with it.
 */
export async function sessionStore(pool: PoolRegistration, readOnly: boolean): Promise<Store | undefined> {
  if (!kept) return undefined;
  const key = pool.fqdn.toLowerCase();
  const fingerprint = fingerprintOf(pool);
  const instance = parseDbInstance(pool.dbInstance);
  const file = instance.kind === 'sqlite' ? instance.path : undefined;
  const entry = kept.get(key);
  if (entry) {
    const now = fileIdentity(entry.file);
    const same = entry.fingerprint === fingerprint && now !== undefined && now.dev === entry.dev && now.ino === entry.ino && (readOnly || !entry.readOnly);
    if (same) {
      arm(key, entry);
      return lease(entry.store);
    }
    kept.delete(key);
    await close(entry);
  }
  // Opened for writing where this process may write (read-only is a guard in our stores, not a different kind of
  // connection), so that a pipeline's reads and writes share one connection.
  const openReadOnly = readOnly && file !== undefined && !writable(file);
  const store = await openStore(instance, { dbName: pool.dbName, readOnly: openReadOnly });
  const identity = fileIdentity(file);
  if (!identity) {
    await store.close();
    return undefined;
  }
  const fresh: Kept = { fingerprint, store, readOnly: openReadOnly, file, dev: identity.dev, ino: identity.ino, timer: undefined };
  kept.set(key, fresh);
  arm(key, fresh);
  return lease(store);
}
