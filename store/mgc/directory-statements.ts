/**
 * The directory facet's statements, written once for every dialect: the scopes and roles of a node, its removal
 * with everything that refers to it, add-ins, and disabling nodes. store/mgc/directory-writes.ts runs them.
 */
import { BOTH_SCHEMAS, checkRowCount, IDS_PER_UPDATE, ROWS_PER_INSERT, writeStatement, type ParamType, type Statement } from './statement.js';

export const DELETE_SCOPES = writeStatement('DELETE_SCOPES', 'DELETE FROM tblScopePrincipal WHERE scopeNodeID = @node', { node: 'int' });

export function insertScopes(rows: number): Statement {
  checkRowCount(rows, ROWS_PER_INSERT);
  const params: Record<string, ParamType> = { node: 'int' };
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    params[`p${i}`] = 'int';
    params[`d${i}`] = 'bit';
    values.push(`(@node, @p${i}, @d${i}, 1)`);
  }
  return writeStatement(`INSERT_SCOPES[${rows}]`, `INSERT INTO tblScopePrincipal (scopeNodeID, scopePrinID, scopeIsDenied, scopeUpdatedBy) VALUES ${values.join(', ')}`, params);
}

export const DELETE_ROLES = writeStatement('DELETE_ROLES', 'DELETE FROM tblPrincipalRole WHERE prinRoleNodeID = @node', { node: 'int' });

export function insertRoles(rows: number): Statement {
  checkRowCount(rows, ROWS_PER_INSERT);
  const params: Record<string, ParamType> = { node: 'int' };
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    params[`p${i}`] = 'int';
    params[`t${i}`] = 'int';
    values.push(`(@node, @p${i}, @t${i}, 1)`);
  }
  return writeStatement(`INSERT_ROLES[${rows}]`, `INSERT INTO tblPrincipalRole (prinRoleNodeID, prinRolePrinID, prinRoleTypeID, prinRoleUpdatedBy) VALUES ${values.join(', ')}`, params);
}

/** Removing a node: what refers to it first (file tokens by its guid), then the node itself. */
export const REMOVE_NODE: readonly Statement[] = [
  writeStatement('REMOVE_NODE_FILE_TOKENS', 'DELETE FROM tblFileToken WHERE fileTokenChannelID IN (SELECT nodeGuid FROM tblNode WHERE nodeID = @node)', { node: 'int' }),
  writeStatement('REMOVE_NODE_INVITES', 'DELETE FROM tblPrincipalInvites WHERE nodeID = @node', { node: 'int' }),
  writeStatement('REMOVE_NODE_CHATS', 'DELETE FROM tblChat WHERE channelId = @node', { node: 'int' }),
  writeStatement('REMOVE_NODE_LAST_CHAT_ID', 'DELETE FROM tblLastChatId WHERE nodeID = @node', { node: 'int' }),
  writeStatement('REMOVE_NODE_ROLES', 'DELETE FROM tblPrincipalRole WHERE prinRoleNodeID = @node', { node: 'int' }),
  writeStatement('REMOVE_NODE_SCOPES', 'DELETE FROM tblScopePrincipal WHERE scopeNodeID = @node', { node: 'int' }),
  writeStatement('REMOVE_NODE', 'DELETE FROM tblNode WHERE nodeID = @node', { node: 'int' }),
];

export const UPDATE_ADDIN = writeStatement('UPDATE_ADDIN', 'UPDATE tblSiopWhiteList SET siopName = @name, siopUrl = @url WHERE siopID = @id', { id: 'guid', name: 'text', url: 'text' });
export const INSERT_ADDIN = writeStatement('INSERT_ADDIN', 'INSERT INTO tblSiopWhiteList (siopID, siopName, siopUrl) VALUES (@id, @name, @url)', { id: 'guid', name: 'text', url: 'text' });
export const DELETE_ADDIN = writeStatement('DELETE_ADDIN', 'DELETE FROM tblSiopWhiteList WHERE siopID = @id', { id: 'guid' });

/** Both schemas: an export with -DisableExportedNodes disables the rooms of a Group Chat 2010 source too. */
export function setNodesDisabled(ids: number): Statement {
  checkRowCount(ids, IDS_PER_UPDATE);
  const params: Record<string, ParamType> = { disabled: 'bit' };
  for (let i = 0; i < ids; i++) params[`n${i}`] = 'int';
  return writeStatement(`SET_NODES_DISABLED[${ids}]`, `UPDATE tblNode SET disabled = @disabled WHERE nodeID IN (${Array.from({ length: ids }, (_, i) => `@n${i}`).join(', ')})`, params, BOTH_SCHEMAS);
}

/** Every statement of the facet, builders at their smallest and largest size, for the static check. */
export function directoryStatements(): Statement[] {
  const sizes = (max: number): number[] => [1, 2, max];
  return [
    DELETE_SCOPES, DELETE_ROLES, ...REMOVE_NODE, UPDATE_ADDIN, INSERT_ADDIN, DELETE_ADDIN,
    ...sizes(ROWS_PER_INSERT).flatMap((n) => [insertScopes(n), insertRoles(n)]),
    ...sizes(IDS_PER_UPDATE).map(setNodesDisabled),
  ];
}
