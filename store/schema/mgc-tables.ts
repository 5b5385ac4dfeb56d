/**
 * The Lync Server 2013 Persistent Chat database (mgc) as data (domain.md §5.1-5.4): Microsoft's table and column
 * names, nvarchar sizes, bigint ticks, uniqueidentifier GUIDs, bit flags, and the documented keys and foreign keys.
 * Ours (docs/decisions.md): the UNIQUE constraints on prinGuid and nodeGuid (targets of documented foreign keys),
 * the DEFAULTs, and the indexes IX_tblPrincipal_prinUri, IX_tblNode_parentID and IX_tblChat_channelDate.
 */
import { table, type TableDef } from './table-def.js';

export const MGC_PRINCIPALS: readonly TableDef[] = [
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
  table('tblADCookie', ['prinGuid UNIQUEIDENTIFIER NOT NULL REFERENCES tblPrincipal(prinGuid)', 'prinDCHost NVARCHAR(255)', 'adcContent IMAGE', 'lastUpdated DATETIME', 'lockedUntil DATETIME'], { pk: ['prinGuid'] }),
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
export const MGC_NODES: readonly TableDef[] = [
  table('tblEnumAttribute', ['attributeID SMALLINT NOT NULL', 'attributeName NVARCHAR(256) NOT NULL'], { pk: ['attributeID'] }),
  table('tblEnumValue', ['valueID SMALLINT NOT NULL', 'attributeID SMALLINT NOT NULL REFERENCES tblEnumAttribute(attributeID)', 'attributeValue NVARCHAR(256) NOT NULL'], { pk: ['valueID'] }),
  table('tblSiopWhiteList', ['siopID UNIQUEIDENTIFIER NOT NULL', 'siopName NVARCHAR(50) NOT NULL', 'siopUrl NVARCHAR(255) NOT NULL'], { pk: ['siopID'] }),
  table('tblNode', NODE_SPECS, { pk: ['nodeID'], unique: ['nodeGuid'], indexes: [['IX_tblNode_parentID', ['parentID']]] }),
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

export const MGC_CHATS: readonly TableDef[] = [
  table('tblPrincipalInvites', ['prinID INT NOT NULL', 'invID INT NOT NULL', 'nodeID INT NOT NULL', 'createdOn DATETIME NOT NULL'], { pk: ['prinID', 'nodeID'] }),
  table('tblLastInviteId', ['prinID INT NOT NULL REFERENCES tblPrincipal(prinID)', 'lastInviteID INT NOT NULL'], { pk: ['prinID'] }),
  table(
    'tblChat',
    ['channelId INT NOT NULL', 'chatId BIGINT NOT NULL', 'chatDate BIGINT NOT NULL', 'userId INT NOT NULL', 'isAlert BIT NOT NULL DEFAULT 0', 'content NVARCHAR(MAX) NOT NULL', 'rtf VARCHAR(MAX)'],
    { pk: ['channelId', 'chatId'], indexes: [['IX_tblChat_channelDate', ['channelId', 'chatDate']]] },
  ),
  table('tblLastChatId', ['nodeID INT NOT NULL REFERENCES tblNode(nodeID)', 'lastChatID BIGINT NOT NULL'], { pk: ['nodeID', 'lastChatID'] }),
  table('tblPreference', ['prefLabel NVARCHAR(255) NOT NULL', 'prefSeqID INT NOT NULL', 'prefContent NVARCHAR(MAX)', 'lastModifiedBy INT'], { pk: ['prefLabel', 'prefSeqID'] }),
  table(
    'tblFileToken',
    [
      'fileToken NVARCHAR(50) NOT NULL', 'fileTokenUserID INT NOT NULL', 'fileTokenChannelID UNIQUEIDENTIFIER NOT NULL REFERENCES tblNode(nodeGuid)', 'fileTokenExpireDate DATETIME NOT NULL',
      'fileTokenComplianceFileUrl NVARCHAR(256)', 'fileTokenComplianceThumbnailUrl NVARCHAR(256)', 'fileTokenComplianceTime DATETIME2',
      'fileTokenComplianceIsUpload BIT', 'fileTokenCompliancePinned BIT NOT NULL DEFAULT 0',
    ],
    { pk: ['fileToken'] },
  ),
];

export const MGC_SERVER: readonly TableDef[] = [
  table('tblServerIdentity', ['serverID INT NOT NULL', 'serverAddress NVARCHAR(256)', 'serverLastPingTime DATETIME'], { pk: ['serverID'] }),
  table('tblAdminLock', ['lockExpiresTime DATETIME', 'lockServerID INT', 'lockActorID INT']),
  table('tblSystemRevision', ['sysRevision BIGINT NOT NULL']),
  table('tblActivePeers', ['aplServerID INT NOT NULL REFERENCES tblServerIdentity(serverID)', 'aplPeerID INT NOT NULL REFERENCES tblServerIdentity(serverID)'], { pk: ['aplServerID', 'aplPeerID'] }),
  table('tblConfig', ['configLabel NVARCHAR(255) NOT NULL', 'configContent NVARCHAR(MAX)', 'configPoolID UNIQUEIDENTIFIER'], { pk: ['configLabel'] }),
];

