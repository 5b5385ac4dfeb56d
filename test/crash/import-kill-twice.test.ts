/**
 * Crashes (issue 4), repeated: an import killed, its re-run killed again at another point (in the same or the other
 * transaction mode), and a third run: the target must end exactly as after one uninterrupted import.
 */
import assert from 'node:assert/strict';
import { canonicalDump } from '../migration/support/sql.js';
import { describeRun, pcm } from '../support/pcm-process.js';
import { importArgs, importFixture, importOk, type ImportFixture } from './support/import-fixture.js';

interface Step {
  readonly point: string;
  readonly batch?: number;
}

const SEQUENCES: { name: string; kills: Step[]; last?: number }[] = [
  { name: 'one transaction: mid-part, then just before COMMIT', kills: [{ point: 'import:message:900' }, { point: 'store:before-commit:1' }] },
  {
    name: 'batches: after a COMMIT, then mid-batch in the re-run',
    kills: [
      { point: 'store:after-commit:4', batch: 150 },
      { point: 'import:message:300', batch: 150 },
    ],
    last: 150,
  },
  {
    name: 'batches, then one transaction between parts, then batches of another size',
    kills: [{ point: 'store:after-commit:6', batch: 150 }, { point: 'import:part-end:5' }],
    last: 400,
  },
];

describe('crash: an import killed twice and run a third time ends as an uninterrupted import', function () {
  let f: ImportFixture;
  before(async function () {
    f = await importFixture();
  });

  for (const { name, kills, last } of SEQUENCES) {
    it(name, async function () {
      const target = f.copy(name);
      for (const { point, batch } of kills) {
        const killed = await pcm(importArgs(target, f.zip, batch), { fault: point });
        assert.equal(killed.signal, 'SIGKILL', `not killed at ${point}: ${describeRun(killed)}`);
      }
      await importOk(target, f.zip, last);
      assert.equal(canonicalDump(target), f.reference);
    });
  }
});
