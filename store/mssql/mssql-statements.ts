/**
 * Every T-SQL statement the SQL Server dialect can send, in one place, as named constants and builders with the
 * declared type of each parameter. Nothing else in store/mssql writes SQL text (the DDL comes from mssql-schema.ts),
 * so `listStatements()` can hand the static check (tools/check-tsql.ts) all of them: each is parsed as T-SQL and
 * validated against our DDL, and its @parameters must match its declared ones exactly. Values only ever travel as
 * parameters; statement text holds no string literal.
 */
import type { SchemaKind } from '../../core/model.js';
import { contentStatements } from '../mgc/content-statements.js';
import { directoryStatements } from '../mgc/directory-statements.js';
import { checkRowCount, IDS_PER_UPDATE, ROWS_PER_INSERT, type ParamType, type Statement } from '../mgc/statement.js';

export type { ParamType, Statement } from '../mgc/statement.js';

const LEGACY_ONLY: readonly SchemaKind[] = ['GroupChat2010'];
const MGC_ONLY: readonly SchemaKind[] = ['PersistentChat2013'];

const read = (name: string, sql: string, params: Record<string, ParamType> = {}, schemas?: readonly SchemaKind[]): Statement => ({
  name,
  sql,
  params,
  effect: 'read',
  ...(schemas ? { schemas } : {}),
});
const BOTH: readonly SchemaKind[] = ['GroupChat2010', 'PersistentChat2013'];
/** Writes are for Persistent Chat unless said otherwise: a Group Chat 2010 database is only ever a source. */
const write = (name: string, sql: string, params: Record<string, ParamType> = {}, extra: Partial<Pick<Statement, 'replayable' | 'schemas'>> = {}): Statement => ({
  name,
  sql,
  params,
  effect: 'write',
  schemas: MGC_ONLY,
  ...extra,
});

/** The largest page a keyset read asks for with TOP (@top); a streamed read asks for everything. */
export const TOP_ALL = 2147483647;

// ---- catalog: what the database holds ------------------------------------------------------------------------

export const LIST_USER_TABLES = read(
  'LIST_USER_TABLES',
  'SELECT s.name AS schemaName, t.name AS tableName FROM sys.tables AS t INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id WHERE t.is_ms_shipped = 0',
);
export const LIST_COLUMNS = read('LIST_COLUMNS', 'SELECT c.name AS columnName FROM sys.columns AS c WHERE c.object_id = OBJECT_ID(@table)', { table: 'text' });
export const LIST_IDENTITY_COLUMNS = read(
  'LIST_IDENTITY_COLUMNS',
  'SELECT OBJECT_NAME(ic.object_id) AS tableName, ic.name AS columnName FROM sys.identity_columns AS ic WHERE ic.object_id IN (OBJECT_ID(@principalTable), OBJECT_ID(@nodeTable))',
  { principalTable: 'text', nodeTable: 'text' },
);

// ---- column lists -------------------------------------------------------------------------------------------------

export const PRINCIPAL_COLUMNS = [
  'prinID', 'prinGuid', 'prinUri', 'prinName', 'prinDisplayName', 'prinCompanyName', 'prinEmail', 'prinADPath',
  'prinADUserPrincipalName', 'prinDisabled', 'prinTypeID', 'prinAddedOn', 'prinUpdatedOn',
] as const;
/** What insertPrincipal/updatePrincipal write, with their types. */
export const PRINCIPAL_FIELDS: Readonly<Record<string, ParamType>> = {
  prinGuid: 'guid', prinUri: 'text', prinName: 'text', prinDisplayName: 'text', prinCompanyName: 'text', prinEmail: 'text',
  prinADPath: 'text', prinADUserPrincipalName: 'text', prinDisabled: 'smallint', prinTypeID: 'smallint',
  prinAddedOn: 'bigint', prinUpdatedOn: 'bigint', prinVerifiedOn: 'datetime',
};
const PRINCIPAL_AUDIT: Readonly<Record<string, ParamType>> = { prinAddedBy: 'int', prinUpdatedBy: 'int' };

