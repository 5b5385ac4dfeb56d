/**
 * Export from a Group Chat 2010 database as Microsoft documents it (groupchat2010-schema.md), as an administrator
 * meets one: which database it is (2010, 2013, neither; OCS 2007 R2 as docs/decisions.md says), a documented
 * column missing (a clear error naming table and column, exit 1, nothing written), roles found by name in
 * tblRoleType whatever their ids, a type marked federated by ptypeIsFederated, and the whole path of the issue: an
 * export with an over-long flattened room name, -WhatIf naming it, the administrator shortening it, and the import
 * bringing every message, the federated principals disabled and the documented managers and members.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { openStore } from '../../store/open-store.js';
import { canonicalPackage } from '../mssql/support/canonical-package.js';
import { describeRun, errorLines, pcm } from '../support/pcm-process.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { rolesInTarget, SourceModel } from './support/expected.js';
import { copyDb } from './support/fixture.js';
import { query } from './support/sql.js';

/** Runs SQL on a copy's file directly (foreign keys off: the tests damage or rearrange a database on purpose). */
function change(path: string, ...statements: string[]): void {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    for (const sql of statements) db.exec(sql);
  } finally {
    db.close();
  }
}

describe('Group Chat 2010 source: which database is this, and can it be read', function () {
  const dir = tempDir();
  const legacy = join(dir, 'legacy.db');
  const mgc = join(dir, 'mgc.db');

  before(async function () {
    await runCmdlet(newSample, { DBInstance: `sqlite:${legacy}`, Schema: 'GroupChat2010', Messages: 300, Users: 30, Rooms: 14, Seed: 4 });
    await runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: join(dir, 'legacy.zip') });
    await runCmdlet(newSample, { DBInstance: `sqlite:${mgc}`, Schema: 'PersistentChat2013', Messages: 200, Users: 20, Rooms: 12, Seed: 4 });
  });

  it('names what it found in -Verbose and in the report: Group Chat 2010 with its tblVersion row, or Persistent Chat', async function () {
    const report = join(dir, 'legacy.html');
    const run = await runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: join(dir, 'legacy.zip'), Report: report });
    assert.ok(run.context.verboseMessages.some((m) => /is a Lync Server 2010 Group Chat \(tblVersion 1 "Lync Server 2010 Group Chat/.test(m)), run.context.verboseMessages.join('\n'));
    assert.match(String(JSON.parse(readFileSync(join(dir, 'legacy.json'), 'utf8')).sourceSchema), /^GroupChat2010: Lync Server 2010 Group Chat \(tblVersion 1/);
    assert.deepEqual(run.context.warnings.filter((w) => /OCS 2007 R2/.test(w)), [], 'a tblVersion that says 2010 needs no warning');
    const other = await runCmdlet(exportData, { DBInstance: `sqlite:${mgc}`, FileName: join(dir, 'mgc.zip') });
    assert.ok(other.context.verboseMessages.some((m) => /is a Lync Server 2013 \/ Skype for Business Server Persistent Chat \(mgc\) database/.test(m)));
  });

  it('recognises Group Chat 2010 by its own tables, not by a column of ours: without tblVersion, by tblNode.scopeDefinerId', async function () {
    const copy = copyDb(legacy, dir, 'no-version-table.db');
    change(copy, 'DROP TABLE tblVersion', 'DROP TABLE tblTree', 'DROP TABLE tblPurgedRoles', 'DROP TABLE tblPurgedScoped', 'DROP TABLE tblLogs', 'DROP TABLE tblComplianceTranslator', 'DROP TABLE tblLastComplianceID', 'DROP TABLE tblComplianceVersion');
    const run = await runCmdlet(exportData, { DBInstance: `sqlite:${copy}`, FileName: join(dir, 'no-version.zip'), PassThru: true });
    assert.equal((run.output[0] as { properties: Record<string, unknown> }).properties.SourceSchema, 'GroupChat2010');
    // And nothing confirms 2010 then: the administrator is told what could not be checked.
    assert.ok(run.context.warnings.some((w) => /tblVersion does not say 2010 \(Lync Server 2010 Group Chat \(tblVersion has no row\)\)/.test(w)), run.context.warnings.join('\n'));
  });

  it('OCS 2007 R2 (no published schema): read with the 2010 reader when it has the documented columns, with a warning saying what could not be checked', async function () {
    const copy = copyDb(legacy, dir, 'ocs2007r2.db');
    change(copy, "UPDATE tblVersion SET description = 'Office Communications Server 2007 R2 Group Chat'");
    const run = await runCmdlet(exportData, { DBInstance: `sqlite:${copy}`, FileName: join(dir, 'ocs.zip'), PassThru: true });
    const warning = run.context.warnings.find((w) => /OCS 2007 R2/.test(w));
    assert.ok(warning, run.context.warnings.join('\n'));
    assert.match(warning, /tblVersion does not say 2010 .*"Office Communications Server 2007 R2 Group Chat".*read as Group Chat 2010/);
    assert.equal((run.output[0] as { properties: Record<string, unknown> }).properties.Messages, 300);
  });

  it('refuses a database that is neither, naming what is missing; exit 1 and no package', async function () {
    const other = join(dir, 'other.db');
    change(other, 'CREATE TABLE tblNode (nodeID INT)', 'CREATE TABLE customers (id INT)');
    const zip = join(dir, 'other.zip');
    const run = await pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${other}`, '-FileName', zip]);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(errorLines(run), /not a Persistent Chat or Group Chat database \(no table tblPrincipal, tblChat, tblScopePrincipal, tblPrincipalRole\)/);
    assert.equal(existsSync(zip), false);
  });

  // A documented column the export reads, renamed away: each must be named with its table, before anything is written.
  const missing: [string, string][] = [
    ['tblPrincipal', 'prinName'],
    ['tblPrincipal', 'prinDisabled'],
    ['tblPrincipalType', 'ptypeIsFederated'],
    ['tblPrincipalType', 'ptypeIsUser'],
    ['tblNode', 'roleDefinerId'],
    ['tblNode', 'scopeDefinerId'],
    ['tblNode', 'visibility'],
    ['tblRoleType', 'rtypeDesc'],
    ['tblPrincipalRole', 'honorsScope'],
    ['tblScopePrincipal', 'scopePrinID'],
    ['tblSiopWhiteList', 'siopId'],
    ['tblChat', 'content'],
    ['tblPrincipalAffiliations', 'index'],
  ];
  for (const [table, column] of missing) {
    it(`a source without ${table}.${column}: a clear error naming both, exit 1, nothing written`, async function () {
      const copy = copyDb(legacy, dir, `no-${table}-${column}.db`);
      change(copy, `ALTER TABLE ${table} RENAME COLUMN "${column}" TO "${column}_gone"`);
      const out = tempDir();
      const zip = join(out, 'export.zip');
      const run = await pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${copy}`, '-FileName', zip, '-Report', join(out, 'r.html')]);
      assert.equal(run.status, 1, describeRun(run));
      assert.match(errorLines(run), new RegExp(`the table ${table} has no column ${column}, which Microsoft documents and the export reads.*Nothing was read or written`));
      assert.match(errorLines(run), /SourceColumnMissing/);
      assert.deepEqual(readdirSync(out).filter((f) => !/^r\.(html|json)$/.test(f)), [], 'no package and no partial file');
    });
  }

  it('a Persistent Chat source without a documented column it reads is refused the same way', async function () {
    const copy = copyDb(mgc, dir, 'mgc-no-rtf.db');
    change(copy, 'ALTER TABLE tblChat RENAME COLUMN rtf TO rtf_gone');
    const zip = join(dir, 'mgc-no-rtf.zip');
    const run = await pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${copy}`, '-FileName', zip]);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(errorLines(run), /as a Lync Server 2013 Persistent Chat database: the table tblChat has no column rtf/);
    assert.equal(existsSync(zip), false);
  });

  for (const [schema, source] of [['GroupChat2010', legacy], ['PersistentChat2013', mgc]] as const) {
    it(`${schema}: roles are found by name in tblRoleType; other ids export the same package`, async function () {
      const copy = copyDb(source, dir, `roles-${schema}.db`);
      // Member takes Voiced's id and the other way round, and every id moves: nothing may depend on the numbers.
      const remap = 'CASE {c} WHEN 1 THEN 103 WHEN 3 THEN 101 WHEN 2 THEN 117 ELSE {c} + 200 END';
      change(copy, `UPDATE tblRoleType SET rtypeID = ${remap.replaceAll('{c}', 'rtypeID')}`, `UPDATE tblPrincipalRole SET prinRoleTypeID = ${remap.replaceAll('{c}', 'prinRoleTypeID')}`);
      assert.deepEqual(query(copy, "SELECT rtypeID FROM tblRoleType WHERE rtypeDesc = 'Member'"), [{ rtypeID: 103n }]);
      const before = join(dir, `roles-${schema}-a.zip`);
      const after = join(dir, `roles-${schema}-b.zip`);
      await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: before });
      await runCmdlet(exportData, { DBInstance: `sqlite:${copy}`, FileName: after });
      const a = await canonicalPackage(before);
      assert.ok(a.ChatRooms!.some((r) => /isMember/.test(r)));
      assert.deepEqual(await canonicalPackage(after), a);
    });
  }

  it('an import target whose tblRoleType has other ids gets each grant under the id its own table gives the role', async function () {
    const zip = join(dir, 'legacy.zip');
    assert.ok(existsSync(zip));
    const plain = join(dir, 'target-plain.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${plain}`, FileName: zip });
    // A new, empty Persistent Chat database whose role ids are not ours (a real mgc database's are undocumented).
    const shifted = join(dir, 'target-shifted.db');
    await (await openStore(`sqlite:${shifted}`, { createWith: 'PersistentChat2013' })).close();
    change(shifted, 'UPDATE tblRoleType SET rtypeID = 50 - rtypeID * 10');
    await runCmdlet(importData, { DBInstance: `sqlite:${shifted}`, FileName: zip });
    const grants = (path: string): string[] =>
      query(path, "SELECT n.nodeGuid AS n, p.prinGuid AS p, t.rtypeDesc AS r FROM tblPrincipalRole x JOIN tblNode n ON n.nodeID = x.prinRoleNodeID JOIN tblPrincipal p ON p.prinID = x.prinRolePrinID JOIN tblRoleType t ON t.rtypeID = x.prinRoleTypeID WHERE n.nodeType = 0")
        .map((r) => `${String(r.n)} ${String(r.p)} ${String(r.r)}`)
        .sort();
    const expected = grants(plain);
    assert.ok(expected.length > 30);
    assert.deepEqual(grants(shifted), expected);
    assert.deepEqual(query(shifted, 'SELECT COUNT(*) AS n FROM tblPrincipalRole WHERE prinRoleTypeID NOT IN (SELECT rtypeID FROM tblRoleType)'), [{ n: 0n }]);
  });

  it('a principal type marked ptypeIsFederated is exported as federated, and arrives disabled', async function () {
    const copy = copyDb(legacy, dir, 'federated-flag.db');
    const [u] = query(copy, "SELECT prinID, prinGuid FROM tblPrincipal WHERE prinTypeID = 5 AND prinDisabled = 0 AND prinADPath IS NOT NULL LIMIT 1");
    // Types 5 (User) and 9 (Group) as this database describes them: here, users are federated.
    change(copy, 'UPDATE tblPrincipalType SET ptypeIsFederated = 1 WHERE ptypeID = 5');
    const zip = join(dir, 'federated-flag.zip');
    await runCmdlet(exportData, { DBInstance: `sqlite:${copy}`, FileName: zip });
    const users = (await canonicalPackage(zip)).AdUsers!;
    assert.ok(users.some((r) => r.includes(String(u!.prinGuid)) && r.includes('"type":"FederatedUser"')), 'the user is exported as a FederatedUser');
    const target = join(dir, 'federated-flag-target.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
    assert.deepEqual(query(target, 'SELECT prinTypeID, prinDisabled FROM tblPrincipal WHERE prinGuid = ?', u!.prinGuid), [{ prinTypeID: 5n, prinDisabled: 1n }]);
  });
});

