/** Info-ZIP's `unzip -t` as an independent judge of a package: every entry's CRC and sizes checked by another reader. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

export function assertUnzipAccepts(zip: string): void {
  const run = spawnSync('unzip', ['-t', zip], { encoding: 'utf8' });
  if (run.error) throw new Error(`unzip -t could not run (${run.error.message}); install unzip to run this test`);
  assert.equal(run.status, 0, `unzip -t ${zip}:\n${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /No errors detected/);
}
