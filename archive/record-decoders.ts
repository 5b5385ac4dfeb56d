/**
 * XML -> model, one record at a time, trusting nothing: every id, flag, date, enum and length is checked, and an
 * error names the part, the record and the field.
 */
import { excerpt } from '../core/excerpt.js';
import { PackageError } from '../core/errors.js';
import {
  LIMITS,
  PRINCIPAL_TYPE_NAMES,
  PRIVACIES,
  ROOM_TYPES,
  type Addin,
  type Affiliation,
  type Chat,
  type ChatNode,
  type Principal,
  type PrincipalStateId,
  type PrincipalTypeId,
  type Privacy,
  type RoleName,
  type RoomType,
} from '../core/model.js';
import type { CategoryRecord, RoleGrant, RoomRecord, ScopeGrant } from '../core/records.js';
import { parseTicks, type Ticks } from '../core/ticks.js';
import { decodeBase64Text } from './xml-text.js';
import { child, type XmlElement } from './xml-reader.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TYPE_IDS = new Map(Object.entries(PRINCIPAL_TYPE_NAMES).map(([id, name]) => [name, Number(id) as PrincipalTypeId]));
// Group Chat 2010's ExternalUser and FederatedUser are user kinds too (core/model.ts isUserType).
const USER_TYPES = new Set(['User', 'AnyUser', 'SystemUser', 'ExternalUser', 'FederatedUser']);

/** Where a record sits, for error messages. */
export class RecordSite {
  constructor(
    readonly part: string,
    public index = 0,
  ) {}

  fail(element: XmlElement, message: string): never {
    const id = element.attributes.id ?? element.attributes.principalId ?? element.attributes.chatId;
    throw new PackageError(`record ${this.index} (<${element.name}${id === undefined ? '' : ` id="${excerpt(id)}"`}>): ${message}`, {
      part: this.part,
    });
  }
}

function int(site: RecordSite, e: XmlElement, name: string, options: { min?: number; optional?: boolean } = {}): number {
  const text = e.attributes[name];
  if (text === undefined) {
    if (options.optional) return NaN;
    site.fail(e, `the attribute ${name} is missing`);
  }
  if (!/^-?\d{1,10}$/.test(text) || !Number.isSafeInteger(Number(text)) || Math.abs(Number(text)) > 2147483647) {
    site.fail(e, `the attribute ${name}="${excerpt(text)}" is not a 32-bit whole number`);
  }
  const value = Number(text);
  if (value < (options.min ?? 1)) site.fail(e, `the attribute ${name}="${excerpt(text)}" is out of range`);
  return value;
}

function ticks(site: RecordSite, e: XmlElement, name: string, optional = false): Ticks | null {
  const text = e.attributes[name];
  if (text === undefined) return optional ? null : site.fail(e, `the attribute ${name} is missing`);
  const value = parseTicks(text);
  if (value === undefined) site.fail(e, `the attribute ${name}="${excerpt(text)}" is not a valid date in .NET ticks`);
  return value;
}

function flag(site: RecordSite, e: XmlElement, name: string, missing: boolean | null = null): boolean | null {
  const text = e.attributes[name];
  if (text === undefined) return missing;
  if (text === '1') return true;
  if (text === '0') return false;
  return site.fail(e, `the attribute ${name}="${excerpt(text)}" must be 1 or 0`);
}

function requiredFlag(site: RecordSite, e: XmlElement, name: string, missing: boolean): boolean {
  return flag(site, e, name, missing) ?? missing;
}

function guid(site: RecordSite, e: XmlElement, name: string, optional = false): string | null {
  const text = e.attributes[name];
  if (text === undefined) return optional ? null : site.fail(e, `the attribute ${name} is missing`);
  if (!GUID.test(text)) site.fail(e, `the attribute ${name}="${excerpt(text)}" is not a GUID`);
  return text.toLowerCase();
}

function choice<T extends string>(site: RecordSite, e: XmlElement, name: string, allowed: readonly T[]): T {
  const text = e.attributes[name];
  const match = allowed.find((a) => a === text);
  if (match === undefined) site.fail(e, `the attribute ${name}="${excerpt(text ?? '')}" must be one of ${allowed.join(', ')}`);
  return match;
}

/** The text of a child element (decoding base64 where marked); null when the element is absent. */
function text(site: RecordSite, e: XmlElement, name: string, maxLength: number, required: boolean): string | null {
  const element = child(e, name);
  if (!element) return required ? site.fail(e, `the element <${name}> is missing`) : null;
  let value = element.text;
  const encoding = element.attributes.encoding;
  if (encoding !== undefined) {
    if (encoding !== 'base64') site.fail(e, `<${name}> has an unknown encoding "${excerpt(encoding)}"`);
    const decoded = decodeBase64Text(value.trim());
    if (decoded === undefined) site.fail(e, `<${name}> is marked base64 but is not valid base64 text`);
    value = decoded;
  }
  if (value.length > maxLength) site.fail(e, `<${name}> is ${value.length} characters long; the limit is ${maxLength}`);
  return value;
}

