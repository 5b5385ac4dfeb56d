/**
 * Every example in the cmdlets' help, Microsoft's documented ones for Export-/Import-CsPersistentChatData among them,
 * run as written through the module in the real engine, with embedded databases and a temporary folder in place of
 * the SQL Server and the C:\ paths: New-PcmSampleDatabase's first example makes the source, Export's examples write
 * the packages, Import's examples read them. The target then holds what the source holds, counted with SQL.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { registry } from '../../cmdlets/framework/registry.js';
import { SETTINGS_KINDS } from '../../core/settings/settings-kinds.js';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';
import { counts } from './support/fixtures.js';

const SERVER = '"atl-sql-001.litwareinc.com\\rtc"';
/** Examples that would take minutes for real (a million messages) run with -WhatIf: they still bind. */
const TOO_BIG = /-Messages\s+\d{6,}/;

/** An example's code with the SQL Server name and Windows paths replaced by the test's embedded databases. */
function runnable(code: string, server: string): string {
  return code
    .replaceAll(SERVER, server)
    .replace(/"?[A-Z]:\\(?:[\w ]+\\)*([\w.-]+)"?/g, '"$$pcmDir/$1"')
    .replace(/(^|[\s=])sqlite:"\$pcmDir\/([\w.-]+)"/g, '$1"sqlite:$$pcmDir/$2"')
    .replace(/(^|[\s=])sqlite:(?:[\w.-]+\/)*([\w.-]+)(?=\s|$)/g, '$1"sqlite:$$pcmDir/$2"');
}

/** The SIP address of the first user of the migrated target, read with SQL once it exists. */
let kenMyer: string | undefined;
function firstUser(): string {
  if (kenMyer === undefined) {
    const db = new Database(join(examplesDir, 'mgc.db'), { readonly: true });
    try {
      kenMyer = (db.prepare("SELECT prinUri FROM tblPrincipal WHERE prinTypeID = 5 AND prinUri LIKE 'sip:%' ORDER BY prinID LIMIT 1").get() as { prinUri: string }).prinUri;
    } finally {
      db.close();
    }
  }
  return kenMyer;
}
let examplesDir = '';

