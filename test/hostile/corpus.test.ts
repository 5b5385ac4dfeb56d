/**
 * Hostile and broken packages (issue 4): every package of the corpus (test/hostile/support/corpus.ts) is imported
 * through the pcm command line into a target that already holds data (the default: one transaction). Each run must
 * exit 1 with a clear error on stderr naming the part (or the file) and the problem and saying what became of the
 * target, and the target must stay byte for byte as it was, with nothing left beside it.
 *
 * A package whose fault lies in its messages is found only after the target has been opened (and, when it did not
 * exist, created), so those are also imported into a database that does not exist yet, in batches (as SQL Server
 * runs): no file may be left behind. A fault found before that cannot create a file, and the first entry checks it.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRun, errorLines, inPool, pcm, type PcmRun } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';
import { CORPUS, type Hostile } from './support/corpus.js';
import { assertNothingCreated, assertUntouched, makeTargets, type Targets } from './support/target.js';

/** A fault found only when the messages are read: the error names a message part or the message count. */
const late = (entry: Hostile): boolean => /Messages-0|messages but/.test(entry.error.source);

const ERROR_LINE = /^pcm: Import-CsPersistentChatData: [^\n]+(\n  [^\n]+)* \(\w+, \w+\)$/;

interface Outcome {
  readonly built?: unknown;
  readonly populated: string;
  readonly intoPopulated: PcmRun;
  readonly missing: string;
  readonly intoMissing: PcmRun | undefined;
}

describe('hostile packages: each one refused with a clear error, exit 1, and the target untouched', function () {
  let targets: Targets;
  const outcomes: Outcome[] = [];

  before(async function () {
    // About eighty child processes, two at a time.
    this.timeout(600_000);
    assert.ok(CORPUS.length >= 25, `the corpus has ${CORPUS.length} packages`);
    targets = await makeTargets('pcm-hostile-');
    const folder = tempDir('pcm-hostile-packages-');
    const tasks = CORPUS.map((entry, i) => async (): Promise<void> => {
      const zip = join(folder, `${String(i + 1).padStart(2, '0')}.zip`);
      try {
        writeFileSync(zip, await entry.build());
      } catch (error) {
        outcomes[i] = { built: error } as Outcome;
        return;
      }
      const populated = targets.copy(entry.name);
      const missing = targets.missing(entry.name);
      const intoPopulated = await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${populated}`, '-FileName', zip]);
      const intoMissing = i === 0 || late(entry) ? await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${missing}`, '-FileName', zip, '-BatchSize', '2']) : undefined;
      outcomes[i] = { populated, intoPopulated, missing, intoMissing };
    });
    await inPool(tasks, 2);
  });

  CORPUS.forEach((entry, i) => {
    it(entry.name, function () {
      const { built, populated, intoPopulated, missing, intoMissing } = outcomes[i]!;
      if (built) throw built;
      for (const run of intoMissing ? [intoPopulated, intoMissing] : [intoPopulated]) {
        assert.equal(run.status, 1, describeRun(run));
        assert.match(errorLines(run), ERROR_LINE);
        assert.match(errorLines(run), entry.error);
      }
      assert.match(errorLines(intoPopulated), /Nothing was written: the target sqlite:.* is as it was\./);
      assertUntouched(populated, targets.hash);
      if (intoMissing) {
        assert.match(errorLines(intoMissing), /did not exist before this run, and none was left behind\./);
        assertNothingCreated(missing);
      }
    });
  });
});
