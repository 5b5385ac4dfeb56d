/**
 * The parameter-type table: for each type a declaration may give a parameter, its .NET name (what PowerShell
 * reports for a bound parameter, and help's .INPUTS), its type literal in the proxy's param() block, and how a
 * supplied value (text from a command line, or a value PowerShell typed and sent as CLIXML) becomes the value run()
 * receives. The binder, the proxy generator and the help read this one table; a new type is one entry here.
 * Enumerations are String parameters with a validateSet (and Microsoft's enum name as helpTypeName); XDS identities
 * are Strings read by core/settings; -Instance objects are PSObject.
 */
import { parseDateTime } from '../../core/datetime.js';
import { Duration } from '../../core/duration.js';
import { toListModifier, type ListModifier } from '../../core/list-modifier.js';
import type { Credential } from '../../migration/job.js';

/** What a conversion may ask of the binder: how to refuse, ValidateSet and ValidateRange, and the value's origin. */
export interface BindSite {
  readonly parameter: string;
  /** The values were typed by PowerShell: a string in a String[] is one element, commas and all. */
  readonly typed: boolean;
  readonly validateSet: readonly string[] | undefined;
  readonly validateRange: readonly [number, number] | undefined;
  fail(problem: string): never;
}

interface ParameterTypeSpec<T> {
  readonly dotnet: string;
  readonly literal: string;
  bind(raw: unknown, site: BindSite): T;
}

const spec = <T>(dotnet: string, literal: string, bind: (raw: unknown, site: BindSite) => T): ParameterTypeSpec<T> => ({ dotnet, literal, bind });

const TRUE_WORDS = new Set(['$true', 'true', '1']);
const FALSE_WORDS = new Set(['$false', 'false', '0']);
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Buffer.isBuffer(value)) return 'a byte array';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** "a,b" is an array, as in PowerShell; "\," keeps a literal comma inside one element. */
function splitList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && value[i + 1] === ',') {
      current += ',';
      i++;
    } else if (ch === ',') {
      items.push(current.trim());
      current = '';
    } else current += ch;
  }
  items.push(current.trim());
  return items.filter((item) => item.length > 0);
}

function checkSet(site: BindSite, value: string): string {
  if (!site.validateSet) return value;
  const match = site.validateSet.find((allowed) => allowed.toLowerCase() === value.toLowerCase());
  if (match === undefined) site.fail(`'${value}' is not one of the allowed values: ${site.validateSet.join(', ')}.`);
  return match;
}

function bindString(raw: unknown, site: BindSite): string {
  // As in PowerShell, $null bound to a [string] parameter is the empty string (Grant- -PolicyName $null); a
  // command line writes it as $null.
  if ((raw === null || (typeof raw === 'string' && !site.typed && raw.toLowerCase() === '$null')) && !site.validateSet) return '';
  if (typeof raw === 'string') return checkSet(site, raw);
  if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') return checkSet(site, String(raw));
  return site.fail(`Expected a string but got ${describe(raw)}.`);
}

function bindStrings(raw: unknown, site: BindSite): string[] {
  const split = (r: unknown): unknown[] => (typeof r === 'string' && !site.typed ? splitList(r) : [r]);
  const items = Array.isArray(raw) ? raw.flatMap(split) : split(raw);
  return items.map((item) => {
    if (typeof item !== 'string') site.fail(`Expected strings but got ${describe(item)}.`);
    return checkSet(site, item);
  });
}

function bindInteger(limit: number, name: string): (raw: unknown, site: BindSite) => number {
  return (raw, site) => {
    const value = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isSafeInteger(value)) site.fail(`'${String(raw)}' is not a whole number.`);
    if (value > limit || value < -limit - 1) site.fail(`${value} is outside the range of ${name}.`);
    if (site.validateRange) {
      const [min, max] = site.validateRange;
      if (value < min || value > max) site.fail(`${value} is outside the allowed range ${min} to ${max}. Supply a value within it.`);
    }
    return value;
  };
}

function bindBoolean(raw: unknown, site: BindSite): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && TRUE_WORDS.has(raw.toLowerCase())) return true;
  if (typeof raw === 'string' && FALSE_WORDS.has(raw.toLowerCase())) return false;
  return site.fail(`'${String(raw)}' is not a Boolean; use $true or $false.`);
}

