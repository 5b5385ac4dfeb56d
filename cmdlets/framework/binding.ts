/**
 * Parameter binding shared by every way in (the PowerShell bridge, the CLI, tests): resolves names the way
 * PowerShell does (case-insensitive, aliases, unambiguous prefixes), converts values to the declared types, checks
 * ValidateSet / ValidateRange, picks the parameter set and insists on its mandatory parameters. PowerShell binds
 * before calling us too; binding again here keeps the host honest whatever the caller sent.
 */
import { ParameterValueError, UsageError } from '../../core/errors.js';
import { parseDateTime } from '../../core/datetime.js';
import { Duration } from '../../core/duration.js';
import { toListModifier } from '../../core/list-modifier.js';
import {
  ALL_PARAMETER_SETS,
  type CmdletDeclaration,
  type Credential,
  type ParameterDecl,
  type ParameterValueTypes,
} from './cmdlet.js';

export interface BoundParameters {
  readonly parameterSet: string;
  readonly values: Record<string, unknown>;
}

/** Finds a declared parameter by name, alias or unambiguous prefix, ignoring case. */
export function findParameter(declaration: CmdletDeclaration, name: string): ParameterDecl {
  const wanted = name.toLowerCase();
  const exact = declaration.parameters.find(
    (p) => p.name.toLowerCase() === wanted || (p.aliases ?? []).some((a) => a.toLowerCase() === wanted),
  );
  if (exact) return exact;
  const byPrefix = declaration.parameters.filter((p) => p.name.toLowerCase().startsWith(wanted));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) {
    throw new UsageError(
      `${declaration.name}: parameter name '${name}' is ambiguous. Possible matches: ${byPrefix.map((p) => '-' + p.name).join(', ')}.`,
      'AmbiguousParameter',
      name,
    );
  }
  throw new UsageError(
    `${declaration.name}: a parameter cannot be found that matches parameter name '${name}'. ` +
      `Valid parameters: ${declaration.parameters.map((p) => '-' + p.name).join(', ')}.`,
    'NamedParameterNotFound',
    name,
  );
}

function fail(declaration: CmdletDeclaration, parameter: ParameterDecl, problem: string): never {
  throw new ParameterValueError(`${declaration.name}: cannot bind parameter '${parameter.name}'. ${problem}`, parameter.name);
}

