/**
 * Names and text that try to break out (issue 4): quotes, semicolons and SQL comments, `]]>`, `</Name>`, NUL and other
 * control characters, right-to-left marks, emoji and more, in category, room, user and add-in names, descriptions and
 * messages of a source database, exported and imported through the pcm command line. The package must be a ZIP that
 * `unzip -t` accepts, with parts the product's reader reads back as well-formed XML carrying the texts exactly, and
 * the target must hold every text byte for byte as the source does; importing again must change nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { readPackage, type PackageContents } from '../archive/support/read-package.js';
import { assertUnzipAccepts } from '../support/unzip.js';
import { canonicalDump } from '../migration/support/sql.js';
import { describeRun, pcm } from '../support/pcm-process.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { BREAKOUTS, snapshot, writeBreakouts } from './support/breakout.js';

describe('names and text that try to break out of XML and SQL round-trip exactly', function () {
  let dir: string;
  let source: string;
  let zip: string;
  let target: string;
  let contents: PackageContents;
  let expected: ReturnType<typeof snapshot>;
  let actual: ReturnType<typeof snapshot>;

  before(async function () {
    dir = tempDir('pcm-breakout-');
    source = join(dir, 'source.db');
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: 'PersistentChat2013', Messages: 200, Users: 30, Rooms: 16, Seed: 4 });
    writeBreakouts(source);
    zip = join(dir, 'breakout.zip');
    const exported = await pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', zip]);
    assert.equal(exported.status, 0, describeRun(exported));
    target = join(dir, 'target.db');
    const imported = await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip]);
    assert.equal(imported.status, 0, describeRun(imported));
    expected = snapshot(source);
    actual = snapshot(target);
  });

  it('writes a ZIP that unzip -t accepts', function () {
    assertUnzipAccepts(zip);
  });

  it('writes parts the reader reads back as well-formed XML, each text exactly as written', async function () {
    contents = await readPackage(zip);
    const rooms = contents.rooms.map((r) => r.node.name);
    const users = contents.users.map((u) => u.displayName);
    const messages = Object.values(contents.messages).flat().map((m) => m.content);
    BREAKOUTS.forEach((b, i) => {
      assert.ok(rooms.includes(`Room ${b} #${i}`), `room ${JSON.stringify(b)}`);
      assert.ok(users.includes(b), `user ${JSON.stringify(b)}`);
      assert.ok(messages.includes(b), `message ${JSON.stringify(b)}`);
    });
    assert.ok(messages.includes(BREAKOUTS.join(' | ')));
    assert.ok(contents.categories.some((c) => c.node.name === `Category ${BREAKOUTS[0]} #0`));
    assert.ok(contents.addins.some((a) => a.url === `https://addin.example/?q=';DROP TABLE x;--&a=]]>&b=</Url>`));
  });

  describe('the target holds every text byte for byte as the source does', function () {
    it('category and room names and descriptions', function () {
      // The source really holds the hard cases: a NUL inside a name (not cut there) and a lone surrogate (a BLOB).
      assert.ok(expected.nodes.some((n) => n.includes(Buffer.from('nul\u0000inside').toString('hex').toUpperCase())));
      assert.ok(expected.nodes.some((n) => n.includes('blob:')));
      assert.deepEqual(actual.nodes, expected.nodes);
    });
    it('user names, display names and companies', function () {
      assert.deepEqual(actual.principals, expected.principals);
    });
    it('add-in names and URLs', function () {
      assert.deepEqual(actual.addins, expected.addins);
    });
    it('messages and their RTF', function () {
      assert.equal(actual.chats.length, expected.chats.length);
      assert.deepEqual(actual.chats, expected.chats);
    });
  });

  it('importing the same package again changes nothing (each text matches itself)', async function () {
    const before = canonicalDump(target);
    const again = await pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip]);
    assert.equal(again.status, 0, describeRun(again));
    assert.equal(canonicalDump(target), before);
  });
});
