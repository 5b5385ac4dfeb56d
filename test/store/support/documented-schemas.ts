/**
 * Microsoft's documented tables and columns, written out here by hand from the research notes (groupchat2010-
 * schema.md §3 for Lync Server 2010 Group Chat, domain.md §5.1-5.4 for Lync Server 2013 Persistent Chat mgc), NOT
 * from the product's schema data, so that the conformance tests hold our DDL against the documentation.
 * A column reads `name TYPE` plus ` NN` when the page says not null; `?` after the type marks a nullability the page
 * leaves unsaid (any is accepted). Keys are the documented primary keys; `undocumented` lists the columns we add
 * where Microsoft publishes none, each of which our DDL must flag with a note.
 */

export interface DocumentedTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly primaryKey?: readonly string[];
  /** Documented foreign keys: `column -> table.column`. */
  readonly references?: readonly string[];
  readonly undocumented?: readonly string[];
}

/** groupchat2010-schema.md §3 (page ids there). */
export const GROUPCHAT2010_DOCUMENTED: readonly DocumentedTable[] = [
  { name: 'tblADCookie', columns: ['prinGuid UNIQUEIDENTIFIER NN', 'prinDCHost NVARCHAR(255)', 'adcContent IMAGE', 'lastUpdated DATETIME', 'lockedUntil DATETIME'], primaryKey: ['prinGuid'], references: ['prinGuid -> tblPrincipal.prinGuid'] },
  // memberADPath is printed nullable, but it is in the key (SQL Server would refuse NULL there).
  { name: 'tblPrincipalMemberDifference', columns: ['prinGuid UNIQUEIDENTIFIER NN', 'memberADPath NVARCHAR(256)?', 'memberRemoved BIT NN'], primaryKey: ['prinGuid', 'memberADPath'] },
  {
    name: 'tblADUpdates',
    columns: ['prinGuid UNIQUEIDENTIFIER NN', 'prinADPath NVARCHAR(256) NN', 'prinAttributesChanged BIT NN', 'prinMembersChanged BIT NN', 'prinAffiliationsChanged BIT NN', 'prinDeleted BIT NN', 'lastUpdated DATETIME NN'],
  },
  { name: 'tblPrincipalMembers', columns: ['prinID INT NN', 'memberADPath NVARCHAR(256) NN'], primaryKey: ['prinID', 'memberADPath'], references: ['prinID -> tblPrincipal.prinID'] },
  {
    name: 'tblPrincipalMeta',
    columns: ['prinID INT NN', 'prinAffiliationsDirty BIT NN', 'prinAttributesDirty BIT NN', 'prinDeleted BIT NN', 'tryCount INT', 'lastTry DATETIME', 'nextTry DATETIME'],
    primaryKey: ['prinID'],
    references: ['prinID -> tblPrincipal.prinID'],
  },
  { name: 'tblSkippedAffiliations', columns: ['prinID INT NN', 'affDescription NVARCHAR(256) NN', 'updatedBy INT NN'], primaryKey: ['prinID', 'affDescription'], references: ['prinID -> tblPrincipal.prinID'] },
  { name: 'tblPrincipalType', columns: ['ptypeID SMALLINT NN', 'ptypeDesc NVARCHAR(256) NN', 'ptypeIsSystemUser BIT NN', 'ptypeIsUser BIT NN', 'ptypeIsFederated BIT NN'], primaryKey: ['ptypeID'] },
  {
    name: 'tblPrincipal',
    columns: [
      'prinID INT NN', 'prinGuid UNIQUEIDENTIFIER NN', 'prinUri NVARCHAR(256) NN', 'prinName NVARCHAR(256)', 'prinCompanyName NVARCHAR(256)', 'prinEmail NVARCHAR(256)',
      'prinADPath NVARCHAR(256)', 'prinADUserPrincipalName NVARCHAR(256)', 'prinDisabled BIT NN', 'prinTypeID SMALLINT NN', 'prinAllowedPermSet BIGINT NN',
      'prinUseInheritedPerms BIT NN', 'prinAddedBy INT', 'prinAddedOn BIGINT NN', 'prinUpdatedBy INT', 'prinUpdatedOn BIGINT NN', 'prinVerifiedOn DATETIME NN',
    ],
    primaryKey: ['prinID'],
    references: ['prinTypeID -> tblPrincipalType.ptypeID'],
  },
  {
    name: 'tblPrincipalAffiliations',
    columns: ['principalID INT NN', 'affiliationID INT NN', 'index INT NN', 'updatedBy INT NN'],
    primaryKey: ['principalID', 'index', 'affiliationID'],
    references: ['principalID -> tblPrincipal.prinID', 'affiliationID -> tblPrincipal.prinID'],
  },
  {
    name: 'tblNode',
    columns: [
      'nodeID INT NN', 'nodeGuid UNIQUEIDENTIFIER NN', 'parentID INT', 'nodeType BIT NN', 'nodeName NVARCHAR(256) NN', 'nodeDesc NVARCHAR(256) NN', 'topic NVARCHAR(256) NN',
      'filestoreURI NVARCHAR(256)', 'inheritance BIT NN', 'scopeChange BIT NN', 'overrideMember BIT NN', 'invite BIT', 'logged BIT', 'filePost BIT', 'disabled BIT NN',
      'restrictChildCreate BIT', 'behavior SMALLINT NN', 'visibility SMALLINT', 'scopeDefinerId INT NN', 'roleDefinerId INT NN',
    ],
    // The page is cut off after roleDefinerId: what follows (as 2013 has it) is ours to assume and must be flagged.
    undocumented: ['siopId', 'nodeAddedBy', 'nodeAddedOn', 'nodeUpdatedBy', 'nodeUpdatedOn'],
  },
  { name: 'tblTree', columns: [], undocumented: ['nodeID'] },
  { name: 'tblRoleType', columns: ['rtypeID INT NN', 'rtypeDesc NVARCHAR(256) NN', 'rtypeAllowedPermSet BIGINT NN', 'honorsOverride BIT NN', 'honorsScope BIT NN'], primaryKey: ['rtypeID'] },
  {
    name: 'tblScopePrincipal',
    columns: ['scopeNodeID INT NN', 'scopePrinID INT NN', 'scopeUpdatedBy INT NN'],
    primaryKey: ['scopeNodeID', 'scopePrinID'],
    references: ['scopeNodeID -> tblNode.nodeID', 'scopePrinID -> tblPrincipal.prinID'],
  },
  {
    name: 'tblPrincipalRole',
    columns: ['prinRoleNodeID INT NN', 'prinRolePrinID INT NN', 'prinRoleTypeID INT NN', 'prinRoleUpdatedBy INT NN', 'honorsOverride BIT NN', 'honorsScope BIT NN'],
    primaryKey: ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'],
    references: ['prinRoleNodeID -> tblNode.nodeID', 'prinRolePrinID -> tblPrincipal.prinID', 'prinRoleTypeID -> tblRoleType.rtypeID'],
  },
  { name: 'tblSiopWhiteList', columns: ['siopId UNIQUEIDENTIFIER NN', 'siopName NVARCHAR(50) NN', 'siopUrl NVARCHAR(255) NN'], primaryKey: ['siopId'] },
  { name: 'tblPurgedRoles', columns: ['purgedOn DATETIME NN', 'nodeId INT NN', 'prinId INT NN', 'roleId INT NN'] },
  { name: 'tblPurgedScoped', columns: ['purgedOn DATETIME NN', 'nodeId INT NN', 'prinId INT NN'] },
  { name: 'tblEnumAttribute', columns: ['attributeID SMALLINT NN', 'attributeName NVARCHAR(256) NN'], primaryKey: ['attributeID'] },
  { name: 'tblEnumValue', columns: ['valueID SMALLINT NN', 'attributeID SMALLINT NN', 'attributeValue NVARCHAR(256) NN'], primaryKey: ['valueID'], references: ['attributeID -> tblEnumAttribute.attributeID'] },
  {
    name: 'tblPrincipalInvites',
    columns: ['prinID INT NN', 'invID INT NN', 'nodeID INT NN', 'createdOn DATETIME NN'],
    primaryKey: ['prinID', 'nodeID'],
    references: ['prinID -> tblPrincipal.prinID', 'nodeID -> tblNode.nodeID'],
  },
  { name: 'tblChat', columns: ['channelID INT NN', 'chatID BIGINT NN', 'chatDate BIGINT NN', 'userId INT NN', 'isAlert BIT NN', 'content NVARCHAR(MAX) NN'], primaryKey: ['channelID', 'chatID'] },
  { name: 'tblLastInviteId', columns: ['prinID INT NN', 'lastInviteId INT NN'], primaryKey: ['prinID'], references: ['prinID -> tblPrincipal.prinID'] },
  { name: 'tblLastChatId', columns: ['nodeID INT NN', 'lastChatId BIGINT NN'], primaryKey: ['nodeID', 'lastChatId'], references: ['nodeID -> tblNode.nodeID'] },
  { name: 'tblPreference', columns: ['prefLabel NVARCHAR(255) NN', 'prefSeqID INT NN', 'prefContent NVARCHAR(MAX)', 'lastModifiedBy INT NN'], primaryKey: ['prefLabel', 'prefSeqID'] },
  {
    name: 'tblFileToken',
    columns: ['fileToken NVARCHAR(50) NN', 'fileTokenUserID INT NN', 'fileTokenChannelID UNIQUEIDENTIFIER NN', 'fileTokenExpireTime DATETIME NN'],
    primaryKey: ['fileToken'],
    references: ['fileTokenChannelID -> tblNode.nodeGuid'],
  },
  { name: 'tblServerIdentity', columns: ['serverID INT NN', 'serverAddress NVARCHAR(256) NN', 'serverType INT NN', 'serverLastPingTime DATETIME'], primaryKey: ['serverID'] },
  { name: 'tblAdminLock', columns: ['lockExpiresTime DATETIME NN', 'lockServerId INT NN', 'lockActorId INT NN'] },
  { name: 'tblSystemRevision', columns: ['sysRevision BIGINT NN'] },
  {
    name: 'tblActivePeers',
    columns: ['aplServerID INT NN', 'aplPeerID INT NN'],
    primaryKey: ['aplServerID', 'aplPeerID'],
    references: ['aplServerID -> tblServerIdentity.serverID', 'aplPeerID -> tblServerIdentity.serverID'],
  },
  { name: 'tblVersion', columns: ['versionId INT NN', 'versionedOn DATETIME NN', 'description NVARCHAR(255)', 'poolId UNIQUEIDENTIFIER NN'] },
  { name: 'tblConfig', columns: ['configLabel NVARCHAR(255) NN', 'configSeqID INT NN', 'configContent NVARCHAR(MAX)', 'lastModifiedBy INT NN'], primaryKey: ['configLabel', 'configSeqID'] },
  { name: 'tblLogs', columns: [], undocumented: ['logEntry'] },
  {
    name: 'tblComplianceData',
    columns: [
      'cmplEventID INT NN', 'entryDate SMALLDATETIME NN', 'cmplType INT NN', 'cmplTime BIGINT NN', 'cmplChannelUri NVARCHAR(255) NN', 'cmplChatID BIGINT NN', 'cmplUserID INT NN',
      'cmplUserUri NVARCHAR(255) NN', 'cmplMessage NVARCHAR(MAX)',
    ],
    primaryKey: ['cmplEventID'],
  },
  { name: 'tblComplianceFanout', columns: ['fanoutEventID INT', 'fanoutServerID INT'], references: ['fanoutEventID -> tblComplianceData.cmplEventID'] },
  {
    name: 'tblComplianceParticipant',
    columns: ['channelUri NVARCHAR(255) NN', 'userId INT NN', 'joinedAt BIGINT NN', 'partedAt BIGINT', 'userUri NVARCHAR(255) NN', 'serverId INT', 'sessionId BIGINT'],
    primaryKey: ['channelUri', 'userId', 'joinedAt'],
  },
  { name: 'tblComplianceTranslator', columns: ['translatorID INT NN', 'cmplTranslatorName NVARCHAR(255) NN', 'cmplTranslatorGuid UNIQUEIDENTIFIER NN'], primaryKey: ['translatorID'] },
  { name: 'tblLastComplianceID', columns: ['entryDate SMALLDATETIME NN', 'translatorID INT NN'], references: ['translatorID -> tblComplianceTranslator.translatorID'] },
  { name: 'tblComplianceVersion', columns: ['versionId INT NN', 'versionedOn DATETIME NN', 'description NVARCHAR(255)'] },
];

