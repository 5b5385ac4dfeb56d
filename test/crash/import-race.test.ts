/**
 * One writer per target (issue 16): two real `pcm` imports started together into one target, 20 pairs into a target
 * that does not exist yet and 20 into an existing one. Whatever the timing, the target ends complete and consistent
 * (the same canonical dump as one uninterrupted import, integrity_check ok, nothing left beside it), at least one run
 * succeeds, and a run that did not says the target is in use by another import, naming it, and exits 1. A claim left
 * by a dead process on this host is broken; one naming another host is not, and the error says which file to delete.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalDump, fileHash } from '../migration/support/sql.js';
import { filesOf } from '../support/db-files.js';
import { describeRun, errorLines, pcm, type PcmRun } from '../support/pcm-process.js';
import { importArgs, importFixture, type ImportFixture } from './support/import-fixture.js';

const PAIRS = 20;
const IN_USE = /is in use by another import \(pid \d+ on [^,]+, since \d{4}-\d\d-\d\dT[^,]+, Import-CsPersistentChatData\)/;

function integrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? '';
  } finally {
    db.close();
  }
}

function checkPair(runs: readonly PcmRun[]): void {
  assert.ok(runs.some((r) => r.status === 0), `neither run succeeded:\n${runs.map(describeRun).join('\n')}`);
  for (const run of runs) {
    if (run.status === 0) continue;
    assert.equal(run.status, 1, describeRun(run));
    assert.match(errorLines(run), IN_USE, describeRun(run));
    assert.doesNotMatch(run.stderr, /UnexpectedError|UNIQUE constraint|already exists/, describeRun(run));
  }
}

describe('crash: racing imports into one target', function () {
  this.timeout(600000);
  let f: ImportFixture;
  before(async function () {
    f = await importFixture();
  });

  for (const kind of ['a new target', 'an existing target'] as const) {
    it(`${PAIRS} pairs into ${kind}: one succeeds, the other says why, the target is complete`, async function () {
      let refused = 0;
      for (let pair = 0; pair < PAIRS; pair++) {
        const target = kind === 'a new target' ? f.copy(`race-new-${pair}`, null) : f.copy(`race-existing-${pair}`);
        const runs = await Promise.all([pcm(importArgs(target, f.zip)), pcm(importArgs(target, f.zip))]);
        checkPair(runs);
        refused += runs.filter((r) => r.status !== 0).length;
        assert.equal(canonicalDump(target), kind === 'a new target' ? f.referenceFresh : f.reference, `pair ${pair}: the target is not one complete import`);
        assert.equal(integrity(target), 'ok');
        assert.deepEqual(filesOf(target), [basename(target)], `pair ${pair}: files left beside the target`);
      }
      // Not a timing assertion: the pairs overlap by construction (each import takes far longer than a process start),
      // so a scheme that let both through would show here as zero refusals.
      assert.ok(refused > 0, 'no run was ever refused: the pairs did not race');
    });
  }

  it('a claim left by a dead process on this host is broken; the import succeeds and removes it', async function () {
    const target = f.copy('stale-claim');
    // A pid far above any pid_max in use; the host is this one.
    writeFileSync(`${target}.pcm-lock`, JSON.stringify({ pid: 2 ** 30, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00.000Z', command: 'Import-CsPersistentChatData', token: 'dead' }));
    const run = await pcm(importArgs(target, f.zip));
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(canonicalDump(target), f.reference);
    assert.ok(!existsSync(`${target}.pcm-lock`));
  });

  it('a claim naming another host is respected: exit 1, the target untouched, the error names the file to delete', async function () {
    const target = f.copy('foreign-claim');
    const before = fileHash(target);
    const claim = `${target}.pcm-lock`;
    writeFileSync(claim, JSON.stringify({ pid: 4242, host: 'other-host.example', since: '2026-01-01T00:00:00.000Z', command: 'Import-CsPersistentChatData', token: 'alive' }));
    const run = await pcm(importArgs(target, f.zip));
    assert.equal(run.status, 1, describeRun(run));
    const errors = errorLines(run);
    assert.match(errors, /in use by another import \(pid 4242 on other-host\.example, since 2026-01-01T00:00:00\.000Z, Import-CsPersistentChatData\)/);
    assert.ok(errors.includes(`If no import is running on other-host.example, delete the claim file '${claim}'`), errors);
    assert.match(errors, /TargetInUse/);
    assert.equal(fileHash(target), before);
    assert.ok(existsSync(claim), 'the foreign claim was removed');
  });

  it('Export -DisableExportedNodes writes its source, so it respects a claim on it; a plain export reads on', async function () {
    const source = f.copy('claimed-source', f.source);
    const before = fileHash(source);
    writeFileSync(`${source}.pcm-lock`, JSON.stringify({ pid: 4242, host: 'other-host.example', since: '2026-01-01T00:00:00.000Z', command: 'Import-CsPersistentChatData', token: 'alive' }));
    const exportArgs = (zip: string, ...more: string[]) => ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', join(f.dir, zip), ...more];
    const disabling = await pcm(exportArgs('claimed-disable.zip', '-DisableExportedNodes'));
    assert.equal(disabling.status, 1, describeRun(disabling));
    assert.match(errorLines(disabling), /in use by another import \(pid 4242 on other-host\.example/);
    assert.equal(fileHash(source), before);
    const plain = await pcm(exportArgs('claimed-plain.zip'));
    assert.equal(plain.status, 0, describeRun(plain));
  });

  it('a target in a folder that does not exist: the claim cannot be made, and the error says so as an open error would', async function () {
    const target = join(f.dir, 'no-such-folder', 'target.db');
    const run = await pcm(importArgs(target, f.zip));
    assert.equal(run.status, 1, describeRun(run));
    assert.match(errorLines(run), /Cannot open the database '.*no-such-folder\/target\.db': its claim file .* cannot be created \(ENOENT\)\. Check that the folder exists/);
    assert.match(errorLines(run), /\(DatabaseOpenFailed, OpenError\)/);
    assert.ok(!existsSync(join(f.dir, 'no-such-folder')));
  });

  it('two New-PcmSampleDatabase runs into one new file: one writes it, the other says it is in use', async function () {
    const target = f.copy('sample-race', null);
    const args = ['New-PcmSampleDatabase', '-DBInstance', `sqlite:${target}`, '-Messages', '3000', '-Users', '30', '-Rooms', '12'];
    const runs = await Promise.all([pcm(args), pcm(args)]);
    const ok = runs.filter((r) => r.status === 0);
    assert.ok(ok.length >= 1, runs.map(describeRun).join('\n'));
    for (const run of runs.filter((r) => r.status !== 0)) {
      assert.equal(run.status, 1, describeRun(run));
      // Either it found the claim, or it started after the winner had finished and found the file.
      assert.match(errorLines(run), /is in use by another import \(pid \d+ .*New-PcmSampleDatabase\)|already exists/, describeRun(run));
    }
    assert.equal(integrity(target), 'ok');
    assert.deepEqual(filesOf(target), [basename(target)]);
  });
});
