/**
 * The pcm command line's arguments, read the way PowerShell reads a command's: case-insensitive names, aliases and
 * unambiguous prefixes (resolved by the shared binder's findParameter), `-Param value`, `-Param:value` and
 * `--Param value`, switches that take a value only as `-Switch:$false`, negative numbers as values, `--` ending the
 * parameters. The tokens are then normalised into yargs' own form (`--Name=value`, `--no-Switch`) and checked by a
 * strict yargs parser with one command per declaration, its options generated from the declaration
 * (spec/node-deps.md §1.5). Conversion, parameter sets and mandatory parameters stay with bindParameters.
 */
import yargs, { type Argv, type Options } from 'yargs';
import { bindParameters, convertValue, findParameter } from '../cmdlets/framework/binding.js';
import type { Cmdlet, CmdletDeclaration, ParameterDecl } from '../cmdlets/framework/cmdlet.js';
import { findCmdlet, registry } from '../cmdlets/framework/registry.js';
import { ParameterValueError, UsageError } from '../core/errors.js';
import {
  cliParameters,
  VARIABLE_PARAMETERS,
  variableParameterError,
  type ErrorAction,
  type OutputFormat,
  type ProgressAction,
  type WarningAction,
} from './cli-common.js';
import { didYouMean, nearestNames } from './cli-suggest.js';

export { ERROR_ACTIONS, OUTPUT_FORMATS, cliParameters, type ErrorAction, type OutputFormat } from './cli-common.js';

/** Stands for "the bytes on standard input", the value of a Byte[] parameter written as `-ByteInput -`. */
export const STDIN: unique symbol = Symbol('stdin');

export interface CliOptions {
  /** Undefined: the default, Table on a terminal and Json otherwise. */
  readonly outputFormat: OutputFormat | undefined;
  readonly verbose: boolean;
  readonly whatIf: boolean;
  /** -Confirm (true), -Confirm:$false (false), or not given. */
  readonly confirm: boolean | undefined;
  readonly errorAction: ErrorAction;
  readonly warningAction: WarningAction;
  readonly progressAction: ProgressAction;
  readonly logPath: string | undefined;
}

export type CliRequest =
  | { readonly kind: 'list' }
  | { readonly kind: 'version' }
  | { readonly kind: 'help'; readonly cmdlet: Cmdlet; readonly view: HelpView }
  | { readonly kind: 'completion'; readonly shell: CompletionShell }
  | {
      readonly kind: 'run';
      readonly cmdlet: Cmdlet;
      /** Parameter names as declared; a Byte[] value may be STDIN. */
      readonly named: [string, unknown][];
      readonly positional: string[];
      readonly options: CliOptions;
    };

const NAME_TOKEN = /^--?([A-Za-z_][\w-]*)(?::([\s\S]*))?$/;
const HELP_TOKENS = new Set(['-?', '--help', '-help', '/?']);
const BOOLEAN_WORD = /^(?:\$?true|\$?false|1|0)$/i;

const isSwitch = (p: ParameterDecl): boolean => p.type === 'SwitchParameter';
const isArray = (p: ParameterDecl): boolean => p.type === 'String[]' || p.type === 'List[String]';

interface Entry {
  readonly parameter: ParameterDecl;
  readonly value: string | boolean | typeof STDIN;
}

function missingArgument(declaration: CmdletDeclaration, parameter: ParameterDecl): UsageError {
  return new UsageError(
    `${declaration.name}: missing an argument for parameter '${parameter.name}'. Specify a value of type '${parameter.type}' and try again. ` +
      `(A value that starts with '-' is written -${parameter.name}:<value>.)`,
    'MissingArgument',
    parameter.name,
  );
}

function emptySwitchValue(declaration: CmdletDeclaration, parameter: ParameterDecl): UsageError {
  return new UsageError(
    `${declaration.name}: -${parameter.name}: has no value. A Unix shell expands an unquoted $false to nothing: ` +
      `write -${parameter.name}:false or '-${parameter.name}:$false'.`,
    'MissingArgument',
    parameter.name,
  );
}

