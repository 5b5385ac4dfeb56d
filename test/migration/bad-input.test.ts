/**
 * Bad input of every kind the issue names gets a clear error naming the input and the fix, and nothing is written:
 * a missing package, a file that is not a package, an unknown -Level, a -DBInstance that cannot be opened, and a
 * -Scope naming no category.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { ParameterValueError, PcmError } from '../../core/errors.js';
import { runCmdlet } from '../support/recording-context.js';
import { copyDb, exportTo, makeSample, type Sample } from './support/fixture.js';
import { fileHash } from './support/sql.js';

function rejectsWith(errorId: string, pattern: RegExp): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof PcmError, `expected a PcmError, got ${String(error)}`);
    assert.equal(error.errorId, errorId);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('bad input', function () {
  let sample: Sample;
  let target: string;
  let hash: string;
  before(async function () {
    sample = await makeSample('PersistentChat2013', 200);
    const zip = join(sample.dir, 'ok.zip');
    await exportTo(sample.db, zip);
    target = join(sample.dir, 'target.db');
    await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
    hash = fileHash(target);
  });
  afterEach(function () {
    assert.equal(fileHash(target), hash, 'the target database changed');
  });

  it('a missing package file', async function () {
    const missing = join(sample.dir, 'nope.zip');
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: missing }), rejectsWith('PackageNotFound', /Cannot find the package file .*nope\.zip.*-FileName/));
  });

  it('a file that is not a package', async function () {
    const text = join(sample.dir, 'notes.zip');
    writeFileSync(text, 'these are my notes, not a zip\n');
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: text }), rejectsWith('InvalidPackage', /notes\.zip' is not a valid ZIP package.*Export-CsPersistentChatData/));
  });

  it('a ZIP that is not an export package', async function () {
    const zip = join(sample.dir, 'other.zip');
    // An empty ZIP: just the end-of-central-directory record.
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip }), rejectsWith('InvalidPackage', /no Manifest\.xml/));
  });

  it('an unknown -Level', async function () {
    const zip = join(sample.dir, 'level.zip');
    await assert.rejects(exportTo(sample.db, zip, { Level: 'Everything' }), (error: unknown) => {
      assert.ok(error instanceof ParameterValueError);
      assert.equal(error.errorId, 'ParameterArgumentValidationError');
      assert.match(error.message, /'Everything' is not one of the allowed values: All, User, Category, RoomDirectory, Content/);
      return true;
    });
    assert.equal(existsSync(zip), false);
  });

  it('a -DBInstance that cannot be opened as a source', async function () {
    const notDb = join(sample.dir, 'notes.db');
    writeFileSync(notDb, 'not a database at all, just text that is long enough to have a header '.repeat(4));
    await assert.rejects(exportTo(notDb, join(sample.dir, 'x.zip')), rejectsWith('DatabaseOpenFailed', /notes\.db.*not a SQLite database/));
    await assert.rejects(exportTo(join(sample.dir, 'absent.db'), join(sample.dir, 'y.zip')), rejectsWith('DatabaseOpenFailed', /absent\.db.*does not exist/));
    assert.equal(existsSync(join(sample.dir, 'absent.db')), false);
  });

  it('a -DBInstance that cannot be opened as a target', async function () {
    const notDb = join(sample.dir, 'notes2.db');
    writeFileSync(notDb, 'x'.repeat(300));
    const before = fileHash(notDb);
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${notDb}`, FileName: join(sample.dir, 'ok.zip') }), rejectsWith('DatabaseOpenFailed', /not a SQLite database/));
    assert.equal(fileHash(notDb), before);
  });

  it('a -DBInstance naming a SQL Server, without a login for it', async function () {
    const saved = [process.env.PCM_SQL_USER, process.env.PCM_SQL_PASSWORD];
    delete process.env.PCM_SQL_USER;
    delete process.env.PCM_SQL_PASSWORD;
    try {
      await assert.rejects(
        runCmdlet(exportData, { DBInstance: 'sql01.contoso.com\\rtc', FileName: join(sample.dir, 'z.zip') }),
        rejectsWith('SqlCredentialRequired', /sql01\.contoso\.com\\rtc.*-Credential/),
      );
      assert.equal(existsSync(join(sample.dir, 'z.zip')), false);
    } finally {
      if (saved[0] !== undefined) process.env.PCM_SQL_USER = saved[0];
      if (saved[1] !== undefined) process.env.PCM_SQL_PASSWORD = saved[1];
    }
  });

  it('a -Scope naming no category', async function () {
    const zip = join(sample.dir, 'scope.zip');
    await assert.rejects(exportTo(sample.db, zip, { Scope: ['Marketing'] }), rejectsWith('ScopeCategoryNotFound', /'Marketing'/));
    assert.equal(existsSync(zip), false);
  });

  it('a damaged package leaves the target exactly as it was', async function () {
    const copy = copyDb(target, sample.dir, 'damaged-target.db');
    const before = fileHash(copy);
    const zip = join(sample.dir, 'ok.zip');
    const damaged = join(sample.dir, 'damaged.zip');
    const bytes = (await import('node:fs')).readFileSync(zip);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await assert.rejects(runCmdlet(importData, { DBInstance: `sqlite:${copy}`, FileName: damaged }), (error: unknown) => error instanceof PcmError);
    assert.equal(fileHash(copy), before);
  });
});