export const NODE_COLUMNS = [
  'nodeID', 'nodeGuid', 'parentID', 'nodeType', 'nodeName', 'nodeDesc', 'invite', 'logged', 'filePost', 'disabled', 'behavior',
  'visibility', 'siopID', 'nodeAddedBy', 'nodeUpdatedBy', 'nodeAddedOn', 'nodeUpdatedOn',
] as const;
/** Group Chat 2010's documented tblNode columns (groupchat2010-schema.md §3.3). */
export const GROUPCHAT2010_NODE_COLUMNS = [
  'nodeID', 'nodeGuid', 'parentID', 'nodeType', 'nodeName', 'nodeDesc', 'invite', 'logged', 'filePost', 'disabled', 'behavior', 'visibility',
  'topic', 'inheritance', 'scopeChange', 'overrideMember', 'scopeDefinerId', 'roleDefinerId',
] as const;
/** Its undocumented ones (as 2013 has them), read when the source has all of them. */
export const GROUPCHAT2010_OPTIONAL_NODE_SELECT = ['siopId AS siopID', 'nodeAddedBy', 'nodeUpdatedBy', 'nodeAddedOn', 'nodeUpdatedOn'] as const;
export const NODE_FIELDS: Readonly<Record<string, ParamType>> = {
  nodeGuid: 'guid', parentID: 'int', nodeType: 'bit', nodeName: 'text', nodeDesc: 'text', invite: 'bit', logged: 'bit', filePost: 'bit',
  disabled: 'bit', behavior: 'smallint', visibility: 'smallint', siopID: 'guid', nodeAddedBy: 'int', nodeUpdatedBy: 'int',
  nodeAddedOn: 'bigint', nodeUpdatedOn: 'bigint',
};

const CHAT_COLUMNS = 'channelId, chatId, chatDate, userId, isAlert, content, rtf';

// ---- reads: keyset pages (TOP (@top) ... WHERE key > @after ORDER BY key) ------------------------------------------

export const SELECT_PRINCIPALS = read(
  'SELECT_PRINCIPALS',
  `SELECT TOP (@top) ${PRINCIPAL_COLUMNS.join(', ')} FROM dbo.tblPrincipal WHERE prinID > @afterId ORDER BY prinID`,
  { top: 'int', afterId: 'int' },
  MGC_ONLY,
);
/** Group Chat 2010: prinName is the display name (no prinDisplayName); the type's ptypeIsFederated and ptypeIsUser come along. */
export const SELECT_PRINCIPALS_2010 = read(
  'SELECT_PRINCIPALS_2010',
  'SELECT TOP (@top) p.prinID, p.prinGuid, p.prinUri, p.prinName, p.prinName AS prinDisplayName, p.prinCompanyName, p.prinEmail, p.prinADPath, ' +
    'p.prinADUserPrincipalName, p.prinDisabled, p.prinTypeID, p.prinAddedOn, p.prinUpdatedOn, t.ptypeIsFederated AS federated, t.ptypeIsUser AS userType ' +
    'FROM dbo.tblPrincipal AS p LEFT OUTER JOIN dbo.tblPrincipalType AS t ON t.ptypeID = p.prinTypeID WHERE p.prinID > @afterId ORDER BY p.prinID',
  { top: 'int', afterId: 'int' },
  LEGACY_ONLY,
);

export const SELECT_NODES = read(
  'SELECT_NODES',
  `SELECT TOP (@top) ${NODE_COLUMNS.join(', ')} FROM dbo.tblNode WHERE nodeID > @afterId ORDER BY nodeID`,
  { top: 'int', afterId: 'int' },
  MGC_ONLY,
);
export const SELECT_NODES_NAMED = read('SELECT_NODES_NAMED', `SELECT ${NODE_COLUMNS.join(', ')} FROM dbo.tblNode WHERE nodeName = @name ORDER BY nodeID`, { name: 'text' }, MGC_ONLY);
const nodeSelect2010 = (optional: boolean): Statement =>
  read(
    optional ? 'SELECT_NODES_2010_FULL' : 'SELECT_NODES_2010',
    `SELECT TOP (@top) ${[...GROUPCHAT2010_NODE_COLUMNS, ...(optional ? GROUPCHAT2010_OPTIONAL_NODE_SELECT : [])].join(', ')} FROM dbo.tblNode WHERE nodeID > @afterId ORDER BY nodeID`,
    { top: 'int', afterId: 'int' },
    LEGACY_ONLY,
  );