function bytesFromCommandLine(declaration: CmdletDeclaration, parameter: ParameterDecl): UsageError {
  const fileName = declaration.parameters.some((p) => p.name === 'FileName') ? ' To read a file, use -FileName <path> instead.' : '';
  return new UsageError(
    `${declaration.name}: -${parameter.name} takes a byte array, which a command line cannot hold. Write -${parameter.name} - to read ` +
      `the bytes from standard input, for example: pcm Export-CsPersistentChatData ... -AsBytes | pcm ${declaration.name} ... -${parameter.name} -.${fileName}`,
    'ByteArrayOnCommandLine',
    parameter.name,
  );
}

/** Reads the tokens after the cmdlet name; 'help' when -? or --help is among the parameters. */
function scan(declaration: CmdletDeclaration, all: CmdletDeclaration, args: readonly string[]): { entries: Entry[]; positional: string[] } | 'help' {
  const entries: Entry[] = [];
  const positional: string[] = [];
  let parametersEnded = false;
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    if (parametersEnded) {
      positional.push(token);
      continue;
    }
    if (token === '--') {
      parametersEnded = true;
      continue;
    }
    if (HELP_TOKENS.has(token.toLowerCase())) return 'help';
    const match = NAME_TOKEN.exec(token);
    if (!match) {
      positional.push(token);
      continue;
    }
    const parameter = resolveParameter(declaration, all, match[1]!);
    const attached = match[2];
    if (isSwitch(parameter)) {
      if (attached === undefined) entries.push({ parameter, value: true });
      else if (attached !== '') entries.push({ parameter, value: convertValue(all, parameter, attached) as boolean });
      else if (args[i + 1] !== undefined && BOOLEAN_WORD.test(args[i + 1]!)) {
        // PowerShell also accepts `-Switch: $false`, the value in the next token.
        entries.push({ parameter, value: convertValue(all, parameter, args[++i]!) as boolean });
      } else throw emptySwitchValue(declaration, parameter);
      continue;
    }
    let value: string;
    if (attached !== undefined && attached !== '') value = attached;
    else {
      const next = args[i + 1];
      if (next === undefined || next === '--' || NAME_TOKEN.test(next)) throw missingArgument(declaration, parameter);
      value = next;
      i++;
    }
    // `-Scope a, b` arrives as 'a,' 'b': PowerShell reads one array.
    while (isArray(parameter) && value.endsWith(',') && args[i + 1] !== undefined && !NAME_TOKEN.test(args[i + 1]!)) value += args[++i]!;
    if (parameter.type === 'Byte[]') {
      if (value !== '-') throw bytesFromCommandLine(declaration, parameter);
      entries.push({ parameter, value: STDIN });
    } else entries.push({ parameter, value });
  }
  return { entries, positional };
}

function yargsOptions(parameters: readonly ParameterDecl[]): Record<string, Options> {
  const options: Record<string, Options> = {};
  for (const p of parameters) options[p.name] = { type: isSwitch(p) ? 'boolean' : 'string', describe: p.description };
  return options;
}

/** A strict yargs parser with one command per declared cmdlet; used on argv already normalised by scan(). */
function createParser(): Argv {
  let parser = yargs()
    .parserConfiguration({
      'short-option-groups': false,
      'camel-case-expansion': false,
      'parse-numbers': false,
      'parse-positional-numbers': false,
      'boolean-negation': true,
      'dot-notation': false,
      'populate--': true,
    })
    .help(false)
    .version(false)
    .exitProcess(false)
    .strict()
    .strictCommands()
    .fail((message, error) => {
      throw new UsageError(`pcm: ${error?.message ?? message}`, 'InvalidArgument');
    });
  for (const { declaration } of registry) {
    const parameters = [...declaration.parameters, ...cliParameters(declaration)];
    parser = parser.command(declaration.name, declaration.synopsis, (command) => command.options(yargsOptions(parameters)));
  }
  return parser;
}

function normalise(declaration: CmdletDeclaration, entries: readonly Entry[], positional: readonly string[]): string[] {
  const argv = [declaration.name];
  for (const { parameter, value } of entries) {
    if (typeof value === 'boolean') argv.push(value ? `--${parameter.name}` : `--no-${parameter.name}`);
    else argv.push(`--${parameter.name}=${value === STDIN ? '-' : value}`);
  }
  return [...argv, '--', ...positional];
}

