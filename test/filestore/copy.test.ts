/**
 * Copy-PcmFileStore on real trees in a temporary folder: odd names, an empty file, a file with holes, a path longer
 * than Windows' old 260-character limit, links pointing out of and into the tree; re-runs that change nothing, repair
 * a damaged copy and restore a missing one; a copy killed half-way (SIGKILL inside a file) and run again; -WhatIf;
 * bad input. Trees are compared by walking both sides and hashing every file. A multi-GB sparse file runs with
 * PCM_TEST_LARGE_FILES=1 (it writes no data blocks for its holes, but reads gigabytes three times).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, openSync, writeSync, closeSync, writeFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as copyFileStore } from '../../cmdlets/Copy-PcmFileStore.js';
import { partialName } from '../../migration/filestore/copy-file.js';
import { PcmError } from '../../core/errors.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';

/** Every entry below `root`: folders as 'dir', files as their SHA-256, links as 'link -> target'. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel))) {
      const r = rel === '' ? name : join(rel, name);
      const info = lstatSync(join(root, r));
      if (info.isSymbolicLink()) out.set(r, 'link');
      else if (info.isFIFO()) out.set(r, 'fifo');
      else if (info.isDirectory()) {
        out.set(r, 'dir');
        walk(r);
      } else out.set(r, createHash('sha256').update(readFileSync(join(root, r))).digest('hex'));
    }
  };
  walk('');
  return out;
}

/** The source tree: what a Group Chat file store may hold, and what it should not. */
function makeTree(root: string): void {
  mkdirSync(join(root, 'Rooms', 'Café ☕', 'Ünïcödé'), { recursive: true });
  writeFileSync(join(root, 'Rooms', 'Café ☕', 'Ünïcödé', 'résumé – final (2).docx'), randomBytes(70000));
  writeFileSync(join(root, 'Rooms', 'empty.txt'), '');
  writeFileSync(join(root, 'Rooms', '-leading dash & #hash% ;semi'), 'odd');
  writeFileSync(join(root, 'Rooms', 'line\nbreak and back\\slash'), 'posix names');
  writeFileSync(join(root, 'Rooms', 'e\u0301 decomposed'), 'nfd');
  writeFileSync(join(root, 'Rooms', 'é composed'), 'nfc');
  // A path over 260 characters, with a 200-character name.
  let deep = join(root, 'Deep');
  for (let i = 0; i < 6; i++) deep = join(deep, `level ${i} ${'d'.repeat(40)}`);
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(deep, `${'n'.repeat(200)}.bin`), randomBytes(5000));
  // 3 MiB of data, then 8 MiB of zeros (a hole), then data: chunks of zeros are not written but must read back.
  const holes = join(root, 'Rooms', 'with holes.iso');
  const fd = openSync(holes, 'w');
  writeSync(fd, randomBytes(3 * 1024 * 1024), 0, 3 * 1024 * 1024, 0);
  writeSync(fd, Buffer.from('tail'), 0, 4, 11 * 1024 * 1024 + 17);
  closeSync(fd);
  utimesSync(join(root, 'Rooms', 'empty.txt'), new Date('2011-03-04T05:06:07Z'), new Date('2011-03-04T05:06:07Z'));
}

