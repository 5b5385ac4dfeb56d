/**
 * The committed module files against their sources and against Windows PowerShell 5.1: regenerated into a temporary
 * folder they must equal the committed ones (else: npm run build:module); every module file is ASCII or UTF-8 with a
 * BOM; and the engine's own parser, walking the syntax trees (test/module/support/compat.ps1), finds no parse error,
 * no PowerShell 6/7-only construct, no dot-sourcing, no command outside the core engine and no unknown type. The
 * check is first shown to catch each of those in test/module/support/ps7-only.ps1.
 */
import assert from 'node:assert/strict';
import type { CmdletDeclaration } from '../../cmdlets/framework/cmdlet.js';
import { formatsText } from '../../tools/module-formats.js';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateModuleFiles } from '../../tools/build-module.js';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, REPO_ROOT, Session, psText, requireEngine } from './support/engine.js';

const GENERATOR = join(REPO_ROOT, 'dist', 'tools', 'build-module.js');
const COMPAT = join(REPO_ROOT, 'test', 'module', 'support', 'compat.ps1');
const NEGATIVE = join(REPO_ROOT, 'test', 'module', 'support', 'ps7-only.ps1');

/** Core-engine commands (Microsoft.PowerShell.Core in Windows PowerShell 5.1 and PowerShell 7) the module may call. */
const CORE_COMMANDS = ['ForEach-Object', 'Where-Object', 'Get-Command', 'Get-Module', 'Import-Module', 'Remove-Module',
  'Export-ModuleMember', 'New-Module', 'Out-Null', 'Out-Default', 'Out-Host', 'Get-Help', 'Set-StrictMode', 'Test-ModuleManifest'];

/** Types the module may name, all present in Windows PowerShell 5.1 on .NET Framework 4.5+. */
const TYPES_IN_51 = ['string', 'int', 'long', 'bool', 'switch', 'datetime', 'timespan', 'psobject', 'object', 'byte[]', 'string[]', 'pscustomobject', 'void',
  'System.Collections.Generic.List[string]', 'System.Collections.Generic.List[object]', 'System.Management.Automation.PSCredential',
  'System.IO.Path', 'System.IO.File', 'System.IO.MemoryStream', 'ref', 'System.IO.StreamWriter', 'System.IO.IOException', 'System.IO.InvalidDataException',
  'System.Text.UTF8Encoding', 'System.Environment', 'System.Diagnostics.ProcessStartInfo', 'System.Diagnostics.Process', 'System.DateTime',
  'System.ArgumentException', 'System.InvalidOperationException', 'System.Management.Automation.ErrorRecord',
  'System.Management.Automation.ErrorCategory', 'System.Management.Automation.PSSerializer', 'System.Management.Automation.PSObject',
  'System.Management.Automation.SwitchParameter', 'System.Management.Automation.ProgressRecord',
  'System.Management.Automation.ProgressRecordType', 'System.Management.Automation.PipelineStoppedException',
  'System.Management.Automation.ActionPreferenceStopException'];

const normalize = (bytes: Buffer): string => bytes.toString('latin1').replace(/\r\n/g, '\n');

