/** Model -> XML, one record at a time, as template strings (4x faster than a generic builder; node-deps.md §5). */
import { isUserType, PRINCIPAL_TYPE_NAMES, type Addin, type Affiliation, type Chat, type ChatNode, type ChatRecordTemplate, type Principal } from '../core/model.js';
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

/**
 * encodeChat's record as literal text around its fields, for a database to render (Store.renderedChats), and what
 * completes such a record. A test renders both ways and compares them byte for byte.
 */
export const CHAT_RECORD_TEMPLATE: ChatRecordTemplate = {
  roomId: '<Message roomId="',
  chatId: '" chatId="',
  date: '" date="',
  userId: '" userId="',
  isAlert: '" isAlert="',
  content: '"><Content>',
  contentEnd: '</Content>',
  rtf: '<Rtf>',
  rtfEnd: '</Rtf>',
  end: '</Message>',
};
const T = CHAT_RECORD_TEMPLATE;
const NO_RTF_END = T.contentEnd + T.end;
const RTF_START = T.contentEnd + T.rtf;
const RTF_END = T.rtfEnd + T.end;
// The part of T.content that textElement writes again (with encoding="base64" when it must).
const CONTENT_TAG = '<Content>';
// What textElement escapes or encodes, searched for from where a text starts: the '<' of the markup after it stops
// the search at the latest, so clean text (nearly all of it) is tested without being copied.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u001F&<>\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Where the first character textElement would change is, from `start` on. */
function specialFrom(record: string, start: number): number {
  SPECIAL.lastIndex = start;
  return SPECIAL.test(record) ? SPECIAL.lastIndex - 1 : record.length;
}

/** The poster of a rendered record. */
export function renderedPoster(record: string): number {
  const start = record.indexOf(T.userId) + T.userId.length;
  // Read in place (once per message, no substring); a value too long to be exact this way is read by Number().
  const negative = record.charCodeAt(start) === 0x2d; /* - */
  let i = negative ? start + 1 : start;
  let n = 0;
  for (let c = record.charCodeAt(i); c >= 0x30 && c <= 0x39; c = record.charCodeAt(++i)) n = n * 10 + (c - 0x30);
  if (i - start > 15) return Number(record.slice(start, i));
  return negative ? -n : n;
}

/** A rendered record with its poster replaced (a poster the source lacks is exported as the system principal). */
export function withRenderedPoster(record: string, userId: number): string {
  const start = record.indexOf(T.userId) + T.userId.length;
  return record.slice(0, start) + userId + record.slice(record.indexOf(T.isAlert, start));
}

/** The XML of a rendered record: as it is when its texts need no escaping, else with them escaped (or base64). */
export function finishRenderedChat(record: string): string {
  // The start tag holds only digits, so the first T.content ends it.
  const start = record.indexOf(T.content) + T.content.length;
  const special = specialFrom(record, start);
  if (record.endsWith(NO_RTF_END)) {
    const end = record.length - NO_RTF_END.length;
    if (special === end) return record;
    return record.slice(0, start - CONTENT_TAG.length) + textElement('Content', record.slice(start, end)) + T.end;
  }
  // With an rtf the store made sure the content does not hold RTF_START, so its first occurrence ends the content.
  const contentEnd = record.indexOf(RTF_START, start);
  const rtfStart = contentEnd + RTF_START.length;
  const rtfEnd = record.length - RTF_END.length;
  if (special === contentEnd && specialFrom(record, rtfStart) === rtfEnd) return record;
  const content = record.slice(start, contentEnd);
  const rtf = record.slice(rtfStart, rtfEnd);
  return record.slice(0, start - CONTENT_TAG.length) + textElement('Content', content) + textElement('Rtf', rtf) + T.end;
}

export function encodeChat(c: Chat): string {
  return (
    `<Message roomId="${c.roomId}" chatId="${c.chatId}" date="${c.date}" userId="${c.userId}" isAlert="${c.isAlert ? 1 : 0}">` +
    textElement('Content', c.content) +
    optionalTextElement('Rtf', c.rtf) +
    '</Message>'
  );
}
