/**
 * A job script run as the Task Scheduler runs it (docs/powershell.md): `pwsh -NoProfile -NonInteractive -File job.ps1`
 * with no console input. It exits 0 when the migration succeeded and 1 when a cmdlet failed, whether the error is
 * left uncaught (the script sets $ErrorActionPreference = 'Stop', as the docs say) or caught with `exit 1`; nothing
 * prompts (Import's ConfirmImpact is Medium); and the runs are in the product's log.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, runFile, warmEngine, requireEngine } from './support/engine.js';
import { counts, logEvents, sampleDatabase } from './support/fixtures.js';

/** The job script of docs/powershell.md, with the module imported by path. */
const JOB = `param([string]$Manifest, [string]$Source, [string]$Folder, [switch]$Catch)
# A failing cmdlet ends only its own statement (PowerShell's rule for terminating errors, -ErrorAction or not):
# 'Stop' here makes it end the script, and so the task, with exit code 1.
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
if ($Catch) {
    try {
        Export-CsPersistentChatData -DBInstance $Source -FileName "$Folder/job.zip"
    } catch {
        [Console]::Error.WriteLine("Export failed: " + $_.Exception.Message)
        exit 1
    }
} else {
    Export-CsPersistentChatData -DBInstance $Source -FileName "$Folder/job.zip"
}
$result = Import-CsPersistentChatData -DBInstance "sqlite:$Folder/job-target.db" -FileName "$Folder/job.zip" -PassThru 3>$null
[Console]::Out.WriteLine("imported " + $result.MessagesImported)
`;

describe('module: a job script run as a scheduled task, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let dir: string;
  let script: string;
  let logs: string;

  before(async function () {
    requireEngine();
    await warmEngine();
    dir = tempDir('pcm-module-task-');
    logs = join(dir, 'logs');
    script = join(dir, 'job.ps1');
    writeFileSync(script, JOB);
    await sampleDatabase(join(dir, 'legacy.db'), 800);
  });

  it('exits 0 when the migration succeeds, without prompting, and logs the runs', async () => {
    const run = await runFile(script, ['-Manifest', MANIFEST, '-Source', `sqlite:${join(dir, 'legacy.db')}`, '-Folder', dir], { PCM_LOG_DIR: logs });
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const expected = counts(join(dir, 'legacy.db'));
    assert.match(run.stdout, new RegExp(`imported ${expected.messages}\\b`));
    assert.deepEqual(counts(join(dir, 'job-target.db')), expected);
    const ends = logEvents(logs).filter((e) => e.event === 'end' && e['host'] === 'powershell');
    assert.deepEqual(ends.map((e) => [e['cmdlet'], e['outcome']]), [['Export-CsPersistentChatData', 'Succeeded'], ['Import-CsPersistentChatData', 'Succeeded']]);
  });

  for (const caught of [false, true]) {
    it(`exits 1 when a cmdlet fails (${caught ? 'caught, then exit 1' : 'left uncaught under $ErrorActionPreference = Stop'}), saying why on stderr and in the log`, async () => {
      const folder = tempDir('pcm-module-task-fail-');
      const args = ['-Manifest', MANIFEST, '-Source', `sqlite:${join(folder, 'missing.db')}`, '-Folder', folder, ...(caught ? ['-Catch'] : [])];
      const run = await runFile(script, args, { PCM_LOG_DIR: join(folder, 'logs') });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /missing\.db/);
      assert.doesNotMatch(run.stdout, /imported/);
      const failed = logEvents(join(folder, 'logs')).filter((e) => e.event === 'end' && e['outcome'] === 'Failed');
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!['cmdlet'], 'Export-CsPersistentChatData');
      assert.equal(typeof failed[0]!['errorId'], 'string');
    });
  }
});
