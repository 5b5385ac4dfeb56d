/**
 * Microsoft's rules for the names of categories and chat rooms (domain.md §1.2, §3.2.2, §3.3.2, §7): a name is
 * not empty, holds no backslash (it separates the pool from the name in an identity), fits tblNode.nodeName
 * (nvarchar(256), a migrated room's category prefix included), and is unique on its pool across categories and
 * rooms together, compared case-insensitively. Written once here for the directory cmdlets and for Import.
 */
import { PcmError, ParameterValueError } from '../errors.js';
import { excerpt } from '../excerpt.js';
import { sameName } from '../identity/pool-qualified-name.js';
import type { ChatNode } from '../model.js';

/** tblNode.nodeName and tblNode.nodeDesc are nvarchar(256). */
export const NODE_NAME_MAX = 256;
export const NODE_DESCRIPTION_MAX = 256;

const KIND_WORD = { Category: 'category', ChatRoom: 'chat room' } as const;

export function checkNodeName(value: string, kind: ChatNode['kind'], parameter = 'Name'): string {
  const name = value.trim();
  const what = KIND_WORD[kind];
  if (name === '') throw new ParameterValueError(`-${parameter} is empty: give the ${what} a name, for example ITChat.`, parameter);
  if (name.length > NODE_NAME_MAX) {
    throw new ParameterValueError(`-${parameter} '${excerpt(name)}' is ${name.length} characters long; a ${what} name holds at most ${NODE_NAME_MAX} (tblNode.nodeName). Choose a shorter name.`, parameter);
  }
  if (name.includes('\\')) throw new ParameterValueError(`-${parameter} '${excerpt(name)}' contains a backslash, which separates the pool from the name in an identity.`, parameter);
  return name;
}

export function checkNodeDescription(value: string, parameter = 'Description'): string {
  if (value.length > NODE_DESCRIPTION_MAX) {
    throw new ParameterValueError(`-${parameter} is ${value.length} characters long; a description holds at most ${NODE_DESCRIPTION_MAX} (tblNode.nodeDesc).`, parameter);
  }
  return value;
}

/**
 * Refuses a name another category or room of the pool already has (the root node aside, and the node being
 * renamed, `exceptId`). Categories and rooms share one name space: `pool\name` must name one object.
 */
export function refuseNameTaken(nodes: Iterable<ChatNode>, name: string, kind: ChatNode['kind'], pool: string, exceptId?: number): void {
  for (const node of nodes) {
    if (node.id === node.parentId || node.id === exceptId || !sameName(node.name, name)) continue;
    const fix = node.kind === 'Category' ? 'Set-CsPersistentChatCategory -Name' : 'Set-CsPersistentChatRoom -Name';
    throw new PcmError(
      `The pool ${pool} already has a ${KIND_WORD[node.kind]} named '${excerpt(node.name)}'; names are unique on a pool across categories and chat rooms, ` +
        `so the ${KIND_WORD[kind]} cannot be named '${excerpt(name)}'. Choose another name, or rename that one with ${fix}.`,
      { errorId: 'NameTaken', category: 'ResourceExists', target: `${pool}\\${name}` },
    );
  }
}
