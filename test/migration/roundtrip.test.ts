/**
 * The whole migration on generated data: New-PcmSampleDatabase -> Export-CsPersistentChatData ->
 * Import-CsPersistentChatData, for a Group Chat 2010 source and a Persistent Chat 2013 source. Every principal,
 * membership, category, room, role, scope, add-in and message of the source must arrive in the target as the
 * documented rules say (expectations worked out in support/expected.ts straight from the source database), and
 * message text byte for byte.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { rolesInTarget, SourceModel } from './support/expected.js';
import { canonicalDump, query } from './support/sql.js';

for (const schema of ['GroupChat2010', 'PersistentChat2013'] as const) {
  describe(`round trip from ${schema}`, function () {
    const dir = tempDir();
    const source = join(dir, 'source.db');
    const target = join(dir, 'target.db');
    const zip = join(dir, 'export.zip');
    let model: SourceModel;
    let importWarnings: string[];

    before(async function () {
      await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: schema, Messages: 3000, Users: 60, Rooms: 30, Seed: 11 });
      await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: zip });
      const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
      importWarnings = run.context.warnings;
      model = new SourceModel(source);
    });

    it('brings every principal with its attributes; federated users arrive disabled', function () {
      const columns = 'prinGuid, prinUri, prinName, prinDisplayName, prinCompanyName, prinEmail, prinADPath, prinADUserPrincipalName, prinTypeID, prinDisabled';
      // Group Chat 2010 (gg558667, gg558633): prinName is the display name, prinDisabled a bit, and a type may be
      // federated (ptypeIsFederated) or one Persistent Chat lacks: 6 and 7 arrive as User (5), 11 as Group (9).
      const sourceColumns = model.legacy
        ? 'prinGuid, prinUri, prinName, prinName AS prinDisplayName, prinCompanyName, prinEmail, prinADPath, prinADUserPrincipalName, ' +
          'CASE prinTypeID WHEN 6 THEN 5 WHEN 7 THEN 5 WHEN 11 THEN 9 ELSE prinTypeID END AS prinTypeID, prinDisabled, ' +
          '(SELECT ptypeIsFederated FROM tblPrincipalType WHERE ptypeID = prinTypeID) AS federated'
        : `${columns}, 0 AS federated`;
      const before = query(source, `SELECT ${sourceColumns} FROM tblPrincipal ORDER BY prinGuid`);
      const after = new Map(query(target, `SELECT ${columns} FROM tblPrincipal`).map((r) => [String(r.prinGuid), r]));
      assert.ok(before.length > 60);
      let federated = 0;
      for (const { federated: flag, ...p } of before) {
        const t = after.get(String(p.prinGuid));
        assert.ok(t, `principal ${String(p.prinUri)} is missing`);
        const isFederated = flag === 1n || ([2n, 5n].includes(p.prinTypeID as bigint) && p.prinADPath === null && /^sip:/.test(String(p.prinUri)));
        const expected = isFederated && p.prinDisabled === 0n ? { ...p, prinDisabled: 1n } : p;
        if (isFederated) federated++;
        assert.deepEqual(t, expected);
      }
      // 2010: the federated user and group, and the external user (a user with no AD object); 2013: the federated user.
      assert.equal(federated, model.legacy ? 3 : 1);
    });

    it('brings every group membership', function () {
      const pairs = (path: string): string[] =>
        query(path, 'SELECT p.prinGuid AS a, g.prinGuid AS b FROM tblPrincipalAffiliations x JOIN tblPrincipal p ON p.prinID = x.principalID JOIN tblPrincipal g ON g.prinID = x.affiliationID')
          .map((r) => `${String(r.a)}>${String(r.b)}`)
          .sort();
      const expected = pairs(source);
      assert.ok(expected.length > 100);
      assert.deepEqual(pairs(target), expected);
    });

    it('flattens categories with their inherited settings, scopes and creators', function () {
      const categories = [...model.nodes.values()].filter((n) => n.category && n.id !== model.rootId);
      const underRoot = [...model.nodes.values()].some((n) => !n.category && n.parent === model.rootId);
      const expectedNames = [...categories.map((c) => model.categoryName(c.id)), ...(underRoot ? [model.categoryName(model.rootId)] : [])].sort();
      const rows = query(target, 'SELECT nodeID, nodeName, invite, logged, filePost FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID');
      assert.deepEqual(rows.map((r) => String(r.nodeName)).sort(), expectedNames);
      for (const c of [...categories, ...(underRoot ? [model.nodes.get(model.rootId)!] : [])]) {
        const row = rows.find((r) => r.nodeName === model.categoryName(c.id))!;
        const settings = model.effective(c.id);
        assert.deepEqual([Number(row.invite), Number(row.logged), Number(row.filePost)], [settings.invite, settings.logged, settings.filePost], `settings of ${model.categoryName(c.id)}`);
        const scope = query(target, 'SELECT p.prinGuid AS g, s.scopeIsDenied AS d FROM tblScopePrincipal s JOIN tblPrincipal p ON p.prinID = s.scopePrinID WHERE s.scopeNodeID = ?', row.nodeID)
          .map((r) => `${String(r.g)}|${r.d === 1n}`)
          .sort();
        assert.deepEqual(scope, model.scopeOf(c.id), `scope of ${model.categoryName(c.id)}`);
        const creators = c.id === model.rootId ? [] : model.rolesOf(c.id, 'Creator').map((g) => `${g}|Creator`).sort();
        assert.deepEqual(rolesInTarget(target, row.nodeID), creators, `creators of ${model.categoryName(c.id)}`);
      }
    });

    it('brings every room with its category, settings, add-in and roles', function () {
      const rooms = [...model.nodes.values()].filter((n) => !n.category);
      assert.equal(rooms.length, 30);
      const addinNames = new Map(query(source, 'SELECT siopID AS siopID, siopName FROM tblSiopWhiteList').map((r) => [String(r.siopID), String(r.siopName)]));
      for (const room of rooms) {
        const name = model.roomName(room);
        const [row] = query(
          target,
          'SELECT r.nodeID, c.nodeName AS category, r.invite, r.logged, r.filePost, r.disabled, r.behavior, r.visibility, a.siopName AS addin ' +
            'FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID LEFT JOIN tblSiopWhiteList a ON a.siopID = r.siopID WHERE r.nodeType = 0 AND r.nodeName = ?',
          name,
        );
        assert.ok(row, `room '${name}' is missing`);
        assert.equal(row.category, model.categoryName(room.parent), `category of ${name}`);
        assert.equal(row.invite === null ? null : Number(row.invite), model.expectedRoomInvite(room), `invitations of ${name}`);
        assert.deepEqual([row.logged, row.filePost], [null, null]);
        assert.deepEqual([Number(row.disabled), Number(row.behavior), Number(row.visibility)], [room.disabled, room.behavior, model.visibilityOf(room)], `settings of ${name}`);
        assert.equal(row.addin, room.addin === null ? null : addinNames.get(room.addin), `add-in of ${name}`);
        assert.deepEqual(rolesInTarget(target, row.nodeID), model.expectedRoomRoles(room), `roles of ${name}`);
      }
    });

    it('brings every add-in', function () {
      const addins = (path: string): string[] => query(path, 'SELECT siopName, siopUrl FROM tblSiopWhiteList ORDER BY siopName').map((r) => `${String(r.siopName)}=${String(r.siopUrl)}`);
      assert.equal(addins(source).length, 3);
      assert.deepEqual(addins(target), addins(source));
    });

    it('brings every message of every room, in order, text byte for byte', function () {
      const messages = (path: string, room: unknown): string[] =>
        // Group Chat 2010 has no rtf (gg615031).
        query(path, `SELECT c.chatDate, p.prinGuid, c.isAlert, c.content, ${path === source && model.legacy ? 'NULL' : 'c.rtf'} AS rtf FROM tblChat c JOIN tblPrincipal p ON p.prinID = c.userId WHERE c.channelId = ? ORDER BY c.chatId`, room).map((r) =>
          JSON.stringify([String(r.chatDate), r.prinGuid, Number(r.isAlert), Buffer.from(String(r.content), 'utf8').toString('base64'), r.rtf]),
        );
      let total = 0;
      for (const room of [...model.nodes.values()].filter((n) => !n.category)) {
        const [row] = query(target, 'SELECT nodeID FROM tblNode WHERE nodeType = 0 AND nodeName = ?', model.roomName(room));
        const expected = messages(source, room.id);
        total += expected.length;
        assert.deepEqual(messages(target, row!.nodeID), expected, `messages of ${model.roomName(room)}`);
      }
      assert.equal(total, 3000);
      // The awkward texts are there at all (the generator starts with them), in both databases alike.
      const awkward = "SELECT COUNT(*) AS n FROM tblChat WHERE content IN ('007', '1e5', '   leading and trailing spaces   ', 'line one' || char(13, 10) || 'line two' || char(13, 10) || 'line three')";
      const [inSource] = query(source, awkward);
      assert.ok(Number(inSource!.n) >= 4);
      assert.deepEqual(query(target, awkward), [inSource]);
    });

    it('reports the conversions it applied as warnings naming the objects', function () {
      if (schema === 'PersistentChat2013') {
        assert.ok(!importWarnings.some((w) => /InvitationConflict|root category/.test(w)));
        return;
      }
      assert.ok(importWarnings.some((w) => /^Principal 'sip:partner@fabrikam\.com': A federated user/.test(w)));
      assert.ok(importWarnings.some((w) => /manager\(s\) of the root category become managers of every migrated room/.test(w)));
      assert.ok(importWarnings.some((w) => /invitations on but its category 'Sales' has them off/.test(w)));
    });

    it('gives the same state when the import is repeated, without duplicates', async function () {
      const before = canonicalDump(target);
      const again = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, PassThru: true });
      assert.equal(canonicalDump(target), before);
      const result = propertiesOf(again.output[0]);
      assert.equal(result.MessagesImported, 0);
      assert.equal(result.MessagesSkipped, 3000);
    });
  });
}
