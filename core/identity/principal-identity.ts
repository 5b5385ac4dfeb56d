/**
 * Which principals an -Identity names, as Microsoft's UserIdParameter reads it: a SIP address (sip:...), a user
 * principal name (user@domain), a distinguished name (CN=...,DC=...), a DOMAIN\logon name, or a display name, where
 * `*` is a wildcard ("* Smith"). Case-insensitive.
 */
import { wildcardMatcher } from './wildcard.js';

export interface IdentityFields {
  readonly sipAddress: string | null;
  readonly upn: string | null;
  readonly dn: string | null;
  readonly name: string | null;
  readonly displayName: string | null;
}

export function identityMatcher(identity: string): (principal: IdentityFields) => boolean {
  const text = identity.trim();
  const lower = text.toLowerCase();
  const same = (value: string | null): boolean => value !== null && value.toLowerCase() === lower;
  if (/^sip:/i.test(text)) return (p) => same(p.sipAddress);
  if (/^[^=,\\]+=[^,]+,/.test(text)) return (p) => same(p.dn);
  if (text.includes('\\')) return (p) => same(p.name);
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return (p) => same(p.upn) || same(p.sipAddress === null ? null : p.sipAddress.replace(/^sip:/i, ''));
  if (text.includes('*')) {
    const matches = wildcardMatcher(text, 'Identity');
    return (p) => matches(p.displayName ?? '');
  }
  return (p) => same(p.displayName) || same(p.name);
}
