/**
 * The T-SQL DDL of the Lync 2013 Persistent Chat (mgc) and Lync 2010 Group Chat schemas, generated from their
 * description as data (store/schema/), and so is the schema the static T-SQL check
 * (tools/check-tsql.ts) validates every statement against, so the two cannot drift apart. The same tables and
 * columns as the sqlite dialect's DDL (a test compares them). The DDL is only ever run on an empty database the
 * caller asked to fill: an existing mgc database is used as it is, never altered.
 */
import type { SchemaKind } from '../../core/model.js';
import { schemaTables } from '../schema/schema-tables.js';
import type { TableDef } from '../schema/table-def.js';

export type { ColumnDef, TableDef } from '../schema/table-def.js';
export { schemaTables } from '../schema/schema-tables.js';

/** The schema every mssql statement qualifies its tables with. */
export const SCHEMA_NAME = 'dbo';

const quote = (identifier: string): string => `[${identifier.replaceAll(']', ']]')}]`;

function createTable(t: TableDef): string {
  const lines = t.columns.map((c) => {
    const def = c.default === undefined ? '' : ` CONSTRAINT ${quote(`DF_${t.name}_${c.name}`)} DEFAULT (${c.default})`;
    return `${quote(c.name)} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${def}${comment(c.note)}`;
  });
  if (t.primaryKey.length > 0) lines.push(`CONSTRAINT ${quote(`PK_${t.name}`)} PRIMARY KEY CLUSTERED (${t.primaryKey.map(quote).join(', ')})`);
  for (const u of t.unique) lines.push(`CONSTRAINT ${quote(`UQ_${t.name}_${u}`)} UNIQUE (${quote(u)})`);
  for (const c of t.columns) {
    if (c.references) {
      lines.push(`CONSTRAINT ${quote(`FK_${t.name}_${c.name}`)} FOREIGN KEY (${quote(c.name)}) REFERENCES ${SCHEMA_NAME}.${quote(c.references.table)} (${quote(c.references.column)})`);
    }
  }
  return `${t.note ? `-- ${t.note}\n` : ''}CREATE TABLE ${SCHEMA_NAME}.${quote(t.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

/** A note as a T-SQL comment (never closing itself early). */
const comment = (note: string | undefined): string => (note ? ` /* ${note.replaceAll('*/', '* /')} */` : '');

/**
 * Microsoft's sample queries call dbo.fnTicksToDate(chatDate) (domain.md §5; gg558649), and so a database we create
 * has it: .NET ticks (100 ns since 0001-01-01) to DATETIME, counted from DATETIME's day 0 (1900-01-01, tick
 * 599266080000000000) in whole days and then milliseconds, so that no step overflows an INT. Its body is ours:
 * Microsoft's is not published (groupchat2010-schema.md §7.10).
 */
export const TICKS_TO_DATE_FUNCTION =
  'CREATE FUNCTION dbo.fnTicksToDate (@ticks BIGINT) RETURNS DATETIME AS BEGIN ' +
  'RETURN DATEADD(MILLISECOND, CAST(((@ticks - 599266080000000000) % 864000000000) / 10000 AS INT), ' +
  'DATEADD(DAY, CAST((@ticks - 599266080000000000) / 864000000000 AS INT), CAST(0 AS DATETIME))) END';

/** The DDL of a schema, one statement per table and index, in the order they must run. */
export function schemaDdl(kind: SchemaKind): { name: string; sql: string }[] {
  const statements: { name: string; sql: string }[] = [];
  for (const t of schemaTables(kind)) {
    statements.push({ name: `CREATE TABLE ${t.name}`, sql: createTable(t) });
    for (const index of t.indexes) {
      statements.push({
        name: `CREATE INDEX ${index.name}`,
        sql: `CREATE NONCLUSTERED INDEX ${quote(index.name)} ON ${SCHEMA_NAME}.${quote(t.name)} (${index.columns.map(quote).join(', ')})`,
      });
    }
  }
  statements.push({ name: 'CREATE FUNCTION fnTicksToDate', sql: TICKS_TO_DATE_FUNCTION });
  return statements;
}
