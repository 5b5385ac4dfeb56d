/**
 * The identity of a category, room or add-in: `<PersistentChatPoolFqdn>\<Name>`, or the bare name when there is one
 * pool (domain.md §2). Names compare case-insensitively within a pool.
 */
import { checkPoolFqdn } from './pool-fqdn.js';

export interface PoolQualifiedName {
  readonly pool: string | undefined;
  readonly name: string;
}

export function parsePoolQualifiedName(text: string, parameter: string): PoolQualifiedName {
  const slash = text.indexOf('\\');
  if (slash < 0) return { pool: undefined, name: text.trim() };
  return { pool: checkPoolFqdn(text.slice(0, slash), parameter), name: text.slice(slash + 1).trim() };
}

/** Case-insensitive, accent-sensitive, as SQL Server's default collation; one collator, since making one per call is slow. */
const NAMES = new Intl.Collator(undefined, { sensitivity: 'accent' });

export function sameName(a: string, b: string): boolean {
  return a === b || NAMES.compare(a, b) === 0;
}
