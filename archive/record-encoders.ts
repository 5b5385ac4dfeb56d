/** Model -> XML, one record at a time, as template strings (4x faster than a generic builder; node-deps.md §5). */
import { isUserType, PRINCIPAL_TYPE_NAMES, type Addin, type Affiliation, type Chat, type ChatNode, type Principal } from '../core/model.js';
import type { CategoryRecord, RoleGrant, RoomRecord } from '../core/records.js';
import { attribute, optionalTextElement, textElement } from './xml-text.js';

export function encodePrincipal(p: Principal): string {
  const element = isUserType(p.type) || p.type === 4 ? 'User' : 'Group';
  return (
    `<${element}${attribute('principalId', p.id)}${attribute('guid', p.guid)}${attribute('type', PRINCIPAL_TYPE_NAMES[p.type])}` +
    `${attribute('disabled', p.disabled)}${attribute('addedOn', p.addedOn)}${attribute('updatedOn', p.updatedOn)}>` +
    textElement('Uri', p.uri) +
    optionalTextElement('UserPrincipalName', p.upn) +
    optionalTextElement('Name', p.name) +
    optionalTextElement('DisplayName', p.displayName) +
    optionalTextElement('Company', p.company) +
    optionalTextElement('Email', p.email) +
    optionalTextElement('AdPath', p.adPath) +
    `</${element}>`
  );
}

/** One <User id> per principal with its memberships (Microsoft's AdAffiliations shape). */
export function encodeAffiliations(principalId: number, affiliations: readonly Affiliation[]): string {
  let groups = '';
  for (const a of affiliations) groups += `<Group${attribute('id', a.affiliationId)}${attribute('index', a.index)}/>`;
  return `<User${attribute('id', principalId)}><Groups>${groups}</Groups></User>`;
}

function encodeRoles(roles: readonly RoleGrant[]): string {
  // Microsoft's shape: one <Principal> per principal with a flag per role, '1' for true (domain.md §6.2).
  const byPrincipal = new Map<number, Set<string>>();
  for (const r of roles) {
    let set = byPrincipal.get(r.principalId);
    if (!set) byPrincipal.set(r.principalId, (set = new Set()));
    set.add(r.role);
  }
  let xml = '<Roles>';
  for (const [id, set] of byPrincipal) {
    xml +=
      `<Principal${attribute('id', id)}${attribute('isManager', set.has('Manager'))}${attribute('isMember', set.has('Member'))}` +
      `${attribute('isCreator', set.has('Creator'))}${attribute('isVoiced', set.has('Voiced'))}/>`;
  }
  return xml + '</Roles>';
}

function nodeAttributes(n: ChatNode): string {
  return (
    `${attribute('id', n.id)}${attribute('guid', n.guid)}${attribute('invite', n.invite)}${attribute('logged', n.logged)}` +
    `${attribute('filePost', n.filePost)}${attribute('addedBy', n.addedBy)}${attribute('updatedBy', n.updatedBy)}` +
    `${attribute('addedOn', n.addedOn)}${attribute('updatedOn', n.updatedOn)}${attribute('inheritance', n.inheritance)}` +
    `${attribute('scopeChange', n.scopeChange)}${attribute('overrideMember', n.overrideMember)}`
  );
}

export function encodeCategory(c: CategoryRecord): string {
  let scope = '<Scope>';
  for (const s of c.scope) scope += `<Principal${attribute('id', s.principalId)}${attribute('isDenied', s.denied)}/>`;
  scope += '</Scope>';
  return (
    `<Category${nodeAttributes(c.node)}${attribute('parentId', c.node.parentId)}${attribute('inScope', c.inScope)}>` +
    textElement('Name', c.node.name) +
    textElement('Desc', c.node.description) +
    scope +
    encodeRoles(c.roles) +
    '</Category>'
  );
}

export function encodeRoom(r: RoomRecord): string {
  const n = r.node;
  // isDisabled first and Name, Desc, Roles in this order: PChat2Teams-style readers depend on it.
  return (
    `<ChatRoom${attribute('isDisabled', n.disabled)}${nodeAttributes(n)}${attribute('categoryId', n.parentId)}` +
    `${attribute('privacy', n.visibility)}${attribute('type', n.behavior)}${attribute('addinId', n.addinId)}>` +
    textElement('Name', n.name) +
    textElement('Desc', n.description) +
    encodeRoles(r.roles) +
    optionalTextElement('Topic', n.topic) +
    '</ChatRoom>'
  );
}

export function encodeAddin(a: Addin): string {
  return `<Addin${attribute('id', a.id)}>${textElement('Name', a.name)}${textElement('Url', a.url)}</Addin>`;
}

export function encodeChat(c: Chat): string {
  return (
    `<Message roomId="${c.roomId}" chatId="${c.chatId}" date="${c.date}" userId="${c.userId}" isAlert="${c.isAlert ? 1 : 0}">` +
    textElement('Content', c.content) +
    optionalTextElement('Rtf', c.rtf) +
    '</Message>'
  );
}
