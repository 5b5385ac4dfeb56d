/**
 * Crashes (issue 4): a failed import (a bad package found only in its last message part, a full disk, a database
 * locked by another connection) leaves the target as it was (byte for byte, no journal left beside it) or in a state
 * the next run resumes from, and its error says which. Real child processes; the full disk is a cap on the size of
 * any file the child writes (RLIMIT_FSIZE), the lock a better-sqlite3 connection of this process.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { editPart, readEntries, rewritePackage } from '../archive/support/package-surgery.js';
import { canonicalDump, fileHash } from '../migration/support/sql.js';
import { filesOf } from '../support/db-files.js';
import { describeRun, errorLines, pcm, type PcmRun } from '../support/pcm-process.js';
import { importArgs, importFixture, importOk, type ImportFixture } from './support/import-fixture.js';

const UNCHANGED = /Nothing was written: the target sqlite:.* is as it was\.\s*\(/;
const RESUMABLE = /holds part of this import: its directory and \d+ batch\(es\) of messages were committed\. Run the same import again: it resumes/;

function expectFailure(run: PcmRun, ...patterns: RegExp[]): void {
  assert.equal(run.status, 1, describeRun(run));
  const errors = errorLines(run);
  for (const pattern of patterns) assert.match(errors, pattern);
}

describe('crash: a failed import leaves the target as it was, or resumable, and says which', function () {
  let f: ImportFixture;
  let lastPart: string;
  before(async function () {
    f = await importFixture();
    const names = (await readEntries(readFileSync(f.zip))).map((e) => e.name).filter((n) => n.startsWith('Messages-'));
    lastPart = names.sort().at(-1)!;
  });

  for (const batch of [undefined, 150]) {
    const mode = batch === undefined ? 'in one transaction' : `in batches of ${batch}`;

    it(`a dangling poster in the last message part, ${mode}: nothing written`, async function () {
      const zip = await rewritePackage(f.zip, join(f.dir, `late-dangling-${batch}.zip`), (entries) =>
        editPart(entries, lastPart, (xml) => xml.replace(/(<Message [^>]*userId=")\d+"/g, (_m, head: string) => `${head}999999"`)),
      );
      const target = f.copy(`late-dangling-${mode}`);
      const before = fileHash(target);
      const run = await pcm(importArgs(target, zip, batch));
      expectFailure(run, new RegExp(`${lastPart}: record 1 \\(<Message .*refers to principal 999999, which the package does not contain`), UNCHANGED);
      assert.equal(fileHash(target), before, 'the target changed');
      assert.deepEqual(filesOf(target), [basename(target)]);
    });

    it(`a checksum mismatch in the last message part, ${mode}: nothing written`, async function () {
      const zip = await rewritePackage(f.zip, join(f.dir, `late-checksum-${batch}.zip`), (entries) =>
        // Same length, still well-formed: only the SHA-256 tells.
        editPart(entries, lastPart, (xml) => xml.replace(/<Content>(.)/, (_m, c: string) => `<Content>${c === 'X' ? 'Y' : 'X'}`), false),
      );
      const target = f.copy(`late-checksum-${mode}`);
      const before = fileHash(target);
      const run = await pcm(importArgs(target, zip, batch));
      expectFailure(run, new RegExp(`${lastPart}: the SHA-256 checksum does not match the manifest`), UNCHANGED);
      assert.equal(fileHash(target), before, 'the target changed');
      assert.deepEqual(filesOf(target), [basename(target)]);
    });
  }

  it('a full disk in one transaction: nothing written, and the next run imports everything', async function () {
    const target = f.copy('full-single');
    const before = fileHash(target);
    const run = await pcm(importArgs(target, f.zip), { maxFileBytes: statSync(target).size + 64 * 1024 });
    expectFailure(run, /Cannot write to the target database sqlite:.*: .*The disk may be full/, /\(DatabaseWriteFailed, WriteError\)/, UNCHANGED);
    assert.equal(fileHash(target), before, 'the target changed');
    assert.deepEqual(filesOf(target), [basename(target)]);
    await importOk(target, f.zip);
    assert.equal(canonicalDump(target), f.reference);
  });

  it('a full disk in batches: the committed batches stay, the error says so, and the next run resumes', async function () {
    const target = f.copy('full-batched');
    const run = await pcm(importArgs(target, f.zip, 150), { maxFileBytes: statSync(target).size + 100 * 1024 });
    expectFailure(run, /The disk may be full/, RESUMABLE);
    assert.notEqual(canonicalDump(target), canonicalDump(f.target), 'nothing was committed: the cap is too small for this test');
    await importOk(target, f.zip, 150);
    assert.equal(canonicalDump(target), f.reference);
  });

  it('a full disk in batches into a new database: no file is left behind, and the error says so', async function () {
    const target = f.copy('full-fresh', null);
    const run = await pcm(importArgs(target, f.zip, 150), { maxFileBytes: 400 * 1024 });
    expectFailure(run, /The disk may be full/, /The database sqlite:.* did not exist before this run, and none was left behind\./);
    assert.deepEqual(filesOf(target), []);
  });

  describe('a database locked by another connection', function () {
    // Each child waits out SQLite's busy timeout (10 s) before it fails, so the four run side by side.
    const cases = [
      { lock: 'BEGIN IMMEDIATE', what: 'a writer holding its transaction open', batch: undefined },
      { lock: 'BEGIN IMMEDIATE', what: 'a writer holding its transaction open', batch: 150 },
      { lock: 'BEGIN', what: 'a reader holding its snapshot, so COMMIT cannot proceed', batch: undefined },
      { lock: 'BEGIN', what: 'a reader holding its snapshot, so COMMIT cannot proceed', batch: 150 },
    ];
    const results: { target: string; before: string; run: PcmRun }[] = [];
    before(async function () {
      await Promise.all(
        cases.map(async ({ lock, batch }, i) => {
          const target = f.copy(`locked-${i}`);
          const before = fileHash(target);
          const holder = new Database(target);
          try {
            holder.exec(lock);
            holder.prepare('SELECT COUNT(*) FROM tblChat').get();
            results[i] = { target, before, run: await pcm(importArgs(target, f.zip, batch)) };
          } finally {
            holder.exec('ROLLBACK');
            holder.close();
          }
        }),
      );
    });

    cases.forEach(({ what, batch }, i) => {
      it(`by ${what}, ${batch ? `in batches of ${batch}` : 'in one transaction'}: nothing written, and the next run imports everything`, async function () {
        const { target, before, run } = results[i]!;
        expectFailure(run, /The target database sqlite:.* is locked by another program/, /\(DatabaseLocked, ResourceUnavailable\)/, UNCHANGED);
        assert.equal(fileHash(target), before, 'the target changed');
        assert.deepEqual(filesOf(target), [basename(target)]);
        await importOk(target, f.zip, batch);
        assert.equal(canonicalDump(target), f.reference);
      });
    });
  });
});
