/**
 * SQLite DDL for the Lync 2013 Persistent Chat database (mgc) and the Lync 2010 Group Chat database, made from their
 * description as data (store/schema/, the same the SQL Server DDL is made from; notes become comments): Microsoft's
 * table and column names and SQL Server's declared types (SQLite keeps them as affinity hints; (MAX) sizes are left
 * off, as SQLite does not parse them), so that a real database and ours answer the same queries. Timestamps are
 * bigint .NET ticks, GUIDs are lower-case text, bits are 0/1.
 */
import type { SchemaKind } from '../../core/model.js';
import { schemaTables } from '../schema/schema-tables.js';
import type { ColumnDef, TableDef } from '../schema/table-def.js';

/** SQLite's spelling of a SQL Server type: it does not parse (MAX), and a single INT key becomes the rowid. */
function sqliteColumn(t: TableDef, c: ColumnDef): string {
  const key = t.primaryKey.length === 1 && t.primaryKey[0] === c.name;
  const rowid = key && c.type === 'INT';
  const type = rowid ? 'INTEGER' : c.type.replace('(MAX)', '');
  const def = c.default === undefined ? '' : ` DEFAULT ${c.default.replace(/^N'/, "'")}`;
  const ref = c.references ? ` REFERENCES ${c.references.table}(${c.references.column})` : '';
  return `"${c.name}" ${type}${c.nullable ? '' : ' NOT NULL'}${key ? ' PRIMARY KEY' : ''}${def}${ref}`;
}

function sqliteTable(t: TableDef): string {
  const lines = t.columns.map((c) => ({ sql: sqliteColumn(t, c), note: c.note }));
  if (t.primaryKey.length > 1) lines.push({ sql: `PRIMARY KEY (${t.primaryKey.map((k) => `"${k}"`).join(', ')})`, note: undefined });
  for (const u of t.unique) lines.push({ sql: `UNIQUE ("${u}")`, note: undefined });
  const body = lines.map((l, i) => `  ${l.sql}${i < lines.length - 1 ? ',' : ''}${l.note ? ` -- ${l.note}` : ''}`).join('\n');
  const indexes = t.indexes.map((x) => `\nCREATE INDEX ${x.name} ON ${t.name}(${x.columns.join(', ')});`).join('');
  return `${t.note ? `-- ${t.note}\n` : ''}CREATE TABLE ${t.name} (\n${body}\n);${indexes}\n`;
}

export function schemaDdl(kind: SchemaKind): string {
  return schemaTables(kind).map(sqliteTable).join('');
}
