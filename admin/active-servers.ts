/**
 * Set-CsPersistentChatActiveServer's operation: which servers of a pool accept new connections. The identity is the
 * one collection Microsoft documents, written `global` (Lync 2013 page) or `PChatServerCollection` (the reference page),
 * or a pool as `service:PersistentChatServer:<fqdn>` (docs/decisions.md); with `global`, the pool is the one whose
 * servers the change names, or the only registered pool.
 */
import { PcmError } from '../core/errors.js';
import type { ListModifier } from '../core/list-modifier.js';
import { planActiveServers, type ServerState } from '../core/pool-servers.js';
import { parseXdsIdentity } from '../core/settings/xds-identity.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import { listPools } from './pools.js';

function poolFor(identityText: string | undefined, named: readonly string[]): string {
  const text = identityText?.trim() ?? 'global';
  if (!/^(global|PChatServerCollection)$/i.test(text)) return listPools(parseXdsIdentity(text, ['service']).name)[0]!.fqdn;
  const pools = listPools();
  const servers = withConfigStore('read', (store) => store?.poolServers() ?? []);
  const owners = [...new Set(named.map((n) => servers.find((s) => s.server.toLowerCase() === n.toLowerCase())?.poolFqdn).filter((p): p is string => p !== undefined))];
  if (owners.length === 1) return pools.find((p) => p.fqdn.toLowerCase() === owners[0]!.toLowerCase())!.fqdn;
  if (owners.length > 1) {
    throw new PcmError(`The servers named belong to different pools (${owners.join(', ')}); change one pool at a time with -Identity service:PersistentChatServer:<PoolFqdn>.`, { errorId: 'ServersOfSeveralPools', category: 'InvalidArgument' });
  }
  if (pools.length === 1) return pools[0]!.fqdn;
  // The one collection Microsoft documents: with several pools, it is the only pool whose servers are registered.
  const withServers = [...new Set(servers.map((s) => s.poolFqdn.toLowerCase()))];
  if (withServers.length === 1) return pools.find((p) => p.fqdn.toLowerCase() === withServers[0])!.fqdn;
  throw new PcmError(
    pools.length === 0
      ? 'No Persistent Chat pool is registered. Register it with New-PcmPersistentChatPool -Servers.'
      : `${pools.length} pools are registered: name the pool with -Identity service:PersistentChatServer:<PoolFqdn>.`,
    { errorId: 'IdentityRequired', category: 'InvalidArgument', target: 'Identity' },
  );
}

export function setActiveServers(identityText: string | undefined, change: { modifier: ListModifier | null } | { swap: true }, whatIf: boolean): { pool: string; servers: ServerState[] } {
  const named = 'swap' in change || change.modifier === null ? [] : [...(change.modifier.add ?? []), ...(change.modifier.remove ?? []), ...(change.modifier.replace ?? [])];
  const pool = poolFor(identityText, named);
  return withConfigStore(whatIf ? 'read' : 'write', (store) => {
    const current = (store?.poolServers() ?? []).filter((s) => s.poolFqdn.toLowerCase() === pool.toLowerCase());
    const servers = planActiveServers(pool, current, change);
    if (!whatIf) store!.setPoolServers(pool, servers);
    return { pool, servers };
  });
}
