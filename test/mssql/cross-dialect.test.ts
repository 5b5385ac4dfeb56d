/**
 * The cross-dialect round trip, live on the SQL Server PCM_TEST_MSSQL names (skipped, with the reason, without one):
 *   1. a generated Group Chat 2010 / Persistent Chat source is copied, ids and all, into a SQL Server database
 *      (Persistent Chat through the Store contract; Group Chat 2010, a source only, table by table); exporting
 *      either gives the same package (SQL Server is read as sqlite is);
 *   2. that package is imported into a fresh sqlite target and into a fresh SQL Server target; their exports are
 *      the same (SQL Server is written as sqlite is);
 *   3. each of those exports is imported into the other dialect and exported again: the same package once more.
 * Packages are compared in canonical form (support/canonical-package.ts): every record, text for text.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../cmdlets/New-PcmSampleDatabase.js';
import type { ChatNode, SchemaKind } from '../../core/model.js';
import Database from 'better-sqlite3';
import { schemaTables } from '../../store/mssql/mssql-schema.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { canonicalPackage } from './support/canonical-package.js';
import { liveServer, MSSQL_NOT_SET, type SqlSession } from './support/live-server.js';

const server = liveServer();
const TITLE = 'mssql: cross-dialect round trip, sqlite <-> SQL Server';

async function all<T>(source: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const batch of source) rows.push(...batch);
  return rows;
}

/**
 * Group Chat 2010 on SQL Server is a source only (the dialect writes nothing else to it), so a 2010 source is copied
 * table by table in plain SQL, every documented table and row as it is, into a database created with that schema.
 */
async function copyTables(sqlitePath: string, session: SqlSession): Promise<void> {
  const tables = schemaTables('GroupChat2010');
  for (const t of [...tables].reverse()) await session.execute(`DELETE FROM dbo.[${t.name}]`);
  const db = new Database(sqlitePath, { readonly: true });
  try {
    for (const t of tables) {
      const names = t.columns.map((c) => c.name);
      const insert = `INSERT INTO dbo.[${t.name}] (${names.map((n) => `[${n}]`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
      for (const row of db.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${t.name}" ORDER BY rowid`).raw().safeIntegers(true).iterate() as Iterable<unknown[]>) {
        const values = row.map((v, i) => {
          const type = t.columns[i]!.type;
          if (Buffer.isBuffer(v) && type.startsWith('NVARCHAR')) return v.toString('utf16le'); // text SQLite kept as UTF-16 bytes
          if (typeof v === 'bigint') return type === 'BIGINT' ? String(v) : Number(v);
          if (typeof v === 'string' && type === 'DATETIME') return new Date(v);
          return v;
        });
        await session.execute(insert, ...values);
      }
    }
  } finally {
    db.close();
  }
}

/** Copies every row the Store contract exposes, with its id, from one store into an empty one of the same schema. */
async function copyStore(from: Store, to: Store): Promise<void> {
  const principals = await all(from.principals());
  const affiliations = await all(from.affiliations());
  const nodes = await all(from.nodes());
  const scopes = await all(from.scopes());
  const roles = await all(from.roles());
  const addins = await all(from.addins());
  await to.transaction(async (w) => {
    for (const p of principals) {
      if (p.id === 1) await w.updatePrincipal(1, p);
      else await w.insertPrincipal(p);
    }
    for (const p of principals) await w.mergeAffiliations(p.id, affiliations.filter((a) => a.principalId === p.id));
    for (const a of addins) await w.putAddin(a);
    // Parents before children: the tree's foreign key wants them in that order.
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const depth = (n: ChatNode): number => (n.parentId === n.id ? 0 : 1 + depth(byId.get(n.parentId)!));
    for (const n of [...nodes].sort((a, b) => depth(a) - depth(b) || a.id - b.id)) {
      if (n.id === 1) await w.updateNode(1, n);
      else await w.insertNode(n);
    }
    for (const n of nodes) {
      await w.replaceScopes(n.id, scopes.filter((s) => s.nodeId === n.id));
      await w.replaceRoles(n.id, roles.filter((r) => r.nodeId === n.id));
    }
  });
  for (const [room] of await from.chatCounts()) {
    const chats = await all(from.chats(room));
    await to.transaction((w) => w.appendChats(room, chats.map((c) => ({ chatId: c.chatId, date: c.date, userId: c.userId, isAlert: c.isAlert, content: c.content, rtf: c.rtf }))));
  }
}