function requireCmdlet(name: string): Cmdlet {
  const cmdlet = findCmdlet(name);
  if (cmdlet) return cmdlet;
  const hint = didYouMean(nearestNames(name, registry.map((c) => c.declaration)));
  throw new UsageError(`${name}: not a cmdlet pcm knows.${hint} Run pcm --help to list the cmdlets.`, 'CommandNotFound', name);
}

/**
 * findParameter, with a shorter answer for a name that matches nothing: the nearest names instead of all of them
 * (a cmdlet has up to twenty with the common ones), and where to see the rest.
 */
export function resolveParameter(declaration: CmdletDeclaration, all: CmdletDeclaration, name: string): ParameterDecl {
  let parameter: ParameterDecl;
  try {
    parameter = findParameter(all, name);
  } catch (error) {
    if (!(error instanceof UsageError) || error.errorId !== 'NamedParameterNotFound') throw error;
    const hint = didYouMean(nearestNames(name, all.parameters), '-');
    throw new UsageError(
      `${declaration.name}: a parameter cannot be found that matches parameter name '${name}'.${hint} ` +
        `Run pcm ${declaration.name} -? to see its parameters.`,
      'NamedParameterNotFound',
      name,
    );
  }
  if (VARIABLE_PARAMETERS.includes(parameter)) throw variableParameterError(declaration, parameter);
  return parameter;
}

/** Which part of a cmdlet's help to show, as Get-Help's -Full, -Detailed, -Examples and -Parameter choose. */
export type HelpView = { readonly kind: 'full' | 'detailed' | 'examples' } | { readonly kind: 'parameter'; readonly pattern: string };

const HELP_SWITCHES = ['Full', 'Detailed', 'Examples'] as const;

/**
 * Reads Get-Help's view parameters among `args`. `strict` (pcm help <cmdlet> ...): anything else is an error;
 * otherwise (pcm <cmdlet> ... -?) the cmdlet's own parameters are ignored, as PowerShell ignores them with -?.
 */
function helpView(commandName: string, args: readonly string[], strict: boolean): HelpView {
  let view: HelpView = { kind: 'full' };
  let chosen: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    if (HELP_TOKENS.has(token.toLowerCase())) continue;
    const match = NAME_TOKEN.exec(token);
    const name = match?.[1]?.toLowerCase();
    const known = name === undefined ? undefined : [...HELP_SWITCHES, 'Parameter'].find((n) => n.toLowerCase().startsWith(name));
    if (known === undefined) {
      if (!strict) continue;
      const hint = name === undefined ? '' : didYouMean(nearestNames(name, [...HELP_SWITCHES, 'Parameter'].map((n) => ({ name: n }))), '-');
      throw new UsageError(`pcm help ${commandName}: '${token}' is not a help option.${hint} Use -Full, -Detailed, -Examples or -Parameter <name>.`, 'InvalidArgument', token);
    }
    if (chosen !== undefined && chosen !== known) {
      throw new UsageError(`pcm help ${commandName}: -${chosen} and -${known} cannot be used together; choose one.`, 'AmbiguousParameterSet', known);
    }
    chosen = known;
    if (known === 'Parameter') {
      const value = match![2] || args[++i];
      if (value === undefined || value === '') {
        throw new UsageError(`pcm help ${commandName}: -Parameter needs a parameter name (wildcards * and ? allowed), e.g. -Parameter Level.`, 'MissingArgument', 'Parameter');
      }
      view = { kind: 'parameter', pattern: value.replace(/^-/, '') };
    } else view = { kind: known.toLowerCase() as 'full' | 'detailed' | 'examples' };
  }
  return view;
}

