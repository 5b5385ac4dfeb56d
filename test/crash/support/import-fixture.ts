/**
 * The data the import crash tests share: a Group Chat 2010 source of about a thousand messages exported and then split
 * into message parts of 200 records (so that an import crosses many part boundaries), a Persistent Chat target that
 * already holds data (rooms of the same names are overwritten, keeping their messages), and the canonical dump of
 * the target after an uninterrupted import, which every interrupted-and-resumed import must reproduce.
 *
 * The source also holds three identical messages (same room, tick, poster and text) at the end of one room, so that
 * a resumed import must tell "already imported" from "a legitimate repeat": their position in the package is kept
 * for a test that commits a batch between the first and the second.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cmdlet as exportData } from '../../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../../cmdlets/New-PcmSampleDatabase.js';
import { messageRecords, readEntries, rewritePackage, splitMessages } from '../../archive/support/package-surgery.js';
import { canonicalDump } from '../../migration/support/sql.js';
import { describeRun, pcm, type PcmOptions, type PcmRun } from '../../support/pcm-process.js';
import { runCmdlet } from '../../support/recording-context.js';
import { tempDir } from '../../support/temp.js';

export const MESSAGES = 1200;
export const PER_PART = 200;
export const REPEATED_TEXT = 'Same words, same tick, same poster: a repeat that is not a duplicate.';

export interface ImportFixture {
  readonly dir: string;
  readonly source: string;
  /** The package, messages split into parts of PER_PART. */
  readonly zip: string;
  /** The target before any import. */
  readonly target: string;
  /** canonicalDump of the target after one uninterrupted import. */
  readonly reference: string;
  /** The same, imported in batches (-BatchSize 150). */
  readonly referenceBatched: string;
  /** canonicalDump of a database that did not exist, after one uninterrupted import. */
  readonly referenceFresh: string;
  /** 0-based position of the first of the three repeated messages among the package's messages. */
  readonly repeatAt: number;
  /** A fresh copy of the target (or `null` for a path where no database exists yet). */
  copy(name: string, from?: string | null): string;
}

/** Appends three identical messages at the end of the busiest room of a source database. */
function addRepeatedMessages(db: string): void {
  const sql = new Database(db);
  try {
    const room = sql.prepare('SELECT channelId AS channelId, MAX(chatId) AS last, MAX(chatDate) AS date FROM tblChat GROUP BY channelId ORDER BY COUNT(*) DESC LIMIT 1').safeIntegers(true).get() as {
      channelId: bigint;
      last: bigint;
      date: bigint;
    };
    const poster = sql.prepare('SELECT userId FROM tblChat WHERE channelId = ? ORDER BY chatId LIMIT 1').safeIntegers(true).get(room.channelId) as { userId: bigint };
    // The source is a Group Chat 2010 database: tblChat has no rtf (gg615031).
    const insert = sql.prepare('INSERT INTO tblChat (channelId, chatId, chatDate, userId, isAlert, content) VALUES (?, ?, ?, ?, 0, ?)');
    for (let i = 1n; i <= 3n; i++) insert.run(room.channelId, room.last + i, room.date + 1n, poster.userId, REPEATED_TEXT);
    sql.prepare('UPDATE tblLastChatId SET lastChatID = ? WHERE nodeID = ?').run(room.last + 3n, room.channelId);
  } finally {
    sql.close();
  }
}

export function importArgs(target: string, zip: string, batchSize?: number): string[] {
  return ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip, ...(batchSize === undefined ? [] : ['-BatchSize', String(batchSize)])];
}

/** Runs an import that must succeed. */
export async function importOk(target: string, zip: string, batchSize?: number, options: PcmOptions = {}): Promise<PcmRun> {
  const run = await pcm(importArgs(target, zip, batchSize), options);
  if (run.status !== 0) throw new Error(`import failed: ${describeRun(run)}`);
  return run;
}

export async function makeImportFixture(): Promise<ImportFixture> {
  const dir = tempDir('pcm-crash-');
  const source = join(dir, 'source.db');
  const target = join(dir, 'target.db');
  await runCmdlet(newSample, { DBInstance: `sqlite:${source}`, Schema: 'GroupChat2010', Messages: MESSAGES, Users: 40, Rooms: 24, Seed: 11 });
  await runCmdlet(newSample, { DBInstance: `sqlite:${target}`, Schema: 'PersistentChat2013', Messages: 300, Users: 30, Rooms: 12, Seed: 3 });
  addRepeatedMessages(source);
  const exported = join(dir, 'export.zip');
  await runCmdlet(exportData, { DBInstance: `sqlite:${source}`, FileName: exported });
  const zip = await rewritePackage(exported, join(dir, 'split.zip'), (entries) => splitMessages(entries, PER_PART));
  const records = (await readEntries(readFileSync(zip))).filter((e) => e.name.startsWith('Messages-')).flatMap(messageRecords);
  const repeatAt = records.findIndex((r) => r.includes(REPEATED_TEXT));
  if (repeatAt < 0 || !records[repeatAt + 2]!.includes(REPEATED_TEXT)) throw new Error('import-fixture: the repeated messages are not in the package');

  let copies = 0;
  const copy = (name: string, from: string | null = target): string => {
    const path = join(dir, `${++copies}-${name.replace(/[^A-Za-z0-9.-]+/g, '_')}.db`);
    if (from !== null) copyFileSync(from, path);
    if (from === null && existsSync(path)) throw new Error(`import-fixture: ${path} exists`);
    return path;
  };
  const single = copy('reference');
  await importOk(single, zip);
  const batched = copy('reference-batched');
  await importOk(batched, zip, 150);
  const fresh = copy('reference-fresh', null);
  await importOk(fresh, zip);
  return { dir, source, zip, target, reference: canonicalDump(single), referenceBatched: canonicalDump(batched), referenceFresh: canonicalDump(fresh), repeatAt, copy };
}

let shared: Promise<ImportFixture> | undefined;

/** One fixture for every crash test file of a run (each test copies the target it changes). */
export function importFixture(): Promise<ImportFixture> {
  return (shared ??= makeImportFixture());
}