(server ? describe : describe.skip)(server ? TITLE : `${TITLE} (skipped: ${MSSQL_NOT_SET})`, function () {
  this.timeout(15 * 60 * 1000);
  const databases: string[] = [];
  const fresh = async (): Promise<string> => {
    const name = await server!.createDatabase('pcm_roundtrip');
    databases.push(name);
    return name;
  };

  after(async function () {
    for (const name of databases) await server!.dropDatabase(name);
    await server!.close();
  });

  for (const schema of ['GroupChat2010', 'PersistentChat2013'] as SchemaKind[]) {
    it(`${schema}: reads, writes and round-trips the same data as sqlite`, async function () {
      const dir = tempDir();
      const sourceDb = join(dir, 'source.db');
      await runCmdlet(newSample, { DBInstance: `sqlite:${sourceDb}`, Schema: schema, Messages: 2500, Users: 40, Rooms: 20, Seed: 23 });

      // 1. The same source on SQL Server exports the same package.
      const sourceOnServer = await fresh();
      const from = await openStore(`sqlite:${sourceDb}`, { readOnly: true });
      const to = await openStore(server!.dbInstance, { ...server!.options(sourceOnServer), createWith: schema });
      try {
        if (schema === 'PersistentChat2013') await copyStore(from, to);
      } finally {
        await from.close();
        await to.close();
      }
      if (schema === 'GroupChat2010') {
        const session = await server!.session(sourceOnServer);
        try {
          await copyTables(sourceDb, session);
        } finally {
          await session.close();
        }
      }
      const fromSqlite = join(dir, 'a-sqlite.zip');
      const fromServer = join(dir, 'a-mssql.zip');
      await runCmdlet(exportData, { DBInstance: `sqlite:${sourceDb}`, FileName: fromSqlite });
      await runCmdlet(exportData, { ...server!.cmdletParameters(sourceOnServer), FileName: fromServer });
      const a = await canonicalPackage(fromSqlite);
      assert.ok(a.Messages!.length === 2500 && a.AdUsers!.length > 0);
      assert.deepEqual(await canonicalPackage(fromServer), a, 'the SQL Server copy of the source exports as the sqlite source does');

      // 2. The package imported into each dialect exports the same.
      const sqliteTarget = join(dir, 'target.db');
      const serverTarget = await fresh();
      await runCmdlet(importData, { DBInstance: `sqlite:${sqliteTarget}`, FileName: fromSqlite });
      await runCmdlet(importData, { ...server!.cmdletParameters(serverTarget), FileName: fromSqlite });
      const bSqlite = join(dir, 'b-sqlite.zip');
      const bServer = join(dir, 'b-mssql.zip');
      await runCmdlet(exportData, { DBInstance: `sqlite:${sqliteTarget}`, FileName: bSqlite });
      await runCmdlet(exportData, { ...server!.cmdletParameters(serverTarget), FileName: bServer });
      const b = await canonicalPackage(bSqlite);
      assert.deepEqual(await canonicalPackage(bServer), b, 'an import into SQL Server holds what the same import into sqlite holds');

      // 3. Each export, imported into the other dialect, exports the same again.
      const backToSqlite = join(dir, 'c.db');
      const backToServer = await fresh();
      await runCmdlet(importData, { DBInstance: `sqlite:${backToSqlite}`, FileName: bServer });
      await runCmdlet(importData, { ...server!.cmdletParameters(backToServer), FileName: bSqlite });
      const cSqlite = join(dir, 'c-sqlite.zip');
      const cServer = join(dir, 'c-mssql.zip');
      await runCmdlet(exportData, { DBInstance: `sqlite:${backToSqlite}`, FileName: cSqlite });
      await runCmdlet(exportData, { ...server!.cmdletParameters(backToServer), FileName: cServer });
      assert.deepEqual(await canonicalPackage(cSqlite), b, 'SQL Server -> sqlite');
      assert.deepEqual(await canonicalPackage(cServer), b, 'sqlite -> SQL Server');

      // Importing the same package again changes nothing on SQL Server (it resumes and de-duplicates).
      await runCmdlet(importData, { ...server!.cmdletParameters(serverTarget), FileName: fromSqlite });
      const again = join(dir, 'b-mssql-again.zip');
      await runCmdlet(exportData, { ...server!.cmdletParameters(serverTarget), FileName: again });
      assert.deepEqual(await canonicalPackage(again), b, 'a repeated import adds nothing');
    });
  }
});
