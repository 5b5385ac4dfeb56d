/**
 * Microsoft's sample queries (domain.md §5.6, Lync Server 2013 "Sample Persistent Chat database queries";
 * groupchat2010-schema.md §3.8, gg558649 for Lync Server 2010: the same six), restated here in T-SQL from their
 * published descriptions, run against a generated Group Chat 2010 source and the Persistent Chat database it is
 * imported into. They must answer what the generator put there. Each is also checked statically as T-SQL against
 * both schemas' SQL Server DDL. SQLite runs the same text with one translation, for the one T-SQL-only piece they
 * use: `dbo.fnTicksToDate(x)` becomes `fnTicksToDate(x)`, a function registered on the connection with the same
 * meaning (ticks to a date, compared as text 'YYYY-MM-DD hh:mm:ss'). Nothing else is changed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { validateWithSchema } from '@polyglot-sql/sdk';
import Database from 'better-sqlite3';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import { sampleChats } from '../../migration/sample/sample-run.js';
import { generateDirectory } from '../../core/sample/directory.js';
import { dateFromTicks } from '../../core/ticks.js';
import { polyglotSchema } from '../../tools/check-tsql.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { SourceModel } from './support/expected.js';

const SIZE = { schema: 'GroupChat2010' as const, users: 40, rooms: 18, seed: 8 };
const MESSAGES = 1200;
const AFTER = '2011-01-01';
const PHRASE = 'line two';

/** The six queries, with the name of the user or group they ask about as a parameter-free literal, as published. */
const queries = (who: string): Record<string, string> => ({
  mostActiveRooms:
    `SELECT nodeName AS ChatRoom, COUNT(*) AS ChatMessages FROM tblChat, tblNode WHERE channelId = nodeID AND dbo.fnTicksToDate(chatDate) > '${AFTER}' ` +
    'GROUP BY nodeName ORDER BY ChatMessages DESC',
  mostActiveUsers: 'SELECT prinName AS Name, COUNT(*) AS ChatMessages FROM tblChat, tblPrincipal WHERE prinID = userId GROUP BY prinName ORDER BY ChatMessages DESC',
  messagesWithPhrase: `SELECT nodeName AS ChatRoom, prinName AS Name, content AS Message FROM tblChat, tblNode, tblPrincipal WHERE channelId = nodeID AND userId = prinID AND content LIKE '%${PHRASE}%'`,
  groupMemberships:
    `SELECT g.prinName AS GroupName FROM tblPrincipalAffiliations AS pa, tblPrincipal AS g WHERE pa.principalID = (SELECT prinID FROM tblPrincipal WHERE prinName = '${who}') ` +
    'AND pa.affiliationID = g.prinID AND pa.affiliationID <> pa.principalID',
  directMemberRooms:
    'SELECT DISTINCT n.nodeName AS ChatRoom FROM tblPrincipalRole AS pr, tblPrincipal AS p, tblNode AS n ' +
    `WHERE p.prinName = '${who}' AND pr.prinRolePrinID = p.prinID AND pr.prinRoleNodeID = n.nodeID AND n.nodeType = 0 ` +
    "AND pr.prinRoleTypeID = (SELECT rtypeID FROM tblRoleType WHERE rtypeDesc = 'Member')",
  invitations:
    `SELECT p.prinName, n.nodeName, inv.invID, inv.createdOn FROM tblPrincipalInvites AS inv, tblPrincipal AS p, tblNode AS n WHERE p.prinName = '${who}' ` +
    'AND inv.prinID = p.prinID AND inv.nodeID = n.nodeID ORDER BY inv.invID DESC',
});

