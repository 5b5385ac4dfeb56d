/**
 * What a SQL Server database holds (nothing, Persistent Chat, Group Chat 2010, or something else), read from the
 * catalog (store/source-shape.ts decides, as for every dialect) with its lookup rows; and the creation of a fresh
 * schema with its static rows in a database that holds no table at all. An existing database is only ever inspected
 * here, never altered.
 */
import { PcmError } from '../../core/errors.js';
import { ROOT_NODE_ID, type ChatNode, type Principal, type SchemaKind } from '../../core/model.js';
import { DOCUMENTED_ENUMS, nodeEnumsFrom, type NodeEnums } from '../mgc-rows.js';
import {
  BEHAVIOR_IDS,
  ENUM_ATTRIBUTE_ROWS,
  ENUM_VALUE_ROWS,
  GROUPCHAT2010_ENUM_VALUE_ROWS,
  principalTypeRows,
  roleTypeRows,
  roleTypesFrom,
  SYSTEM_PRINCIPAL,
  VISIBILITY_IDS,
  type RoleTypes,
} from '../schema-data.js';
import { GROUPCHAT2010_OPTIONAL_NODE_COLUMNS, READ_COLUMNS, sourceShape, type SourceShape } from '../source-shape.js';
import type { Result, Values } from './mssql-driver.js';
import { nodeValues, principalValues } from './mssql-rows.js';
import { SCHEMA_NAME, schemaDdl } from './mssql-schema.js';
import {
  INSERT_ENUM_ATTRIBUTE,
  INSERT_ENUM_VALUE,
  INSERT_PRINCIPAL,
  INSERT_PRINCIPAL_TYPE,
  INSERT_PRINCIPAL_TYPE_2010,
  INSERT_ROLE_TYPE,
  INSERT_ROLE_TYPE_2010,
  INSERT_ROOT_NODE_2010,
  INSERT_SYSTEM_PRINCIPAL_2010,
  INSERT_SYSTEM_REVISION,
  INSERT_VERSION_2010,
  LIST_COLUMNS,
  LIST_IDENTITY_COLUMNS,
  LIST_USER_TABLES,
  NODE_WRITES,
  SELECT_ENUM_VALUES,
  SELECT_ROLE_TYPES,
  SELECT_VERSION_2010,
  type Statement,
} from './mssql-statements.js';

export type Run = (statement: Statement, values: Values) => Promise<Result>;

export interface DatabaseShape {
  readonly schema: SchemaKind | 'empty';
  readonly identityPrincipal: boolean;
  readonly identityNode: boolean;
  /** Group Chat 2010: the source has every undocumented tblNode column (add-in, audit), so they are read. */
  readonly fullNode?: boolean;
  readonly roles?: RoleTypes;
  readonly enums?: NodeEnums;
  readonly version?: { id: number; description: string | null };
}

export function openError(display: string, problem: string, cause?: unknown): PcmError {
  return new PcmError(`Cannot open the database ${display}: ${problem}`, { errorId: 'DatabaseOpenFailed', category: 'OpenError', target: display, cause });
}

