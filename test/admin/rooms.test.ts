/**
 * Get-CsPersistentChatRoom over a migrated pool database: each documented filter returns exactly the rooms a plain
 * SQL query over Microsoft's tables (tblNode, tblPrincipalRole, tblRoleType, tblSiopWhiteList, tblChat) selects.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { propertiesOf } from '../support/recording-context.js';
import { migratedPool, type MigratedPool } from './support/migrated-pool.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

describe('rooms: Get-CsPersistentChatRoom and its filters', () => {
  let fixture: MigratedPool | undefined;
  let db: string;
  const sqlNames = (query: string, ...args: unknown[]): string[] => {
    const d = new Database(db, { readonly: true });
    try {
      return (d.prepare(query).all(...args) as { n: string }[]).map((r) => r.n).sort();
    } finally {
      d.close();
    }
  };
  const names = async (parameters: Record<string, unknown>): Promise<string[]> => (await run('Get-CsPersistentChatRoom', parameters)).output.map((o) => String(propertiesOf(o).Name)).sort();
  const ROLE = (role: string): string => `SELECT DISTINCT n.nodeName AS n FROM tblNode n JOIN tblPrincipalRole r ON r.prinRoleNodeID = n.nodeID JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE n.nodeType = 0 AND t.rtypeDesc = '${role}' AND p.prinUri = ?`;

  before(async () => {
    fixture = await migratedPool(POOL, 3000, 'pcm-rooms-');
    db = fixture.db;
  });

  after(() => fixture?.restore());

  it('every room; by disabled, privacy, type, invitations, category and add-in, as SQL selects them', async () => {
    assert.deepEqual(await names({}), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0'));
    assert.deepEqual(await names({ Disabled: true }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND disabled = 1'));
    assert.deepEqual(await names({ Disabled: false }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND disabled = 0'));
    assert.deepEqual(await names({ Type: 'Auditorium' }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND behavior = 5'));
    assert.deepEqual(await names({ Privacy: 'Open' }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND visibility = 6'));
    assert.deepEqual(await names({ Privacy: 'Secret' }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND visibility = 2'));
    assert.deepEqual(await names({ Invitations: 'False' }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND invite = 0'));
    const [category] = sqlNames('SELECT c.nodeName AS n FROM tblNode c WHERE c.nodeType = 1 AND EXISTS (SELECT 1 FROM tblNode r WHERE r.parentID = c.nodeID AND r.nodeType = 0) LIMIT 1');
    assert.deepEqual(await names({ Category: `${POOL}\\${category}` }), sqlNames('SELECT r.nodeName AS n FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID WHERE r.nodeType = 0 AND c.nodeName = ?', category));
    const [addin] = sqlNames('SELECT a.siopName AS n FROM tblSiopWhiteList a WHERE EXISTS (SELECT 1 FROM tblNode r WHERE r.siopID = a.siopID) LIMIT 1');
    assert.deepEqual(await names({ Addin: addin }), sqlNames('SELECT r.nodeName AS n FROM tblNode r JOIN tblSiopWhiteList a ON a.siopID = r.siopID WHERE a.siopName = ?', addin));
    const several = await names({ Type: 'Normal', Disabled: false, Invitations: 'Inherit' });
    assert.deepEqual(several, sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND behavior = 4 AND disabled = 0 AND invite IS NULL'));
  });

  it('by manager and member (SIP address), by -Filter on names and descriptions, by content size, and -ResultSize', async () => {
    const [manager] = sqlNames("SELECT p.prinUri AS n FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE t.rtypeDesc = 'Manager' AND p.prinUri LIKE 'sip:%' LIMIT 1");
    assert.deepEqual(await names({ Manager: manager }), sqlNames(ROLE('Manager'), manager));
    const [member] = sqlNames("SELECT p.prinUri AS n FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE t.rtypeDesc = 'Member' AND p.prinUri LIKE 'sip:%' LIMIT 1");
    assert.deepEqual(await names({ Member: member }), sqlNames(ROLE('Member'), member));
    assert.deepEqual(await names({ Member: 'sip:nobody@nowhere.example' }), []);
    assert.deepEqual(await names({ Filter: 'Room 00' }), sqlNames("SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND nodeName LIKE '%Room 00%'"));
    assert.deepEqual(await names({ Filter: '{Name -like "Sales*"}' }), sqlNames("SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND nodeName LIKE 'Sales%'"));
    const [word] = sqlNames("SELECT nodeDesc AS n FROM tblNode WHERE nodeType = 0 AND length(nodeDesc) > 3 LIMIT 1").map((d) => d.split(/\s+/)[0]!);
    assert.deepEqual(await names({ Filter: word, SearchDescription: true }), sqlNames('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 AND (instr(lower(nodeName), lower(?)) > 0 OR instr(lower(nodeDesc), lower(?)) > 0)', word, word));
    assert.deepEqual(
      await names({ ChatContentExceedsMB: 0 }),
      sqlNames('SELECT n.nodeName AS n FROM tblNode n WHERE n.nodeType = 0 AND (SELECT COALESCE(SUM(length(CAST(content AS BLOB))), 0) FROM tblChat c WHERE c.channelID = n.nodeID) > 0'),
    );
    assert.equal((await names({ ResultSize: 3 })).length, 3);
    assert.deepEqual(await names({ ResultSize: 0 }), []);
  });

  it('one room by identity with its roles; display names with -AsObject; an unknown room is refused', async () => {
    const [room] = sqlNames("SELECT n.nodeName AS n FROM tblNode n WHERE n.nodeType = 0 AND EXISTS (SELECT 1 FROM tblPrincipalRole r WHERE r.prinRoleNodeID = n.nodeID) LIMIT 1");
    const one = propertiesOf((await run('Get-CsPersistentChatRoom', { Identity: `${POOL}\\${room!.toLowerCase()}` })).output[0]);
    assert.equal(one.Name, room);
    const roleUris = sqlNames('SELECT p.prinUri AS n FROM tblNode n JOIN tblPrincipalRole r ON r.prinRoleNodeID = n.nodeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE n.nodeName = ?', room);
    assert.deepEqual([...new Set([...(one.Members as string[]), ...(one.Managers as string[]), ...(one.Presenters as string[])])].sort(), [...new Set(roleUris)].sort());
    const named = propertiesOf((await run('Get-CsPersistentChatRoom', { Identity: room, AsObject: true })).output[0]);
    assert.ok([...(named.Members as string[]), ...(named.Managers as string[])].every((n) => !/^(sip:|ma-grp:)/.test(n)));
    assert.equal((await refusal('Get-CsPersistentChatRoom', { Identity: 'No Such Room' })).errorId, 'RoomNotFound');
  });
});