/** The documented columns only; and with the undocumented add-in and audit columns, for a source that has them all. */
export const SELECT_NODES_2010 = nodeSelect2010(false);
export const SELECT_NODES_2010_FULL = nodeSelect2010(true);

/** Roles by name (their ids are undocumented) and enumerations by value name, in both schemas. */
export const SELECT_ROLE_TYPES = read('SELECT_ROLE_TYPES', 'SELECT rtypeID AS id, rtypeDesc AS [desc] FROM dbo.tblRoleType');
export const SELECT_ENUM_VALUES = read('SELECT_ENUM_VALUES', 'SELECT valueID AS id, attributeValue AS value FROM dbo.tblEnumValue');
export const SELECT_VERSION_2010 = read('SELECT_VERSION_2010', 'SELECT TOP (1) versionId AS id, description FROM dbo.tblVersion ORDER BY versionId DESC', {}, LEGACY_ONLY);

/** Memberships without the self entries, in (principalID, index, affiliationID) order. */
export const SELECT_AFFILIATIONS = read(
  'SELECT_AFFILIATIONS',
  'SELECT TOP (@top) principalID, affiliationID, [index] FROM dbo.tblPrincipalAffiliations ' +
    'WHERE [index] <> @selfIndex AND principalID >= @afterPrincipal AND (principalID > @afterPrincipal OR [index] > @afterIndex ' +
    'OR ([index] = @afterIndex AND affiliationID > @afterAffiliation)) ORDER BY principalID, [index], affiliationID',
  { top: 'int', selfIndex: 'int', afterPrincipal: 'int', afterIndex: 'int', afterAffiliation: 'int' },
);

const scopeSelect = (legacy: boolean): Statement =>
  read(
    legacy ? 'SELECT_SCOPES_2010' : 'SELECT_SCOPES',
    // Group Chat 2010 scopes are allow lists: there is no scopeIsDenied.
    `SELECT TOP (@top) scopeNodeID, scopePrinID${legacy ? '' : ', scopeIsDenied'} FROM dbo.tblScopePrincipal ` +
      'WHERE scopeNodeID >= @afterNode AND (scopeNodeID > @afterNode OR scopePrinID > @afterPrincipal) ORDER BY scopeNodeID, scopePrinID',
    { top: 'int', afterNode: 'int', afterPrincipal: 'int' },
    legacy ? LEGACY_ONLY : MGC_ONLY,
  );
export const SELECT_SCOPES = scopeSelect(false);
export const SELECT_SCOPES_2010 = scopeSelect(true);

const roleSelect = (legacy: boolean): Statement =>
  read(
    legacy ? 'SELECT_ROLES_2010' : 'SELECT_ROLES',
    `SELECT TOP (@top) prinRoleNodeID, prinRolePrinID, prinRoleTypeID${legacy ? ', honorsOverride, honorsScope' : ''} FROM dbo.tblPrincipalRole ` +
      'WHERE prinRoleNodeID >= @afterNode AND (prinRoleNodeID > @afterNode OR prinRolePrinID > @afterPrincipal ' +
      'OR (prinRolePrinID = @afterPrincipal AND prinRoleTypeID > @afterType)) ORDER BY prinRoleNodeID, prinRolePrinID, prinRoleTypeID',
    { top: 'int', afterNode: 'int', afterPrincipal: 'int', afterType: 'int' },
    legacy ? LEGACY_ONLY : MGC_ONLY,
  );
export const SELECT_ROLES = roleSelect(false);
export const SELECT_ROLES_2010 = roleSelect(true);

