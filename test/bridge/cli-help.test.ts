import assert from 'node:assert/strict';
import { registry, findCmdlet } from '../../cmdlets/framework/registry.js';
import { formatCmdletList, formatCommandLineNotes, formatHelp, formatSyntax } from '../../bridge/cli-help.js';
import { cliParameters } from '../../bridge/cli-args.js';

/** Help wraps its text; compare with runs of whitespace made single spaces. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

function sectionOf(help: string, title: string): string {
  const match = new RegExp(`^${title}\\n([\\s\\S]*?)(?=^[A-Z][A-Z ]+\\n|$(?![\\s\\S]))`, 'm').exec(help);
  assert.ok(match, `no ${title} section`);
  return match[1]!;
}

describe('cli-help: Get-Help -Full from the declarations', () => {
  for (const { declaration } of registry) {
    describe(declaration.name, () => {
      const help = formatHelp(declaration);

      it('has the sections in Get-Help order', () => {
        const titles = help.split('\n').filter((line) => /^[A-Z][A-Z ]+$/.test(line));
        const expected = ['NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', ...(declaration.notes ? ['NOTES'] : []), 'EXAMPLES', 'RELATED LINKS'];
        assert.deepEqual(titles, expected);
        assert.equal(sectionOf(help, 'NAME').trim(), declaration.name);
        assert.equal(flat(sectionOf(help, 'SYNOPSIS')).trim(), declaration.synopsis);
        assert.equal(flat(sectionOf(help, 'DESCRIPTION')).trim(), declaration.description);
      });

      it('documents every parameter with its type, attributes and description', () => {
        const parameters = sectionOf(help, 'PARAMETERS');
        for (const parameter of declaration.parameters) {
          // A type name may be a nested .NET type's (Microsoft's RemoveOcsMessageChatCmdlet+AndOr).
          const heading = new RegExp(`^    -${parameter.name} (<[\\w.\\[\\]+]+>|\\[<SwitchParameter>\\])$`, 'm');
          assert.match(parameters, heading, parameter.name);
          const start = parameters.search(heading);
          const entry = parameters.slice(start, parameters.indexOf('Accept wildcard characters?', start));
          assert.ok(flat(entry).includes(flat(parameter.description)), `description of -${parameter.name}`);
          assert.match(entry, new RegExp(`Required\\?\\s+${parameter.mandatory ? 'true' : 'false'}\\n`));
          assert.match(entry, new RegExp(`Position\\?\\s+${parameter.position ?? 'named'}\\n`));
          const binding = [parameter.pipeline ? 'ByValue' : undefined, parameter.pipelineByPropertyName ? 'ByPropertyName' : undefined].filter(Boolean).join(', ');
          assert.match(entry, new RegExp(`Accept pipeline input\\?\\s+${binding ? `true \\(${binding}\\)` : 'false'}`));
          if (parameter.defaultValue !== undefined) assert.match(entry, new RegExp(`Default value\\s+${parameter.defaultValue}\\n`));
          if (parameter.validateSet) assert.ok(flat(entry).includes(`Accepted values ${parameter.validateSet.join(', ')}`), `values of -${parameter.name}`);
        }
        assert.ok(parameters.includes('<CommonParameters>'));
        assert.equal(parameters.includes('    -WhatIf [<SwitchParameter>]'), declaration.supportsShouldProcess === true);
      });

      it('shows every example with its code and remarks, and the outputs and links', () => {
        const examples = flat(sectionOf(help, 'EXAMPLES'));
        declaration.examples.forEach((example, i) => {
          assert.ok(examples.includes(`Example ${i + 1}: ${example.title}`), example.title);
          assert.ok(help.includes(`    PS C:\\> ${example.code}\n`), example.code);
          assert.ok(examples.includes(flat(example.remarks)), example.remarks);
        });
        for (const output of declaration.outputTypes) assert.ok(sectionOf(help, 'OUTPUTS').includes(`    ${output.typeName}\n`));
        for (const link of declaration.links ?? []) assert.ok(sectionOf(help, 'RELATED LINKS').includes(link));
      });

      it('has one syntax line per parameter set, each with exactly that set\'s parameters', () => {
        const lines = formatSyntax(declaration);
        const sets = declaration.parameterSets ?? ['__AllParameterSets'];
        assert.equal(lines.length, sets.length);
        sets.forEach((set, i) => {
          const line = lines[i]!;
          assert.ok(line.startsWith(`${declaration.name} `));
          assert.ok(line.endsWith('[<CommonParameters>]'));
          assert.ok(sectionOf(help, 'SYNTAX').includes(`    ${line}\n`));
          for (const parameter of declaration.parameters) {
            const inSet = (parameter.sets ?? sets).includes(set);
            assert.equal(new RegExp(`-${parameter.name}[\\]> ]`).test(line), inSet, `-${parameter.name} in ${set}`);
          }
        });
      });
    });
  }

  it('writes syntax lines as PowerShell prints them', () => {
    assert.deepEqual(formatSyntax(findCmdlet('Export-CsPersistentChatData')!.declaration), [
      'Export-CsPersistentChatData -DBInstance <String> [-DBName <String>] [-Credential <PSCredential>] [-TrustServerCertificate] -FileName <String> [-Level <ExportLevel>] [-Scope <List[String]>] ' +
        '[-StartDate <DateTime>] [-DisableExportedNodes] [-Report <String>] [-PassThru] [<CommonParameters>]',
      'Export-CsPersistentChatData -DBInstance <String> [-DBName <String>] [-Credential <PSCredential>] [-TrustServerCertificate] -AsBytes [-Level <ExportLevel>] [-Scope <List[String]>] ' +
        '[-StartDate <DateTime>] [-DisableExportedNodes] [-Report <String>] [<CommonParameters>]',
    ]);
    assert.deepEqual(formatSyntax(findCmdlet('Import-CsPersistentChatData')!.declaration), [
      'Import-CsPersistentChatData -DBInstance <String> [-DBName <String>] [-Credential <PSCredential>] [-TrustServerCertificate] -FileName <String> [-Report <String>] [-MaxPartSizeMB <Int32>] [-MaxPackageSizeGB <Int32>] [-MaxCompressionRatio <Int32>] [-MaxRecordSizeMB <Int32>] [-BatchSize <Int32>] [-PassThru] [-WhatIf] [-Confirm] [<CommonParameters>]',
      'Import-CsPersistentChatData -DBInstance <String> [-DBName <String>] [-Credential <PSCredential>] [-TrustServerCertificate] -ByteInput <Byte[]> [-Report <String>] [-MaxPartSizeMB <Int32>] [-MaxPackageSizeGB <Int32>] [-MaxCompressionRatio <Int32>] [-MaxRecordSizeMB <Int32>] [-BatchSize <Int32>] [-PassThru] [-WhatIf] [-Confirm] [<CommonParameters>]',
    ]);
    assert.ok(formatSyntax(findCmdlet('New-PcmSampleDatabase')!.declaration)[0]!.startsWith('New-PcmSampleDatabase [-DBInstance] <String> [-Schema <String>] '));
  });

  it('lists pipeline input under INPUTS', () => {
    assert.equal(sectionOf(formatHelp(findCmdlet('Import-CsPersistentChatData')!.declaration), 'INPUTS').trim(), 'System.Byte[]');
    assert.equal(sectionOf(formatHelp(findCmdlet('Export-CsPersistentChatData')!.declaration), 'INPUTS').trim(), 'None');
  });

  it('keeps lines within the width, except syntax and example code', () => {
    const help = formatHelp(findCmdlet('Export-CsPersistentChatData')!.declaration, 60);
    const exempt = (line: string): boolean => /^    (Export-|PS C:\\>|https:\/\/|-+ Example)/.test(line);
    const long = help.split('\n').filter((line) => line.length > 60 && !exempt(line));
    assert.deepEqual(long, []);
  });

  it('adds the command line options, exit codes and log folder for pcm', () => {
    const declaration = findCmdlet('Import-CsPersistentChatData')!.declaration;
    const notes = flat(formatCommandLineNotes(declaration, cliParameters(declaration)));
    for (const option of ['[-OutputFormat <String>]', '[-LogPath <String>]', '[-ErrorAction <String>]', '[-WhatIf]', '[-Confirm]', '[-Verbose]']) {
      assert.ok(notes.includes(option), option);
    }
    assert.ok(notes.includes('2 bad usage'));
    assert.ok(notes.includes('PCM_LOG_DIR'));
    assert.ok(notes.includes('%ProgramData%\\PersistentChatMigration\\Logs'));
  });

  it('lists every cmdlet with its synopsis', () => {
    const list = flat(formatCmdletList(registry.map((c) => c.declaration), '9.9.9'));
    assert.ok(list.includes('pcm 9.9.9'));
    for (const { declaration } of registry) assert.ok(list.includes(`${declaration.name} ${declaration.synopsis}`), declaration.name);
  });
});
