/**
 * Test-CsPersistentChatMessage on a real pool database: each step's failure with its diagnosis, a success once a
 * policy enables Persistent Chat, and the room left exactly as it was (the test message is rolled back).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

describe('Test-CsPersistentChatMessage: what can be checked without signing in', () => {
  let dir: string;
  let db: string;
  let previous: string | undefined;
  let users: string[];
  let room: string;

  before(async () => {
    dir = tempDir('pcm-message-test-');
    db = join(dir, 'pc.db');
    await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${db}`, Schema: 'PersistentChat2013', Messages: 50 });
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = join(dir, 'config.db');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: POOL, DBInstance: `sqlite:${db}`, Site: 'Redmond' });
    // Two users eligible in one enabled room's category.
    const { output } = await run('Get-CsAdPrincipal', { Filter: '{ObjectClass -eq "user" -and SipAddress -like "sip:*"}' });
    const sql = new Database(db, { readonly: true });
    const rooms = sql.prepare('SELECT r.nodeName AS room, c.nodeName AS category FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID WHERE r.nodeType = 0 AND r.disabled = 0').all() as { room: string; category: string }[];
    sql.close();
    for (const candidate of rooms) {
      const eligible = (await run('Get-CsPersistentChatEligiblePrincipal', { Category: candidate.category })).output.map((o) => String(propertiesOf(o).SipAddress));
      if (eligible.length >= 2) {
        users = eligible.slice(0, 2);
        room = candidate.room;
        break;
      }
    }
    assert.ok(users && output.length > 0, 'the sample has a room two users may use');
  });

  after(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  async function result(parameters: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { output } = await run('Test-CsPersistentChatMessage', { SenderSipAddress: users[0], ReceiverSipAddress: users[1], ChatRoomUri: `${POOL}\\${room}`, ...parameters });
    return { ...propertiesOf(output[0]) };
  }

  it('fails with a diagnosis when no policy enables Persistent Chat, and succeeds once one does', async () => {
    const off = await result({});
    assert.equal(off.Result, 'Failure');
    assert.match(String(off.Error), /Persistent Chat is not enabled for sip:.*: the policy Global applies/);
    assert.match(String(off.Diagnosis), /Set-CsPersistentChatPolicy|Grant-CsPersistentChatPolicy/);
    await run('New-CsPersistentChatPolicy', { Identity: 'site:Redmond', EnablePersistentChat: true });
    const before = readFileSync(db);
    const on = await result({});
    assert.equal(on.Result, 'Success', String(on.Error));
    assert.equal(on.TargetFqdn, POOL);
    assert.equal(on.Error, null);
    assert.deepEqual(readFileSync(db), before, 'the test message was rolled back: the database is byte for byte as it was');
  });

  it('names what is wrong: an unknown user, a room that does not exist, a disabled room', async () => {
    assert.match(String((await result({ ReceiverSipAddress: 'sip:nobody@litwareinc.com' })).Error), /The receiver sip:nobody@litwareinc\.com is not a principal of atl-pc-001/);
    assert.match(String((await result({ ChatRoomUri: `${POOL}\\No Such Room` })).Error), /There is no room 'No Such Room'/);
    const sql = new Database(db);
    sql.prepare('UPDATE tblNode SET disabled = 1 WHERE nodeName = ?').run(room);
    sql.close();
    try {
      assert.match(String((await result({})).Error), /is disabled/);
    } finally {
      const back = new Database(db);
      back.prepare('UPDATE tblNode SET disabled = 0 WHERE nodeName = ?').run(room);
      back.close();
    }
  });

  it('without a room, picks an enabled room both users may use', async () => {
    const { output } = await run('Test-CsPersistentChatMessage', { SenderSipAddress: users[0], ReceiverSipAddress: users[1] });
    assert.equal(propertiesOf(output[0]).Result, 'Success', String(propertiesOf(output[0]).Error));
  });
});
