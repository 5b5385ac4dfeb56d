/**
 * The module as PowerShell sees it, in the real engine: Import-Module in a fresh session, Test-ModuleManifest,
 * exactly the registry's commands exported, each proxy's parameters, sets, types and attributes as declared, and
 * Get-Help -Full with the synopsis, every parameter and every example of each cmdlet.
 */
import assert from 'node:assert/strict';
import { registry } from '../../cmdlets/framework/registry.js';
import type { CmdletDeclaration } from '../../cmdlets/framework/cmdlet.js';
import { PARAMETER_TYPES } from '../../cmdlets/framework/parameter-types.js';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

const COMMON = ['Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable',
  'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable'];

/** Text compared without any whitespace: Get-Help wraps lines at the console's width. */
const squeeze = (text: string): string => text.replace(/\s+/g, '');
const words = (text: string): string => text.replace(/\s+/g, ' ').trim();

type Props = Record<string, unknown>;

describe('module: manifest, exports and help, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let session: Session;

  before(async function () {
    requireEngine();
    session = await Session.open({ PCM_LOG_DIR: tempDir('pcm-module-log-') });
  });

  after(async () => {
    await session?.dispose();
  });

  it('imports in a fresh session without errors, exporting only functions', async () => {
    const module = (await session.value(
      `$before = $Error.Count; Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $m = Get-Module PersistentChatMigration; ` +
        '$result = [pscustomobject]@{ Count = @(Get-Module PersistentChatMigration).Count; Errors = $Error.Count - $before; ' +
        'Functions = @($m.ExportedFunctions.Keys); Cmdlets = @($m.ExportedCmdlets.Keys); Aliases = @($m.ExportedAliases.Keys); ' +
        'Variables = @($m.ExportedVariables.Keys); Version = $m.Version.ToString() }',
    )) as Props;
    assert.equal(module['Count'], 1);
    assert.equal(module['Errors'], 0);
    assert.deepEqual([...(module['Functions'] as string[])].sort(), registry.map((c) => c.declaration.name).sort());
    assert.deepEqual([module['Cmdlets'], module['Aliases'], module['Variables']], [[], [], []]);
  });

  it('passes Test-ModuleManifest, with the generated manifest fields', async () => {
    const manifest = (await session.value(
      `$t = Test-ModuleManifest -Path ${psText(MANIFEST)} -ErrorAction Stop; $result = [pscustomobject]@{ Name = $t.Name; ` +
        'Guid = $t.Guid.ToString(); PowerShellVersion = $t.PowerShellVersion.ToString(); RootModule = $t.RootModule; ' +
        'Functions = @($t.ExportedFunctions.Keys); Formats = @($t.ExportedFormatFiles | ForEach-Object { [System.IO.Path]::GetFileName($_) }); ' +
        'Tags = @($t.PrivateData.PSData.Tags); Version = $t.Version.ToString() }',
    )) as Props;
    assert.equal(manifest['Name'], 'PersistentChatMigration');
    assert.equal(manifest['PowerShellVersion'], '5.1');
    assert.equal(manifest['RootModule'], 'module/PersistentChatMigration.psm1');
    assert.match(String(manifest['Guid']), /^[0-9a-f-]{36}$/);
    assert.deepEqual([...(manifest['Functions'] as string[])].sort(), registry.map((c) => c.declaration.name).sort());
    assert.deepEqual(manifest['Formats'], ['PersistentChatMigration.format.ps1xml']);
    assert.ok((manifest['Tags'] as string[]).includes('PersistentChat'));
  });

  it('Get-Command -Module lists exactly the registry, as functions', async () => {
    const commands = (await session.value(
      '$result = @(Get-Command -Module PersistentChatMigration | ForEach-Object { $_.CommandType.ToString() + ":" + $_.Name })',
    )) as string[];
    assert.deepEqual([...commands].sort(), registry.map((c) => `Function:${c.declaration.name}`).sort());
  });

  for (const { declaration } of registry) {
    it(`${declaration.name} has the declared parameters, sets, types, validation and ShouldProcess`, async () => {
      const shape = (await session.value(
        `$c = Get-Command ${declaration.name}; $binding = $c.ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }; ` +
          '$result = [pscustomobject]@{ DefaultSet = $c.DefaultParameterSet; Sets = @($c.ParameterSets | ForEach-Object { $_.Name }); ' +
          'ShouldProcess = $binding.SupportsShouldProcess; ConfirmImpact = $binding.ConfirmImpact.ToString(); ' +
          'Outputs = @($c.OutputType | ForEach-Object { $_.Name }); ' +
          'Parameters = @($c.Parameters.Values | ForEach-Object { $p = $_; [pscustomobject]@{ Name = $p.Name; Type = $p.ParameterType.ToString(); ' +
          'Aliases = @($p.Aliases); ValidateSet = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues }); ' +
          'Range = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] } | ForEach-Object { [string]$_.MinRange; [string]$_.MaxRange }); ' +
          'Sets = @($p.ParameterSets.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Set = $_.Key; Mandatory = $_.Value.IsMandatory; ' +
          'Position = $_.Value.Position; ByValue = $_.Value.ValueFromPipeline; ByName = $_.Value.ValueFromPipelineByPropertyName } }) } }) }',
      )) as Props;
      checkShape(declaration, shape);
    });
  }

  for (const { declaration } of registry) {
    it(`Get-Help ${declaration.name} -Full shows the synopsis, every parameter and every example`, async () => {
      const help = (await session.value(
        `$h = Get-Help ${declaration.name} -Full; $result = [pscustomobject]@{ Synopsis = [string]$h.Synopsis; ` +
          'Description = (@($h.description | ForEach-Object { $_.Text }) -join " "); ' +
          'Parameters = @($h.parameters.parameter | ForEach-Object { [pscustomobject]@{ Name = $_.name; Text = (@($_.description | ForEach-Object { $_.Text }) -join " ") } }); ' +
          'Examples = @($h.examples.example | ForEach-Object { [pscustomobject]@{ Code = [string]$_.code; Remarks = (@($_.remarks | ForEach-Object { $_.Text }) -join " ") } }) }',
      )) as Props;
      assert.equal(words(String(help['Synopsis'])), words(declaration.synopsis));
      assert.equal(words(String(help['Description'])), words(declaration.description));
      const parameters = new Map((help['Parameters'] as Props[]).map((p) => [p['Name'], words(String(p['Text']))]));
      for (const parameter of declaration.parameters) assert.equal(parameters.get(parameter.name), words(parameter.description), parameter.name);
      const examples = help['Examples'] as Props[];
      assert.equal(examples.length, declaration.examples.length);
      declaration.examples.forEach((example, i) => {
        assert.equal(String(examples[i]!['Code']).trim(), example.code);
        assert.ok(words(String(examples[i]!['Remarks'])).includes(words(example.remarks)), `example ${i + 1} remarks`);
      });

      // And as an administrator reads it on the screen.
      const screen = squeeze(await session.run(`Get-Help ${declaration.name} -Full`));
      assert.ok(screen.includes(squeeze(declaration.synopsis)), 'synopsis on screen');
      for (const parameter of declaration.parameters) assert.ok(screen.includes(squeeze(`-${parameter.name}`)), `-${parameter.name} on screen`);
      for (const example of declaration.examples) assert.ok(screen.includes(squeeze(example.code)), `example on screen: ${example.code}`);
      for (const link of declaration.links ?? []) assert.ok(screen.includes(link), link);
    });
  }
});

