/** Finding the chat room an -Identity names on a pool's database, for every cmdlet that changes a room. */
import { PcmError } from '../core/errors.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import type { ChatNode } from '../core/model.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';

/**
 * The room an -Identity names, as given after its pool: parsePoolQualifiedName trims the name, but a migrated room's
 * name may begin or end with blanks (Group Chat allowed them), and the Identity Get-CsPersistentChatRoom writes keeps
 * them. So the name matches as given first, then trimmed.
 */
export function roomIdentity(identity: string): { pool: string | undefined; name: string } {
  const { pool } = parsePoolQualifiedName(identity, 'Identity');
  const slash = identity.indexOf('\\');
  return { pool, name: slash < 0 ? identity : identity.slice(slash + 1) };
}

/** The room a name means on a pool: a category of that name, or no node at all, is refused by name. */
export async function findRoom(store: Store, name: string, pool: PoolRegistration, verb: string): Promise<ChatNode> {
  const trimmed = name.trim();
  let byTrimmed: ChatNode | undefined;
  let category: ChatNode | undefined;
  for await (const batch of store.nodes()) {
    for (const node of batch) {
      const exact = sameName(node.name, name);
      if (!exact && !sameName(node.name.trim(), trimmed)) continue;
      if (node.kind !== 'ChatRoom') category ??= node;
      else if (exact) return node;
      else byTrimmed ??= node;
    }
  }
  if (byTrimmed) return byTrimmed;
  if (category) {
    throw new PcmError(`'${category.name}' on the pool ${pool.fqdn} is a category, not a chat room; ${verb} works on rooms. Get-CsPersistentChatRoom -Category "${pool.fqdn}\\${category.name}" lists its rooms.`, {
      errorId: 'NotAChatRoom',
      category: 'InvalidArgument',
      target: `${pool.fqdn}\\${trimmed}`,
    });
  }
  throw new PcmError(`There is no chat room '${trimmed}' on the pool ${pool.fqdn}. Get-CsPersistentChatRoom lists them.`, {
    errorId: 'RoomNotFound',
    category: 'ObjectNotFound',
    target: `${pool.fqdn}\\${trimmed}`,
  });
}
