/**
 * Test-PcmPersistentChatMigration on real migrations: a generated Group Chat 2010 database exported and imported
 * by the product's own cmdlets verifies with no difference (the conversion rules listed, not counted); each kind of
 * tampering of the target, made with direct SQL on a copy, is found and names only the tampered object; a scoped
 * and date-cut migration verifies against its package (and does not without it); -Quiet, the report and pcm's
 * exit code follow the result.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as verify } from '../../cmdlets/Test-PcmPersistentChatMigration.js';
import type { OutputItem } from '../../cmdlets/framework/cmdlet.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { copyDb, exportTo, makeSample, type Sample } from '../migration/support/fixture.js';
import { query } from '../migration/support/sql.js';

type Props = Record<string, unknown>;

function split(output: OutputItem[]): { differences: Props[]; converted: Props[]; summary: Props } {
  const objects = output.map((o) => ({ type: (o as { typeNames: readonly string[] }).typeNames[0], props: propertiesOf(o) as Props }));
  const findings = objects.filter((o) => o.type === 'PersistentChatMigration.MigrationDifference').map((o) => o.props);
  const summary = objects.find((o) => o.type === 'PersistentChatMigration.MigrationVerification')!.props;
  return { differences: findings.filter((f) => f.Status === 'Different'), converted: findings.filter((f) => f.Status === 'Converted'), summary };
}

function tamper(db: string, sql: string, ...params: unknown[]): number {
  const handle = new Database(db);
  try {
    return handle.prepare(sql).run(...params).changes;
  } finally {
    handle.close();
  }
}

describe('Test-PcmPersistentChatMigration', function () {
  this.timeout(180000);
  let sample: Sample;
  let zip: string;
  let target: string;
  const check = async (db: string, extra: Record<string, unknown> = {}) => {
    const run = await runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${db}`, ...extra });
    return { ...split(run.output), errors: run.context.errors };
  };

  before(async function () {
    sample = await makeSample();
    zip = join(sample.dir, 'all.zip');
    await exportTo(sample.db, zip);
    target = join(sample.dir, 'target.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
  });

  it('a clean migration verifies with no difference; what the rules changed is listed as converted', async function () {
    const { differences, converted, summary, errors } = await check(target, { IncludeConverted: true });
    assert.deepEqual(differences, []);
    assert.deepEqual(errors, []);
    assert.equal(summary.Verified, true);
    const [rooms] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0');
    assert.equal(summary.ChatRooms, Number(rooms!.n));
    const [messages] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblChat');
    assert.equal(summary.Messages, Number(messages!.n));
    const rules = new Set(converted.map((c) => c.Detail));
    for (const rule of ['FlattenedCategory', 'RoomNamePrefixed', 'RootManagers', 'TopicDropped', 'FederatedUser', 'InvitationConflict']) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`);
    assert.equal(summary.Converted, converted.length);
    const progress = (await runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${target}` })).context.progressRecords;
    assert.ok(progress.some((p) => / of 1500 messages$/.test(p.status)) && progress.at(-1)!.completed, 'progress over the messages, then completed');
  });

  it('the same with the package: Level All honoured, still no difference', async function () {
    const { differences, summary } = await check(target, { FileName: zip });
    assert.deepEqual(differences, []);
    assert.equal(summary.Level, 'All');
  });

  /** A room of a subcategory (flattened, prefixed) with an explicit manager and messages. */
  function flattenedRoomWithManager(db: string): { id: number; name: string; manager: number } {
    const [row] = query(
      db,
      "SELECT n.nodeID AS id, n.nodeName AS name, r.prinRolePrinID AS manager FROM tblNode n JOIN tblPrincipalRole r ON r.prinRoleNodeID = n.nodeID AND r.prinRoleTypeID = 2 " +
        "WHERE n.nodeType = 0 AND n.nodeName LIKE '% - % - %' AND EXISTS (SELECT 1 FROM tblChat c WHERE c.channelId = n.nodeID) ORDER BY n.nodeID LIMIT 1",
    );
    assert.ok(row, 'the sample has a flattened room with a manager');
    return { id: Number(row.id), name: String(row.name), manager: Number(row.manager) };
  }

  const cases: { what: string; change: (db: string) => { kind: string; object: string; properties: string[] } }[] = [
    {
      what: 'a message deleted',
      change: (db) => {
        const room = flattenedRoomWithManager(db);
        assert.equal(tamper(db, 'DELETE FROM tblChat WHERE channelId = ? AND chatId = (SELECT MAX(chatId) FROM tblChat WHERE channelId = ?)', room.id, room.id), 1);
        return { kind: 'Messages', object: room.name, properties: ['Count', 'LastDate', 'ContentHash'] };
      },
    },
    {
      what: 'one character of a message changed',
      change: (db) => {
        const room = flattenedRoomWithManager(db);
        const [chat] = query(db, 'SELECT chatId, content FROM tblChat WHERE channelId = ? AND length(content) > 3 ORDER BY chatId LIMIT 1 OFFSET 2', room.id);
        const content = String(chat!.content);
        const changed = content.slice(0, 1) + (content[1] === 'x' ? 'y' : 'x') + content.slice(2);
        assert.equal(tamper(db, 'UPDATE tblChat SET content = ? WHERE channelId = ? AND chatId = ?', changed, room.id, chat!.chatId), 1);
        return { kind: 'Messages', object: room.name, properties: ['ContentHash'] };
      },
    },
    {
      what: 'a manager removed from a flattened room (the rule that renamed it does not explain it)',
      change: (db) => {
        const room = flattenedRoomWithManager(db);
        assert.equal(tamper(db, 'DELETE FROM tblPrincipalRole WHERE prinRoleNodeID = ? AND prinRolePrinID = ? AND prinRoleTypeID = 2', room.id, room.manager), 1);
        return { kind: 'ChatRoom', object: room.name, properties: ['Managers'] };
      },
    },
    {
      what: 'a room renamed',
      change: (db) => {
        const [room] = query(db, "SELECT nodeID, nodeName FROM tblNode WHERE nodeType = 0 AND nodeName = 'Room 0005'");
        assert.equal(tamper(db, "UPDATE tblNode SET nodeName = 'Room 0005 (renamed)' WHERE nodeID = ?", room!.nodeID), 1);
        return { kind: 'ChatRoom', object: 'Room 0005', properties: ['Exists'] };
      },
    },
    {
      what: "an add-in's URL changed",
      change: (db) => {
        const [addin] = query(db, 'SELECT siopID, siopName FROM tblSiopWhiteList ORDER BY siopName LIMIT 1');
        assert.equal(tamper(db, "UPDATE tblSiopWhiteList SET siopUrl = 'https://evil.example/' WHERE siopID = ?", addin!.siopID), 1);
        return { kind: 'Addin', object: String(addin!.siopName), properties: ['Url'] };
      },
    },
    {
      what: 'a principal enabled that should be disabled (the federated user)',
      change: (db) => {
        const [federated] = query(db, "SELECT prinID, prinUri FROM tblPrincipal WHERE prinADPath IS NULL AND prinTypeID = 5 AND prinDisabled = 1 AND prinUri LIKE 'sip:%' LIMIT 1");
        assert.ok(federated, 'the target has the federated user, disabled');
        assert.equal(tamper(db, 'UPDATE tblPrincipal SET prinDisabled = 0 WHERE prinID = ?', federated!.prinID), 1);
        return { kind: 'Principal', object: String(federated!.prinUri), properties: ['Disabled'] };
      },
    },
  ];
  for (const c of cases) {
    it(`finds ${c.what}, naming that object and no other`, async function () {
      const db = copyDb(target, sample.dir, `tampered-${cases.indexOf(c)}.db`);
      const want = c.change(db);
      const { differences, summary, errors } = await check(db);
      assert.equal(summary.Verified, false);
      assert.ok(differences.length > 0, 'found');
      for (const d of differences) {
        assert.equal(d.Kind, want.kind, JSON.stringify(d));
        assert.equal(d.Object, want.object, JSON.stringify(d));
      }
      assert.deepEqual(differences.map((d) => d.Property).sort(), [...want.properties].sort());
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.errorId, 'MigrationNotVerified');
    });
  }

  it('names the first message that differs, and the principals a role lost', async function () {
    const db = copyDb(target, sample.dir, 'detail.db');
    const room = flattenedRoomWithManager(db);
    const [chat] = query(db, 'SELECT chatId FROM tblChat WHERE channelId = ? ORDER BY chatId LIMIT 1 OFFSET 4', room.id);
    tamper(db, "UPDATE tblChat SET content = content || '!' WHERE channelId = ? AND chatId = ?", room.id, chat!.chatId);
    tamper(db, 'DELETE FROM tblPrincipalRole WHERE prinRoleNodeID = ? AND prinRolePrinID = ? AND prinRoleTypeID = 2', room.id, room.manager);
    const { differences } = await check(db);
    const hash = differences.find((d) => d.Property === 'ContentHash')!;
    assert.match(String(hash.Detail), new RegExp(`Message #5 differs .*target chatId ${String(chat!.chatId)}\\b.*content`));
    const managers = differences.find((d) => d.Property === 'Managers')!;
    const [uri] = query(db, 'SELECT prinUri FROM tblPrincipal WHERE prinID = ?', room.manager);
    assert.deepEqual(managers.SourceValue, [String(uri!.prinUri)]);
    assert.deepEqual(managers.TargetValue, []);
  });

  it('a -Scope / -StartDate migration verifies against its package, and not without it', async function () {
    const partial = join(sample.dir, 'sales.zip');
    await exportTo(sample.db, partial, { Scope: ['Sales'], StartDate: new Date('2012-06-01T00:00:00Z') });
    const db = join(sample.dir, 'sales.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${db}`, FileName: partial });
    const honoured = await check(db, { FileName: partial });
    assert.deepEqual(honoured.differences, []);
    assert.equal(honoured.summary.Verified, true);
    assert.deepEqual(honoured.summary.Scope, ['Sales']);
    assert.ok(Number(honoured.summary.Messages) > 0);
    const [all] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblChat');
    assert.ok(Number(honoured.summary.Messages) < Number(all!.n), 'only the messages of the scope and date');
    const unscoped = await check(db);
    assert.ok(unscoped.differences.some((d) => d.Property === 'Exists' && d.Kind === 'ChatRoom'), 'without the package, the other rooms are missing');
  });

  it('-Level of the package decides what is compared; rooms disabled by -DisableExportedNodes are listed as converted', async function () {
    const source = copyDb(sample.db, sample.dir, 'frozen-source.db');
    const directory = join(sample.dir, 'directory.zip');
    await exportTo(source, directory, { Level: 'RoomDirectory', DisableExportedNodes: true });
    const db = join(sample.dir, 'directory.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${db}`, FileName: directory });
    const run = await runCmdlet(verify, { SourceDBInstance: `sqlite:${source}`, DBInstance: `sqlite:${db}`, FileName: directory, IncludeConverted: true });
    const { differences, converted, summary } = split(run.output);
    assert.deepEqual(differences, []);
    assert.equal(summary.Level, 'RoomDirectory');
    assert.equal(summary.Messages, 0, 'no messages are expected at this level');
    const [enabled] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 0');
    assert.equal(converted.filter((c) => c.Detail === 'DisableExportedNodes').length, Number(enabled!.n), 'each room the export disabled');
    const without = split((await runCmdlet(verify, { SourceDBInstance: `sqlite:${source}`, DBInstance: `sqlite:${db}` })).output).differences;
    assert.ok(without.some((d) => d.Kind === 'Messages') && without.some((d) => d.Property === 'Disabled'), 'without the package, messages and the disabled rooms differ');

    const categories = join(sample.dir, 'categories.zip');
    await exportTo(sample.db, categories, { Level: 'Category' });
    const cdb = join(sample.dir, 'categories.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${cdb}`, FileName: categories });
    const level = split((await runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${cdb}`, FileName: categories })).output);
    assert.deepEqual(level.differences, []);
    assert.equal(level.summary.ChatRooms, 0);
    assert.ok(Number(level.summary.Categories) > 0);
  });

  it('-Quiet returns only $true or $false; the report, its JSON twin and the CSV say the same', async function () {
    const clean = await runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${target}`, Quiet: true });
    assert.deepEqual(clean.output, [true]);
    const db = copyDb(target, sample.dir, 'quiet.db');
    tamper(db, "UPDATE tblSiopWhiteList SET siopUrl = 'https://changed.example/'");
    const report = join(sample.dir, 'verify.html');
    const bad = await runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${db}`, Quiet: true, Report: report });
    assert.deepEqual(bad.output, [false]);
    assert.deepEqual(bad.context.errors, [], '-Quiet writes no error');
    assert.match(readFileSync(report, 'utf8'), /Not verified: \d+ difference/);
    const json = JSON.parse(readFileSync(join(sample.dir, 'verify.json'), 'utf8')) as { differences: { kind: string }[]; summary: { Verified: boolean } };
    assert.equal(json.summary.Verified, false);
    assert.ok(json.differences.length > 0 && json.differences.every((d) => d.kind === 'Addin'));
    const csv = readFileSync(join(sample.dir, 'verify.csv'), 'utf8').trimEnd().split('\r\n');
    assert.equal(csv[0], 'Kind,Object,Property,SourceValue,TargetValue,Detail');
    assert.equal(csv.length - 1, json.differences.length);
    assert.ok(csv.slice(1).every((line) => line.startsWith('Addin,') && line.includes('https://changed.example/')));
  });

  it('pcm exits with 0 for a verified migration and 1 for one with differences', async function () {
    const ok = await pcm(['Test-PcmPersistentChatMigration', '-SourceDBInstance', `sqlite:${sample.db}`, '-DBInstance', `sqlite:${target}`]);
    assert.equal(ok.status, 0, ok.stderr);
    const db = copyDb(target, sample.dir, 'exit.db');
    tamper(db, "UPDATE tblNode SET description = 'changed' WHERE nodeName = 'Room 0001'".replace('description', 'nodeDesc'));
    const bad = await pcm(['Test-PcmPersistentChatMigration', '-SourceDBInstance', `sqlite:${sample.db}`, '-DBInstance', `sqlite:${db}`, '-OutputFormat', 'Json']);
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stderr, /MigrationNotVerified|not verified/);
    const lines = bad.stdout.trim().split('\n').map((l) => JSON.parse(l) as Props);
    assert.deepEqual(lines.filter((l) => l.$type === 'PersistentChatMigration.MigrationDifference').map((l) => [l.Object, l.Property]), [['Room 0001', 'Description']]);
  });

  it('refuses a Group Chat database as the target, and a target that does not exist', async function () {
    await assert.rejects(runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${sample.db}` }), /TargetNotPersistentChat|Group Chat database/);
    await assert.rejects(runCmdlet(verify, { SourceDBInstance: `sqlite:${sample.db}`, DBInstance: `sqlite:${join(sample.dir, 'none.db')}` }));
    assert.equal(existsSync(join(sample.dir, 'none.db')), false, 'nothing was created');
  });

  it('a Persistent Chat source migrated to another Persistent Chat database verifies too', async function () {
    const pc = await makeSample('PersistentChat2013', 800);
    const pcZip = join(pc.dir, 'pc.zip');
    await exportTo(pc.db, pcZip);
    const pcTarget = join(pc.dir, 'pc-target.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${pcTarget}`, FileName: pcZip });
    const run = await runCmdlet(verify, { SourceDBInstance: `sqlite:${pc.db}`, DBInstance: `sqlite:${pcTarget}` });
    const { differences, summary } = split(run.output);
    assert.deepEqual(differences, []);
    assert.equal(summary.SourceSchema, 'PersistentChat2013');
  });
});
