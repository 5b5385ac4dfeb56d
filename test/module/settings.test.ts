/**
 * The XDS settings and pool cmdlets in the real PowerShell: objects with Microsoft's type names, RunInterval as a
 * real [timespan], -InMemory objects committed by Set- -Instance through the pipeline, Get | Remove by property name,
 * and what one session saved seen by the next.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

type Props = Record<string, unknown>;

describe('module: settings and pools, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let dir: string;
  let session: Session;
  const open = async (): Promise<Session> => {
    const s = await Session.open({ PCM_LOG_DIR: join(dir, 'logs'), PCM_CONFIG_STORE: join(dir, 'config.db') });
    await s.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}`);
    return s;
  };

  before(async function () {
    requireEngine();
    dir = tempDir('pcm-module-settings-');
    session = await open();
    await session.run('New-PcmPersistentChatPool atl-pc-001.litwareinc.com "sqlite:$dir/pc.db" -Site Redmond');
  });

  after(async () => {
    await session?.dispose();
  });

  it('settings objects carry Microsoft\'s type names, and RunInterval is a [timespan]', async () => {
    const seen = (await session.value(
      '$c = Get-CsPersistentChatComplianceConfiguration; $p = Get-CsPersistentChatPolicy; ' +
        '$result = [pscustomobject]@{ Type = $c.PSObject.TypeNames[0]; Policy = $p.PSObject.TypeNames[0]; Interval = $c.RunInterval.GetType().FullName; Minutes = $c.RunInterval.TotalMinutes }',
    )) as Props;
    assert.equal(seen['Type'], 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatComplianceConfiguration');
    assert.equal(seen['Policy'], 'Microsoft.Rtc.Management.WritableConfig.Policy.PersistentChat.PersistentChatPolicy');
    assert.equal(seen['Interval'], 'System.TimeSpan');
    assert.equal(seen['Minutes'], 15);
  });

  it('a [timespan] parameter binds: -RunInterval (New-TimeSpan -Minutes 45)', async () => {
    const minutes = await session.value('Set-CsPersistentChatComplianceConfiguration -RunInterval (New-TimeSpan -Minutes 45) -Confirm:$false; $result = (Get-CsPersistentChatComplianceConfiguration global).RunInterval.TotalMinutes');
    assert.equal(minutes, 45);
  });

  it('New- -InMemory | Set- commits the object; Get -Filter | Remove- removes by property name', async () => {
    const before = await session.value('$x = New-CsPersistentChatConfiguration site:Redmond -InMemory -DefaultChatHistory 12; $result = @(Get-CsPersistentChatConfiguration).Count');
    assert.equal(before, 1, 'an in-memory object is not saved');
    const after = await session.value('$x | Set-CsPersistentChatConfiguration -MaxFileSizeKB 5000 -Confirm:$false; $result = Get-CsPersistentChatConfiguration site:redmond | Select-Object Identity, DefaultChatHistory, MaxFileSizeKB');
    assert.deepEqual({ ...(after as Props) }, { Identity: 'site:Redmond', DefaultChatHistory: 12, MaxFileSizeKB: 5000 });
    const left = await session.value('Get-CsPersistentChatConfiguration -Filter "site:*" | Remove-CsPersistentChatConfiguration -Confirm:$false; $result = @(Get-CsPersistentChatConfiguration | ForEach-Object Identity)');
    assert.deepEqual(left, ['Global']);
  });

  it('a refused value is an ErrorRecord naming the parameter, and nothing changes', async () => {
    const caught = (await session.value(
      'try { Set-CsPersistentChatConfiguration -DefaultChatHistory 501 -Confirm:$false -ErrorAction Stop; $result = "not caught" } catch { $result = $_.Exception.Message }',
    )) as string;
    assert.match(caught, /DefaultChatHistory/);
    assert.match(caught, /500/);
    assert.equal(await session.value('$result = (Get-CsPersistentChatConfiguration global).DefaultChatHistory'), 30);
  });

  it('$env:PCM_CONFIG_STORE changed in the session is the store the next call uses (the host started before)', async () => {
    const seen = (await session.value(
      '$first = $env:PCM_CONFIG_STORE; $env:PCM_CONFIG_STORE = "$dir/other.db"; $other = @(Get-PcmPersistentChatPool).Count; ' +
        'New-PcmPersistentChatPool dub-pc-001.litwareinc.com "sqlite:$dir/dub.db" -Confirm:$false; $otherAfter = @(Get-PcmPersistentChatPool | ForEach-Object Identity); ' +
        '$env:PCM_CONFIG_STORE = $first; $back = @(Get-PcmPersistentChatPool | ForEach-Object Identity); ' +
        '$result = [pscustomobject]@{ Other = $other; OtherAfter = $otherAfter; Back = $back }',
    )) as Props;
    assert.equal(seen['Other'], 0, 'a new store is empty');
    assert.deepEqual(seen['OtherAfter'], ['dub-pc-001.litwareinc.com']);
    assert.deepEqual(seen['Back'], ['atl-pc-001.litwareinc.com']);
  });

  it('the next session sees what this one saved', async () => {
    await session.run('Set-CsPersistentChatPolicy -EnablePersistentChat $true -Confirm:$false; Set-CsPersistentChatState -PoolState FailedOver -Confirm:$false');
    const next = await open();
    try {
      const seen = (await next.value('$result = [pscustomobject]@{ Enabled = (Get-CsPersistentChatPolicy global).EnablePersistentChat; State = (Get-CsPersistentChatState).PoolState; Pool = (Get-PcmPersistentChatPool).Site }')) as Props;
      assert.deepEqual({ ...seen }, { Enabled: true, State: 'FailedOver', Pool: 'Redmond' });
    } finally {
      await next.dispose();
    }
  });
});
