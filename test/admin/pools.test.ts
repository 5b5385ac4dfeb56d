/**
 * The pool registry: New-, Get-, Set- and Remove-PcmPersistentChatPool on a real configuration store (a SQLite file
 * named by PCM_CONFIG_STORE), over real embedded databases, called directly and through the pcm command line.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { configStorePath } from '../../store/config/config-location.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run, refusal } from './support/run-cmdlet.js';


function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('pools: the registry of which database serves a pool', () => {
  let dir: string;
  let store: string;
  let previous: string | undefined;

  beforeEach(() => {
    dir = tempDir('pcm-pools-');
    store = join(dir, 'config', 'store.db');
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = store;
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  it('registers a pool over a new embedded database, which it creates with the Persistent Chat schema', async () => {
    const db = join(dir, 'pc.db');
    const { output } = await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'ATL-pc-001.litwareinc.com', DBInstance: `sqlite:${db}`, Site: 'Atlanta', PassThru: true });
    const pool = propertiesOf(output[0]);
    assert.equal(pool.Identity, 'ATL-pc-001.litwareinc.com');
    assert.equal(pool.DBInstance, `sqlite:${db}`);
    assert.equal(pool.DBName, 'mgc');
    assert.equal(pool.Site, 'Atlanta');
    assert.ok(tables(db).includes('tblNode') && tables(db).includes('tblSiopWhiteList'), 'the mgc schema');
    assert.ok(tables(store).includes('pcmPool') && tables(store).every((t) => t.startsWith('pcm')), 'only our own tables in the store');
    // Found again case-insensitively, by -Identity and by -Filter.
    const found = await run('Get-PcmPersistentChatPool', { Identity: 'atl-PC-001.LITWAREINC.com' });
    assert.equal(propertiesOf(found.output[0]).Identity, 'ATL-pc-001.litwareinc.com');
    assert.equal((await run('Get-PcmPersistentChatPool', { Filter: 'atl-*.litwareinc.com' })).output.length, 1);
    assert.equal((await run('Get-PcmPersistentChatPool', { Filter: 'dub-*' })).output.length, 0);
  });

  it('saves a relative embedded path as an absolute one, so another folder finds the same database', async () => {
    const cwd = process.cwd();
    mkdirSync(join(dir, 'rel'));
    process.chdir(dir);
    try {
      await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'a.litwareinc.com', DBInstance: 'sqlite:rel/pc.db' });
    } finally {
      process.chdir(cwd);
    }
    assert.equal(propertiesOf((await run('Get-PcmPersistentChatPool', {})).output[0]).DBInstance, `sqlite:${join(dir, 'rel', 'pc.db')}`);
    const missing = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'b.litwareinc.com', DBInstance: `sqlite:${join(dir, 'nowhere', 'pc.db')}` });
    assert.equal(missing.errorId, 'PoolDatabaseFolderMissing');
    assert.equal(existsSync(join(dir, 'nowhere')), false);
  });

  it('refuses, with nothing written: a name that is not an FQDN, a second registration, a database another pool uses, a Group Chat database', async () => {
    const db = join(dir, 'pc.db');
    for (const fqdn of ['pcpool', '-bad.litwareinc.com', 'a..b', 'x_y.contoso.com']) {
      const error = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: fqdn, DBInstance: `sqlite:${db}` });
      assert.match(error.message, new RegExp(`-PersistentChatPoolFqdn '${fqdn.replace(/\./g, '\\.')}' is not a pool FQDN`));
    }
    assert.equal(existsSync(store), false, 'no store was created for a refused registration');
    assert.equal(existsSync(db), false, 'nor a database');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'a.litwareinc.com', DBInstance: `sqlite:${db}` });
    const before = readFileSync(store);
    const again = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'A.LitwareInc.com', DBInstance: `sqlite:${join(dir, 'other.db')}` });
    assert.equal(again.errorId, 'PoolExists');
    assert.match(again.message, /Set-PcmPersistentChatPool/);
    const shared = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'b.litwareinc.com', DBInstance: `sqlite:${join(dir, '.', 'x', '..', 'pc.db')}` });
    assert.equal(shared.errorId, 'PoolDatabaseInUse');
    assert.match(shared.message, /already serves the pool 'a\.litwareinc\.com'/);
    assert.equal(existsSync(join(dir, 'other.db')), false);
    assert.deepEqual(readFileSync(store), before, 'the store is unchanged');

    const legacy = join(dir, 'legacy.db');
    await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${legacy}`, Messages: 10 });
    const wrong = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'c.litwareinc.com', DBInstance: `sqlite:${legacy}` });
    assert.equal(wrong.errorId, 'PoolDatabaseNotPersistentChat');
    assert.match(wrong.message, /Export- and Import-CsPersistentChatData/);
    assert.equal((await run('Get-PcmPersistentChatPool', {})).output.length, 1);
  });

  it('-WhatIf creates neither the database nor the registration', async () => {
    const db = join(dir, 'pc.db');
    const { context } = await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'a.litwareinc.com', DBInstance: `sqlite:${db}`, WhatIf: true });
    assert.ok(context.verboseMessages.some((m) => m.includes('would create the embedded Persistent Chat database')));
    assert.equal(existsSync(db), false);
    assert.equal(existsSync(store), false);
  });

  it('changes a registration after checking the new database, and removes it without touching the database', async () => {
    const first = join(dir, 'one.db');
    const second = join(dir, 'two.db');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'a.litwareinc.com', DBInstance: `sqlite:${first}` });
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'b.litwareinc.com', DBInstance: `sqlite:${second}` });
    const taken = await refusal('Set-PcmPersistentChatPool', { Identity: 'a.litwareinc.com', DBInstance: `sqlite:${second}` });
    assert.equal(taken.errorId, 'PoolDatabaseInUse');
    const { output } = await run('Set-PcmPersistentChatPool', { Identity: 'A.litwareinc.com', Site: 'Dublin', PassThru: true });
    assert.equal(propertiesOf(output[0]).Site, 'Dublin');
    assert.equal(propertiesOf(output[0]).DBInstance, `sqlite:${first}`);
    const missing = await refusal('Set-PcmPersistentChatPool', { Identity: 'z.litwareinc.com', Site: 'x' });
    assert.equal(missing.errorId, 'PoolNotFound');
    assert.match(missing.message, /New-PcmPersistentChatPool registers one/);

    await run('Remove-PcmPersistentChatPool', { Identity: 'a.litwareinc.com' });
    assert.deepEqual((await run('Get-PcmPersistentChatPool', {})).output.map((o) => propertiesOf(o).Identity), ['b.litwareinc.com']);
    assert.ok(tables(first).includes('tblNode'), 'the database of the removed pool is still there');
    assert.equal((await refusal('Remove-PcmPersistentChatPool', { Identity: 'a.litwareinc.com' })).errorId, 'PoolNotFound');
    assert.equal((await refusal('Get-PcmPersistentChatPool', { Identity: 'a.litwareinc.com' })).errorId, 'PoolNotFound');
  });

  it('never takes another database for the configuration store, and never creates one to read', async () => {
    const db = join(dir, 'pc.db');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'a.litwareinc.com', DBInstance: `sqlite:${db}` });
    process.env.PCM_CONFIG_STORE = db;
    const before = readFileSync(db);
    const error = await refusal('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: 'b.litwareinc.com', DBInstance: `sqlite:${join(dir, 'b.db')}` });
    assert.match(error.message, /is a database of another kind .* not a configuration store and was not changed/);
    assert.deepEqual(readFileSync(db), before);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, but long enough to look like a header of some kind.......................');
    process.env.PCM_CONFIG_STORE = text;
    assert.match((await refusal('Get-PcmPersistentChatPool', {})).message, /is not a SQLite file/);
    process.env.PCM_CONFIG_STORE = join(dir, 'never.db');
    assert.equal((await run('Get-PcmPersistentChatPool', {})).output.length, 0);
    assert.equal(existsSync(join(dir, 'never.db')), false);
  });

  it('keeps the store at PCM_CONFIG_STORE, else in ProgramData on Windows and the XDG state folder elsewhere', () => {
    assert.equal(configStorePath({ PCM_CONFIG_STORE: '/x/y.db' }, 'linux'), '/x/y.db');
    assert.equal(configStorePath({ ProgramData: 'D:\\PD' }, 'win32'), 'D:\\PD\\PersistentChatMigration\\ConfigurationStore.db');
    assert.equal(configStorePath({ XDG_STATE_HOME: '/state' }, 'linux'), '/state/persistentchatmigration/ConfigurationStore.db');
    assert.match(configStorePath({}, 'linux'), /\/\.local\/state\/persistentchatmigration\/ConfigurationStore\.db$/);
  });

  it('pcm: registrations persist from one process to the next; a misspelt pool exits 1 naming it', async () => {
    const env = { PCM_CONFIG_STORE: store };
    const db = join(dir, 'pc.db');
    const made = await pcm(['New-PcmPersistentChatPool', 'a.litwareinc.com', `sqlite:${db}`, '-Site', 'Atlanta'], { env });
    assert.equal(made.status, 0, made.stderr);
    const listed = await pcm(['Get-PcmPersistentChatPool', '-OutputFormat', 'Json'], { env });
    assert.equal(listed.status, 0, listed.stderr);
    const [pool] = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(pool!.Identity, 'a.litwareinc.com');
    assert.equal(pool!.Site, 'Atlanta');
    const wrong = await pcm(['Get-PcmPersistentChatPool', 'b.litwareinc.com'], { env });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /No pool 'b\.litwareinc\.com' is registered/);
  });

  it('two processes registering at once: each registration is kept, none is lost or merged', async () => {
    const env = { PCM_CONFIG_STORE: store };
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pcm(['New-PcmPersistentChatPool', `p${i}.litwareinc.com`, `sqlite:${join(dir, `p${i}.db`)}`], { env })),
    );
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    const db = new Database(store, { readonly: true });
    try {
      assert.equal((db.prepare('SELECT count(*) AS n FROM pcmPool').get() as { n: number }).n, 6);
    } finally {
      db.close();
    }
  });
});
