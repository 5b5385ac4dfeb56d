/**
 * Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage as an administrator runs them: in the real engine,
 * through the module and the Node host, over a migrated pool. ConfirmImpact High with $ConfirmPreference at its
 * default: -Confirm:$False clears each piped room without a prompt, without it the cmdlet asks (which a
 * non-interactive engine refuses, deleting nothing), -WhatIf names each room and changes nothing. A [datetime] typed
 * as a date alone reaches Node as local midnight (the session runs in New York's zone, so UTC would be hours off) and
 * covers that day. Remove-CsPersistentChatMessage's -Identity is named only, its sets are PowerShell's own.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migratedPool, type MigratedPool } from '../admin/support/migrated-pool.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

const POOL = 'atl-pc-001.litwareinc.com';
/** 2010-06-16T00:00:00 in New York (EDT, UTC-4) as .NET ticks: the first tick after June 15 there. */
const JUNE_16_NEW_YORK = BigInt(Date.UTC(2010, 5, 16, 4)) * 10000n + 621355968000000000n;

describe('module: Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let fixture: MigratedPool | undefined;
  let session: Session | undefined;
  let db: string;
  let pristine: Buffer;
  let rooms: { id: bigint; identity: string }[];
  /** The one of them without blanks in its name, named by -Identity. */
  let plain: { id: bigint; identity: string };

  const sql = <T>(query: string, ...args: unknown[]): T[] => {
    const d = new Database(db);
    try {
      return (query.trimStart().startsWith('SELECT') ? d.prepare(query).safeIntegers(true).all(...args) : [d.prepare(query).run(...args)]) as T[];
    } finally {
      d.close();
    }
  };
  const inRoom = (id: bigint): number => Number(sql<{ n: bigint }>('SELECT count(*) AS n FROM tblChat WHERE channelId = ?', id)[0]!.n);
  const total = (): number => Number(sql<{ n: bigint }>('SELECT count(*) AS n FROM tblChat')[0]!.n);
  /** The two rooms, as Get-CsPersistentChatRoom writes them (one of them, in the sample, has blanks around its name). */
  const piped = (): string => `@(Get-CsPersistentChatRoom | Where-Object { @(${rooms.map((r) => psText(r.identity)).join(', ')}) -contains $_.Identity })`;
  /** -Verbose lines of our own, without ShouldProcess's "Performing the operation" lines. */
  const ours = (lines: unknown): string[] => [lines].flat().map(String).filter((l) => !l.startsWith('Performing the operation'));

  before(async function () {
    requireEngine();
    fixture = await migratedPool(POOL, 1500, 'pcm-module-content-');
    db = fixture.db;
    // The busiest room, and the busiest whose name has blanks around it (the sample has one): in Get-CsPersistentChatRoom's order.
    const busiest = (where: string): { id: bigint; name: string } =>
      sql<{ id: bigint; name: string }>(`SELECT c.channelId AS id, n.nodeName AS name FROM tblChat c JOIN tblNode n ON n.nodeID = c.channelId WHERE ${where} GROUP BY c.channelId ORDER BY count(*) DESC LIMIT 1`)[0]!;
    rooms = [busiest('n.nodeName = trim(n.nodeName)'), busiest('n.nodeName <> trim(n.nodeName)')].sort((a, b) => Number(a.id - b.id)).map((r) => ({ id: r.id, identity: `${POOL}\\${r.name}` }));
    plain = rooms.find((r) => r.identity === r.identity.trim())!;
    pristine = readFileSync(db);
    session = await Session.open({ PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE!, PCM_LOG_DIR: join(fixture.dir, 'logs'), TZ: 'America/New_York' });
    await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop`);
  });

  beforeEach(() => writeFileSync(db, pristine));

  after(async () => {
    await session?.dispose();
    fixture?.restore();
  });

  it('with $ConfirmPreference at its default, -Confirm:$False clears both piped rooms without a prompt, and -Verbose counts', async () => {
    const before = total();
    const counts = rooms.map((r) => inRoom(r.id));
    const verbose = (await session!.value(
      `$result = @([string]$ConfirmPreference) + @(${piped()} | Clear-CsPersistentChatRoom -EndDate "1/1/2100" -Confirm:$False -Verbose 4>&1 | ForEach-Object { [string]$_ })`,
    )) as string[];
    assert.equal(verbose[0], 'High');
    assert.deepEqual(ours(verbose.slice(1)), rooms.map((r, i) => `Deleted ${counts[i]} messages posted on or before 2100-01-01 from the room ${r.identity}.`));
    assert.deepEqual(rooms.map((r) => inRoom(r.id)), [0, 0]);
    assert.equal(total(), before - counts[0]! - counts[1]!, 'the other rooms kept theirs');
  });

  it('without -Confirm:$False it asks before clearing (a non-interactive engine cannot answer), so nothing is deleted', async () => {
    const message = await session!.value(`try { ${piped()} | Clear-CsPersistentChatRoom -EndDate "1/1/2100" -ErrorAction Stop } catch { $result = $_.Exception.Message }`);
    assert.match(String(message), /NonInteractive mode/);
    assert.deepEqual(readFileSync(db), pristine);
  });

  it('-WhatIf names each room it would clear, counts its messages, and changes nothing', async () => {
    const counts = rooms.map((r) => inRoom(r.id));
    const printed = await session!.run(`${piped()} | Clear-CsPersistentChatRoom -EndDate "1/1/2100" -WhatIf -Verbose 4>&1 | ForEach-Object { [string]$_ }`);
    for (const [i, r] of rooms.entries()) {
      assert.ok(printed.includes(`What if: Performing the operation "Clear-CsPersistentChatRoom" on target "${r.identity}".`), printed);
      assert.ok(printed.includes(`What if: would delete ${counts[i]} messages posted on or before 2100-01-01 from the room ${r.identity}.`), printed);
    }
    assert.deepEqual(readFileSync(db), pristine);
  });

  it('a [datetime] written as a date alone is local midnight, and -EndDate covers that whole day', async () => {
    const [a, b] = sql<{ chatId: bigint }>('SELECT chatId FROM tblChat WHERE channelId = ? ORDER BY chatId LIMIT 2', plain.id);
    sql('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', JUNE_16_NEW_YORK - 1n, plain.id, a!.chatId);
    sql('UPDATE tblChat SET chatDate = ? WHERE channelId = ? AND chatId = ?', JUNE_16_NEW_YORK, plain.id, b!.chatId);
    await session!.run(`Clear-CsPersistentChatRoom ${psText(plain.identity)} -EndDate "6/15/2010" -Confirm:$False`);
    const left = sql<{ chatId: bigint }>('SELECT chatId FROM tblChat WHERE channelId = ?', plain.id).map((r) => r.chatId);
    assert.ok(!left.includes(a!.chatId), 'the last tick of June 15 in New York was deleted');
    assert.ok(left.includes(b!.chatId), 'midnight of June 16 in New York was kept');
    assert.equal(Number(sql<{ n: bigint }>('SELECT count(*) AS n FROM tblChat WHERE channelId = ? AND chatDate < ?', plain.id, JUNE_16_NEW_YORK)[0]!.n), 0);
  });

  it('Remove-CsPersistentChatMessage: -Identity by name only, Microsoft\'s three sets, PowerShell\'s own refusals, and a change', async () => {
    const shape = (await session!.value(
      "$c = Get-Command Remove-CsPersistentChatMessage; $result = @($c.DefaultParameterSet) + @($c.ParameterSets | ForEach-Object { $_.Name + ':' + (($_.Parameters | Where-Object { $_.IsMandatory } | ForEach-Object Name) -join ',') }) + @([string]$c.Parameters['Identity'].ParameterSets.Values[0].Position)",
    )) as string[];
    assert.equal(shape[0], 'Default');
    assert.deepEqual(shape.slice(1, 4).sort(), ['Default:Identity', 'Remove:Identity,Remove', 'Replace:Identity,ReplaceMessage']);
    assert.equal(shape[4], String(-2147483648), 'Identity has no position');
    const refusals = (await session!.value(
      `$result = @(foreach ($call in @(` +
        `{ Remove-CsPersistentChatMessage ${psText(plain.identity)} -EndDate "4/1/2012" }, ` +
        `{ Remove-CsPersistentChatMessage -Identity ${psText(plain.identity)} -EndDate "4/1/2012" -Remove -ReplaceMessage x }, ` +
        `{ Remove-CsPersistentChatMessage -Identity ${psText(plain.identity)} -Filter x -MatchClause Sometimes }, ` +
        `{ Remove-CsPersistentChatMessage -Identity ${psText(plain.identity)} })) { try { & $call -ErrorAction Stop; 'ran' } catch { $_.FullyQualifiedErrorId.Split(',')[0] + ': ' + $_.Exception.Message } })`,
    )) as string[];
    assert.match(refusals[0]!, /^PositionalParameterNotFound: A positional parameter cannot be found that accepts argument/);
    assert.match(refusals[1]!, /^AmbiguousParameterSet: Parameter set cannot be resolved/);
    assert.match(refusals[2]!, /^ParameterArgumentValidationError: .*"Sometimes".*And,Or,Exact,All/);
    assert.match(refusals[3]!, /^NoMessageSelector: Remove-CsPersistentChatMessage names no messages of the room/);
    assert.deepEqual(readFileSync(db), pristine);

    const endOfApril1 = BigInt(Date.UTC(2012, 3, 2, 4)) * 10000n + 621355968000000000n - 1n;
    const selected = Number(sql<{ n: bigint }>('SELECT count(*) AS n FROM tblChat WHERE channelId = ? AND chatDate <= ?', plain.id, endOfApril1)[0]!.n);
    const verbose = await session!.value(`$result = Remove-CsPersistentChatMessage -Identity ${psText(plain.identity)} -EndDate "4/1/2012" -Verbose 4>&1 | ForEach-Object { [string]$_ }`);
    assert.deepEqual(ours(verbose), [`Replaced the text of ${selected} messages of the room ${plain.identity}.`]);
    const texts = sql<{ content: string; n: bigint }>('SELECT content, count(*) AS n FROM tblChat WHERE channelId = ? AND chatDate <= ? GROUP BY content', plain.id, endOfApril1);
    assert.deepEqual(texts, [{ content: 'This message was replaced by the Persistent Chat administrator.', n: BigInt(selected) }]);
  });
});