describe('Group Chat 2010 source: a principal type Microsoft does not list', function () {
  it('is read by its own tblPrincipalType flags: a user kind exports as User, anything else as Group', async function () {
    const dir = tempDir();
    const source = join(dir, 'legacy.db');
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: 'GroupChat2010', Messages: 50, Users: 10, Rooms: 12, Seed: 2 });
    const [u] = query(source, 'SELECT prinGuid FROM tblPrincipal WHERE prinTypeID = 5 LIMIT 1');
    const [g] = query(source, 'SELECT prinGuid FROM tblPrincipal WHERE prinTypeID = 9 LIMIT 1');
    change(
      source,
      "INSERT INTO tblPrincipalType VALUES (12, 'MindAlignBot', 0, 1, 0), (13, 'MindAlignList', 0, 0, 0)",
      `UPDATE tblPrincipal SET prinTypeID = 12 WHERE prinGuid = '${String(u!.prinGuid)}'`,
      `UPDATE tblPrincipal SET prinTypeID = 13 WHERE prinGuid = '${String(g!.prinGuid)}'`,
    );
    const zip = join(dir, 'x.zip');
    await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: zip });
    const pkg = await canonicalPackage(zip);
    assert.ok(pkg.AdUsers!.some((r) => r.includes(String(u!.prinGuid)) && r.includes('"type":"User"')));
    assert.ok(pkg.AdGroups!.some((r) => r.includes(String(g!.prinGuid)) && r.includes('"type":"Group"')));
    const target = join(dir, 't.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
    assert.deepEqual(query(target, 'SELECT prinTypeID FROM tblPrincipal WHERE prinGuid IN (?, ?) ORDER BY prinTypeID', u!.prinGuid, g!.prinGuid), [{ prinTypeID: 5n }, { prinTypeID: 9n }]);
  });
});

