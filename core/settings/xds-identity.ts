/**
 * XdsIdentity: the scope of a Central Management Store setting (domain.md §2): `global`, `site:<name>`,
 * `service:PersistentChatServer:<poolFqdn>`, and for policies a per-user tag `<name>` (also written `tag:<name>`).
 * Pool state also takes `PersistentChatServer:<fqdn>` and `service:<fqdn>`, the two forms Microsoft's pages use
 * (docs/decisions.md). Identities never contain wildcards; -Filter does.
 */
import { ParameterValueError } from '../errors.js';
import { checkPoolFqdn } from '../identity/pool-fqdn.js';
import { hasWildcard } from '../identity/wildcard.js';

export type XdsScope = 'global' | 'site' | 'service' | 'tag';

export interface XdsIdentity {
  readonly scope: XdsScope;
  /** The site name, pool FQDN or tag name; empty for global. */
  readonly name: string;
  /** The canonical text: Global, site:Redmond, service:PersistentChatServer:fqdn, or the tag's name. */
  readonly text: string;
}

export const GLOBAL: XdsIdentity = { scope: 'global', name: '', text: 'Global' };

const SERVICE_ROLE = 'PersistentChatServer';

export function serviceIdentity(fqdn: string): XdsIdentity {
  return { scope: 'service', name: fqdn, text: `service:${SERVICE_ROLE}:${fqdn}` };
}

function invalid(text: string, scopes: readonly XdsScope[], problem: string): never {
  const forms = scopes.map((s) => ({ global: 'global', site: 'site:<SiteName>', service: `service:${SERVICE_ROLE}:<PoolFqdn>`, tag: '<PolicyName>' })[s]);
  throw new ParameterValueError(`-Identity '${text}' is not valid here: ${problem}. Use ${forms.join(', ')}.`, 'Identity');
}

/** Reads an identity, allowing only `scopes`. */
export function parseXdsIdentity(text: string, scopes: readonly XdsScope[]): XdsIdentity {
  const value = text.trim();
  if (value === '') invalid(text, scopes, 'it is empty');
  if (hasWildcard(value)) invalid(text, scopes, 'an identity takes no wildcards (use -Filter for a pattern)');
  const allow = (scope: XdsScope): void => {
    if (!scopes.includes(scope)) invalid(text, scopes, `a ${scope} identity does not apply to this setting`);
  };
  if (/^global$/i.test(value)) {
    allow('global');
    return GLOBAL;
  }
  const site = /^site:(.*)$/i.exec(value);
  if (site) {
    allow('site');
    const name = site[1]!.trim();
    if (name === '') invalid(text, scopes, 'the site name after "site:" is empty');
    return { scope: 'site', name, text: `site:${name}` };
  }
  const service = /^(?:service:\s*)?(?:PersistentChatServer:)?(.*)$/i.exec(value);
  if (/^service:/i.test(value) || /^PersistentChatServer:/i.test(value)) {
    allow('service');
    const fqdn = checkPoolFqdn(service![1]!.trim(), 'Identity');
    return serviceIdentity(fqdn);
  }
  const tag = /^tag:(.*)$/i.exec(value);
  if (tag || scopes.includes('tag')) {
    allow('tag');
    const name = (tag ? tag[1]! : value).trim();
    if (name === '' || /[:\\/]/.test(name)) invalid(text, scopes, 'a per-user policy name is a plain name (letters, digits, spaces, - and _)');
    return { scope: 'tag', name, text: name };
  }
  return invalid(text, scopes, 'it is none of the identity forms of this setting');
}

export function sameIdentity(a: XdsIdentity, b: XdsIdentity): boolean {
  return a.scope === b.scope && a.name.toLowerCase() === b.name.toLowerCase();
}