function bindDate(raw: unknown, site: BindSite): Date {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) site.fail('The date is not valid.');
    return raw;
  }
  if (typeof raw === 'string') {
    const date = parseDateTime(raw);
    if (!date) site.fail(`'${raw}' is not a date. Use a form such as 2010-01-01, 2010-01-01T08:00:00Z or 1/1/2010.`);
    return date;
  }
  return site.fail(`Expected a date but got ${describe(raw)}.`);
}

function bindBytes(raw: unknown, site: BindSite): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return site.fail(`Expected a byte array (for example the output of Export-CsPersistentChatData -AsBytes) but got ${describe(raw)}.`);
}

function bindTimeSpan(raw: unknown, site: BindSite): Duration {
  // PowerShell sends a [timespan] as milliseconds (CLIXML's <TS>); a command line writes d.hh:mm:ss.
  const value = raw instanceof Duration ? raw : typeof raw === 'number' && Number.isFinite(raw) ? new Duration(Math.round(raw)) : typeof raw === 'string' ? Duration.parse(raw) : undefined;
  if (value === undefined) site.fail(`'${String(raw)}' is not a time span. Write it as d.hh:mm:ss, for example 00:15:00 (15 minutes) or 1.00:00:00 (one day).`);
  return value;
}

function bindObject(raw: unknown, site: BindSite): Readonly<Record<string, unknown>> {
  // An object from the pipeline; on a command line, a JSON object.
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      site.fail(`'${raw.slice(0, 40)}' is not an object. Pipe the object in, or write it as JSON.`);
    }
  }
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value)) site.fail(`Expected an object but got ${describe(value)}.`);
  return value as Readonly<Record<string, unknown>>;
}

function bindGuid(raw: unknown, site: BindSite): string {
  // PowerShell sends a [guid] as CLIXML <G>, which arrives as its text; the canonical form is lower case, no braces.
  const match = typeof raw === 'string' ? GUID.exec(raw.trim()) : null;
  if (!match) site.fail(`'${String(raw)}' is not a GUID. Write it as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.`);
  return match[1]!.toLowerCase();
}

function bindCredential(raw: unknown, site: BindSite): Credential {
  const value = raw as Partial<Credential> | null;
  if (value && typeof value.userName === 'string' && typeof value.password === 'string') return { userName: value.userName, password: value.password };
  return site.fail('Expected a PSCredential (user name and password).');
}

export const PARAMETER_TYPES = {
  String: spec('System.String', '[string]', bindString),
  'String[]': spec('System.String[]', '[string[]]', bindStrings),
  'List[String]': spec('System.Collections.Generic.List`1[System.String]', '[System.Collections.Generic.List[string]]', bindStrings),
  Int32: spec('System.Int32', '[int]', bindInteger(2147483647, 'Int32')),
  Int64: spec('System.Int64', '[long]', bindInteger(Number.MAX_SAFE_INTEGER, 'Int64')),
  Boolean: spec('System.Boolean', '[bool]', bindBoolean),
  SwitchParameter: spec('System.Management.Automation.SwitchParameter', '[switch]', bindBoolean),
  DateTime: spec('System.DateTime', '[datetime]', bindDate),
  'Byte[]': spec('System.Byte[]', '[byte[]]', bindBytes),
  PSCredential: spec('System.Management.Automation.PSCredential', '[System.Management.Automation.PSCredential]', bindCredential),
  TimeSpan: spec('System.TimeSpan', '[timespan]', bindTimeSpan),
  Guid: spec('System.Guid', '[guid]', bindGuid),
  PSObject: spec('System.Management.Automation.PSObject', '[psobject]', bindObject),
  // A hashtable (@{Add=...}), a list or $null: [object] takes all three, and Node reads them (core/list-modifier.ts).
  PSListModifier: spec<ListModifier | null>('System.Object', '[object]', (raw, site) => toListModifier(raw, site.parameter)),
} as const;

/** Parameter types, named as PowerShell names them in the proxy's param() block. */
export type ParameterType = keyof typeof PARAMETER_TYPES;

/** The TypeScript value a bound parameter of each type has inside run(). */
export type ParameterValueTypes = { [K in ParameterType]: ReturnType<(typeof PARAMETER_TYPES)[K]['bind']> };