function checkShape(declaration: CmdletDeclaration, shape: Props): void {
  const sets = declaration.parameterSets ?? ['__AllParameterSets'];
  assert.deepEqual([...(shape['Sets'] as string[])].sort(), [...sets].sort(), 'parameter sets');
  assert.equal(shape['DefaultSet'] ?? undefined, declaration.defaultParameterSet, 'default set');
  assert.equal(shape['ShouldProcess'], declaration.supportsShouldProcess === true, 'SupportsShouldProcess');
  if (declaration.supportsShouldProcess) assert.equal(shape['ConfirmImpact'], declaration.confirmImpact ?? 'Medium');
  assert.deepEqual([...(shape['Outputs'] as string[])].sort(), declaration.outputTypes.map((o) => o.typeName).sort(), 'OutputType');

  const parameters = shape['Parameters'] as Props[];
  const own = parameters.filter((p) => !COMMON.includes(String(p['Name'])));
  const expectedNames = [...declaration.parameters.map((p) => p.name), ...(declaration.supportsShouldProcess ? ['WhatIf', 'Confirm'] : [])];
  assert.deepEqual(own.map((p) => p['Name']).sort(), expectedNames.sort(), 'parameter names');
  for (const parameter of declaration.parameters) {
    const actual = own.find((p) => p['Name'] === parameter.name)!;
    const where = `${declaration.name} -${parameter.name}`;
    assert.equal(actual['Type'], PARAMETER_TYPES[parameter.type].dotnet, `${where} type`);
    assert.deepEqual(actual['Aliases'], [...(parameter.aliases ?? [])], `${where} aliases`);
    assert.deepEqual(actual['ValidateSet'], [...(parameter.validateSet ?? [])], `${where} ValidateSet`);
    assert.deepEqual(actual['Range'], parameter.validateRange ? parameter.validateRange.map(String) : [], `${where} ValidateRange`);
    const inSets = (actual['Sets'] as Props[]).map((s) => ({
      set: s['Set'],
      mandatory: s['Mandatory'],
      position: s['Position'] === -2147483648 ? undefined : s['Position'],
      byValue: s['ByValue'],
      byName: s['ByName'],
    }));
    const expectedSets = parameter.sets ?? ['__AllParameterSets'];
    assert.deepEqual(
      inSets.sort((a, b) => String(a.set).localeCompare(String(b.set))),
      [...expectedSets].sort().map((set) => ({
        set,
        mandatory: parameter.mandatory === true,
        position: parameter.position,
        byValue: parameter.pipeline === true,
        byName: parameter.pipelineByPropertyName === true,
      })),
      `${where} per set`,
    );
  }
}