const nodeRoleSelect = (legacy: boolean): Statement =>
  read(
    legacy ? 'SELECT_NODE_ROLES_2010' : 'SELECT_NODE_ROLES',
    `SELECT TOP (@top) prinRoleNodeID, prinRolePrinID, prinRoleTypeID${legacy ? ', honorsOverride, honorsScope' : ''} FROM dbo.tblPrincipalRole ` +
      'WHERE prinRoleNodeID = @node AND (prinRolePrinID > @afterPrincipal OR (prinRolePrinID = @afterPrincipal AND prinRoleTypeID > @afterType)) ' +
      'ORDER BY prinRolePrinID, prinRoleTypeID',
    { top: 'int', node: 'int', afterPrincipal: 'int', afterType: 'int' },
    legacy ? LEGACY_ONLY : MGC_ONLY,
  );
export const SELECT_NODE_ROLES = nodeRoleSelect(false);
export const SELECT_NODE_ROLES_2010 = nodeRoleSelect(true);

/** Add-ins are a handful of rows (names of 50 characters): read whole, in key order. Group Chat 2010 spells siopId. */
export const SELECT_ADDINS = read('SELECT_ADDINS', 'SELECT siopID, siopName, siopUrl FROM dbo.tblSiopWhiteList ORDER BY siopID', {}, MGC_ONLY);
export const SELECT_ADDINS_2010 = read('SELECT_ADDINS_2010', 'SELECT siopId AS siopID, siopName, siopUrl FROM dbo.tblSiopWhiteList ORDER BY siopId', {}, LEGACY_ONLY);

export const SELECT_CHATS = read(
  'SELECT_CHATS',
  `SELECT TOP (@top) ${CHAT_COLUMNS} FROM dbo.tblChat WHERE channelId = @room AND chatId > @afterChatId AND chatDate >= @since ORDER BY chatId`,
  { top: 'int', room: 'int', afterChatId: 'bigint', since: 'bigint' },
  MGC_ONLY,
);
/** Group Chat 2010 spells channelID and chatID (the aliases give the names the mapping reads) and has no rtf. */
export const SELECT_CHATS_2010 = read(
  'SELECT_CHATS_2010',
  'SELECT TOP (@top) channelID AS channelId, chatID AS chatId, chatDate, userId, isAlert, content, NULL AS rtf FROM dbo.tblChat ' +
    'WHERE channelID = @room AND chatID > @afterChatId AND chatDate >= @since ORDER BY chatID',
  { top: 'int', room: 'int', afterChatId: 'bigint', since: 'bigint' },
  LEGACY_ONLY,
);

export const COUNT_CHATS_PER_ROOM = read(
  'COUNT_CHATS_PER_ROOM',
  'SELECT channelId AS channelId, COUNT_BIG(*) AS n FROM dbo.tblChat WHERE chatDate >= @since GROUP BY channelId',
  { since: 'bigint' },
);

export const ROOM_CHAT_STATE = read(
  'ROOM_CHAT_STATE',
  'SELECT COUNT_BIG(*) AS n, MAX(chatDate) AS maxDate, MAX(chatId) AS maxId, ' +
    '(SELECT MAX(lastChatID) FROM dbo.tblLastChatId WHERE nodeID = @room) AS lastId FROM dbo.tblChat WHERE channelId = @room',
  { room: 'int' },
);

/**
 * The natural key of a message, compared exactly: a binary collation (the database's default is usually case- and
 * accent-insensitive) and the byte length (= ignores trailing spaces, whatever the collation).
 */
export const COUNT_MATCHING_CHATS = read(
  'COUNT_MATCHING_CHATS',
  'SELECT COUNT_BIG(*) AS n FROM dbo.tblChat WHERE channelId = @room AND chatDate = @date AND userId = @userId ' +
    'AND content COLLATE Latin1_General_BIN2 = @content AND DATALENGTH(content) = DATALENGTH(@content)',
  { room: 'int', date: 'bigint', userId: 'int', content: 'text' },
);

/** What Clear-CsPersistentChatRoom would delete: a room's chats posted on or before a tick. */
export const COUNT_CHATS_THROUGH = read(
  'COUNT_CHATS_THROUGH',
  'SELECT COUNT_BIG(*) AS n FROM dbo.tblChat WHERE channelId = @room AND chatDate <= @through',
  { room: 'int', through: 'bigint' },
  MGC_ONLY,
);

// ---- writes --------------------------------------------------------------------------------------------------------

