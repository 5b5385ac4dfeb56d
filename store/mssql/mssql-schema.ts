/**
 * The Lync 2013 Persistent Chat (mgc) and Lync 2010 Group Chat schemas as data, in SQL Server's types (domain.md §5,
 * §5.7): Microsoft's table and column names, nvarchar sizes, bigint ticks, uniqueidentifier GUIDs, bit flags and the
 * documented keys. The T-SQL DDL is generated from this data, and so is the schema the static T-SQL check
 * (tools/check-tsql.ts) validates every statement against, so the two cannot drift apart. The same tables and
 * columns as the sqlite dialect's DDL (a test compares them). The DDL is only ever run on an empty database the
 * caller asked to fill: an existing mgc database is used as it is, never altered.
 */
import type { SchemaKind } from '../../core/model.js';

/** Every SQL Server type the schemas use; anything else in a column spec is a typo and throws at load time. */
const TYPES = ['SMALLINT', 'INT', 'BIGINT', 'BIT', 'UNIQUEIDENTIFIER', 'DATETIME', 'DATETIME2', 'SMALLDATETIME', 'IMAGE', 'NVARCHAR(MAX)', 'VARCHAR(MAX)'];
const SIZED = /^NVARCHAR\((\d{1,4})\)$/;

export interface ColumnDef {
  readonly name: string;
  /** Upper-case T-SQL type, e.g. NVARCHAR(256), BIGINT. */
  readonly type: string;
  readonly nullable: boolean;
  /** A T-SQL constant expression, e.g. 0 or N''. */
  readonly default?: string;
  readonly references?: { readonly table: string; readonly column: string };
}

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  readonly unique: readonly string[];
  /** Non-unique indexes; IX_tblChat_channelDate is ours (a cheap re-run of an import), the others mirror the keys. */
  readonly indexes: readonly { readonly name: string; readonly columns: readonly string[] }[];
}

const COLUMN = /^(\w+) ([A-Z0-9()]+)( NOT NULL)?(?: DEFAULT (\S+))?(?: REFERENCES (\w+)\((\w+)\))?$/;

function column(spec: string): ColumnDef {
  const m = COLUMN.exec(spec);
  if (!m) throw new Error(`mssql-schema: cannot read the column spec '${spec}'`);
  const [, name, type, notNull, def, refTable, refColumn] = m as unknown as [string, string, string, string | undefined, string | undefined, string | undefined, string | undefined];
  const sized = SIZED.exec(type);
  if (!TYPES.includes(type) && !(sized && Number(sized[1]) >= 1 && Number(sized[1]) <= 4000)) {
    throw new Error(`mssql-schema: unknown type '${type}' in '${spec}'`);
  }
  return {
    name,
    type,
    nullable: !notNull,
    ...(def === undefined ? {} : { default: def }),
    ...(refTable === undefined ? {} : { references: { table: refTable, column: refColumn! } }),
  };
}

function table(name: string, specs: readonly string[], keys: { pk?: string[]; unique?: string[]; indexes?: [string, string[]][] } = {}): TableDef {
  return {
    name,
    columns: specs.map(column),
    primaryKey: keys.pk ?? [],
    unique: keys.unique ?? [],
    indexes: (keys.indexes ?? []).map(([indexName, columns]) => ({ name: indexName, columns })),
  };
}

