/**
 * The store session the long-lived host keeps (admin/store-session.ts), over a migrated pool's real SQLite file: one
 * connection serves calls that read and write, and it is never stale: another writer's commits are seen, a file put
 * in place of the database (a restore) or a pool moved to another database is reopened, a deleted file fails as it
 * would without a session, an idle connection is closed, and PCM_STORE_SESSION=0 keeps every call on its own.
 * Connections are counted where the store opens them (store/connection-count.ts).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { endStoreSession, startStoreSession, storeSessionActive } from '../../admin/store-session.js';
import { connectionsOpened } from '../../store/connection-count.js';
import { propertiesOf } from '../support/recording-context.js';
import { migratedPool, type MigratedPool } from './support/migrated-pool.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';
const IDLE = 300;

describe('store session: one kept connection per pool in the long-lived host, never stale', () => {
  let fixture: MigratedPool | undefined;
  let db: string;
  let room: string;

  const exec = (file: string, query: string, ...args: unknown[]): void => {
    const d = new Database(file);
    try {
      d.prepare(query).run(...args);
    } finally {
      d.close();
    }
  };
  const description = async (): Promise<string> => propertiesOf((await run('Get-CsPersistentChatRoom', { Identity: `${POOL}\\${room}` })).output[0])['Description'] as string;
  /** Connections opened while `fn` runs. */
  const opens = async (fn: () => Promise<unknown>): Promise<number> => {
    const before = connectionsOpened();
    await fn();
    return connectionsOpened() - before;
  };

  before(async () => {
    fixture = await migratedPool(POOL, 500, 'pcm-store-session-');
    db = fixture.db;
    const d = new Database(db, { readonly: true });
    room = (d.prepare('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 ORDER BY nodeID LIMIT 1').get() as { n: string }).n;
    d.close();
  });

  beforeEach(() => assert.ok(startStoreSession({}, IDLE)));
  afterEach(() => endStoreSession());
  after(() => fixture?.restore());

  it('reads and writes of many calls share one connection', async () => {
    const n = await opens(async () => {
      for (let i = 0; i < 5; i++) {
        await run('Get-CsPersistentChatRoom', { Identity: `${POOL}\\${room}` });
        await run('Set-CsPersistentChatRoom', { Identity: `${POOL}\\${room}`, Description: `call ${i}` });
      }
      await run('Get-CsPersistentChatCategory', {});
    });
    assert.equal(n, 1);
    assert.equal(await description(), 'call 4');
  });

  it("sees what another writer commits between calls, on the same connection", async () => {
    await description();
    const n = await opens(async () => {
      exec(db, 'UPDATE tblNode SET nodeDesc = ? WHERE nodeName = ?', 'written by another process', room);
      assert.equal(await description(), 'written by another process');
    });
    assert.equal(n, 0);
  });

  it('reopens when another file is put in place of the database (a restore), and reads that file', async () => {
    await description();
    const copy = join(fixture!.dir, 'restored.db');
    copyFileSync(db, copy);
    exec(copy, 'UPDATE tblNode SET nodeDesc = ? WHERE nodeName = ?', 'from the restored file', room);
    renameSync(copy, db);
    const n = await opens(async () => assert.equal(await description(), 'from the restored file'));
    assert.equal(n, 1);
  });

  it('reopens when the pool is moved to another database, and reads that one', async () => {
    await description();
    const other = join(fixture!.dir, 'moved.db');
    copyFileSync(db, other);
    exec(other, 'UPDATE tblNode SET nodeDesc = ? WHERE nodeName = ?', 'from the moved database', room);
    try {
      await run('Set-PcmPersistentChatPool', { Identity: POOL, DBInstance: `sqlite:${other}` });
      assert.equal(await description(), 'from the moved database');
      await run('Set-PcmPersistentChatPool', { Identity: POOL, DBInstance: `sqlite:${db}` });
      assert.notEqual(await description(), 'from the moved database');
    } finally {
      await run('Set-PcmPersistentChatPool', { Identity: POOL, DBInstance: `sqlite:${db}` });
    }
  });

  it('a deleted database fails as it would without a session, and nothing is recreated', async () => {
    await description();
    const aside = `${db}.aside`;
    renameSync(db, aside);
    try {
      const error = await refusal('Get-CsPersistentChatRoom', { Identity: `${POOL}\\${room}` });
      assert.match(error.message, /does not exist/);
      assert.equal(existsSync(db), false, 'the session recreated the database file');
    } finally {
      rmSync(db, { force: true });
      renameSync(aside, db);
    }
    assert.equal(typeof (await description()), 'string', 'the pool reads again once the file is back');
  });

  it('closes a connection left idle, and opens a new one for the next call', async () => {
    assert.equal(await opens(() => description()), 1);
    await sleep(IDLE * 3);
    assert.equal(await opens(() => description()), 1);
    assert.equal(await opens(() => description()), 0);
  });

  it('PCM_STORE_SESSION=0 keeps it off: every call opens its own connection', async () => {
    await endStoreSession();
    assert.equal(startStoreSession({ PCM_STORE_SESSION: '0' }), false);
    assert.equal(storeSessionActive(), false);
    assert.equal(await opens(async () => {
      for (let i = 0; i < 3; i++) await description();
    }), 3);
  });
});
