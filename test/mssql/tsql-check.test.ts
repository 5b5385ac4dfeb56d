/**
 * The static T-SQL check (tools/check-tsql.ts, `npm run check:tsql`): every statement the SQL Server dialect can
 * send parses as T-SQL and fits our DDL. The check itself is tested too: a wrong column, an unknown table, a
 * parameter without a type, a string literal, a syntax error, a legacy-only column used on a Persistent Chat
 * schema and a DDL that drifted from its definition must each be caught. And the list must be complete: no file
 * of store/mssql other than the statement and schema modules may hold SQL text, and every exported statement is
 * in the list.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentStatements } from '../../store/mgc/content-statements.js';
import { directoryStatements } from '../../store/mgc/directory-statements.js';
import { schemaTables } from '../../store/mssql/mssql-schema.js';
import * as statements from '../../store/mssql/mssql-statements.js';
import { listStatements, type Statement } from '../../store/mssql/mssql-statements.js';
import { checkCreateTable, checkStatement, checkTsql } from '../../tools/check-tsql.js';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../../../store/mssql');

const statement = (sql: string, params: Statement['params'] = {}, extra: Partial<Statement> = {}): Statement => ({ name: 'TEST', sql, params, effect: 'read', ...extra });

describe('mssql: static T-SQL check', function () {
  this.timeout(60000);

  it('validates every statement the dialect can send, and the DDL of both schemas, without a problem', function () {
    const result = checkTsql();
    assert.deepEqual(result.problems, []);
    assert.equal(result.statements, listStatements().length);
    assert.ok(result.statements >= 50, `${result.statements} statements`);
    assert.ok(result.ddl >= schemaTables('GroupChat2010').length + schemaTables('PersistentChat2013').length);
  });

  it('catches an unknown column, an unknown table and a column in the wrong table', function () {
    assert.match(checkStatement(statement('SELECT contnt FROM dbo.tblChat'))[0]!.message, /Unknown column 'contnt'/);
    assert.match(checkStatement(statement('SELECT content FROM dbo.tblChats'))[0]!.message, /Unknown table/);
    assert.ok(checkStatement(statement('UPDATE dbo.tblNode SET prinUri = @u WHERE nodeID = @n', { u: 'text', n: 'int' })).length > 0);
    assert.ok(checkStatement(statement('INSERT INTO dbo.tblScopePrincipal (scopeNodeID, scopePrincipalID) VALUES (@a, @b)', { a: 'int', b: 'int' })).length > 0);
  });

  it('checks legacy-only columns against the schema each statement is for', function () {
    const legacyColumns = statement('SELECT topic, inheritance FROM dbo.tblNode');
    assert.ok(checkStatement(legacyColumns).some((p) => /PersistentChat2013/.test(p.message) && /topic/.test(p.message)));
    assert.deepEqual(checkStatement({ ...legacyColumns, schemas: ['GroupChat2010'] }), []);
  });

  it('catches a parameter without a declared type, a declared parameter never used, and a string literal', function () {
    assert.match(checkStatement(statement('SELECT nodeID FROM dbo.tblNode WHERE nodeID = @id'))[0]!.message, /@id is used but has no declared type/);
    assert.match(checkStatement(statement('SELECT nodeID FROM dbo.tblNode', { id: 'int' }))[0]!.message, /@id is declared but not used/);
    assert.match(checkStatement(statement("SELECT nodeID FROM dbo.tblNode WHERE nodeName = N'x'"))[0]!.message, /string literal/);
  });

  it('catches T-SQL that does not parse', function () {
    assert.match(checkStatement(statement('SELEC nodeID FROM dbo.tblNode'))[0]!.message, /does not parse/);
    assert.match(checkStatement(statement('SELECT nodeID, FROM dbo.tblNode'))[0]!.message, /does not parse/);
  });

  it('catches a CREATE TABLE that differs from the table it was generated from', function () {
    const tables = new Map(schemaTables('PersistentChat2013').map((t) => [t.name, t]));
    const good = 'CREATE TABLE dbo.[tblLastChatId] ([nodeID] INT NOT NULL, [lastChatID] BIGINT NOT NULL, CONSTRAINT [PK_tblLastChatId] PRIMARY KEY CLUSTERED ([nodeID], [lastChatID]))';
    assert.deepEqual(checkCreateTable(good, tables), []);
    assert.match(checkCreateTable(good.replace('BIGINT', 'INT'), tables).join(' '), /declares columns/);
    assert.match(checkCreateTable(good.replace('[lastChatID] BIGINT NOT NULL', '[lastChatID] BIGINT NULL'), tables).join(' '), /declares columns/);
    assert.match(checkCreateTable(good.replace('([nodeID], [lastChatID]))', '([nodeID]))'), tables).join(' '), /primary key/);
    assert.match(checkCreateTable(good.replace('dbo.', 'chat.'), tables).join(' '), /outside the dbo schema/);
  });

  it('lists every statement the module exports, and builders at their smallest and largest size', function () {
    const listed = new Set(listStatements().map((s) => s.name));
    const exported = Object.values(statements).filter((v): v is Statement => typeof v === 'object' && v !== null && 'sql' in v && 'params' in v);
    const nested = Object.values(statements)
      .filter((v) => typeof v === 'object' && v !== null && 'insert' in v)
      .flatMap((v) => Object.values(v as Record<string, Statement>));
    for (const s of [...exported, ...nested]) assert.ok(listed.has(s.name), `${s.name} is not in listStatements()`);
    for (const builder of ['INSERT_AFFILIATIONS', 'INSERT_SCOPES', 'INSERT_ROLES', 'SET_NODES_DISABLED', 'REMOVE_CHATS', 'REPLACE_CHATS']) {
      assert.ok(listed.has(`${builder}[1]`) && [...listed].some((n) => n.startsWith(`${builder}[`) && Number(n.slice(builder.length + 1, -1)) >= 500), builder);
    }
  });

  it('finds no SQL text in store/mssql outside the statement and schema modules', function () {
    const sqlText = /['"`]\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|EXEC|SET)\s+[A-Z_[@(]/;
    const files = readdirSync(SOURCE).filter((f) => f.endsWith('.ts') && f !== 'mssql-statements.ts' && f !== 'mssql-schema.ts');
    assert.ok(files.length >= 8, `found ${files.join(', ')}`);
    for (const file of files) {
      const lines = readFileSync(join(SOURCE, file), 'utf8').split('\n');
      lines.forEach((line, i) => assert.ok(!sqlText.test(line), `${file}:${i + 1} holds SQL text: ${line.trim()}`));
    }
  });

  it('finds the facets written once for every dialect (store/mgc) with their SQL only in statement modules, each statement listed', function () {
    const sqlText = /['"`]\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|EXEC|SET)\s+[A-Z_[@(]/;
    const folder = join(SOURCE, '..', 'mgc');
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('-statements.ts'));
    assert.ok(files.includes('directory-writes.ts') && files.includes('content-writes.ts'), `found ${files.join(', ')}`);
    for (const file of files) {
      readFileSync(join(folder, file), 'utf8').split('\n').forEach((line, i) => assert.ok(!sqlText.test(line), `store/mgc/${file}:${i + 1} holds SQL text: ${line.trim()}`));
    }
    const listed = new Set(listStatements().map((s) => s.sql));
    for (const statement of [...directoryStatements(), ...contentStatements()]) assert.ok(listed.has(statement.sql), `${statement.name} is not checked`);
  });
});
