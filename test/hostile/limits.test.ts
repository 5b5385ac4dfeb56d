/**
 * The package limits (docs/package-format.md, archive/limits.ts) through the pcm command line: a package beyond a
 * limit is refused with an error naming the part and the parameter that raises the limit, the target untouched; the
 * same package imports when that parameter is raised, which proves the parameter works. A single 50 MB message is
 * within the default record limit (64 Mi characters) and must arrive exactly; a 70 MiB one needs -MaxRecordSizeMB.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { query } from '../migration/support/sql.js';
import { describeRun, errorLines, pcm } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';
import { bigMessagePackage, oneMessagePackage, randomText, ROOM_B } from './support/corpus.js';
import { assertUntouched, makeTargets, type Targets } from './support/target.js';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('limits: refused by default with the parameter named, imported when it is raised', function () {
  let targets: Targets;
  let folder: string;
  before(async function () {
    targets = await makeTargets('pcm-limits-');
    folder = tempDir('pcm-limits-packages-');
  });

  const importInto = (target: string, zip: string, ...more: string[]) => pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip, ...more]);

  /** The one message the package put in Hostile Room B, as the target holds it. */
  function importedMessage(target: string): string {
    const rows = query(target, 'SELECT c.content AS content FROM tblChat c JOIN tblNode n ON n.nodeID = c.channelId WHERE n.nodeName = ?', ROOM_B);
    assert.equal(rows.length, 1);
    return rows[0]!.content as string;
  }

  async function refusedThenAccepted(zip: string, refuse: { args: string[]; error: RegExp }, accept: string[], text: string): Promise<void> {
    const refusedTarget = targets.copy('refused');
    const refused = await importInto(refusedTarget, zip, ...refuse.args);
    assert.equal(refused.status, 1, describeRun(refused));
    assert.match(errorLines(refused), refuse.error);
    assertUntouched(refusedTarget, targets.hash);

    const target = targets.copy('accepted');
    const accepted = await importInto(target, zip, ...accept);
    assert.equal(accepted.status, 0, describeRun(accepted));
    const message = importedMessage(target);
    assert.equal(message.length, text.length);
    assert.equal(sha(message), sha(text), 'the message arrived changed');
  }

  describe('a compression bomb (a part of 20 MiB of one letter, about 1,000 times its compressed size)', function () {
    const text = 'a'.repeat(20 * 1024 * 1024);
    let zip: string;
    before(async function () {
      zip = join(folder, 'bomb.zip');
      writeFileSync(zip, await oneMessagePackage(text));
    });

    it('is refused at the default ratio and imported with -MaxCompressionRatio raised', async function () {
      await refusedThenAccepted(zip, { args: [], error: /Messages-000002\.xml: the part expands \d+ times, over the limit of 200 \(a compression bomb, or raise -MaxCompressionRatio\)/ }, ['-MaxCompressionRatio', '5000'], text);
    });

    it('is refused over -MaxPartSizeMB 10 and imported with -MaxPartSizeMB 30', async function () {
      await refusedThenAccepted(
        zip,
        { args: ['-MaxCompressionRatio', '5000', '-MaxPartSizeMB', '10'], error: /Messages-000002\.xml: the part declares \d+ bytes, over the limit of 10485760 \(raise it with -MaxPartSizeMB/ },
        ['-MaxCompressionRatio', '5000', '-MaxPartSizeMB', '30'],
        text,
      );
    });
  });

  it('a single 50 MB message imports exactly under the default limits', async function () {
    const text = randomText(50_000_000);
    const zip = join(folder, 'fifty.zip');
    writeFileSync(zip, await bigMessagePackage(text.length, text));
    const target = targets.copy('fifty');
    const run = await importInto(target, zip);
    assert.equal(run.status, 0, describeRun(run));
    const message = importedMessage(target);
    assert.equal(message.length, text.length);
    assert.equal(sha(message), sha(text), 'the message arrived changed');
  });

  it('a single 70 MiB message is refused naming -MaxRecordSizeMB, and imports exactly with -MaxRecordSizeMB 100', async function () {
    const text = randomText(70 * 1024 * 1024);
    const zip = join(folder, 'seventy.zip');
    writeFileSync(zip, await bigMessagePackage(text.length, text));
    await refusedThenAccepted(
      zip,
      { args: [], error: /Messages-000002\.xml: a <Message> record is larger than the limit of 67108864 characters \(raise it with -MaxRecordSizeMB if the data is genuine\)/ },
      ['-MaxRecordSizeMB', '100'],
      text,
    );
  });
});
