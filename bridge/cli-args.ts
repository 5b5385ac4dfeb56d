/**
 * The pcm command line's arguments, read the way PowerShell reads a command's: case-insensitive names, aliases and
 * unambiguous prefixes (resolved by the shared binder's findParameter), `-Param value`, `-Param:value` and
 * `--Param value`, switches that take a value only as `-Switch:$false`, negative numbers as values, `--` ending the
 * parameters. The tokens are then normalised into yargs' own form (`--Name=value`, `--no-Switch`) and checked by a
 * strict yargs parser with one command per declaration, its options generated from the declaration
 * (spec/node-deps.md §1.5). Conversion, parameter sets and mandatory parameters stay with bindParameters.
 */
import yargs, { type Argv, type Options } from 'yargs';
import { bindParameters, convertValue, findParameter } from '../cmdlets/binding.js';
import type { Cmdlet, CmdletDeclaration, ParameterDecl } from '../cmdlets/cmdlet.js';
import { findCmdlet, registry } from '../cmdlets/registry.js';
import { ParameterValueError, UsageError } from '../core/errors.js';

export const OUTPUT_FORMATS = ['Table', 'Json', 'Clixml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const ERROR_ACTIONS = ['Continue', 'Stop', 'SilentlyContinue'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

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
  readonly logPath: string | undefined;
}

export type CliRequest =
  | { readonly kind: 'list' }
  | { readonly kind: 'version' }
  | { readonly kind: 'help'; readonly cmdlet: Cmdlet }
  | {
      readonly kind: 'run';
      readonly cmdlet: Cmdlet;
      /** Parameter names as declared; a Byte[] value may be STDIN. */
      readonly named: [string, unknown][];
      readonly positional: string[];
      readonly options: CliOptions;
    };

/** The common parameters pcm understands for a cmdlet, declared like the cmdlet's own (help lists them too). */
export function cliParameters(declaration: CmdletDeclaration): ParameterDecl[] {
  const shouldProcess: ParameterDecl[] = [
    {
      name: 'WhatIf',
      type: 'SwitchParameter',
      aliases: ['wi'],
      description: 'Shows what would happen if the cmdlet runs: a dry run that writes nothing and reports everything.',
    },
    {
      name: 'Confirm',
      type: 'SwitchParameter',
      aliases: ['cf'],
      description: 'Asks for confirmation (y/N on the terminal) before the cmdlet runs. Without a terminal, leave it out or write -Confirm:$false.',
    },
  ];
  return [
    { name: 'Verbose', type: 'SwitchParameter', aliases: ['vb'], description: 'Prints VERBOSE: lines on stderr, and error stack traces for unexpected errors.' },
    ...(declaration.supportsShouldProcess ? shouldProcess : []),
    {
      name: 'ErrorAction',
      type: 'String',
      aliases: ['ea'],
      validateSet: ERROR_ACTIONS,
      defaultValue: 'Continue',
      description: 'What a non-terminating error does: Continue prints it and goes on, Stop ends the cmdlet, SilentlyContinue goes on without printing it. The exit code is 1 after any error.',
    },
    {
      name: 'OutputFormat',
      type: 'String',
      validateSet: OUTPUT_FORMATS,
      description: 'How output objects are printed: Table (Format-Table, or Format-List for wide objects), Json (one JSON object per line) or Clixml (one PowerShell CLIXML document per line). The default is Table on a terminal and Json otherwise.',
    },
    { name: 'LogPath', type: 'String', description: 'The folder for the log files, instead of PCM_LOG_DIR or the default folder.' },
  ];
}

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
    const parameter = findParameter(all, match[1]!);
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
  const near = registry.map((c) => c.declaration.name).filter((n) => distance(n.toLowerCase(), name.toLowerCase()) <= 2);
  const hint = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : '';
  throw new UsageError(`${name}: not a cmdlet pcm knows.${hint} Run pcm --help to list the cmdlets.`, 'CommandNotFound', name);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Reads pcm's argv (without node and the script). Throws UsageError for bad usage. */
export function parseCommandLine(argv: readonly string[]): CliRequest {
  const [first, ...rest] = argv;
  if (first === undefined || HELP_TOKENS.has(first.toLowerCase())) return { kind: 'list' };
  if (/^--?version$/i.test(first)) return { kind: 'version' };
  if (first.toLowerCase() === 'help') return rest[0] === undefined ? { kind: 'list' } : { kind: 'help', cmdlet: requireCmdlet(rest[0]) };
  if (first.startsWith('-')) {
    throw new UsageError(`pcm: '${first}' comes before the cmdlet name. Write pcm <Verb-Noun> [-Parameter value ...]; pcm --help lists the cmdlets.`, 'InvalidArgument', first);
  }
  const cmdlet = requireCmdlet(first);
  const { declaration } = cmdlet;
  const common = cliParameters(declaration);
  // One table of names, so that prefixes are ambiguous between the cmdlet's parameters and the common ones too.
  const all: CmdletDeclaration = { ...declaration, parameters: [...declaration.parameters, ...common] };
  const scanned = scan(declaration, all, rest);
  if (scanned === 'help') return { kind: 'help', cmdlet };

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
      logPath: options.LogPath as string | undefined,
    },
  };
}

/** Whether a run must ask first: -Confirm, or ConfirmImpact High without -Confirm:$false (PowerShell's default $ConfirmPreference). */
export function needsConfirmation(declaration: CmdletDeclaration, options: CliOptions): boolean {
  if (!declaration.supportsShouldProcess || options.whatIf) return false;
  return options.confirm ?? declaration.confirmImpact === 'High';
}
