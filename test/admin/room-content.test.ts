/**
 * Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage over a migrated pool's real database: each change
 * checked with plain SQL over tblChat and tblLastChatId (what went, what changed, and that everything else is as it
 * was), and each refusal with a message naming the input and the fix, and the database file byte-identical.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ticksFromDate } from '../../core/ticks.js';
import { pcm } from '../support/pcm-process.js';
import { propertiesOf } from '../support/recording-context.js';
import { migratedPool, type MigratedPool } from './support/migrated-pool.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';
const DEFAULT_TEXT = 'This message was replaced by the Persistent Chat administrator.';

type Row = Record<string, unknown>;
interface ChatRow {
  chatId: bigint;
  chatDate: bigint;
  userId: bigint;
  content: string;
  rtf: string | null;
}

describe('room content: Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage', () => {
  let fixture: MigratedPool | undefined;
  let db: string;
  let pristine: Buffer;
  /** The room with the most messages, its id and its identity. */
  let roomId: bigint;
  let room: string;

  const withDb = <T>(fn: (d: Database.Database) => T): T => {
    const d = new Database(db);
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  const sql = <T = Row>(query: string, ...args: unknown[]): T[] => withDb((d) => d.prepare(query).safeIntegers(true).all(...args) as T[]);
  const exec = (query: string, ...args: unknown[]): void => withDb((d) => void d.prepare(query).run(...args));
  const count = (where = '1 = 1', ...args: unknown[]): number => Number(sql<{ n: bigint }>(`SELECT count(*) AS n FROM tblChat WHERE ${where}`, ...args)[0]!.n);
  const roomChats = (): ChatRow[] => sql<ChatRow>('SELECT chatId, chatDate, userId, content, rtf FROM tblChat WHERE channelId = ? ORDER BY chatId', roomId);
  const lastChatId = (): bigint => sql<{ id: bigint }>('SELECT max(lastChatID) AS id FROM tblLastChatId WHERE nodeID = ?', roomId)[0]!.id;
  /** Every chat of the other rooms, as text: they must never change. */
  const otherRooms = (): string => JSON.stringify(sql('SELECT channelId, chatId, chatDate, userId, content, rtf FROM tblChat WHERE channelId <> ? ORDER BY channelId, chatId', roomId), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  const ticks = (date: Date): bigint => ticksFromDate(date);
  const verboseOf = async (name: string, parameters: Record<string, unknown>): Promise<string> => (await run(name, parameters)).context.verboseMessages.join('\n');

  before(async () => {
    fixture = await migratedPool(POOL, 3000, 'pcm-content-');
    db = fixture.db;
    const [top] = sql<{ id: bigint; name: string }>('SELECT channelId AS id, n.nodeName AS name FROM tblChat c JOIN tblNode n ON n.nodeID = c.channelId GROUP BY channelId ORDER BY count(*) DESC LIMIT 1');
    roomId = top!.id;
    room = `${POOL}\\${top!.name}`;
    pristine = readFileSync(db);
  });

  beforeEach(() => writeFileSync(db, pristine));

  after(() => fixture?.restore());

  describe('Clear-CsPersistentChatRoom', () => {
    it('deletes through -EndDate inclusive: a message exactly at it goes, one tick later stays', async () => {
      const [a, b] = roomChats();
      const end = new Date(2010, 5, 15, 13, 45, 30, 123);
      exec('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', ticks(end), roomId, a!.chatId);
      exec('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', ticks(end) + 1n, roomId, b!.chatId);
      const total = count();
      const inRoom = count('channelId = ?', roomId);
      const through = count('channelId = ? AND chatDate <= ?', roomId, ticks(end));
      const others = otherRooms();
      const last = lastChatId();
      assert.ok(through > 1 && through < inRoom - 1, `${through} of ${inRoom} messages are on or before the end`);

      const verbose = await verboseOf('Clear-CsPersistentChatRoom', { Identity: room, EndDate: end });
      assert.match(verbose, new RegExp(`^Deleted ${through} messages posted on or before 2010-06-15 13:45:30\\.123 from the room `));
      assert.equal(count('channelId = ? AND chatDate <= ?', roomId, ticks(end)), 0);
      assert.equal(count('channelId = ?', roomId), inRoom - through);
      assert.equal(count(), total - through);
      const left = roomChats().map((c) => c.chatId);
      assert.ok(!left.includes(a!.chatId), 'the message exactly at -EndDate was deleted');
      assert.ok(left.includes(b!.chatId), 'the message one tick later was kept');
      assert.equal(otherRooms(), others, 'no other room changed');
      assert.equal(lastChatId(), last, 'tblLastChatId keeps the room\'s last id');
    });

    it('a date alone covers that whole day (Microsoft: -EndDate 3/1/2018 is content posted on or before March 1)', async () => {
      const [a, b] = roomChats();
      const day = new Date(2010, 2, 1);
      const nextDay = ticks(new Date(2010, 2, 2));
      exec('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', nextDay - 1n, roomId, a!.chatId);
      exec('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', nextDay, roomId, b!.chatId);
      const through = count('channelId = ? AND chatDate < ?', roomId, nextDay);
      await run('Clear-CsPersistentChatRoom', { Identity: room, EndDate: day });
      const left = roomChats().map((c) => c.chatId);
      assert.ok(!left.includes(a!.chatId), 'the last tick of March 1 was deleted');
      assert.ok(left.includes(b!.chatId), 'midnight of March 2 was kept');
      assert.equal(count('channelId = ? AND chatDate < ?', roomId, nextDay), 0);
      assert.equal(count('channelId = ?', roomId), roomChats().length);
      assert.ok(through > 1);
    });

    it('takes the room from -Instance (a Get-CsPersistentChatRoom object); clearing it all keeps tblLastChatId', async () => {
      const instance = propertiesOf((await run('Get-CsPersistentChatRoom', { Identity: room })).output[0]);
      const maxId = roomChats().at(-1)!.chatId;
      const others = otherRooms();
      const verbose = await verboseOf('Clear-CsPersistentChatRoom', { Instance: instance, EndDate: new Date(9999, 11, 31) });
      assert.match(verbose, /^Deleted \d+ messages posted on or before 9999-12-31 from the room /);
      assert.equal(count('channelId = ?', roomId), 0);
      assert.ok(lastChatId() >= maxId, `tblLastChatId ${lastChatId()} still holds the last id ${maxId}`);
      assert.equal(otherRooms(), others);
      assert.match(await verboseOf('Clear-CsPersistentChatRoom', { Identity: room, EndDate: new Date(9999, 11, 31) }), /^Deleted 0 messages/);
    });

    it('finds a room whose name has blanks around it (migrated from Group Chat), by its object and by the name typed trimmed', async () => {
      const [spaced] = sql<{ id: bigint; name: string }>('SELECT nodeID AS id, nodeName AS name FROM tblNode WHERE nodeType = 0 AND nodeName <> trim(nodeName) AND EXISTS (SELECT 1 FROM tblChat WHERE channelId = nodeID) LIMIT 1');
      const inSpaced = (): number => count('channelId = ?', spaced!.id);
      assert.ok(inSpaced() > 0);
      const instance = (await run('Get-CsPersistentChatRoom')).output.map(propertiesOf).find((r) => r.Name === spaced!.name)!;
      assert.equal(instance.Identity, `${POOL}\\${spaced!.name}`);
      await run('Clear-CsPersistentChatRoom', { Instance: instance, EndDate: new Date(9999, 0, 1) });
      assert.equal(inSpaced(), 0);
      writeFileSync(db, pristine);
      await run('Clear-CsPersistentChatRoom', { Identity: `${POOL}\\${spaced!.name.trim()}`, EndDate: new Date(9999, 0, 1) });
      assert.equal(inSpaced(), 0);
    });

    it('-WhatIf counts what it would delete and writes nothing', async () => {
      const end = new Date(2011, 0, 1);
      const through = count('channelId = ? AND chatDate < ?', roomId, ticks(new Date(2011, 0, 2)));
      const verbose = await verboseOf('Clear-CsPersistentChatRoom', { Identity: room, EndDate: end, WhatIf: true });
      assert.match(verbose, new RegExp(`^What if: would delete ${through} messages posted on or before 2011-01-01 from the room`));
      assert.deepEqual(readFileSync(db), pristine);
    });
  });

  describe('Remove-CsPersistentChatMessage', () => {
    /** The room's most frequent poster, by SIP address and id. */
    const poster = (): { uri: string; id: bigint } =>
      sql<{ uri: string; id: bigint }>(
        "SELECT p.prinUri AS uri, p.prinID AS id FROM tblChat c JOIN tblPrincipal p ON p.prinID = c.userId WHERE c.channelId = ? AND p.prinUri LIKE 'sip:%' GROUP BY p.prinID ORDER BY count(*) DESC, p.prinID LIMIT 1",
        roomId,
      )[0]!;

    /** Checks that exactly `changed` of the room's chats were replaced by `text` (RTF dropped) or, text undefined, removed. */
    const expectChanged = (before: ChatRow[], changed: readonly bigint[], text: string | undefined): void => {
      const ids = new Set(changed);
      const expected = before.filter((c) => text !== undefined || !ids.has(c.chatId)).map((c) => (ids.has(c.chatId) ? { ...c, content: text!, rtf: null } : c));
      assert.deepEqual(roomChats(), expected);
    };

    it('replaces a user\'s messages with Microsoft\'s default text, drops their RTF, and counts them', async () => {
      const { uri, id } = poster();
      const before0 = roomChats();
      const theirs = before0.filter((c) => c.userId === id).map((c) => c.chatId);
      exec('UPDATE tblChat SET rtf = ? WHERE channelId = ? AND chatId = ?', '{\\rtf1 the old text}', roomId, theirs[0]);
      const before = roomChats();
      const others = otherRooms();
      assert.ok(theirs.length > 1 && theirs.length < before.length);
      const verbose = await verboseOf('Remove-CsPersistentChatMessage', { Identity: room, UserUri: uri });
      assert.equal(verbose, `Replaced the text of ${theirs.length} messages of the room ${room}.`);
      expectChanged(before, theirs, DEFAULT_TEXT);
      assert.equal(otherRooms(), others);
      // Run again, the address in another case and without sip:: nothing is left to change, and it says so.
      assert.equal(await verboseOf('Remove-CsPersistentChatMessage', { Identity: room, UserUri: uri.slice(4).toUpperCase() }), `Replaced the text of 0 messages of the room ${room}. ${theirs.length} more already had that text.`);
    });

    it('-Remove deletes the messages between -StartDate and -EndDate, both inclusive, a date alone being its whole day', async () => {
      const before = roomChats();
      const from = ticks(new Date(2010, 0, 1));
      const to = ticks(new Date(2011, 0, 1)) - 1n;
      // A message exactly at the first and at the last tick of the range, and one just outside each end.
      const [a, b, c, d] = before;
      for (const [chat, at] of [[a, from], [b, to], [c, from - 1n], [d, to + 1n]] as const) exec('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', at, roomId, chat!.chatId);
      const moved = roomChats();
      const inRange = moved.filter((m) => m.chatDate >= from && m.chatDate <= to).map((m) => m.chatId);
      assert.ok(inRange.includes(a!.chatId) && inRange.includes(b!.chatId) && !inRange.includes(c!.chatId) && !inRange.includes(d!.chatId));
      const verbose = await verboseOf('Remove-CsPersistentChatMessage', { Identity: room, StartDate: new Date(2010, 0, 1), EndDate: new Date(2010, 11, 31), Remove: true });
      assert.equal(verbose, `Deleted ${inRange.length} messages of the room ${room}.`);
      expectChanged(moved, inRange, undefined);
      assert.equal(count('channelId = ? AND chatDate >= ? AND chatDate <= ?', roomId, from, to), 0);
    });

    it('-ReplaceMessage sets its text on the messages on or after -StartDate, by -UserUri too', async () => {
      const { uri, id } = poster();
      const from = new Date(2011, 6, 1, 8, 30);
      const before = roomChats();
      const selected = before.filter((c) => c.userId === id && c.chatDate >= ticks(from)).map((c) => c.chatId);
      assert.ok(selected.length > 0);
      await run('Remove-CsPersistentChatMessage', { Identity: room, UserUri: uri, StartDate: from, ReplaceMessage: 'Moved to the wiki: https://wiki.litwareinc.com/p?id=1&x=<2>' });
      expectChanged(before, selected, 'Moved to the wiki: https://wiki.litwareinc.com/p?id=1&x=<2>');
    });

    describe('-Filter with -MatchClause and -CaseSensitive', () => {
      const CRAFTED = [
        'Fabrikam and Northwind signed',
        'northwind only',
        'NORTHWIND FABRIKAM shouting',
        'Fyi: For internal use only, Fabrikam',
        'for internal \r\n use   only',
        'only use internal for Northwind',
        'Σοφία wrote (a+)+$ .* here',
      ];
      let crafted: bigint[];
      beforeEach(() => {
        crafted = roomChats().slice(0, CRAFTED.length).map((c) => c.chatId);
        CRAFTED.forEach((text, i) => exec('UPDATE tblChat SET content = ? WHERE channelId = ? AND chatId = ?', text, roomId, crafted[i]));
        // The sample never says these words, so the crafted messages are the only ones that can match them.
        for (const [word, n] of [['fabrikam', 3], ['northwind', 4], ['internal', 3]] as const) assert.equal(count('channelId = ? AND instr(lower(content), ?) > 0', roomId, word), n, word);
      });

      const cases: [string, Record<string, unknown>, number[]][] = [
        ['And by default', { Filter: 'Fabrikam Northwind' }, [0, 2]],
        ['All is And', { Filter: 'fabrikam NORTHWIND', MatchClause: 'All' }, [0, 2]],
        ['Or', { Filter: 'Fabrikam Northwind', MatchClause: 'Or' }, [0, 1, 2, 3, 5]],
        ['Exact: the phrase in order, across blanks and line breaks', { Filter: 'For internal use only', MatchClause: 'Exact' }, [3, 4]],
        ['And ignores the order', { Filter: 'Northwind internal only', MatchClause: 'And' }, [5]],
        ['CaseSensitive $true', { Filter: 'Fabrikam Northwind', CaseSensitive: true }, [0]],
        ['CaseSensitive $true with Or', { Filter: 'northwind', MatchClause: 'Or', CaseSensitive: true }, [1]],
        ['Unicode case', { Filter: 'ΣΟΦΊΑ' }, [6]],
        ['Unicode case, sensitive', { Filter: 'ΣΟΦΊΑ', CaseSensitive: true }, []],
        ['pattern characters are text', { Filter: '(a+)+$ .*', MatchClause: 'Exact' }, [6]],
      ];
      const actions: [string, Record<string, unknown>, string | undefined][] = [
        ['-Remove', { Remove: true }, undefined],
        ['-ReplaceMessage', { ReplaceMessage: '[removed]' }, '[removed]'],
        ['the default text', {}, DEFAULT_TEXT],
      ];
      cases.forEach(([title, filter, expected], i) => {
        const [how, action, text] = actions[i % actions.length]!;
        it(`${title} (${how})`, async () => {
          const before = roomChats();
          const ids = expected.map((k) => crafted[k]!);
          const verbose = await verboseOf('Remove-CsPersistentChatMessage', { Identity: room, ...filter, ...action });
          assert.match(verbose, new RegExp(`^(Deleted|Replaced the text of) ${ids.length} messages? of the room`));
          expectChanged(before, ids, text);
        });
      });

      it('combines -Filter with -UserUri: both must hold', async () => {
        const { uri, id } = poster();
        const other = sql<{ id: bigint }>('SELECT prinID AS id FROM tblPrincipal WHERE prinTypeID = 5 AND prinID <> ? LIMIT 1', id)[0]!.id;
        exec('UPDATE tblChat SET userId = ? WHERE channelId = ? AND chatId = ?', id, roomId, crafted[0]);
        exec('UPDATE tblChat SET userId = ? WHERE channelId = ? AND chatId = ?', other, roomId, crafted[2]);
        const before = roomChats();
        await run('Remove-CsPersistentChatMessage', { Identity: room, Filter: 'Fabrikam', UserUri: uri, Remove: true });
        const expected = before.filter((c) => c.userId === id && /fabrikam/i.test(c.content)).map((c) => c.chatId);
        assert.ok(expected.includes(crafted[0]!) && !expected.includes(crafted[2]!));
        expectChanged(before, expected, undefined);
      });

      it('matches the sample\'s own non-ASCII words without regard to case (ZÜRICH finds Zürich, STRASSE finds straße)', async () => {
        const before = roomChats();
        const expected = before.filter((c) => /zürich|straße/iu.test(c.content)).map((c) => c.chatId);
        assert.ok(expected.length > 0, 'the sample has such words in this room');
        await run('Remove-CsPersistentChatMessage', { Identity: room, Filter: 'ZÜRICH STRASSE', MatchClause: 'Or', ReplaceMessage: 'x' });
        expectChanged(before, expected, 'x');
      });
    });

    it('reads a room larger than a page and changes only what matches, each batch written before the next is read', async () => {
      const base = roomChats().at(-1)!.chatId;
      const N = 12003;
      const needle = (i: number): boolean => i % 7 === 0 || i === N - 1;
      withDb((d) => {
        const insert = d.prepare('INSERT INTO tblChat (channelId, chatId, chatDate, userId, isAlert, content, rtf) VALUES (?, ?, ?, 1, 0, ?, NULL)');
        d.transaction(() => {
          for (let i = 0; i < N; i++) insert.run(roomId, base + 1n + BigInt(i), 634000000000000000n + BigInt(i), needle(i) ? `bulk ${i} NEEDLE` : `bulk ${i}`);
        })();
      });
      const before = roomChats();
      const expected = before.filter((c) => c.content.includes('NEEDLE')).map((c) => c.chatId);
      const verbose = await verboseOf('Remove-CsPersistentChatMessage', { Identity: room, Filter: 'needle', Remove: true });
      assert.equal(verbose, `Deleted ${expected.length} messages of the room ${room}.`);
      expectChanged(before, expected, undefined);
      // The newest message went; tblLastChatId (stale before: the rows came in by SQL) now holds its id.
      assert.equal(lastChatId(), base + BigInt(N));
    });

    it('-WhatIf counts what it would change and writes nothing', async () => {
      const { uri, id } = poster();
      const theirs = roomChats().filter((c) => c.userId === id).length;
      const verbose = await verboseOf('Remove-CsPersistentChatMessage', { Identity: room, UserUri: uri, Remove: true, WhatIf: true });
      assert.equal(verbose, `What if: would delete ${theirs} messages of the room ${room}.`);
      assert.deepEqual(readFileSync(db), pristine);
    });
  });

  it('pcm runs them: Clear asks for -Confirm:$false without a terminal, then clears; a bad -MatchClause is bad usage', async () => {
    const env = { PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE! };
    const asked = await pcm(['Clear-CsPersistentChatRoom', '-Identity', room, '-EndDate', '2010-06-30'], { env });
    assert.equal(asked.status, 2, asked.stderr);
    assert.match(asked.stderr, /Clear-CsPersistentChatRoom has a high impact and asks for confirmation on a terminal, and there is none\. Write -Confirm:\$false/);
    assert.deepEqual(readFileSync(db), pristine);
    const through = count('channelId = ? AND chatDate < ?', roomId, ticks(new Date(2010, 6, 1)));
    const cleared = await pcm(['Clear-CsPersistentChatRoom', '-Identity', room, '-EndDate', '2010-06-30', '-Confirm:$false', '-Verbose'], { env });
    assert.equal(cleared.status, 0, cleared.stderr);
    assert.match(cleared.stderr + cleared.stdout, new RegExp(`Deleted ${through} messages posted on or before 2010-06-30`));
    assert.equal(count('channelId = ? AND chatDate < ?', roomId, ticks(new Date(2010, 6, 1))), 0);
    const bad = await pcm(['Remove-CsPersistentChatMessage', '-Identity', room, '-Filter', 'x', '-MatchClause', 'Sometimes'], { env });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /'Sometimes' is not one of the allowed values: And, Or, Exact, All/);
  });

  it('refuses bad input with the input and the fix named, and writes nothing', async () => {
    const { uri } = sql<{ uri: string }>("SELECT p.prinUri AS uri FROM tblChat c JOIN tblPrincipal p ON p.prinID = c.userId WHERE c.channelId = ? AND p.prinUri LIKE 'sip:%' LIMIT 1", roomId)[0]!;
    const [group] = sql<{ uri: string }>('SELECT prinUri AS uri FROM tblPrincipal WHERE prinTypeID = 9 LIMIT 1');
    const [category] = sql<{ name: string }>('SELECT nodeName AS name FROM tblNode WHERE nodeType = 1 AND nodeID <> 1 LIMIT 1');
    const end = new Date(2012, 0, 1);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['Clear-CsPersistentChatRoom', { Identity: `${POOL}\\No Such Room`, EndDate: end }, /There is no chat room 'No Such Room' on the pool atl-pc-001\.litwareinc\.com\. Get-CsPersistentChatRoom lists them/],
      ['Clear-CsPersistentChatRoom', { Identity: `${POOL}\\${category!.name}`, EndDate: end }, /is a category, not a chat room; Clear-CsPersistentChatRoom works on rooms/],
      ['Clear-CsPersistentChatRoom', { Identity: room }, /missing mandatory parameter -EndDate/],
      ['Clear-CsPersistentChatRoom', { Identity: room, EndDate: 'the first of March' }, /'the first of March' is not a date\. Use a form such as 2010-01-01/],
      ['Clear-CsPersistentChatRoom', { Instance: { Name: 'x' }, EndDate: end }, /-Instance has no Identity: pipe in an object Get-CsPersistentChatRoom wrote/],
      ['Clear-CsPersistentChatRoom', { Identity: 'atl-pc-009.litwareinc.com\\Room', EndDate: end }, /atl-pc-009\.litwareinc\.com/],
      ['Remove-CsPersistentChatMessage', { Identity: room, UserUri: uri, Remove: true, ReplaceMessage: 'x' }, /parameter set cannot be resolved .*-Remove, -ReplaceMessage.*use only one of them/],
      ['Remove-CsPersistentChatMessage', { Identity: room, StartDate: new Date(2010, 5, 2), EndDate: new Date(2010, 5, 1) }, /-EndDate 2010-06-01 is before -StartDate 2010-06-02.*Swap them/],
      ['Remove-CsPersistentChatMessage', { Identity: room, Filter: 'Fabrikam', MatchClause: 'Sometimes' }, /'Sometimes' is not one of the allowed values: And, Or, Exact, All/],
      ['Remove-CsPersistentChatMessage', { Identity: room, Filter: 'Fabrikam', CaseSensitive: 'perhaps' }, /'perhaps' is not a Boolean/],
      ['Remove-CsPersistentChatMessage', { Identity: room }, /names no messages of the room .*: give -UserUri, -StartDate, -EndDate or -Filter/],
      ['Remove-CsPersistentChatMessage', { Identity: room, Remove: true, CaseSensitive: true }, /names no messages/],
      ['Remove-CsPersistentChatMessage', { Identity: room, Filter: '  ' }, /-Filter ' {2}' has no keyword/],
      ['Remove-CsPersistentChatMessage', { Identity: room, UserUri: 'sip:nobody@litwareinc.com' }, /-UserUri 'sip:nobody@litwareinc\.com': the pool atl-pc-001\.litwareinc\.com has no user with that SIP address \(the principal is not provisioned\).*sip:user@domain/],
      ['Remove-CsPersistentChatMessage', { Identity: room, UserUri: group!.uri }, /is not a user: only users post messages/],
      ['Remove-CsPersistentChatMessage', { Identity: room, UserUri: uri, ReplaceMessage: '' }, /-ReplaceMessage is empty/],
      ['Remove-CsPersistentChatMessage', { Identity: `${POOL}\\No Such Room`, UserUri: uri }, /There is no chat room 'No Such Room'/],
      ['Remove-CsPersistentChatMessage', { UserUri: uri }, /missing mandatory parameter -Identity/],
    ];
    for (const [name, parameters, message] of cases) {
      const error = await refusal(name, parameters);
      assert.match(error.message, message, `${name} ${JSON.stringify(parameters)}`);
    }
    assert.deepEqual(readFileSync(db), pristine);
    assert.equal(existsSync(`${db}.pcm-lock`), false, 'no claim is left behind');
  });
});
