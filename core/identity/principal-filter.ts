/**
 * -Filter for principals. Microsoft's Get-CsAdPrincipal takes an Active Directory filter written in PowerShell
 * (`{DisplayName -like "*Smith*"}`); without Active Directory we read the same syntax over the principal's
 * properties: comparisons `<Property> -eq|-ne|-like|-notlike <value>` (values quoted with ' or ", or a bare word,
 * $null for empty), joined by -and / -or (and binding tighter), in optional braces. A filter without an operator is
 * a wildcard matched against display name, SIP address, user principal name and name. Case-insensitive throughout,
 * as AD is.
 */
import { ParameterValueError } from '../errors.js';
import { wildcardMatcher } from './wildcard.js';

export type PrincipalFields = Readonly<Record<string, string | null>>;
type Test = (fields: PrincipalFields) => boolean;

const TOKEN = /\s*(?:(-and|-or|-eq|-ne|-like|-notlike)\b|'((?:[^']|'')*)'|"((?:[^"\\`]|`.|\\.)*)"|(\$null)\b|([^\s'"]+))/giy;

function refuse(filter: string, problem: string): never {
  throw new ParameterValueError(`-Filter '${filter}' cannot be read: ${problem}. Write it as {DisplayName -like "*Smith*"} or {SipAddress -eq "sip:kenmyer@litwareinc.com"}, or give a wildcard such as *Smith*.`, 'Filter');
}

interface Token {
  readonly op?: string;
  readonly value?: string | null;
  readonly word?: string;
}

function tokens(text: string, filter: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text)) !== null) {
    if (m[1]) out.push({ op: m[1].toLowerCase() });
    else if (m[2] !== undefined) out.push({ value: m[2].replace(/''/g, "'") });
    else if (m[3] !== undefined) out.push({ value: m[3].replace(/[`\\](.)/g, '$1') });
    else if (m[4]) out.push({ value: null });
    else out.push({ word: m[5]! });
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
  }
  if (TOKEN.lastIndex < text.trimEnd().length) refuse(filter, `unexpected text at '${text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 20)}'`);
  return out;
}

export function principalFilter(filter: string, properties: readonly string[]): Test {
  const body = filter.trim().replace(/^\{([\s\S]*)\}$/, '$1').trim();
  if (!/-(eq|ne|like|notlike)\b/i.test(body)) {
    const matches = wildcardMatcher(body.includes('*') || body.includes('?') ? body : `*${body}*`, 'Filter');
    return (f) => ['DisplayName', 'SipAddress', 'UserPrincipalName', 'Name'].some((k) => matches(f[k] ?? ''));
  }
  const list = tokens(body, filter);
  let i = 0;
  const comparison = (): Test => {
    const property = list[i++]?.word;
    const op = list[i++]?.op;
    const operand = list[i++];
    if (property === undefined || op === undefined || op === '-and' || op === '-or' || operand === undefined || operand.op !== undefined) refuse(filter, 'a comparison is <Property> <operator> <value>');
    const name = properties.find((p) => p.toLowerCase() === property.replace(/^\$_\./, '').toLowerCase());
    if (name === undefined) refuse(filter, `'${property}' is not a property of a principal (${properties.join(', ')})`);
    const value = operand.value === undefined ? operand.word! : operand.value;
    const like = op === '-like' || op === '-notlike' ? wildcardMatcher(value ?? '', 'Filter') : undefined;
    const equal = (actual: string | null): boolean => (value === null ? actual === null || actual === '' : (actual ?? '').toLowerCase() === value.toLowerCase());
    switch (op) {
      case '-eq':
        return (f) => equal(f[name] ?? null);
      case '-ne':
        return (f) => !equal(f[name] ?? null);
      case '-like':
        return (f) => like!(f[name] ?? '');
      default:
        return (f) => !like!(f[name] ?? '');
    }
  };
  const conjunction = (): Test => {
    const parts = [comparison()];
    while (list[i]?.op === '-and') {
      i++;
      parts.push(comparison());
    }
    return (f) => parts.every((p) => p(f));
  };
  const parts = [conjunction()];
  while (list[i]?.op === '-or') {
    i++;
    parts.push(conjunction());
  }
  if (i < list.length) refuse(filter, 'comparisons are joined with -and or -or');
  return (f) => parts.some((p) => p(f));
}
