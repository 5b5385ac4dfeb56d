/**
 * Get-CsPersistentChatEligiblePrincipal over a migrated sample: for every category the users it returns are those a
 * recursive SQL query over Microsoft's tables (tblScopePrincipal, tblPrincipalAffiliations) finds, written here
 * independently of core/membership.ts; deny wins through a group; presenters only in auditoriums.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { PcmError } from '../../core/errors.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

/** Users within a node's scope: self or any group reached through memberships is allowed, and none is denied. */
const EXPECTED = `
WITH RECURSIVE reach(principal, ancestor) AS (
  SELECT prinID, prinID FROM tblPrincipal
  UNION
  SELECT reach.principal, a.affiliationID FROM reach JOIN tblPrincipalAffiliations a ON a.principalID = reach.ancestor
)
SELECT p.prinUri AS uri FROM tblPrincipal p
WHERE p.prinTypeID = 5 AND p.prinDisabled = 0
  AND EXISTS (SELECT 1 FROM reach r JOIN tblScopePrincipal s ON s.scopePrinID = r.ancestor WHERE r.principal = p.prinID AND s.scopeNodeID = ? AND s.scopeIsDenied = 0)
  AND NOT EXISTS (SELECT 1 FROM reach r JOIN tblScopePrincipal s ON s.scopePrinID = r.ancestor WHERE r.principal = p.prinID AND s.scopeNodeID = ? AND s.scopeIsDenied = 1)
ORDER BY p.prinUri`;

describe('eligible principals: who may be in a category\'s rooms', () => {
  let dir: string;
  let db: string;
  let previous: string | undefined;

  before(async () => {
    dir = tempDir('pcm-eligible-');
    db = join(dir, 'pc.db');
    await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${db}`, Schema: 'PersistentChat2013', Messages: 10 });
    previous = process.env.PCM_CONFIG_STORE;
    process.env.PCM_CONFIG_STORE = join(dir, 'config.db');
    await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: POOL, DBInstance: `sqlite:${db}` });
  });

  after(() => {
    if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
    else process.env.PCM_CONFIG_STORE = previous;
  });

  const eligible = async (parameters: Record<string, unknown>): Promise<string[]> =>
    (await run('Get-CsPersistentChatEligiblePrincipal', parameters)).output.map((o) => String(propertiesOf(o).SipAddress)).sort();

  it('matches the recursive SQL for every category, by name and pool-qualified name', async () => {
    const sql = new Database(db, { readonly: true });
    const categories = sql.prepare('SELECT nodeID, nodeName FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID').all() as { nodeID: number; nodeName: string }[];
    let nonEmpty = 0;
    for (const category of categories) {
      const expected = (sql.prepare(EXPECTED).all(category.nodeID, category.nodeID) as { uri: string }[]).map((r) => r.uri).sort();
      if (expected.length > 0) nonEmpty++;
      assert.deepEqual(await eligible({ Category: `${POOL}\\${category.nodeName}` }), expected, category.nodeName);
    }
    sql.close();
    assert.ok(nonEmpty >= 3, 'the sample gives categories with eligible users');
    const first = categories[0]!;
    assert.deepEqual(await eligible({ Category: first.nodeName.toUpperCase() }), await eligible({ Category: `${POOL}\\${first.nodeName}` }));
  });

  it('a denied group excludes its members although a wider group allows them; -Filter and -ResultSize', async () => {
    const sql = new Database(db);
    const category = sql.prepare("SELECT nodeID, nodeName FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID AND nodeID IN (SELECT scopeNodeID FROM tblScopePrincipal WHERE scopeIsDenied = 0) LIMIT 1").get() as { nodeID: number; nodeName: string };
    const before = await eligible({ Category: category.nodeName });
    assert.ok(before.length > 1);
    // Deny a group that one of the eligible users belongs to.
    const groupOf = sql.prepare(
      'SELECT a.affiliationID AS id FROM tblPrincipalAffiliations a JOIN tblPrincipal p ON p.prinID = a.principalID JOIN tblPrincipal g ON g.prinID = a.affiliationID ' +
        'WHERE p.prinUri = ? AND g.prinTypeID = 9 AND a.affiliationID NOT IN (SELECT scopePrinID FROM tblScopePrincipal WHERE scopeNodeID = ?) LIMIT 1',
    );
    const user = before.find((u) => groupOf.get(u, category.nodeID) !== undefined)!;
    assert.ok(user, 'an eligible user is in a group the category does not name');
    const group = groupOf.get(user, category.nodeID) as { id: number };
    sql.prepare('INSERT INTO tblScopePrincipal (scopeNodeID, scopePrinID, scopeIsDenied, scopeUpdatedBy) VALUES (?, ?, 1, 1)').run(category.nodeID, group.id);
    const members = new Set((sql.prepare(`WITH RECURSIVE m(id) AS (SELECT principalID FROM tblPrincipalAffiliations WHERE affiliationID = ? UNION SELECT a.principalID FROM tblPrincipalAffiliations a JOIN m ON a.affiliationID = m.id) SELECT p.prinUri AS uri FROM m JOIN tblPrincipal p ON p.prinID = m.id`).all(group.id) as { uri: string }[]).map((r) => r.uri));
    sql.close();
    const after = await eligible({ Category: category.nodeName });
    assert.deepEqual(after, before.filter((u) => !members.has(u)));
    assert.ok(!after.includes(user));
    const some = after.filter((u) => u.includes('a'));
    assert.deepEqual(await eligible({ Category: category.nodeName, Filter: '*a*' }), some);
    assert.equal((await eligible({ Category: category.nodeName, ResultSize: 1 })).length, Math.min(1, after.length));
  });

  it('-Room uses its category; -Presenters only in an auditorium; unknown names are refused', async () => {
    const sql = new Database(db, { readonly: true });
    const auditorium = sql.prepare('SELECT r.nodeName AS room, c.nodeName AS category FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID WHERE r.nodeType = 0 AND r.behavior = 5 LIMIT 1').get() as { room: string; category: string };
    const normal = sql.prepare('SELECT nodeName AS room FROM tblNode WHERE nodeType = 0 AND behavior = 4 LIMIT 1').get() as { room: string };
    sql.close();
    assert.deepEqual(await eligible({ Room: auditorium.room, Presenters: true }), await eligible({ Category: auditorium.category }));
    const refused = await run('Get-CsPersistentChatEligiblePrincipal', { Room: normal.room, Presenters: true }).catch((e: unknown) => e);
    assert.ok(refused instanceof PcmError && refused.errorId === 'NotAnAuditorium', String(refused));
    const missing = await run('Get-CsPersistentChatEligiblePrincipal', { Category: 'No Such Category' }).catch((e: unknown) => e);
    assert.ok(missing instanceof PcmError && missing.errorId === 'CategoryNotFound');
  });
});
