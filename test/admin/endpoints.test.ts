/**
 * Endpoints, and the runbook's legacy-client step: the old lookup account's SIP address, still a principal of the
 * migrated pool's database, is refused until the account is gone; then it becomes an endpoint of the new pool.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run, refusal } from './support/run-cmdlet.js';


describe('endpoints: SIP addresses that reach a pool, and the legacy-client step of the runbook', () => {
  let dir: string;
  let store: string;
  let db: string;
  let previous: string | undefined;
  const POOL = 'atl-pc-001.litwareinc.com';

  beforeEach(async () => {
    dir = tempDir('pcm-endpoints-');
    store = join(dir, 'config.db');
    db = join(dir, 'pc.db');
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = store;
    await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${db}`, Schema: 'PersistentChat2013', Messages: 20 });
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: POOL, DBInstance: `sqlite:${db}` });
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  it('creates, finds (by SIP address with or without sip:, display name, DN, filter, pool) and removes an endpoint', async () => {
    const { output } = await run('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: 'sip:PersistentChat@litwareinc.com', DisplayName: 'Persistent Chat', PassThru: true });
    const endpoint = propertiesOf(output[0]);
    assert.equal(endpoint.SipAddress, 'sip:PersistentChat@litwareinc.com');
    assert.equal(endpoint.PersistentChatPoolFqdn, POOL);
    assert.match(String(endpoint.Identity), /^CN=\{[0-9a-f-]{36}\},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com$/);
    for (const identity of ['sip:persistentchat@litwareinc.com', 'persistentchat@LITWAREINC.com', 'persistent chat', String(endpoint.Identity)]) {
      assert.equal((await run('Get-CsPersistentChatEndpoint', { Identity: identity })).output.length, 1, identity);
    }
    assert.equal((await run('Get-CsPersistentChatEndpoint', { Filter: '*persist*' })).output.length, 1);
    assert.equal((await run('Get-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL.toUpperCase() })).output.length, 1);
    await run('Remove-CsPersistentChatEndpoint', { Identity: 'sip:persistentchat@litwareinc.com' });
    assert.equal((await run('Get-CsPersistentChatEndpoint')).output.length, 0);
    assert.equal((await refusal('Get-CsPersistentChatEndpoint', { Identity: 'sip:persistentchat@litwareinc.com' })).errorId, 'EndpointNotFound');
  });

  it('refuses, with nothing saved: no sip: prefix, a bad address, an unregistered pool, a SIP address used twice', async () => {
    await run('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: 'sip:pc@litwareinc.com' });
    const before = readFileSync(store);
    assert.match((await refusal('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: 'ocschat@litwareinc.com' })).message, /Add the sip: prefix: sip:ocschat@litwareinc\.com/);
    assert.match((await refusal('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: 'sip:no domain' })).message, /is not a SIP address/);
    assert.equal((await refusal('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: 'dub-pc.litwareinc.com', SipAddress: 'sip:x@litwareinc.com' })).errorId, 'PoolNotFound');
    assert.equal((await refusal('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: 'sip:PC@LitwareInc.com' })).errorId, 'EndpointExists');
    assert.deepEqual(readFileSync(store), before);
  });

  it('the runbook: the old lookup account is refused while it is a principal of the pool, and accepted once it is deleted', async () => {
    const sql = new Database(db);
    const uri = (sql.prepare('SELECT prinUri FROM tblPrincipal WHERE prinTypeID = (SELECT MIN(prinTypeID) FROM tblPrincipal WHERE prinUri LIKE \'sip:%\') AND prinUri LIKE \'sip:%\' LIMIT 1').get() as { prinUri: string }).prinUri;
    sql.close();
    const refused = await refusal('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: uri.toUpperCase().replace('SIP:', 'sip:') });
    assert.equal(refused.errorId, 'SipAddressInUse');
    assert.match(refused.message, /Delete that account first/);
    // The account is deleted (as the runbook says); the principal leaves the pool's cache.
    const write = new Database(db);
    write.pragma('foreign_keys = OFF');
    write.prepare('UPDATE tblPrincipal SET prinUri = ? WHERE prinUri = ?').run('sip:deleted-' + uri.slice(4), uri);
    write.close();
    await run('New-CsPersistentChatEndpoint', { PersistentChatPoolFqdn: POOL, SipAddress: uri });
    assert.equal(propertiesOf((await run('Get-CsPersistentChatEndpoint', { Identity: uri })).output[0]).PersistentChatPoolFqdn, POOL);
  });

  it('pcm: New-, Get-, Remove- in separate processes; -WhatIf saves nothing', async () => {
    const env = { PCM_CONFIG_STORE: store };
    const dry = await pcm(['New-CsPersistentChatEndpoint', '-SipAddress', 'sip:ocschat@litwareinc.com', '-PersistentChatPoolFqdn', POOL, '-WhatIf'], { env });
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal((await pcm(['Get-CsPersistentChatEndpoint', '-OutputFormat', 'Json'], { env })).stdout.trim(), '');
    assert.equal((await pcm(['New-CsPersistentChatEndpoint', '-SipAddress', 'sip:ocschat@litwareinc.com', '-PersistentChatPoolFqdn', POOL], { env })).status, 0);
    const listed = await pcm(['Get-CsPersistentChatEndpoint', '-OutputFormat', 'Json'], { env });
    assert.equal((JSON.parse(listed.stdout.trim()) as Record<string, unknown>).SipAddress, 'sip:ocschat@litwareinc.com');
    assert.equal((await pcm(['Remove-CsPersistentChatEndpoint', 'sip:ocschat@litwareinc.com'], { env })).status, 0);
    assert.equal((await pcm(['Get-CsPersistentChatEndpoint', '-OutputFormat', 'Json'], { env })).stdout.trim(), '');
  });
});