/** A room's last chat id, locked until COMMIT so that no one else takes the ids this transaction assigns. */
export const ROOM_LAST_CHAT_ID_LOCKED = read(
  'ROOM_LAST_CHAT_ID_LOCKED',
  'SELECT (SELECT MAX(lastChatID) FROM dbo.tblLastChatId WITH (UPDLOCK, HOLDLOCK) WHERE nodeID = @room) AS lastId, ' +
    '(SELECT MAX(chatId) FROM dbo.tblChat WITH (UPDLOCK, HOLDLOCK) WHERE channelId = @room) AS maxId',
  { room: 'int' },
);
export const UPDATE_LAST_CHAT_ID = write('UPDATE_LAST_CHAT_ID', 'UPDATE dbo.tblLastChatId SET lastChatID = @lastChatId WHERE nodeID = @room', { room: 'int', lastChatId: 'bigint' });
export const INSERT_LAST_CHAT_ID = write('INSERT_LAST_CHAT_ID', 'INSERT INTO dbo.tblLastChatId (nodeID, lastChatID) VALUES (@room, @lastChatId)', { room: 'int', lastChatId: 'bigint' });

/** The columns appendChats bulk-loads into dbo.tblChat, in order, with their types (mssql-driver.ts builds the table). */
export const CHAT_BULK_COLUMNS: readonly { readonly name: string; readonly type: ParamType; readonly nullable: boolean }[] = [
  { name: 'channelId', type: 'int', nullable: false },
  { name: 'chatId', type: 'bigint', nullable: false },
  { name: 'chatDate', type: 'bigint', nullable: false },
  { name: 'userId', type: 'int', nullable: false },
  { name: 'isAlert', type: 'bit', nullable: false },
  { name: 'content', type: 'text', nullable: false },
  { name: 'rtf', type: 'ansitext', nullable: true },
];
export const CHAT_BULK_TABLE = 'dbo.tblChat';
/**
 * What the bulk load does, written as the INSERT it is equivalent to. It is never sent as text (the TDS bulk load
 * sends `INSERT BULK` with this column list); it is listed so that the check validates the table and columns.
 */
export const BULK_INSERT_CHATS = write(
  'BULK_INSERT_CHATS',
  `INSERT INTO ${CHAT_BULK_TABLE} (${CHAT_BULK_COLUMNS.map((c) => c.name).join(', ')}) VALUES (${CHAT_BULK_COLUMNS.map((c) => '@' + c.name).join(', ')})`,
  Object.fromEntries(CHAT_BULK_COLUMNS.map((c) => [c.name, c.type])),
);

export const LAST_PRINCIPAL_ID_LOCKED = read('LAST_PRINCIPAL_ID_LOCKED', 'SELECT ISNULL(MAX(prinID), 0) AS lastId FROM dbo.tblPrincipal WITH (UPDLOCK, HOLDLOCK)');
export const LAST_NODE_ID_LOCKED = read('LAST_NODE_ID_LOCKED', 'SELECT ISNULL(MAX(nodeID), 0) AS lastId FROM dbo.tblNode WITH (UPDLOCK, HOLDLOCK)');

const columnsAndValues = (fields: readonly string[]): string => `(${fields.join(', ')}) VALUES (${fields.map((f) => '@' + f).join(', ')})`;
const assignments = (fields: readonly string[]): string => fields.map((f) => `${f} = @${f}`).join(', ');

