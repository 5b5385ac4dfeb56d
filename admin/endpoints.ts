/**
 * The operations behind the endpoint cmdlets. An endpoint is a SIP address that reaches a pool, such as the
 * well-known address (ocschat@<domain>) that legacy Group Chat clients look up; after a migration the runbook
 * recreates that address as an endpoint of the new pool (docs/legacy-clients.md). A SIP address is one endpoint's
 * only, and it must not still belong to a principal of the pool's database (the old lookup account must be deleted
 * first, as the runbook says).
 */
import { randomUUID } from 'node:crypto';
import { PcmError } from '../core/errors.js';
import { wildcardMatcher } from '../core/identity/wildcard.js';
import { checkSipAddress, sipDomain } from '../core/identity/sip-address.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import type { EndpointRecord } from '../store/config/endpoint-table.js';
import { openPoolStore } from './pool-database.js';
import { listPools } from './pools.js';

/** The contact object's distinguished name, where Lync keeps it: the Application Contacts container of the forest. */
export function endpointDn(endpoint: Pick<EndpointRecord, 'objectGuid' | 'sipAddress'>): string {
  const dc = sipDomain(endpoint.sipAddress)
    .split('.')
    .map((part) => `DC=${part}`)
    .join(',');
  return `CN={${endpoint.objectGuid}},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,${dc}`;
}

/** A principal of the pool's database with this SIP address, if the database can be read. */
async function principalWith(poolFqdn: string, sipAddress: string, warn: (message: string) => void): Promise<string | undefined> {
  const [pool] = listPools(poolFqdn);
  let store;
  try {
    store = await openPoolStore(pool!, { readOnly: true });
  } catch (error) {
    warn(`The database of ${pool!.fqdn} could not be read (${(error as Error).message}), so it was not checked for a principal with the SIP address ${sipAddress}.`);
    return undefined;
  }
  try {
    const wanted = sipAddress.toLowerCase();
    for await (const batch of store.principals()) {
      // A deleted account (prinDisabled 2, as directory synchronisation marks it) no longer holds its address.
      const found = batch.find((p) => p.uri.toLowerCase() === wanted && p.disabled !== 2);
      if (found) return found.displayName ?? found.name ?? found.uri;
    }
    return undefined;
  } finally {
    await store.close();
  }
}

export interface NewEndpoint {
  readonly poolFqdn: string;
  readonly sipAddress: string;
  readonly displayName?: string | undefined;
}

export async function newEndpoint(request: NewEndpoint, whatIf: boolean, warn: (message: string) => void): Promise<EndpointRecord> {
  const sipAddress = checkSipAddress(request.sipAddress);
  const [pool] = listPools(request.poolFqdn);
  const existing = listEndpoints({}).find((e) => e.sipAddress.toLowerCase() === sipAddress.toLowerCase());
  if (existing) {
    throw new PcmError(`The SIP address ${existing.sipAddress} is already the endpoint of the pool ${existing.poolFqdn}. A SIP address can be used by one endpoint only; remove that one first with Remove-CsPersistentChatEndpoint.`, {
      errorId: 'EndpointExists',
      category: 'ResourceExists',
      target: sipAddress,
    });
  }
  const holder = await principalWith(pool!.fqdn, sipAddress, warn);
  if (holder !== undefined) {
    throw new PcmError(
      `${sipAddress} is still the SIP address of the principal '${holder}' in the database of ${pool!.fqdn}. ` +
        'Delete that account first (for the old Group Chat lookup account ocschat@<domain>, as the migration runbook says), then create the endpoint.',
      { errorId: 'SipAddressInUse', category: 'ResourceExists', target: sipAddress },
    );
  }
  const record = { sipAddress, objectGuid: randomUUID(), displayName: request.displayName?.trim() || null, poolFqdn: pool!.fqdn };
  if (whatIf) return { ...record, created: new Date() };
  return withConfigStore('write', (store) => store!.addEndpoint(record));
}

export interface EndpointQuery {
  readonly identity?: string | undefined;
  readonly filter?: string | undefined;
  readonly poolFqdn?: string | undefined;
  readonly resultSize?: number | undefined;
}

/** Identity is a SIP address (with or without sip:), a display name or the distinguished name, as Microsoft's takes it. */
function matchesIdentity(endpoint: EndpointRecord, identity: string): boolean {
  const text = identity.trim().toLowerCase();
  const sip = endpoint.sipAddress.toLowerCase();
  return text === sip || `sip:${text}` === sip || text === (endpoint.displayName ?? '').toLowerCase() || text === endpointDn(endpoint).toLowerCase();
}

export function listEndpoints(query: EndpointQuery): EndpointRecord[] {
  let endpoints = withConfigStore('read', (store) => store?.endpoints() ?? []);
  if (query.poolFqdn !== undefined) {
    const [pool] = listPools(query.poolFqdn);
    endpoints = endpoints.filter((e) => e.poolFqdn.toLowerCase() === pool!.fqdn.toLowerCase());
  }
  if (query.identity !== undefined) {
    endpoints = endpoints.filter((e) => matchesIdentity(e, query.identity!));
    if (endpoints.length === 0) {
      throw new PcmError(`No Persistent Chat endpoint matches '${query.identity}'. Get-CsPersistentChatEndpoint lists them all.`, { errorId: 'EndpointNotFound', category: 'ObjectNotFound', target: query.identity });
    }
  }
  if (query.filter !== undefined) {
    const matches = wildcardMatcher(query.filter);
    endpoints = endpoints.filter((e) => matches(e.sipAddress) || matches(e.displayName ?? ''));
  }
  return query.resultSize === undefined ? endpoints : endpoints.slice(0, query.resultSize);
}

export function removeEndpoint(identity: string, whatIf: boolean): EndpointRecord {
  const found = listEndpoints({ identity });
  if (found.length > 1) {
    throw new PcmError(`'${identity}' matches ${found.length} endpoints (${found.map((e) => e.sipAddress).join(', ')}): name one by its SIP address.`, {
      errorId: 'EndpointAmbiguous',
      category: 'InvalidArgument',
      target: identity,
    });
  }
  if (!whatIf) withConfigStore('write', (store) => store!.removeEndpoint(found[0]!.sipAddress));
  return found[0]!;
}
