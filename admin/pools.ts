/**
 * The operations behind the pool cmdlets: register, list, change and unregister the database that serves a pool.
 * A registration is checked before it is saved: the FQDN is a DNS name, the database opens and holds the Persistent
 * Chat schema (an embedded one that does not exist is created with it), and no other pool uses the same database.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { PcmError } from '../core/errors.js';
import { checkPoolFqdn } from '../core/identity/pool-fqdn.js';
import { planPoolServers } from '../core/pool-servers.js';
import { wildcardMatcher } from '../core/identity/wildcard.js';
import { parseDbInstance, type DbInstance } from '../store/db-instance.js';
import { openStore, type OpenStoreOptions } from '../store/open-store.js';
import { claimTarget } from '../store/target-claim.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import { poolNotFound } from '../store/sqlite/sqlite-config-store.js';

export const DEFAULT_DB_NAME = 'mgc';

export interface PoolTarget {
  readonly dbInstance: string;
  readonly dbName: string;
}

/** The -DBInstance as it is saved: an embedded path made absolute, so a later session in another folder finds it. */
export function normaliseDbInstance(text: string): DbInstance {
  const instance = parseDbInstance(text);
  if (instance.kind !== 'sqlite') return instance;
  const absolute = path.resolve(instance.path);
  return { kind: 'sqlite', path: absolute, text: `sqlite:${absolute}` };
}

/** Two registrations name the same database: the same file (after links), or the same server, instance and name. */
function sameDatabase(a: PoolTarget, b: PoolTarget): boolean {
  const x = parseDbInstance(a.dbInstance);
  const y = parseDbInstance(b.dbInstance);
  if (x.kind === 'sqlite' && y.kind === 'sqlite') {
    const real = (p: string): string => (existsSync(p) ? realpathSync(p) : path.resolve(p));
    const [rx, ry] = [real(x.path), real(y.path)];
    return process.platform === 'win32' || process.platform === 'darwin' ? rx.toLowerCase() === ry.toLowerCase() : rx === ry;
  }
  if (x.kind === 'mssql' && y.kind === 'mssql') {
    const key = (i: typeof x, name: string): string => `${i.server}|${i.instance ?? ''}|${i.port ?? ''}|${name}`.toLowerCase();
    return key(x, a.dbName) === key(y, b.dbName);
  }
  return false;
}

/**
 * Checks that the database can serve a pool. An embedded one that does not exist is created with the Persistent
 * Chat schema, unless this is a dry run; returns what was done, for -Verbose.
 */
export async function checkPoolDatabase(instance: DbInstance, options: OpenStoreOptions, whatIf: boolean): Promise<string> {
  const creating = instance.kind === 'sqlite' && !existsSync(instance.path);
  if (creating && !existsSync(path.dirname(instance.path))) {
    throw new PcmError(`The folder of ${instance.text} does not exist, so the pool's database cannot be created there. Create the folder, or give a path in an existing one.`, {
      errorId: 'PoolDatabaseFolderMissing',
      category: 'ObjectNotFound',
      target: instance.text,
    });
  }
  if (creating && whatIf) return `would create the embedded Persistent Chat database ${instance.path}`;
  // Creating the database is a write: one writer per target (store/target-claim.ts), as Import claims it.
  const claim = creating ? await claimTarget(instance, 'New-PcmPersistentChatPool') : undefined;
  let store;
  try {
    store = await openStore(instance, { ...options, ...(creating ? { createWith: 'PersistentChat2013' as const } : { readOnly: true }) });
  } catch (error) {
    await claim?.release();
    throw error;
  }
  try {
    if (store.schema !== 'PersistentChat2013') {
      throw new PcmError(
        `The database ${instance.text} holds a Lync Server 2010 Group Chat database, which cannot serve a Persistent Chat pool. ` +
          'Register the Persistent Chat (mgc) database, and migrate the Group Chat data into it with Export- and Import-CsPersistentChatData.',
        { errorId: 'PoolDatabaseNotPersistentChat', category: 'InvalidData', target: instance.text },
      );
    }
  } finally {
    await store.close();
    await claim?.release();
  }
  return creating ? `created the embedded Persistent Chat database ${instance.path}` : `the database ${instance.text} holds the Persistent Chat schema`;
}

function refuseShared(target: PoolTarget, fqdn: string, pools: readonly PoolRegistration[]): void {
  const other = pools.find((p) => p.fqdn.toLowerCase() !== fqdn.toLowerCase() && sameDatabase(p, target));
  if (other) {
    throw new PcmError(
      `The database ${target.dbInstance}${parseDbInstance(target.dbInstance).kind === 'mssql' ? ` (${target.dbName})` : ''} already serves the pool '${other.fqdn}'. ` +
        'A Persistent Chat database belongs to one pool: give this pool its own database.',
      { errorId: 'PoolDatabaseInUse', category: 'ResourceExists', target: target.dbInstance },
    );
  }
}

