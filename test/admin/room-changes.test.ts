/**
 * New-, Set- and Remove-CsPersistentChatRoom over a migrated pool database, each change read back with plain SQL over
 * Microsoft's tables (tblNode, tblPrincipalRole, tblRoleType, tblChat), and each of Microsoft's rules shown twice:
 * the refusal (an error naming the room and the rule, the database file byte-identical) and the allowed case. The
 * `pcm` command line writes list changes as PowerShell does (@{Add=...}, $null).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf } from '../support/recording-context.js';
import { migratedPool, type MigratedPool } from './support/migrated-pool.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

interface NodeRow {
  nodeID: number;
  parentID: number;
  nodeName: string;
  nodeDesc: string;
  invite: number | null;
  disabled: number;
  behavior: number;
  visibility: number;
  siopID: string | null;
}

describe('rooms: New-, Set- and Remove-CsPersistentChatRoom and the rules where rooms change', () => {
  let fixture: MigratedPool | undefined;
  let db: string;

  const withDb = <T>(fn: (d: Database.Database) => T): T => {
    const d = new Database(db);
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  const sql = <T>(query: string, ...args: unknown[]): T[] => withDb((d) => d.prepare(query).all(...args) as T[]);
  const exec = (query: string, ...args: unknown[]): void => withDb((d) => void d.prepare(query).run(...args));
  const node = (name: string): NodeRow | undefined => sql<NodeRow>('SELECT nodeID, parentID, nodeName, nodeDesc, invite, disabled, behavior, visibility, siopID FROM tblNode WHERE nodeName = ?', name)[0];
  const roles = (room: string, role: string): string[] =>
    sql<{ uri: string }>(
      'SELECT p.prinUri AS uri FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID JOIN tblNode n ON n.nodeID = r.prinRoleNodeID WHERE n.nodeName = ? AND t.rtypeDesc = ? ORDER BY p.prinUri',
      room,
      role,
    ).map((r) => r.uri);
  const categoryId = (name: string): number => sql<{ id: number }>('SELECT nodeID AS id FROM tblNode WHERE nodeType = 1 AND nodeName = ?', name)[0]!.id;
  /** Users the category's scope admits: members of a group, OU or domain on its AllowedMembers, read with SQL. */
  const admitted = (category: string): string[] =>
    sql<{ uri: string }>(
      "SELECT DISTINCT p.prinUri AS uri FROM tblPrincipal p JOIN tblPrincipalAffiliations a ON a.principalID = p.prinID JOIN tblScopePrincipal s ON s.scopePrinID = a.affiliationID AND s.scopeIsDenied = 0 WHERE s.scopeNodeID = ? AND p.prinTypeID = 5 AND p.prinUri LIKE 'sip:%' ORDER BY p.prinUri",
      categoryId(category),
    ).map((r) => r.uri);
  /** Denies a principal in a category's scope directly, as Set-CsPersistentChatCategory -DeniedMembers does. */
  const deny = (category: string, uri: string): void => exec('INSERT OR REPLACE INTO tblScopePrincipal (scopeNodeID, scopePrinID, scopeIsDenied, scopeUpdatedBy) SELECT ?, prinID, 1, 1 FROM tblPrincipal WHERE prinUri = ?', categoryId(category), uri);
  const undeny = (category: string, uri: string): void => exec('DELETE FROM tblScopePrincipal WHERE scopeNodeID = ? AND scopeIsDenied = 1 AND scopePrinID = (SELECT prinID FROM tblPrincipal WHERE prinUri = ?)', categoryId(category), uri);

  /** The cmdlet must refuse; the message must match; the database file must be byte-identical afterwards. */
  const refusedUnchanged = async (name: string, parameters: Record<string, unknown>, message: RegExp): Promise<void> => {
    const before = readFileSync(db);
    const error = await refusal(name, parameters);
    assert.match(error.message, message);
    assert.ok(readFileSync(db).equals(before), `${name} wrote although it refused: ${error.message}`);
  };

  before(async () => {
    fixture = await migratedPool(POOL, 2000, 'pcm-room-changes-');
    db = fixture.db;
  });

  after(() => fixture?.restore());

  it('New: a room in an existing category, with the documented defaults (Closed, Normal, Inherit, enabled), as tblNode holds it', async () => {
    const { output } = await run('New-CsPersistentChatRoom', { Name: 'ITChatRoom', Category: 'Sales', PersistentChatPoolFqdn: POOL, Description: 'IT talk' });
    const row = node('ITChatRoom')!;
    assert.deepEqual(
      { parent: row.parentID, desc: row.nodeDesc, invite: row.invite, disabled: row.disabled, behavior: row.behavior, visibility: row.visibility, addin: row.siopID },
      { parent: categoryId('Sales'), desc: 'IT talk', invite: null, disabled: 0, behavior: 4, visibility: 3, addin: null },
    );
    assert.deepEqual(
      { ...propertiesOf(output[0]) },
      { ...propertiesOf(output[0]), Identity: `${POOL}\\ITChatRoom`, Category: `${POOL}\\Sales`, Privacy: 'Closed', Type: 'Normal', Invitations: 'Inherit', Disabled: false },
    );
    const [addin] = sql<{ name: string; id: string }>('SELECT siopName AS name, siopID AS id FROM tblSiopWhiteList LIMIT 1');
    await run('New-CsPersistentChatRoom', { Name: 'Sales Stage', Category: `${POOL}\\Sales`, Type: 'Auditorium', Privacy: 'Open', Invitations: 'False', Disabled: true, Addin: addin!.name });
    const stage = node('Sales Stage')!;
    assert.deepEqual([stage.behavior, stage.visibility, stage.invite, stage.disabled, stage.siopID], [5, 6, 0, 1, addin!.id]);
  });

  it('New refuses a name a category or a room already has, too long a name, a missing category, a room as category, an unknown add-in', async () => {
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'sales', Category: 'Sales' }, /already has a category named 'Sales'; names are unique on a pool across categories and chat rooms/);
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'itchatroom', Category: 'Sales' }, /already has a chat room named 'ITChatRoom'/);
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'x'.repeat(257), Category: 'Sales' }, /257 characters long; a chat room name holds at most 256/);
    await run('New-CsPersistentChatRoom', { Name: 'y'.repeat(256), Category: 'Sales' });
    assert.ok(node('y'.repeat(256)));
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'Orphan', Category: 'No Such Category' }, /There is no category 'No Such Category' on the pool atl-pc-001\.litwareinc\.com; a room's category must exist first/);
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'Orphan', Category: 'ITChatRoom' }, /'ITChatRoom' on the pool .* is a chat room, not a category/);
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'Orphan', Category: 'Sales', Addin: 'NoSuchAddin' }, /There is no add-in 'NoSuchAddin'/);
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'Orphan', Category: 'other-pool.litwareinc.com\\Sales', PersistentChatPoolFqdn: POOL }, /a room is created on its category's pool/);
    assert.equal(node('Orphan'), undefined);
  });

  it('invitations: a room turns them off (False) or inherits them, never on', async () => {
    await refusedUnchanged('New-CsPersistentChatRoom', { Name: 'Invites', Category: 'Sales', Invitations: 'True' }, /cannot turn invitations on; .*Set-CsPersistentChatCategory -Invitations \$True/);
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Invitations: 'True' }, /the room 'ITChatRoom' cannot turn invitations on/);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Invitations: 'False' });
    assert.equal(node('ITChatRoom')!.invite, 0);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Invitations: 'Inherit' });
    assert.equal(node('ITChatRoom')!.invite, null);
  });

  it('Set changes the settings as tblNode holds them, and a rename keeps names unique', async () => {
    await run('Set-CsPersistentChatRoom', { Identity: `${POOL}\\ITChatRoom`, Disabled: true, Privacy: 'Secret', Description: 'Secret IT talk' });
    let row = node('ITChatRoom')!;
    assert.deepEqual([row.disabled, row.visibility, row.nodeDesc], [1, 2, 'Secret IT talk']);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', WhatIf: true, Disabled: false });
    assert.equal(node('ITChatRoom')!.disabled, 1, '-WhatIf changed nothing');
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Name: 'SALES' }, /already has a category named 'Sales'/);
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Name: 'Sales Stage' }, /already has a chat room named 'Sales Stage'/);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Name: 'IT Chat Room', Disabled: false });
    row = node('IT Chat Room')!;
    assert.equal(row.disabled, 0);
    await run('Set-CsPersistentChatRoom', { Identity: 'IT Chat Room', Name: 'ITChatRoom' });
    assert.ok(node('ITChatRoom'));
  });

  it('members and managers: added, removed and cleared by PSListModifier, named by SIP address or (-AsObject) display name', async () => {
    const [a, b] = admitted('Sales') as [string, string];
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Add: [a, b] }, Managers: { Add: a } });
    assert.deepEqual(roles('ITChatRoom', 'Member'), [a, b].sort());
    assert.deepEqual(roles('ITChatRoom', 'Manager'), [a]);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Remove: b } });
    assert.deepEqual(roles('ITChatRoom', 'Member'), [a]);
    const display = sql<{ d: string }>('SELECT prinDisplayName AS d FROM tblPrincipal WHERE prinUri = ?', b)[0]!.d;
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Add: display }, AsObject: true });
    assert.deepEqual(roles('ITChatRoom', 'Member'), [a, b].sort());
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: null });
    assert.deepEqual(roles('ITChatRoom', 'Member'), []);
    assert.deepEqual(roles('ITChatRoom', 'Manager'), [a], 'clearing the members keeps the managers');
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Add: 'sip:nobody@nowhere.example' } }, /-Members: the principal 'sip:nobody@nowhere\.example' is not provisioned/);
  });

  it('members, managers and presenters within the category\'s scope: someone it denies is refused, by name', async () => {
    const [, , c] = admitted('Sales') as [string, string, string];
    deny('Sales', c);
    try {
      for (const list of ['Members', 'Managers']) {
        await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', [list]: { Add: c } }, new RegExp(`-${list}: ${c.replace(/[.]/g, '\\.')} is not within the category 'Sales' \\(its AllowedMembers, less its DeniedMembers\\)`));
      }
    } finally {
      undeny('Sales', c);
    }
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Add: c } });
    assert.ok(roles('ITChatRoom', 'Member').includes(c));
  });

  it('presenters only in an auditorium, and in a Closed or Secret one only among its members', async () => {
    const [a, b] = admitted('Sales') as [string, string];
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Presenters: { Add: a } }, /'ITChatRoom' is of type Normal, which cannot have presenters/);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Replace: [a] } });
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Type: 'Auditorium', Presenters: { Add: b } }, /A presenter must also be a member of the room 'ITChatRoom', which is Secret/);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Type: 'Auditorium', Presenters: { Add: a } });
    assert.deepEqual(roles('ITChatRoom', 'Voiced'), [a]);
    assert.equal(node('ITChatRoom')!.behavior, 5);
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Type: 'Normal' }, /is of type Normal, which cannot have presenters .*-Presenters \$null/);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Type: 'Normal', Presenters: null });
    assert.deepEqual([node('ITChatRoom')!.behavior, roles('ITChatRoom', 'Voiced').length], [4, 0]);
  });

  it('-Category moves the room and purges the entries the new category does not allow, with a warning that counts them', async () => {
    const [a, b] = admitted('Sales') as [string, string];
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Members: { Replace: [a, b] }, Managers: { Replace: [b] } });
    const other = sql<{ n: string }>("SELECT nodeName AS n FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID AND nodeName <> 'Sales' ORDER BY nodeID LIMIT 1")[0]!.n;
    // The target category admits a but denies b, whatever its own scope is.
    exec('INSERT OR REPLACE INTO tblScopePrincipal (scopeNodeID, scopePrinID, scopeIsDenied, scopeUpdatedBy) SELECT ?, prinID, 0, 1 FROM tblPrincipal WHERE prinUri = ?', categoryId(other), a);
    deny(other, b);
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Category: 'No Such Category' }, /There is no category 'No Such Category'/);
    const whatIf = await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Category: other, WhatIf: true });
    assert.match(whatIf.context.warnings.join('\n'), /Would remove 2 member, manager or presenter entries/);
    assert.equal(node('ITChatRoom')!.parentID, categoryId('Sales'));
    const moved = await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Category: other });
    assert.match(moved.context.warnings.join('\n'), /Removed 2 member, manager or presenter entries of the room atl-pc-001\.litwareinc\.com\\ITChatRoom that its new category does not allow/);
    assert.equal(node('ITChatRoom')!.parentID, categoryId(other));
    assert.deepEqual([roles('ITChatRoom', 'Member'), roles('ITChatRoom', 'Manager')], [[a], []]);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Category: 'Sales' });
  });

  it('the add-in: set by name, taken off with "", refused when the pool has no such add-in', async () => {
    const [addin] = sql<{ name: string; id: string }>('SELECT siopName AS name, siopID AS id FROM tblSiopWhiteList LIMIT 1');
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Addin: addin!.name });
    assert.equal(node('ITChatRoom')!.siopID, addin!.id);
    await refusedUnchanged('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Addin: 'NoSuchAddin' }, /There is no add-in 'NoSuchAddin'/);
    await run('Set-CsPersistentChatRoom', { Identity: 'ITChatRoom', Addin: '' });
    assert.equal(node('ITChatRoom')!.siopID, null);
  });

  it('Remove deletes the room with its roles and messages; -WhatIf and an unknown room change nothing', async () => {
    const [room] = sql<{ id: number; name: string }>('SELECT n.nodeID AS id, n.nodeName AS name FROM tblNode n WHERE n.nodeType = 0 AND EXISTS (SELECT 1 FROM tblChat c WHERE c.channelId = n.nodeID) AND EXISTS (SELECT 1 FROM tblPrincipalRole r WHERE r.prinRoleNodeID = n.nodeID) LIMIT 1');
    const chats = (): number => sql<{ n: number }>('SELECT count(*) AS n FROM tblChat WHERE channelId = ?', room!.id)[0]!.n;
    assert.ok(chats() > 0);
    const before = readFileSync(db);
    await run('Remove-CsPersistentChatRoom', { Identity: `${POOL}\\${room!.name}`, WhatIf: true });
    assert.ok(readFileSync(db).equals(before));
    await refusedUnchanged('Remove-CsPersistentChatRoom', { Identity: 'No Such Room' }, /There is no chat room 'No Such Room'/);
    await refusedUnchanged('Remove-CsPersistentChatRoom', { Identity: 'Sales' }, /'Sales' on the pool .* is a category, not a chat room/);
    await run('Remove-CsPersistentChatRoom', { Instance: { Identity: `${POOL}\\${room!.name}` } });
    assert.equal(node(room!.name), undefined);
    assert.equal(chats(), 0);
    assert.equal(sql<{ n: number }>('SELECT count(*) AS n FROM tblPrincipalRole WHERE prinRoleNodeID = ?', room!.id)[0]!.n, 0);
  });

  it('pcm writes list changes as PowerShell does: "@{Add=...}" and $null', async () => {
    const [a] = admitted('Sales') as [string];
    const env = { PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE };
    const added = await pcm(['Set-CsPersistentChatRoom', '-Identity', `${POOL}\\ITChatRoom`, '-Members', `@{Add='${a}'}`], { env });
    assert.equal(added.status, 0, added.stderr);
    assert.ok(roles('ITChatRoom', 'Member').includes(a));
    const cleared = await pcm(['Set-CsPersistentChatRoom', '-Identity', `${POOL}\\ITChatRoom`, '-Members', '$null'], { env });
    assert.equal(cleared.status, 0, cleared.stderr);
    assert.deepEqual(roles('ITChatRoom', 'Member'), []);
    const refused = await pcm(['Set-CsPersistentChatRoom', '-Identity', `${POOL}\\ITChatRoom`, '-Invitations', 'True'], { env });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /cannot turn invitations on/);
  });
});