function splitList(value: string): string[] {
  // "a,b" is an array, as in PowerShell; "\," keeps a literal comma inside one element.
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

const TRUE_WORDS = new Set(['$true', 'true', '1']);
const FALSE_WORDS = new Set(['$false', 'false', '0']);

export interface BindOptions {
  /**
   * The values were typed by PowerShell, not typed on a command line: a string in a String[] parameter is one
   * element, commas, spaces and all. Default is `false` (command-line text: `a,b` is two elements).
   */
  readonly typed?: boolean;
}

/** Converts one supplied value (text from a command line, or a typed value from PowerShell) to the declared type. */
export function convertValue(declaration: CmdletDeclaration, parameter: ParameterDecl, raw: unknown, options: BindOptions = {}): unknown {
  const kind = parameter.type;
  switch (kind) {
    case 'String': {
      // As in PowerShell, $null bound to a [string] parameter is the empty string (Grant- -PolicyName $null); a
      // command line writes it as $null.
      if ((raw === null || (typeof raw === 'string' && !options.typed && raw.toLowerCase() === '$null')) && !parameter.validateSet) return '';
      if (typeof raw === 'string') return checkSet(declaration, parameter, raw);
      if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') {
        return checkSet(declaration, parameter, String(raw));
      }
      return fail(declaration, parameter, `Expected a string but got ${describe(raw)}.`);
    }
    case 'String[]':
    case 'List[String]': {
      const split = (r: unknown): unknown[] => (typeof r === 'string' && !options.typed ? splitList(r) : [r]);
      const items = Array.isArray(raw) ? raw.flatMap(split) : split(raw);
      return items.map((item) => {
        if (typeof item !== 'string') fail(declaration, parameter, `Expected strings but got ${describe(item)}.`);
        return checkSet(declaration, parameter, item);
      });
    }
    case 'Int32':
    case 'Int64': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (!Number.isSafeInteger(value)) fail(declaration, parameter, `'${String(raw)}' is not a whole number.`);
      const limit = kind === 'Int32' ? 2147483647 : Number.MAX_SAFE_INTEGER;
      if (value > limit || value < -limit - 1) fail(declaration, parameter, `${value} is outside the range of ${kind}.`);
      if (parameter.validateRange) {
        const [min, max] = parameter.validateRange;
        if (value < min || value > max) {
          fail(declaration, parameter, `${value} is outside the allowed range ${min} to ${max}. Supply a value within it.`);
        }
      }
      return value;
    }
    case 'Boolean':
    case 'SwitchParameter': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && TRUE_WORDS.has(raw.toLowerCase())) return true;
      if (typeof raw === 'string' && FALSE_WORDS.has(raw.toLowerCase())) return false;
      return fail(declaration, parameter, `'${String(raw)}' is not a Boolean; use $true or $false.`);
    }
    case 'DateTime': {
      if (raw instanceof Date) {
        if (Number.isNaN(raw.getTime())) fail(declaration, parameter, 'The date is not valid.');
        return raw;
      }
      if (typeof raw === 'string') {
        const date = parseDateTime(raw);
        if (!date) {
          fail(declaration, parameter, `'${raw}' is not a date. Use a form such as 2010-01-01, 2010-01-01T08:00:00Z or 1/1/2010.`);
        }
        return date;
      }
      return fail(declaration, parameter, `Expected a date but got ${describe(raw)}.`);
    }
    case 'Byte[]': {
      if (Buffer.isBuffer(raw)) return raw;
      if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      return fail(declaration, parameter, `Expected a byte array (for example the output of Export-CsPersistentChatData -AsBytes) but got ${describe(raw)}.`);
    }
    case 'TimeSpan': {
      // PowerShell sends a [timespan] as milliseconds (CLIXML's <TS>); a command line writes d.hh:mm:ss.
      const value = raw instanceof Duration ? raw : typeof raw === 'number' && Number.isFinite(raw) ? new Duration(Math.round(raw)) : typeof raw === 'string' ? Duration.parse(raw) : undefined;
      if (value === undefined) fail(declaration, parameter, `'${String(raw)}' is not a time span. Write it as d.hh:mm:ss, for example 00:15:00 (15 minutes) or 1.00:00:00 (one day).`);
      return value;
    }
    case 'PSObject': {
      // An object from the pipeline; on a command line, a JSON object.
      let value = raw;
      if (typeof raw === 'string') {
        try {
          value = JSON.parse(raw) as unknown;
        } catch {
          fail(declaration, parameter, `'${raw.slice(0, 40)}' is not an object. Pipe the object in, or write it as JSON.`);
        }
      }
      if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
      if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value)) {
        fail(declaration, parameter, `Expected an object but got ${describe(value)}.`);
      }
      return value;
    }
    case 'PSListModifier':
      return toListModifier(raw, parameter.name);
    case 'PSCredential': {
      const value = raw as Partial<Credential> | null;
      if (value && typeof value.userName === 'string' && typeof value.password === 'string') return { userName: value.userName, password: value.password };
      return fail(declaration, parameter, 'Expected a PSCredential (user name and password).');
    }
  }
}

function checkSet(declaration: CmdletDeclaration, parameter: ParameterDecl, value: string): string {
  if (!parameter.validateSet) return value;
  const match = parameter.validateSet.find((allowed) => allowed.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    fail(declaration, parameter, `'${value}' is not one of the allowed values: ${parameter.validateSet.join(', ')}.`);
  }
  return match;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Buffer.isBuffer(value)) return 'a byte array';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function setsOf(declaration: CmdletDeclaration, parameter: ParameterDecl): readonly string[] {
  return parameter.sets ?? declaration.parameterSets ?? [ALL_PARAMETER_SETS];
}

