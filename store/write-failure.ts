/**
 * What a failed write left behind, carried on the error itself so that the message printed for it can say exactly
 * what state the target is in. A store marks an error whose transaction it could not undo in place (SQLite: a hot
 * journal it could not play back); every other failed transaction has been rolled back before the error leaves it.
 */
const NOT_RESTORED = Symbol.for('persistentchatmigration.not-restored');

/** Marks the error: the target could not be restored in place; `how` says what holds the old content and what to do. */
export function markNotRestored(error: unknown, how: string): void {
  if (error && typeof error === 'object') (error as { [NOT_RESTORED]?: string })[NOT_RESTORED] = how;
}

/** The sentence set by markNotRestored, if any. */
export function notRestored(error: unknown): string | undefined {
  return error && typeof error === 'object' ? (error as { [NOT_RESTORED]?: string })[NOT_RESTORED] : undefined;
}

/**
 * What kind of failure a database driver's error is, from SQLite's result code (better-sqlite3 reports it in `code`):
 * another program holds the file (Locked), rows another program wrote meanwhile (Changed), or the write itself failed
 * (a full disk, an I/O error, a file not writable: WriteFailed). Undefined for anything else, which is a defect.
 */
export function writeFailureOf(error: unknown): { kind: 'Locked' | 'Changed' | 'WriteFailed'; code: string } | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return { kind: 'Locked', code };
  if (/^SQLITE_CONSTRAINT/.test(code)) return { kind: 'Changed', code };
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM)/.test(code)) return { kind: 'WriteFailed', code };
  return undefined;
}
