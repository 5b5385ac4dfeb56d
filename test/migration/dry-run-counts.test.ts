/**
 * -WhatIf -PassThru says how many principals and messages would move: the dry run's counts are those the real
 * import then reports, into a new target, into a target that already holds part of the package (one category
 * imported before), and into one that holds all of it (everything skipped). The dry run writes nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { canonicalDump, query } from './support/sql.js';

const COUNTS = ['PrincipalsCreated', 'PrincipalsUpdated', 'MessagesImported', 'MessagesSkipped'] as const;
type Counts = Record<(typeof COUNTS)[number], unknown>;

async function importCounts(target: string, zip: string, whatIf: boolean): Promise<Counts> {
  const run = await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, PassThru: true, WhatIf: whatIf });
  const result = propertiesOf(run.output[0]);
  assert.equal(result['WhatIf'], whatIf);
  return Object.fromEntries(COUNTS.map((name) => [name, result[name]])) as Counts;
}

describe('Import -WhatIf -PassThru: the counts a dry run gives', function () {
  const dir = tempDir('pcm-dry-run-');
  const source = join(dir, 'source.db');
  const all = join(dir, 'all.zip');
  const part = join(dir, 'engineering.zip');
  let messages: number;

  before(async function () {
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Messages: 2500, Users: 40, Rooms: 20, Seed: 8 });
    await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: all });
    await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: part, Scope: ['Engineering'] });
    messages = Number(query(source, 'SELECT COUNT(*) AS n FROM tblChat')[0]!.n);
  });

  it('into a new target: everything would be created, as the import then does', async function () {
    const target = join(dir, 'new.db');
    const dry = await importCounts(target, all, true);
    assert.equal(dry.MessagesImported, messages);
    assert.equal(dry.MessagesSkipped, 0);
    assert.ok(Number(dry.PrincipalsCreated) > 40);
    assert.equal(dry.PrincipalsUpdated, 1, "only the schema's own system principal is there already");
    assert.deepEqual(await importCounts(target, all, false), dry);
  });

  it('into a target holding one category already: its messages would be skipped, its principals updated', async function () {
    const target = join(dir, 'partial.db');
    const first = await importCounts(target, part, false);
    assert.ok(Number(first.MessagesImported) > 0 && Number(first.MessagesImported) < messages);
    const before = canonicalDump(target);
    const dry = await importCounts(target, all, true);
    assert.equal(canonicalDump(target), before, 'the dry run wrote nothing');
    assert.equal(dry.MessagesSkipped, first.MessagesImported);
    assert.equal(Number(dry.MessagesImported) + Number(dry.MessagesSkipped), messages);
    assert.ok(Number(dry.PrincipalsUpdated) > 0);
    assert.deepEqual(await importCounts(target, all, false), dry);
  });

  it('into a target holding all of it: every message would be skipped and every principal updated', async function () {
    const target = join(dir, 'new.db');
    const dry = await importCounts(target, all, true);
    assert.equal(dry.MessagesImported, 0);
    assert.equal(dry.MessagesSkipped, messages);
    assert.equal(dry.PrincipalsCreated, 0);
    assert.deepEqual(await importCounts(target, all, false), dry);
  });
});
