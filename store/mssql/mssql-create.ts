/**
 * What a SQL Server database holds (nothing, Persistent Chat, Group Chat 2010, or something else), read from the
 * catalog; and the creation of a fresh schema with its static rows in a database that holds no table at all. An
 * existing database is only ever inspected here, never altered.
 */
import { PcmError } from '../../core/errors.js';
import { ROOT_NODE_ID, type ChatNode, type Principal, type SchemaKind } from '../../core/model.js';
import { ENUM_ATTRIBUTE_ROWS, ENUM_VALUE_ROWS, PRINCIPAL_TYPE_ROWS, ROLE_TYPE_ROWS, SYSTEM_PRINCIPAL } from '../schema-data.js';
import type { Result, Values } from './mssql-driver.js';
import { nodeValues, principalValues } from './mssql-rows.js';
import { LEGACY_MARKER_COLUMN, REQUIRED_TABLES, SCHEMA_NAME, schemaDdl } from './mssql-schema.js';
import {
  INSERT_ENUM_ATTRIBUTE,
  INSERT_ENUM_VALUE,
  INSERT_PRINCIPAL,
  INSERT_PRINCIPAL_TYPE,
  INSERT_ROLE_TYPE,
  INSERT_SYSTEM_REVISION,
  INSERT_VERSION,
  LEGACY_NODE_WRITES,
  LIST_COLUMNS,
  LIST_IDENTITY_COLUMNS,
  LIST_USER_TABLES,
  NODE_WRITES,
  type Statement,
} from './mssql-statements.js';

export type Run = (statement: Statement, values: Values) => Promise<Result>;

export interface DatabaseShape {
  readonly schema: SchemaKind | 'empty';
  readonly identityPrincipal: boolean;
  readonly identityNode: boolean;
}

export function openError(display: string, problem: string, cause?: unknown): PcmError {
  return new PcmError(`Cannot open the database ${display}: ${problem}`, { errorId: 'DatabaseOpenFailed', category: 'OpenError', target: display, cause });
}

export async function inspectDatabase(run: Run, display: string): Promise<DatabaseShape> {
  const tables = (await run(LIST_USER_TABLES, {})).rows;
  if (tables.length === 0) return { schema: 'empty', identityPrincipal: false, identityNode: false };
  const ours = new Set(tables.filter((t) => String(t.schemaName).toLowerCase() === SCHEMA_NAME).map((t) => String(t.tableName).toLowerCase()));
  const missing = REQUIRED_TABLES.filter((t) => !ours.has(t.toLowerCase()));
  if (missing.length > 0) {
    throw openError(display, `it is not a Persistent Chat or Group Chat database (no table ${SCHEMA_NAME}.${missing.join(`, ${SCHEMA_NAME}.`)}). Check -DBName.`);
  }
  const nodeColumns = (await run(LIST_COLUMNS, { table: `${SCHEMA_NAME}.tblNode` })).rows.map((r) => String(r.columnName).toLowerCase());
  const identity = (await run(LIST_IDENTITY_COLUMNS, { principalTable: `${SCHEMA_NAME}.tblPrincipal`, nodeTable: `${SCHEMA_NAME}.tblNode` })).rows.map(
    (r) => `${String(r.tableName)}.${String(r.columnName)}`.toLowerCase(),
  );
  return {
    schema: nodeColumns.includes(LEGACY_MARKER_COLUMN) ? 'GroupChat2010' : 'PersistentChat2013',
    identityPrincipal: identity.includes('tblprincipal.prinid'),
    identityNode: identity.includes('tblnode.nodeid'),
  };
}

/** A fixed creation time for the rows a new database starts with, so that two new databases are identical. */
const CREATED_TICKS = 630822816000000000n; // 2000-01-01T00:00:00Z

const SYSTEM: Omit<Principal, 'id'> = {
  guid: SYSTEM_PRINCIPAL.guid,
  uri: SYSTEM_PRINCIPAL.uri,
  type: 4,
  name: SYSTEM_PRINCIPAL.name,
  displayName: null,
  company: null,
  email: null,
  adPath: null,
  upn: null,
  disabled: 0,
  addedOn: CREATED_TICKS,
  updatedOn: CREATED_TICKS,
};

const ROOT: Omit<ChatNode, 'id'> = {
  guid: '00000000-0000-0000-0000-000000000001',
  parentId: ROOT_NODE_ID,
  kind: 'Category',
  name: '(root)',
  description: 'The root of the category tree',
  invite: true,
  logged: true,
  filePost: true,
  disabled: false,
  behavior: 'Normal',
  visibility: 'Closed',
  addinId: null,
  addedBy: SYSTEM_PRINCIPAL.id,
  updatedBy: SYSTEM_PRINCIPAL.id,
  addedOn: CREATED_TICKS,
  updatedOn: CREATED_TICKS,
  topic: '',
  inheritance: null,
  scopeChange: null,
  overrideMember: null,
};

/** Creates the tables and static rows of `kind`; run inside one transaction, so a failure leaves the database empty. */
export async function createSchema(run: Run, kind: SchemaKind): Promise<void> {
  for (const ddl of schemaDdl(kind)) await run({ name: ddl.name, sql: ddl.sql, params: {}, effect: 'write' }, {});
  for (const t of PRINCIPAL_TYPE_ROWS) await run(INSERT_PRINCIPAL_TYPE, { id: t.id, desc: t.desc, isSystemUser: t.isSystemUser, isUser: t.isUser });
  for (const a of ENUM_ATTRIBUTE_ROWS) await run(INSERT_ENUM_ATTRIBUTE, { id: a.id, name: a.name });
  for (const v of ENUM_VALUE_ROWS) await run(INSERT_ENUM_VALUE, { id: v.id, attributeId: v.attributeId, value: v.value });
  for (const r of ROLE_TYPE_ROWS) await run(INSERT_ROLE_TYPE, { id: r.id, desc: r.desc, permissions: r.permissions });
  await run(INSERT_PRINCIPAL, { prinID: SYSTEM_PRINCIPAL.id, ...principalValues(SYSTEM), prinAddedBy: SYSTEM_PRINCIPAL.id, prinUpdatedBy: SYSTEM_PRINCIPAL.id });
  const legacy = kind === 'GroupChat2010';
  await run((legacy ? LEGACY_NODE_WRITES : NODE_WRITES).insert, { nodeID: ROOT_NODE_ID, ...nodeValues(ROOT, legacy) });
  await run(INSERT_SYSTEM_REVISION, { revision: 1n });
  if (legacy) await run(INSERT_VERSION, { name: 'GroupChat', value: '2010' });
}
