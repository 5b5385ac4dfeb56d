/**
 * Direct SQL on the SQLite files the product wrote, for tests that check results without going through the
 * product's own store code. Also a canonical dump and a file hash for "unchanged" and "same state" checks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

export function query(path: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).safeIntegers(true).all(...params) as Row[];
  } finally {
    db.close();
  }
}

export function fileHash(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing';
}

/** Every row of every table, in primary-key order: two databases with equal dumps hold the same data. */
export function canonicalDump(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const hash = createHash('sha256');
    for (const table of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      hash.update(`#${table}\n`);
      for (const row of db.prepare(`SELECT ${columns.join(', ')} FROM "${table}" ORDER BY ${columns.join(', ')}`).raw().safeIntegers(true).iterate()) {
        hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
