/**
 * PSListModifier, the way Microsoft's cmdlets change a list parameter (AllowedMembers, Members, ActiveServers ...):
 * `@{Add='a','b'}`, `@{Remove='c'}`, `@{Replace='d'}` (any combination: Replace first, then Remove, then Add), a
 * plain value or list (the same as Replace), or `$null` (clear the list). On the pcm command line the same text is
 * written: `-ActiveServers "@{Add='a','b'; Remove='c'}"`, `$null`, or `a,b`.
 */
import { ParameterValueError } from './errors.js';

export interface ListModifier {
  readonly replace?: readonly string[];
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

const KEYS = ['Add', 'Remove', 'Replace'] as const;

function items(value: unknown, parameter: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'string' || item.trim() === '') throw new ParameterValueError(`-${parameter}: every entry of a list must be text, but one is ${item === null ? '$null' : typeof item}.`, parameter);
    return item.trim();
  });
}

function fromEntries(entries: readonly (readonly [unknown, unknown])[], parameter: string): ListModifier {
  const modifier: { replace?: string[]; add?: string[]; remove?: string[] } = {};
  for (const [key, value] of entries) {
    const name = KEYS.find((k) => k.toLowerCase() === String(key).toLowerCase());
    if (name === undefined) {
      throw new ParameterValueError(`-${parameter}: '${String(key)}' is not a list change; use Add, Remove or Replace, as in @{Add='sip:kenmyer@litwareinc.com'}.`, parameter);
    }
    modifier[name.toLowerCase() as 'add' | 'remove' | 'replace'] = value === null ? [] : items(value, parameter);
  }
  return modifier;
}

/** `@{Add='a','b'; Remove="c"}` as text: keys, and values quoted with ' or " (or bare words), separated by commas. */
function parseText(text: string, parameter: string): ListModifier {
  const body = /^@\{([\s\S]*)\}$/.exec(text.trim())?.[1];
  if (body === undefined) return { replace: text.split(',').map((s) => s.trim()).filter((s) => s !== '') };
  const entries: [string, string[]][] = [];
  for (const part of body.split(/;(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/)) {
    if (part.trim() === '') continue;
    const m = /^\s*(\w+)\s*=\s*([\s\S]*?)\s*$/.exec(part);
    if (!m) throw new ParameterValueError(`-${parameter}: '${part.trim()}' is not Key=value; write @{Add='a','b'; Remove='c'}.`, parameter);
    const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'|"([^"]*)"|([^,\s'"]+)/g)].map((v) => (v[1] !== undefined ? v[1].replace(/''/g, "'") : (v[2] ?? v[3]!)));
    entries.push([m[1]!, values]);
  }
  return fromEntries(entries, parameter);
}

/** Reads a bound value: a hashtable (a Map or plain object from PowerShell), a list, a string, or null (clear). */
export function toListModifier(raw: unknown, parameter: string): ListModifier | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw.trim().toLowerCase() === '$null' ? null : parseText(raw, parameter);
  if (Array.isArray(raw)) return { replace: items(raw, parameter) };
  if (raw instanceof Map) return fromEntries([...raw], parameter);
  if (typeof raw === 'object') return fromEntries(Object.entries(raw), parameter);
  throw new ParameterValueError(`-${parameter} takes a list change such as @{Add='a'}, a list, or $null.`, parameter);
}

/** Applies a change to a list; `same` says when two entries are one (case-insensitive names, say). */
export function applyListModifier(current: readonly string[], modifier: ListModifier | null, same: (a: string, b: string) => boolean): string[] {
  if (modifier === null) return [];
  let list = modifier.replace !== undefined ? [...modifier.replace] : [...current];
  if (modifier.remove) list = list.filter((entry) => !modifier.remove!.some((r) => same(r, entry)));
  for (const entry of modifier.add ?? []) if (!list.some((e) => same(e, entry))) list.push(entry);
  return list.filter((entry, i) => list.findIndex((e) => same(e, entry)) === i);
}
