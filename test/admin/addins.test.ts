/**
 * The add-in cmdlets over a registered pool's real database: each change seen with plain SQL over Microsoft's tables
 * (tblSiopWhiteList, tblNode.siopID), and each rule's refusal with nothing written.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

describe('add-ins: New-, Get-, Set- and Remove-CsPersistentChatAddin', () => {
  let dir: string;
  let db: string;
  let previous: string | undefined;
  const sql = <T>(query: string, ...args: unknown[]): T[] => {
    const d = new Database(db, { readonly: true });
    try {
      return d.prepare(query).all(...args) as T[];
    } finally {
      d.close();
    }
  };

  beforeEach(async () => {
    dir = tempDir('pcm-addins-');
    db = join(dir, 'pc.db');
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = join(dir, 'config.db');
    await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${db}`, Schema: 'PersistentChat2013', Messages: 10 });
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: POOL, DBInstance: `sqlite:${db}` });
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  it('registers, finds, changes and removes an add-in, each change in tblSiopWhiteList', async () => {
    const before = sql<{ n: number }>('SELECT count(*) AS n FROM tblSiopWhiteList')[0]!.n;
    const { output } = await run('New-CsPersistentChatAddin', { Name: 'ITChatAddin', Url: 'https://atl-cs-001.litwareinc.com/itchat', PersistentChatPoolFqdn: POOL });
    assert.deepEqual({ ...propertiesOf(output[0]) }, { Identity: `${POOL}\\ITChatAddin`, Name: 'ITChatAddin', Url: 'https://atl-cs-001.litwareinc.com/itchat', PersistentChatPoolFqdn: POOL });
    assert.deepEqual(sql('SELECT siopName, siopUrl FROM tblSiopWhiteList WHERE siopName = ?', 'ITChatAddin'), [{ siopName: 'ITChatAddin', siopUrl: 'https://atl-cs-001.litwareinc.com/itchat' }]);
    assert.equal((await run('Get-CsPersistentChatAddin')).output.length, before + 1);
    assert.equal((await run('Get-CsPersistentChatAddin', { Identity: `${POOL}\\itchataddin` })).output.length, 1, 'names compare case-insensitively');
    await run('Set-CsPersistentChatAddin', { Identity: 'ITChatAddin', Url: 'http://atl-cs-002.litwareinc.com/itchat', Name: 'IT Chat' });
    assert.deepEqual(sql('SELECT siopName, siopUrl FROM tblSiopWhiteList WHERE siopName = ?', 'IT Chat'), [{ siopName: 'IT Chat', siopUrl: 'http://atl-cs-002.litwareinc.com/itchat' }]);
    await run('Remove-CsPersistentChatAddin', { Identity: `${POOL}\\IT Chat` });
    assert.equal(sql<{ n: number }>('SELECT count(*) AS n FROM tblSiopWhiteList')[0]!.n, before);
  });

  it('refuses, with the database unchanged: a URL that is not http(s), a name too long or taken, an unknown add-in', async () => {
    const snapshot = readFileSync(db);
    const [existing] = sql<{ siopName: string }>('SELECT siopName FROM tblSiopWhiteList LIMIT 1');
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['New-CsPersistentChatAddin', { Name: 'x', Url: 'javascript:alert(1)' }, /-Url 'javascript:alert\(1\)' is not an http or https address/],
      ['New-CsPersistentChatAddin', { Name: 'x', Url: 'ftp://files.litwareinc.com/' }, /not an http or https address/],
      ['New-CsPersistentChatAddin', { Name: 'x', Url: '/relative/page' }, /not an http or https address/],
      ['New-CsPersistentChatAddin', { Name: 'x', Url: `https://a.litwareinc.com/${'p'.repeat(260)}` }, /at most 255 fit/],
      ['New-CsPersistentChatAddin', { Name: 'N'.repeat(51), Url: 'https://a.litwareinc.com/' }, /longer than 50 characters/],
      ['New-CsPersistentChatAddin', { Name: existing!.siopName.toUpperCase(), Url: 'https://a.litwareinc.com/' }, /already has an add-in named/],
      ['Set-CsPersistentChatAddin', { Identity: 'Nope', Url: 'https://a.litwareinc.com/' }, /There is no add-in 'Nope'/],
      ['Remove-CsPersistentChatAddin', { Identity: 'Nope' }, /There is no add-in 'Nope'/],
    ];
    for (const [name, parameters, message] of cases) assert.match((await refusal(name, parameters)).message, message, `${name} ${JSON.stringify(parameters).slice(0, 80)}`);
    assert.deepEqual(readFileSync(db), snapshot);
  });

  it('an add-in rooms use is removed only with -Force, which takes it off those rooms', async () => {
    const [used] = sql<{ siopID: string; siopName: string; rooms: number }>(
      'SELECT a.siopID, a.siopName, (SELECT count(*) FROM tblNode n WHERE n.siopID = a.siopID) AS rooms FROM tblSiopWhiteList a ORDER BY rooms DESC LIMIT 1',
    );
    assert.ok(used!.rooms > 0, 'the sample has an add-in in use');
    const refused = await refusal('Remove-CsPersistentChatAddin', { Identity: used!.siopName });
    assert.equal(refused.errorId, 'AddinInUse');
    assert.match(refused.message, new RegExp(`used by ${used!.rooms} room`));
    await run('Remove-CsPersistentChatAddin', { Identity: used!.siopName, Force: true });
    assert.equal(sql('SELECT 1 FROM tblSiopWhiteList WHERE siopID = ?', used!.siopID).length, 0);
    assert.equal(sql('SELECT 1 FROM tblNode WHERE siopID = ?', used!.siopID).length, 0, 'no room names it any more');
  });

  it('-WhatIf changes nothing; pcm runs them in separate processes', async () => {
    const snapshot = readFileSync(db);
    await run('Set-CsPersistentChatAddin', { Identity: sql<{ siopName: string }>('SELECT siopName FROM tblSiopWhiteList LIMIT 1')[0]!.siopName, Url: 'https://x.litwareinc.com/', WhatIf: true });
    assert.deepEqual(readFileSync(db), snapshot);
    const env = { PCM_CONFIG_STORE: join(dir, 'config.db') };
    const made = await pcm(['New-CsPersistentChatAddin', '-Name', 'Wiki2', '-Url', 'https://wiki.litwareinc.com/', '-OutputFormat', 'Json'], { env });
    assert.equal(made.status, 0, made.stderr);
    assert.equal((JSON.parse(made.stdout.trim()) as Record<string, unknown>).Identity, `${POOL}\\Wiki2`);
    const bad = await pcm(['New-CsPersistentChatAddin', '-Name', 'Bad', '-Url', 'file:///etc/passwd'], { env });
    assert.equal(bad.status, 2, 'a refused value is bad usage on pcm');
    assert.match(bad.stderr, /not an http or https address/);
  });
});
