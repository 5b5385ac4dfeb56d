/**
 * The static T-SQL check (`npm run check:tsql`; also run by test/mssql/tsql-check.test.ts). No SQL Server runs on
 * the build machine, so every statement the SQL Server dialect can send (store/mssql/mssql-statements.ts lists them
 * all) is checked offline instead:
 *   - its @parameters are exactly the ones it declares (so every value is bound, with a type);
 *   - it holds no string literal (values travel as parameters only);
 *   - @polyglot-sql/sdk parses it as T-SQL (strict syntax);
 *   - with NULL put in place of each parameter, it validates against our DDL (mssql-schema.ts) for every schema it
 *     applies to: an unknown table or column fails.
 * The DDL itself must parse, and parsed back it must declare exactly the tables, columns, types, nullability and
 * primary keys of the schema data it was generated from. Polyglot is a lint, not SQL Server: it catches typos and unknown names, and a
 * live server (PCM_TEST_MSSQL) remains the only proof that SQL Server accepts a statement.
 */
import { pathToFileURL } from 'node:url';
import { Dialect, parse, validate, validateWithSchema, type Schema } from '@polyglot-sql/sdk';
import { SCHEMA_KINDS, type SchemaKind } from '../core/model.js';
import { schemaDdl, schemaTables, SCHEMA_NAME, type TableDef } from '../store/mssql/mssql-schema.js';
import { listStatements, type Statement } from '../store/mssql/mssql-statements.js';

export interface TsqlProblem {
  readonly statement: string;
  readonly message: string;
}

export interface TsqlCheckResult {
  /** DML and catalog statements checked. */
  readonly statements: number;
  /** DDL statements (CREATE TABLE / CREATE INDEX of both schemas) checked. */
  readonly ddl: number;
  readonly problems: readonly TsqlProblem[];
}

/** The catalog views the dialect reads, with the columns it uses. */
const CATALOG: Schema['tables'] = [
  { name: 'tables', schema: 'sys', columns: ['name', 'object_id', 'schema_id', 'is_ms_shipped'].map((name) => ({ name, type: 'sysname' })) },
  { name: 'schemas', schema: 'sys', columns: ['name', 'schema_id'].map((name) => ({ name, type: 'sysname' })) },
  { name: 'columns', schema: 'sys', columns: ['name', 'object_id'].map((name) => ({ name, type: 'sysname' })) },
  { name: 'identity_columns', schema: 'sys', columns: ['name', 'object_id'].map((name) => ({ name, type: 'sysname' })) },
];

const schemas = new Map<SchemaKind, Schema>();

/** Our DDL as polyglot's schema: every table of the kind under dbo, plus the catalog views. */
export function polyglotSchema(kind: SchemaKind): Schema {
  let schema = schemas.get(kind);
  if (!schema) schemas.set(kind, (schema = buildSchema(kind)));
  return schema;
}

function buildSchema(kind: SchemaKind): Schema {
  return {
    strict: true,
    tables: [
      ...schemaTables(kind).map((t) => ({
        name: t.name,
        schema: SCHEMA_NAME,
        columns: t.columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), nullable: c.nullable })),
      })),
      ...CATALOG,
    ],
  };
}

const PARAMETER = /(?<!@)@(\w+)/g;

const describe = (errors: readonly { message: string; line?: number; column?: number }[]): string =>
  errors.map((e) => `${e.message}${e.line === undefined ? '' : ` (line ${e.line}, column ${e.column ?? '?'})`}`).join('; ');