describe('module: the help examples run as written, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let session: Session;
  let dir: string;

  before(async function () {
    requireEngine();
    dir = tempDir('pcm-module-examples-');
    examplesDir = dir;
    // The legacy file store Copy-PcmFileStore's examples copy (C:\GroupChat\Files).
    mkdirSync(join(dir, 'Files', 'Room 1'), { recursive: true });
    writeFileSync(join(dir, 'Files', 'Room 1', 'minutes.docx'), 'minutes');
    session = await Session.open({ PCM_LOG_DIR: join(dir, 'logs'), PCM_CONFIG_STORE: join(dir, 'config.db') });
    await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $pcmDir = ${psText(dir)}`);
  });

  after(async () => {
    await session?.dispose();
  });

  it('rewrites the examples onto embedded databases', () => {
    assert.equal(runnable(`Export-CsPersistentChatData -DBInstance ${SERVER} -FileName "C:\\Logs\\PersistentChatData.zip"`, '$s'),
      'Export-CsPersistentChatData -DBInstance $s -FileName "$pcmDir/PersistentChatData.zip"');
    assert.equal(runnable('Import-CsPersistentChatData -DBInstance sqlite:C:\\pc\\mgc.db -Report C:\\pc\\x.html', '$s'),
      'Import-CsPersistentChatData -DBInstance "sqlite:$pcmDir/mgc.db" -Report "$pcmDir/x.html"');
    assert.equal(runnable('New-PcmSampleDatabase sqlite:out/legacy.db -Seed 7', '$s'), 'New-PcmSampleDatabase "sqlite:$pcmDir/legacy.db" -Seed 7');
  });

  // The sample database first (it is the source), then Export's examples, then Import's.
  // The pool cmdlets register the imported target (mgc.db) in the session's own configuration store.
  const order = [
    'New-PcmSampleDatabase',
    'Export-CsPersistentChatData',
    'Get-PcmPersistentChatPackage',
    'Import-CsPersistentChatData',
    'Copy-PcmFileStore',
    'Test-PcmPersistentChatMigration',
    'New-PcmPersistentChatPool',
    'Get-PcmPersistentChatPool',
    // The settings examples use the site Redmond and the pool atl-pc-001 that the pool examples registered.
    ...SETTINGS_KINDS.flatMap((kind) => ['New', 'Get', 'Set', 'Remove'].map((verb) => `${verb}-Cs${kind.noun}`)),
    'New-CsPersistentChatEndpoint',
    'Get-CsPersistentChatEndpoint',
    'Set-CsPersistentChatActiveServer',
    'Get-CsAdPrincipal',
    'Grant-CsPersistentChatPolicy',
    'Get-CsPersistentChatEligiblePrincipal',
    'Test-CsPersistentChatMessage',
    'Get-CsPersistentChatCategory',
    // New's categories are removed again by Remove's examples (the one holding no rooms), before the room examples.
    'New-CsPersistentChatCategory',
    'Set-CsPersistentChatCategory',
    'Remove-CsPersistentChatCategory',
    'Get-CsPersistentChatRoom',
    // New's two rooms are removed again by Remove's examples, so the rooms counted at the end are the source's.
    'New-CsPersistentChatRoom',
    'Set-CsPersistentChatRoom',
    'Remove-CsPersistentChatRoom',
    // The content examples change messages of the migrated rooms, never their number (the last test counts them).
    'Clear-CsPersistentChatRoom',
    'Remove-CsPersistentChatMessage',
    'New-CsPersistentChatAddin',
    'Get-CsPersistentChatAddin',
    'Set-CsPersistentChatAddin',
    'Remove-CsPersistentChatAddin',
    'Export-PcmConfigurationScript',
    'Remove-CsPersistentChatEndpoint',
    'Set-PcmPersistentChatPool',
    'Remove-PcmPersistentChatPool',
  ];
  assert.deepEqual(registry.map((c) => c.declaration.name).filter((name) => !order.includes(name)), [], 'every cmdlet has its place in the order');
  const declarations = registry.map((c) => c.declaration).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  for (const declaration of declarations) {
    const server = /^Import-|PersistentChatPool$/.test(declaration.name) ? '"sqlite:$pcmDir/mgc.db"' : '"sqlite:$pcmDir/legacy.db"';
    declaration.examples.forEach((example, i) => {
      it(`${declaration.name} example ${i + 1}: ${example.title}`, async () => {
        // Microsoft's examples name Ken Myer; the migrated sample's first user stands in for him.
        let code = runnable(example.code, server);
        if (code.includes('sip:kenmyer@litwareinc.com')) code = code.replaceAll('sip:kenmyer@litwareinc.com', firstUser());
        if (TOO_BIG.test(code)) code += ' -WhatIf';
        // The engine runs without a console: an example that would ask (ConfirmImpact High, no -Confirm) is answered yes.
        if (declaration.confirmImpact === 'High' && !/-Confirm\b/i.test(code)) code += ' -Confirm:$false';
        assert.doesNotMatch(code, /[A-Z]:\\|atl-sql-001/, 'every server and path was replaced');
        // node-powershell rejects the call if anything reaches stderr (an error record).
        await session.run(`$null = . { ${code} } 3>$null`);
      });
    });
  }

  it('left the packages, reports and variables the examples describe, and a target with the source\'s data', async () => {
    for (const file of ['legacy.db', 'PersistentChatData.zip', 'export.zip', 'export.html', 'export.json', 'mgc.db', 'Verification.html', 'Verification.json', 'Verification.csv', 'FileStore', 'FileStoreCopy.sha256']) {
      assert.ok(existsSync(join(dir, file)), file);
    }
    assert.equal(existsSync(join(dir, 'bench.db')), false, 'the million-message example ran with -WhatIf');
    assert.equal(await session.value('$result = $data.GetType().FullName'), 'System.Byte[]');
    const source = counts(join(dir, 'legacy.db'));
    assert.ok(source.messages > 0);
    assert.deepEqual(counts(join(dir, 'mgc.db')), source);
    // The pool examples registered two pools, changed them, and removed the first.
    const pools = (await session.value('$result = @(Get-PcmPersistentChatPool | ForEach-Object { "$($_.Identity)|$($_.Site)|$($_.DBInstance)" })')) as string[];
    assert.deepEqual(pools, [`atl-pc-002.litwareinc.com|Atlanta|sqlite:${join(dir, 'pc.db')}`]);
    assert.ok(existsSync(join(dir, 'pc.db')), 'the embedded pool database was created');
  });
});
