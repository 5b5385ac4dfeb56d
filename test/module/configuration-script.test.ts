/**
 * Export-PcmConfigurationScript round trip in the real PowerShell: settings with quotes (' and the typographic ones
 * PowerShell also ends strings at), $, backticks, subexpressions, line breaks and non-ASCII are written as a
 * script of Microsoft's cmdlets; the script, run against a fresh configuration store, gives the same settings back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

const TRICKY = "it's ‘quoted’ ‚low‛ $env:HOME `n $(Get-Date) ; exit 1 # ünïcödé 中文 🎉";
const SNAPSHOT =
  '$result = @(' +
  '(Get-CsPersistentChatConfiguration | ConvertTo-Json -Compress), ' +
  '(Get-CsPersistentChatComplianceConfiguration | Select-Object * | ForEach-Object { $_.RunInterval = [string]$_.RunInterval; $_ } | ConvertTo-Json -Compress), ' +
  '(Get-CsPersistentChatPolicy | ConvertTo-Json -Compress), ' +
  '(Get-CsPersistentChatState | ConvertTo-Json -Compress), ' +
  '(Get-CsPersistentChatEndpoint | Select-Object SipAddress, DisplayName, PersistentChatPoolFqdn | ConvertTo-Json -Compress), ' +
  '(Get-CsAdPrincipal -Filter {PersistentChatPolicy -ne $null} | Select-Object SipAddress, PersistentChatPolicy | ConvertTo-Json -Compress))';

describe('module: the configuration script round-trips, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let dir: string;

  before(function () {
    requireEngine();
    dir = tempDir('pcm-module-config-script-');
  });

  async function session(store: string): Promise<Session> {
    const s = await Session.open({ PCM_LOG_DIR: join(dir, 'logs'), PCM_CONFIG_STORE: join(dir, store) });
    await s.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}; $tricky = ${psText(TRICKY)}`);
    // Both stores register the same pool database, a Persistent Chat sample with users to grant policies to.
    await s.run('if (-not (Test-Path "$dir/sample.db")) { New-PcmSampleDatabase "sqlite:$dir/sample.db" -Schema PersistentChat2013 -Messages 10 -Confirm:$false }');
    await s.run('New-PcmPersistentChatPool atl-pc-001.litwareinc.com "sqlite:$dir/sample.db" -Site Redmond');
    return s;
  }

  it('writes the settings as Microsoft\'s cmdlets and gets them back from a fresh store', async () => {
    const first = await session('first.db');
    let expected: unknown;
    try {
      await first.run(
        'Set-CsPersistentChatConfiguration -DefaultChatHistory 42 -RoomManagementUrl "https://rooms.litwareinc.com/?a=1&b=$tricky" -Confirm:$false; ' +
          'New-CsPersistentChatConfiguration site:Redmond -ParticipantUpdateLimit 100 -Confirm:$false | Out-Null; ' +
          'Set-CsPersistentChatComplianceConfiguration -RunInterval 2.03:04:05 -AdapterType $tricky -AddUserDetails $true -Confirm:$false; ' +
          'New-CsPersistentChatPolicy -Identity "Sales Policy" -EnablePersistentChat $true -Description ($tricky + [char]13 + [char]10 + "second line") -Confirm:$false | Out-Null; ' +
          'Set-CsPersistentChatState -PoolState FailedOver -Confirm:$false; ' +
          '$user = (Get-CsAdPrincipal -Filter {ObjectClass -eq "user" -and SipAddress -like "sip:*"} -ResultSize 1).SipAddress; ' +
          'Grant-CsPersistentChatPolicy -Identity $user -PolicyName "Sales Policy" -Confirm:$false; ' +
          'New-CsPersistentChatEndpoint -SipAddress sip:ocschat@litwareinc.com -PersistentChatPoolFqdn atl-pc-001.litwareinc.com -DisplayName $tricky -Confirm:$false',
      );
      expected = await first.value(SNAPSHOT);
      await first.run('Export-PcmConfigurationScript -FileName "$dir/settings.ps1"');
    } finally {
      await first.dispose();
    }
    const script = readFileSync(join(dir, 'settings.ps1'));
    assert.deepEqual([...script.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
    const text = script.toString('utf8');
    assert.match(text, /^Set-CsPersistentChatConfiguration -Identity 'Global' -DefaultChatHistory 42 /m);
    assert.match(text, /^New-CsPersistentChatPolicy -Identity 'Sales Policy' /m);
    assert.match(text, /^Grant-CsPersistentChatPolicy -Identity 'sip:[^']+' -PolicyName 'Sales Policy'/m);
    assert.match(text, /^New-CsPersistentChatEndpoint -SipAddress 'sip:ocschat@litwareinc\.com' /m);

    const second = await session('second.db');
    try {
      const before = await second.value(SNAPSHOT);
      assert.notDeepEqual(before, expected, 'the fresh store starts different');
      await second.run('& "$dir/settings.ps1"');
      assert.deepEqual(await second.value(SNAPSHOT), expected);
    } finally {
      await second.dispose();
    }
  });

  it('refuses to overwrite a file without -Force, and to write over the configuration store', async () => {
    const s = await session('third.db');
    try {
      await s.run('Export-PcmConfigurationScript "$dir/once.ps1"');
      const again = await s.value('try { Export-PcmConfigurationScript "$dir/once.ps1" -ErrorAction Stop; $result = "written" } catch { $result = $_.Exception.Message }');
      assert.match(String(again), /exists\. Give another name, or add -Force/);
      assert.equal(await s.value('Export-PcmConfigurationScript "$dir/once.ps1" -Force; $result = "ok"'), 'ok');
      const store = await s.value('try { Export-PcmConfigurationScript "$dir/./third.db" -Force -ErrorAction Stop; $result = "written" } catch { $result = $_.Exception.Message }');
      assert.match(String(store), /is the configuration store itself/);
    } finally {
      await s.dispose();
    }
  });
});
