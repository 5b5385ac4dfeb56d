/**
 * The module's cmdlets used as administrators use them, in the real engine with the real Node host and real SQLite
 * files: -AsBytes as one byte[] into Import's pipeline, -WhatIf writing nothing, -Confirm:$false without a prompt,
 * -Verbose carrying the host's verbose records, WriteProgress records arriving during a long export, errors as
 * ErrorRecords with their id and category, and output objects shown through the format views.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCmdlet, registry } from '../../cmdlets/framework/registry.js';
import { invokeCmdlet } from '../../bridge/invoke.js';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, REPO_ROOT, Session, psText, requireEngine } from './support/engine.js';
import { counts, failureOf, fileHash, sampleDatabase } from './support/fixtures.js';

type Props = Record<string, unknown>;

const PROGRESS_SCRIPT = join(REPO_ROOT, 'test', 'module', 'support', 'background.ps1');
const FORMATS = join(REPO_ROOT, 'module', 'PersistentChatMigration.format.ps1xml');

/** The list views of the format file: type name -> property names in display order. */
function listViews(): Map<string, string[]> {
  const xml = readFileSync(FORMATS, 'utf8');
  const views = new Map<string, string[]>();
  for (const view of xml.split('<View>').slice(1)) {
    if (!view.includes('<ListControl>')) continue;
    const type = /<TypeName>([^<]+)<\/TypeName>/.exec(view)![1]!;
    views.set(type, [...view.matchAll(/<PropertyName>([^<]+)<\/PropertyName>/g)].map((m) => m[1]!));
  }
  return views;
}

