/**
 * One PowerShell proxy function per cmdlet declaration (DESIGN.md §3): comment-based help with every parameter and
 * example, [CmdletBinding] with the default set and ShouldProcess, [OutputType] per set, a param() block with the
 * declared sets, positions, pipeline binding, validation, aliases and types, and a process {} block that resolves
 * the path parameters through PowerShell's providers, decides ShouldProcess in PowerShell and hands each call (each
 * pipeline item; piped bytes once, at the end) to the bridge client in module/src.
 * Windows PowerShell 5.1 syntax only.
 */
import type { CmdletDeclaration, ParameterDecl } from '../cmdlets/framework/cmdlet.js';
import { PARAMETER_TYPES } from '../cmdlets/framework/parameter-types.js';
import { wrap } from '../bridge/cli-text.js';
import { helpText, psArray, psString } from './module-text.js';

const I1 = '    ';
const I2 = '        ';
/** Prose is wrapped here: Get-Help breaks long comment-help lines in mid-word at the console's width. */
const HELP_WIDTH = 100;
const prose = (text: string): string => wrap(text, HELP_WIDTH, 0).join('\n');

function helpBlock(declaration: CmdletDeclaration): string[] {
  const where = declaration.name;
  const section = (keyword: string, text: string): string[] => [`${I1}.${keyword}`, ...helpText(prose(text), I1, `${where} .${keyword}`)];
  const inputs = declaration.parameters.filter((p) => p.pipeline || p.pipelineByPropertyName).map((p) => p.helpTypeName ?? PARAMETER_TYPES[p.type].dotnet);
  return [
    `${I1}<#`,
    ...section('SYNOPSIS', declaration.synopsis),
    ...section('DESCRIPTION', declaration.description),
    ...declaration.parameters.flatMap((p) => section(`PARAMETER ${p.name}`, p.description)),
    ...declaration.examples.flatMap((example, i) => [
      `${I1}.EXAMPLE`,
      ...helpText(example.code, I1, `${where} example ${i + 1}`),
      '',
      ...helpText(prose(`${example.title}: ${example.remarks}`), I1, `${where} example ${i + 1}`),
    ]),
    ...([...new Set(inputs)].length > 0 ? [...new Set(inputs)] : ['None']).flatMap((name) => section('INPUTS', name)),
    ...declaration.outputTypes.flatMap((output) => section('OUTPUTS', output.typeName)),
    ...(declaration.notes ? section('NOTES', declaration.notes) : []),
    ...(declaration.links ?? []).flatMap((link) => section('LINK', link)),
    `${I1}#>`,
  ];
}

function cmdletBinding(declaration: CmdletDeclaration): string {
  const parts: string[] = [];
  if (declaration.defaultParameterSet) parts.push(`DefaultParameterSetName = ${psString(declaration.defaultParameterSet)}`);
  if (declaration.supportsShouldProcess) {
    parts.push('SupportsShouldProcess = $true');
    parts.push(`ConfirmImpact = ${psString(declaration.confirmImpact ?? 'Medium')}`);
  }
  // Without a declared position PowerShell would make every parameter positional in order; Microsoft's cmdlets
  // without positions (New-CsPersistentChatEndpoint) take names only.
  if (!declaration.parameters.some((p) => p.position !== undefined)) parts.push('PositionalBinding = $false');
  return `${I1}[CmdletBinding(${parts.join(', ')})]`;
}

function outputTypes(declaration: CmdletDeclaration): string[] {
  return declaration.outputTypes.map((output) => {
    const sets = output.sets && output.sets.length > 0 ? `, ParameterSetName = (${output.sets.map(psString).join(', ')})` : '';
    return `${I1}[OutputType(${psString(output.typeName)}${sets})]`;
  });
}

function parameterAttribute(parameter: ParameterDecl, set: string | undefined): string {
  const parts: string[] = [];
  if (set !== undefined) parts.push(`ParameterSetName = ${psString(set)}`);
  if (parameter.mandatory) parts.push('Mandatory = $true');
  if (parameter.position !== undefined) parts.push(`Position = ${parameter.position}`);
  if (parameter.pipeline) parts.push('ValueFromPipeline = $true');
  if (parameter.pipelineByPropertyName) parts.push('ValueFromPipelineByPropertyName = $true');
  return `${I2}[Parameter(${parts.join(', ')})]`;
}

