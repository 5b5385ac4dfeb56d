/**
 * How the SQL Server dialect recognises a database (store/mssql/mssql-create.ts inspectDatabase), without a server:
 * its catalog statements are answered from the catalog of a real database our DDL made (SQLite, same tables and
 * columns), and its lookup statements from that database's rows. Group Chat 2010, Persistent Chat 2013, neither;
 * a documented column missing; roles by name; and Group Chat 2010 rows as tedious hands them over (bits as
 * booleans: prinDisabled, ptypeIsFederated, honorsOverride).
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { SchemaKind } from '../../core/model.js';
import { createSchema } from '../../store/sqlite/sqlite-create.js';
import { inspectDatabase, type Run } from '../../store/mssql/mssql-create.js';
import { principalFromRow, roleFromRow } from '../../store/mssql/mssql-rows.js';
import { roleTypesFrom } from '../../store/schema-data.js';

/** A Run that answers the catalog and lookup statements from a SQLite database. */
function catalogOf(db: Database.Database): Run {
  return async (statement, values) => {
    const all = (sql: string, ...params: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...params) as Record<string, unknown>[];
    switch (statement.name) {
      case 'LIST_USER_TABLES':
        return { rows: all("SELECT 'dbo' AS schemaName, name AS tableName FROM sqlite_master WHERE type = 'table'"), rowsAffected: 0 };
      case 'LIST_COLUMNS':
        return { rows: all('SELECT name AS columnName FROM pragma_table_info(?)', String(values.table).replace(/^dbo\./, '')), rowsAffected: 0 };
      case 'LIST_IDENTITY_COLUMNS':
        return { rows: [], rowsAffected: 0 };
      case 'SELECT_ROLE_TYPES':
      case 'SELECT_ENUM_VALUES':
      case 'SELECT_VERSION_2010':
        // The dialect's own statement text, run as it is (it is plain SQL both engines read, bar TOP and brackets).
        return { rows: all(statement.sql.replace('TOP (1) ', '').replace(/dbo\./g, '').replace('[desc]', '"desc"') + (statement.name === 'SELECT_VERSION_2010' ? ' LIMIT 1' : '')), rowsAffected: 0 };
      default:
        throw new Error(`unexpected statement ${statement.name}`);
    }
  };
}

function database(kind: SchemaKind, ...changes: string[]): Database.Database {
  const db = new Database(':memory:');
  createSchema(db, kind);
  db.pragma('foreign_keys = OFF');
  for (const sql of changes) db.exec(sql);
  return db;
}

describe('mssql: recognising a database from its catalog', function () {
  it('Group Chat 2010: its schema, its tblVersion row, its roles by name, its undocumented tblNode columns', async function () {
    const db = database('GroupChat2010', 'UPDATE tblRoleType SET rtypeID = rtypeID + 40');
    const shape = await inspectDatabase(catalogOf(db), 'sql01/mgc');
    assert.equal(shape.schema, 'GroupChat2010');
    assert.deepEqual(shape.version, { id: 1, description: 'Lync Server 2010 Group Chat (created by PersistentChatMigration)' });
    assert.deepEqual(shape.roles?.idOf, { Member: 41, Manager: 42, Voiced: 43 });
    assert.equal(shape.fullNode, true);
    const without = await inspectDatabase(catalogOf(database('GroupChat2010', 'ALTER TABLE tblNode DROP COLUMN nodeUpdatedOn')), 'sql01/mgc');
    assert.equal(without.fullNode, false, 'one undocumented column missing: the documented ones only are read');
  });

  it('Persistent Chat 2013: no version, its four roles', async function () {
    const shape = await inspectDatabase(catalogOf(database('PersistentChat2013')), 'sql01/mgc');
    assert.equal(shape.schema, 'PersistentChat2013');
    assert.equal(shape.version, undefined);
    assert.deepEqual(Object.keys(shape.roles?.idOf ?? {}).sort(), ['Creator', 'Manager', 'Member', 'Voiced']);
  });

  it('neither: names the missing tables and -DBName', async function () {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE tblNode (nodeID INT); CREATE TABLE orders (id INT)');
    await assert.rejects(inspectDatabase(catalogOf(db), 'sql01/shop'), /sql01\/shop: it is not a Persistent Chat or Group Chat database \(no table tblPrincipal, tblChat, tblScopePrincipal, tblPrincipalRole\)\. Check -DBName\./);
  });

  it('a documented 2010 column missing: the error names the table and the column', async function () {
    const db = database('GroupChat2010', 'ALTER TABLE tblPrincipalRole RENAME COLUMN honorsOverride TO gone');
    await assert.rejects(inspectDatabase(catalogOf(db), 'sql01/mgc'), (error: Error & { errorId?: string }) => {
      assert.match(error.message, /the table tblPrincipalRole has no column honorsOverride, which Microsoft documents/);
      assert.equal(error.errorId, 'SourceColumnMissing');
      return true;
    });
  });

  it('maps Group Chat 2010 rows as tedious gives them: bits as booleans, prinName as the display name, a federated type', function () {
    const p = principalFromRow({
      prinID: 9, prinGuid: 'AB', prinUri: 'sip:x@fabrikam.com', prinName: 'X Partner', prinDisplayName: 'X Partner', prinCompanyName: null, prinEmail: null,
      prinADPath: null, prinADUserPrincipalName: null, prinDisabled: true, prinTypeID: 5, prinAddedOn: '1', prinUpdatedOn: '2', federated: true,
    });
    assert.deepEqual([p.disabled, p.type, p.displayName], [1, 7, 'X Partner']);
    const roles = roleTypesFrom([{ id: 41, desc: 'Member' }, { id: 42, desc: 'Manager' }]);
    assert.deepEqual(roleFromRow({ prinRoleNodeID: 3, prinRolePrinID: 9, prinRoleTypeID: 41, honorsOverride: false, honorsScope: true }, roles), {
      nodeId: 3, principalId: 9, role: 'Member', honorsOverride: false, honorsScope: true,
    });
    assert.equal(roleFromRow({ prinRoleNodeID: 3, prinRolePrinID: 9, prinRoleTypeID: 1 }, roles), undefined, 'an id tblRoleType does not name is no role');
  });
});
