/**
 * What an export carries per directory object: a node with the access entries that hang off it. Categories carry
 * their scope (AllowedMembers / DeniedMembers) and roles (Creators, and in Group Chat 2010 managers and members that
 * rooms below inherit); rooms carry their roles (Members, Managers, Presenters = Voiced).
 */
import type { ChatNode, RoleName } from './model.js';

export interface RoleGrant {
  principalId: number;
  role: RoleName;
}

export interface ScopeGrant {
  principalId: number;
  denied: boolean;
}

export interface CategoryRecord {
  node: ChatNode;
  scope: ScopeGrant[];
  roles: RoleGrant[];
  /** False for an ancestor exported only so that a scoped subcategory can be flattened and inherit settings. */
  inScope: boolean;
}

export interface RoomRecord {
  node: ChatNode;
  roles: RoleGrant[];
}

export function isRoot(node: ChatNode): boolean {
  return node.parentId === node.id;
}
