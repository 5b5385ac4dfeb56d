/**
 * The Lync Server 2010 Group Chat database as Microsoft documents it (groupchat2010-schema.md §2-3, page ids there):
 * the 38 tables of gg558628, each documented column with its name, SQL Server type and nullability as printed, the
 * documented keys and foreign keys. Names carry the `tbl` prefix the pages' text and sample queries use (§1), and
 * the pages' own spelling of each column (channelID, lastChatId, siopId, lockServerId, ...). Nothing here is ours
 * except what a note says: undocumented columns and keys are marked, and readers probe for them (never assume).
 */
import { table, type TableDef } from './table-def.js';

const UNSEEN_NODE = 'undocumented: the Node page (gg615024) is cut off after roleDefinerId; assumed as in 2013 (groupchat2010-schema.md §3.3), and read only if present';

const AD_SYNC: readonly TableDef[] = [
  table('tblADCookie', ['prinGuid UNIQUEIDENTIFIER NOT NULL REFERENCES tblPrincipal(prinGuid)', 'prinDCHost NVARCHAR(255)', 'adcContent IMAGE', 'lastUpdated DATETIME', 'lockedUntil DATETIME'], {
    pk: ['prinGuid'],
  }),
  table('tblPrincipalMemberDifference', ['prinGuid UNIQUEIDENTIFIER NOT NULL', 'memberADPath NVARCHAR(256) NOT NULL', 'memberRemoved BIT NOT NULL'], {
    pk: ['prinGuid', 'memberADPath'],
    notes: { memberADPath: 'printed without NOT NULL (gg558612), but it is in the primary key, which SQL Server requires to be NOT NULL' },
  }),
  table(
    'tblADUpdates',
    [
      'prinGuid UNIQUEIDENTIFIER NOT NULL', 'prinADPath NVARCHAR(256) NOT NULL', 'prinAttributesChanged BIT NOT NULL', 'prinMembersChanged BIT NOT NULL',
      'prinAffiliationsChanged BIT NOT NULL', 'prinDeleted BIT NOT NULL', 'lastUpdated DATETIME NOT NULL',
    ],
    { note: 'the list page says ADUpdates, the topic ADUpdate (gg615033); 2013 names it tblADUpdates. No key is documented.' },
  ),
  table('tblPrincipalMembers', ['prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'memberADPath NVARCHAR(256) NOT NULL'], { pk: ['prinID', 'memberADPath'] }),
  table(
    'tblPrincipalMeta',
    [
      'prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'prinAffiliationsDirty BIT NOT NULL', 'prinAttributesDirty BIT NOT NULL', 'prinDeleted BIT NOT NULL',
      'tryCount INT', 'lastTry DATETIME', 'nextTry DATETIME',
    ],
    { pk: ['prinID'] },
  ),
  table('tblSkippedAffiliations', ['prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'affDescription NVARCHAR(256) NOT NULL', 'updatedBy INT NOT NULL'], {
    pk: ['prinID', 'affDescription'],
  }),
];

const PRINCIPALS: readonly TableDef[] = [
  table('tblPrincipalType', ['ptypeID SMALLINT NOT NULL', 'ptypeDesc NVARCHAR(256) NOT NULL', 'ptypeIsSystemUser BIT NOT NULL', 'ptypeIsUser BIT NOT NULL', 'ptypeIsFederated BIT NOT NULL'], {
    pk: ['ptypeID'],
  }),
  table(
    'tblPrincipal',
    [
      'prinID INT NOT NULL', 'prinGuid UNIQUEIDENTIFIER NOT NULL', 'prinUri NVARCHAR(256) NOT NULL', 'prinName NVARCHAR(256)', 'prinCompanyName NVARCHAR(256)',
      'prinEmail NVARCHAR(256)', 'prinADPath NVARCHAR(256)', 'prinADUserPrincipalName NVARCHAR(256)', 'prinDisabled BIT NOT NULL',
      'prinTypeID SMALLINT NOT NULL REFERENCES tblPrincipalType(ptypeID)', 'prinAllowedPermSet BIGINT NOT NULL', 'prinUseInheritedPerms BIT NOT NULL',
      'prinAddedBy INT', 'prinAddedOn BIGINT NOT NULL', 'prinUpdatedBy INT', 'prinUpdatedOn BIGINT NOT NULL', 'prinVerifiedOn DATETIME NOT NULL',
    ],
    { pk: ['prinID'], unique: ['prinGuid'], notes: { prinGuid: 'UNIQUE is ours: the alternate key tblADCookie refers to (gg558667, gg558610)' } },
  ),
  table(
    'tblPrincipalAffiliations',
    ['principalID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'affiliationID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'index INT NOT NULL', 'updatedBy INT NOT NULL'],
    { pk: ['principalID', 'index', 'affiliationID'] },
  ),
];

const NODES: readonly TableDef[] = [
  table('tblEnumAttribute', ['attributeID SMALLINT NOT NULL', 'attributeName NVARCHAR(256) NOT NULL'], { pk: ['attributeID'] }),
  table('tblEnumValue', ['valueID SMALLINT NOT NULL', 'attributeID SMALLINT NOT NULL REFERENCES tblEnumAttribute(attributeID)', 'attributeValue NVARCHAR(256) NOT NULL'], {
    pk: ['valueID'],
  }),
  table('tblSiopWhiteList', ['siopId UNIQUEIDENTIFIER NOT NULL', 'siopName NVARCHAR(50) NOT NULL', 'siopUrl NVARCHAR(255) NOT NULL'], { pk: ['siopId'] }),
  table(
    'tblNode',
    [
      'nodeID INT NOT NULL', 'nodeGuid UNIQUEIDENTIFIER NOT NULL', 'parentID INT REFERENCES tblNode(nodeID)', 'nodeType BIT NOT NULL', 'nodeName NVARCHAR(256) NOT NULL',
      'nodeDesc NVARCHAR(256) NOT NULL', 'topic NVARCHAR(256) NOT NULL', 'filestoreURI NVARCHAR(256)', 'inheritance BIT NOT NULL', 'scopeChange BIT NOT NULL',
      'overrideMember BIT NOT NULL', 'invite BIT', 'logged BIT', 'filePost BIT', 'disabled BIT NOT NULL', 'restrictChildCreate BIT',
      'behavior SMALLINT NOT NULL REFERENCES tblEnumValue(valueID)', 'visibility SMALLINT REFERENCES tblEnumValue(valueID)',
      'scopeDefinerId INT NOT NULL REFERENCES tblNode(nodeID)', 'roleDefinerId INT NOT NULL REFERENCES tblNode(nodeID)',
      'siopId UNIQUEIDENTIFIER REFERENCES tblSiopWhiteList(siopId)', 'nodeAddedBy INT NOT NULL', 'nodeAddedOn BIGINT NOT NULL', 'nodeUpdatedBy INT NOT NULL',
      'nodeUpdatedOn BIGINT NOT NULL',
    ],
    {
      pk: ['nodeID'],
      unique: ['nodeGuid'],
      notes: {
        nodeID: 'the primary key is undocumented (the key section is cut off); nodeID is the unique node number',
        nodeGuid: 'UNIQUE is ours: the key tblFileToken.fileTokenChannelID refers to (gg558646)',
        siopId: `${UNSEEN_NODE}; spelled as tblSiopWhiteList.siopId`,
        nodeAddedBy: UNSEEN_NODE,
        nodeAddedOn: UNSEEN_NODE,
        nodeUpdatedBy: UNSEEN_NODE,
        nodeUpdatedOn: UNSEEN_NODE,
        visibility: 'the values are undocumented for 2010; read through tblEnumValue, NULL = inherit',
      },
    },
  ),
  table('tblTree', ['nodeID INT NOT NULL REFERENCES tblNode(nodeID)'], {
    note: 'undocumented: listed (gg558628) as redundant data computed from tblNode, with no published column; this one column is ours, and nothing reads the table',
    notes: { nodeID: 'ours: a placeholder, SQL Server needs a column' },
  }),
  table(
    'tblRoleType',
    ['rtypeID INT NOT NULL', 'rtypeDesc NVARCHAR(256) NOT NULL', 'rtypeAllowedPermSet BIGINT NOT NULL', 'honorsOverride BIT NOT NULL', 'honorsScope BIT NOT NULL'],
    { pk: ['rtypeID'], notes: { rtypeID: 'the ids of Member, Manager and Voiced are undocumented: roles are found by rtypeDesc' } },
  ),
  table('tblScopePrincipal', ['scopeNodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'scopePrinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'scopeUpdatedBy INT NOT NULL'], {
    pk: ['scopeNodeID', 'scopePrinID'],
  }),
  table(
    'tblPrincipalRole',
    [
      'prinRoleNodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'prinRolePrinID INT NOT NULL REFERENCES tblPrincipal(prinID)',
      'prinRoleTypeID INT NOT NULL REFERENCES tblRoleType(rtypeID)', 'prinRoleUpdatedBy INT NOT NULL', 'honorsOverride BIT NOT NULL', 'honorsScope BIT NOT NULL',
    ],
    { pk: ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'] },
  ),
  table('tblPurgedRoles', ['purgedOn DATETIME NOT NULL', 'nodeId INT NOT NULL', 'prinId INT NOT NULL', 'roleId INT NOT NULL'], { note: 'no key is documented (gg558619)' }),
  table('tblPurgedScoped', ['purgedOn DATETIME NOT NULL', 'nodeId INT NOT NULL', 'prinId INT NOT NULL'], { note: 'no key is documented (gg558652)' }),
];

const CHATS: readonly TableDef[] = [
  table(
    'tblPrincipalInvites',
    ['prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'invID INT NOT NULL', 'nodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'createdOn DATETIME NOT NULL'],
    { pk: ['prinID', 'nodeID'] },
  ),
  table(
    'tblChat',
    ['channelID INT NOT NULL', 'chatID BIGINT NOT NULL', 'chatDate BIGINT NOT NULL', 'userId INT NOT NULL', 'isAlert BIT NOT NULL', 'content NVARCHAR(MAX) NOT NULL'],
    { pk: ['channelID', 'chatID'], notes: { content: 'no rtf column in 2010 (gg615031)' } },
  ),
  table('tblLastInviteId', ['prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'lastInviteId INT NOT NULL'], { pk: ['prinID'] }),
  table('tblLastChatId', ['nodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'lastChatId BIGINT NOT NULL'], { pk: ['nodeID', 'lastChatId'] }),
  table('tblPreference', ['prefLabel NVARCHAR(255) NOT NULL', 'prefSeqID INT NOT NULL', 'prefContent NVARCHAR(MAX)', 'lastModifiedBy INT NOT NULL'], { pk: ['prefLabel', 'prefSeqID'] }),
  table(
    'tblFileToken',
    ['fileToken NVARCHAR(50) NOT NULL', 'fileTokenUserID INT NOT NULL', 'fileTokenChannelID UNIQUEIDENTIFIER NOT NULL REFERENCES tblNode(nodeGuid)', 'fileTokenExpireTime DATETIME NOT NULL'],
    { pk: ['fileToken'] },
  ),
];

const SERVER: readonly TableDef[] = [
  table('tblServerIdentity', ['serverID INT NOT NULL', 'serverAddress NVARCHAR(256) NOT NULL', 'serverType INT NOT NULL', 'serverLastPingTime DATETIME'], { pk: ['serverID'] }),
  table('tblAdminLock', ['lockExpiresTime DATETIME NOT NULL', 'lockServerId INT NOT NULL', 'lockActorId INT NOT NULL'], { note: 'no key is documented (gg558665)' }),
  table('tblSystemRevision', ['sysRevision BIGINT NOT NULL'], { note: 'no key is documented (gg615019)' }),
  table('tblActivePeers', ['aplServerID INT NOT NULL REFERENCES tblServerIdentity(serverID)', 'aplPeerID INT NOT NULL REFERENCES tblServerIdentity(serverID)'], {
    pk: ['aplServerID', 'aplPeerID'],
  }),
  table('tblVersion', ['versionId INT NOT NULL', 'versionedOn DATETIME NOT NULL', 'description NVARCHAR(255)', 'poolId UNIQUEIDENTIFIER NOT NULL'], {
    pk: ['versionId'],
    notes: { versionId: 'documented as "primary key (optional)" (gg615021)' },
  }),
  table('tblConfig', ['configLabel NVARCHAR(255) NOT NULL', 'configSeqID INT NOT NULL', 'configContent NVARCHAR(MAX)', 'lastModifiedBy INT NOT NULL'], { pk: ['configLabel', 'configSeqID'] }),
  table('tblLogs', ['logEntry NVARCHAR(MAX)'], {
    note: 'undocumented: listed (gg558628) but its topic could not be read; this one column is ours, and nothing reads the table',
    notes: { logEntry: 'ours: a placeholder, SQL Server needs a column' },
  }),
];

const COMPLIANCE: readonly TableDef[] = [
  table(
    'tblComplianceData',
    [
      'cmplEventID INT NOT NULL', 'entryDate SMALLDATETIME NOT NULL', 'cmplType INT NOT NULL', 'cmplTime BIGINT NOT NULL', 'cmplChannelUri NVARCHAR(255) NOT NULL',
      'cmplChatID BIGINT NOT NULL', 'cmplUserID INT NOT NULL', 'cmplUserUri NVARCHAR(255) NOT NULL', 'cmplMessage NVARCHAR(MAX)',
    ],
    { pk: ['cmplEventID'] },
  ),
  table('tblComplianceFanout', ['fanoutEventID INT REFERENCES tblComplianceData(cmplEventID)', 'fanoutServerID INT'], {
    note: 'both columns are printed nullable and no key is documented (gg615050)',
  }),
  table(
    'tblComplianceParticipant',
    ['channelUri NVARCHAR(255) NOT NULL', 'userId INT NOT NULL', 'joinedAt BIGINT NOT NULL', 'partedAt BIGINT', 'userUri NVARCHAR(255) NOT NULL', 'serverId INT', 'sessionId BIGINT'],
    { pk: ['channelUri', 'userId', 'joinedAt'] },
  ),
  table('tblComplianceTranslator', ['translatorID INT NOT NULL', 'cmplTranslatorName NVARCHAR(255) NOT NULL', 'cmplTranslatorGuid UNIQUEIDENTIFIER NOT NULL'], { pk: ['translatorID'] }),
  table('tblLastComplianceID', ['entryDate SMALLDATETIME NOT NULL', 'translatorID INT NOT NULL REFERENCES tblComplianceTranslator(translatorID)'], {
    note: 'no key is documented (gg615017)',
    notes: { translatorID: 'the page misprints the name; its key section calls it translatorID' },
  }),
  table('tblComplianceVersion', ['versionId INT NOT NULL', 'versionedOn DATETIME NOT NULL', 'description NVARCHAR(255)'], { pk: ['versionId'] }),
];

/** In creation order: referenced tables first. */
export const GROUPCHAT2010_TABLES: readonly TableDef[] = [
  ...PRINCIPALS.slice(0, 2),
  ...AD_SYNC,
  PRINCIPALS[2]!,
  ...NODES,
  ...CHATS,
  ...SERVER,
  ...COMPLIANCE,
];
