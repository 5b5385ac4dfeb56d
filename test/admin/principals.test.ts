/**
 * The principal cache (Get-CsAdPrincipal) and per-user policy grants (Grant-CsPersistentChatPolicy, and
 * Remove-CsPersistentChatPolicy of a policy in use), over real pool databases made by the sample generator.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { principalFilter } from '../../core/identity/principal-filter.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run, refusal } from './support/run-cmdlet.js';


interface Row {
  prinUri: string;
  prinDisplayName: string | null;
  prinADUserPrincipalName: string | null;
  prinADPath: string | null;
  prinTypeID: number;
}

describe('principals: the pools\' principal cache, and per-user policy grants', () => {
  let dir: string;
  let db: string;
  let rows: Row[];
  let previous: string | undefined;

  before(async () => {
    dir = tempDir('pcm-principals-');
    db = join(dir, 'pc.db');
    await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${db}`, Schema: 'PersistentChat2013', Messages: 10 });
    const sql = new Database(db, { readonly: true });
    rows = sql.prepare('SELECT prinUri, prinDisplayName, prinADUserPrincipalName, prinADPath, prinTypeID FROM tblPrincipal WHERE prinTypeID <> 4 ORDER BY prinID').all() as Row[];
    sql.close();
  });

  beforeEach(async () => {
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = join(tempDir('pcm-principals-store-'), 'config.db');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'atl-pc-001.litwareinc.com', DBInstance: `sqlite:${db}` });
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  const users = (): Row[] => rows.filter((r) => r.prinTypeID === 5 && r.prinUri.startsWith('sip:'));
  const sips = async (parameters: Record<string, unknown>): Promise<string[]> =>
    (await run('Get-CsAdPrincipal', parameters)).output.map((o) => String(propertiesOf(o).SipAddress ?? propertiesOf(o).Identity));

  it('lists every principal but the system one once, with its object class, even when two pools hold it', async () => {
    const copy = join(dir, 'copy.db');
    copyFileSync(db, copy);
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'dub-pc-001.litwareinc.com', DBInstance: `sqlite:${copy}` });
    const { output } = await run('Get-CsAdPrincipal');
    assert.equal(output.length, rows.length);
    const group = output.map(propertiesOf).find((p) => String(p.Identity) === rows.find((r) => r.prinTypeID === 9)!.prinADPath);
    assert.deepEqual(group!.ObjectClass, ['top', 'group']);
    const domain = output.map(propertiesOf).find((p) => p.PrincipalType === 'Domain');
    assert.deepEqual(domain!.ObjectClass, ['top', 'domain', 'domainDNS']);
  });

  it('finds a principal by SIP address, UPN, distinguished name and display name (with wildcards)', async () => {
    const user = users().find((u) => u.prinADUserPrincipalName && u.prinDisplayName && u.prinADPath)!;
    for (const identity of [user.prinUri.toUpperCase().replace('SIP:', 'sip:'), user.prinADUserPrincipalName!, user.prinADPath!, user.prinDisplayName!]) {
      assert.ok((await sips({ Identity: identity })).includes(user.prinUri), identity);
    }
    const last = user.prinDisplayName!.split(' ').at(-1)!;
    const expected = users().filter((u) => (u.prinDisplayName ?? '').toLowerCase().endsWith(' ' + last.toLowerCase())).map((u) => u.prinUri);
    assert.deepEqual((await sips({ Identity: `* ${last}` })).sort(), expected.sort());
  });

  it('reads Microsoft\'s filter syntax over the properties, and a plain wildcard', async () => {
    const expectedGroups = rows.filter((r) => r.prinTypeID === 9).length;
    assert.equal((await run('Get-CsAdPrincipal', { Filter: '{ObjectClass -eq "group"}' })).output.length, expectedGroups);
    const withA = rows.filter((r) => (r.prinDisplayName ?? '').toLowerCase().includes('a')).length;
    assert.equal((await run('Get-CsAdPrincipal', { Filter: '{DisplayName -like "*a*"}' })).output.length, withA);
    assert.equal((await run('Get-CsAdPrincipal', { Filter: "{DisplayName -like '*a*' -and ObjectClass -eq 'user'}" })).output.length, users().filter((u) => (u.prinDisplayName ?? '').toLowerCase().includes('a')).length + rows.filter((r) => r.prinTypeID === 5 && !r.prinUri.startsWith('sip:') && (r.prinDisplayName ?? '').toLowerCase().includes('a')).length);
    assert.equal((await run('Get-CsAdPrincipal', { ResultSize: 3 })).output.length, 3);
    const ou = users()[0]!.prinADPath!.split(',').slice(1).join(',');
    const inOu = rows.filter((r) => (r.prinADPath ?? '').toLowerCase().endsWith(',' + ou.toLowerCase())).length;
    assert.equal((await run('Get-CsAdPrincipal', { OU: ou })).output.length, inOu);
    assert.throws(() => principalFilter('{DisplayName -like}', ['DisplayName']), /cannot be read: a comparison is/);
    assert.throws(() => principalFilter('{Colour -eq "red"}', ['DisplayName']), /'Colour' is not a property of a principal/);
    const or = principalFilter('{Name -eq \'a\' -or Name -eq "b" -and DisplayName -ne $null}', ['Name', 'DisplayName']);
    assert.equal(or({ Name: 'a', DisplayName: null }), true);
    assert.equal(or({ Name: 'b', DisplayName: null }), false);
    assert.equal(or({ Name: 'b', DisplayName: 'B' }), true);
  });

  it('grants a per-user policy to users, removes it with $null, and refuses what cannot be granted', async () => {
    await run('New-CsPersistentChatPolicy', { Identity: 'Sales', EnablePersistentChat: true });
    await run('New-CsPersistentChatPolicy', { Identity: 'site:Redmond' }).catch(() => undefined);
    const user = users()[0]!;
    await run('Grant-CsPersistentChatPolicy', { Identity: user.prinUri, PolicyName: 'tag:Sales' });
    assert.equal(propertiesOf((await run('Get-CsAdPrincipal', { Identity: user.prinUri })).output[0]).PersistentChatPolicy, 'Sales');
    await run('Grant-CsPersistentChatPolicy', { Identity: user.prinUri, PolicyName: null });
    assert.equal(propertiesOf((await run('Get-CsAdPrincipal', { Identity: user.prinUri })).output[0]).PersistentChatPolicy, null);
    assert.equal((await refusal('Grant-CsPersistentChatPolicy', { Identity: user.prinUri, PolicyName: 'Nope' })).errorId, 'SettingNotFound');
    assert.equal((await refusal('Grant-CsPersistentChatPolicy', { Identity: user.prinUri, PolicyName: 'global' })).errorId, 'PolicyNotGrantable');
    const group = rows.find((r) => r.prinTypeID === 9)!;
    assert.equal((await refusal('Grant-CsPersistentChatPolicy', { Identity: group.prinADPath!, PolicyName: 'Sales' })).errorId, 'PrincipalNotUser');
    assert.equal((await refusal('Grant-CsPersistentChatPolicy', { Identity: 'sip:nobody@nowhere.example', PolicyName: 'Sales' })).errorId, 'PrincipalNotFound');
    const dry = await run('Grant-CsPersistentChatPolicy', { Identity: user.prinUri, PolicyName: 'Sales', WhatIf: true });
    assert.ok(dry.context.verboseMessages.some((m) => m.startsWith('What if:')));
    assert.equal(propertiesOf((await run('Get-CsAdPrincipal', { Identity: user.prinUri })).output[0]).PersistentChatPolicy, null, '-WhatIf granted nothing');
  });

  it('a per-user policy that users have is removed only with -Force, which removes their assignments too', async () => {
    await run('New-CsPersistentChatPolicy', { Identity: 'Sales', EnablePersistentChat: true });
    const [a, b] = users();
    await run('Grant-CsPersistentChatPolicy', { Identity: a!.prinUri, PolicyName: 'Sales' });
    await run('Grant-CsPersistentChatPolicy', { Identity: b!.prinUri, PolicyName: 'Sales' });
    const refused = await refusal('Remove-CsPersistentChatPolicy', { Identity: 'Sales' });
    assert.equal(refused.errorId, 'PolicyInUse');
    assert.match(refused.message, /assigned to 2 users\. Add -Force/);
    assert.equal((await run('Get-CsPersistentChatPolicy', { Identity: 'Sales' })).output.length, 1);
    await run('Remove-CsPersistentChatPolicy', { Identity: 'Sales', Force: true });
    assert.equal((await run('Get-CsAdPrincipal', { Filter: '{PersistentChatPolicy -eq "Sales"}' })).output.length, 0);
    assert.equal((await refusal('Get-CsPersistentChatPolicy', { Identity: 'Sales' })).errorId, 'SettingNotFound');
  });

  it('says how to register a pool when none is', async () => {
    process.env.PCM_CONFIG_STORE = join(tempDir('pcm-principals-empty-'), 'config.db');
    assert.match((await refusal('Get-CsAdPrincipal', {})).message, /No Persistent Chat pool is registered.*New-PcmPersistentChatPool/);
  });
});
