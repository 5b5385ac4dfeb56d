/**
 * Schema conformance, per dialect: the tables and columns Microsoft documents (test/store/support/documented-
 * schemas.ts, written from the research notes, not from our schema data) against what our DDL creates. SQLite: the
 * DDL is run in memory and read back from the catalog (PRAGMA table_info / foreign_key_list, sqlite_master).
 * SQL Server: the T-SQL DDL is parsed back (polyglot) and its declared columns, types, nullability, keys and
 * foreign keys compared. Names are compared exactly, case included (a client keying rows by name depends on it).
 * Every column we create beyond the documented ones must be listed as undocumented and flagged in the DDL.
 */
import assert from 'node:assert/strict';
import { Dialect, parse } from '@polyglot-sql/sdk';
import Database from 'better-sqlite3';
import type { SchemaKind } from '../../core/model.js';
import { schemaDdl as mssqlDdl } from '../../store/mssql/mssql-schema.js';
import { schemaDdl as sqliteDdl } from '../../store/sqlite/sqlite-schema.js';
import { GROUPCHAT2010_DOCUMENTED, MGC_DOCUMENTED, type DocumentedTable } from './support/documented-schemas.js';

/** What a dialect's DDL declares for one table, in SQL Server's spelling of types. */
interface Declared {
  readonly columns: { name: string; type: string; notNull: boolean; flagged: boolean }[];
  readonly primaryKey: string[];
  readonly references: string[];
  readonly flagged: boolean;
}

const SQLITE_TYPES: Record<string, string> = { INTEGER: 'INT', NVARCHAR: 'NVARCHAR(MAX)', VARCHAR: 'VARCHAR(MAX)' };

function sqliteDeclared(kind: SchemaKind): Map<string, Declared> {
  const db = new Database(':memory:');
  try {
    db.exec(sqliteDdl(kind));
    const out = new Map<string, Declared>();
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    const ddl = sqliteDdl(kind);
    for (const t of tables) {
      const info = db.prepare('SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)').all(t.name) as { name: string; type: string; nn: number; pk: number }[];
      const rowid = info.filter((c) => c.pk > 0).length === 1 && info.some((c) => c.pk > 0 && c.type === 'INTEGER');
      const lines = t.sql.split('\n');
      const fks = db.prepare('SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)').all(t.name) as { from: string; table: string; to: string }[];
      const heading = ddl.slice(0, ddl.indexOf(`CREATE TABLE ${t.name} (`)).trimEnd().split('\n').pop() ?? '';
      out.set(t.name, {
        columns: info.map((c) => ({
          name: c.name,
          type: SQLITE_TYPES[c.type] ?? c.type,
          notNull: c.nn === 1 || (rowid && c.pk > 0),
          flagged: lines.some((l) => l.trimStart().startsWith(`"${c.name}" `) && l.includes(' -- ')),
        })),
        primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        references: fks.map((f) => `${f.from} -> ${f.table}.${f.to}`),
        flagged: heading.startsWith('-- '),
      });
    }
    return out;
  } finally {
    db.close();
  }
}

interface ParsedColumn {
  name: { name: string };
  data_type: { data_type: string; name?: string };
  nullable: boolean | null;
}
interface ParsedTable {
  name: { name: { name: string } };
  columns: ParsedColumn[];
  constraints: {
    PrimaryKey?: { columns: { name: string }[] };
    ForeignKey?: { columns: { name: string }[]; references: { table: { name: { name: string } }; columns: { name: string }[] } };
  }[];
}

const parsedType = (t: ParsedColumn['data_type']): string => (t.data_type === 'custom' ? (t.name ?? '') : t.data_type.replace('_', '')).toUpperCase();