describe('Copy-PcmFileStore', function () {
  this.timeout(180000);
  let dir: string;
  let source: string;
  let outside: string;
  let hasFifo = false;
  before(function () {
    dir = tempDir('pcm-filestore-');
    source = join(dir, 'legacy');
    outside = join(dir, 'secrets');
    mkdirSync(outside);
    writeFileSync(join(outside, 'passwords.txt'), 'not to be copied');
    makeTree(source);
    symlinkSync(outside, join(source, 'Rooms', 'link to outside'));
    symlinkSync(join(outside, 'passwords.txt'), join(source, 'Rooms', 'file link to outside'));
    symlinkSync(join(source, 'Rooms', 'empty.txt'), join(source, 'link inside'));
    // A FIFO: opening it to read would wait for a writer forever; it must be skipped, not read.
    hasFifo = spawnSync('mkfifo', [join(source, 'Rooms', 'a pipe')]).status === 0;
  });

  it('copies the whole tree with its names, empty file, holes and long paths, and verifies it', async function () {
    const destination = join(dir, 'new');
    const report = join(dir, 'copy.html');
    const { output, context } = await runCmdlet(copyFileStore, { Path: source, Destination: destination, Report: report });
    const summary = propertiesOf(output.at(-1));
    assert.deepEqual(context.errors, []);
    const expected = new Map([...snapshot(source)].filter(([, v]) => v !== 'link' && v !== 'fifo'));
    assert.deepEqual(snapshot(destination), expected);
    assert.equal(summary.Files, [...expected.values()].filter((v) => v !== 'dir').length);
    assert.equal(summary.Copied, summary.Files);
    assert.equal(summary.SkippedLinks, 3);
    assert.equal(summary.SkippedOther, hasFifo ? 1 : 0);
    assert.equal(summary.Verified, true);
    assert.ok(Number(summary.BytesCopied) < Number(summary.Bytes), 'the hole was not written');
    assert.equal(context.warnings.filter((w) => /symbolic link/.test(w)).length, 3);
    const progress = context.progressRecords.filter((p) => p.activity === 'Copy-PcmFileStore');
    assert.ok(progress.some((p) => /files, \d+ of \d+ MB/.test(p.status)) && progress.at(-1)!.completed, 'progress with counts, then completed');
    assert.equal(statSync(join(destination, 'Rooms', 'empty.txt')).mtime.toISOString(), '2011-03-04T05:06:07.000Z', 'dates are kept');
    assert.equal(statSync(join(destination, 'Rooms', 'with holes.iso')).size, 11 * 1024 * 1024 + 21);
    // The report, its twin and a manifest that sha256sum itself accepts in the destination.
    const data = JSON.parse(readFileSync(join(dir, 'copy.json'), 'utf8')) as { files: { path: string; sha256: string }[]; skipped: { relative: string }[] };
    assert.equal(data.files.length, summary.Files);
    assert.equal(data.skipped.length, hasFifo ? 4 : 3);
    assert.match(readFileSync(report, 'utf8'), /Copied and verified/);
    const check = spawnSync('sha256sum', ['--quiet', '-c', join(dir, 'copy.sha256')], { cwd: destination, encoding: 'utf8' });
    if (check.error) this.skip();
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(readFileSync(join(dir, 'copy.sha256'), 'utf8').split('\n').filter(Boolean).length, summary.Files);
  });

  it('run again: nothing copied; a damaged copy is repaired and a missing one restored, the rest untouched', async function () {
    const destination = join(dir, 'rerun');
    await runCmdlet(copyFileStore, { Path: source, Destination: destination });
    const again = propertiesOf((await runCmdlet(copyFileStore, { Path: source, Destination: destination })).output.at(-1));
    assert.equal(again.Copied, 0);
    assert.equal(again.Repaired, 0);
    assert.equal(again.Unchanged, again.Files);
    assert.equal(again.BytesCopied, 0);

    const damaged = join(destination, 'Rooms', 'Café ☕', 'Ünïcödé', 'résumé – final (2).docx');
    const bytes = readFileSync(damaged);
    bytes[40000] ^= 0xff; // same size, same date: only the hash can tell
    const before = statSync(damaged);
    writeFileSync(damaged, bytes);
    utimesSync(damaged, before.atime, before.mtime);
    rmSync(join(destination, 'Rooms', 'empty.txt'));
    const untouched = join(destination, 'Rooms', 'é composed');
    const untouchedIno = statSync(untouched).ino;
    const { output } = await runCmdlet(copyFileStore, { Path: source, Destination: destination });
    const repaired = propertiesOf(output.at(-1));
    assert.equal(repaired.Repaired, 1);
    assert.equal(repaired.Copied, 1);
    assert.equal(repaired.Unchanged, Number(repaired.Files) - 2);
    assert.deepEqual(snapshot(destination), new Map([...snapshot(source)].filter(([, v]) => v !== 'link' && v !== 'fifo')));
    assert.equal(statSync(untouched).ino, untouchedIno, 'an identical file is not rewritten');
  });

  it('a copy killed inside a file leaves no partial file under a real name, and the re-run ends identical to the source', async function () {
    const destination = join(dir, 'killed');
    // Files go in name order, one chunk point per MiB read: Deep's file, three small files in Rooms, then the
    // 12 chunks of the file with holes; the 7th point is inside it, in its hole.
    const killed = await pcm(['Copy-PcmFileStore', '-Path', source, '-Destination', destination], { fault: 'filestore:chunk:7' });
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    const partial = join(destination, 'Rooms', 'with holes.iso');
    assert.equal(existsSync(partial), false, 'the file being copied is not under its real name');
    const left = statSync(partialName(partial));
    assert.ok(left.size > 0 && left.size < statSync(join(source, 'Rooms', 'with holes.iso')).size, 'its partial copy is there, part-written');
    const rerun = await pcm(['Copy-PcmFileStore', '-Path', source, '-Destination', destination, '-OutputFormat', 'Json']);
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.deepEqual(snapshot(destination), new Map([...snapshot(source)].filter(([, v]) => v !== 'link' && v !== 'fifo')));
    assert.equal(existsSync(partialName(partial)), false, 'the partial copy became the file');
  });

  it('never writes through a link standing in the destination where the source has a folder', async function () {
    const destination = join(dir, 'trap');
    mkdirSync(destination);
    symlinkSync(outside, join(destination, 'Rooms'));
    const { output, context } = await runCmdlet(copyFileStore, { Path: source, Destination: destination });
    const summary = propertiesOf(output.at(-1));
    assert.ok(Number(summary.Failed) > 0);
    assert.equal(summary.Verified, false);
    assert.ok(context.errors.some((e) => e.errorId === 'FileStoreCopyFailed' && /symbolic link/.test(e.message)));
    assert.deepEqual(readdirSync(outside), ['passwords.txt'], 'nothing was written outside');
    assert.ok(existsSync(join(destination, 'Deep')), 'the rest was copied');
  });

  it('-WhatIf lists what would be copied or repaired and writes nothing', async function () {
    const fresh = join(dir, 'whatif');
    const { output } = await runCmdlet(copyFileStore, { Path: source, Destination: fresh, WhatIf: true });
    assert.equal(existsSync(fresh), false);
    const items = output.slice(0, -1).map(propertiesOf);
    assert.ok(items.length > 5 && items.every((i) => i.Action === 'WouldCopy'));
    const summary = propertiesOf(output.at(-1));
    assert.equal(summary.Copied, items.length);
    assert.equal(summary.Verified, false);

    const existing = join(dir, 'rerun');
    writeFileSync(join(existing, 'Rooms', '-leading dash & #hash% ;semi'), 'ODD');
    const before = readFileSync(join(existing, 'Rooms', '-leading dash & #hash% ;semi'), 'utf8');
    const listed = (await runCmdlet(copyFileStore, { Path: source, Destination: existing, WhatIf: true })).output.slice(0, -1).map(propertiesOf);
    assert.deepEqual(listed.map((i) => [i.Action, i.RelativePath]), [['WouldRepair', join('Rooms', '-leading dash & #hash% ;semi')]]);
    assert.equal(readFileSync(join(existing, 'Rooms', '-leading dash & #hash% ;semi'), 'utf8'), before);
  });

  it('refuses a missing source, a file as source, and overlapping folders, writing nothing', async function () {
    const refuse = async (parameters: Record<string, unknown>, id: string): Promise<void> => {
      await assert.rejects(runCmdlet(copyFileStore, parameters), (e: PcmError) => e.errorId === id && e.message.includes('-'));
    };
    await refuse({ Path: join(dir, 'nope'), Destination: join(dir, 'x1') }, 'FileStoreNotFound');
    await refuse({ Path: join(source, 'Rooms', 'empty.txt'), Destination: join(dir, 'x2') }, 'FileStoreNotFolder');
    await refuse({ Path: source, Destination: join(source, 'Rooms', 'copy') }, 'FileStoreOverlap');
    await refuse({ Path: join(source, 'Rooms'), Destination: source }, 'FileStoreOverlap');
    await refuse({ Path: source, Destination: join(dir, 'no', 'such', 'parent') }, 'FileStoreNotFound');
    assert.equal(existsSync(join(source, 'Rooms', 'copy')), false);
  });

  it('a multi-GB sparse file copies and verifies (PCM_TEST_LARGE_FILES=1)', async function () {
    if (!process.env.PCM_TEST_LARGE_FILES) this.skip();
    this.timeout(1800000);
    const big = join(dir, 'big');
    mkdirSync(big);
    const file = join(big, 'recording.wmv');
    truncateSync((openSync(file, 'w'), file), 0);
    const size = 5 * 1024 * 1024 * 1024 + 12345; // past 4 GiB, and not a whole number of chunks
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(1024 * 1024), 0, 1024 * 1024, 4 * 1024 * 1024 * 1024 - 512 * 1024); // across the 4 GiB line
    closeSync(fd);
    truncateSync(file, size);
    const destination = join(dir, 'big-copy');
    const { output, context } = await runCmdlet(copyFileStore, { Path: big, Destination: destination });
    assert.deepEqual(context.errors, []);
    const summary = propertiesOf(output.at(-1));
    assert.equal(summary.Verified, true);
    assert.equal(statSync(join(destination, 'recording.wmv')).size, size);
    assert.ok(context.progressRecords.some((p) => p.secondsRemaining !== undefined), 'progress had an ETA');
  });
});
