/**
 * The runbook's legacy-client step end to end, in the real PowerShell: a Group Chat 2010 source whose lookup
 * account is sip:ocschat@contoso.com is exported and imported; the new pool is registered; the endpoint for that
 * address is refused while the migrated account still holds it, and accepted once the account is deleted (as
 * directory synchronisation marks it, prinDisabled 2); the configuration script carries it to the real deployment.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

const LOOKUP = 'sip:ocschat@contoso.com';

describe('module: the legacy-client step of the runbook, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let dir: string;
  let session: Session;

  before(async () => {
    requireEngine();
    dir = tempDir('pcm-module-legacy-clients-');
    session = await Session.open({ PCM_LOG_DIR: join(dir, 'logs'), PCM_CONFIG_STORE: join(dir, 'config.db') });
    await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}`);
  });

  after(async () => {
    await session?.dispose();
  });

  it('migrates, refuses the address while the old account holds it, then makes it an endpoint of the new pool', async () => {
    await session.run('New-PcmSampleDatabase "sqlite:$dir/legacy.db" -Messages 200 -Confirm:$false');
    // The source's lookup account: one of its users, under the well-known address.
    const legacy = new Database(join(dir, 'legacy.db'));
    legacy.prepare("UPDATE tblPrincipal SET prinUri = ? WHERE prinID = (SELECT MIN(prinID) FROM tblPrincipal WHERE prinUri LIKE 'sip:%')").run(LOOKUP);
    legacy.close();
    await session.run(
      'Export-CsPersistentChatData -DBInstance "sqlite:$dir/legacy.db" -FileName "$dir/export.zip"; ' +
        'Import-CsPersistentChatData -DBInstance "sqlite:$dir/pc.db" -FileName "$dir/export.zip" -Confirm:$false 3>$null; ' +
        'New-PcmPersistentChatPool -PersistentChatPoolFqdn pcpool.contoso.com -DBInstance "sqlite:$dir/pc.db"',
    );
    const refused = await session.value(
      `try { New-CsPersistentChatEndpoint -SipAddress ${LOOKUP} -PersistentChatPoolFqdn pcpool.contoso.com -Confirm:$false -ErrorAction Stop; $result = 'created' } ` +
        'catch { $result = $_.FullyQualifiedErrorId }',
    );
    assert.equal(refused, 'SipAddressInUse,New-CsPersistentChatEndpoint');
    assert.equal(await session.value('$result = @(Get-CsPersistentChatEndpoint).Count'), 0);

    // The administrator deletes the account; directory synchronisation marks it deleted in the pool's database.
    const target = new Database(join(dir, 'pc.db'));
    assert.equal(target.prepare('UPDATE tblPrincipal SET prinDisabled = 2 WHERE prinUri = ?').run(LOOKUP).changes, 1, 'the account was migrated');
    target.close();

    const endpoint = (await session.value(
      `New-CsPersistentChatEndpoint -SipAddress ${LOOKUP} -PersistentChatPoolFqdn pcpool.contoso.com -DisplayName 'Group Chat' -Confirm:$false; ` +
        `$result = Get-CsPersistentChatEndpoint -Identity ${LOOKUP} | Select-Object SipAddress, PersistentChatPoolFqdn, DisplayName`,
    )) as Record<string, unknown>;
    assert.deepEqual({ ...endpoint }, { SipAddress: LOOKUP, PersistentChatPoolFqdn: 'pcpool.contoso.com', DisplayName: 'Group Chat' });
    await session.run('Export-PcmConfigurationScript -FileName "$dir/settings.ps1"');
    assert.match(readFileSync(join(dir, 'settings.ps1'), 'utf8'), /^New-CsPersistentChatEndpoint -SipAddress 'sip:ocschat@contoso\.com' -PersistentChatPoolFqdn 'pcpool\.contoso\.com' -DisplayName 'Group Chat'/m);
  });
});
