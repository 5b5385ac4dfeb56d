/**
 * PowerShell literals for generated scripts. Strings are single-quoted, where nothing is expanded ($, backticks and
 * subexpressions stay text); PowerShell also ends a single-quoted string at the typographic quotes U+2018-U+201B, so
 * each of those is doubled as the apostrophe is. Control characters cannot be written inside a single-quoted string
 * without ending the line, so a string holding any becomes a [char] concatenation.
 */
import { Duration } from '../duration.js';

export function psSingleQuoted(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

export function psStringLiteral(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value)) return psSingleQuoted(value);
  // eslint-disable-next-line no-control-regex
  const parts = value.split(/([\u0000-\u001f\u007f\u0085\u2028\u2029])/).filter((p) => p !== '');
  const literal = parts.map((p) => (p.length === 1 && /[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(p) ? `[char]${p.charCodeAt(0)}` : psSingleQuoted(p)));
  return `(${literal.join(' + ')})`;
}

export function psLiteral(value: string | number | boolean | Duration | null): string {
  if (value === null) return '$null';
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (typeof value === 'number') return String(value);
  if (value instanceof Duration) return psSingleQuoted(value.toString());
  return psStringLiteral(value);
}