export function decodePrincipal(site: RecordSite, e: XmlElement): Principal {
  const typeName = e.attributes.type ?? '';
  const type = TYPE_IDS.get(typeName);
  if (type === undefined) site.fail(e, `the attribute type="${excerpt(typeName)}" is not a principal type (${[...TYPE_IDS.keys()].join(', ')})`);
  if ((e.name === 'User') !== USER_TYPES.has(typeName)) site.fail(e, `a principal of type ${typeName} does not belong in <${e.name}>`);
  const disabled = int(site, e, 'disabled', { min: 0 });
  if (disabled > 2) site.fail(e, `the attribute disabled="${disabled}" must be 0, 1 or 2`);
  return {
    id: int(site, e, 'principalId'),
    guid: guid(site, e, 'guid')!,
    type,
    disabled: disabled as PrincipalStateId,
    addedOn: ticks(site, e, 'addedOn')!,
    updatedOn: ticks(site, e, 'updatedOn')!,
    uri: text(site, e, 'Uri', LIMITS.principalUri, true)!,
    upn: text(site, e, 'UserPrincipalName', LIMITS.principalText, false),
    name: text(site, e, 'Name', LIMITS.principalText, false),
    displayName: text(site, e, 'DisplayName', LIMITS.principalText, false),
    company: text(site, e, 'Company', LIMITS.principalText, false),
    email: text(site, e, 'Email', LIMITS.principalText, false),
    adPath: text(site, e, 'AdPath', LIMITS.principalAdPath, false),
  };
}

export function decodeAffiliations(site: RecordSite, e: XmlElement): Affiliation[] {
  const principalId = int(site, e, 'id');
  const groups = child(e, 'Groups');
  if (!groups) site.fail(e, 'the element <Groups> is missing');
  return groups.children.map((g) => {
    if (g.name !== 'Group') site.fail(e, `unexpected element <${g.name}> in <Groups>`);
    return { principalId, affiliationId: int(site, g, 'id'), index: int(site, g, 'index', { min: 0 }) };
  });
}

function decodeRoles(site: RecordSite, e: XmlElement): RoleGrant[] {
  const roles = child(e, 'Roles');
  if (!roles) return [];
  const grants: RoleGrant[] = [];
  for (const p of roles.children) {
    if (p.name !== 'Principal') site.fail(e, `unexpected element <${p.name}> in <Roles>`);
    const principalId = int(site, p, 'id');
    const flags: [string, RoleName][] = [
      ['isMember', 'Member'],
      ['isManager', 'Manager'],
      ['isVoiced', 'Voiced'],
      ['isCreator', 'Creator'],
    ];
    for (const [attribute, role] of flags) if (flag(site, p, attribute)) grants.push({ principalId, role });
  }
  return grants;
}

function decodeNode(site: RecordSite, e: XmlElement, kind: ChatNode['kind'], parentAttribute: string): ChatNode {
  const isRoom = kind === 'ChatRoom';
  return {
    id: int(site, e, 'id'),
    guid: guid(site, e, 'guid')!,
    parentId: int(site, e, parentAttribute),
    kind,
    name: text(site, e, 'Name', LIMITS.nodeName, true)!,
    description: text(site, e, 'Desc', LIMITS.nodeDescription, false) ?? '',
    invite: flag(site, e, 'invite'),
    logged: flag(site, e, 'logged'),
    filePost: flag(site, e, 'filePost'),
    disabled: isRoom ? requiredFlag(site, e, 'isDisabled', false) : false,
    behavior: isRoom ? choice<RoomType>(site, e, 'type', ROOM_TYPES) : 'Normal',
    visibility: isRoom ? choice<Privacy>(site, e, 'privacy', PRIVACIES) : 'Closed',
    addinId: isRoom ? guid(site, e, 'addinId', true) : null,
    addedBy: Number.isNaN(int(site, e, 'addedBy', { optional: true })) ? 1 : int(site, e, 'addedBy'),
    updatedBy: Number.isNaN(int(site, e, 'updatedBy', { optional: true })) ? 1 : int(site, e, 'updatedBy'),
    addedOn: ticks(site, e, 'addedOn')!,
    updatedOn: ticks(site, e, 'updatedOn')!,
    topic: isRoom ? text(site, e, 'Topic', LIMITS.nodeName, false) : null,
    inheritance: flag(site, e, 'inheritance'),
    scopeChange: flag(site, e, 'scopeChange'),
    overrideMember: flag(site, e, 'overrideMember'),
  };
}

export function decodeCategory(site: RecordSite, e: XmlElement): CategoryRecord {
  const node = decodeNode(site, e, 'Category', 'parentId');
  const scopeElement = child(e, 'Scope');
  const scope: ScopeGrant[] = (scopeElement?.children ?? []).map((p) => {
    if (p.name !== 'Principal') site.fail(e, `unexpected element <${p.name}> in <Scope>`);
    return { principalId: int(site, p, 'id'), denied: requiredFlag(site, p, 'isDenied', false) };
  });
  return { node, scope, roles: decodeRoles(site, e), inScope: requiredFlag(site, e, 'inScope', true) };
}

export function decodeRoom(site: RecordSite, e: XmlElement): RoomRecord {
  return { node: decodeNode(site, e, 'ChatRoom', 'categoryId'), roles: decodeRoles(site, e) };
}

export function decodeAddin(site: RecordSite, e: XmlElement): Addin {
  return {
    id: guid(site, e, 'id')!,
    name: text(site, e, 'Name', LIMITS.addinName, true)!,
    url: text(site, e, 'Url', LIMITS.addinUrl, true)!,
  };
}

export function decodeChat(site: RecordSite, e: XmlElement, maxContentChars: number): Chat {
  const chatIdText = e.attributes.chatId ?? '';
  if (!/^(0|[1-9]\d{0,18})$/.test(chatIdText) || BigInt(chatIdText) > 9223372036854775807n) {
    site.fail(e, `the attribute chatId="${excerpt(chatIdText)}" is not a valid chat id`);
  }
  return {
    roomId: int(site, e, 'roomId'),
    chatId: BigInt(chatIdText),
    date: ticks(site, e, 'date')!,
    userId: int(site, e, 'userId'),
    isAlert: requiredFlag(site, e, 'isAlert', false),
    content: text(site, e, 'Content', maxContentChars, true)!,
    rtf: text(site, e, 'Rtf', maxContentChars, false),
  };
}
