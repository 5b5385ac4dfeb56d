/**
 * Help text generated from a cmdlet's declaration, in the shape and wording of PowerShell's `Get-Help -Full`
 * (NAME, SYNOPSIS, SYNTAX per parameter set, DESCRIPTION, PARAMETERS, INPUTS, OUTPUTS, NOTES, EXAMPLES,
 * RELATED LINKS), so that `pcm <cmdlet> --help` reads like Get-Help and the PowerShell side can reuse the wording.
 * Nothing here knows about the command line except formatCommandLineNotes() and formatCmdletList().
 */
import { ALL_PARAMETER_SETS, type CmdletDeclaration, type ParameterDecl } from '../cmdlets/framework/cmdlet.js';
import { UsageError } from '../core/errors.js';
import type { HelpView } from './cli-args.js';
import { didYouMean, nearestNames } from './cli-suggest.js';
import { padEnd, wrap } from './cli-text.js';

const COMMON_PARAMETERS_TEXT =
  'This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable, WarningAction, ' +
  'WarningVariable, OutBuffer, PipelineVariable, and OutVariable. For more information, see about_CommonParameters ' +
  '(https://go.microsoft.com/fwlink/?LinkID=113216).';

const SHOULD_PROCESS: readonly ParameterDecl[] = [
  { name: 'WhatIf', type: 'SwitchParameter', description: 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' },
  { name: 'Confirm', type: 'SwitchParameter', description: 'Prompts you for confirmation before running the cmdlet.' },
];

/** The type as help shows it: the declared .NET name's last part where there is one (ExportLevel), else the type. */
export function helpTypeName(parameter: ParameterDecl): string {
  return parameter.helpTypeName ? parameter.helpTypeName.slice(parameter.helpTypeName.lastIndexOf('.') + 1) : parameter.type;
}

/** The parameter sets in help order; a declaration without sets has the one set PowerShell calls __AllParameterSets. */
export function parameterSetsOf(declaration: CmdletDeclaration): readonly string[] {
  return declaration.parameterSets ?? [ALL_PARAMETER_SETS];
}

export function parametersInSet(declaration: CmdletDeclaration, set: string): ParameterDecl[] {
  const inSet = declaration.parameters.filter((p) => (p.sets ?? parameterSetsOf(declaration)).includes(set));
  // PowerShell lists positional parameters first, by position, then the others as declared.
  const positional = inSet.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!);
  return [...positional, ...inSet.filter((p) => p.position === undefined)];
}

function syntaxOf(parameter: ParameterDecl): string {
  const name = parameter.position === undefined ? `-${parameter.name}` : `[-${parameter.name}]`;
  const text = parameter.type === 'SwitchParameter' ? name : `${name} <${helpTypeName(parameter)}>`;
  return parameter.mandatory ? text : `[${text}]`;
}

/** One syntax line per parameter set, as Get-Help prints them. */
export function formatSyntax(declaration: CmdletDeclaration): string[] {
  return parameterSetsOf(declaration).map((set) => {
    const parts = [declaration.name, ...parametersInSet(declaration, set).map(syntaxOf)];
    if (declaration.supportsShouldProcess) parts.push('[-WhatIf]', '[-Confirm]');
    return [...parts, '[<CommonParameters>]'].join(' ');
  });
}

function pipelineText(parameter: ParameterDecl): string {
  const kinds = [parameter.pipeline ? 'ByValue' : '', parameter.pipelineByPropertyName ? 'ByPropertyName' : ''].filter((k) => k);
  return kinds.length > 0 ? `true (${kinds.join(', ')})` : 'false';
}

/** One parameter's entry under PARAMETERS: heading, description, then Get-Help's attribute lines. */
export function formatParameter(parameter: ParameterDecl, width = 80): string[] {
  const heading = parameter.type === 'SwitchParameter' ? `    -${parameter.name} [<SwitchParameter>]` : `    -${parameter.name} <${helpTypeName(parameter)}>`;
  const attributes: [string, string][] = [
    ['Required?', parameter.mandatory ? 'true' : 'false'],
    ['Position?', parameter.position === undefined ? 'named' : String(parameter.position)],
    ['Default value', parameter.defaultValue ?? (parameter.type === 'SwitchParameter' ? 'False' : 'None')],
  ];
  if (parameter.validateSet) attributes.push(['Accepted values', parameter.validateSet.join(', ')]);
  if (parameter.validateRange) attributes.push(['Valid range', `${parameter.validateRange[0]} to ${parameter.validateRange[1]}`]);
  attributes.push(['Accept pipeline input?', pipelineText(parameter)]);
  if (parameter.aliases && parameter.aliases.length > 0) attributes.push(['Aliases', parameter.aliases.join(', ')]);
  attributes.push(['Accept wildcard characters?', 'false']);
  return [
    heading,
    ...wrap(parameter.description, width, 8),
    '',
    ...attributes.flatMap(([label, value]) => {
      const [first = '', ...more] = wrap(value, width, 37);
      return [`        ${padEnd(label, 28)} ${first.trimStart()}`.trimEnd(), ...more];
    }),
    '',
  ];
}

