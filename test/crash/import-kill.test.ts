/**
 * Crashes (issue 4): an import killed with SIGKILL at any point and run again ends in exactly the state an
 * uninterrupted import gives: no message, role, scope or principal lost or duplicated. The child process kills itself
 * at a fault point (core/fault.ts, PCM_FAULT); the same import is then run again, and the canonical dump of the
 * target must equal the uninterrupted one. Both transaction modes: one transaction (the embedded default) and
 * batches (-BatchSize, as SQL Server runs), into a target that already holds data and into one that did not exist.
 * A kill inside SQLite's COMMIT itself cannot be placed from JavaScript: the points just before and just after it
 * bracket it; a kill in between leaves a hot journal that SQLite plays back on the next open, as after the kill just
 * before COMMIT (which leaves one too). The kill-and-resume pairs run as child processes two at a time; each test
 * reports its own pair.
 */
import assert from 'node:assert/strict';
import { canonicalDump, query } from '../migration/support/sql.js';
import { describeRun, inPool, pcm } from '../support/pcm-process.js';
import { importArgs, importFixture, importOk, REPEATED_TEXT, type ImportFixture } from './support/import-fixture.js';

const BATCH = 150;

interface KillCase {
  readonly point: string;
  readonly where: string;
}

const SINGLE: KillCase[] = [
  { point: 'import:target-open:1', where: 'at the very start, the target just opened' },
  { point: 'import:structure-written:1', where: 'after the directory, inside the transaction' },
  { point: 'import:message:1000', where: 'in the middle of a message part' },
  { point: 'import:part-end:3', where: 'between two message parts' },
  { point: 'store:before-commit:1', where: 'with everything written, just before COMMIT' },
  { point: 'store:after-commit:1', where: 'just after COMMIT, before the report' },
];

const BATCHED: KillCase[] = [
  { point: 'store:before-commit:1', where: "just before the directory's COMMIT" },
  { point: 'import:structure-written:1', where: 'after the directory was committed, before any message' },
  { point: 'import:message:600', where: 'in the middle of a batch' },
  { point: 'import:part-end:4', where: 'between two message parts, in the middle of a batch' },
  { point: 'store:before-commit:4', where: "just before a message batch's COMMIT" },
  { point: 'store:after-commit:5', where: "just after a message batch's COMMIT" },
];

const FRESH: (KillCase & { batch?: number })[] = [
  { point: 'import:target-open:1', where: 'just after the new database was created' },
  { point: 'store:before-commit:1', where: 'just before the only COMMIT' },
  { point: 'import:message:700', where: 'in the middle of a batch', batch: BATCH },
];

interface Case extends KillCase {
  readonly title: string;
  readonly batch: number | undefined;
  /** Which uninterrupted import it must equal: into the populated target, or into a new database. */
  readonly fresh: boolean;
}

const CASES: Case[] = [
  ...SINGLE.map((c) => ({ ...c, title: 'one transaction (the embedded default)', batch: undefined, fresh: false })),
  ...BATCHED.map((c) => ({ ...c, title: `in batches (-BatchSize ${BATCH})`, batch: BATCH, fresh: false })),
  ...FRESH.map((c) => ({ ...c, title: 'into a database that did not exist', batch: c.batch, fresh: true })),
];

describe('crash: an import killed with SIGKILL and run again ends as an uninterrupted import', function () {
  let f: ImportFixture;
  /** Per case: undefined when it held, else what went wrong. The runs are child processes, two at a time. */
  const failures = new Map<Case, unknown>();

  /** Kills an import at `point`, runs it again, and compares the result with the uninterrupted one. */
  async function killAndResume(c: Case): Promise<void> {
    const target = f.copy(`${c.title}-${c.point}`, c.fresh ? null : f.target);
    const killed = await pcm(importArgs(target, f.zip, c.batch), { fault: c.point });
    assert.equal(killed.signal, 'SIGKILL', `the import was not killed at ${c.point}: ${describeRun(killed)}`);
    await importOk(target, f.zip, c.batch);
    assert.equal(canonicalDump(target), c.fresh ? f.referenceFresh : f.reference, `after a kill at ${c.point} and a second run, the target differs from an uninterrupted import`);
  }

  before(async function () {
    this.timeout(600_000);
    f = await importFixture();
    await inPool(
      CASES.map((c) => () => killAndResume(c).catch((error: unknown) => void failures.set(c, error))),
      2,
    );
  });

  it('imports the same in one transaction and in batches (the reference both modes must reach)', function () {
    assert.equal(f.referenceBatched, f.reference);
    assert.notEqual(f.reference, canonicalDump(f.target), 'the import changed nothing');
  });

  for (const title of new Set(CASES.map((c) => c.title))) {
    describe(title, function () {
      for (const c of CASES.filter((x) => x.title === title)) {
        it(`killed ${c.where} (${c.point}${c.fresh && c.batch ? `, -BatchSize ${c.batch}` : ''})`, function () {
          if (failures.has(c)) throw failures.get(c);
        });
      }
    });
  }

  it('killed in batches between two identical messages, the first committed: the re-run adds the other two, not a fourth', async function () {
    // One batch ends right after the first of the three repeats; the kill follows its COMMIT (commit 1 is the directory).
    const target = f.copy('repeats');
    const count = (): number => Number(query(target, 'SELECT COUNT(*) AS n FROM tblChat WHERE content = ?', REPEATED_TEXT)[0]!.n);
    const killed = await pcm(importArgs(target, f.zip, f.repeatAt + 1), { fault: 'store:after-commit:2' });
    assert.equal(killed.signal, 'SIGKILL', describeRun(killed));
    assert.equal(count(), 1, 'the kill did not fall between the repeated messages');
    await importOk(target, f.zip, f.repeatAt + 1);
    assert.equal(count(), 3);
    assert.equal(canonicalDump(target), f.reference);
  });
});
