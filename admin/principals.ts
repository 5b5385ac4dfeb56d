/**
 * The principal cache: the users, groups, containers and domains that Persistent Chat has synchronised from Active
 * Directory into each pool's database (tblPrincipal). It stands in for Active Directory for Get-CsAdPrincipal and
 * Grant-CsPersistentChatPolicy. A principal that several pools hold (the same prinGuid) is listed once. Read in
 * batches, so memory does not grow with the directory beyond the principals a call returns.
 */
import { PcmError } from '../core/errors.js';
import { identityMatcher } from '../core/identity/principal-identity.js';
import { principalFilter, type PrincipalFields } from '../core/identity/principal-filter.js';
import { PRINCIPAL_TYPE_NAMES, type Principal } from '../core/model.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import { openPoolStore } from './pool-database.js';
import { listPools } from './pools.js';

export interface CachedPrincipal {
  readonly principal: Principal;
  readonly poolFqdn: string;
  readonly policy: string | null;
}

/** AD object classes by tblPrincipalType id; unknown ids read as a user, the commonest principal. */
export function objectClassOf(principal: Pick<Principal, 'type' | 'adPath'>): string[] {
  switch (principal.type as number) {
    case 3:
    case 9:
    case 11:
      return ['top', 'group'];
    case 6:
    case 7:
      return ['top', 'person', 'organizationalPerson', 'contact'];
    case 8:
      return ['top', 'domain', 'domainDNS'];
    case 10:
      return /^OU=/i.test(principal.adPath ?? '') ? ['top', 'organizationalUnit'] : ['top', 'container'];
    default:
      return ['top', 'person', 'organizationalPerson', 'user'];
  }
}

export function isUserPrincipal(principal: Pick<Principal, 'type'>): boolean {
  return [2, 4, 5, 6, 7].includes(principal.type as number);
}

export const FILTER_PROPERTIES = ['DisplayName', 'SipAddress', 'UserPrincipalName', 'Name', 'DistinguishedName', 'ObjectClass', 'PrincipalType', 'PersistentChatPolicy'] as const;

function fieldsOf(entry: CachedPrincipal): PrincipalFields {
  const p = entry.principal;
  return {
    DisplayName: p.displayName,
    SipAddress: /^sip:/i.test(p.uri) ? p.uri : null,
    UserPrincipalName: p.upn,
    Name: p.name,
    DistinguishedName: p.adPath,
    ObjectClass: objectClassOf(p).at(-1)!,
    PrincipalType: PRINCIPAL_TYPE_NAMES[p.type] ?? String(p.type),
    PersistentChatPolicy: entry.policy,
  };
}

export interface PrincipalQuery {
  readonly identity?: string | undefined;
  readonly filter?: string | undefined;
  /** Principals whose distinguished name is in this OU or container, or below it. */
  readonly ou?: string | undefined;
  readonly resultSize?: number | undefined;
}

/** Streams the cached principals of every registered pool that match the query. */
export async function* cachedPrincipals(query: PrincipalQuery, warn: (message: string) => void): AsyncGenerator<CachedPrincipal> {
  const pools = listPools();
  if (pools.length === 0) {
    throw new PcmError('No Persistent Chat pool is registered, so there are no principals to read. Register a pool and its database with New-PcmPersistentChatPool.', {
      errorId: 'NoPoolRegistered',
      category: 'ObjectNotFound',
    });
  }
  const grants = new Map(withConfigStore('read', (store) => store?.grants() ?? []).map((g) => [g.principalGuid.toLowerCase(), g.policyName]));
  const identity = query.identity === undefined ? undefined : identityMatcher(query.identity);
  const filter = query.filter === undefined ? undefined : principalFilter(query.filter, FILTER_PROPERTIES);
  const ou = query.ou?.trim().toLowerCase();
  const seen = new Set<string>();
  let count = 0;
  for (const pool of pools) {
    let store;
    try {
      store = await openPoolStore(pool, { readOnly: true });
    } catch (error) {
      warn(`The principals of ${pool.fqdn} were not read: its database could not be opened (${(error as Error).message}).`);
      continue;
    }
    try {
      for await (const batch of store.principals()) {
        for (const principal of batch) {
          if (principal.type === 4) continue; // the system principal is Persistent Chat's own, not a directory object
          const key = principal.guid.toLowerCase();
          if (seen.has(key)) continue;
          const entry = { principal, poolFqdn: pool.fqdn, policy: grants.get(key) ?? null };
          const fields = fieldsOf(entry);
          if (identity && !identity({ sipAddress: fields['SipAddress']!, upn: principal.upn, dn: principal.adPath, name: principal.name, displayName: principal.displayName })) continue;
          if (filter && !filter(fields)) continue;
          if (ou !== undefined && !(principal.adPath ?? '').toLowerCase().endsWith(`,${ou}`)) continue;
          seen.add(key);
          yield entry;
          if (query.resultSize !== undefined && ++count >= query.resultSize) return;
        }
      }
    } finally {
      await store.close();
    }
  }
}

export async function principalsFor(identity: string, warn: (message: string) => void): Promise<CachedPrincipal[]> {
  const found: CachedPrincipal[] = [];
  for await (const entry of cachedPrincipals({ identity }, warn)) found.push(entry);
  if (found.length === 0) {
    throw new PcmError(`No principal matches '${identity}' in the principal cache of the registered pools. Get-CsAdPrincipal -Filter lists what there is; a user who was never synchronised into a pool's database cannot be found.`, {
      errorId: 'PrincipalNotFound',
      category: 'ObjectNotFound',
      target: identity,
    });
  }
  return found;
}
