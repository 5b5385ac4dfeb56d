/**
 * A SIP address as Microsoft's cmdlets take one: `sip:user@domain`, the prefix required (New-CsPersistentChatEndpoint
 * refuses an address without it, domain.md §8.19), the domain a DNS name. Compared case-insensitively.
 */
import { ParameterValueError } from '../errors.js';

const SIP = /^sip:([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,256})@((?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)+[A-Za-z]{2,63})$/i;

export function checkSipAddress(value: string, parameter = 'SipAddress'): string {
  const text = value.trim();
  const m = SIP.exec(text);
  if (!m || m[1]!.startsWith('.') || m[1]!.endsWith('.') || m[1]!.includes('..')) {
    const hint = /^[^:]+@/.test(text) ? ` Add the sip: prefix: sip:${text}.` : ' Write it as sip:user@domain, for example sip:ocschat@litwareinc.com.';
    throw new ParameterValueError(`-${parameter} '${value}' is not a SIP address.${hint}`, parameter);
  }
  return `sip:${m[1]}@${m[2]}`;
}

/** The domain of a checked SIP address. */
export function sipDomain(sipAddress: string): string {
  return sipAddress.slice(sipAddress.indexOf('@') + 1);
}
