/** The files an embedded database consists of on disk: the database and whatever SQLite keeps beside it. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** The database file and anything beside it whose name starts with its name (journal, WAL, shm), sorted. */
export function filesOf(db: string): string[] {
  return existsSync(dirname(db)) ? readdirSync(dirname(db)).filter((n) => n.startsWith(basename(db))).sort() : [];
}