function mssqlDeclared(kind: SchemaKind): Map<string, Declared> {
  const out = new Map<string, Declared>();
  for (const statement of mssqlDdl(kind)) {
    if (!statement.name.startsWith('CREATE TABLE ')) continue;
    const parsed = parse(statement.sql, Dialect.TSQL) as { ast?: { create_table?: ParsedTable }[] };
    const t = parsed.ast?.[0]?.create_table;
    assert.ok(t, `${statement.name} parses as a CREATE TABLE`);
    const lines = statement.sql.split('\n');
    out.set(t.name.name.name, {
      columns: t.columns.map((c) => ({
        name: c.name.name,
        type: parsedType(c.data_type),
        notNull: c.nullable === false,
        flagged: lines.some((l) => l.trimStart().startsWith(`[${c.name.name}] `) && l.includes('/* ')),
      })),
      primaryKey: t.constraints.flatMap((c) => c.PrimaryKey?.columns.map((k) => k.name) ?? []),
      references: t.constraints.flatMap((c) => (c.ForeignKey ? [`${c.ForeignKey.columns[0]!.name} -> ${c.ForeignKey.references.table.name.name}.${c.ForeignKey.references.columns[0]!.name}`] : [])),
      flagged: statement.sql.startsWith('-- '),
    });
  }
  return out;
}

function conforms(dialect: string, kind: SchemaKind, documented: readonly DocumentedTable[], declared: () => Map<string, Declared>): void {
  describe(`${dialect}: our ${kind} DDL conforms to Microsoft's documented schema`, function () {
    let ours: Map<string, Declared>;
    before(function () {
      ours = declared();
    });

    it('creates every documented table and no other', function () {
      assert.deepEqual([...ours.keys()].sort(), documented.map((t) => t.name).sort());
    });

    for (const table of documented) {
      it(`${table.name}: every documented column, with its name, type and nullability; nothing undocumented unflagged`, function () {
        const t = ours.get(table.name);
        assert.ok(t, `no table ${table.name}`);
        for (const spec of table.columns) {
          const [name, type, nn] = spec.split(' ') as [string, string, string | undefined];
          const column: Declared['columns'][number] | undefined = t.columns.find((c) => c.name === name);
          assert.ok(column, `${table.name}.${name} is documented and missing (columns: ${t.columns.map((c) => c.name).join(', ')})`);
          const unsure = type.endsWith('?');
          assert.equal(column.type, type.replace('?', ''), `type of ${table.name}.${name}`);
          if (!unsure) assert.equal(column.notNull, nn === 'NN', `nullability of ${table.name}.${name}`);
        }
        const documentedNames = new Set(table.columns.map((c) => c.split(' ')[0]));
        for (const column of t.columns) {
          if (documentedNames.has(column.name)) continue;
          assert.ok(table.undocumented?.includes(column.name), `${table.name}.${column.name} is not documented`);
          assert.ok(column.flagged, `${table.name}.${column.name} is undocumented and must say so in the DDL`);
        }
        if (table.columns.length === 0) assert.ok(t.flagged, `${table.name} has no documented column: the DDL must say so`);
        if (table.primaryKey) assert.deepEqual(t.primaryKey, table.primaryKey, `primary key of ${table.name}`);
        for (const reference of table.references ?? []) assert.ok(t.references.includes(reference), `${table.name}: the documented foreign key ${reference} (have ${t.references.join('; ')})`);
      });
    }
  });
}

conforms('sqlite', 'GroupChat2010', GROUPCHAT2010_DOCUMENTED, () => sqliteDeclared('GroupChat2010'));
conforms('sqlite', 'PersistentChat2013', MGC_DOCUMENTED, () => sqliteDeclared('PersistentChat2013'));
conforms('mssql', 'GroupChat2010', GROUPCHAT2010_DOCUMENTED, () => mssqlDeclared('GroupChat2010'));
conforms('mssql', 'PersistentChat2013', MGC_DOCUMENTED, () => mssqlDeclared('PersistentChat2013'));

describe('mssql: a created database has dbo.fnTicksToDate, which Microsoft\'s sample queries call', function () {
  for (const kind of ['GroupChat2010', 'PersistentChat2013'] as const) {
    it(`${kind}: the DDL creates the function last, taking BIGINT ticks and returning DATETIME`, function () {
      const last = mssqlDdl(kind).at(-1)!;
      assert.equal(last.name, 'CREATE FUNCTION fnTicksToDate');
      assert.match(last.sql, /^CREATE FUNCTION dbo\.fnTicksToDate \(@ticks BIGINT\) RETURNS DATETIME AS BEGIN /);
    });
  }
});
