/**
 * Test data and checks for the module's tests, done in Node without the module: sample databases made in-process,
 * counts read from the SQLite files with SQL, file hashes, and the JSON lines of the product's log.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findCmdlet } from '../../../cmdlets/framework/registry.js';
import { invokeCmdlet, type RecordSink } from '../../../bridge/invoke.js';
import type { PcmError } from '../../../core/errors.js';

const quiet: RecordSink = { output() {}, verbose() {}, warning() {}, progress() {}, error() {} };

/** A sample database at `path` (Group Chat 2010 unless said), made by New-PcmSampleDatabase in this process. */
export async function sampleDatabase(path: string, messages: number, seed = 3, schema = 'GroupChat2010'): Promise<void> {
  const cmdlet = findCmdlet('New-PcmSampleDatabase')!;
  const parameters: [string, unknown][] = [['DBInstance', `sqlite:${path}`], ['Schema', schema], ['Messages', messages], ['Seed', seed], ['Force', true]];
  await invokeCmdlet(cmdlet, parameters, [], { sink: quiet });
}

/** The PcmError a cmdlet run in this process fails with (what the module must report as an ErrorRecord). */
export async function failureOf(name: string, parameters: [string, unknown][]): Promise<PcmError> {
  try {
    await invokeCmdlet(findCmdlet(name)!, parameters, [], { sink: quiet });
  } catch (error) {
    return error as PcmError;
  }
  throw new Error(`${name} did not fail`);
}

export interface Counts {
  readonly rooms: number;
  readonly messages: number;
}

/** Chat rooms and messages in a database file, counted with SQL. */
export function counts(path: string): Counts {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);
    return { rooms: one('SELECT COUNT(*) AS n FROM tblNode WHERE nodeType = 0'), messages: one('SELECT COUNT(*) AS n FROM tblChat') };
  } finally {
    db.close();
  }
}

export function fileHash(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing';
}

export type LogEvent = Record<string, unknown> & { event: string; pid: number };

/** Every line of every pcm-*.log in a log folder. */
export function logEvents(directory: string): LogEvent[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => /^pcm-.*\.log$/.test(name))
    .flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogEvent);
}
