/**
 * Get-PcmPersistentChatPackage on real packages written by Export-CsPersistentChatData: a sound one is described
 * (manifest, parts, categories and rooms with their messages, conversions) and accepted; damaged ones are described
 * as far as they can be, with every problem Import would refuse them for, and Import refuses them too.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cmdlet as getPackage } from '../../cmdlets/Get-PcmPersistentChatPackage.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { PcmError } from '../../core/errors.js';
import { editPart, rewritePackage } from '../archive/support/package-surgery.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { exportTo, makeSample, readPackage, type Sample } from '../migration/support/fixture.js';
import { query } from '../migration/support/sql.js';

type Props = Record<string, unknown>;
const details = (info: Props, name: string): Props[] => (info[name] as { properties: Props }[]).map((o) => o.properties);

describe('Get-PcmPersistentChatPackage', function () {
  this.timeout(120000);
  let sample: Sample;
  let zip: string;
  before(async function () {
    sample = await makeSample();
    zip = join(sample.dir, 'all.zip');
    await exportTo(sample.db, zip);
  });

  it('describes a sound package: manifest, checksums, counts per part, category and room, conversions', async function () {
    const { output, context } = await runCmdlet(getPackage, { FileName: zip });
    assert.equal(output.length, 1);
    assert.deepEqual(context.errors, []);
    const info = propertiesOf(output[0]) as Props;
    assert.equal((output[0] as { typeNames: readonly string[] }).typeNames[0], 'PersistentChatMigration.PackageInfo');
    assert.equal(info.CanImport, true);
    assert.equal(info.ChecksumsValid, true);
    assert.equal(info.MessagesChecked, true);
    assert.equal(info.SourceSchema, 'GroupChat2010');
    assert.equal(info.Level, 'All');
    assert.deepEqual(info.Problems, []);
    const [sourceMessages] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblChat');
    assert.equal(info.Messages, Number(sourceMessages!.n));
    const parts = await readPackage(zip);
    const listed = details(info, 'Parts');
    assert.deepEqual(listed.map((p) => p.Name).sort(), [...parts.keys()].sort());
    for (const p of listed) {
      assert.equal(p.ChecksumValid, true);
      assert.equal(p.Records, parts.get(p.Name as string)!.length, `records of ${String(p.Name)}`);
    }
    const rooms = details(info, 'ChatRoomDetails');
    assert.equal(rooms.length, info.ChatRooms);
    // Messages per room, from the source database, by the room's source name.
    const perRoom = query(sample.db, 'SELECT n.nodeName AS name, COUNT(c.chatId) AS n FROM tblNode n LEFT JOIN tblChat c ON c.channelId = n.nodeID WHERE n.nodeType = 0 GROUP BY n.nodeID');
    const bySource = new Map<string, number[]>();
    for (const r of perRoom) bySource.set(String(r.name), [...(bySource.get(String(r.name)) ?? []), Number(r.n)]);
    for (const r of rooms) assert.ok(bySource.get(String(r.SourceName))?.includes(Number(r.Messages)), `messages of ${String(r.Name)}`);
    const categories = details(info, 'CategoryDetails');
    assert.equal(categories.reduce((s, c) => s + Number(c.Messages), 0), info.Messages);
    assert.equal(categories.reduce((s, c) => s + Number(c.ChatRooms), 0), rooms.length);
    assert.ok(rooms.some((r) => r.Name !== r.SourceName), 'flattened room names are shown');
    const rules = details(info, 'Conversions').map((c) => c.Rule);
    assert.ok(rules.includes('FlattenedCategory') && rules.includes('RootManagers'), rules.join(','));
  });

  it('shows -Scope and -StartDate of a partial export, with only its messages', async function () {
    const partial = join(sample.dir, 'partial.zip');
    const since = new Date('2012-01-01T00:00:00Z');
    await exportTo(sample.db, partial, { Scope: ['Sales'], StartDate: since, Level: 'Content' });
    const info = propertiesOf((await runCmdlet(getPackage, { FileName: partial })).output[0]) as Props;
    assert.equal(info.CanImport, true);
    assert.equal(info.Level, 'Content');
    assert.deepEqual(info.Scope, ['Sales']);
    assert.equal((info.StartDate as Date).toISOString(), since.toISOString());
    for (const c of details(info, 'CategoryDetails')) assert.match(String(c.Name), /^Sales/);
    assert.ok(Number(info.Messages) > 0);
  });

  it('a part changed in place: its checksum fails, the others pass, and Import refuses the package too', async function () {
    const damaged = join(sample.dir, 'damaged.zip');
    // Same length, so only the checksum can tell.
    await rewritePackage(zip, damaged, (entries) => editPart(entries, 'ChatRooms.xml', (xml) => xml.replace('Room 0', 'Ruum 0'), false));
    const { output, context } = await runCmdlet(getPackage, { FileName: damaged });
    const info = propertiesOf(output[0]) as Props;
    assert.equal(info.CanImport, false);
    assert.equal(info.ChecksumsValid, false);
    for (const p of details(info, 'Parts')) assert.equal(p.ChecksumValid, p.Name !== 'ChatRooms.xml', String(p.Name));
    assert.ok((info.Problems as string[]).some((p) => p.includes('ChatRooms.xml') && p.includes('SHA-256')), String(info.Problems));
    assert.equal(context.errors.length, 1);
    assert.equal(context.errors[0]!.errorId, 'PackageNotImportable');
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${join(sample.dir, 'never.db')}`, FileName: damaged }), /SHA-256/);
  });

  it('a dangling reference and a rule error are reported as Import reports them, messages unchecked', async function () {
    const dangling = join(sample.dir, 'dangling.zip');
    await rewritePackage(zip, dangling, (entries) => editPart(entries, 'ChatRooms.xml', (xml) => xml.replace(/(<Principal id=")\d+/, '$1999999')));
    const info = propertiesOf((await runCmdlet(getPackage, { FileName: dangling })).output[0]) as Props;
    assert.equal(info.CanImport, false);
    assert.equal(info.ChecksumsValid, true, 'the manifest was rewritten to match');
    assert.equal(info.MessagesChecked, false);
    const problems = info.Problems as string[];
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /999999/);
    const imported = await runCmdlet(importData, { DBInstance: `sqlite:${join(sample.dir, 'never2.db')}`, FileName: dangling }).catch((e: Error) => e);
    assert.ok(imported instanceof PcmError && imported.message.includes('999999'));
  });

  it('pcm exits with 0 for a package Import would take and 1 for one it would refuse', async function () {
    const ok = await pcm(['Get-PcmPersistentChatPackage', zip, '-OutputFormat', 'Json']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as Props).CanImport, true);
    const damaged = join(sample.dir, 'damaged-cli.zip');
    await rewritePackage(zip, damaged, (entries) => editPart(entries, 'Categories.xml', (xml) => xml.replace(/(<Category [^>]*id=")(\d+)/, '$1$2$2'), true));
    const bad = await pcm(['Get-PcmPersistentChatPackage', '-FileName', damaged, '-OutputFormat', 'Json']);
    assert.equal(bad.status, 1, bad.stdout);
    assert.match(bad.stderr, /cannot be imported/);
    assert.equal((JSON.parse(bad.stdout) as Props).CanImport, false);
  });

  it('a file that is not a package is described as such; a missing file is a terminating error', async function () {
    const notZip = join(sample.dir, 'not.zip');
    (await import('node:fs')).writeFileSync(notZip, 'hello');
    const info = propertiesOf((await runCmdlet(getPackage, { FileName: notZip })).output[0]) as Props;
    assert.equal(info.CanImport, false);
    assert.equal(info.SourceSchema, null);
    assert.match((info.Problems as string[])[0]!, /not a valid ZIP/);
    await assert.rejects(runCmdlet(getPackage, { FileName: join(sample.dir, 'missing.zip') }), (e: PcmError) => e.errorId === 'PackageNotFound');
  });
});
