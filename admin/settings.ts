/**
 * The operations behind the XDS settings cmdlets (configuration, compliance, policy, pool state), for every kind
 * declared in core/settings/settings-kinds.ts. Microsoft's rules, written once: `global` always exists, New- never
 * creates it and Remove- resets it to the documented defaults; New- refuses an identity that exists; a site is one a
 * registered pool belongs to and a service is a registered pool; every value is checked against its declaration;
 * -InMemory objects are returned without being saved, and Set- -Instance commits them.
 */
import { PcmError } from '../core/errors.js';
import { wildcardMatcher } from '../core/identity/wildcard.js';
import { checkSettingValue, storedValues, valuesFromStore } from '../core/settings/setting-values.js';
import { defaultsOf, type SettingsKind, type SettingValue } from '../core/settings/settings-kinds.js';
import { GLOBAL, parseXdsIdentity, sameIdentity, serviceIdentity, type XdsIdentity, type XdsScope } from '../core/settings/xds-identity.js';
import { withConfigStore, type ConfigStore } from '../store/config/open-config-store.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';

export interface SettingsInstance {
  readonly identity: XdsIdentity;
  readonly values: Readonly<Record<string, SettingValue>>;
}

const SCOPE_ORDER: readonly XdsScope[] = ['global', 'site', 'service', 'tag'];
/** Identities as stored are canonical, so they read back with every scope allowed. */
const ANY_SCOPE: readonly XdsScope[] = ['global', 'site', 'service', 'tag'];

function cmdletName(verb: string, kind: SettingsKind): string {
  return `${verb}-Cs${kind.noun}`;
}

function notFound(kind: SettingsKind, identity: XdsIdentity): PcmError {
  return new PcmError(`There is no ${kind.noun} '${identity.text}'. ${cmdletName('Get', kind)} lists those that exist; ${kind.verbs.includes('New') ? `${cmdletName('New', kind)} creates one.` : 'every registered pool has one.'}`, {
    errorId: 'SettingNotFound',
    category: 'ObjectNotFound',
    target: identity.text,
  });
}

function instancesIn(kind: SettingsKind, store: ConfigStore | undefined): SettingsInstance[] {
  const stored = (store?.settings(kind.noun) ?? []).map((r) => ({ identity: parseXdsIdentity(r.identity, ANY_SCOPE), values: valuesFromStore(kind, r.values) }));
  const instances: SettingsInstance[] = [];
  if (kind.implicit === 'global') {
    instances.push(stored.find((s) => s.identity.scope === 'global') ?? { identity: GLOBAL, values: defaultsOf(kind) });
    instances.push(...stored.filter((s) => s.identity.scope !== 'global'));
  } else {
    for (const pool of store?.pools() ?? []) {
      const identity = serviceIdentity(pool.fqdn);
      instances.push(stored.find((s) => sameIdentity(s.identity, identity)) ?? { identity, values: defaultsOf(kind) });
    }
  }
  const rank = (i: SettingsInstance): number => SCOPE_ORDER.indexOf(i.identity.scope);
  return instances.sort((a, b) => rank(a) - rank(b) || a.identity.name.localeCompare(b.identity.name, 'en', { sensitivity: 'base' }));
}

export function listSettings(kind: SettingsKind, query: { identity?: string | undefined; filter?: string | undefined } = {}): SettingsInstance[] {
  return withConfigStore('read', (store) => {
    const all = instancesIn(kind, store);
    if (query.identity !== undefined) {
      const wanted = parseXdsIdentity(query.identity, kind.scopes);
      const found = all.find((i) => sameIdentity(i.identity, wanted));
      if (!found) throw notFound(kind, wanted);
      return [found];
    }
    if (query.filter !== undefined) {
      const matches = wildcardMatcher(query.filter);
      return all.filter((i) => matches(i.identity.text));
    }
    return all;
  });
}

/** A site or service identity names something that exists: a site of a registered pool, or a registered pool. */
function checkScope(identity: XdsIdentity, pools: readonly PoolRegistration[]): void {
  if (identity.scope === 'site' && !pools.some((p) => p.site !== null && p.site.toLowerCase() === identity.name.toLowerCase())) {
    const sites = [...new Set(pools.flatMap((p) => (p.site === null ? [] : [p.site])))];
    throw new PcmError(
      `No registered pool belongs to the site '${identity.name}'${sites.length > 0 ? ` (the sites are ${sites.join(', ')})` : ''}. ` +
        `Register a pool in it with New-PcmPersistentChatPool -Site '${identity.name}', or give a pool its site with Set-PcmPersistentChatPool -Site.`,
      { errorId: 'SiteNotFound', category: 'ObjectNotFound', target: identity.text },
    );
  }
  if (identity.scope === 'service' && !pools.some((p) => p.fqdn.toLowerCase() === identity.name.toLowerCase())) {
    throw new PcmError(`No pool '${identity.name}' is registered, so there is no service ${identity.text}. Register the pool with New-PcmPersistentChatPool.`, {
      errorId: 'PoolNotFound',
      category: 'ObjectNotFound',
      target: identity.text,
    });
  }
}

