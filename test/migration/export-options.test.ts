/**
 * Export-CsPersistentChatData's options on a generated Group Chat 2010 database: -Level, -Scope, -StartDate,
 * -DisableExportedNodes and -AsBytes, checked against the package contents and the source database.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { PcmError } from '../../core/errors.js';
import { ticksFromDate } from '../../core/ticks.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { copyDb, exportTo, makeSample, readPackage, type Sample } from './support/fixture.js';
import { canonicalDump, query } from './support/sql.js';

const ALL_PARTS = ['AdUsers.xml', 'AdGroups.xml', 'AdAffiliations.xml', 'Categories.xml', 'ChatRooms.xml', 'Addins.xml'];

describe('Export-CsPersistentChatData options', function () {
  let sample: Sample;
  before(async function () {
    sample = await makeSample();
  });

  describe('-Level', function () {
    const expected = {
      All: { parts: ALL_PARTS, messages: true, allPrincipals: true },
      User: { parts: ['AdUsers.xml', 'AdGroups.xml', 'AdAffiliations.xml'], messages: false, allPrincipals: true },
      Category: { parts: ['AdUsers.xml', 'AdGroups.xml', 'AdAffiliations.xml', 'Categories.xml'], messages: false, allPrincipals: false },
      RoomDirectory: { parts: ALL_PARTS, messages: false, allPrincipals: false },
      Content: { parts: ALL_PARTS, messages: true, allPrincipals: false },
    } as const;
    for (const [level, want] of Object.entries(expected)) {
      it(`${level}: holds ${want.parts.length} directory parts${want.messages ? ' and messages' : ''}, and imports on its own`, async function () {
        const zip = join(sample.dir, `level-${level}.zip`);
        await exportTo(sample.db, zip, { Level: level });
        const parts = await readPackage(zip);
        const names = [...parts.keys()].filter((n) => !n.startsWith('Messages-'));
        assert.deepEqual(names.sort(), [...want.parts].sort());
        const messages = [...parts.keys()].filter((n) => n.startsWith('Messages-')).reduce((sum, n) => sum + parts.get(n)!.length, 0);
        assert.equal(messages, want.messages ? 1500 : 0);
        const principals = parts.get('AdUsers.xml')!.length + parts.get('AdGroups.xml')!.length;
        const [all] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblPrincipal');
        if (want.allPrincipals) assert.equal(principals, Number(all!.n));
        else assert.ok(principals < Number(all!.n), `${principals} principals should be fewer than all ${String(all!.n)}`);
        const target = join(sample.dir, `level-${level}.db`);
        await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
        const [rooms] = query(target, 'SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0');
        assert.equal(Number(rooms!.n), (want.parts as readonly string[]).includes('ChatRooms.xml') ? 24 : 0);
      });
    }
  });

  describe('-Scope', function () {
    it('exports the named category with its subcategories and their rooms only', async function () {
      const zip = join(sample.dir, 'scope-engineering.zip');
      await exportTo(sample.db, zip, { Scope: ['engineering'] });
      const parts = await readPackage(zip);
      const engineering = query(
        sample.db,
        "WITH RECURSIVE sub(id) AS (SELECT nodeID FROM tblNode WHERE nodeName = 'Engineering' AND nodeType = 1 UNION SELECT n.nodeID FROM tblNode n JOIN sub ON n.parentID = sub.id AND n.nodeID <> n.parentID) " +
          'SELECT nodeID FROM tblNode WHERE nodeType = 0 AND parentID IN (SELECT id FROM sub)',
      ).map((r) => String(r.nodeID));
      assert.ok(engineering.length > 0);
      assert.deepEqual(parts.get('ChatRooms.xml')!.map((r) => r.attributes.id).sort(), engineering.sort());
      const inScope = parts.get('Categories.xml')!.filter((c) => c.attributes.inScope === '1' && c.attributes.parentId !== c.attributes.id);
      assert.deepEqual(inScope.length, 5); // Engineering, Backend, Databases, Frontend, Design Systems
      const [inRooms] = query(sample.db, `SELECT COUNT(*) AS n FROM tblChat WHERE channelId IN (${engineering.join(',')})`);
      const messages = [...parts.keys()].filter((n) => n.startsWith('Messages-')).reduce((sum, n) => sum + parts.get(n)!.length, 0);
      assert.equal(messages, Number(inRooms!.n));
    });

    it('takes a subcategory by its flattened path, with its ancestors as structure only', async function () {
      const zip = join(sample.dir, 'scope-backend.zip');
      await exportTo(sample.db, zip, { Scope: ['Engineering - Backend'] });
      const categories = (await readPackage(zip)).get('Categories.xml')!;
      const flags = Object.fromEntries(categories.map((c) => [String((c.children[0] as { text: string }).text), c.attributes.inScope]));
      assert.equal(flags['Engineering'], '0');
      assert.equal(flags['Backend'], '1');
      assert.equal(flags['Databases'], '1');
      assert.equal(flags['Sales'], undefined);
      const target = join(sample.dir, 'scope-backend.db');
      await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
      const names = query(target, 'SELECT nodeName FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID ORDER BY nodeName').map((r) => r.nodeName);
      assert.deepEqual(names, ['Engineering - Backend', 'Engineering - Backend - Databases']);
    });

    it('fails naming the category when a -Scope name matches none, and writes no package', async function () {
      const zip = join(sample.dir, 'scope-none.zip');
      await assert.rejects(exportTo(sample.db, zip, { Scope: ['Engineering', 'Nope'] }), (error: unknown) => {
        assert.ok(error instanceof PcmError);
        assert.equal(error.errorId, 'ScopeCategoryNotFound');
        assert.match(error.message, /'Nope'/);
        assert.match(error.message, /Engineering - Backend/);
        return true;
      });
      assert.equal(existsSync(zip), false);
      assert.equal(existsSync(zip + '.pcm-partial'), false);
    });
  });

  describe('-StartDate', function () {
    it('exports exactly the messages posted on or after the date', async function () {
      const start = new Date(Date.UTC(2010, 5, 1));
      const zip = join(sample.dir, 'since.zip');
      await exportTo(sample.db, zip, { StartDate: start });
      const parts = await readPackage(zip);
      const messages = [...parts.keys()].filter((n) => n.startsWith('Messages-')).flatMap((n) => parts.get(n)!);
      const ticks = ticksFromDate(start);
      const [expected] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblChat WHERE chatDate >= ?', ticks);
      assert.ok(Number(expected!.n) > 0 && Number(expected!.n) < 1500);
      assert.equal(messages.length, Number(expected!.n));
      assert.ok(messages.every((m) => BigInt(m.attributes.date!) >= ticks));
    });

    it('accepts a date string as typed on a command line', async function () {
      const zip = join(sample.dir, 'since-text.zip');
      const run = await exportTo(sample.db, zip, { StartDate: '2011-01-01T00:00:00Z', PassThru: true });
      const [expected] = query(sample.db, 'SELECT COUNT(*) AS n FROM tblChat WHERE chatDate >= ?', ticksFromDate(new Date(Date.UTC(2011, 0, 1))));
      assert.equal(propertiesOf(run.output[0]).Messages, Number(expected!.n));
    });

    it('warns that it has no effect at a level without messages', async function () {
      const run = await exportTo(sample.db, join(sample.dir, 'since-rd.zip'), { Level: 'RoomDirectory', StartDate: new Date(Date.UTC(2010, 0, 1)) });
      assert.ok(run.context.warnings.some((w) => /-StartDate applies to messages, and -Level RoomDirectory exports none/.test(w)));
    });
  });

  describe('-DisableExportedNodes', function () {
    it('disables the exported rooms in the source after the package is written, and only those', async function () {
      const db = copyDb(sample.db, sample.dir, 'disable.db');
      const before = query(db, 'SELECT nodeID, disabled FROM tblNode WHERE nodeType = 0 ORDER BY nodeID');
      const zip = join(sample.dir, 'disable.zip');
      await exportTo(db, zip, { Scope: ['Sales'], DisableExportedNodes: true });
      const exported = new Set((await readPackage(zip)).get('ChatRooms.xml')!.map((r) => Number(r.attributes.id)));
      assert.ok(exported.size > 0);
      const after = query(db, 'SELECT nodeID, disabled FROM tblNode WHERE nodeType = 0 ORDER BY nodeID');
      for (let i = 0; i < before.length; i++) {
        const id = Number(before[i]!.nodeID);
        assert.equal(after[i]!.disabled, exported.has(id) ? 1n : before[i]!.disabled, `room ${id}`);
      }
    });

    it('leaves the source untouched when not asked', async function () {
      const db = copyDb(sample.db, sample.dir, 'untouched.db');
      const before = canonicalDump(db);
      await exportTo(db, join(sample.dir, 'untouched.zip'));
      assert.equal(canonicalDump(db), before);
    });
  });

  describe('-AsBytes', function () {
    it('returns one byte array that Import-CsPersistentChatData -ByteInput takes, with the same result as a file', async function () {
      const run = await runCmdlet(exportData, { DBInstance: `sqlite:${sample.db}`, AsBytes: true });
      assert.equal(run.output.length, 1);
      const bytes = run.output[0] as Buffer;
      assert.ok(Buffer.isBuffer(bytes));
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      const fromBytes = join(sample.dir, 'bytes.db');
      await runCmdlet(importData, { DBInstance: `sqlite:${fromBytes}`, ByteInput: bytes });
      const zip = join(sample.dir, 'file.zip');
      await exportTo(sample.db, zip);
      const fromFile = join(sample.dir, 'file.db');
      await runCmdlet(importData, { DBInstance: `sqlite:${fromFile}`, FileName: zip });
      assert.equal(canonicalDump(fromBytes), canonicalDump(fromFile));
    });

    it('cannot be combined with -FileName', async function () {
      await assert.rejects(runCmdlet(exportData, { DBInstance: `sqlite:${sample.db}`, AsBytes: true, FileName: join(sample.dir, 'x.zip') }), /parameter set cannot be resolved/);
    });
  });
});
