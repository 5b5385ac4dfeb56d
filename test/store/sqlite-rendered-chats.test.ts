/**
 * The export's fast path on SQLite: SqliteStore.renderedChats renders each message's record in SQL from
 * CHAT_RECORD_TEMPLATE, and the reader completes it with finishRenderedChat. The result must be byte-identical to
 * encodeChat on the same rows, and every row SQLite cannot render exactly must come back as a Chat. Checked on every
 * room of both sample schemas (CR/LF, tabs, control characters, markup, emoji, RTF, ill-formed text, long bodies),
 * on rooms larger than one page, and on a room of deliberately awkward rows written with plain SQL.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CHAT_RECORD_TEMPLATE, encodeChat, finishRenderedChat, renderedPoster, withRenderedPoster } from '../../archive/record-encoders.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import type { Chat } from '../../core/model.js';
import type { Ticks } from '../../core/ticks.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';

interface Rendering {
  readonly xml: string;
  readonly posters: number[];
  /** The chat ids that came back as Chat (not rendered by SQLite). */
  readonly asChats: bigint[];
  readonly rendered: number;
  /** Rendered records whose text needed escaping or base64, and those with an rtf. */
  readonly escaped: number;
  readonly withRtf: number;
}

/** A room through renderedChats, completed as the export's reader completes it. */
async function viaRendered(store: Store, roomId: number, since?: Ticks): Promise<Rendering> {
  let xml = '';
  const posters: number[] = [];
  const asChats: bigint[] = [];
  let rendered = 0;
  let escaped = 0;
  let withRtf = 0;
  for await (const page of store.renderedChats!(roomId, since, CHAT_RECORD_TEMPLATE)) {
    for (const item of page) {
      if (typeof item === 'string') {
        const finished = finishRenderedChat(item);
        xml += finished;
        posters.push(renderedPoster(item));
        rendered++;
        if (finished !== item) escaped++;
        if (item.endsWith(`${CHAT_RECORD_TEMPLATE.rtfEnd}${CHAT_RECORD_TEMPLATE.end}`)) withRtf++;
      } else {
        xml += encodeChat(item);
        posters.push(item.userId);
        asChats.push(item.chatId);
      }
    }
  }
  return { xml, posters, asChats, rendered, escaped, withRtf };
}

/** The same room through chats() and encodeChat: what every export wrote before the fast path. */
async function viaRows(store: Store, roomId: number, since?: Ticks): Promise<{ xml: string; posters: number[] }> {
  let xml = '';
  const posters: number[] = [];
  for await (const batch of store.chats(roomId, since)) {
    for (const chat of batch) {
      xml += encodeChat(chat);
      posters.push(chat.userId);
    }
  }
  return { xml, posters };
}

/** A sample database at `path` (New-PcmSampleDatabase with these parameters). */
async function sample(path: string, parameters: Record<string, unknown>): Promise<void> {
  await runCmdlet(newSample, { DBInstance: `sqlite:${path}`, ...parameters });
}