/** The shells `pcm completion <shell>` writes a script for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'pwsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

function completionRequest(args: readonly string[]): CliRequest {
  const shell = args[0]?.toLowerCase() === 'powershell' ? 'pwsh' : args[0]?.toLowerCase();
  if (args.length !== 1 || !COMPLETION_SHELLS.includes(shell as CompletionShell)) {
    throw new UsageError(
      `pcm completion: ${args.length === 0 ? 'name a shell' : `'${args.join(' ')}' is not a shell pcm completes`}. ` +
        'Write pcm completion bash, pcm completion zsh or pcm completion pwsh.',
      'InvalidArgument',
      args[0],
    );
  }
  return { kind: 'completion', shell: shell as CompletionShell };
}

/** Reads pcm's argv (without node and the script). Throws UsageError for bad usage. */
export function parseCommandLine(argv: readonly string[]): CliRequest {
  const [first, ...rest] = argv;
  if (first === undefined || HELP_TOKENS.has(first.toLowerCase())) return { kind: 'list' };
  if (/^--?version$/i.test(first)) return { kind: 'version' };
  if (first.toLowerCase() === 'help') {
    if (rest[0] === undefined) return { kind: 'list' };
    const cmdlet = requireCmdlet(rest[0]);
    return { kind: 'help', cmdlet, view: helpView(cmdlet.declaration.name, rest.slice(1), true) };
  }
  if (first.toLowerCase() === 'completion') return completionRequest(rest);
  if (first.startsWith('-')) {
    throw new UsageError(`pcm: '${first}' comes before the cmdlet name. Write pcm <Verb-Noun> [-Parameter value ...]; pcm --help lists the cmdlets.`, 'InvalidArgument', first);
  }
  const cmdlet = requireCmdlet(first);
  const { declaration } = cmdlet;
  const common = cliParameters(declaration);
  // One table of names, so that prefixes are ambiguous between the cmdlet's parameters and the common ones too.
  const all: CmdletDeclaration = { ...declaration, parameters: [...declaration.parameters, ...common] };
  const scanned = scan(declaration, all, rest);
  if (scanned === 'help') return { kind: 'help', cmdlet, view: helpView(declaration.name, rest, false) };

  const parsed = createParser().parseSync(normalise(declaration, scanned.entries, scanned.positional)) as Record<string, unknown>;
  const named: [string, unknown][] = [];
  const commonNamed: [string, unknown][] = [];
  for (const parameter of all.parameters) {
    const value = parsed[parameter.name];
    if (value === undefined) continue;
    const target = common.includes(parameter) ? commonNamed : named;
    // yargs keeps one value for a repeated boolean; the binder must see each, to refuse the repetition as PowerShell does.
    const values = isSwitch(parameter) ? scanned.entries.filter((e) => e.parameter === parameter).map((e) => e.value) : Array.isArray(value) ? value : [value];
    for (const item of values) {
      target.push([parameter.name, parameter.type === 'Byte[]' && item === '-' ? STDIN : item]);
    }
  }
  let options: Record<string, unknown>;
  try {
    options = bindParameters({ ...declaration, parameters: common, parameterSets: undefined, defaultParameterSet: undefined }, commonNamed).values;
  } catch (error) {
    // A bad value for one of pcm's own options is a command-line mistake (exit 2), not the cmdlet refusing input.
    if (error instanceof ParameterValueError) throw new UsageError(error.message, error.errorId, error.target);
    throw error;
  }
  return {
    kind: 'run',
    cmdlet,
    named,
    positional: ((parsed['--'] as unknown[] | undefined) ?? []).map(String),
    options: {
      outputFormat: options.OutputFormat as OutputFormat | undefined,
      verbose: options.Verbose === true,
      whatIf: options.WhatIf === true,
      confirm: options.Confirm as boolean | undefined,
      errorAction: (options.ErrorAction as ErrorAction | undefined) ?? 'Continue',
      warningAction: (options.WarningAction as WarningAction | undefined) ?? 'Continue',
      progressAction: (options.ProgressAction as ProgressAction | undefined) ?? 'Continue',
      logPath: options.LogPath as string | undefined,
    },
  };
}

/** Whether a run must ask first: -Confirm, or ConfirmImpact High without -Confirm:$false (PowerShell's default $ConfirmPreference). */
export function needsConfirmation(declaration: CmdletDeclaration, options: CliOptions): boolean {
  if (!declaration.supportsShouldProcess || options.whatIf) return false;
  return options.confirm ?? declaration.confirmImpact === 'High';
}
