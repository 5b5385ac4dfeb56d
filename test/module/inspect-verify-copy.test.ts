/**
 * Get-PcmPersistentChatPackage, Copy-PcmFileStore and Test-PcmPersistentChatMigration through the module in the
 * real PowerShell engine: their objects carry their type names and show through their list views; files from
 * Get-ChildItem bind to -FileName; -Quiet gives a real [bool]; a migration with a difference writes
 * MigrationDifference objects and an ErrorRecord scripts can catch; Copy-PcmFileStore -WhatIf writes nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, REPO_ROOT, Session, psText, requireEngine } from './support/engine.js';
import { sampleDatabase } from './support/fixtures.js';

type Props = Record<string, unknown>;

/** The list views of the format file: type name -> property names in display order. */
function listViews(): Map<string, string[]> {
  const xml = readFileSync(join(REPO_ROOT, 'module', 'PersistentChatMigration.format.ps1xml'), 'utf8');
  const views = new Map<string, string[]>();
  for (const view of xml.split('<View>').slice(1)) {
    if (!view.includes('<ListControl>')) continue;
    views.set(/<TypeName>([^<]+)<\/TypeName>/.exec(view)![1]!, [...view.matchAll(/<PropertyName>([^<]+)<\/PropertyName>/g)].map((m) => m[1]!));
  }
  return views;
}

describe('module: inspect a package, copy the file store, verify the migration, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let session: Session;
  let dir: string;

  before(async function () {
    requireEngine();
    dir = tempDir('pcm-module-verify-');
    await sampleDatabase(join(dir, 'legacy.db'), 1200);
    mkdirSync(join(dir, 'files', 'Room ☕'), { recursive: true });
    writeFileSync(join(dir, 'files', 'Room ☕', 'a.txt'), 'a');
    session = await Session.open({ PCM_LOG_DIR: join(dir, 'logs') });
    await session.run(
      `Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}; ` +
        '$null = Export-CsPersistentChatData -DBInstance "sqlite:$dir/legacy.db" -FileName "$dir/a.zip"; ' +
        'Copy-Item "$dir/a.zip" "$dir/b.zip"; ' +
        '$null = Import-CsPersistentChatData -DBInstance "sqlite:$dir/mgc.db" -FileName "$dir/a.zip" -Confirm:$false 3>$null',
    );
  });

  after(async () => {
    await session?.dispose();
  });

  it('each summary object has its type name and shows every property through its list view, in order', async () => {
    const views = listViews();
    const objects = (await session.value(
      '$result = @((Get-PcmPersistentChatPackage "$dir/a.zip"), ' +
        '(Copy-PcmFileStore -Path "$dir/files" -Destination "$dir/copy" -Confirm:$false), ' +
        '(Test-PcmPersistentChatMigration -SourceDBInstance "sqlite:$dir/legacy.db" -DBInstance "sqlite:$dir/mgc.db")) | ForEach-Object { ' +
        '[pscustomobject]@{ Type = $_.PSObject.TypeNames[0]; Names = @($_.PSObject.Properties | ForEach-Object { $_.Name }) } }',
    )) as Props[];
    assert.deepEqual(objects.map((o) => o.Type), ['PersistentChatMigration.PackageInfo', 'PersistentChatMigration.FileStoreCopy', 'PersistentChatMigration.MigrationVerification']);
    for (const object of objects) assert.deepEqual(views.get(String(object.Type)), object.Names, String(object.Type));
    assert.equal(readFileSync(join(dir, 'copy', 'Room ☕', 'a.txt'), 'utf8'), 'a');
  });

  it('packages from Get-ChildItem bind by FullName, one object each', async () => {
    const result = (await session.value('$result = @(Get-ChildItem "$dir/*.zip" | Get-PcmPersistentChatPackage | ForEach-Object { "$([IO.Path]::GetFileName($_.FileName))=$($_.CanImport)" })')) as string[];
    assert.deepEqual(result, ['a.zip=True', 'b.zip=True']);
  });

  it('-Quiet is a [bool]; a difference gives MigrationDifference objects and a catchable ErrorRecord', async () => {
    assert.equal(await session.value('$r = Test-PcmPersistentChatMigration "sqlite:$dir/legacy.db" "sqlite:$dir/mgc.db" -Quiet; $result = ($r -is [bool]) -and $r'), true);
    const db = new Database(join(dir, 'mgc.db'));
    db.prepare("UPDATE tblNode SET nodeDesc = 'tampered' WHERE nodeName = 'Room 0001'").run();
    db.close();
    assert.equal(await session.value('$r = Test-PcmPersistentChatMigration "sqlite:$dir/legacy.db" "sqlite:$dir/mgc.db" -Quiet; $result = ($r -is [bool]) -and -not $r'), true);
    const result = (await session.value(
      '$out = @(Test-PcmPersistentChatMigration -SourceDBInstance "sqlite:$dir/legacy.db" -DBInstance "sqlite:$dir/mgc.db" -ErrorVariable problems -ErrorAction SilentlyContinue); ' +
        '$d = @($out | Where-Object { $_.PSObject.TypeNames[0] -eq "PersistentChatMigration.MigrationDifference" }); ' +
        '$result = [pscustomobject]@{ Differences = $d.Count; Object = $d[0].Object; Property = $d[0].Property; Target = $d[0].TargetValue; ErrorId = $problems[0].FullyQualifiedErrorId; Category = "$($problems[0].CategoryInfo.Category)"; Table = ($d | Out-String -Width 200) }',
    )) as Props;
    assert.equal(result.Differences, 1);
    assert.equal(result.Object, 'Room 0001');
    assert.equal(result.Property, 'Description');
    assert.equal(result.Target, 'tampered');
    assert.match(String(result.ErrorId), /^MigrationNotVerified/);
    assert.equal(result.Category, 'InvalidResult');
    assert.match(String(result.Table), /Status\s+Kind\s+Object\s+Property\s+SourceValue\s+TargetValue/, 'the default view is the table');
  });

  it('Copy-PcmFileStore -WhatIf lists the files and writes nothing', async () => {
    const result = (await session.value('$result = @(Copy-PcmFileStore -Path "$dir/files" -Destination "$dir/never" -WhatIf | ForEach-Object { "$($_.PSObject.TypeNames[0])|$($_.Action)" })')) as string[];
    assert.deepEqual(result, ['PersistentChatMigration.FileStoreItem|WouldCopy', 'PersistentChatMigration.FileStoreCopy|']);
    assert.equal(existsSync(join(dir, 'never')), false);
  });
});