export const INSERT_PRINCIPAL = write(
  'INSERT_PRINCIPAL',
  `INSERT INTO dbo.tblPrincipal ${columnsAndValues(['prinID', ...Object.keys(PRINCIPAL_FIELDS), ...Object.keys(PRINCIPAL_AUDIT)])}`,
  { prinID: 'int', ...PRINCIPAL_FIELDS, ...PRINCIPAL_AUDIT },
);
/** For a database whose prinID is an IDENTITY column: the server picks the id. */
export const INSERT_PRINCIPAL_IDENTITY = write(
  'INSERT_PRINCIPAL_IDENTITY',
  `INSERT INTO dbo.tblPrincipal (${[...Object.keys(PRINCIPAL_FIELDS), ...Object.keys(PRINCIPAL_AUDIT)].join(', ')}) OUTPUT INSERTED.prinID ` +
    `VALUES (${[...Object.keys(PRINCIPAL_FIELDS), ...Object.keys(PRINCIPAL_AUDIT)].map((f) => '@' + f).join(', ')})`,
  { ...PRINCIPAL_FIELDS, ...PRINCIPAL_AUDIT },
  { replayable: false },
);
export const UPDATE_PRINCIPAL = write(
  'UPDATE_PRINCIPAL',
  `UPDATE dbo.tblPrincipal SET ${assignments(Object.keys(PRINCIPAL_FIELDS))} WHERE prinID = @prinID`,
  { prinID: 'int', ...PRINCIPAL_FIELDS },
);
export const IDENTITY_INSERT_PRINCIPAL_ON = write('IDENTITY_INSERT_PRINCIPAL_ON', 'SET IDENTITY_INSERT dbo.tblPrincipal ON');
export const IDENTITY_INSERT_PRINCIPAL_OFF = write('IDENTITY_INSERT_PRINCIPAL_OFF', 'SET IDENTITY_INSERT dbo.tblPrincipal OFF');

export const SELECT_PRINCIPAL_TYPE = read('SELECT_PRINCIPAL_TYPE', 'SELECT prinTypeID FROM dbo.tblPrincipal WHERE prinID = @prinID', { prinID: 'int' });
export const SELECT_MEMBERSHIPS = read(
  'SELECT_MEMBERSHIPS',
  'SELECT affiliationID, [index] FROM dbo.tblPrincipalAffiliations WHERE principalID = @principal',
  { principal: 'int' },
);

export { IDS_PER_UPDATE, ROWS_PER_INSERT } from '../mgc/statement.js';

export function insertAffiliations(rows: number): Statement {
  checkRowCount(rows, ROWS_PER_INSERT);
  const params: Record<string, ParamType> = { principal: 'int' };
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    params[`a${i}`] = 'int';
    params[`i${i}`] = 'int';
    values.push(`(@principal, @a${i}, @i${i}, 1)`);
  }
  return write(`INSERT_AFFILIATIONS[${rows}]`, `INSERT INTO dbo.tblPrincipalAffiliations (principalID, affiliationID, [index], updatedBy) VALUES ${values.join(', ')}`, params);
}


function nodeWrites(): { insert: Statement; insertIdentity: Statement; update: Statement } {
  const fields = NODE_FIELDS;
  const names = Object.keys(fields);
  const suffix = '';
  const schemas = {};
  return {
    insert: write(`INSERT_NODE${suffix}`, `INSERT INTO dbo.tblNode ${columnsAndValues(['nodeID', ...names])}`, { nodeID: 'int', ...fields }, schemas),
    insertIdentity: write(
      `INSERT_NODE_IDENTITY${suffix}`,
      `INSERT INTO dbo.tblNode (${names.join(', ')}) OUTPUT INSERTED.nodeID VALUES (${names.map((f) => '@' + f).join(', ')})`,
      fields,
      { replayable: false, ...schemas },
    ),
    update: write(`UPDATE_NODE${suffix}`, `UPDATE dbo.tblNode SET ${assignments(names)} WHERE nodeID = @nodeID`, { nodeID: 'int', ...fields }, schemas),
  };
}
export const NODE_WRITES = nodeWrites();
export const IDENTITY_INSERT_NODE_ON = write('IDENTITY_INSERT_NODE_ON', 'SET IDENTITY_INSERT dbo.tblNode ON');
export const IDENTITY_INSERT_NODE_OFF = write('IDENTITY_INSERT_NODE_OFF', 'SET IDENTITY_INSERT dbo.tblNode OFF');





// ---- the static rows of a new database (store/schema-data.ts) ------------------------------------------------------