const PRINCIPALS: readonly TableDef[] = [
  table('tblPrincipalType', ['ptypeID SMALLINT NOT NULL', 'ptypeDesc NVARCHAR(256) NOT NULL', 'ptypeIsSystemUser BIT NOT NULL', 'ptypeIsUser BIT NOT NULL'], { pk: ['ptypeID'] }),
  table(
    'tblPrincipal',
    [
      'prinID INT NOT NULL', 'prinGuid UNIQUEIDENTIFIER NOT NULL', 'prinUri NVARCHAR(256) NOT NULL', 'prinName NVARCHAR(256)',
      'prinDisplayName NVARCHAR(256)', 'prinCompanyName NVARCHAR(256)', 'prinEmail NVARCHAR(256)', 'prinADPath NVARCHAR(384)',
      'prinADUserPrincipalName NVARCHAR(256)', 'prinDisabled SMALLINT NOT NULL DEFAULT 0',
      'prinTypeID SMALLINT NOT NULL REFERENCES tblPrincipalType(ptypeID)', 'prinPoolID INT', 'prinPolicyID INT', 'prinAddedBy INT',
      'prinUpdatedBy INT', 'prinAddedOn BIGINT NOT NULL', 'prinUpdatedOn BIGINT NOT NULL', 'prinVerifiedOn DATETIME NOT NULL',
    ],
    { pk: ['prinID'], unique: ['prinGuid'], indexes: [['IX_tblPrincipal_prinUri', ['prinUri']]] },
  ),
  table(
    'tblPrincipalAffiliations',
    ['principalID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'affiliationID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'index INT NOT NULL', 'updatedBy INT NOT NULL DEFAULT 1'],
    { pk: ['principalID', 'index', 'affiliationID'] },
  ),
  table(
    'tblPrincipalMeta',
    [
      'prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'prinAffiliationsDirty BIT NOT NULL DEFAULT 0', 'prinAttributesDirty BIT NOT NULL DEFAULT 0',
      'prinDeleted BIT NOT NULL DEFAULT 0', 'tryCount INT NOT NULL DEFAULT 0', 'lastTry DATETIME', 'nextTry DATETIME',
    ],
    { pk: ['prinID'] },
  ),
  table('tblPrincipalMembers', ['prinID INT NOT NULL', 'memberADPath NVARCHAR(384) NOT NULL'], { pk: ['prinID', 'memberADPath'] }),
  table('tblSkippedAffiliations', ['prinID INT NOT NULL', 'affDescription NVARCHAR(256) NOT NULL', 'updatedBy INT NOT NULL DEFAULT 1'], { pk: ['prinID', 'affDescription'] }),
  table('tblADCookie', ['prinGuid UNIQUEIDENTIFIER NOT NULL', 'prinDCHost NVARCHAR(255)', 'adcContent IMAGE', 'lastUpdated DATETIME', 'lockedUntil DATETIME'], { pk: ['prinGuid'] }),
  table('tblPrincipalMemberDifference', ['prinGuid UNIQUEIDENTIFIER NOT NULL', 'memberADPath NVARCHAR(256) NOT NULL', 'memberRemoved BIT NOT NULL'], { pk: ['prinGuid', 'memberADPath'] }),
  table('tblADUpdates', [
    'prinGuid UNIQUEIDENTIFIER NOT NULL', 'prinADPath NVARCHAR(384)', 'prinAttributesChanged BIT NOT NULL', 'prinMembersChanged BIT NOT NULL',
    'prinAffiliationsChanged BIT NOT NULL', 'prinDeleted BIT NOT NULL', 'lastUpdated DATETIME',
  ]),
];

const NODE_SPECS = [
  'nodeID INT NOT NULL', 'nodeGuid UNIQUEIDENTIFIER NOT NULL', 'parentID INT REFERENCES tblNode(nodeID)', 'nodeType BIT NOT NULL',
  'nodeName NVARCHAR(256) NOT NULL', 'nodeDesc NVARCHAR(256) NOT NULL', 'invite BIT', 'logged BIT', 'filePost BIT', 'disabled BIT NOT NULL DEFAULT 0',
  'behavior SMALLINT NOT NULL REFERENCES tblEnumValue(valueID)', 'visibility SMALLINT NOT NULL REFERENCES tblEnumValue(valueID)',
  'siopID UNIQUEIDENTIFIER REFERENCES tblSiopWhiteList(siopID)', 'nodeAddedBy INT NOT NULL', 'nodeUpdatedBy INT NOT NULL',
  'nodeAddedOn BIGINT NOT NULL', 'nodeUpdatedOn BIGINT NOT NULL', 'purgedOn DATETIME',
];
/** Group Chat 2010 adds these to tblNode (domain.md §5.7). */
const LEGACY_NODE_SPECS = ["topic NVARCHAR(256) NOT NULL DEFAULT N''", 'filestoreURI NVARCHAR(256)', 'inheritance BIT', 'scopeChange BIT', 'overrideMember BIT', 'restrictChildCreate BIT'];

