/**
 * A named statement: SQL text with @parameters and their types, written once in the subset both dialects run
 * (Microsoft's table and column names, unqualified; no string literals, values only as parameters). The SQL Server
 * dialect sends it as it is (unqualified names resolve to dbo); SQLite binds the same @names. The static T-SQL check
 * (tools/check-tsql.ts) parses every statement against our DDL, so a facet's SQL is checked without a server.
 */
import type { SchemaKind } from '../../core/model.js';

/** Parameter types; each maps to one mssql type (mssql-driver.ts). Text is always NVARCHAR(MAX): one plan per statement. */
export type ParamType = 'int' | 'smallint' | 'bigint' | 'bit' | 'guid' | 'text' | 'ansitext' | 'datetime';

export interface Statement {
  readonly name: string;
  readonly sql: string;
  readonly params: Readonly<Record<string, ParamType>>;
  /** Writes are kept in the transaction's journal and replayed after a deadlock; reads are not. */
  readonly effect: 'read' | 'write';
  /** False when the server picks a value the transaction goes on to use (an IDENTITY): no replay after that. */
  readonly replayable?: boolean;
  /** The schemas the statement is valid for; absent means both. */
  readonly schemas?: readonly SchemaKind[];
}

/** What a dialect gives a facet inside an open transaction: one statement run with its values, rows affected back. */
export interface StatementRunner {
  run(statement: Statement, values: Readonly<Record<string, unknown>>): Promise<number>;
}

export const MGC_ONLY: readonly SchemaKind[] = ['PersistentChat2013'];
export const BOTH_SCHEMAS: readonly SchemaKind[] = ['GroupChat2010', 'PersistentChat2013'];

/** A write for Persistent Chat unless said otherwise: a Group Chat 2010 database is only ever a source. */
export function writeStatement(name: string, sql: string, params: Record<string, ParamType> = {}, schemas: readonly SchemaKind[] = MGC_ONLY): Statement {
  return { name, sql, params, effect: 'write', schemas };
}

/** Rows per multi-row INSERT: under SQL Server's 2,100 parameters and 1,000 rows, and SQLite's 32,766 variables. */
export const ROWS_PER_INSERT = 500;
/** Ids per `IN (...)` list. */
export const IDS_PER_UPDATE = 1000;

export function checkRowCount(rows: number, max: number): void {
  if (!Number.isInteger(rows) || rows < 1 || rows > max) throw new RangeError(`a multi-row statement takes 1 to ${max} rows, not ${rows}`);
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