/** The problems of one statement; empty when it passes every check. */
export function checkStatement(statement: Statement): TsqlProblem[] {
  const problems: TsqlProblem[] = [];
  const problem = (message: string): void => void problems.push({ statement: statement.name, message });

  const used = new Set([...statement.sql.matchAll(PARAMETER)].map((m) => m[1]!));
  const declared = new Set(Object.keys(statement.params));
  for (const name of used) if (!declared.has(name)) problem(`@${name} is used but has no declared type`);
  for (const name of declared) if (!used.has(name)) problem(`@${name} is declared but not used`);
  if (statement.sql.includes("'")) problem('holds a string literal; pass the value as a parameter');

  const syntax = validate(statement.sql, 'tsql', { strictSyntax: true });
  if (!syntax.valid) problem(`does not parse as T-SQL: ${describe(syntax.errors.filter((e) => e.severity === 'error'))}`);

  const bound = statement.sql.replace(PARAMETER, 'NULL');
  for (const kind of statement.schemas ?? SCHEMA_KINDS) {
    const result = validateWithSchema(bound, polyglotSchema(kind), 'tsql');
    if (!result.valid) problem(`does not fit the ${kind} schema: ${describe(result.errors.filter((e) => e.severity === 'error'))}`);
  }
  return problems;
}

export function checkTsql(statements: readonly Statement[] = listStatements()): TsqlCheckResult {
  const problems: TsqlProblem[] = [];
  const names = new Set<string>();
  for (const statement of statements) {
    if (names.has(statement.name)) problems.push({ statement: statement.name, message: 'two statements have this name' });
    names.add(statement.name);
    problems.push(...checkStatement(statement));
  }
  let ddl = 0;
  for (const kind of SCHEMA_KINDS) {
    const tables = new Map(schemaTables(kind).map((t) => [t.name, t]));
    for (const statement of schemaDdl(kind)) {
      ddl++;
      const name = `${kind}: ${statement.name}`;
      const syntax = validate(statement.sql, 'tsql', { strictSyntax: true });
      if (!syntax.valid) problems.push({ statement: name, message: `does not parse as T-SQL: ${describe(syntax.errors)}` });
      else for (const message of checkCreateTable(statement.sql, tables)) problems.push({ statement: name, message });
    }
  }
  return { statements: statements.length, ddl, problems };
}

interface ParsedColumn {
  name: { name: string };
  data_type: { data_type: string; name?: string };
  nullable: boolean | null;
}
interface ParsedCreateTable {
  name: { name: { name: string }; schema: { name: string } | null };
  columns: ParsedColumn[];
  constraints: { PrimaryKey?: { columns: { name: string }[] } }[];
}

const parsedType = (t: ParsedColumn['data_type']): string => (t.data_type === 'custom' ? (t.name ?? '') : t.data_type.replace('_', '')).toUpperCase();

/** A CREATE TABLE parsed back by polyglot, compared with the table definition it was generated from. */
export function checkCreateTable(sql: string, tables: ReadonlyMap<string, TableDef>): string[] {
  const result = parse(sql, Dialect.TSQL) as { success: boolean; ast?: Record<string, unknown>[] };
  const created = result.ast?.[0]?.create_table as ParsedCreateTable | undefined;
  if (!created) return [];
  const def = tables.get(created.name.name.name);
  if (!def) return [`creates ${created.name.name.name}, which the schema data does not have`];
  const problems: string[] = [];
  if (created.name.schema?.name !== SCHEMA_NAME) problems.push(`creates the table outside the ${SCHEMA_NAME} schema`);
  const parsed = created.columns.map((c) => `${c.name.name} ${parsedType(c.data_type)} ${c.nullable === false ? 'NOT NULL' : 'NULL'}`);
  const expected = def.columns.map((c) => `${c.name} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}`);
  if (parsed.join(', ') !== expected.join(', ')) problems.push(`declares columns [${parsed.join(', ')}] instead of [${expected.join(', ')}]`);
  const key = created.constraints.flatMap((c) => c.PrimaryKey?.columns.map((k) => k.name) ?? []);
  if (key.join(', ') !== def.primaryKey.join(', ')) problems.push(`has the primary key (${key.join(', ')}) instead of (${def.primaryKey.join(', ')})`);
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = checkTsql();
  for (const p of result.problems) console.error(`${p.statement}: ${p.message}`);
  console.log(
    `check:tsql: ${result.statements} T-SQL statements and ${result.ddl} DDL statements checked against the mgc and Group Chat 2010 schemas; ` +
      `${result.problems.length} problem(s).`,
  );
  process.exitCode = result.problems.length === 0 ? 0 : 1;
}
