/**
 * In the real pwsh: paths are PowerShell's (resolved by the proxy as compiled cmdlets resolve theirs: .\file
 * against the current location, ~, a PSDrive, a provider-qualified path; other providers refused before Node is
 * called), bytes piped into Import-CsPersistentChatData are collected and imported once, and -WhatIf -PassThru
 * gives the counts the import then reports.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';
import { counts, sampleDatabase } from './support/fixtures.js';

type Props = Record<string, unknown>;

describe("module: PowerShell's paths, piped bytes and dry-run counts, in the real pwsh", function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let session: Session;
  let dir: string;
  let messages: number;

  before(async function () {
    requireEngine();
    dir = tempDir('pcm-module-paths-');
    mkdirSync(join(dir, 'work'));
    mkdirSync(join(dir, 'drive'));
    mkdirSync(join(dir, 'home'));
    await sampleDatabase(join(dir, 'work', 'legacy.db'), 120, 6);
    messages = counts(join(dir, 'work', 'legacy.db')).messages;
    session = await Session.open({ PCM_LOG_DIR: join(dir, 'logs') });
    await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}; Set-Location "$dir/work"`);
  });

  after(async () => {
    await session?.dispose();
  });

  it('.\\file and a bare .db are resolved against the current location, with Windows separators on Linux too', async () => {
    const result = (await session.value(
      '$result = Export-CsPersistentChatData -DBInstance .\\legacy.db -FileName .\\sub-out.zip -Report .\\export.html -PassThru',
    )) as Props;
    assert.equal(result['FileName'], join(dir, 'work', 'sub-out.zip'));
    assert.equal(result['Messages'], messages);
    assert.equal(result['Report'], join(dir, 'work', 'export.html'));
    assert.ok(existsSync(join(dir, 'work', 'sub-out.zip')));
    assert.equal(readdirSync(join(dir, 'work')).some((name) => name.includes('\\')), false, 'no file named with a backslash');
  });

  it('~ is the FileSystem provider\'s home, and sqlite:~/x.db too', async () => {
    const result = (await session.value(
      `(Get-PSProvider FileSystem).Home = "$dir/home"; ` +
        '$result = Export-CsPersistentChatData -DBInstance "sqlite:~/../work/legacy.db" -FileName ~/home.zip -PassThru',
    )) as Props;
    assert.equal(result['FileName'], join(dir, 'home', 'home.zip'));
    assert.equal(result['Messages'], messages, 'the source was found through ~ as well');
    assert.ok(existsSync(join(dir, 'home', 'home.zip')));
  });

  it('a PSDrive (PCX:\\x.zip, sqlite:PCX:\\t.db) and a provider-qualified path reach Node as file system paths', async () => {
    const result = (await session.value(
      `$null = New-PSDrive -Name PCX -PSProvider FileSystem -Root "$dir/drive"; ` +
        '$e = Export-CsPersistentChatData -DBInstance .\\legacy.db -FileName PCX:\\x.zip -PassThru; ' +
        '$i = Import-CsPersistentChatData -DBInstance sqlite:PCX:\\t.db -FileName PCX:\\x.zip -Report PCX:\\import.html -Confirm:$false -PassThru 3>$null; ' +
        '$q = Export-CsPersistentChatData -DBInstance PCX:\\t.db -FileName "Microsoft.PowerShell.Core\\FileSystem::$dir/drive/q.zip" -PassThru; ' +
        '$result = [pscustomobject]@{ Zip = $e.FileName; Target = $i.DBInstance; Imported = $i.MessagesImported; Report = $i.Report; Again = $q.FileName; AgainMessages = $q.Messages }',
    )) as Props;
    assert.equal(result['Zip'], join(dir, 'drive', 'x.zip'));
    assert.equal(result['Target'], `sqlite:${join(dir, 'drive', 't.db')}`);
    assert.equal(result['Imported'], messages);
    assert.equal(counts(join(dir, 'drive', 't.db')).messages, messages);
    assert.equal(result['Report'], join(dir, 'drive', 'import.html'));
    assert.equal(result['Again'], join(dir, 'drive', 'q.zip'));
    assert.equal(result['AgainMessages'], messages);
  });

  it('refuses a path of another provider (Env:\\x) or of a drive that does not exist (HKLM:\\x), naming the parameter, before Node runs', async () => {
    const result = (await session.value(
      '$all = foreach ($p in @(@{ FileName = "Env:\\x.zip" }, @{ FileName = "HKLM:\\x.zip" }, @{ FileName = "nothing.zip"; Report = "Variable:\\r" })) { ' +
        'try { Export-CsPersistentChatData -DBInstance .\\legacy.db @p -ErrorAction Stop; "no error" } ' +
        'catch { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString(); Message = $_.Exception.Message; Target = [string]$_.TargetObject } } }; ' +
        '$result = @($all)',
    )) as Props[];
    assert.equal(result.length, 3);
    assert.equal(result[0]!['Id'], 'PathNotFileSystem,Export-CsPersistentChatData');
    assert.equal(result[0]!['Category'], 'InvalidArgument');
    assert.match(String(result[0]!['Message']), /^-FileName 'Env:\\x\.zip' is a path of the PowerShell Environment provider, not a file\..*give a file system path/);
    assert.equal(result[0]!['Target'], 'Env:\\x.zip');
    assert.equal(result[1]!['Id'], 'PathNotResolved,Export-CsPersistentChatData');
    assert.match(String(result[1]!['Message']), /^Cannot resolve -FileName 'HKLM:\\x\.zip': .*HKLM.*Give a file system path/);
    assert.equal(result[2]!['Id'], 'PathNotFileSystem,Export-CsPersistentChatData');
    assert.match(String(result[2]!['Message']), /^-Report 'Variable:\\r' is a path of the PowerShell Variable provider/);
    assert.equal(existsSync(join(dir, 'work', 'nothing.zip')), false, 'nothing was exported');
  });

  it('$bytes | Import-CsPersistentChatData imports the unrolled bytes once; ,$bytes and -ByteInput $bytes too', async () => {
    const result = (await session.value(
      '$bytes = [System.IO.File]::ReadAllBytes("$dir/work/sub-out.zip"); ' +
        '$a = $bytes | Import-CsPersistentChatData -DBInstance .\\piped.db -Confirm:$false -PassThru 3>$null; ' +
        '$b = ,$bytes | Import-CsPersistentChatData -DBInstance .\\whole.db -Confirm:$false -PassThru 3>$null; ' +
        '$c = Import-CsPersistentChatData -DBInstance .\\named.db -ByteInput $bytes -Confirm:$false -PassThru 3>$null; ' +
        '$result = [pscustomobject]@{ Length = $bytes.Length; A = @($a).Count; Piped = $a.MessagesImported; Whole = $b.MessagesImported; Named = $c.MessagesImported }',
    )) as Props;
    assert.equal(result['Length'], statSync(join(dir, 'work', 'sub-out.zip')).size);
    assert.equal(result['A'], 1, 'one import for the whole pipeline');
    assert.equal(result['Piped'], messages);
    assert.equal(result['Whole'], messages);
    assert.equal(result['Named'], messages);
    for (const db of ['piped.db', 'whole.db', 'named.db']) assert.equal(counts(join(dir, 'work', db)).messages, messages, db);
    const raw = await session.run('$bytes | Import-CsPersistentChatData -DBInstance .\\never.db -WhatIf 3>$null');
    assert.equal(raw.match(/What if: /g)?.length, 1, 'one ShouldProcess for the whole pipeline, not one per byte');
    assert.equal(existsSync(join(dir, 'work', 'never.db')), false);
  });

  it('-WhatIf -PassThru gives the counts the import then reports', async () => {
    const result = (await session.value(
      '$w = Import-CsPersistentChatData -DBInstance .\\counted.db -FileName .\\sub-out.zip -WhatIf -PassThru 3>$null; ' +
        '$r = Import-CsPersistentChatData -DBInstance .\\counted.db -FileName .\\sub-out.zip -Confirm:$false -PassThru 3>$null; ' +
        '$again = Import-CsPersistentChatData -DBInstance .\\counted.db -FileName .\\sub-out.zip -WhatIf -PassThru 3>$null; ' +
        '$pick = { param($x) [pscustomobject]@{ WhatIf = $x.WhatIf; Created = $x.PrincipalsCreated; Updated = $x.PrincipalsUpdated; Imported = $x.MessagesImported; Skipped = $x.MessagesSkipped } }; ' +
        '$result = @((& $pick $w), (& $pick $r), (& $pick $again))',
    )) as Props[];
    const [dry, real, again] = result as [Props, Props, Props];
    assert.equal(dry['WhatIf'], true);
    assert.equal(dry['Imported'], messages);
    assert.equal(dry['Skipped'], 0);
    assert.ok(Number(dry['Created']) > 0);
    assert.deepEqual({ ...real, WhatIf: true }, { ...dry }, 'the dry run said what the import did');
    assert.equal(again['Imported'], 0);
    assert.equal(again['Skipped'], messages);
    assert.equal(again['Created'], 0);
  });
});
