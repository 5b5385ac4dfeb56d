/**
 * Paths that must differ (issue 16): an export aimed at its own source, a report or package pointed at a database,
 * a target that is the package, and the like, named directly or through `./y/..`, a symbolic link, a hard link or a
 * different case where the file system ignores case. Every pair is refused before anything is written: the folder
 * holds exactly the same files, byte for byte, afterwards. The headline case also runs as a real `pcm` process.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { PcmError } from '../../core/errors.js';
import { fileKey } from '../../migration/path-collisions.js';
import { describeRun, errorLines, pcm } from '../support/pcm-process.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';

/** Every file under dir (following no links) with its SHA-256. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'));
      else files.set(path, 'link');
    }
  };
  walk(dir);
  return files;
}

describe('migration: paths that must differ are compared after resolving', function () {
  this.timeout(120000);
  let root: string;
  let legacy: string;
  let target: string;
  let zip: string;

  before(async function () {
    root = tempDir('pcm-paths-');
    const x = join(root, 'x');
    mkdirSync(join(x, 'y'), { recursive: true });
    mkdirSync(join(root, 'elsewhere', 'deep'), { recursive: true });
    legacy = join(x, 'legacy.db');
    target = join(x, 'target.db');
    zip = join(x, 'export.zip');
    await runCmdlet(newSample, { DBInstance: `sqlite:${legacy}`, Schema: 'GroupChat2010', Messages: 200, Users: 20, Rooms: 12 });
    await runCmdlet(newSample, { DBInstance: `sqlite:${target}`, Schema: 'PersistentChat2013', Messages: 100, Users: 20, Rooms: 12 });
    await runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: zip });
    // A link to x from elsewhere: elsewhere/deep/../../x is root/x by text, but elsewhere/link/.. is root/ on disk.
    symlinkSync(x, join(root, 'elsewhere', 'link'));
    symlinkSync(join(x, 'y'), join(root, 'ylink'));
    linkSync(legacy, join(root, 'legacy-hardlink.db'));
    copyFileSync(legacy, join(root, 'legacy-copy.db'));
    copyFileSync(legacy, join(x, 'src.json'));
  });

  const refused = async (run: () => Promise<unknown>, errorId: string, ...mentions: string[]): Promise<void> => {
    const before = snapshot(root);
    await assert.rejects(run, (error: unknown) => {
      assert.ok(error instanceof PcmError, String(error));
      assert.equal(error.errorId, errorId, error.message);
      assert.equal(error.category, 'InvalidArgument');
      for (const m of mentions) assert.ok(error.message.includes(m), `${m} not in: ${error.message}`);
      assert.match(error.message, /nothing was written/i);
      return true;
    });
    assert.deepEqual(snapshot(root), before, 'a file changed, appeared or disappeared');
  };

  describe('Export-CsPersistentChatData', function () {
    const cases: [string, () => string, () => Record<string, unknown>][] = [
      ['-FileName is the source itself', () => legacy, () => ({})],
      ['-FileName is the source through ./y/..', () => join(root, 'x', '.', 'y', '..', 'legacy.db'), () => ({})],
      ['-FileName is the source through a symbolic link to its folder', () => join(root, 'elsewhere', 'link', 'legacy.db'), () => ({})],
      ['-FileName is a hard link to the source', () => join(root, 'legacy-hardlink.db'), () => ({})],
      ['-FileName is the source\'s journal', () => `${legacy}-journal`, () => ({})],
    ];
    for (const [name, fileName, extra] of cases) {
      it(`${name}: refused, the source byte for byte as it was`, async function () {
        await refused(() => runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: fileName(), ...extra() }), 'ExportPathCollision', '-DBInstance', '-FileName');
      });
    }

    it('-DBInstance names the source through .. after a symbolic link (resolved on disk, as SQLite opens it): refused', async function () {
      // root/ylink is x/y, so root/ylink/../legacy.db is x/legacy.db on disk (as text it would be root/legacy.db).
      await refused(() => runCmdlet(exportData, { DBInstance: `sqlite:${root}/ylink/../legacy.db`, FileName: legacy }), 'ExportPathCollision', '-DBInstance', '-FileName');
    });

    it('-Report is the source: refused', async function () {
      await refused(() => runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: join(root, 'new.zip'), Report: join(root, 'x', 'y', '..', 'legacy.db') }), 'ExportPathCollision', '-Report');
    });

    it('-Report\'s JSON twin is the source: refused', async function () {
      await refused(() => runCmdlet(exportData, { DBInstance: `sqlite:${join(root, 'x', 'src.json')}`, FileName: join(root, 'new.zip'), Report: join(root, 'x', 'src.html') }), 'ExportPathCollision', '-Report');
    });

    it('-Report is the package: refused', async function () {
      await refused(() => runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: join(root, 'x', 'new.zip'), Report: join(root, 'elsewhere', 'link', 'new.zip') }), 'ExportPathCollision', '-Report', '-FileName');
    });

    it('-FileName is a log file of this tool: refused', async function () {
      await refused(() => runCmdlet(exportData, { DBInstance: `sqlite:${legacy}`, FileName: join(root, 'pcm-2026-01-01.log') }), 'ExportPathCollision', 'log file');
    });

    it('a copy of the source is a different file: exported', async function () {
      const out = join(root, 'elsewhere', 'copy.zip');
      await runCmdlet(exportData, { DBInstance: `sqlite:${join(root, 'legacy-copy.db')}`, FileName: out });
      assert.ok(statSync(out).size > 0);
    });

    it('as a real pcm process: `-DBInstance sqlite:/x/legacy.db -FileName /x/./y/../legacy.db` exits 1, the source intact', async function () {
      const before = snapshot(root);
      const run = await pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${legacy}`, '-FileName', join(root, 'x', '.', 'y', '..', 'legacy.db')]);
      assert.equal(run.status, 1, describeRun(run));
      assert.match(errorLines(run), /are the same file.*ExportPathCollision/s);
      assert.deepEqual(snapshot(root), before);
    });
  });

  describe('Import-CsPersistentChatData', function () {
    it('-DBInstance is the package: refused, the package as it was', async function () {
      await refused(() => runCmdlet(importData, { DBInstance: `sqlite:${join(root, 'elsewhere', 'link', 'export.zip')}`, FileName: zip }), 'ImportPathCollision', '-DBInstance', '-FileName');
    });

    it('-Report is the target: refused', async function () {
      await refused(() => runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, Report: join(root, 'elsewhere', 'link', 'target.db') }), 'ImportPathCollision', '-Report', '-DBInstance');
    });

    it('-Report is the package: refused', async function () {
      await refused(() => runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, Report: zip }), 'ImportPathCollision', '-Report', '-FileName');
    });

    it('-Report\'s previous copy would be the target: refused', async function () {
      const stem = join(root, 'x', 'target');
      await refused(() => runCmdlet(importData, { DBInstance: `sqlite:${stem}.previous.db`, FileName: zip, Report: `${stem}.db` }), 'ImportPathCollision', '-Report');
    });

    it('-FileName is the target\'s claim file: refused', async function () {
      await refused(() => runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: `${target}.pcm-lock` }), 'ImportPathCollision', '-FileName');
    });
  });

  describe('the key two names of one file share', function () {
    it('a name that does not exist yet: its existing folder resolved, the rest kept', function () {
      assert.equal(fileKey(`${root}/elsewhere/link/new.db`), fileKey(join(root, 'x', 'new.db')));
      assert.equal(fileKey(`${root}/ylink/../new.db`), fileKey(join(root, 'x', 'new.db')), '.. after a link is resolved on disk');
      assert.notEqual(fileKey(join(root, 'x', 'new.db')), fileKey(join(root, 'x', 'New.db')), 'this file system (tmpfs/ext4) tells case apart');
    });
  });
});
