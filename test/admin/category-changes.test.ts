/**
 * New-, Set- and Remove-CsPersistentChatCategory over a migrated pool database, each change read back with plain SQL
 * over Microsoft's tables (tblNode, tblScopePrincipal, tblPrincipalRole, tblRoleType), and each of Microsoft's rules
 * shown twice: the refusal (an error naming the category and the rule, the database file byte-identical) and the
 * allowed case. The `pcm` command line writes list changes and Booleans as PowerShell does.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { claimFile } from '../../store/sqlite/sqlite-claim.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf } from '../support/recording-context.js';
import { migratedPool, type MigratedPool } from './support/migrated-pool.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

interface CategoryRow {
  nodeID: number;
  parentID: number;
  nodeType: number;
  nodeDesc: string;
  invite: number | null;
  logged: number | null;
  filePost: number | null;
}

describe('categories: New-, Set- and Remove-CsPersistentChatCategory and the rules where categories change', () => {
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
  const category = (name: string): CategoryRow | undefined =>
    sql<CategoryRow>('SELECT nodeID, parentID, nodeType, nodeDesc, invite, logged, filePost FROM tblNode WHERE nodeName = ?', name)[0];
  /** A category's AllowedMembers (denied 0) or DeniedMembers (denied 1), by URI, from tblScopePrincipal. */
  const scope = (name: string, denied: 0 | 1): string[] =>
    sql<{ uri: string }>(
      'SELECT p.prinUri AS uri FROM tblScopePrincipal s JOIN tblPrincipal p ON p.prinID = s.scopePrinID JOIN tblNode n ON n.nodeID = s.scopeNodeID WHERE n.nodeName = ? AND s.scopeIsDenied = ? ORDER BY p.prinUri',
      name,
      denied,
    ).map((r) => r.uri);
  const roles = (node: string, role: string): string[] =>
    sql<{ uri: string }>(
      'SELECT p.prinUri AS uri FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID JOIN tblNode n ON n.nodeID = r.prinRoleNodeID WHERE n.nodeName = ? AND t.rtypeDesc = ? ORDER BY p.prinUri',
      node,
      role,
    ).map((r) => r.uri);
  /** Users a category's scope admits through a group, OU or domain on its AllowedMembers, read with SQL. */
  const admitted = (name: string): string[] =>
    sql<{ uri: string }>(
      "SELECT DISTINCT p.prinUri AS uri FROM tblPrincipal p JOIN tblPrincipalAffiliations a ON a.principalID = p.prinID JOIN tblScopePrincipal s ON s.scopePrinID = a.affiliationID AND s.scopeIsDenied = 0 JOIN tblNode n ON n.nodeID = s.scopeNodeID WHERE n.nodeName = ? AND p.prinTypeID = 5 AND p.prinUri LIKE 'sip:%' ORDER BY p.prinUri",
      name,
    ).map((r) => r.uri);
  const users = (): string[] => sql<{ uri: string }>("SELECT prinUri AS uri FROM tblPrincipal WHERE prinTypeID = 5 AND prinUri LIKE 'sip:%' ORDER BY prinID").map((r) => r.uri);
  const roomsOf = (name: string): string[] => sql<{ n: string }>('SELECT r.nodeName AS n FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID WHERE c.nodeName = ? AND r.nodeType = 0 ORDER BY r.nodeID', name).map((r) => r.n);

  /** The cmdlet must refuse; the message must match; the database file must be byte-identical afterwards. */
  const refusedUnchanged = async (name: string, parameters: Record<string, unknown>, message: RegExp): Promise<void> => {
    const before = readFileSync(db);
    const error = await refusal(name, parameters);
    assert.match(error.message, message);
    assert.ok(readFileSync(db).equals(before), `${name} wrote although it refused: ${error.message}`);
  };

  before(async () => {
    fixture = await migratedPool(POOL, 1000, 'pcm-category-changes-');
    db = fixture.db;
  });

  after(() => fixture?.restore());

  it('New: a category under the root with the documented defaults (no file upload, no invitations, chat history on), as tblNode holds it', async () => {
    const { output } = await run('New-CsPersistentChatCategory', { Name: 'HelpDesk', PersistentChatPoolFqdn: POOL, Description: 'Help for everyone' });
    assert.deepEqual({ ...category('HelpDesk'), nodeID: 0 }, { nodeID: 0, parentID: 1, nodeType: 1, nodeDesc: 'Help for everyone', invite: 0, logged: 1, filePost: 0 });
    assert.deepEqual(
      { ...propertiesOf(output[0]) },
      {
        Identity: `${POOL}\\HelpDesk`,
        Name: 'HelpDesk',
        Description: 'Help for everyone',
        Invites: false,
        FileUpload: false,
        ChatHistory: true,
        AllowedMembers: [],
        DeniedMembers: [],
        Creators: [],
        PersistentChatPoolFqdn: POOL,
      },
    );
    await run('New-CsPersistentChatCategory', { Name: 'Notices', EnableFileUpload: true, EnableInvitations: true, RemoveChatHistory: true });
    const notices = category('Notices')!;
    assert.deepEqual([notices.filePost, notices.invite, notices.logged], [1, 1, 0]);
  });

  it('New refuses a name a category or a room already has (in any case), an empty, too long or backslashed name', async () => {
    const room = sql<{ n: string }>('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 ORDER BY nodeID LIMIT 1')[0]!.n;
    await refusedUnchanged('New-CsPersistentChatCategory', { Name: 'SALES' }, /already has a category named 'Sales'; names are unique on a pool across categories and chat rooms, so the category cannot be named 'SALES'/);
    await refusedUnchanged('New-CsPersistentChatCategory', { Name: room.toLowerCase() }, new RegExp(`already has a chat room named '${room}'`));
    await refusedUnchanged('New-CsPersistentChatCategory', { Name: 'x'.repeat(257) }, /257 characters long; a category name holds at most 256/);
    await refusedUnchanged('New-CsPersistentChatCategory', { Name: '  ' }, /-Name is empty: give the category a name/);
    await refusedUnchanged('New-CsPersistentChatCategory', { Name: 'a\\b' }, /contains a backslash/);
    await refusedUnchanged('New-CsPersistentChatCategory', { Name: 'Elsewhere', PersistentChatPoolFqdn: 'other-pool.litwareinc.com' }, /other-pool\.litwareinc\.com/);
    await run('New-CsPersistentChatCategory', { Name: 'c'.repeat(256) });
    assert.ok(category('c'.repeat(256)));
  });

  it('Set changes the settings as tblNode holds them; -WhatIf changes nothing; a rename keeps names unique', async () => {
    await run('Set-CsPersistentChatCategory', { Identity: `${POOL}\\helpdesk`, FileUpload: true, Invitations: true, ChatHistory: false, Description: 'Help desk' });
    let row = category('HelpDesk')!;
    assert.deepEqual([row.filePost, row.invite, row.logged, row.nodeDesc], [1, 1, 0, 'Help desk']);
    const before = readFileSync(db);
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', FileUpload: false, WhatIf: true });
    assert.ok(readFileSync(db).equals(before), '-WhatIf wrote');
    await run('Set-CsPersistentChatCategory', { Instance: { Identity: `${POOL}\\HelpDesk` }, FileUpload: false, ChatHistory: true });
    row = category('HelpDesk')!;
    assert.deepEqual([row.filePost, row.logged], [0, 1]);
    const room = sql<{ n: string }>('SELECT nodeName AS n FROM tblNode WHERE nodeType = 0 ORDER BY nodeID LIMIT 1')[0]!.n;
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Name: 'sales' }, /already has a category named 'Sales'/);
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Name: room }, /already has a chat room named/);
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: 'No Such Category', FileUpload: true }, /There is no category 'No Such Category' on the pool atl-pc-001\.litwareinc\.com/);
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: room, FileUpload: true }, /is a chat room, not a category; Set-CsPersistentChatCategory needs a category/);
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Name: 'Help Desk' });
    assert.ok(category('Help Desk'));
    await run('Set-CsPersistentChatCategory', { Identity: 'help desk', Name: 'HelpDesk' });
    assert.ok(category('HelpDesk'));
  });

  it('AllowedMembers, DeniedMembers and Creators: added, removed and cleared by PSListModifier, by SIP address or (-AsObject) display name', async () => {
    const [a, b, c] = users() as [string, string, string];
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', AllowedMembers: { Add: [a, b] }, DeniedMembers: { Add: c }, Creators: { Add: a } });
    assert.deepEqual([scope('HelpDesk', 0), scope('HelpDesk', 1), roles('HelpDesk', 'Creator')], [[a, b].sort(), [c], [a]]);
    const display = sql<{ d: string }>('SELECT prinDisplayName AS d FROM tblPrincipal WHERE prinUri = ?', b)[0]!.d;
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Creators: { Add: display }, AsObject: true });
    assert.deepEqual(roles('HelpDesk', 'Creator'), [a, b].sort());
    const shown = await run('Get-CsPersistentChatCategory', { Identity: 'HelpDesk', AsObject: true });
    assert.ok((propertiesOf(shown.output[0])['Creators'] as string[]).includes(display), 'Get -AsObject names the creator by display name');
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Creators: { Remove: b } });
    assert.deepEqual(roles('HelpDesk', 'Creator'), [a]);
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', DeniedMembers: null });
    assert.deepEqual(scope('HelpDesk', 1), []);
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', AllowedMembers: { Add: 'sip:nobody@nowhere.example' } }, /-AllowedMembers: the principal 'sip:nobody@nowhere\.example' is not provisioned/);
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Creators: null, AllowedMembers: { Replace: [a] } });
    assert.deepEqual([scope('HelpDesk', 0), roles('HelpDesk', 'Creator')], [[a], []]);
  });

  it('a principal is allowed or denied, never both: refused by name, allowed when the same call moves it', async () => {
    const [a] = users() as [string];
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', DeniedMembers: { Add: a } }, new RegExp(`${a.replace(/\./g, '\\.')} would be both among the AllowedMembers and the DeniedMembers of the category 'HelpDesk'`));
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', AllowedMembers: { Remove: a }, DeniedMembers: { Add: a } });
    assert.deepEqual([scope('HelpDesk', 0), scope('HelpDesk', 1)], [[], [a]]);
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', AllowedMembers: { Add: a }, DeniedMembers: null });
  });

  it('creators within the category\'s AllowedMembers less its DeniedMembers: refused outside, allowed when the same call admits them', async () => {
    const [, b] = users() as [string, string];
    await refusedUnchanged('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Creators: { Add: b } }, new RegExp(`-Creators: ${b.replace(/\./g, '\\.')} is not within the category 'HelpDesk' \\(its AllowedMembers, less its DeniedMembers\\)`));
    await run('Set-CsPersistentChatCategory', { Identity: 'HelpDesk', Creators: { Add: b }, AllowedMembers: { Add: b } });
    assert.deepEqual(roles('HelpDesk', 'Creator'), [b]);
  });

  it('a narrower scope purges the room members, managers and creators it no longer admits, with a warning that counts them; -WhatIf counts and keeps them', async () => {
    const [a, b] = admitted('Sales') as [string, string];
    const [room] = roomsOf('Sales') as [string];
    await run('Set-CsPersistentChatRoom', { Identity: room, Members: { Replace: [a, b] }, Managers: { Replace: [b] } });
    await run('Set-CsPersistentChatCategory', { Identity: 'Sales', Creators: { Add: b } });
    // What denying b must purge, counted with SQL: b's entries in the rooms of Sales (migrated ones too), and b as creator.
    const held = sql<{ room: number }>(
      "SELECT r.prinRoleNodeID AS room FROM tblPrincipalRole r JOIN tblNode n ON n.nodeID = r.prinRoleNodeID JOIN tblNode c ON c.nodeID = n.parentID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE c.nodeName = 'Sales' AND p.prinUri = ?",
      b,
    );
    const entries = held.length + 1;
    const inRooms = new Set(held.map((h) => h.room)).size;
    const expected = `${entries} member, manager, presenter or creator entries \\(in ${inRooms} rooms? and the category\\)`;
    const before = readFileSync(db);
    const whatIf = await run('Set-CsPersistentChatCategory', { Identity: 'Sales', DeniedMembers: { Add: b }, WhatIf: true });
    assert.match(whatIf.context.warnings.join('\n'), new RegExp(`Would remove ${expected}`));
    assert.ok(readFileSync(db).equals(before), '-WhatIf wrote');
    const denied = await run('Set-CsPersistentChatCategory', { Identity: 'Sales', DeniedMembers: { Add: b } });
    assert.match(denied.context.warnings.join('\n'), new RegExp(`Removed ${expected} that the changed scope of atl-pc-001\\.litwareinc\\.com\\\\Sales no longer admits`));
    assert.equal(sql<{ n: number }>("SELECT count(*) AS n FROM tblPrincipalRole r JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE p.prinUri = ? AND r.prinRoleNodeID IN (SELECT nodeID FROM tblNode WHERE nodeName = 'Sales' OR parentID = (SELECT nodeID FROM tblNode WHERE nodeName = 'Sales'))", b)[0]!.n, 0);
    assert.deepEqual([roles(room, 'Member'), roles(room, 'Manager'), roles('Sales', 'Creator').includes(b)], [[a], [], false]);
    assert.deepEqual(scope('Sales', 1), [b]);
    // Widening again purges nothing.
    const widened = await run('Set-CsPersistentChatCategory', { Identity: 'Sales', DeniedMembers: { Remove: b } });
    assert.deepEqual(widened.context.warnings, []);
  });

  it('Remove deletes an empty category with its scope and creators; a category that holds rooms is refused, naming them', async () => {
    const rooms = roomsOf('Sales');
    assert.ok(rooms.length > 0);
    await refusedUnchanged('Remove-CsPersistentChatCategory', { Identity: `${POOL}\\Sales` }, new RegExp(`The category 'Sales' on the pool atl-pc-001\\.litwareinc\\.com still holds ${rooms.length} chat rooms \\('${rooms[0]}'.*a category is removed only when it is empty`));
    await refusedUnchanged('Remove-CsPersistentChatCategory', { Identity: rooms[0] }, /is a chat room, not a category/);
    await refusedUnchanged('Remove-CsPersistentChatCategory', { Identity: 'No Such Category' }, /There is no category 'No Such Category'/);
    const id = category('HelpDesk')!.nodeID;
    const before = readFileSync(db);
    await run('Remove-CsPersistentChatCategory', { Identity: 'HelpDesk', WhatIf: true });
    assert.ok(readFileSync(db).equals(before), '-WhatIf wrote');
    await run('Remove-CsPersistentChatCategory', { Instance: { Identity: `${POOL}\\HelpDesk` } });
    assert.equal(category('HelpDesk'), undefined);
    const left = (table: string, column: string): number => sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`, id)[0]!.n;
    assert.deepEqual([left('tblScopePrincipal', 'scopeNodeID'), left('tblPrincipalRole', 'prinRoleNodeID')], [0, 0]);
    // Once its rooms have moved out, a category can go.
    await run('New-CsPersistentChatCategory', { Name: 'Staging' });
    await run('Set-CsPersistentChatCategory', { Identity: 'Staging', AllowedMembers: { Add: admitted('Sales') } });
    await run('Set-CsPersistentChatRoom', { Identity: rooms[0], Category: 'Staging' });
    await refusedUnchanged('Remove-CsPersistentChatCategory', { Identity: 'Staging' }, /still holds 1 chat room \(/);
    await run('Set-CsPersistentChatRoom', { Identity: rooms[0], Category: 'Sales' });
    await run('Remove-CsPersistentChatCategory', { Identity: 'Staging' });
    assert.equal(category('Staging'), undefined);
  });

  it('a second writer holding the database (an import, say) refuses a change at once, which writes nothing; a full disk rolls one back', async () => {
    const before = readFileSync(db);
    const held = claimFile(db, 'Import-CsPersistentChatData');
    try {
      const error = await refusal('Set-CsPersistentChatCategory', { Identity: 'Sales', FileUpload: true });
      assert.equal(error.category, 'ResourceBusy');
      assert.match(error.message, /Import-CsPersistentChatData/);
      const created = await refusal('New-CsPersistentChatCategory', { Name: 'While Busy' });
      assert.equal(created.category, 'ResourceBusy');
    } finally {
      await held.release();
    }
    assert.ok(readFileSync(db).equals(before), 'a change wrote while another writer held the database');
    // No room for SQLite's rollback journal beside the database: the change fails and the file is as it was.
    const env = { PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE };
    const full = await pcm(['New-CsPersistentChatCategory', '-Name', 'No Room Left'], { env, maxFileBytes: 1024 });
    assert.equal(full.status, 1, full.stderr);
    assert.match(full.stderr, /Cannot write to the database of the pool atl-pc-001\.litwareinc\.com \(sqlite:.*\): .*The disk may be full or the file not writable; make room or fix it, then run the command again\. Nothing was changed/);
    assert.ok(readFileSync(db).equals(before), 'a failed write left the database changed');
    assert.equal(category('No Room Left'), undefined);
    assert.equal(existsSync(`${db}.pcm-lock`), false, 'no claim is left behind');
  });

  it('pcm writes list changes and Booleans as PowerShell does: "@{Add=...}", $null, $True', async () => {
    const [a] = users() as [string];
    const env = { PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE };
    const created = await pcm(['New-CsPersistentChatCategory', '-Name', 'Line', '-EnableFileUpload'], { env });
    assert.equal(created.status, 0, created.stderr);
    assert.equal(category('Line')!.filePost, 1);
    const added = await pcm(['Set-CsPersistentChatCategory', '-Identity', `${POOL}\\Line`, '-AllowedMembers', `@{Add='${a}'}`, '-Invitations', '$True'], { env });
    assert.equal(added.status, 0, added.stderr);
    assert.deepEqual([scope('Line', 0), category('Line')!.invite], [[a], 1]);
    const cleared = await pcm(['Set-CsPersistentChatCategory', '-Identity', `${POOL}\\Line`, '-AllowedMembers', '$null'], { env });
    assert.equal(cleared.status, 0, cleared.stderr);
    assert.deepEqual(scope('Line', 0), []);
    const refused = await pcm(['Remove-CsPersistentChatCategory', '-Identity', `${POOL}\\Sales`], { env });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /still holds \d+ chat rooms/);
    const removed = await pcm(['Remove-CsPersistentChatCategory', `${POOL}\\Line`], { env });
    assert.equal(removed.status, 0, removed.stderr);
    assert.equal(category('Line'), undefined);
  });
});