const nodes = (legacy: boolean): readonly TableDef[] => [
  table('tblEnumAttribute', ['attributeID SMALLINT NOT NULL', 'attributeName NVARCHAR(256) NOT NULL'], { pk: ['attributeID'] }),
  table('tblEnumValue', ['valueID SMALLINT NOT NULL', 'attributeID SMALLINT NOT NULL REFERENCES tblEnumAttribute(attributeID)', 'attributeValue NVARCHAR(256) NOT NULL'], { pk: ['valueID'] }),
  table('tblSiopWhiteList', ['siopID UNIQUEIDENTIFIER NOT NULL', 'siopName NVARCHAR(50) NOT NULL', 'siopUrl NVARCHAR(255) NOT NULL'], { pk: ['siopID'] }),
  table('tblNode', legacy ? [...NODE_SPECS, ...LEGACY_NODE_SPECS] : NODE_SPECS, { pk: ['nodeID'], unique: ['nodeGuid'], indexes: [['IX_tblNode_parentID', ['parentID']]] }),
  table('tblRoleType', ['rtypeID INT NOT NULL', 'rtypeDesc NVARCHAR(256) NOT NULL', 'rtypeAllowedPermSet BIGINT NOT NULL'], { pk: ['rtypeID'] }),
  table(
    'tblScopePrincipal',
    ['scopeNodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'scopePrinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'scopeIsDenied BIT NOT NULL DEFAULT 0', 'scopeUpdatedBy INT NOT NULL DEFAULT 1'],
    { pk: ['scopeNodeID', 'scopePrinID'] },
  ),
  table(
    'tblPrincipalRole',
    [
      'prinRoleNodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'prinRolePrinID INT NOT NULL REFERENCES tblPrincipal(prinID)',
      'prinRoleTypeID INT NOT NULL REFERENCES tblRoleType(rtypeID)', 'prinRoleUpdatedBy INT NOT NULL DEFAULT 1',
    ],
    { pk: ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'] },
  ),
];

const CHATS: readonly TableDef[] = [
  table('tblPrincipalInvites', ['prinID INT NOT NULL', 'invID INT NOT NULL', 'nodeID INT NOT NULL', 'createdOn DATETIME NOT NULL'], { pk: ['prinID', 'nodeID'] }),
  table('tblLastInviteId', ['prinID INT NOT NULL', 'lastInviteID INT NOT NULL'], { pk: ['prinID'] }),
  table(
    'tblChat',
    ['channelId INT NOT NULL', 'chatId BIGINT NOT NULL', 'chatDate BIGINT NOT NULL', 'userId INT NOT NULL', 'isAlert BIT NOT NULL DEFAULT 0', 'content NVARCHAR(MAX) NOT NULL', 'rtf VARCHAR(MAX)'],
    { pk: ['channelId', 'chatId'], indexes: [['IX_tblChat_channelDate', ['channelId', 'chatDate']]] },
  ),
  table('tblLastChatId', ['nodeID INT NOT NULL', 'lastChatID BIGINT NOT NULL'], { pk: ['nodeID'] }),
  table('tblPreference', ['prefLabel NVARCHAR(255) NOT NULL', 'prefSeqID INT NOT NULL', 'prefContent NVARCHAR(MAX)', 'lastModifiedBy INT'], { pk: ['prefLabel', 'prefSeqID'] }),
  table(
    'tblFileToken',
    [
      'fileToken NVARCHAR(50) NOT NULL', 'fileTokenUserID INT NOT NULL', 'fileTokenChannelID UNIQUEIDENTIFIER NOT NULL', 'fileTokenExpireDate DATETIME NOT NULL',
      'fileTokenComplianceFileUrl NVARCHAR(256)', 'fileTokenComplianceThumbnailUrl NVARCHAR(256)', 'fileTokenComplianceTime DATETIME2',
      'fileTokenComplianceIsUpload BIT', 'fileTokenCompliancePinned BIT NOT NULL DEFAULT 0',
    ],
    { pk: ['fileToken'] },
  ),
];

const SERVER: readonly TableDef[] = [
  table('tblServerIdentity', ['serverID INT NOT NULL', 'serverAddress NVARCHAR(256)', 'serverLastPingTime DATETIME'], { pk: ['serverID'] }),
  table('tblAdminLock', ['lockExpiresTime DATETIME', 'lockServerID INT', 'lockActorID INT']),
  table('tblSystemRevision', ['sysRevision BIGINT NOT NULL']),
  table('tblActivePeers', ['aplServerID INT NOT NULL', 'aplPeerID INT NOT NULL'], { pk: ['aplServerID', 'aplPeerID'] }),
  table('tblConfig', ['configLabel NVARCHAR(255) NOT NULL', 'configContent NVARCHAR(MAX)', 'configPoolID UNIQUEIDENTIFIER'], { pk: ['configLabel'] }),
];

/** Tables only Group Chat 2010 has (its compliance tables lived in the same database). */
const LEGACY_ONLY: readonly TableDef[] = [
  table('tblTree', ['nodeID INT NOT NULL', 'ancestorID INT NOT NULL', 'depth INT NOT NULL'], { pk: ['nodeID', 'ancestorID'] }),
  table('tblPurgedRoles', ['nodeID INT NOT NULL', 'purgedOn DATETIME NOT NULL']),
  table('tblPurgedScoped', ['nodeID INT NOT NULL', 'purgedOn DATETIME NOT NULL']),
  table('tblVersion', ['versionName NVARCHAR(64) NOT NULL', 'versionValue NVARCHAR(64) NOT NULL'], { pk: ['versionName'] }),
  table('tblLogs', ['logID INT NOT NULL', 'logDate DATETIME NOT NULL', 'logText NVARCHAR(MAX)'], { pk: ['logID'] }),
  table(
    'tblComplianceData',
    [
      'cmplEventID BIGINT NOT NULL', 'entryDate SMALLDATETIME', 'cmplType INT NOT NULL', 'cmplTime BIGINT NOT NULL', 'cmplChannelUri NVARCHAR(255)',
      'cmplChatID BIGINT', 'cmplUserID INT', 'cmplUserUri NVARCHAR(255)', 'cmplMessage NVARCHAR(MAX)',
    ],
    { pk: ['cmplEventID'] },
  ),
  table('tblComplianceFanout', ['fanoutEventID INT NOT NULL', 'fanoutServerID INT NOT NULL']),
  table(
    'tblComplianceParticipant',
    ['channelUri NVARCHAR(255) NOT NULL', 'userId INT NOT NULL', 'joinedAt BIGINT NOT NULL', 'partedAt BIGINT', 'userUri NVARCHAR(255)', 'serverID INT', 'sessionId BIGINT'],
    { pk: ['channelUri', 'userId', 'joinedAt'] },
  ),
  table('tblComplianceTranslator', ['translatorID INT NOT NULL', 'translatorName NVARCHAR(256)'], { pk: ['translatorID'] }),
  table('tblLastComplianceID', ['lastComplianceID BIGINT NOT NULL']),
  table('tblComplianceVersion', ['versionValue NVARCHAR(64) NOT NULL']),
];

/** The tables of a schema, in creation order (referenced tables first). */
export function schemaTables(kind: SchemaKind): readonly TableDef[] {
  const legacy = kind === 'GroupChat2010';
  return [...PRINCIPALS, ...nodes(legacy), ...CHATS, ...SERVER, ...(legacy ? LEGACY_ONLY : [])];
}

/** The schema every mssql statement qualifies its tables with. */
export const SCHEMA_NAME = 'dbo';
/** Tables a database must have to be read as Persistent Chat or Group Chat. */
export const REQUIRED_TABLES = ['tblNode', 'tblPrincipal', 'tblChat', 'tblScopePrincipal', 'tblPrincipalRole'] as const;
/** The tblNode column whose presence marks a Group Chat 2010 database. */
export const LEGACY_MARKER_COLUMN = 'topic';

const quote = (identifier: string): string => `[${identifier.replaceAll(']', ']]')}]`;

function createTable(t: TableDef): string {
  const lines = t.columns.map((c) => {
    const def = c.default === undefined ? '' : ` CONSTRAINT ${quote(`DF_${t.name}_${c.name}`)} DEFAULT (${c.default})`;
    return `${quote(c.name)} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${def}`;
  });
  if (t.primaryKey.length > 0) lines.push(`CONSTRAINT ${quote(`PK_${t.name}`)} PRIMARY KEY CLUSTERED (${t.primaryKey.map(quote).join(', ')})`);
  for (const u of t.unique) lines.push(`CONSTRAINT ${quote(`UQ_${t.name}_${u}`)} UNIQUE (${quote(u)})`);
  for (const c of t.columns) {
    if (c.references) {
      lines.push(`CONSTRAINT ${quote(`FK_${t.name}_${c.name}`)} FOREIGN KEY (${quote(c.name)}) REFERENCES ${SCHEMA_NAME}.${quote(c.references.table)} (${quote(c.references.column)})`);
    }
  }
  return `CREATE TABLE ${SCHEMA_NAME}.${quote(t.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

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
  return statements;
}
