/**
 * A Persistent Chat pool's FQDN, as Topology Builder accepts it: a DNS name of at least two labels (letters, digits
 * and hyphens, no label starting or ending with a hyphen, 63 characters a label, 255 in all). Pools compare
 * case-insensitively, as DNS names do; the spelling the administrator registered is the one shown.
 */
import { ParameterValueError } from '../errors.js';

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function checkPoolFqdn(value: string, parameter = 'PersistentChatPoolFqdn'): string {
  const fqdn = value.trim().replace(/\.$/, '');
  const labels = fqdn.split('.');
  const problem =
    fqdn.length === 0
      ? 'it is empty'
      : fqdn.length > 255
        ? 'it is longer than 255 characters'
        : labels.length < 2
          ? 'it is a single name, not a fully qualified domain name'
          : labels.find((l) => !LABEL.test(l)) !== undefined
            ? `the label '${labels.find((l) => !LABEL.test(l))}' is not a DNS label (letters, digits and hyphens, not starting or ending with a hyphen)`
            : undefined;
  if (problem !== undefined) {
    throw new ParameterValueError(
      `-${parameter} '${value}' is not a pool FQDN: ${problem}. Give the pool's fully qualified domain name as Topology Builder shows it, for example atl-pc-001.litwareinc.com.`,
      parameter,
    );
  }
  return fqdn;
}

export function samePool(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