function parameterBlock(parameter: ParameterDecl): string[] {
  const sets = parameter.sets && parameter.sets.length > 0 ? parameter.sets : [undefined];
  const lines = sets.map((set) => parameterAttribute(parameter, set));
  if (parameter.validateSet) lines.push(`${I2}[ValidateSet(${parameter.validateSet.map(psString).join(', ')})]`);
  if (parameter.validateRange) lines.push(`${I2}[ValidateRange(${parameter.validateRange[0]}, ${parameter.validateRange[1]})]`);
  // $null is a value of a list change (clear the list), also where the parameter is mandatory.
  if (parameter.type === 'PSListModifier') lines.push(`${I2}[AllowNull()]`);
  if (parameter.aliases && parameter.aliases.length > 0) lines.push(`${I2}[Alias(${parameter.aliases.map(psString).join(', ')})]`);
  lines.push(`${I2}${PARAMETER_TYPES[parameter.type].literal}`, `${I2}$${parameter.name}`);
  return lines;
}

/**
 * What ShouldProcess names as the target: the first mandatory String parameter of every set (DBInstance), resolved;
 * else, for an -Identity / -Instance pair, the object either names (so a prompt per piped room names that room).
 */
function shouldProcessTarget(declaration: CmdletDeclaration): string {
  const target = declaration.parameters.find((p) => p.mandatory && p.type === 'String' && !p.sets);
  if (target) return `[string]$pcmBound[${psString(target.name)}]`;
  const identity = declaration.parameters.some((p) => p.name === 'Identity' && p.type === 'String' && p.mandatory);
  const instance = declaration.parameters.some((p) => p.name === 'Instance' && p.type === 'PSObject');
  if (identity && instance) return "$(if ($pcmBound.ContainsKey('Identity')) { [string]$pcmBound['Identity'] } else { [string]$pcmBound['Instance'].Identity })";
  return psString(declaration.name);
}

/** One call of the bridge: paths resolved by PowerShell, ShouldProcess decided here, then Node. */
function callLines(declaration: CmdletDeclaration): string[] {
  const named = (kind: string): string => psArray(declaration.parameters.filter((p) => p.kind === kind).map((p) => p.name));
  const resolve = `$pcmBound = Resolve-PcmBridgeParameters -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Paths ${named('path')} -Instances ${named('dbInstance')}`;
  const call = `Invoke-PcmBridgeCommand -Cmdlet $PSCmdlet -Command ${psString(declaration.name)} -BoundParameters $pcmBound`;
  if (!declaration.supportsShouldProcess) return [resolve, call];
  return [
    resolve,
    '# Decided here for each call; with -WhatIf, Node still does a dry run and reports it.',
    '$dryRun = $false',
    `if (-not $PSCmdlet.ShouldProcess(${shouldProcessTarget(declaration)})) {`,
    '    if (-not $WhatIfPreference) { return }',
    '    $dryRun = $true',
    '}',
    `${call} -DryRun $dryRun`,
  ];
}

function body(declaration: CmdletDeclaration): string[] {
  const indent = (lines: string[]): string[] => lines.map((line) => `${I2}${line}`);
  const bytes = declaration.parameters.find((p) => p.pipeline && p.type === 'Byte[]');
  if (!bytes) return [`${I1}process {`, ...indent(callLines(declaration)), `${I1}}`];
  // PowerShell unrolls a byte[] written to the pipeline, binding each byte as a byte[] of one: what is piped in is
  // collected and run once at the end, whether it came as bytes or as whole arrays (Export -AsBytes, ,$bytes).
  const name = `$${bytes.name}`;
  return [
    `${I1}begin {`,
    `${I2}$pcmPiped = $null`,
    `${I1}}`,
    `${I1}process {`,
    `${I2}if ($MyInvocation.ExpectingInput -and $PSBoundParameters.ContainsKey(${psString(bytes.name)})) {`,
    `${I2}    if ($null -eq $pcmPiped) { $pcmPiped = [System.IO.MemoryStream]::new() }`,
    `${I2}    if ($null -ne ${name}) { $pcmPiped.Write(${name}, 0, ${name}.Length) }`,
    `${I2}    return`,
    `${I2}}`,
    ...indent(callLines(declaration)),
    `${I1}}`,
    `${I1}end {`,
    `${I2}if ($null -eq $pcmPiped) { return }`,
    `${I2}$PSBoundParameters[${psString(bytes.name)}] = $pcmPiped.ToArray()`,
    ...indent(callLines(declaration)),
    `${I1}}`,
  ];
}

export function proxyFunction(declaration: CmdletDeclaration): string {
  const parameters = declaration.parameters.map((p, i) => {
    const lines = parameterBlock(p);
    if (i < declaration.parameters.length - 1) lines[lines.length - 1] += ',';
    return lines.join('\n');
  });
  return [
    `function ${declaration.name} {`,
    ...helpBlock(declaration),
    cmdletBinding(declaration),
    ...outputTypes(declaration),
    `${I1}param(`,
    parameters.join('\n\n'),
    `${I1})`,
    ...body(declaration),
    '}',
  ].join('\n');
}
