/**
 * SQLite DDL for the Lync 2013 Persistent Chat database (mgc) and the Lync 2010 Group Chat database, with
 * Microsoft's table and column names (domain.md §5) and SQL Server's declared types (SQLite keeps them as affinity
 * hints; (MAX) sizes are left off, as SQLite does not parse them), so that a real mgc database and ours answer the
 * same queries. Timestamps are bigint .NET ticks, GUIDs are
 * lower-case text, bits are 0/1. The index IX_tblChat_channelDate is ours: it makes re-running an import cheap.
 */
import type { SchemaKind } from '../../core/model.js';

const PRINCIPALS = `
CREATE TABLE tblPrincipalType (
  ptypeID SMALLINT NOT NULL PRIMARY KEY, ptypeDesc NVARCHAR(256) NOT NULL,
  ptypeIsSystemUser BIT NOT NULL, ptypeIsUser BIT NOT NULL);
CREATE TABLE tblPrincipal (
  prinID INTEGER NOT NULL PRIMARY KEY, prinGuid UNIQUEIDENTIFIER NOT NULL UNIQUE, prinUri NVARCHAR(256) NOT NULL,
  prinName NVARCHAR(256), prinDisplayName NVARCHAR(256), prinCompanyName NVARCHAR(256), prinEmail NVARCHAR(256),
  prinADPath NVARCHAR(384), prinADUserPrincipalName NVARCHAR(256), prinDisabled SMALLINT NOT NULL DEFAULT 0,
  prinTypeID SMALLINT NOT NULL REFERENCES tblPrincipalType(ptypeID), prinPoolID INT, prinPolicyID INT,
  prinAddedBy INT, prinUpdatedBy INT, prinAddedOn BIGINT NOT NULL, prinUpdatedOn BIGINT NOT NULL,
  prinVerifiedOn DATETIME NOT NULL);
CREATE INDEX IX_tblPrincipal_prinUri ON tblPrincipal(prinUri);
CREATE TABLE tblPrincipalAffiliations (
  principalID INT NOT NULL REFERENCES tblPrincipal(prinID), affiliationID INT NOT NULL REFERENCES tblPrincipal(prinID),
  "index" INT NOT NULL, updatedBy INT NOT NULL DEFAULT 1, PRIMARY KEY (principalID, "index", affiliationID));
CREATE TABLE tblPrincipalMeta (
  prinID INT NOT NULL PRIMARY KEY REFERENCES tblPrincipal(prinID), prinAffiliationsDirty BIT NOT NULL DEFAULT 0,
  prinAttributesDirty BIT NOT NULL DEFAULT 0, prinDeleted BIT NOT NULL DEFAULT 0, tryCount INT NOT NULL DEFAULT 0,
  lastTry DATETIME, nextTry DATETIME);
CREATE TABLE tblPrincipalMembers (prinID INT NOT NULL, memberADPath NVARCHAR(384) NOT NULL, PRIMARY KEY (prinID, memberADPath));
CREATE TABLE tblSkippedAffiliations (prinID INT NOT NULL, affDescription NVARCHAR(256) NOT NULL, updatedBy INT NOT NULL DEFAULT 1, PRIMARY KEY (prinID, affDescription));
CREATE TABLE tblADCookie (prinGuid UNIQUEIDENTIFIER NOT NULL PRIMARY KEY, prinDCHost NVARCHAR(255), adcContent IMAGE, lastUpdated DATETIME, lockedUntil DATETIME);
CREATE TABLE tblPrincipalMemberDifference (prinGuid UNIQUEIDENTIFIER NOT NULL, memberADPath NVARCHAR(256) NOT NULL, memberRemoved BIT NOT NULL, PRIMARY KEY (prinGuid, memberADPath));
CREATE TABLE tblADUpdates (
  prinGuid UNIQUEIDENTIFIER NOT NULL, prinADPath NVARCHAR(384), prinAttributesChanged BIT NOT NULL, prinMembersChanged BIT NOT NULL,
  prinAffiliationsChanged BIT NOT NULL, prinDeleted BIT NOT NULL, lastUpdated DATETIME);
`;