describe('module: pipelines, -WhatIf, -Confirm, -Verbose, progress and errors, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let session: Session;
  let dir: string;
  let source: string;

  before(async function () {
    requireEngine();
    dir = tempDir('pcm-module-pipeline-');
    source = join(dir, 'legacy.db');
    await sampleDatabase(source, 1500);
    session = await Session.open({ PCM_LOG_DIR: join(dir, 'logs') });
    await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}; $src = "sqlite:$dir/legacy.db"`);
  });

  after(async () => {
    await session?.dispose();
  });

  it('Export -AsBytes writes the package as one byte[] object', async () => {
    const result = (await session.value(
      '$all = @(Export-CsPersistentChatData -DBInstance $src -AsBytes); ' +
        '$result = [pscustomobject]@{ Count = $all.Count; Type = $all[0].GetType().FullName; Length = $all[0].Length; Head = @($all[0][0], $all[0][1]) }',
    )) as Props;
    assert.deepEqual(result['Count'], 1);
    assert.equal(result['Type'], 'System.Byte[]');
    assert.ok(Number(result['Length']) > 1000);
    assert.deepEqual(result['Head'], [0x50, 0x4b]); // a ZIP: "PK"
  });

  it('Export -AsBytes | Import-CsPersistentChatData -DBInstance ... round-trips the data', async () => {
    const result = (await session.value(
      '$r = Export-CsPersistentChatData -DBInstance $src -AsBytes | Import-CsPersistentChatData -DBInstance "sqlite:$dir/target.db" -Confirm:$false -PassThru; ' +
        '$again = Export-CsPersistentChatData -DBInstance "sqlite:$dir/target.db" -FileName "$dir/again.zip" -PassThru; ' +
        '$result = [pscustomobject]@{ Type = $r.PSObject.TypeNames[0]; Imported = $r.MessagesImported; Rooms = $r.ChatRoomsCreated; Again = $again.Messages; AgainType = $again.PSObject.TypeNames[0] }',
    )) as Props;
    const expected = counts(source);
    assert.ok(expected.messages > 0 && expected.rooms > 0);
    assert.deepEqual(counts(join(dir, 'target.db')), expected, 'rooms and messages in the target, counted with SQL');
    assert.equal(result['Type'], 'PersistentChatMigration.ImportResult');
    assert.equal(result['Imported'], expected.messages);
    assert.equal(result['Rooms'], expected.rooms);
    assert.equal(result['Again'], expected.messages, 'a second export of the target');
    assert.equal(result['AgainType'], 'PersistentChatMigration.ExportResult');
  });

  it('carries non-ASCII text both ways as UTF-8 (a package name with accents, CJK and an emoji)', async () => {
    const name = 'Paket-\u00e9t\u00e9-\u4e2d\u6587-\u{1F600}.zip';
    const fileName = (await session.value(
      `$result = (Export-CsPersistentChatData -DBInstance $src -FileName ("$dir/" + ${psText(name)}) -PassThru).FileName`,
    )) as string;
    assert.equal(fileName, join(dir, name));
    assert.ok(existsSync(join(dir, name)), 'Node created the file under the exact name');
  });

  it('-WhatIf writes nothing, and Node still checks the package and reports what it would do', async () => {
    const other = join(dir, 'other.db');
    await sampleDatabase(other, 300, 9);
    const target = join(dir, 'whatif-target.db');
    await sampleDatabase(target, 200, 4, 'PersistentChat2013');
    const before = fileHash(target);
    const raw = await session.run(
      `Export-CsPersistentChatData -DBInstance "sqlite:$dir/other.db" -FileName "$dir/other.zip"; ` +
        '$w = Import-CsPersistentChatData -DBInstance "sqlite:$dir/whatif-target.db" -FileName "$dir/other.zip" -WhatIf -PassThru; ' +
        '$n = Export-CsPersistentChatData -DBInstance "sqlite:$dir/other.db" -AsBytes | Import-CsPersistentChatData -DBInstance "sqlite:$dir/never.db" -WhatIf -PassThru; ' +
        '[Console]::Out.WriteLine("=" + $w.WhatIf + "," + $n.WhatIf + "," + $w.PSObject.TypeNames[0])',
    );
    assert.equal(fileHash(target), before, 'the existing target is unchanged');
    assert.equal(existsSync(join(dir, 'never.db')), false, 'a missing target is not created');
    assert.match(raw, /What if: Performing the operation "Import-CsPersistentChatData" on target ".*whatif-target\.db"/);
    assert.match(raw, /WARNING: /, 'the dry run reports its conversions');
    assert.match(raw, /^=True,True,PersistentChatMigration\.ImportResult$/m);
  });

  it('-Confirm:$false runs without a prompt in a non-interactive session; -Confirm would need one', async () => {
    const result = (await session.value(
      '$ok = Import-CsPersistentChatData -DBInstance "sqlite:$dir/confirmed.db" -FileName "$dir/again.zip" -Confirm:$false -PassThru; ' +
        'try { Import-CsPersistentChatData -DBInstance "sqlite:$dir/prompted.db" -FileName "$dir/again.zip" -Confirm -ErrorAction Stop; $prompt = "no error" } ' +
        'catch { $prompt = $_.Exception.Message }; $result = [pscustomobject]@{ Imported = $ok.MessagesImported; Prompt = $prompt }',
    )) as Props;
    assert.equal(result['Imported'], counts(source).messages);
    assert.equal(counts(join(dir, 'confirmed.db')).messages, counts(source).messages);
    assert.match(String(result['Prompt']), /NonInteractive|Read and Prompt/);
    assert.equal(existsSync(join(dir, 'prompted.db')), false, 'nothing runs without the confirmation');
  });

  it('-Verbose shows the host\'s verbose records, exactly those the cmdlet reports; without it there are none', async () => {
    const messages: string[] = [];
    await invokeCmdlet(findCmdlet('Export-CsPersistentChatData')!, [['DBInstance', `sqlite:${source}`], ['FileName', join(dir, 'node.zip')]], [], {
      sink: { output() {}, verbose: (m) => messages.push(m), warning() {}, progress() {}, error() {} },
    });
    assert.ok(messages.length > 0);
    const verbose = (await session.value(
      '$with = @(Export-CsPersistentChatData -DBInstance $src -FileName "$dir/v.zip" -Verbose 4>&1 | ForEach-Object { $_.Message }); ' +
        '$without = @(Export-CsPersistentChatData -DBInstance $src -FileName "$dir/v.zip" 4>&1); $result = [pscustomobject]@{ With = $with; Without = $without.Count }',
    )) as Props;
    // The compressed size of two packages may differ by a byte or two: the manifest records when each was written,
    // and deflate's output length depends on those digits. Everything else must be the same records.
    const sizeless = (lines: unknown): string[] => (lines as string[]).map((m) => m.replace(/ in \d+ bytes\.$/, ' in N bytes.'));
    assert.deepEqual(sizeless(verbose['With']), sizeless(messages));
    assert.equal(verbose['Without'], 0);
  });

  it('WriteProgress records arrive while a long export is running', async () => {
    const big = join(dir, 'big.db');
    await sampleDatabase(big, 100_000, 5);
    const seen = (await session.value(
      `$result = & ${psText(PROGRESS_SCRIPT)} -Manifest ${psText(MANIFEST)} -Command Export-CsPersistentChatData ` +
        '-Parameters @{ DBInstance = "sqlite:$dir/big.db"; FileName = "$dir/big.zip" }',
    )) as Props;
    assert.deepEqual(seen['Errors'], []);
    const records = seen['Records'] as Props[];
    assert.ok(Number(seen['SeenWhileRunning']) > 0, `no progress record was seen before the export ended (${records.length} after it)`);
    assert.ok(records.every((r) => r['Activity'] === 'Export-CsPersistentChatData'));
    const running = records.filter((r) => r['Type'] === 'Processing');
    assert.ok(running.some((r) => Number(r['Percent']) > 0 && Number(r['Percent']) < 100), 'a record part way through');
    assert.ok(running.some((r) => /\d+ of 100000 messages/.test(String(r['Status']))));
    const percents = running.map((r) => Number(r['Percent']));
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'percent complete only grows');
    assert.equal(records.at(-1)!['Type'], 'Completed');
  });

  it('an error from Node is an ErrorRecord that try/catch catches with -ErrorAction Stop, with its id and category', async () => {
    const missing = join(dir, 'no-such-package.zip');
    const expected = await failureOf('Import-CsPersistentChatData', [['DBInstance', `sqlite:${join(dir, 'x.db')}`], ['FileName', missing]]);
    const caught = (await session.value(
      `try { Import-CsPersistentChatData -DBInstance "sqlite:$dir/x.db" -FileName ${psText(missing)} -Confirm:$false -ErrorAction Stop; $result = 'not caught' } ` +
        'catch { $result = [pscustomobject]@{ IsRecord = $_ -is [System.Management.Automation.ErrorRecord]; Id = $_.FullyQualifiedErrorId; ' +
        'Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message; Command = $_.InvocationInfo.MyCommand.Name; Target = [string]$_.TargetObject } }',
    )) as Props;
    assert.equal(caught['IsRecord'], true);
    assert.equal(caught['Id'], `${expected.errorId},Import-CsPersistentChatData`);
    assert.equal(caught['Category'], expected.category);
    assert.equal(caught['Message'], expected.message);
    assert.equal(caught['Command'], 'Import-CsPersistentChatData');
    // Without -ErrorAction Stop it is still terminating, where Microsoft's cmdlet would stop: the next statement sees $? false.
    const second = (await session.value(
      `$result = 'not caught'; try { Import-CsPersistentChatData -DBInstance "sqlite:$dir/x.db" -FileName ${psText(missing)} -Confirm:$false } catch { $result = $_.FullyQualifiedErrorId }`,
    )) as string;
    assert.equal(second, caught['Id']);
  });

  it('output objects carry their type names and show through the list views, as Microsoft\'s cmdlets show theirs', async () => {
    const views = listViews();
    // There is no list view for a type nothing writes (test/meta/cmdlets.test.ts checks that each type has a view).
    const declared = new Set(registry.flatMap((c) => c.declaration.outputTypes.map((o) => o.typeName)));
    assert.deepEqual([...views.keys()].filter((t) => !declared.has(t)), []);
    const objects = (await session.value(
      '$result = @((Export-CsPersistentChatData -DBInstance $src -FileName "$dir/f.zip" -PassThru), ' +
        '(Import-CsPersistentChatData -DBInstance "sqlite:$dir/f.db" -FileName "$dir/f.zip" -Confirm:$false -PassThru 3>$null), ' +
        '(New-PcmSampleDatabase "sqlite:$dir/f-sample.db" -Messages 10 -Confirm:$false -PassThru)) | ForEach-Object { ' +
        '[pscustomobject]@{ Type = $_.PSObject.TypeNames[0]; Names = @($_.PSObject.Properties | ForEach-Object { $_.Name }) } }',
    )) as Props[];
    assert.equal(objects.length, 3);
    for (const object of objects) {
      const view = views.get(String(object['Type']));
      assert.ok(view, `a view for ${String(object['Type'])}`);
      assert.deepEqual(view, object['Names'], `${String(object['Type'])}: the view lists the object's properties in order`);
    }
    const screen = await session.run('Export-CsPersistentChatData -DBInstance $src -FileName "$dir/f.zip" -PassThru');
    // The real pwsh colours list labels ($PSStyle); what the administrator reads is the text without the escapes.
    // eslint-disable-next-line no-control-regex
    const labels = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]/g, '').split(/\r?\n/).map((line) => /^(\w+)\s+: /.exec(line)?.[1]).filter((name) => name !== undefined);
    assert.deepEqual(labels, views.get('PersistentChatMigration.ExportResult'));
  });
});