export interface NewPool {
  readonly fqdn: string;
  readonly dbInstance: string;
  readonly dbName?: string | undefined;
  readonly site?: string | undefined;
  readonly userName?: string | undefined;
}

/** Everything New- checks before it changes anything; returns the registration it would save. */
export function planNewPool(request: NewPool): Omit<PoolRegistration, 'created' | 'modified'> & { instance: DbInstance } {
  const fqdn = checkPoolFqdn(request.fqdn);
  const instance = normaliseDbInstance(request.dbInstance);
  const registration = {
    fqdn,
    dbInstance: instance.text,
    dbName: request.dbName?.trim() || DEFAULT_DB_NAME,
    site: request.site?.trim() || null,
    userName: instance.kind === 'mssql' ? (request.userName ?? null) : null,
    instance,
  };
  withConfigStore('read', (store) => {
    const pools = store?.pools() ?? [];
    const existing = pools.find((p) => p.fqdn.toLowerCase() === fqdn.toLowerCase());
    if (existing) {
      throw new PcmError(`The pool '${existing.fqdn}' is registered already. Use Set-PcmPersistentChatPool to change it, or Remove-PcmPersistentChatPool first.`, {
        errorId: 'PoolExists',
        category: 'ResourceExists',
        target: fqdn,
      });
    }
    refuseShared(registration, fqdn, pools);
  });
  return registration;
}

export function savePool(registration: Omit<PoolRegistration, 'created' | 'modified'>): PoolRegistration {
  return withConfigStore('write', (store) => {
    // Checked again inside the store's own transaction: another session may have registered it meanwhile.
    refuseShared(registration, registration.fqdn, store!.pools());
    return store!.add(registration);
  });
}

export function listPools(identity?: string, filter?: string): PoolRegistration[] {
  return withConfigStore('read', (store) => {
    const pools = store?.pools() ?? [];
    if (identity !== undefined) {
      const found = pools.find((p) => p.fqdn.toLowerCase() === identity.trim().replace(/\.$/, '').toLowerCase());
      if (!found) throw poolNotFound(identity);
      return [found];
    }
    if (filter !== undefined) {
      const matches = wildcardMatcher(filter);
      return pools.filter((p) => matches(p.fqdn));
    }
    return pools;
  });
}

export interface PoolChangeRequest {
  readonly dbInstance?: string | undefined;
  readonly dbName?: string | undefined;
  readonly site?: string | undefined;
  readonly userName?: string | undefined;
}

/** Everything Set- checks before it changes anything: the pool exists, and the new target can serve it. */
export function planPoolChange(identity: string, request: PoolChangeRequest): { current: PoolRegistration; next: PoolTarget & { site: string | null; userName: string | null }; instance: DbInstance | undefined } {
  const [current] = listPools(identity);
  const instance = request.dbInstance === undefined ? undefined : normaliseDbInstance(request.dbInstance);
  const next = {
    dbInstance: instance?.text ?? current!.dbInstance,
    dbName: request.dbName === undefined ? current!.dbName : request.dbName.trim() || DEFAULT_DB_NAME,
    site: request.site === undefined ? current!.site : request.site.trim() || null,
    userName: request.userName === undefined ? current!.userName : request.userName,
  };
  withConfigStore('read', (store) => refuseShared(next, current!.fqdn, store?.pools() ?? []));
  return { current: current!, next, instance };
}

export function changePool(fqdn: string, next: PoolTarget & { site: string | null; userName: string | null }): PoolRegistration {
  return withConfigStore('write', (store) => {
    refuseShared(next, fqdn, store!.pools());
    return store!.change(fqdn, next);
  });
}

export function removePool(fqdn: string): void {
  withConfigStore('write', (store) => store!.remove(fqdn));
}

/** Sets a pool's servers (New-/Set-PcmPersistentChatPool -Servers): none may be a server of another pool. */
export function setPoolServers(fqdn: string, servers: readonly string[], whatIf: boolean): void {
  withConfigStore(whatIf ? 'read' : 'write', (store) => {
    const all = store?.poolServers() ?? [];
    const taken = all.find((s) => s.poolFqdn.toLowerCase() !== fqdn.toLowerCase() && servers.some((n) => n.toLowerCase() === s.server.toLowerCase()));
    if (taken) {
      throw new PcmError(`${taken.server} is a server of the pool ${taken.poolFqdn}; a server belongs to one pool.`, { errorId: 'ServerInAnotherPool', category: 'ResourceExists', target: taken.server });
    }
    const planned = planPoolServers(fqdn, servers, all.filter((s) => s.poolFqdn.toLowerCase() === fqdn.toLowerCase()));
    if (!whatIf) store!.setPoolServers(fqdn, planned);
  });
}

/** A pool's servers, active ones first, for display. */
export function serversOf(fqdn: string): { servers: string[]; active: string[] } {
  const mine = withConfigStore('read', (store) => store?.poolServers() ?? []).filter((s) => s.poolFqdn.toLowerCase() === fqdn.toLowerCase());
  return { servers: mine.map((s) => s.server), active: mine.filter((s) => s.active).map((s) => s.server) };
}
