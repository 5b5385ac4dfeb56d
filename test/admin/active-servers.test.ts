/** A pool's servers and Set-CsPersistentChatActiveServer: list changes, -Swap, $null, and the documented limits. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyListModifier, toListModifier } from '../../core/list-modifier.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run, refusal } from './support/run-cmdlet.js';

const servers = (n: number, prefix = 'atl-pcs'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-00${i + 1}.litwareinc.com`);

async function active(pool = 'atl-pc-001.litwareinc.com'): Promise<string[]> {
  return propertiesOf((await run('Get-PcmPersistentChatPool', { Identity: pool })).output[0]).ActiveServers as string[];
}

describe('active servers: which servers of a pool accept new connections', () => {
  let dir: string;
  let previous: string | undefined;

  beforeEach(async () => {
    dir = tempDir('pcm-active-');
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = join(dir, 'config.db');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'atl-pc-001.litwareinc.com', DBInstance: `sqlite:${join(dir, 'a.db')}`, Servers: servers(6) });
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  it('reads PSListModifier as PowerShell passes it and as pcm writes it', () => {
    assert.deepEqual(toListModifier(new Map<string, unknown>([['Add', ['a', 'b']], ['remove', 'c']]), 'X'), { add: ['a', 'b'], remove: ['c'] });
    assert.deepEqual(toListModifier("@{Add='a','b'; Remove=\"c\"}", 'X'), { add: ['a', 'b'], remove: ['c'] });
    assert.deepEqual(toListModifier('a, b', 'X'), { replace: ['a', 'b'] });
    assert.equal(toListModifier('$null', 'X'), null);
    assert.equal(toListModifier(null, 'X'), null);
    assert.throws(() => toListModifier(new Map([['Append', 'a']]), 'ActiveServers'), /-ActiveServers: 'Append' is not a list change; use Add, Remove or Replace/);
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
    assert.deepEqual(applyListModifier(['a', 'b'], { add: ['B', 'c'], remove: ['a'] }, same), ['b', 'c']);
    assert.deepEqual(applyListModifier(['a'], { replace: ['x', 'y'], remove: ['y'] }, same), ['x']);
    assert.deepEqual(applyListModifier(['a'], null, same), []);
  });

  it('the first four servers start active; Remove, Add, $null and -Swap change them', async () => {
    const all = servers(6);
    assert.deepEqual(await active(), all.slice(0, 4));
    await run('Set-CsPersistentChatActiveServer', { Identity: 'global', ActiveServers: new Map([['Remove', [all[0]!.toUpperCase()]]]) });
    assert.deepEqual(await active(), all.slice(1, 4));
    await run('Set-CsPersistentChatActiveServer', { ActiveServers: new Map([['Add', all[5]!]]) });
    assert.deepEqual(await active(), [...all.slice(1, 4), all[5]]);
    await run('Set-CsPersistentChatActiveServer', { Identity: 'global', Swap: true });
    assert.deepEqual(await active(), [all[0], all[4]]);
    await run('Set-CsPersistentChatActiveServer', { Identity: 'PChatServerCollection', ActiveServers: null });
    assert.deepEqual(await active(), []);
  });

  it('refuses more than four active servers, a server of no pool, a server of another pool, more than eight servers', async () => {
    const all = servers(6);
    assert.equal((await refusal('Set-CsPersistentChatActiveServer', { ActiveServers: all.slice(0, 5) })).errorId, 'TooManyActiveServers');
    assert.equal((await refusal('Set-CsPersistentChatActiveServer', { ActiveServers: new Map([['Add', 'other.litwareinc.com']]) })).errorId, 'ServerNotInPool');
    assert.deepEqual(await active(), all.slice(0, 4), 'nothing changed');
    const taken = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'dub-pc-001.litwareinc.com', DBInstance: `sqlite:${join(dir, 'd.db')}`, Servers: [all[0]!] });
    assert.equal(taken.errorId, 'ServerInAnotherPool');
    assert.equal((await run('Get-PcmPersistentChatPool', {})).output.length, 1, 'the refused pool was not registered');
    assert.equal((await refusal('Set-PcmPersistentChatPool', { Identity: 'atl-pc-001.litwareinc.com', Servers: servers(9) })).errorId, 'TooManyServers');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'dub-pc-001.litwareinc.com', DBInstance: `sqlite:${join(dir, 'd.db')}` });
    await run('Set-CsPersistentChatActiveServer', { Swap: true });
    assert.deepEqual(await active(), all.slice(4), 'global is the only pool with servers');
    await run('Set-CsPersistentChatActiveServer', { Identity: 'global', Swap: true });
    await run('Set-PcmPersistentChatPool', { Identity: 'dub-pc-001.litwareinc.com', Servers: servers(2, 'dub-pcs') });
    assert.equal((await refusal('Set-CsPersistentChatActiveServer', { Swap: true })).errorId, 'IdentityRequired');
    await run('Set-PcmPersistentChatPool', { Identity: 'dub-pc-001.litwareinc.com', Servers: [] });
    assert.equal((await refusal('Set-CsPersistentChatActiveServer', { Identity: 'service:PersistentChatServer:dub-pc-001.litwareinc.com', Swap: true })).errorId, 'PoolServersUnknown');
    await run('Set-CsPersistentChatActiveServer', { Identity: 'service:PersistentChatServer:atl-pc-001.litwareinc.com', Swap: true });
    assert.deepEqual(await active(), all.slice(4));
  });

  it('pcm: -ActiveServers "@{Remove=...}" and $null', async () => {
    const env = { PCM_CONFIG_STORE: join(dir, 'config.db') };
    const removed = await pcm(['Set-CsPersistentChatActiveServer', '-ActiveServers', "@{Remove='atl-pcs-001.litwareinc.com','atl-pcs-002.litwareinc.com'}"], { env });
    assert.equal(removed.status, 0, removed.stderr);
    assert.deepEqual(await active(), servers(4).slice(2));
    assert.equal((await pcm(['Set-CsPersistentChatActiveServer', '-ActiveServers', '$null'], { env })).status, 0);
    assert.deepEqual(await active(), []);
  });
});