/** Chooses the parameter set from the bound parameter names, as PowerShell does. */
export function chooseParameterSet(declaration: CmdletDeclaration, bound: readonly ParameterDecl[]): string {
  const all = declaration.parameterSets ?? [ALL_PARAMETER_SETS];
  let candidates = [...all];
  for (const parameter of bound) {
    const sets = setsOf(declaration, parameter);
    candidates = candidates.filter((set) => sets.includes(set));
  }
  if (candidates.length === 0) {
    throw new UsageError(
      `${declaration.name}: parameter set cannot be resolved using the specified named parameters ` +
        `(${bound.map((p) => '-' + p.name).join(', ')}). They belong to different parameter sets; use only one of them.`,
      'AmbiguousParameterSet',
    );
  }
  if (candidates.length === 1) return candidates[0]!;
  const boundNames = new Set(bound.map((p) => p.name));
  const satisfied = candidates.filter((set) =>
    declaration.parameters.every((p) => !p.mandatory || !setsOf(declaration, p).includes(set) || boundNames.has(p.name)),
  );
  const pool = satisfied.length > 0 ? satisfied : candidates;
  if (pool.length === 1) return pool[0]!;
  if (declaration.defaultParameterSet && pool.includes(declaration.defaultParameterSet)) return declaration.defaultParameterSet;
  throw new UsageError(
    `${declaration.name}: parameter set cannot be resolved; it could be any of ${pool.join(', ')}. Add a parameter that selects one.`,
    'AmbiguousParameterSet',
  );
}

/**
 * Binds named values (keys may be any case, alias or prefix) and positional values to a declaration.
 * Throws UsageError naming the parameter and the fix.
 */
export function bindParameters(
  declaration: CmdletDeclaration,
  named: ReadonlyArray<readonly [string, unknown]>,
  positional: readonly unknown[] = [],
  options: BindOptions = {},
): BoundParameters {
  const values: Record<string, unknown> = {};
  const bound: ParameterDecl[] = [];
  for (const [name, raw] of named) {
    const parameter = findParameter(declaration, name);
    const isArray = parameter.type === 'String[]' || parameter.type === 'List[String]';
    if (parameter.name in values && !isArray) {
      throw new UsageError(
        `${declaration.name}: cannot bind parameter '${parameter.name}' because it is specified more than once.`,
        'ParameterAlreadyBound',
        parameter.name,
      );
    }
    const converted = convertValue(declaration, parameter, raw, options);
    values[parameter.name] = isArray && parameter.name in values ? [...(values[parameter.name] as string[]), ...(converted as string[])] : converted;
    if (!bound.includes(parameter)) bound.push(parameter);
  }
  if (positional.length > 0) {
    const byPosition = declaration.parameters
      .filter((p) => p.position !== undefined && !(p.name in values))
      .sort((a, b) => a.position! - b.position!);
    positional.forEach((raw, i) => {
      const parameter = byPosition[i];
      if (!parameter) {
        throw new UsageError(
          `${declaration.name}: a positional parameter cannot be found that accepts argument '${String(raw)}'. Name the parameter, e.g. -${declaration.parameters[0]?.name ?? 'Name'} <value>.`,
          'PositionalParameterNotFound',
        );
      }
      values[parameter.name] = convertValue(declaration, parameter, raw, options);
      bound.push(parameter);
    });
  }
  const parameterSet = chooseParameterSet(declaration, bound);
  const missing = declaration.parameters.filter(
    (p) => p.mandatory && setsOf(declaration, p).includes(parameterSet) && !(p.name in values),
  );
  if (missing.length > 0) {
    throw new UsageError(
      `${declaration.name}: missing mandatory parameter${missing.length > 1 ? 's' : ''} ${missing.map((p) => '-' + p.name).join(', ')}. ` +
        `Supply ${missing.length > 1 ? 'them' : 'it'} and run the command again.`,
      'MissingMandatoryParameter',
      missing[0]!.name,
    );
  }
  return { parameterSet, values };
}

export type { ParameterValueTypes };