/** `---------- Example 1: title ----------`, centred in the width as Get-Help does. */
function exampleHeading(title: string, width: number): string {
  const dashes = Math.max(2, Math.floor((width - 4 - title.length - 2) / 2));
  return `${'-'.repeat(dashes)} ${title} ${'-'.repeat(dashes)}`;
}

function section(title: string, body: string[]): string[] {
  return [title, ...body, ''];
}

function examplesOf(declaration: CmdletDeclaration, width: number): string[] {
  return declaration.examples.flatMap((example, i) => [
    `    ${exampleHeading(`Example ${i + 1}: ${example.title}`, width)}`,
    '',
    `    PS C:\\> ${example.code}`,
    '',
    ...wrap(example.remarks, width, 4),
    '',
  ]);
}

function finish(lines: string[]): string {
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function parametersWithShouldProcess(declaration: CmdletDeclaration): ParameterDecl[] {
  return [...declaration.parameters, ...(declaration.supportsShouldProcess ? SHOULD_PROCESS : [])];
}

/** The full help of a cmdlet, like `Get-Help <cmdlet> -Full`. */
export function formatHelp(declaration: CmdletDeclaration, width = 80): string {
  const parameters = parametersWithShouldProcess(declaration);
  const inputs = declaration.parameters.filter((p) => p.pipeline || p.pipelineByPropertyName).map((p) => p.helpTypeName ?? `System.${p.type}`);
  return finish([
    ...section('NAME', [`    ${declaration.name}`]),
    ...section('SYNOPSIS', wrap(declaration.synopsis, width, 4)),
    ...section('SYNTAX', formatSyntax(declaration).flatMap((line) => [`    ${line}`, ''])),
    ...section('DESCRIPTION', wrap(declaration.description, width, 4)),
    ...section('PARAMETERS', [
      ...parameters.flatMap((p) => formatParameter(p, width)),
      '    <CommonParameters>',
      ...wrap(COMMON_PARAMETERS_TEXT, width, 8),
    ]),
    ...section('INPUTS', [`    ${inputs.length > 0 ? [...new Set(inputs)].join(', ') : 'None'}`]),
    ...section('OUTPUTS', declaration.outputTypes.map((o) => `    ${o.typeName}`)),
    ...(declaration.notes ? section('NOTES', wrap(declaration.notes, width, 4)) : []),
    ...section('EXAMPLES', examplesOf(declaration, width)),
    ...section('RELATED LINKS', (declaration.links ?? []).map((link) => `    ${link}`)),
  ]);
}

/** `Get-Help <cmdlet> -Detailed`: the parameters' descriptions without their attribute tables, and the examples. */
export function formatDetailedHelp(declaration: CmdletDeclaration, width = 80): string {
  const parameters = parametersWithShouldProcess(declaration);
  return finish([
    ...section('NAME', [`    ${declaration.name}`]),
    ...section('SYNOPSIS', wrap(declaration.synopsis, width, 4)),
    ...section('SYNTAX', formatSyntax(declaration).flatMap((line) => [`    ${line}`, ''])),
    ...section('DESCRIPTION', wrap(declaration.description, width, 4)),
    ...section('PARAMETERS', [
      ...parameters.flatMap((p) => formatParameter(p, width).slice(0, 1 + wrap(p.description, width, 8).length).concat([''])),
      '    <CommonParameters>',
      ...wrap(COMMON_PARAMETERS_TEXT, width, 8),
    ]),
    ...section('EXAMPLES', examplesOf(declaration, width)),
    ...section('REMARKS', wrap(`To see the examples, type: pcm help ${declaration.name} -Examples. For the full help: pcm help ${declaration.name} -Full.`, width, 4)),
  ]);
}

/** `Get-Help <cmdlet> -Examples`. */
export function formatExamplesHelp(declaration: CmdletDeclaration, width = 80): string {
  return finish([
    ...section('NAME', [`    ${declaration.name}`]),
    ...section('SYNOPSIS', wrap(declaration.synopsis, width, 4)),
    ...(declaration.examples.length === 0 ? ['    This cmdlet has no examples.'] : examplesOf(declaration, width)),
  ]);
}

/** PowerShell's wildcard (* and ?) as a case-insensitive whole-name pattern. */
function wildcard(pattern: string): RegExp {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * `Get-Help <cmdlet> -Parameter <name>`: the entries of the parameters whose name matches (wildcards allowed), the
 * command line's common parameters included. A name nothing matches is bad usage, with the nearest names.
 */
export function formatParameterHelp(declaration: CmdletDeclaration, common: readonly ParameterDecl[], pattern: string, width = 80): string {
  const all = [...parametersWithShouldProcess(declaration), ...common.filter((c) => !SHOULD_PROCESS.some((s) => s.name === c.name))];
  const test = wildcard(pattern);
  const matches = all.filter((p) => test.test(p.name) || (p.aliases ?? []).some((a) => test.test(a)));
  if (matches.length === 0) {
    throw new UsageError(
      `pcm help ${declaration.name}: no parameter matches criteria '${pattern}'.${didYouMean(nearestNames(pattern, all), '-')} ` +
        `pcm help ${declaration.name} -Parameter * lists them all.`,
      'NoParmsFound',
      pattern,
    );
  }
  return finish(matches.flatMap((p) => formatParameter(p, width)));
}

/** The help a view asks for; the full view ends with what the command line adds. */
export function formatHelpView(declaration: CmdletDeclaration, common: readonly ParameterDecl[], view: HelpView, width = 80): string {
  switch (view.kind) {
    case 'full':
      return `${formatHelp(declaration, width)}\n${formatCommandLineNotes(declaration, common, width)}`;
    case 'detailed':
      return formatDetailedHelp(declaration, width);
    case 'examples':
      return formatExamplesHelp(declaration, width);
    case 'parameter':
      return formatParameterHelp(declaration, common, view.pattern, width);
  }
}

/** What the command line adds to a cmdlet's help: pcm's own options, exit codes and logs. */
export function formatCommandLineNotes(declaration: CmdletDeclaration, common: readonly ParameterDecl[], width = 80): string {
  const lines = [
    'COMMAND LINE',
    ...wrap(`pcm ${declaration.name} takes the parameters above, written as in PowerShell (-Name value, -Name:value, ` +
      '-Switch, -Switch:$false, arrays as a,b; names are case-insensitive and may be shortened). It also takes:', width, 4),
    '',
    ...common.flatMap((p) => [`    ${syntaxOf(p)}`, ...wrap(p.description, width, 8), '']),
    ...wrap('A Byte[] parameter is given as - and read from standard input; a byte array in the output is written raw to ' +
      'standard output, which must then be redirected or piped.', width, 4),
    '',
    ...wrap('Exit codes: 0 success, 1 the cmdlet failed or reported an error, 2 bad usage (including a value a parameter does not ' +
      'accept), 130 stopped with Ctrl+C, 141 when the reader of standard output went away (| head).', width, 4),
    '',
    ...wrap('Each run is logged as JSON lines in pcm-YYYY-MM-DD.log, in the -LogPath folder, else in PCM_LOG_DIR, else in ' +
      '%ProgramData%\\PersistentChatMigration\\Logs on Windows and $XDG_STATE_HOME/persistentchatmigration/logs ' +
      '(~/.local/state/persistentchatmigration/logs) elsewhere. Log files older than 30 days (PCM_LOG_RETENTION_DAYS; 0 keeps ' +
      'them) are deleted when pcm starts, then the oldest beyond 100 MiB.', width, 4),
  ];
  return lines.join('\n') + '\n';
}

/** `pcm --help`: every cmdlet with its synopsis. */
export function formatCmdletList(declarations: readonly CmdletDeclaration[], version: string, width = 80): string {
  const nameWidth = Math.max(...declarations.map((d) => d.name.length)) + 3;
  const lines = [
    `pcm ${version}: Persistent Chat migration cmdlets on the command line.`,
    '',
    'Usage:',
    '    pcm <Verb-Noun> [-Parameter value ...]',
    '    pcm <Verb-Noun> -?            help for one cmdlet (also --help, or pcm help <Verb-Noun>)',
    '    pcm help <Verb-Noun> -Examples | -Detailed | -Full | -Parameter <name>',
    '    pcm completion bash|zsh|pwsh  a shell completion script for pcm (see the README)',
    '    pcm --version',
    '',
    'Cmdlets:',
    ...declarations.flatMap((d) => {
      const [first = '', ...more] = wrap(d.synopsis, width - nameWidth - 4, 0);
      return [`    ${padEnd(d.name, nameWidth)}${first}`, ...more.map((line) => `    ${' '.repeat(nameWidth)}${line}`)];
    }),
    '',
    ...wrap('Every cmdlet also takes -OutputFormat Table|Json|Clixml, -LogPath, the common parameters -Verbose, -ErrorAction, ' +
      '-WarningAction, -ProgressAction (-Debug, -InformationAction and -OutBuffer are accepted and change nothing), and -WhatIf and ' +
      '-Confirm where it changes data. Exit codes: 0 success, 1 a cmdlet error, 2 bad usage.', width, 0),
  ];
  return lines.join('\n') + '\n';
}
