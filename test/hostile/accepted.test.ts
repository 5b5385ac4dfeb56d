/**
 * The other side of the hostile corpus: the defences refuse faults, not form. The base package the corpus breaks
 * imports through the pcm command line into a target that already holds data, and packages that differ from it only
 * in form XML allows (a UTF-8 byte-order mark, CDATA sections, whitespace between records, parts stored without
 * compression) import to exactly the same target state. This also shows that each corpus refusal is about its fault.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalDump, query } from '../migration/support/sql.js';
import { describeRun, pcm } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';
import { ACCEPTED, CATEGORY, ROOM_A, ROOM_B } from './support/corpus.js';
import { makeTargets, type Targets } from './support/target.js';

describe('hostile packages: the base package and harmless variants of it import', function () {
  let targets: Targets;
  let folder: string;
  let reference: string;
  before(async function () {
    targets = await makeTargets('pcm-accepted-');
    folder = tempDir('pcm-accepted-packages-');
  });

  ACCEPTED.forEach(({ name, build }, i) => {
    it(name, async function () {
      const zip = join(folder, `${i}.zip`);
      writeFileSync(zip, await build());
      const target = targets.copy(name);
      const run = await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip]);
      assert.equal(run.status, 0, describeRun(run));
      if (i === 0) {
        reference = canonicalDump(target);
        const rooms = query(target, 'SELECT r.nodeName AS room, c.nodeName AS category, (SELECT COUNT(*) FROM tblChat WHERE channelId = r.nodeID) AS messages FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID WHERE r.nodeName IN (?, ?) ORDER BY r.nodeName', ROOM_A, ROOM_B);
        assert.deepEqual(
          rooms.map((r) => [r.room, r.category, Number(r.messages)]),
          [
            [ROOM_A, CATEGORY, 3],
            [ROOM_B, CATEGORY, 2],
          ],
        );
      } else {
        assert.ok(reference, 'the base package must be imported first');
        assert.equal(canonicalDump(target), reference);
      }
    });
  });
});
