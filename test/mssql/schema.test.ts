/**
 * The SQL Server DDL (store/mssql/mssql-schema.ts) against the reference dialect's: both schemas must have the same
 * tables, the same columns in the same order, the same declared types (SQLite leaves off "(MAX)" and spells the
 * rowid keys INTEGER), the same nullability and the same primary keys, so that a database made by either dialect
 * answers the same queries. The sqlite DDL is run in memory and read back through PRAGMA table_info.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { SCHEMA_KINDS } from '../../core/model.js';
import { schemaDdl, schemaTables } from '../../store/mssql/mssql-schema.js';
import { schemaDdl as sqliteDdl } from '../../store/sqlite/sqlite-schema.js';

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** SQLite's declared type in SQL Server's spelling. */
const normalize = (type: string): string => ({ INTEGER: 'INT', NVARCHAR: 'NVARCHAR(MAX)', VARCHAR: 'VARCHAR(MAX)' })[type] ?? type;

for (const kind of SCHEMA_KINDS) {
  describe(`mssql: the ${kind} schema matches the sqlite dialect's`, function () {
    const db = new Database(':memory:');
    db.exec(sqliteDdl(kind));
    const sqliteTables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").all() as { name: string }[]).map((t) => t.name);
    const mssqlTables = schemaTables(kind);

    it('has the same tables', function () {
      assert.deepEqual(mssqlTables.map((t) => t.name), sqliteTables);
    });

    for (const table of mssqlTables) {
      it(`${table.name}: same columns, types, nullability and primary key`, function () {
        const columns = db.prepare(`PRAGMA table_info("${table.name}")`).all() as Column[];
        // A rowid alias (INTEGER PRIMARY KEY) is NOT NULL in effect even where SQLite's notnull flag says 0.
        const rowid = columns.filter((c) => c.pk > 0).length === 1 && columns.some((c) => c.pk > 0 && c.type === 'INTEGER');
        assert.deepEqual(
          table.columns.map((c) => `${c.name} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}`),
          columns.map((c) => `${c.name} ${normalize(c.type)} ${c.notnull || (rowid && c.pk > 0) ? 'NOT NULL' : 'NULL'}`),
        );
        assert.deepEqual(
          table.primaryKey,
          columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        );
      });
    }

    it('creates no IDENTITY column: the dialect assigns ids itself, so every write can be replayed', function () {
      for (const statement of schemaDdl(kind)) assert.doesNotMatch(statement.sql, /\sIDENTITY\b/i, statement.name);
    });

    after(() => db.close());
  });
}
