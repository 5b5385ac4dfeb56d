/**
 * The XDS settings cmdlets (configuration, compliance, policy, pool state) on a real configuration store:
 * Microsoft's identity rules, documented defaults and ranges, -InMemory and -Instance, called directly and through
 * pcm in separate processes (so the settings are seen by the next session).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { Duration } from '../../core/duration.js';
import { SETTINGS_KINDS } from '../../core/settings/settings-kinds.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run, refusal } from './support/run-cmdlet.js';


async function identities(name: string, parameters: Record<string, unknown> = {}): Promise<string[]> {
  return (await run(name, parameters)).output.map((o) => String(propertiesOf(o).Identity));
}

describe('settings: configuration, compliance, policies and pool state', () => {
  let dir: string;
  let store: string;
  let previous: string | undefined;

  beforeEach(async () => {
    dir = tempDir('pcm-settings-');
    store = join(dir, 'config.db');
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = store;
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'atl-pc-001.litwareinc.com', DBInstance: `sqlite:${join(dir, 'atl.db')}`, Site: 'Redmond' });
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  it('global always exists with the documented defaults', async () => {
    const [configuration] = (await run('Get-CsPersistentChatConfiguration')).output;
    assert.deepEqual(propertiesOf(configuration), { Identity: 'Global', DefaultChatHistory: 30, MaxFileSizeKB: 20000, ParticipantUpdateLimit: 75, RoomManagementUrl: null });
    const compliance = propertiesOf((await run('Get-CsPersistentChatComplianceConfiguration', { Identity: 'global' })).output[0]);
    assert.equal(String(compliance.RunInterval), '00:15:00');
    assert.equal(compliance.AdapterType, null);
    assert.equal(compliance.AddUserDetails, false);
    assert.equal(propertiesOf((await run('Get-CsPersistentChatPolicy')).output[0]).EnablePersistentChat, false);
    assert.deepEqual((await run('Get-CsPersistentChatState')).output.map((o) => propertiesOf(o)), [{ Identity: 'service:PersistentChatServer:atl-pc-001.litwareinc.com', PoolState: 'Normal' }]);
  });

  it('New- creates a site or service collection with defaults for what it does not give; Get- finds it by identity and filter', async () => {
    const { output } = await run('New-CsPersistentChatConfiguration', { Identity: 'SITE:redmond', ParticipantUpdateLimit: 100 });
    assert.deepEqual(propertiesOf(output[0]), { Identity: 'site:redmond', DefaultChatHistory: 30, MaxFileSizeKB: 20000, ParticipantUpdateLimit: 100, RoomManagementUrl: null });
    await run('New-CsPersistentChatConfiguration', { Identity: 'service:PersistentChatServer:ATL-pc-001.litwareinc.com', DefaultChatHistory: 500 });
    assert.deepEqual(await identities('Get-CsPersistentChatConfiguration'), ['Global', 'site:redmond', 'service:PersistentChatServer:ATL-pc-001.litwareinc.com']);
    assert.deepEqual(await identities('Get-CsPersistentChatConfiguration', { Filter: 'site:*' }), ['site:redmond']);
    assert.deepEqual(await identities('Get-CsPersistentChatConfiguration', { Filter: 'service:*' }), ['service:PersistentChatServer:ATL-pc-001.litwareinc.com']);
    assert.equal(propertiesOf((await run('Get-CsPersistentChatConfiguration', { Identity: 'site:Redmond' })).output[0]).ParticipantUpdateLimit, 100);
  });

  it('refuses, naming the rule, with nothing saved: global, an existing identity, an unknown site or pool, a wrong scope, a value out of range', async () => {
    await run('New-CsPersistentChatPolicy', { Identity: 'site:Redmond' });
    const before = readFileSync(store);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['New-CsPersistentChatConfiguration', { Identity: 'global' }, /global .* always exists and cannot be created/],
      ['New-CsPersistentChatPolicy', { Identity: 'site:REDMOND' }, /already exists\. Change it with Set-CsPersistentChatPolicy/],
      ['New-CsPersistentChatConfiguration', { Identity: 'site:Dublin' }, /No registered pool belongs to the site 'Dublin' \(the sites are Redmond\)/],
      ['New-CsPersistentChatComplianceConfiguration', { Identity: 'service:PersistentChatServer:dub-pc-001.litwareinc.com' }, /No pool 'dub-pc-001\.litwareinc\.com' is registered/],
      ['New-CsPersistentChatConfiguration', { Identity: 'RedmondPolicy' }, /none of the identity forms/],
      ['New-CsPersistentChatPolicy', { Identity: 'service:PersistentChatServer:atl-pc-001.litwareinc.com' }, /a service identity does not apply/],
      ['Get-CsPersistentChatConfiguration', { Identity: 'site:*' }, /takes no wildcards \(use -Filter/],
      ['New-CsPersistentChatConfiguration', { Identity: 'site:Redmond', DefaultChatHistory: 501 }, /501 is outside the allowed range 1 to 500/],
      ['New-CsPersistentChatConfiguration', { Identity: 'site:Redmond', DefaultChatHistory: 0 }, /outside the allowed range 1 to 500/],
      ['Set-CsPersistentChatComplianceConfiguration', { RunInterval: '00:00:30' }, /-RunInterval 00:00:30 is not valid: it must be from 00:01:00 to 30\.00:00:00/],
      ['Set-CsPersistentChatComplianceConfiguration', { RunInterval: '30.00:00:01' }, /must be from 00:01:00 to 30\.00:00:00/],
      ['Set-CsPersistentChatComplianceConfiguration', { RunInterval: 'soon' }, /'soon' is not a time span/],
      ['Set-CsPersistentChatState', { PoolState: 'Broken' }, /'Broken' is not one of the allowed values: Normal, FailedOver/],
      ['Set-CsPersistentChatConfiguration', { Identity: 'site:Nowhere', DefaultChatHistory: 5 }, /There is no PersistentChatConfiguration 'site:Nowhere'/],
    ];
    for (const [name, parameters, message] of cases) {
      const error = await refusal(name, parameters);
      assert.match(error.message, message, `${name} ${JSON.stringify(parameters)}`);
    }
    assert.deepEqual(readFileSync(store), before, 'nothing was saved');
  });

  it('Set- changes global without -Identity; Remove- resets global and removes the rest', async () => {
    await run('Set-CsPersistentChatComplianceConfiguration', { Identity: 'global', RunInterval: '00:10:00' });
    await run('Set-CsPersistentChatConfiguration', { DefaultChatHistory: 25, RoomManagementUrl: 'https://rooms.litwareinc.com/' });
    const global = propertiesOf((await run('Get-CsPersistentChatConfiguration', { Identity: 'global' })).output[0]);
    assert.equal(global.DefaultChatHistory, 25);
    assert.equal(global.RoomManagementUrl, 'https://rooms.litwareinc.com/');
    const compliance = propertiesOf((await run('Get-CsPersistentChatComplianceConfiguration')).output[0]);
    assert.ok(compliance.RunInterval instanceof Duration);
    assert.equal(String(compliance.RunInterval), '00:10:00');
    await run('Remove-CsPersistentChatConfiguration', { Identity: 'global' });
    await run('New-CsPersistentChatComplianceConfiguration', { Identity: 'site:Redmond', OneChatRoomPerOutputFile: true });
    await run('Remove-CsPersistentChatComplianceConfiguration', { Identity: 'site:Redmond' });
    await run('Remove-CsPersistentChatComplianceConfiguration', { Identity: 'global' });
    assert.deepEqual(await identities('Get-CsPersistentChatComplianceConfiguration'), ['Global']);
    assert.equal(String(propertiesOf((await run('Get-CsPersistentChatComplianceConfiguration')).output[0]).RunInterval), '00:15:00', 'global reset');
    assert.equal(propertiesOf((await run('Get-CsPersistentChatConfiguration')).output[0]).DefaultChatHistory, 30, 'reset to the default');
    await run('New-CsPersistentChatPolicy', { Identity: 'RedmondPersistentChatPolicy', EnablePersistentChat: true, Description: 'Redmond users' });
    assert.deepEqual(await identities('Get-CsPersistentChatPolicy'), ['Global', 'RedmondPersistentChatPolicy']);
    await run('Remove-CsPersistentChatPolicy', { Identity: 'tag:RedmondPersistentChatPolicy' });
    assert.deepEqual(await identities('Get-CsPersistentChatPolicy'), ['Global']);
    assert.match((await refusal('Remove-CsPersistentChatPolicy', { Identity: 'RedmondPersistentChatPolicy' })).message, /There is no PersistentChatPolicy/);
  });

  it('-InMemory returns an object without saving it; Set- -Instance commits it, with given values on top', async () => {
    const { output } = await run('New-CsPersistentChatPolicy', { Identity: 'site:Redmond', InMemory: true, EnablePersistentChat: true });
    assert.deepEqual(await identities('Get-CsPersistentChatPolicy'), ['Global'], 'not saved');
    const instance = { ...propertiesOf(output[0]), Description: 'from the object' };
    await run('Set-CsPersistentChatPolicy', { Instance: instance, Description: 'given beside it' });
    const saved = propertiesOf((await run('Get-CsPersistentChatPolicy', { Identity: 'site:Redmond' })).output[0]);
    assert.deepEqual(saved, { Identity: 'site:Redmond', Description: 'given beside it', EnablePersistentChat: true });
  });

  it('-WhatIf saves nothing', async () => {
    const before = readFileSync(store);
    await run('New-CsPersistentChatConfiguration', { Identity: 'site:Redmond', WhatIf: true });
    await run('Set-CsPersistentChatConfiguration', { DefaultChatHistory: 3, WhatIf: true });
    await run('Set-CsPersistentChatState', { PoolState: 'FailedOver', WhatIf: true });
    assert.deepEqual(readFileSync(store), before);
  });

  it('pool state: one per registered pool, Normal until set; -Identity in each form the docs use', async () => {
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'dub-pc-001.litwareinc.com', DBInstance: `sqlite:${join(dir, 'dub.db')}` });
    assert.match((await refusal('Set-CsPersistentChatState', { PoolState: 'FailedOver' })).message, /needs -Identity when more than one pool is registered/);
    await run('Set-CsPersistentChatState', { Identity: 'service:atl-pc-001.litwareinc.com', PoolState: 'failedover' });
    const states = (await run('Get-CsPersistentChatState')).output.map((o) => `${String(propertiesOf(o).Identity)}=${String(propertiesOf(o).PoolState)}`);
    assert.deepEqual(states, ['service:PersistentChatServer:atl-pc-001.litwareinc.com=FailedOver', 'service:PersistentChatServer:dub-pc-001.litwareinc.com=Normal']);
    assert.deepEqual(await identities('Get-CsPersistentChatState', { Identity: 'PersistentChatServer:DUB-pc-001.litwareinc.com' }), ['service:PersistentChatServer:dub-pc-001.litwareinc.com']);
    assert.deepEqual(await identities('Get-CsPersistentChatState', { Filter: '*dub*.litwareinc.com' }), ['service:PersistentChatServer:dub-pc-001.litwareinc.com']);
    assert.equal(findCmdlet('New-CsPersistentChatState'), undefined, 'pool state has no New-');
  });

  it('pcm: a setting made by one process is seen by the next; bad values exit 1 naming the parameter', async () => {
    const env = { PCM_CONFIG_STORE: store };
    const set = await pcm(['Set-CsPersistentChatComplianceConfiguration', '-RunInterval', '1.00:00:00', '-AddUserDetails', '$true'], { env });
    assert.equal(set.status, 0, set.stderr);
    const got = await pcm(['Get-CsPersistentChatComplianceConfiguration', 'global', '-OutputFormat', 'Json'], { env });
    assert.equal(got.status, 0, got.stderr);
    const object = JSON.parse(got.stdout.trim()) as Record<string, unknown>;
    assert.equal(object.RunInterval, '1.00:00:00');
    assert.equal(object.AddUserDetails, true);
    const bad = await pcm(['New-CsPersistentChatConfiguration', 'site:Redmond', '-DefaultChatHistory', '9999'], { env });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /DefaultChatHistory/);
    assert.equal(existsSync(store), true);
  });

  it('every kind is declared with a documented default inside its own range', () => {
    for (const kind of SETTINGS_KINDS) {
      for (const property of kind.properties) {
        if (property.type === 'Int16' || property.type === 'UInt32') assert.ok(property.default >= property.range[0] && property.default <= property.range[1], property.name);
        if (property.type === 'TimeSpan') assert.ok(property.default.milliseconds >= property.range[0].milliseconds && property.default.milliseconds <= property.range[1].milliseconds);
        if (property.type === 'Enum') assert.ok(property.values.includes(property.default));
      }
    }
  });
});