/** domain.md §5.1-5.4 (the mgc database; mgccomp's compliance tables are not created here). */
export const MGC_DOCUMENTED: readonly DocumentedTable[] = [
  { name: 'tblADCookie', columns: ['prinGuid UNIQUEIDENTIFIER NN', 'prinDCHost NVARCHAR(255)?', 'adcContent IMAGE?', 'lastUpdated DATETIME?', 'lockedUntil DATETIME?'], primaryKey: ['prinGuid'], references: ['prinGuid -> tblPrincipal.prinGuid'] },
  { name: 'tblPrincipalMemberDifference', columns: ['prinGuid UNIQUEIDENTIFIER NN', 'memberADPath NVARCHAR(256)?', 'memberRemoved BIT NN'], primaryKey: ['prinGuid', 'memberADPath'] },
  {
    name: 'tblADUpdates',
    columns: ['prinGuid UNIQUEIDENTIFIER?', 'prinADPath NVARCHAR(384)?', 'prinAttributesChanged BIT NN', 'prinMembersChanged BIT NN', 'prinAffiliationsChanged BIT NN', 'prinDeleted BIT NN', 'lastUpdated DATETIME?'],
  },
  { name: 'tblPrincipalMembers', columns: ['prinID INT?', 'memberADPath NVARCHAR(384)?'], primaryKey: ['prinID', 'memberADPath'] },
  {
    name: 'tblPrincipalMeta',
    columns: ['prinID INT?', 'prinAffiliationsDirty BIT?', 'prinAttributesDirty BIT?', 'prinDeleted BIT?', 'tryCount INT?', 'lastTry DATETIME', 'nextTry DATETIME'],
    primaryKey: ['prinID'],
    references: ['prinID -> tblPrincipal.prinID'],
  },
  { name: 'tblSkippedAffiliations', columns: ['prinID INT?', 'affDescription NVARCHAR(256)?', 'updatedBy INT?'], primaryKey: ['prinID', 'affDescription'] },
  { name: 'tblPrincipalType', columns: ['ptypeID SMALLINT?', 'ptypeDesc NVARCHAR(256)?', 'ptypeIsSystemUser BIT?', 'ptypeIsUser BIT?'], primaryKey: ['ptypeID'] },
  {
    name: 'tblPrincipal',
    columns: [
      'prinID INT NN', 'prinGuid UNIQUEIDENTIFIER NN', 'prinUri NVARCHAR(256) NN', 'prinName NVARCHAR(256)?', 'prinDisplayName NVARCHAR(256)?', 'prinCompanyName NVARCHAR(256)?',
      'prinEmail NVARCHAR(256)?', 'prinADPath NVARCHAR(384)?', 'prinADUserPrincipalName NVARCHAR(256)?', 'prinDisabled SMALLINT NN', 'prinTypeID SMALLINT NN', 'prinPoolID INT?',
      'prinPolicyID INT?', 'prinAddedBy INT?', 'prinUpdatedBy INT?', 'prinAddedOn BIGINT NN', 'prinUpdatedOn BIGINT NN', 'prinVerifiedOn DATETIME NN',
    ],
    primaryKey: ['prinID'],
    references: ['prinTypeID -> tblPrincipalType.ptypeID'],
  },
  {
    name: 'tblPrincipalAffiliations',
    columns: ['principalID INT?', 'affiliationID INT?', 'index INT?', 'updatedBy INT?'],
    primaryKey: ['principalID', 'index', 'affiliationID'],
    references: ['principalID -> tblPrincipal.prinID', 'affiliationID -> tblPrincipal.prinID'],
  },
  { name: 'tblEnumAttribute', columns: ['attributeID SMALLINT?', 'attributeName NVARCHAR(256)?'], primaryKey: ['attributeID'] },
  { name: 'tblEnumValue', columns: ['valueID SMALLINT?', 'attributeID SMALLINT?', 'attributeValue NVARCHAR(256)?'], primaryKey: ['valueID'] },
  { name: 'tblSiopWhiteList', columns: ['siopID UNIQUEIDENTIFIER?', 'siopName NVARCHAR(50)?', 'siopUrl NVARCHAR(255)?'], primaryKey: ['siopID'] },
  {
    name: 'tblNode',
    columns: [
      'nodeID INT NN', 'nodeGuid UNIQUEIDENTIFIER NN', 'parentID INT', 'nodeType BIT NN', 'nodeName NVARCHAR(256) NN', 'nodeDesc NVARCHAR(256) NN', 'invite BIT', 'logged BIT',
      'filePost BIT', 'disabled BIT NN', 'behavior SMALLINT NN', 'visibility SMALLINT NN', 'siopID UNIQUEIDENTIFIER?', 'nodeAddedBy INT NN', 'nodeUpdatedBy INT NN',
      'nodeAddedOn BIGINT NN', 'nodeUpdatedOn BIGINT NN', 'purgedOn DATETIME?',
    ],
    primaryKey: ['nodeID'],
    references: ['behavior -> tblEnumValue.valueID', 'visibility -> tblEnumValue.valueID', 'siopID -> tblSiopWhiteList.siopID'],
  },
  { name: 'tblRoleType', columns: ['rtypeID INT?', 'rtypeDesc NVARCHAR(256)?', 'rtypeAllowedPermSet BIGINT?'], primaryKey: ['rtypeID'] },
  { name: 'tblScopePrincipal', columns: ['scopeNodeID INT?', 'scopePrinID INT?', 'scopeIsDenied BIT?', 'scopeUpdatedBy INT?'], primaryKey: ['scopeNodeID', 'scopePrinID'] },
  {
    name: 'tblPrincipalRole',
    columns: ['prinRoleNodeID INT?', 'prinRolePrinID INT?', 'prinRoleTypeID INT?', 'prinRoleUpdatedBy INT?'],
    primaryKey: ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'],
    references: ['prinRoleTypeID -> tblRoleType.rtypeID'],
  },
  { name: 'tblPrincipalInvites', columns: ['prinID INT?', 'invID INT?', 'nodeID INT?', 'createdOn DATETIME?'], primaryKey: ['prinID', 'nodeID'] },
  { name: 'tblLastInviteId', columns: ['prinID INT?', 'lastInviteID INT?'], primaryKey: ['prinID'], references: ['prinID -> tblPrincipal.prinID'] },
  { name: 'tblChat', columns: ['channelId INT?', 'chatId BIGINT?', 'chatDate BIGINT?', 'userId INT?', 'isAlert BIT?', 'content NVARCHAR(MAX) NN', 'rtf VARCHAR(MAX)'], primaryKey: ['channelId', 'chatId'] },
  { name: 'tblLastChatId', columns: ['nodeID INT?', 'lastChatID BIGINT?'], primaryKey: ['nodeID', 'lastChatID'] },
  { name: 'tblPreference', columns: ['prefLabel NVARCHAR(255)?', 'prefSeqID INT?', 'prefContent NVARCHAR(MAX)?', 'lastModifiedBy INT?'], primaryKey: ['prefLabel', 'prefSeqID'] },
  {
    name: 'tblFileToken',
    columns: [
      'fileToken NVARCHAR(50)?', 'fileTokenUserID INT?', 'fileTokenChannelID UNIQUEIDENTIFIER?', 'fileTokenExpireDate DATETIME?', 'fileTokenComplianceFileUrl NVARCHAR(256)?',
      'fileTokenComplianceThumbnailUrl NVARCHAR(256)?', 'fileTokenComplianceTime DATETIME2?', 'fileTokenComplianceIsUpload BIT?', 'fileTokenCompliancePinned BIT NN',
    ],
    primaryKey: ['fileToken'],
    references: ['fileTokenChannelID -> tblNode.nodeGuid'],
  },
  { name: 'tblServerIdentity', columns: ['serverID INT?', 'serverAddress NVARCHAR(256)?', 'serverLastPingTime DATETIME?'], primaryKey: ['serverID'] },
  { name: 'tblAdminLock', columns: ['lockExpiresTime DATETIME?', 'lockServerID INT?', 'lockActorID INT?'] },
  { name: 'tblSystemRevision', columns: ['sysRevision BIGINT?'] },
  { name: 'tblActivePeers', columns: ['aplServerID INT?', 'aplPeerID INT?'], primaryKey: ['aplServerID', 'aplPeerID'], references: ['aplServerID -> tblServerIdentity.serverID', 'aplPeerID -> tblServerIdentity.serverID'] },
  { name: 'tblConfig', columns: ['configLabel NVARCHAR(255)?', 'configContent NVARCHAR(MAX)?', 'configPoolID UNIQUEIDENTIFIER?'], primaryKey: ['configLabel'] },
];
