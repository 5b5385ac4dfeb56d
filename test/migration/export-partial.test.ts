/**
 * What an export reports about its package on disk: -Verbose lists the partial files an unfinished export left in
 * the destination's folder (the one of this destination is replaced, the others are named with what to do), and
 * ExportResult.Bytes is the package's size on disk.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';

describe('Export: partial files left by an unfinished export, and the package size', function () {
  const dir = tempDir('pcm-export-partial-');
  const source = join(dir, 'source.db');
  const out = join(dir, 'out');

  before(async function () {
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Messages: 400, Seed: 2 });
    mkdirSync(out);
  });

  it('-Verbose lists the stale partial files; the one of this package is replaced, the others stay', async function () {
    const zip = join(out, 'export.zip');
    writeFileSync(`${zip}.pcm-partial`, Buffer.alloc(1234, 1));
    writeFileSync(join(out, 'other.zip.pcm-partial'), Buffer.alloc(10, 2));
    utimesSync(`${zip}.pcm-partial`, new Date('2024-05-06T07:08:09Z'), new Date('2024-05-06T07:08:09Z'));
    const run = await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: zip, PassThru: true });
    const verbose = run.context.verboseMessages;
    assert.ok(
      verbose.includes(`Replacing the partial file ${zip}.pcm-partial (1234 bytes, last written 2024-05-06T07:08:09.000Z), left by an export of this package that did not finish.`),
      verbose.join('\n'),
    );
    assert.ok(verbose.some((m) => m.startsWith(`Found the partial file ${join(out, 'other.zip.pcm-partial')} (10 bytes,`) && m.includes(`export of ${join(out, 'other.zip')} that did not finish`)));
    assert.equal(existsSync(`${zip}.pcm-partial`), false, 'replaced by the finished package');
    assert.equal(existsSync(join(out, 'other.zip.pcm-partial')), true, "another package's partial file is left alone");
    assert.equal(propertiesOf(run.output[0])['Bytes'], statSync(zip).size);
  });

  it('says nothing of partial files when there are none; Bytes is the size on disk', async function () {
    const clean = join(dir, 'clean');
    mkdirSync(clean);
    const zip = join(clean, 'export.zip');
    const run = await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: zip, PassThru: true });
    assert.deepEqual(run.context.verboseMessages.filter((m) => /partial file/.test(m)), []);
    const size = statSync(zip).size;
    assert.ok(size > 1000);
    assert.equal(propertiesOf(run.output[0])['Bytes'], size);
  });
});
