/**
 * The computers of a Persistent Chat pool and which of them are active (accept new client connections). Documented
 * limits (domain.md §7): at most 4 active servers in a pool, and 8 servers in all (4 active and 4 on standby, as in a
 * stretched pool across two data centers). A server belongs to one pool. Removing a server from the active list
 * leaves it serving the connections it has; $null makes every server inactive (failover); -Swap exchanges the active
 * and inactive servers (failback, or moving to the other data center).
 */
import { applyListModifier, type ListModifier } from './list-modifier.js';
import { PcmError } from './errors.js';
import { checkPoolFqdn } from './identity/pool-fqdn.js';

export const MAX_ACTIVE_SERVERS = 4;
export const MAX_POOL_SERVERS = 8;

export interface ServerState {
  readonly server: string;
  readonly active: boolean;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function refuse(message: string, errorId: string, target?: string): never {
  throw new PcmError(message, { errorId, category: 'InvalidArgument', ...(target === undefined ? {} : { target }) });
}

/** A pool's servers as given to New-/Set-PcmPersistentChatPool -Servers, keeping the active state of those kept. */
export function planPoolServers(pool: string, given: readonly string[], current: readonly ServerState[]): ServerState[] {
  const servers = given.map((s) => checkPoolFqdn(s, 'Servers'));
  const duplicate = servers.find((s, i) => servers.findIndex((t) => same(s, t)) !== i);
  if (duplicate !== undefined) refuse(`-Servers names ${duplicate} twice.`, 'DuplicateServer', duplicate);
  if (servers.length > MAX_POOL_SERVERS) {
    refuse(`-Servers names ${servers.length} servers; a Persistent Chat pool has at most ${MAX_POOL_SERVERS} (${MAX_ACTIVE_SERVERS} active and ${MAX_ACTIVE_SERVERS} on standby).`, 'TooManyServers', pool);
  }
  let active = 0;
  return servers.map((server) => {
    const before = current.find((c) => same(c.server, server));
    const isActive = before ? before.active && active < MAX_ACTIVE_SERVERS : active < MAX_ACTIVE_SERVERS;
    if (isActive) active++;
    return { server, active: isActive };
  });
}

/** The pool's servers after -ActiveServers <change> or -Swap. */
export function planActiveServers(pool: string, current: readonly ServerState[], change: { modifier: ListModifier | null } | { swap: true }): ServerState[] {
  if (current.length === 0) {
    refuse(`The servers of ${pool} are not registered, so none can be made active. List them first: Set-PcmPersistentChatPool -Identity ${pool} -Servers <fqdn>,<fqdn>.`, 'PoolServersUnknown', pool);
  }
  const active =
    'swap' in change
      ? current.filter((s) => !s.active).map((s) => s.server)
      : applyListModifier(
          current.filter((s) => s.active).map((s) => s.server),
          change.modifier,
          same,
        );
  const unknown = active.filter((a) => !current.some((s) => same(s.server, a)));
  if (unknown.length > 0) {
    refuse(`${unknown.join(', ')} ${unknown.length === 1 ? 'is not a server' : 'are not servers'} of ${pool} (its servers: ${current.map((s) => s.server).join(', ')}).`, 'ServerNotInPool', unknown[0]);
  }
  if (active.length > MAX_ACTIVE_SERVERS) {
    refuse(`${active.length} servers would be active in ${pool}; a pool has at most ${MAX_ACTIVE_SERVERS} active servers. Remove one with @{Remove='<fqdn>'} in the same call.`, 'TooManyActiveServers', pool);
  }
  return current.map((s) => ({ server: s.server, active: active.some((a) => same(a, s.server)) }));
}
