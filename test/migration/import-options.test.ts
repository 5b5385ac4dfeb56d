/**
 * Import-CsPersistentChatData's behaviour on a real target: -WhatIf writes nothing and reports every overwrite,
 * same-name items are overwritten and listed, name clashes stop the import before it writes, an interrupted
 * import run again gives the state of an uninterrupted one, and a Group Chat database is refused as a target.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { PcmError } from '../../core/errors.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { copyDb, exportTo, makeSample, type Sample } from './support/fixture.js';
import { canonicalDump, fileHash, query } from './support/sql.js';

function write(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('Import-CsPersistentChatData behaviour', function () {
  let sample: Sample;
  let zip: string;
  let clean: string;
  before(async function () {
    sample = await makeSample();
    zip = join(sample.dir, 'export.zip');
    await exportTo(sample.db, zip);
    clean = join(sample.dir, 'clean.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${clean}`, FileName: zip });
  });

  describe('-WhatIf', function () {
    it('does not create a missing target, and reports what it would do', async function () {
      const target = join(sample.dir, 'whatif-new.db');
      const report = join(sample.dir, 'whatif-new.html');
      const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, WhatIf: true, Report: report, PassThru: true });
      assert.equal(existsSync(target), false);
      assert.ok(run.context.verboseMessages.some((m) => /would be created/.test(m)));
      assert.ok(run.context.warnings.some((w) => /invitations on but its category/.test(w)));
      const json = JSON.parse(readFileSync(join(sample.dir, 'whatif-new.json'), 'utf8')) as { outcome: string; notices: { rule: string }[] };
      assert.equal(json.outcome, 'WhatIf');
      assert.ok(json.notices.some((n) => n.rule === 'InvitationConflict'));
      assert.equal(propertiesOf(run.output[0]).ChatRoomsCreated, 24);
    });

    it('leaves an existing target byte for byte as it was, and lists each item it would overwrite', async function () {
      const target = copyDb(clean, sample.dir, 'whatif-existing.db');
      const hash = fileHash(target);
      const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, WhatIf: true });
      assert.equal(fileHash(target), hash);
      const overwrites = run.context.warnings.filter((w) => /would be overwritten/.test(w));
      assert.equal(overwrites.filter((w) => w.startsWith('ChatRoom ')).length, 24);
      assert.ok(overwrites.some((w) => w.startsWith("Category 'Engineering - Backend'")));
    });
  });

  describe('same-name items', function () {
    it('overwrites a room that exists in the target, keeps its messages, and reports it', async function () {
      const target = copyDb(clean, sample.dir, 'overwrite.db');
      const [room] = query(target, "SELECT nodeID, nodeDesc, visibility FROM tblNode WHERE nodeType = 0 AND nodeName = 'Room 0001'");
      write(target, "UPDATE tblNode SET nodeDesc = 'changed in the target', visibility = 2 WHERE nodeID = ?", room!.nodeID);
      write(target, "INSERT INTO tblChat (channelId, chatId, chatDate, userId, isAlert, content) VALUES (?, 999999, 640000000000000000, 1, 0, 'posted in the new pool')", room!.nodeID);
      const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, PassThru: true });
      const [after] = query(target, 'SELECT nodeDesc, visibility FROM tblNode WHERE nodeID = ?', room!.nodeID);
      assert.deepEqual(after, { nodeDesc: room!.nodeDesc, visibility: room!.visibility });
      assert.equal(query(target, "SELECT 1 FROM tblChat WHERE content = 'posted in the new pool'").length, 1);
      assert.ok(run.context.warnings.some((w) => w === "ChatRoom 'Room 0001': A chat room with this name exists in the target and is overwritten by the imported one; its messages are kept and the imported ones added."));
      assert.equal(propertiesOf(run.output[0]).ChatRoomsOverwritten, 24);
    });

    it('refuses, writing nothing, when an imported room would take the name of a category in the target', async function () {
      const target = copyDb(clean, sample.dir, 'conflict.db');
      // The target's room 'Room 0001' is renamed, and its category 'Social' takes the name 'Room 0001'.
      write(target, "UPDATE tblNode SET nodeName = 'Renamed room' WHERE nodeType = 0 AND nodeName = 'Room 0001'");
      write(target, "UPDATE tblNode SET nodeName = 'Room 0001' WHERE nodeType = 1 AND nodeName = 'Social'");
      const hash = fileHash(target);
      await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip }), (error: unknown) => {
        assert.ok(error instanceof PcmError);
        assert.equal(error.errorId, 'ImportValidationFailed');
        assert.match(error.message, /nothing was written/);
        assert.match(error.message, /ChatRoom 'Room 0001': The target already has a category named 'Room 0001'/);
        return true;
      });
      assert.equal(fileHash(target), hash);
    });
  });

  describe('repeating and resuming', function () {
    it('ends, after an interruption between message batches, in the state of an uninterrupted import', async function () {
      // An interrupted run committed some batches; the rest of its work, tblLastChatId included, was rolled back.
      const target = copyDb(clean, sample.dir, 'resume.db');
      write(target, 'DELETE FROM tblChat WHERE rowid > (SELECT MAX(rowid) - 700 FROM tblChat)');
      write(target, 'UPDATE tblLastChatId SET lastChatID = COALESCE((SELECT MAX(chatId) FROM tblChat WHERE channelId = nodeID), 0)');
      assert.notEqual(canonicalDump(target), canonicalDump(clean));
      const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, PassThru: true });
      assert.equal(propertiesOf(run.output[0]).MessagesImported, 700);
      assert.equal(canonicalDump(target), canonicalDump(clean));
    });
  });

  it('refuses a Group Chat 2010 database as its target, leaving it unchanged', async function () {
    const target = copyDb(sample.db, sample.dir, 'legacy-target.db');
    const hash = fileHash(target);
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip }), (error: unknown) => {
      assert.ok(error instanceof PcmError);
      assert.equal(error.errorId, 'TargetNotPersistentChat');
      return true;
    });
    assert.equal(fileHash(target), hash);
  });
});
