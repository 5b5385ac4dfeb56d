/**
 * Parameter binding shared by every way in (the PowerShell bridge, the CLI, tests): resolves names the way
 * PowerShell does (case-insensitive, aliases, unambiguous prefixes), converts values to the declared types, checks
 * ValidateSet / ValidateRange, picks the parameter set and insists on its mandatory parameters. PowerShell binds
 * before calling us too; binding again here keeps the host honest whatever the caller sent.
 */
import { ParameterValueError, UsageError } from '../../core/errors.js';
import {
  ALL_PARAMETER_SETS,
  type CmdletDeclaration,
  type ParameterDecl,
  type ParameterValueTypes,
} from './cmdlet.js';
import { PARAMETER_TYPES } from './parameter-types.js';

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

export interface BindOptions {
  /**
   * The values were typed by PowerShell, not typed on a command line: a string in a String[] parameter is one
   * element, commas, spaces and all. Default is `false` (command-line text: `a,b` is two elements).
   */
  readonly typed?: boolean;
}

/** Converts one supplied value (text from a command line, or a typed value from PowerShell) to the declared type. */
export function convertValue(declaration: CmdletDeclaration, parameter: ParameterDecl, raw: unknown, options: BindOptions = {}): unknown {
  return PARAMETER_TYPES[parameter.type].bind(raw, {
    parameter: parameter.name,
    typed: options.typed ?? false,
    validateSet: parameter.validateSet,
    validateRange: parameter.validateRange,
    fail: (problem) => fail(declaration, parameter, problem),
  });
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
