/**
 * The bad input the migration issue names, through the pcm command line as a scheduled task would run it (no
 * terminal, no stdin): each gets a clear message on stderr and exit code 1 (2 for a value the parameter does not
 * accept: bad usage), and the target database is unchanged.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/temp.js';
import { exportTo, makeSample, type Sample } from './support/fixture.js';
import { fileHash } from './support/sql.js';

const CLI = fileURLToPath(new URL('../../bridge/cli.js', import.meta.url));

function pcm(...args: string[]): { status: number | null; err: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, PCM_LOG_DIR: tempDir() }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  return { status: result.status, err: result.stderr.toString('utf8') };
}

describe('pcm: bad input exits 1 (2 for bad usage) and changes nothing', function () {
  let sample: Sample;
  let target: string;
  let zip: string;
  let hash: string;
  before(async function () {
    sample = await makeSample('PersistentChat2013', 100);
    zip = join(sample.dir, 'ok.zip');
    await exportTo(sample.db, zip);
    target = join(sample.dir, 'target.db');
    assert.equal(pcm('Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip).status, 0);
    hash = fileHash(target);
  });
  afterEach(function () {
    assert.equal(fileHash(target), hash, 'the target database changed');
  });

  const cases: [string, () => string[], RegExp, number?][] = [
    ['a missing package file', () => ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', join(sample.dir, 'missing.zip')], /Cannot find the package file .*missing\.zip/],
    ['a file that is not a package', () => {
      const text = join(sample.dir, 'notes.zip');
      writeFileSync(text, 'not a zip');
      return ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', text];
    }, /notes\.zip' is not a valid ZIP package/],
    ['an unknown -Level', () => ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${sample.db}`, '-FileName', join(sample.dir, 'l.zip'), '-Level', 'Everything'], /'Everything' is not one of the allowed values/, 2],
    ['a -DBInstance that cannot be opened', () => {
      const bogus = join(sample.dir, 'bogus.db');
      writeFileSync(bogus, 'x'.repeat(200));
      return ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${bogus}`, '-FileName', zip];
    }, /Cannot open the database .*bogus\.db.*not a SQLite database/],
    ['a -Scope naming no category', () => ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${sample.db}`, '-FileName', join(sample.dir, 's.zip'), '-Scope', 'Nope'], /-Scope names no category called 'Nope'/],
  ];
  for (const [name, args, message, status = 1] of cases) {
    it(name, function () {
      const argv = args();
      const run = pcm(...argv);
      assert.equal(run.status, status, run.err);
      assert.match(run.err, message);
      assert.match(run.err, /^pcm: [A-Za-z-]+: .*\(\w+, \w+\)$/m);
      const out = argv[argv.indexOf('-FileName') + 1]!;
      if (argv[0] === 'Export-CsPersistentChatData') assert.equal(existsSync(out), false, 'no package may appear');
    });
  }
});