export async function inspectDatabase(run: Run, display: string): Promise<DatabaseShape> {
  const tables = (await run(LIST_USER_TABLES, {})).rows;
  if (tables.length === 0) return { schema: 'empty', identityPrincipal: false, identityNode: false };
  const ours = tables.filter((t) => String(t.schemaName).toLowerCase() === SCHEMA_NAME).map((t) => String(t.tableName));
  // The columns of every table a reader of either schema selects, listed once, before the shape is decided.
  const wanted = new Set(['tblNode', ...Object.keys(READ_COLUMNS.GroupChat2010), ...Object.keys(READ_COLUMNS.PersistentChat2013)].map((t) => t.toLowerCase()));
  const columns = new Map<string, string[]>();
  for (const table of ours) {
    if (!wanted.has(table.toLowerCase())) continue;
    columns.set(table.toLowerCase(), (await run(LIST_COLUMNS, { table: `${SCHEMA_NAME}.${table}` })).rows.map((r) => String(r.columnName)));
  }
  let shape: SourceShape;
  try {
    shape = sourceShape({ tables: ours, columnsOf: (table) => columns.get(table.toLowerCase()) ?? [] }, display);
  } catch (error) {
    if (error instanceof PcmError && error.errorId === 'DatabaseOpenFailed') throw openError(display, `${error.message.replace(/^Cannot open the database [^:]*: /, '').replace(/\)\.$/, '')}). Check -DBName.`);
    throw error;
  }
  const identity = (await run(LIST_IDENTITY_COLUMNS, { principalTable: `${SCHEMA_NAME}.tblPrincipal`, nodeTable: `${SCHEMA_NAME}.tblNode` })).rows.map(
    (r) => `${String(r.tableName)}.${String(r.columnName)}`.toLowerCase(),
  );
  const roles = roleTypesFrom((await run(SELECT_ROLE_TYPES, {})).rows.map((r) => ({ id: Number(r.id), desc: String(r.desc) })));
  const hasEnums = ours.some((t) => t.toLowerCase() === 'tblenumvalue');
  const enums = hasEnums ? nodeEnumsFrom((await run(SELECT_ENUM_VALUES, {})).rows.map((r) => ({ id: Number(r.id), value: String(r.value) }))) : DOCUMENTED_ENUMS;
  let version: { id: number; description: string | null } | undefined;
  if (shape.schema === 'GroupChat2010' && ours.some((t) => t.toLowerCase() === 'tblversion')) {
    const row = (await run(SELECT_VERSION_2010, {})).rows[0];
    if (row) version = { id: Number(row.id), description: row.description === null || row.description === undefined ? null : String(row.description) };
  }
  return {
    schema: shape.schema,
    identityPrincipal: identity.includes('tblprincipal.prinid'),
    identityNode: identity.includes('tblnode.nodeid'),
    fullNode: shape.optionalNodeColumns.length === GROUPCHAT2010_OPTIONAL_NODE_COLUMNS.length,
    roles,
    enums,
    ...(version ? { version } : {}),
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
  topic: null,
  inheritance: null,
  scopeChange: null,
  overrideMember: null,
};

/** Creates the tables and static rows of `kind`; run inside one transaction, so a failure leaves the database empty. */
export async function createSchema(run: Run, kind: SchemaKind): Promise<void> {
  const legacy = kind === 'GroupChat2010';
  for (const ddl of schemaDdl(kind)) await run({ name: ddl.name, sql: ddl.sql, params: {}, effect: 'write' }, {});
  for (const t of principalTypeRows(kind)) {
    const values = { id: t.id, desc: t.desc, isSystemUser: t.isSystemUser, isUser: t.isUser };
    await run(legacy ? INSERT_PRINCIPAL_TYPE_2010 : INSERT_PRINCIPAL_TYPE, legacy ? { ...values, isFederated: t.isFederated } : values);
  }
  for (const a of ENUM_ATTRIBUTE_ROWS) await run(INSERT_ENUM_ATTRIBUTE, { id: a.id, name: a.name });
  for (const v of legacy ? GROUPCHAT2010_ENUM_VALUE_ROWS : ENUM_VALUE_ROWS) await run(INSERT_ENUM_VALUE, { id: v.id, attributeId: v.attributeId, value: v.value });
  for (const r of roleTypeRows(kind)) {
    const values = { id: r.id, desc: r.desc, permissions: r.permissions };
    await run(legacy ? INSERT_ROLE_TYPE_2010 : INSERT_ROLE_TYPE, legacy ? { ...values, honorsOverride: r.honorsOverride, honorsScope: r.honorsScope } : values);
  }
  if (legacy) {
    const created = new Date(Date.UTC(2000, 0, 1));
    await run(INSERT_SYSTEM_PRINCIPAL_2010, { id: SYSTEM_PRINCIPAL.id, guid: SYSTEM_PRINCIPAL.guid, uri: SYSTEM_PRINCIPAL.uri, name: SYSTEM_PRINCIPAL.name, ticks: CREATED_TICKS, verifiedOn: created });
    await run(INSERT_ROOT_NODE_2010, {
      id: ROOT_NODE_ID,
      guid: ROOT.guid,
      name: ROOT.name,
      description: ROOT.description,
      topic: '',
      behavior: BEHAVIOR_IDS.Normal,
      visibility: VISIBILITY_IDS.Closed,
      by: SYSTEM_PRINCIPAL.id,
      ticks: CREATED_TICKS,
    });
    await run(INSERT_VERSION_2010, { id: 1, versionedOn: created, description: 'Lync Server 2010 Group Chat (created by PersistentChatMigration)', poolId: '00000000-0000-0000-0000-000000002010' });
  } else {
    await run(INSERT_PRINCIPAL, { prinID: SYSTEM_PRINCIPAL.id, ...principalValues(SYSTEM), prinAddedBy: SYSTEM_PRINCIPAL.id, prinUpdatedBy: SYSTEM_PRINCIPAL.id });
    await run(NODE_WRITES.insert, { nodeID: ROOT_NODE_ID, ...nodeValues(ROOT) });
  }
  await run(INSERT_SYSTEM_REVISION, { revision: 1n });
}
