/**
 * PowerShell's common parameters as pcm understands them, declared like a cmdlet's own parameters so that the same
 * name table, help text and shell completion cover them. Each is either honoured (-Verbose, -ErrorAction,
 * -WarningAction, -ProgressAction, ...), accepted because it is harmless where nothing uses it (-Debug,
 * -InformationAction, -OutBuffer: the cmdlets write no debug or information records, and pcm streams its output
 * anyway), or refused with an explanation because it names a PowerShell variable, which a command line outside
 * PowerShell does not have (-OutVariable, -ErrorVariable, ...).
 */
import type { CmdletDeclaration, ParameterDecl } from '../cmdlets/framework/cmdlet.js';
import { UsageError } from '../core/errors.js';

export const OUTPUT_FORMATS = ['Table', 'Json', 'Clixml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** PowerShell's ActionPreference values a command line can honour (Inquire needs a prompt per record; Suspend is for workflows). */
export const ERROR_ACTIONS = ['Continue', 'Stop', 'SilentlyContinue', 'Ignore'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];
export const WARNING_ACTIONS = ERROR_ACTIONS;
export type WarningAction = ErrorAction;
export const PROGRESS_ACTIONS = ['Continue', 'SilentlyContinue', 'Ignore'] as const;
export type ProgressAction = (typeof PROGRESS_ACTIONS)[number];

/** The -*Variable common parameters: refused on pcm, with the reason. Aliases as PowerShell declares them. */
export const VARIABLE_PARAMETERS: readonly ParameterDecl[] = [
  ['OutVariable', 'ov'],
  ['ErrorVariable', 'ev'],
  ['WarningVariable', 'wv'],
  ['InformationVariable', 'iv'],
  ['PipelineVariable', 'pv'],
].map(([name, alias]) => ({
  name: name!,
  type: 'String',
  aliases: [alias!],
  description: `Not available on pcm: it names a PowerShell variable, and pcm runs outside PowerShell. Capture standard output (out=$(pcm ... -OutputFormat Json)) or run the cmdlet in PowerShell instead.`,
}));

/** The common parameters pcm takes for a cmdlet, declared like the cmdlet's own (help and completion list them too). */
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
    {
      name: 'Debug',
      type: 'SwitchParameter',
      aliases: ['db'],
      description: 'Accepted as in PowerShell; the cmdlets write no debug messages, so it changes nothing.',
    },
    ...(declaration.supportsShouldProcess ? shouldProcess : []),
    {
      name: 'ErrorAction',
      type: 'String',
      aliases: ['ea'],
      validateSet: ERROR_ACTIONS,
      defaultValue: 'Continue',
      description:
        'What a non-terminating error does: Continue prints it and goes on, Stop ends the cmdlet, SilentlyContinue and Ignore go on without printing it. The exit code is 1 after any error.',
    },
    {
      name: 'WarningAction',
      type: 'String',
      aliases: ['wa'],
      validateSet: WARNING_ACTIONS,
      defaultValue: 'Continue',
      description: 'What a warning does: Continue prints it, Stop ends the cmdlet with an error (exit code 1), SilentlyContinue and Ignore go on without printing it (it is still logged).',
    },
    {
      name: 'InformationAction',
      type: 'String',
      aliases: ['infa'],
      validateSet: ERROR_ACTIONS,
      defaultValue: 'SilentlyContinue',
      description: 'Accepted as in PowerShell; the cmdlets write no information records, so it changes nothing.',
    },
    {
      name: 'ProgressAction',
      type: 'String',
      aliases: ['proga'],
      validateSet: PROGRESS_ACTIONS,
      defaultValue: 'Continue',
      description: 'Continue draws the progress bar on a terminal (never in redirected output); SilentlyContinue and Ignore hide it.',
    },
    {
      name: 'OutBuffer',
      type: 'Int32',
      aliases: ['ob'],
      validateRange: [0, 2147483647],
      description: 'Accepted as in PowerShell; pcm writes each object as soon as it has it, so it changes nothing.',
    },
    ...VARIABLE_PARAMETERS,
    {
      name: 'OutputFormat',
      type: 'String',
      validateSet: OUTPUT_FORMATS,
      description:
        'How output objects are printed: Table (Format-Table, or Format-List for wide objects), Json (one JSON object per line) or Clixml (one PowerShell CLIXML document per line). The default is Table on a terminal and Json otherwise.',
    },
    { name: 'LogPath', type: 'String', description: 'The folder for the log files, instead of PCM_LOG_DIR or the default folder.' },
  ];
}

/** The UsageError for a -*Variable parameter. */
export function variableParameterError(declaration: CmdletDeclaration, parameter: ParameterDecl): UsageError {
  return new UsageError(
    `${declaration.name}: -${parameter.name} is not available on pcm: it names a PowerShell variable to fill, and pcm runs outside ` +
      `PowerShell, where there is none. Capture standard output instead (out=$(pcm ${declaration.name} ... -OutputFormat Json)), ` +
      `or use -${parameter.name} when you run ${declaration.name} in PowerShell with the module.`,
    'CommonParameterNotSupported',
    parameter.name,
  );
}

/** What a parameter accepts, in words, for an error about a value it refused. */
export function validValuesText(parameter: ParameterDecl): string {
  if (parameter.validateSet) return `Valid values: ${parameter.validateSet.join(', ')}.`;
  switch (parameter.type) {
    case 'Int32':
    case 'Int64': {
      const [min, max] = parameter.validateRange ?? (parameter.type === 'Int32' ? [-2147483648, 2147483647] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
      return `Valid values: a whole number from ${min} to ${max}.`;
    }
    case 'DateTime':
      return 'Valid values: a date such as 2010-01-01, 2010-01-01T08:00:00Z or 1/1/2010.';
    case 'Boolean':
    case 'SwitchParameter':
      return 'Valid values: $true or $false (true, false, 1, 0).';
    default:
      return '';
  }
}