/** Runs `use` on the database at `path` opened read-only, as an export opens its source, and closes it. */
async function readOnly(path: string, use: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(`sqlite:${path}`, { readOnly: true });
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

async function roomIds(store: Store): Promise<number[]> {
  return [...(await store.chatCounts()).keys()].sort((a, b) => a - b);
}

describe('sqlite: messages rendered by SQLite are exactly what encodeChat writes', function () {
  const dir = tempDir('pcm-rendered-chats-');

  for (const schema of ['GroupChat2010', 'PersistentChat2013'] as const) {
    it(`on every room of a ${schema} sample`, async function () {
      const path = join(dir, `${schema}.db`);
      await sample(path, { Schema: schema, Messages: 4000, Seed: 5 });
      await readOnly(path, async (store) => {
        let rendered = 0;
        let escaped = 0;
        let withRtf = 0;
        for (const roomId of await roomIds(store)) {
          const expected = await viaRows(store, roomId);
          const got = await viaRendered(store, roomId);
          assert.equal(got.xml, expected.xml, `room ${roomId}`);
          assert.deepEqual(got.posters, expected.posters, `posters of room ${roomId}`);
          rendered += got.rendered;
          escaped += got.escaped;
          withRtf += got.withRtf;
        }
        // Every row rendered, and the sample's text took each way through finishRenderedChat.
        assert.equal(rendered, 4000);
        // Group Chat 2010 has no rtf column (gg615031): its records never carry one.
        assert.ok(escaped > 0 && (schema === 'GroupChat2010' ? withRtf === 0 : withRtf > 0), `escaped ${escaped}, with rtf ${withRtf}`);
      });
    });
  }

  it('pages through rooms larger than one page, with and without a start date', async function () {
    const path = join(dir, 'large.db');
    await sample(path, { Schema: 'GroupChat2010', Messages: 70000, Rooms: 12, Users: 50, Seed: 9 });
    await readOnly(path, async (store) => {
      const rooms = await roomIds(store);
      const counts = await store.chatCounts();
      assert.ok(rooms.some((r) => counts.get(r)! > 10000), 'no room spans more than two pages');
      for (const roomId of rooms) {
        const expected = await viaRows(store, roomId);
        const got = await viaRendered(store, roomId);
        assert.equal(got.posters.length, counts.get(roomId), `messages of room ${roomId}`);
        assert.equal(got.xml, expected.xml, `room ${roomId}`);
        // A date in the middle of the room: only later messages, still in order.
        const dates: bigint[] = [];
        for await (const batch of store.chats(roomId)) for (const c of batch) dates.push(c.date);
        const since = [...dates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[Math.floor(dates.length / 2)]!;
        assert.equal((await viaRendered(store, roomId, since)).xml, (await viaRows(store, roomId, since)).xml, `room ${roomId} from ${since}`);
      }
    });
  });

  it('renders awkward text exactly and hands back as Chat every row it cannot render exactly', async function () {
    const path = join(dir, 'awkward.db');
    await sample(path, { Schema: 'PersistentChat2013', Messages: 10, Users: 8, Rooms: 12, Seed: 1 });
    const db = new Database(path);
    const roomId = Number((db.prepare('SELECT MIN(channelId) AS r FROM tblChat').get() as { r: number }).r);
    const userId = Number((db.prepare('SELECT MIN(userId) AS u FROM tblChat').get() as { u: number }).u);
    const otherRoom = Number((db.prepare('SELECT MAX(nodeID) AS r FROM tblNode').get() as { r: number }).r) + 1;
    const insert = db.prepare('INSERT INTO tblChat (channelId, chatId, userId, chatDate, isAlert, content, rtf) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const rendered: [unknown, unknown, unknown][] = [
      // [isAlert, content, rtf], each rendered by SQLite
      [0, 'plain & <b>bold</b> "quoted" \r\n\t]]> </Content></Message>', null],
      [5, '', ''],
      [1, 'emoji \u{1F600} and \u200F right-to-left', '{\\rtf1 x}'],
      [0, 'a noncharacter \uFFFE here', null],
      [0, 'another \uFFFF', null],
      [0, 'a NUL \u0000 inside', null],
      [0, 'an escape \u001B character', null],
      [0, 'rtf with a bell', 'x\u0007y'],
      [0, 'markup in both: <i>', '</Rtf></Message> & \r'],
      [0, 'content ends like a tag </Content>', '<Rtf>'],
      [0, 'text', '</Content><Rtf>'],
    ];
    const asChat: [unknown, unknown, unknown][] = [
      // each comes back as a Chat
      [0, 'content holding </Content><Rtf> with an rtf', 'r'],
      [0, Buffer.from('a lone surrogate \uD800 (stored as UTF-16)', 'utf16le'), null],
      [0, 'an rtf stored as UTF-16', Buffer.from('\uDC00', 'utf16le')],
      ['yes', 'isAlert holds text, not a number', null],
      [0.5, 'isAlert holds a fraction', null],
    ];
    db.transaction(() => {
      [...rendered, ...asChat].forEach(([isAlert, content, rtf], i) =>
        insert.run(roomId, 900_000 + i, userId, 634_000_000_000_000_000n + BigInt(i), isAlert, content, rtf),
      );
      // Invalid UTF-8 bytes in a TEXT value, which SQLite stores as given; and a date that is not an integer.
      db.prepare("INSERT INTO tblChat (channelId, chatId, userId, chatDate, isAlert, content, rtf) VALUES (?, 900100, ?, 634000000000000100, 0, CAST(X'61FF62E282' AS TEXT), NULL)").run(roomId, userId);
      db.prepare("INSERT INTO tblChat (channelId, chatId, userId, chatDate, isAlert, content, rtf) VALUES (?, 900101, ?, 'not a tick', 0, 'x', NULL)").run(roomId, userId);
      // A poster a damaged database may hold: negative.
      insert.run(roomId, 900_200, -7, 634_000_000_000_000_200n, 0, 'negative poster', null);
      // And one beyond 2^53, alone in a room of its own: chats() rounds it in the record too, the rendered record keeps
      // its digits; both read it as the same number, which no principal has, so an export writes the system principal.
      insert.run(otherRoom, 900_201, 2n ** 60n + 1n, 634_000_000_000_000_201n, 0, 'huge poster', null);
    })();
    db.close();

    await readOnly(path, async (store) => {
      const expected = await viaRows(store, roomId);
      const got = await viaRendered(store, roomId);
      assert.equal(got.xml, expected.xml);
      assert.deepEqual(got.posters, expected.posters);
      const chatIds = (from: number, n: number): bigint[] => Array.from({ length: n }, (_, i) => BigInt(from + i));
      assert.deepEqual(got.asChats.filter((id) => id >= 900_000n), [...chatIds(900_000 + rendered.length, asChat.length), 900_101n]);
      const huge = await viaRendered(store, otherRoom);
      assert.deepEqual(huge.posters, (await viaRows(store, otherRoom)).posters);
      assert.deepEqual(huge.posters, [Number(2n ** 60n + 1n)]);
    });
  });

  it('replaces the poster of a rendered record, as an export does for a poster the source lacks', async function () {
    const path = join(dir, 'poster.db');
    await sample(path, { Schema: 'GroupChat2010', Messages: 40, Users: 8, Rooms: 12, Seed: 3 });
    await readOnly(path, async (store) => {
      const [roomId] = await roomIds(store);
      const chats: Chat[] = [];
      for await (const batch of store.chats(roomId!)) chats.push(...batch);
      let i = 0;
      for await (const page of store.renderedChats!(roomId!, undefined, CHAT_RECORD_TEMPLATE)) {
        for (const item of page) {
          const chat = chats[i++]!;
          if (typeof item !== 'string') continue;
          assert.equal(finishRenderedChat(withRenderedPoster(item, 1)), encodeChat({ ...chat, userId: 1 }));
          assert.equal(finishRenderedChat(withRenderedPoster(item, -42)), encodeChat({ ...chat, userId: -42 }));
        }
      }
      assert.equal(i, chats.length);
    });
  });
});