export const INSERT_PRINCIPAL_TYPE = write(
  'INSERT_PRINCIPAL_TYPE',
  'INSERT INTO dbo.tblPrincipalType (ptypeID, ptypeDesc, ptypeIsSystemUser, ptypeIsUser) VALUES (@id, @desc, @isSystemUser, @isUser)',
  { id: 'smallint', desc: 'text', isSystemUser: 'bit', isUser: 'bit' },
);
export const INSERT_ENUM_ATTRIBUTE = write(
  'INSERT_ENUM_ATTRIBUTE',
  'INSERT INTO dbo.tblEnumAttribute (attributeID, attributeName) VALUES (@id, @name)',
  { id: 'smallint', name: 'text' },
  { schemas: BOTH },
);
export const INSERT_ENUM_VALUE = write(
  'INSERT_ENUM_VALUE',
  'INSERT INTO dbo.tblEnumValue (valueID, attributeID, attributeValue) VALUES (@id, @attributeId, @value)',
  { id: 'smallint', attributeId: 'smallint', value: 'text' },
  { schemas: BOTH },
);
export const INSERT_ROLE_TYPE = write(
  'INSERT_ROLE_TYPE',
  'INSERT INTO dbo.tblRoleType (rtypeID, rtypeDesc, rtypeAllowedPermSet) VALUES (@id, @desc, @permissions)',
  { id: 'int', desc: 'text', permissions: 'bigint' },
);
export const INSERT_SYSTEM_REVISION = write('INSERT_SYSTEM_REVISION', 'INSERT INTO dbo.tblSystemRevision (sysRevision) VALUES (@revision)', { revision: 'bigint' }, { schemas: BOTH });
/** A Group Chat 2010 database we create (tests, and a copy of a source on SQL Server) gets its documented rows. */
export const INSERT_VERSION_2010 = write(
  'INSERT_VERSION_2010',
  'INSERT INTO dbo.tblVersion (versionId, versionedOn, description, poolId) VALUES (@id, @versionedOn, @description, @poolId)',
  { id: 'int', versionedOn: 'datetime', description: 'text', poolId: 'guid' },
  { schemas: LEGACY_ONLY },
);
export const INSERT_PRINCIPAL_TYPE_2010 = write(
  'INSERT_PRINCIPAL_TYPE_2010',
  'INSERT INTO dbo.tblPrincipalType (ptypeID, ptypeDesc, ptypeIsSystemUser, ptypeIsUser, ptypeIsFederated) VALUES (@id, @desc, @isSystemUser, @isUser, @isFederated)',
  { id: 'smallint', desc: 'text', isSystemUser: 'bit', isUser: 'bit', isFederated: 'bit' },
  { schemas: LEGACY_ONLY },
);
export const INSERT_ROLE_TYPE_2010 = write(
  'INSERT_ROLE_TYPE_2010',
  'INSERT INTO dbo.tblRoleType (rtypeID, rtypeDesc, rtypeAllowedPermSet, honorsOverride, honorsScope) VALUES (@id, @desc, @permissions, @honorsOverride, @honorsScope)',
  { id: 'int', desc: 'text', permissions: 'bigint', honorsOverride: 'bit', honorsScope: 'bit' },
  { schemas: LEGACY_ONLY },
);
export const INSERT_SYSTEM_PRINCIPAL_2010 = write(
  'INSERT_SYSTEM_PRINCIPAL_2010',
  'INSERT INTO dbo.tblPrincipal (prinID, prinGuid, prinUri, prinName, prinDisabled, prinTypeID, prinAllowedPermSet, prinUseInheritedPerms, prinAddedBy, ' +
    'prinAddedOn, prinUpdatedBy, prinUpdatedOn, prinVerifiedOn) VALUES (@id, @guid, @uri, @name, 0, 4, 7, 0, @id, @ticks, @id, @ticks, @verifiedOn)',
  { id: 'int', guid: 'guid', uri: 'text', name: 'text', ticks: 'bigint', verifiedOn: 'datetime' },
  { schemas: LEGACY_ONLY },
);
/** The root: its own parent, defining its own scope and member list. */
export const INSERT_ROOT_NODE_2010 = write(
  'INSERT_ROOT_NODE_2010',
  'INSERT INTO dbo.tblNode (nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, topic, inheritance, scopeChange, overrideMember, invite, logged, ' +
    'filePost, disabled, behavior, visibility, scopeDefinerId, roleDefinerId, nodeAddedBy, nodeAddedOn, nodeUpdatedBy, nodeUpdatedOn) ' +
    'VALUES (@id, @guid, @id, 1, @name, @description, @topic, 0, 1, 0, 1, 1, 1, 0, @behavior, @visibility, @id, @id, @by, @ticks, @by, @ticks)',
  { id: 'int', guid: 'guid', name: 'text', description: 'text', topic: 'text', behavior: 'smallint', visibility: 'smallint', by: 'int', ticks: 'bigint' },
  { schemas: LEGACY_ONLY },
);