const NODE_COLUMNS = `
  nodeID INTEGER NOT NULL PRIMARY KEY, nodeGuid UNIQUEIDENTIFIER NOT NULL UNIQUE, parentID INT REFERENCES tblNode(nodeID),
  nodeType BIT NOT NULL, nodeName NVARCHAR(256) NOT NULL, nodeDesc NVARCHAR(256) NOT NULL,
  invite BIT, logged BIT, filePost BIT, disabled BIT NOT NULL DEFAULT 0,
  behavior SMALLINT NOT NULL REFERENCES tblEnumValue(valueID), visibility SMALLINT NOT NULL REFERENCES tblEnumValue(valueID),
  siopID UNIQUEIDENTIFIER REFERENCES tblSiopWhiteList(siopID),
  nodeAddedBy INT NOT NULL, nodeUpdatedBy INT NOT NULL, nodeAddedOn BIGINT NOT NULL, nodeUpdatedOn BIGINT NOT NULL,
  purgedOn DATETIME`;

/** Group Chat 2010 adds these to tblNode (domain.md §5.7). */
const LEGACY_NODE_COLUMNS = `,
  topic NVARCHAR(256) NOT NULL DEFAULT '', filestoreURI NVARCHAR(256), inheritance BIT, scopeChange BIT,
  overrideMember BIT, restrictChildCreate BIT`;

const NODES = (legacy: boolean): string => `
CREATE TABLE tblEnumAttribute (attributeID SMALLINT NOT NULL PRIMARY KEY, attributeName NVARCHAR(256) NOT NULL);
CREATE TABLE tblEnumValue (valueID SMALLINT NOT NULL PRIMARY KEY, attributeID SMALLINT NOT NULL REFERENCES tblEnumAttribute(attributeID), attributeValue NVARCHAR(256) NOT NULL);
CREATE TABLE tblSiopWhiteList (siopID UNIQUEIDENTIFIER NOT NULL PRIMARY KEY, siopName NVARCHAR(50) NOT NULL, siopUrl NVARCHAR(255) NOT NULL);
CREATE TABLE tblNode (${NODE_COLUMNS}${legacy ? LEGACY_NODE_COLUMNS : ''});
CREATE INDEX IX_tblNode_parentID ON tblNode(parentID);
CREATE TABLE tblRoleType (rtypeID INT NOT NULL PRIMARY KEY, rtypeDesc NVARCHAR(256) NOT NULL, rtypeAllowedPermSet BIGINT NOT NULL);
CREATE TABLE tblScopePrincipal (
  scopeNodeID INT NOT NULL REFERENCES tblNode(nodeID), scopePrinID INT NOT NULL REFERENCES tblPrincipal(prinID),
  scopeIsDenied BIT NOT NULL DEFAULT 0, scopeUpdatedBy INT NOT NULL DEFAULT 1, PRIMARY KEY (scopeNodeID, scopePrinID));
CREATE TABLE tblPrincipalRole (
  prinRoleNodeID INT NOT NULL REFERENCES tblNode(nodeID), prinRolePrinID INT NOT NULL REFERENCES tblPrincipal(prinID),
  prinRoleTypeID INT NOT NULL REFERENCES tblRoleType(rtypeID), prinRoleUpdatedBy INT NOT NULL DEFAULT 1,
  PRIMARY KEY (prinRoleNodeID, prinRolePrinID, prinRoleTypeID));
`;