describe('Group Chat 2010 source: an over-long flattened name, shortened by the administrator, then the whole migration', function () {
  const dir = tempDir();
  const source = join(dir, 'legacy.db');
  const OVERLONG = `Overlong ${'o'.repeat(60)}`;

  before(async function () {
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: 'GroupChat2010', Messages: 2500, Users: 50, Rooms: 26, Seed: 12, OverlongRoomName: true });
  });

  it('exports; -WhatIf names the over-long room and writes nothing; after shortening, every message, principal and grant arrives as documented', async function () {
    const first = join(dir, 'first.zip');
    await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: first });
    const target = join(dir, 'target.db');
    const whatIf = await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', first, '-WhatIf']);
    assert.equal(whatIf.status, 1, describeRun(whatIf));
    assert.match(errorLines(whatIf), new RegExp(`ChatRoom 'Announcements - L{180} - ${OVERLONG}': The room name with its category prefix is 268 characters long; the limit is 256`));
    assert.equal(existsSync(target), false, '-WhatIf writes nothing');

    // The administrator shortens the room in the source and exports again.
    change(source, `UPDATE tblNode SET nodeName = 'Short' WHERE nodeName = '${OVERLONG}'`);
    const second = join(dir, 'second.zip');
    await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: second });
    const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: second });
    assert.ok(run.context.warnings.some((w) => /^Principal 'ma-grp:\/\/federated\/fabrikam\.com\/partners': A federated group/.test(w)));

    const model = new SourceModel(source);
    assert.ok(model.legacy);
    // Every message, byte for byte (2010 has no rtf: none arrives).
    const messages = (path: string, room: unknown): string[] =>
      query(path, 'SELECT c.chatDate, p.prinGuid, c.isAlert, hex(c.content) AS h FROM tblChat c JOIN tblPrincipal p ON p.prinID = c.userId WHERE c.channelId = ? ORDER BY c.chatId', room).map((r) =>
        `${String(r.chatDate)} ${String(r.prinGuid)} ${String(r.isAlert)} ${String(r.h)}`,
      );
    let total = 0;
    const rooms = [...model.nodes.values()].filter((n) => !n.category);
    assert.equal(rooms.length, 27);
    for (const room of rooms) {
      const [row] = query(target, 'SELECT nodeID FROM tblNode WHERE nodeType = 0 AND nodeName = ?', model.roomName(room));
      assert.ok(row, `room ${model.roomName(room)}`);
      const expected = messages(source, room.id);
      total += expected.length;
      assert.deepEqual(messages(target, row.nodeID), expected, `messages of ${model.roomName(room)}`);
      // Managers and members as the documented rules say (roleDefinerId, honorsOverride, honorsScope; test/migration/support/expected.ts).
      assert.deepEqual(rolesInTarget(target, row.nodeID), model.expectedRoomRoles(room), `roles of ${model.roomName(room)}`);
    }
    assert.equal(total, 2500);
    assert.deepEqual(query(target, 'SELECT COUNT(*) AS n FROM tblChat WHERE rtf IS NOT NULL'), [{ n: 0n }]);
    // Federated principals (7, 11) and the external user (6) arrive disabled, as Persistent Chat types.
    const federated = query(source, 'SELECT prinGuid, prinTypeID FROM tblPrincipal WHERE prinTypeID IN (6, 7, 11) ORDER BY prinTypeID');
    assert.deepEqual(federated.map((r) => r.prinTypeID), [6n, 7n, 11n]);
    for (const f of federated) {
      assert.deepEqual(query(target, 'SELECT prinTypeID, prinDisabled FROM tblPrincipal WHERE prinGuid = ?', f.prinGuid), [{ prinTypeID: f.prinTypeID === 11n ? 9n : 5n, prinDisabled: 1n }]);
    }
    // The documented rules did work here: a member kept below a new member list, and a grant outside its scope left out.
    const survivor = query(source, "SELECT p.prinGuid AS g FROM tblPrincipalRole r JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE r.honorsOverride = 0 AND r.prinRoleTypeID = (SELECT rtypeID FROM tblRoleType WHERE rtypeDesc = 'Member')");
    assert.equal(survivor.length, 1);
    const backendRooms = rooms.filter((r) => model.chain(r.parent).some((c) => c.name === 'Backend'));
    assert.ok(backendRooms.length > 0);
    // Group Chat 2010's own rules grant it there; Persistent Chat's access model then keeps it only where the room's
    // category admits it (expectedRoomRoles, compared with the target above).
    for (const room of backendRooms) assert.ok(model.expectedRoomRoles2010(room).includes(`${String(survivor[0]!.g)}|Member`), `the non-overridable member is a member of ${room.name}`);
  });
});
