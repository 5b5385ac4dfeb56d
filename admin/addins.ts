/**
 * The operations behind the add-in cmdlets, on the database of a registered pool (tblSiopWhiteList). Identities
 * are `<PoolFqdn>\<Name>`, or the name alone when one pool is registered. Every change claims the pool's database
 * (one writer per target) and runs in one transaction; an add-in that rooms use is removed only with -Force, which
 * first takes it off those rooms.
 */
import { randomUUID } from 'node:crypto';
import { checkAddinName, checkAddinUrl } from '../core/directory/addin-rules.js';
import { PcmError } from '../core/errors.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import type { Addin, ChatNode } from '../core/model.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';
import { resolvePool, withPoolStore } from './pool-database.js';
import { listPools } from './pools.js';
import { collect } from '../core/batches.js';

export interface PoolAddin {
  readonly pool: string;
  readonly addin: Addin;
}

const withPool = <T>(pool: PoolRegistration, write: boolean, use: (store: Store) => Promise<T>): Promise<T> => withPoolStore(pool, write, 'PersistentChat add-in', use);

function notFound(name: string, pool: string): PcmError {
  return new PcmError(`There is no add-in '${name}' on the pool ${pool}. Get-CsPersistentChatAddin lists them.`, { errorId: 'AddinNotFound', category: 'ObjectNotFound', target: `${pool}\\${name}` });
}

export async function listAddins(query: { identity?: string | undefined; poolFqdn?: string | undefined }): Promise<PoolAddin[]> {
  if (query.identity !== undefined) {
    const named = parsePoolQualifiedName(query.identity, 'Identity');
    const pool = resolvePool(named.pool);
    const found = await withPool(pool, false, async (store) => (await collect(store.addins())).find((a) => sameName(a.name, named.name)));
    if (!found) throw notFound(named.name, pool.fqdn);
    return [{ pool: pool.fqdn, addin: found }];
  }
  const pools = query.poolFqdn !== undefined ? listPools(query.poolFqdn) : listPools();
  const out: PoolAddin[] = [];
  for (const pool of pools) {
    for (const addin of await withPool(pool, false, (store) => collect(store.addins()))) out.push({ pool: pool.fqdn, addin });
  }
  return out;
}

function refuseTaken(existing: readonly Addin[], name: string, pool: string, except?: string): void {
  const taken = existing.find((a) => sameName(a.name, name) && a.id !== except);
  if (taken) {
    throw new PcmError(`The pool ${pool} already has an add-in named '${taken.name}'; add-in names are unique per pool. Choose another name, or change that one with Set-CsPersistentChatAddin.`, {
      errorId: 'AddinNameTaken',
      category: 'ResourceExists',
      target: `${pool}\\${name}`,
    });
  }
}

export async function newAddin(request: { name: string; url: string; poolFqdn?: string | undefined }, whatIf: boolean): Promise<PoolAddin> {
  const name = checkAddinName(request.name);
  const url = checkAddinUrl(request.url);
  const pool = resolvePool(request.poolFqdn);
  const addin: Addin = { id: randomUUID(), name, url };
  await withPool(pool, !whatIf, async (store) => {
    refuseTaken(await collect(store.addins()), name, pool.fqdn);
    if (!whatIf) await store.transaction((w) => w.putAddin(addin));
  });
  return { pool: pool.fqdn, addin };
}

export async function setAddin(identity: string, change: { name?: string | undefined; url?: string | undefined }, whatIf: boolean): Promise<PoolAddin> {
  const named = parsePoolQualifiedName(identity, 'Identity');
  const pool = resolvePool(named.pool);
  const name = change.name === undefined ? undefined : checkAddinName(change.name);
  const url = change.url === undefined ? undefined : checkAddinUrl(change.url);
  return withPool(pool, !whatIf, async (store) => {
    const existing = await collect(store.addins());
    const current = existing.find((a) => sameName(a.name, named.name));
    if (!current) throw notFound(named.name, pool.fqdn);
    if (name !== undefined) refuseTaken(existing, name, pool.fqdn, current.id);
    const next: Addin = { id: current.id, name: name ?? current.name, url: url ?? current.url };
    if (!whatIf) await store.transaction((w) => w.putAddin(next));
    return { pool: pool.fqdn, addin: next };
  });
}

export async function removeAddin(identity: string, force: boolean, whatIf: boolean): Promise<{ removed: PoolAddin; rooms: string[] }> {
  const named = parsePoolQualifiedName(identity, 'Identity');
  const pool = resolvePool(named.pool);
  return withPool(pool, !whatIf, async (store) => {
    const current = (await collect(store.addins())).find((a) => sameName(a.name, named.name));
    if (!current) throw notFound(named.name, pool.fqdn);
    const rooms: ChatNode[] = (await collect(store.nodes())).filter((n) => n.kind === 'ChatRoom' && n.addinId !== null && n.addinId.toLowerCase() === current.id.toLowerCase());
    if (rooms.length > 0 && !force) {
      throw new PcmError(
        `The add-in '${current.name}' is used by ${rooms.length} room${rooms.length === 1 ? '' : 's'} (${rooms.slice(0, 3).map((r) => r.name).join(', ')}${rooms.length > 3 ? ', ...' : ''}). ` +
          'Add -Force to take it off those rooms and remove it, or give the rooms another add-in first.',
        { errorId: 'AddinInUse', category: 'InvalidOperation', target: `${pool.fqdn}\\${current.name}` },
      );
    }
    if (!whatIf) {
      await store.transaction(async (w) => {
        for (const room of rooms) {
          const { id, ...rest } = room;
          await w.updateNode(id, { ...rest, addinId: null });
        }
        await w.removeAddin(current.id);
      });
    }
    return { removed: { pool: pool.fqdn, addin: current }, rooms: rooms.map((r) => r.name) };
  });
}
