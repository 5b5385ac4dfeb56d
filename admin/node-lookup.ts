/**
 * Finding the chat room or category an -Identity (or -Category) names on a pool's database, for every cmdlet that
 * changes one. Categories and rooms share one name space per pool, so a name of the other kind is refused by name.
 */
import { PcmError } from '../core/errors.js';
import { excerpt } from '../core/excerpt.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import type { ChatNode } from '../core/model.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import type { Store } from '../store/store.js';

/**
 * The node an -Identity names, as given after its pool: parsePoolQualifiedName trims the name, but a migrated room's
 * or category's name may begin or end with blanks (Group Chat allowed them), and the Identity Get- writes keeps
 * them. So the name matches as given first, then trimmed.
 */
export function nodeIdentity(identity: string, parameter = 'Identity'): { pool: string | undefined; name: string } {
  const { pool } = parsePoolQualifiedName(identity, parameter);
  const slash = identity.indexOf('\\');
  return { pool, name: slash < 0 ? identity : identity.slice(slash + 1) };
}

/** Looks for the node of a kind a name means (exactly, else trimmed), and notes the first of the other kind it means. */
class NodeMatch {
  found: ChatNode | undefined;
  other: ChatNode | undefined;
  #exact = false;
  readonly #trimmed: string;

  constructor(readonly name: string, readonly kind: ChatNode['kind']) {
    this.#trimmed = name.trim();
  }

  /** Looks at more nodes; true once an exact match is found. */
  see(nodes: Iterable<ChatNode>): boolean {
    for (const node of nodes) {
      if (node.id === node.parentId) continue; // the root is neither
      const exact = sameName(node.name, this.name);
      if (!exact && !sameName(node.name.trim(), this.#trimmed)) continue;
      if (node.kind !== this.kind) this.other ??= node;
      else if (exact) {
        this.found = node;
        this.#exact = true;
        return true;
      } else this.found ??= node;
    }
    return this.#exact;
  }
}

/** The room a name means on a pool: a category of that name, or no node at all, is refused by name. */
export async function findRoom(store: Store, name: string, pool: PoolRegistration, verb: string): Promise<ChatNode> {
  // The name as the database compares it first (what Get- wrote comes back exactly, so a pipeline of Sets reads one
  // row each), then every node: a name that differs in case or blanks, or a database that compares exactly.
  let match = new NodeMatch(name, 'ChatRoom');
  if (!match.see(await store.nodesNamed(name))) {
    match = new NodeMatch(name, 'ChatRoom');
    for await (const batch of store.nodes()) if (match.see(batch)) break;
  }
  const { found, other } = match;
  if (found) return found;
  const trimmed = name.trim();
  if (other) {
    throw new PcmError(`'${other.name}' on the pool ${pool.fqdn} is a category, not a chat room; ${verb} works on rooms. Get-CsPersistentChatRoom -Category "${pool.fqdn}\\${other.name}" lists its rooms.`, {
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

/**
 * The category a name means among a pool's nodes: a room of that name, or no node at all, is refused by name.
 * `why` ends the not-found message with the rule that needs the category (a room's category must exist).
 */
export function findCategory(nodes: readonly ChatNode[], name: string, pool: PoolRegistration, verb: string, why = ''): ChatNode {
  const match = new NodeMatch(name, 'Category');
  match.see(nodes);
  const { found, other } = match;
  if (found) return found;
  const trimmed = name.trim();
  if (other) {
    throw new PcmError(`'${excerpt(other.name)}' on the pool ${pool.fqdn} is a chat room, not a category; ${verb} needs a category. Get-CsPersistentChatCategory lists them.`, {
      errorId: 'NotACategory',
      category: 'InvalidArgument',
      target: `${pool.fqdn}\\${trimmed}`,
    });
  }
  throw new PcmError(
    `There is no category '${excerpt(trimmed)}' on the pool ${pool.fqdn}${why}. Create it with New-CsPersistentChatCategory -Name "${excerpt(trimmed)}", or choose one Get-CsPersistentChatCategory lists.`,
    { errorId: 'CategoryNotFound', category: 'ObjectNotFound', target: `${pool.fqdn}\\${trimmed}` },
  );
}