function moduleFiles(): string[] {
  const module = readdirSync(join(REPO_ROOT, 'module'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  return [join(REPO_ROOT, 'PersistentChatMigration.psd1'), ...module];
}

describe('module: generated files and Windows PowerShell 5.1 compatibility', function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  it('the committed module is what tools/build-module generates now (else run npm run build:module)', () => {
    const out = tempDir('pcm-module-gen-');
    execFileSync(process.execPath, [GENERATOR, '--out', out], { stdio: 'pipe' });
    const generated = generateModuleFiles();
    assert.ok(generated.size >= 2);
    for (const path of generated.keys()) {
      const fresh = readFileSync(join(out, path));
      const committed = readFileSync(join(REPO_ROOT, path));
      assert.ok(normalize(fresh) === normalize(committed), `${path} is stale: run npm run build:module and commit the result`);
    }
  });

  it('builds the format file from the declarations: one view per type, a conflict refused', () => {
    const decl = (name: string, list: string[]): CmdletDeclaration => ({ name, synopsis: 's', description: 'd', parameters: [], examples: [], outputTypes: [{ typeName: 'X.Thing', view: { list } }] });
    const text = formatsText([decl('Get-Thing', ['Identity', 'Name']), decl('New-Thing', ['Identity', 'Name'])]);
    assert.equal(text.match(/<TypeName>X\.Thing<\/TypeName>/g)?.length, 1);
    assert.match(text, /<Name>Thing<\/Name>[\s\S]*<PropertyName>Identity<\/PropertyName>[\s\S]*<PropertyName>Name<\/PropertyName>/);
    assert.throws(() => formatsText([decl('Get-Thing', ['Identity']), decl('New-Thing', ['Name'])]), /New-Thing and Get-Thing declare different views for X\.Thing/);
  });

  it('generates the same bytes every time (no timestamps)', () => {
    const first = generateModuleFiles();
    const second = generateModuleFiles();
    for (const [path, bytes] of first) assert.ok(bytes.equals(second.get(path)!), path);
  });

  it('every module file is ASCII or UTF-8 with a BOM', () => {
    const files = moduleFiles();
    assert.ok(files.some((f) => f.endsWith('.psm1')) && files.some((f) => f.endsWith('.format.ps1xml')));
    for (const file of files) {
      const bytes = readFileSync(file);
      const ascii = bytes.every((b) => b < 0x80);
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      assert.ok(ascii || (bom && !bytes.subarray(3).toString('utf8').includes('\uFFFD')), `${file} is neither ASCII nor UTF-8 with a BOM`);
    }
  });

  describe('in the engine', () => {
    let session: Session;

    before(async function () {
      requireEngine();
      session = await Session.open();
    });

    after(async () => {
      await session?.dispose();
    });

    const check = async (files: readonly string[]): Promise<Record<string, unknown>[]> =>
      (await session.value(
        `$result = @(& ${psText(COMPAT)} -Path @(${files.map(psText).join(', ')}) -AllowedCommand @(${CORE_COMMANDS.map(psText).join(', ')}) ` +
          `-AllowedType @(${TYPES_IN_51.map(psText).join(', ')}))`,
      )) as Record<string, unknown>[];

    it('the allowed commands are all core-engine commands', async () => {
      const core = (await session.value('$result = @(Get-Command -Module Microsoft.PowerShell.Core | ForEach-Object { $_.Name })')) as string[];
      for (const name of CORE_COMMANDS) assert.ok(core.includes(name), `${name} is not in Microsoft.PowerShell.Core`);
    });

    it('the check reports every PowerShell 7-only construct, dot-sourcing, a non-core command and an unknown type', async () => {
      const kinds = (await check([NEGATIVE])).map((f) => String(f['Kind']));
      for (const expected of ['ternary', 'pipeline chain', '?? (', '??=', '?. or ?[]', '-Parallel', 'background &', 'class or enum',
        'PowerShell 6/7 variable', '-replace with a script block', '`u{}', 'dot-sourcing', 'computed name', 'outside the core engine',
        'type not known', 'clean block']) {
        assert.ok(kinds.some((k) => k.includes(expected)), `not reported: ${expected} (got ${kinds.join('; ')})`);
      }
      assert.equal(kinds.filter((k) => k.includes('?. or ?[]')).length, 2, '?. and ?[] each');
    });

    it('the module files parse and use only Windows PowerShell 5.1 syntax, core commands and known types', async () => {
      const files = moduleFiles().filter((f) => /\.(psm1|psd1|ps1)$/.test(f));
      assert.ok(files.length >= 3);
      const findings = await check(files);
      assert.deepEqual(findings.map((f) => `${f['File']}:${f['Line']}: ${f['Kind']}: ${f['Text']}`), []);
    });
  });
});