const CHATS = `
CREATE TABLE tblPrincipalInvites (prinID INT NOT NULL, invID INT NOT NULL, nodeID INT NOT NULL, createdOn DATETIME NOT NULL, PRIMARY KEY (prinID, nodeID));
CREATE TABLE tblLastInviteId (prinID INT NOT NULL PRIMARY KEY, lastInviteID INT NOT NULL);
CREATE TABLE tblChat (
  channelId INT NOT NULL, chatId BIGINT NOT NULL, chatDate BIGINT NOT NULL, userId INT NOT NULL,
  isAlert BIT NOT NULL DEFAULT 0, content NVARCHAR NOT NULL, rtf VARCHAR, PRIMARY KEY (channelId, chatId));
CREATE INDEX IX_tblChat_channelDate ON tblChat(channelId, chatDate);
CREATE TABLE tblLastChatId (nodeID INT NOT NULL PRIMARY KEY, lastChatID BIGINT NOT NULL);
CREATE TABLE tblPreference (prefLabel NVARCHAR(255) NOT NULL, prefSeqID INT NOT NULL, prefContent NVARCHAR, lastModifiedBy INT, PRIMARY KEY (prefLabel, prefSeqID));
CREATE TABLE tblFileToken (
  fileToken NVARCHAR(50) NOT NULL PRIMARY KEY, fileTokenUserID INT NOT NULL, fileTokenChannelID UNIQUEIDENTIFIER NOT NULL,
  fileTokenExpireDate DATETIME NOT NULL, fileTokenComplianceFileUrl NVARCHAR(256), fileTokenComplianceThumbnailUrl NVARCHAR(256),
  fileTokenComplianceTime DATETIME2, fileTokenComplianceIsUpload BIT, fileTokenCompliancePinned BIT NOT NULL DEFAULT 0);
`;

const SERVER = `
CREATE TABLE tblServerIdentity (serverID INT NOT NULL PRIMARY KEY, serverAddress NVARCHAR(256), serverLastPingTime DATETIME);
CREATE TABLE tblAdminLock (lockExpiresTime DATETIME, lockServerID INT, lockActorID INT);
CREATE TABLE tblSystemRevision (sysRevision BIGINT NOT NULL);
CREATE TABLE tblActivePeers (aplServerID INT NOT NULL, aplPeerID INT NOT NULL, PRIMARY KEY (aplServerID, aplPeerID));
CREATE TABLE tblConfig (configLabel NVARCHAR(255) NOT NULL PRIMARY KEY, configContent NVARCHAR, configPoolID UNIQUEIDENTIFIER);
`;

/** Tables only Group Chat 2010 has (its compliance tables lived in the same database). */
const LEGACY_ONLY = `
CREATE TABLE tblTree (nodeID INT NOT NULL, ancestorID INT NOT NULL, depth INT NOT NULL, PRIMARY KEY (nodeID, ancestorID));
CREATE TABLE tblPurgedRoles (nodeID INT NOT NULL, purgedOn DATETIME NOT NULL);
CREATE TABLE tblPurgedScoped (nodeID INT NOT NULL, purgedOn DATETIME NOT NULL);
CREATE TABLE tblVersion (versionName NVARCHAR(64) NOT NULL PRIMARY KEY, versionValue NVARCHAR(64) NOT NULL);
CREATE TABLE tblLogs (logID INTEGER NOT NULL PRIMARY KEY, logDate DATETIME NOT NULL, logText NVARCHAR);
CREATE TABLE tblComplianceData (
  cmplEventID BIGINT NOT NULL PRIMARY KEY, entryDate SMALLDATETIME, cmplType INT NOT NULL, cmplTime BIGINT NOT NULL,
  cmplChannelUri NVARCHAR(255), cmplChatID BIGINT, cmplUserID INT, cmplUserUri NVARCHAR(255), cmplMessage NVARCHAR);
CREATE TABLE tblComplianceFanout (fanoutEventID INT NOT NULL, fanoutServerID INT NOT NULL);
CREATE TABLE tblComplianceParticipant (
  channelUri NVARCHAR(255) NOT NULL, userId INT NOT NULL, joinedAt BIGINT NOT NULL, partedAt BIGINT, userUri NVARCHAR(255),
  serverID INT, sessionId BIGINT, PRIMARY KEY (channelUri, userId, joinedAt));
CREATE TABLE tblComplianceTranslator (translatorID INT NOT NULL PRIMARY KEY, translatorName NVARCHAR(256));
CREATE TABLE tblLastComplianceID (lastComplianceID BIGINT NOT NULL);
CREATE TABLE tblComplianceVersion (versionValue NVARCHAR(64) NOT NULL);
`;

export function schemaDdl(kind: SchemaKind): string {
  const legacy = kind === 'GroupChat2010';
  return PRINCIPALS + NODES(legacy) + CHATS + SERVER + (legacy ? LEGACY_ONLY : '');
}
