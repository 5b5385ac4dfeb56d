/**
 * The pipeline in the real PowerShell: `Get-CsPersistentChatRoom | Set-CsPersistentChatRoom -Disabled $True`
 * over a migrated pool of 1,000 rooms runs in one Node host over one database connection, counted by the host itself
 * (PCM_STORE_STATS, store/connection-count.ts), and every room is disabled, as plain SQL over tblNode shows. With
 * PCM_STORE_SESSION=0 each call opens its own connection again, which is what the session saves.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migratedPool, type MigratedPool } from '../admin/support/migrated-pool.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

const POOL = 'atl-pc-001.litwareinc.com';
const ROOMS = 1000;
const STATE = '& (Get-Module PersistentChatMigration) { Get-PcmBridgeState }';

describe('module: a pipeline of room changes shares one store connection in the host', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let fixture: MigratedPool | undefined;

  const count = (sql: string): number => {
    const d = new Database(fixture!.db, { readonly: true });
    try {
      return Number((d.prepare(sql).get() as { n: number }).n);
    } finally {
      d.close();
    }
  };
  const opens = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : []);

  /** Runs `script` in a new session with the module, the fixture's configuration store and the stats file. */
  const inSession = async (stats: string, extra: Record<string, string>, script: string): Promise<Record<string, unknown>> => {
    const session = await Session.open({ PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE!, PCM_STORE_STATS: stats, PCM_LOG_DIR: join(fixture!.dir, 'logs'), ...extra });
    try {
      await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop`);
      await session.run(script);
      return (await session.value(`$result = ${STATE}`)) as Record<string, unknown>;
    } finally {
      await session.dispose();
    }
  };

  before(async function () {
    requireEngine();
    fixture = await migratedPool(POOL, 2000, 'pcm-module-store-session-', ROOMS);
  });

  after(() => fixture?.restore());

  it(`Get-CsPersistentChatRoom | Set-CsPersistentChatRoom -Disabled $True over ${ROOMS} rooms: one host, one connection, every room disabled`, async () => {
    const rooms = count('SELECT count(*) AS n FROM tblNode WHERE nodeType = 0');
    assert.ok(rooms >= ROOMS, `the fixture has ${rooms} rooms`);
    assert.ok(count('SELECT count(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 0') > 0);
    const stats = join(fixture!.dir, 'session.stats');
    const state = await inSession(stats, {}, `Get-CsPersistentChatRoom -PersistentChatPoolFqdn ${psText(POOL)} | Set-CsPersistentChatRoom -Disabled $True`);
    assert.equal(state['HostStarts'], 1);
    assert.deepEqual(opens(stats).map((l) => l.split(' ').slice(1).join(' ')), ['sqlite readWrite'], 'one connection for the Get and the 1,000 Sets');
    assert.equal(count('SELECT count(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 0'), 0);
  });

  it('PCM_STORE_SESSION=0: each call of the pipeline opens its own connection', async () => {
    const stats = join(fixture!.dir, 'no-session.stats');
    await inSession(stats, { PCM_STORE_SESSION: '0' }, `Get-CsPersistentChatRoom -PersistentChatPoolFqdn ${psText(POOL)} -ResultSize 20 | Set-CsPersistentChatRoom -Disabled $False`);
    assert.equal(opens(stats).length, 21, 'the Get and each of the 20 Sets');
    assert.equal(count('SELECT count(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 0'), 20);
  });
});