/** Runs a query on a SQLite file, translating only dbo.fnTicksToDate (see the header). */
function run(path: string, tsql: string): Record<string, unknown>[] {
  const db = new Database(path, { readonly: true });
  try {
    db.function('fnTicksToDate', { deterministic: true, safeIntegers: true }, (ticks: unknown) =>
      dateFromTicks(BigInt(ticks as bigint)).toISOString().replace('T', ' ').slice(0, 19),
    );
    return db.prepare(tsql.replaceAll('dbo.fnTicksToDate(', 'fnTicksToDate(')).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const counted = (rows: Record<string, unknown>[], key: string, value: string): Map<string, number> => new Map(rows.map((r) => [String(r[key]), Number(r[value])]));

describe("Microsoft's sample queries, on a generated Group Chat 2010 source and the Persistent Chat database it becomes", function () {
  const dir = tempDir();
  const source = join(dir, 'legacy.db');
  const target = join(dir, 'mgc.db');
  const directory = generateDirectory(SIZE);
  const chats = [...sampleChats(directory, 'GroupChat2010', MESSAGES, SIZE.seed)];
  const nameOf = new Map(directory.principals.map((p) => [p.id, p.displayName ?? p.name ?? '']));
  // A user whose display name no other principal has, who is a direct member somewhere.
  const who = directory.principals.find(
    (p) => p.type === 5 && directory.principals.filter((q) => (q.displayName ?? q.name) === p.displayName).length === 1 && directory.roles.some((r) => r.principalId === p.id && r.role === 'Member' && directory.rooms.some((room) => room.id === r.nodeId)),
  )!;
  let model: SourceModel;

  before(async function () {
    await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: 'GroupChat2010', Messages: MESSAGES, Users: SIZE.users, Rooms: SIZE.rooms, Seed: SIZE.seed });
    const zip = join(dir, 'export.zip');
    await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: zip });
    await runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip });
    model = new SourceModel(source);
  });

  it('are valid T-SQL against both schemas as our SQL Server DDL creates them', function () {
    for (const [name, tsql] of Object.entries(queries(who.displayName!))) {
      // polyglot reads a schema-qualified scalar function as a column; the call itself is checked by the DDL test.
      for (const kind of ['GroupChat2010', 'PersistentChat2013'] as const) {
        const result = validateWithSchema(tsql.replaceAll('dbo.fnTicksToDate(', 'fnTicksToDate('), polyglotSchema(kind), 'tsql');
        assert.ok(result.valid, `${name} on ${kind}: ${JSON.stringify(result.errors)}`);
      }
    }
  });

  it('most active rooms after a date: the generator\'s counts per room, in the source and (flattened names) in the target', function () {
    const since = Date.parse(`${AFTER}T00:00:01Z`);
    const expected = new Map<string, number>();
    for (const c of chats) {
      if (dateFromTicks(c.date).getTime() < since) continue;
      const room = directory.rooms.find((r) => r.id === c.roomId)!;
      expected.set(room.name, (expected.get(room.name) ?? 0) + 1);
    }
    assert.ok(expected.size > 5);
    const q = queries(who.displayName!).mostActiveRooms!;
    assert.deepEqual(counted(run(source, q), 'ChatRoom', 'ChatMessages'), new Map([...expected].sort((a, b) => b[1] - a[1])));
    const flattened = new Map([...model.nodes.values()].filter((n) => !n.category).map((n) => [n.name, model.roomName(n)]));
    const inTarget = counted(run(target, q), 'ChatRoom', 'ChatMessages');
    assert.deepEqual(new Map([...inTarget].sort()), new Map([...expected].map(([name, n]) => [flattened.get(name)!, n] as [string, number]).sort()));
  });

  it('most active users: the generator\'s posters by display name (prinName in 2010, and in the target)', function () {
    const expected = new Map<string, number>();
    for (const c of chats) expected.set(nameOf.get(c.userId)!, (expected.get(nameOf.get(c.userId)!) ?? 0) + 1);
    const q = queries(who.displayName!).mostActiveUsers!;
    const sorted = (m: Map<string, number>): [string, number][] => [...m].sort();
    assert.deepEqual(sorted(counted(run(source, q), 'Name', 'ChatMessages')), sorted(expected));
    assert.deepEqual(sorted(counted(run(target, q), 'Name', 'ChatMessages')), sorted(expected));
  });

  it('messages containing a phrase: the generator\'s messages with it, text for text', function () {
    const expected = chats.filter((c) => c.content.toLowerCase().includes(PHRASE)).map((c) => c.content).sort();
    assert.ok(expected.length > 0);
    const q = queries(who.displayName!).messagesWithPhrase!;
    assert.deepEqual(run(source, q).map((r) => String(r.Message)).sort(), expected);
    assert.deepEqual(run(target, q).map((r) => String(r.Message)).sort(), expected);
  });

  it("a user's group memberships: the groups, containers and domain the generator put the user in", function () {
    const expected = directory.affiliations.filter((a) => a.principalId === who.id).map((a) => nameOf.get(a.affiliationId)!).sort();
    assert.ok(expected.length >= 4);
    const q = queries(who.displayName!).groupMemberships!;
    assert.deepEqual(run(source, q).map((r) => String(r.GroupName)).sort(), expected);
    assert.deepEqual(run(target, q).map((r) => String(r.GroupName)).sort(), expected);
  });

  it('rooms where a user is a direct member: the generator\'s grants in the source; in the target, as the documented rules make them explicit', function () {
    const q = queries(who.displayName!).directMemberRooms!;
    const granted = directory.roles.filter((r) => r.principalId === who.id && r.role === 'Member').map((r) => directory.rooms.find((room) => room.id === r.nodeId)?.name);
    assert.deepEqual(run(source, q).map((r) => String(r.ChatRoom)).sort(), [...new Set(granted.filter((n): n is string => n !== undefined))].sort());
    const guid = directory.principals.find((p) => p.id === who.id)!.guid;
    const expected = [...model.nodes.values()].filter((n) => !n.category && model.expectedRoomRoles(n).includes(`${guid}|Member`)).map((n) => model.roomName(n));
    assert.deepEqual(run(target, q).map((r) => String(r.ChatRoom)).sort(), expected.sort());
  });

  it("a user's invitations: the sample has none, and a package carries none (tblPrincipalInvites is the server's own)", function () {
    const q = queries(who.displayName!).invitations!;
    assert.deepEqual(run(source, q), []);
    assert.deepEqual(run(target, q), []);
  });
});