/**
 * Every statement the dialect can send: the constants above, and each builder at one row, two rows and its maximum
 * (the shapes it can take differ only in how many rows repeat). The static check validates all of them.
 */
// ---- the target claim (store/mssql/mssql-claim.ts) ---------------------------------------------------------------

/**
 * An exclusive application lock owned by the session: held while the claiming connection stays open, released when
 * it closes or dies. Positional arguments (@Resource, @LockMode, @LockOwner, @LockTimeout); then APPLOCK_MODE says
 * whether this session now holds it ('Exclusive') or not ('NoLock': another session does).
 */
export const GET_APPLOCK = read(
  'GET_APPLOCK',
  'EXEC sp_getapplock @resource, @mode, @owner, @timeoutMs; SELECT APPLOCK_MODE(@principal, @resource, @owner) AS heldMode',
  { resource: 'text', mode: 'text', owner: 'text', timeoutMs: 'int', principal: 'text' },
  // It touches no table of either schema, so there is no DDL to validate it against (it must still parse as T-SQL).
  [],
);

export function listStatements(): Statement[] {
  const fixed = [
    LIST_USER_TABLES, LIST_COLUMNS, LIST_IDENTITY_COLUMNS,
    SELECT_PRINCIPALS, SELECT_NODES, SELECT_AFFILIATIONS, SELECT_SCOPES, SELECT_ROLES, SELECT_ADDINS,
    SELECT_PRINCIPALS_2010, SELECT_NODES_2010, SELECT_NODES_2010_FULL, SELECT_SCOPES_2010, SELECT_ROLES_2010, SELECT_ADDINS_2010, SELECT_CHATS_2010,
    SELECT_NODE_ROLES, SELECT_NODE_ROLES_2010, SELECT_NODES_NAMED,
    SELECT_ROLE_TYPES, SELECT_ENUM_VALUES, SELECT_VERSION_2010,
    SELECT_CHATS, COUNT_CHATS_PER_ROOM, ROOM_CHAT_STATE, COUNT_MATCHING_CHATS, COUNT_CHATS_THROUGH,
    ROOM_LAST_CHAT_ID_LOCKED, UPDATE_LAST_CHAT_ID, INSERT_LAST_CHAT_ID, BULK_INSERT_CHATS,
    LAST_PRINCIPAL_ID_LOCKED, LAST_NODE_ID_LOCKED,
    INSERT_PRINCIPAL, INSERT_PRINCIPAL_IDENTITY, UPDATE_PRINCIPAL, IDENTITY_INSERT_PRINCIPAL_ON, IDENTITY_INSERT_PRINCIPAL_OFF,
    SELECT_PRINCIPAL_TYPE, SELECT_MEMBERSHIPS,
    NODE_WRITES.insert, NODE_WRITES.insertIdentity, NODE_WRITES.update,
    IDENTITY_INSERT_NODE_ON, IDENTITY_INSERT_NODE_OFF,
    INSERT_PRINCIPAL_TYPE, INSERT_ENUM_ATTRIBUTE, INSERT_ENUM_VALUE, INSERT_ROLE_TYPE, INSERT_SYSTEM_REVISION,
    INSERT_VERSION_2010, INSERT_PRINCIPAL_TYPE_2010, INSERT_ROLE_TYPE_2010, INSERT_SYSTEM_PRINCIPAL_2010, INSERT_ROOT_NODE_2010,
    GET_APPLOCK,
  ];
  const sizes = (max: number): number[] => [1, 2, max];
  return [
    ...fixed,
    ...sizes(ROWS_PER_INSERT).map(insertAffiliations),
    // The facets written once for every dialect (store/mgc/), as the SQL Server dialect sends them.
    ...directoryStatements(),
    ...contentStatements(),
  ];
}
