/** SQLite's side of classifying a failed write (store/write-failure.ts), from the result code better-sqlite3 reports in `code`. */
export interface WriteFailure {
  readonly kind: 'Locked' | 'Changed' | 'WriteFailed';
  /** The driver's own code, for the message (SQLITE_FULL, SQLITE_IOERR_WRITE ...). */
  readonly code: string;
}

export function sqliteWriteFailure(error: unknown): WriteFailure | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return { kind: 'Locked', code };
  if (/^SQLITE_CONSTRAINT/.test(code)) return { kind: 'Changed', code };
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM)/.test(code)) return { kind: 'WriteFailed', code };
  return undefined;
}
