/**
 * Crashes (issue 4): an export killed with SIGKILL at any point leaves no file at -FileName that looks complete:
 * nothing, or the previous package there unchanged. The leftover `<FileName>.pcm-partial` is never taken for a
 * package (importing it fails cleanly, and so does a copy of a truncated one under a .zip name), and the next export
 * succeeds, replaces the stale partial and writes the same parts as an export that was never interrupted.
 * With -DisableExportedNodes, a killed export disables nothing in the source.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PackageReader } from '../../archive/package-reader.js';
import type { PartInfo } from '../../archive/manifest.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { fileHash, query } from '../migration/support/sql.js';
import { describeRun, errorLines, pcm } from '../support/pcm-process.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { assertUnzipAccepts } from '../support/unzip.js';

const POINTS: { point: string; where: string }[] = [
  { point: 'export:message:700', where: 'in the middle of the message part' },
  { point: 'export:part-end:1', where: 'between the message part and the directory' },
  { point: 'export:part-end:6', where: 'before the last part' },
  { point: 'export:before-rename:1', where: 'with the package whole and flushed, just before the rename' },
];

async function manifestParts(zip: string): Promise<PartInfo[]> {
  const reader = await PackageReader.open({ path: zip });
  try {
    return reader.manifest.parts;
  } finally {
    reader.close();
  }
}

describe('crash: an export killed with SIGKILL leaves nothing at -FileName that looks complete', function () {
  let dir: string;
  let source: string;
  let target: string;
  let reference: PartInfo[];
  const exportArgs = (zip: string, ...more: string[]): string[] => ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', zip, ...more];

  before(async function () {
    dir = tempDir('pcm-crash-export-');
    source = join(dir, 'source.db');
    target = join(dir, 'target.db');
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: 'GroupChat2010', Messages: 1500, Users: 40, Rooms: 20, Seed: 21 });
    await runCmdlet(newSample, { DBInstance: `sqlite:${target}`, Schema: 'PersistentChat2013', Messages: 100, Users: 20, Rooms: 12, Seed: 2 });
    const zip = join(dir, 'reference.zip');
    const run = await pcm(exportArgs(zip));
    assert.equal(run.status, 0, describeRun(run));
    reference = await manifestParts(zip);
  });

  /** Imports `path` into the target: it must fail with exit 1 and a clear error, and change nothing. */
  async function importFailsCleanly(path: string, message: RegExp): Promise<void> {
    const before = fileHash(target);
    const run = await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', path]);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(errorLines(run), message);
    assert.match(errorLines(run), /Nothing was written: the target .* is as it was\./);
    assert.equal(fileHash(target), before, 'the target changed');
  }

  /** Exports to `zip` uninterrupted: it must succeed, replace any partial and write the reference's parts. */
  async function exportCompletes(zip: string): Promise<void> {
    const run = await pcm(exportArgs(zip));
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(existsSync(`${zip}.pcm-partial`), false, 'the stale partial file is still there');
    assert.deepEqual(await manifestParts(zip), reference);
    assertUnzipAccepts(zip);
  }

  for (const { point, where } of POINTS) {
    it(`killed ${where} (${point})`, async function () {
      const zip = join(dir, `${point.replace(/:/g, '-')}.zip`);
      const partial = `${zip}.pcm-partial`;

      const first = await pcm(exportArgs(zip), { fault: point });
      assert.equal(first.signal, 'SIGKILL', describeRun(first));
      assert.equal(existsSync(zip), false, 'a file appeared at -FileName');
      assert.ok(existsSync(partial), 'the export left no partial file (was it killed before writing?)');
      await importFailsCleanly(partial, /is the unfinished output of an export that did not complete/);
      await exportCompletes(zip);

      // Killed again with a complete package already at -FileName: that package stays exactly as it was.
      const previous = fileHash(zip);
      const second = await pcm(exportArgs(zip), { fault: point });
      assert.equal(second.signal, 'SIGKILL', describeRun(second));
      assert.equal(fileHash(zip), previous, 'the previous package at -FileName changed');
    });
  }

  it('a partial cut short is no package even under a .zip name (it has no central directory)', async function () {
    const zip = join(dir, 'cut-short.zip');
    const killed = await pcm(exportArgs(zip), { fault: 'export:message:700' });
    assert.equal(killed.signal, 'SIGKILL', describeRun(killed));
    const renamed = join(dir, 'renamed-partial.zip');
    copyFileSync(`${zip}.pcm-partial`, renamed);
    // Whether any bytes reached the file before the kill depends on timing (the writer may still be on its first
    // chunk); an empty file has an error of its own.
    const expected = statSync(renamed).size === 0 ? /renamed-partial\.zip' is empty; it is not an export package/ : /renamed-partial\.zip' is not a valid ZIP package/;
    await importFailsCleanly(renamed, expected);
  });

  it('killed with -DisableExportedNodes before the rename or before the rooms are disabled, the source is untouched', async function () {
    const copy = join(dir, 'disable-source.db');
    copyFileSync(source, copy);
    const before = fileHash(copy);
    const zip = join(dir, 'disable.zip');
    const args = ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${copy}`, '-FileName', zip, '-DisableExportedNodes'];
    const beforeRename = await pcm(args, { fault: 'export:before-rename:1' });
    assert.equal(beforeRename.signal, 'SIGKILL', describeRun(beforeRename));
    assert.equal(existsSync(zip), false);
    assert.equal(fileHash(copy), before, 'a killed export changed the source');
    // The package is complete and in place; the kill comes before the transaction that disables the rooms commits.
    const beforeDisable = await pcm(args, { fault: 'store:before-commit:1' });
    assert.equal(beforeDisable.signal, 'SIGKILL', describeRun(beforeDisable));
    assert.deepEqual(await manifestParts(zip), reference);
    const disabled = (): number => Number(query(copy, 'SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 1')[0]!.n);
    const already = Number(query(source, 'SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 1')[0]!.n);
    assert.equal(disabled(), already, 'rooms were disabled by a killed export');
    const run = await pcm(args);
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(disabled(), Number(query(copy, 'SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0')[0]!.n));
  });
});
