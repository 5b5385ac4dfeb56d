/**
 * One Group Chat room -> one Persistent Chat room (domain.md §4.4, §4.6): the name takes its subcategory's prefix,
 * invitations become Inherit or False (a room cannot turn them on when its category has them off), per-room chat
 * history and file upload give way to the category's, the topic is dropped, presenters need an auditorium, and
 * managers and members inherited from categories are made explicit. Then Persistent Chat's access model: a presenter
 * of a Closed or Secret room is also a member, and the room's members, managers and presenters lie within its
 * category's AllowedMembers less DeniedMembers (memberships followed through `graph`, in the package's principal ids);
 * the others are not imported, with a warning. A category without AllowedMembers is not judged (nothing is lost).
 */
import { outsideScope, type MembershipGraph } from '../membership.js';
import { LIMITS, type ChatNode, type Privacy, type RoomType } from '../model.js';
import type { RoomRecord } from '../records.js';
import { NAME_SEPARATOR, type FlatCategory } from './flatten-categories.js';
import type { NoticeSink } from './notices.js';

export type RoomInvitations = 'Inherit' | 'False';

export interface FlatRoom {
  readonly sourceId: number;
  readonly source: ChatNode;
  readonly name: string;
  readonly description: string;
  readonly category: FlatCategory;
  readonly invitations: RoomInvitations;
  readonly privacy: Privacy;
  readonly type: RoomType;
  readonly disabled: boolean;
  readonly addinId: string | null;
  readonly members: readonly number[];
  readonly managers: readonly number[];
  readonly presenters: readonly number[];
  readonly creators: readonly number[];
}

export function convertRoom(room: RoomRecord, category: FlatCategory, notices: NoticeSink, graph: MembershipGraph): FlatRoom {
  const node = room.node;
  const name = category.path.length > 1 ? `${category.name}${NAME_SEPARATOR}${node.name}` : node.name;
  const warn = (rule: Parameters<NoticeSink['add']>[0]['rule'], message: string, severity: 'Info' | 'Warning' | 'Error' = 'Warning'): void =>
    notices.add({ rule, severity, objectKind: 'ChatRoom', objectName: name, message });

  if (name !== node.name) warn('RoomNamePrefixed', `The room '${node.name}' in a subcategory is renamed '${name}'.`, 'Info');
  if (name.length > LIMITS.nodeName) {
    warn('NameTooLong', `The room name with its category prefix is ${name.length} characters long; the limit is ${LIMITS.nodeName}. Shorten the room or category names in the source and export again.`, 'Error');
  }

  let invitations: RoomInvitations = 'Inherit';
  if (category.forced) {
    // A category with `inheritance` makes its rooms take its settings, whatever the room said.
    const overridden = (['invite', 'logged', 'filePost'] as const).filter((k) => {
      const categoryValue = k === 'invite' ? category.invitations : k === 'logged' ? category.chatHistory : category.fileUpload;
      return node[k] !== null && node[k] !== categoryValue;
    });
    if (overridden.length > 0) {
      warn('InheritedSettings', `The category '${category.name}' makes its rooms inherit its settings, so the room's own ${overridden.join(', ')} value is replaced by the category's.`);
    }
  } else if (node.invite === false) invitations = 'False';
  else if (node.invite === true && !category.invitations) {
    invitations = 'False';
    warn('InvitationConflict', `The room has invitations on but its category '${category.name}' has them off; a room cannot turn them on, so they are set to False.`);
  }
  if (!category.forced && node.logged !== null && node.logged !== category.chatHistory) {
    warn('RoomChatHistory', `Chat history is a category setting in Persistent Chat: the room's own value (${node.logged ? 'on' : 'off'}) gives way to its category's (${category.chatHistory ? 'on' : 'off'}).`);
  }
  if (!category.forced && node.filePost !== null && node.filePost !== category.fileUpload) {
    warn('RoomFileUpload', `File upload is a category setting in Persistent Chat: the room's own value (${node.filePost ? 'on' : 'off'}) gives way to its category's (${category.fileUpload ? 'on' : 'off'}).`);
  }
  if (node.topic) warn('TopicDropped', `Persistent Chat rooms have no topic; the topic "${node.topic}" is not migrated.`, 'Info');
  if (node.disabled) warn('DisabledRoom', 'The room is disabled in the source and is imported disabled.', 'Info');

  const ids = (role: string): number[] => room.roles.filter((r) => r.role === role).map((r) => r.principalId);
  const managers = new Set([...ids('Manager'), ...category.inheritedManagers]);
  const members = new Set(ids('Member'));
  if (!node.overrideMember && category.inheritedMembers.some((id) => !members.has(id))) {
    const added = category.inheritedMembers.filter((id) => !members.has(id));
    for (const id of added) members.add(id);
    warn('InheritedMembers', `${added.length} member(s) the room inherited from its categories become explicit members.`, 'Info');
  }
  let presenters = ids('Voiced');
  if (presenters.length > 0 && node.behavior === 'Normal') {
    warn('PresentersInNormalRoom', `A room of type Normal cannot have presenters; ${presenters.length} presenter(s) are not migrated (they stay members if they were).`);
    presenters = [];
  }
  if (node.visibility !== 'Open') {
    const added = presenters.filter((id) => !members.has(id));
    for (const id of added) members.add(id);
    if (added.length > 0) warn('PresentersMadeMembers', `${added.length} presenter(s) of the ${node.visibility} room become members too: in Persistent Chat a presenter must be a member.`, 'Info');
  }
  let lists = { members: [...members], managers: [...managers], presenters };
  if (category.allowed.length > 0) {
    const scope = { allowed: new Set(category.allowed), denied: new Set(category.denied) };
    const out = { members: outsideScope(lists.members, scope, graph), managers: outsideScope(lists.managers, scope, graph), presenters: outsideScope(lists.presenters, scope, graph) };
    const total = out.members.length + out.managers.length + out.presenters.length;
    if (total > 0) {
      warn(
        'RoleOutsideCategory',
        `${out.members.length} member(s), ${out.managers.length} manager(s) and ${out.presenters.length} presenter(s) of the room are not within its category '${category.name}' ` +
          "(its AllowedMembers, less its DeniedMembers) and are not imported: Persistent Chat admits to a room only the principals its category admits. " +
          'To keep them, add them to the category\'s AllowedMembers in the source and import again, or afterwards with Set-CsPersistentChatCategory and Set-CsPersistentChatRoom.',
      );
      const drop = (list: number[], gone: number[]): number[] => {
        const set = new Set(gone);
        return list.filter((id) => !set.has(id));
      };
      lists = { members: drop(lists.members, out.members), managers: drop(lists.managers, out.managers), presenters: drop(lists.presenters, out.presenters) };
    }
  }
  return {
    sourceId: node.id,
    source: node,
    name,
    description: node.description,
    category,
    invitations,
    privacy: node.visibility,
    type: node.behavior,
    disabled: node.disabled,
    addinId: node.addinId,
    members: lists.members,
    managers: lists.managers,
    presenters: lists.presenters,
    creators: ids('Creator'),
  };
}
