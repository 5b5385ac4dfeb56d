/**
 * What a failed write left behind, carried on the error itself so that the message printed for it can say exactly
 * what state the target is in. A store marks an error whose transaction it could not undo in place (SQLite: a hot
 * journal it could not play back); every other failed transaction has been rolled back before the error leaves it.
 */
import { sqliteWriteFailure, type WriteFailure } from './sqlite/sqlite-errors.js';

const NOT_RESTORED = Symbol.for('persistentchatmigration.not-restored');

/** Marks the error: the target could not be restored in place; `how` says what holds the old content and what to do. */
export function markNotRestored(error: unknown, how: string): void {
  if (error && typeof error === 'object') (error as { [NOT_RESTORED]?: string })[NOT_RESTORED] = how;
}

/** The sentence set by markNotRestored, if any. */
export function notRestored(error: unknown): string | undefined {
  return error && typeof error === 'object' ? (error as { [NOT_RESTORED]?: string })[NOT_RESTORED] : undefined;
}

export type { WriteFailure };

/**
 * What kind of failure a database driver's error is, as its dialect classifies it: another program holds the
 * database (Locked), rows another program wrote meanwhile (Changed), or the write itself failed (a full disk, an I/O
 * error, a file not writable: WriteFailed). Undefined for anything else, which is a defect. SQL Server's driver
 * errors are turned into PcmErrors inside the mssql dialect, so only SQLite's reach this.
 */
export function writeFailureOf(error: unknown): WriteFailure | undefined {
  return sqliteWriteFailure(error);
}