/** The values a call gives, checked; properties it does not give are absent. */
export function checkGiven(kind: SettingsKind, given: Readonly<Record<string, unknown>>): Record<string, SettingValue> {
  const values: Record<string, SettingValue> = {};
  for (const property of kind.properties) {
    const key = Object.keys(given).find((k) => k.toLowerCase() === property.name.toLowerCase());
    if (key !== undefined) values[property.name] = checkSettingValue(property, given[key]);
  }
  return values;
}

export function newSettings(kind: SettingsKind, identityText: string, given: Readonly<Record<string, unknown>>, options: { inMemory: boolean; whatIf: boolean }): SettingsInstance {
  if (/^\s*global\s*$/i.test(identityText)) {
    throw new PcmError(`The global ${kind.noun} always exists and cannot be created. Change it with ${cmdletName('Set', kind)} -Identity global.`, {
      errorId: 'GlobalCannotBeCreated',
      category: 'InvalidArgument',
      target: 'global',
    });
  }
  const identity = parseXdsIdentity(identityText, kind.scopes.filter((s) => s !== 'global'));
  const values = { ...defaultsOf(kind), ...checkGiven(kind, given) };
  const save = (store: ConfigStore | undefined): void => {
    checkScope(identity, store?.pools() ?? []);
    if (instancesIn(kind, store).some((i) => sameIdentity(i.identity, identity))) {
      throw new PcmError(`The ${kind.noun} '${identity.text}' already exists. Change it with ${cmdletName('Set', kind)}.`, { errorId: 'SettingExists', category: 'ResourceExists', target: identity.text });
    }
    if (!options.inMemory && !options.whatIf) store!.putSetting(kind.noun, identity.text, storedValues(values), 'create');
  };
  withConfigStore(options.inMemory || options.whatIf ? 'read' : 'write', save);
  return { identity, values };
}

/** The identity Set- changes: -Instance's, else -Identity, else global (or the only pool, for pool state). */
function setIdentity(kind: SettingsKind, identityText: string | undefined, instance: Readonly<Record<string, unknown>> | undefined): { identity: XdsIdentity; fromInstance: boolean } {
  const fromInstance = instance === undefined ? undefined : Object.entries(instance).find(([k]) => k.toLowerCase() === 'identity')?.[1];
  if (instance !== undefined && typeof fromInstance !== 'string') {
    throw new PcmError(`-Instance has no Identity: pipe in an object that ${cmdletName('Get', kind)} or ${cmdletName('New', kind)} -InMemory wrote.`, {
      errorId: 'InstanceWithoutIdentity',
      category: 'InvalidArgument',
      target: 'Instance',
    });
  }
  const text = (fromInstance as string | undefined) ?? identityText;
  if (text !== undefined) return { identity: parseXdsIdentity(text, kind.scopes), fromInstance: instance !== undefined };
  if (kind.implicit === 'global') return { identity: GLOBAL, fromInstance: false };
  const pools = withConfigStore('read', (store) => store?.pools() ?? []);
  if (pools.length === 1) return { identity: serviceIdentity(pools[0]!.fqdn), fromInstance: false };
  throw new PcmError(`${cmdletName('Set', kind)} needs -Identity when ${pools.length === 0 ? 'no pool is registered' : 'more than one pool is registered'}: give it as service:PersistentChatServer:<PoolFqdn>.`, {
    errorId: 'IdentityRequired',
    category: 'InvalidArgument',
    target: 'Identity',
  });
}

export function setSettings(
  kind: SettingsKind,
  identityText: string | undefined,
  instance: Readonly<Record<string, unknown>> | undefined,
  given: Readonly<Record<string, unknown>>,
  whatIf: boolean,
): SettingsInstance {
  const { identity, fromInstance } = setIdentity(kind, identityText, instance);
  const fromObject = instance === undefined ? {} : checkGiven(kind, instance);
  const changes = checkGiven(kind, given);
  return withConfigStore(whatIf ? 'read' : 'write', (store) => {
    const existing = instancesIn(kind, store).find((i) => sameIdentity(i.identity, identity));
    if (!existing) {
      // An -InMemory object from New- is committed by Set- -Instance: it is created now, with New-'s checks.
      if (!fromInstance || identity.scope === 'global') throw notFound(kind, identity);
      checkScope(identity, store?.pools() ?? []);
    }
    const values = { ...(existing?.values ?? defaultsOf(kind)), ...fromObject, ...changes };
    if (!whatIf) store!.putSetting(kind.noun, (existing?.identity ?? identity).text, storedValues(values), 'replace');
    return { identity: existing?.identity ?? identity, values };
  });
}

/** Removes an instance; the global one (or a pool's state) goes back to the documented defaults instead. */
export function removeSettings(kind: SettingsKind, identityText: string, whatIf: boolean): { identity: XdsIdentity; reset: boolean } {
  const identity = parseXdsIdentity(identityText, kind.scopes);
  return withConfigStore(whatIf ? 'read' : 'write', (store) => {
    const existing = instancesIn(kind, store).find((i) => sameIdentity(i.identity, identity));
    if (!existing) throw notFound(kind, identity);
    if (!whatIf) store!.deleteSetting(kind.noun, existing.identity.text);
    return { identity: existing.identity, reset: identity.scope === 'global' || kind.implicit === 'pool' };
  });
}
