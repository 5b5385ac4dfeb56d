/**
 * Small builders for the conversion tests: nodes, category and room records, principals, with defaults that trigger
 * no conversion at all (Group Chat 2010 style: settings null = inherited, no topic, nothing disabled), so that each
 * test states only the columns its rule reads. `migrate` runs the import's conversion steps in order.
 */
import { planCategories, rootCategoryFor, type CategoryPlan, type FlatCategory } from '../../../core/convert/flatten-categories.js';
import { convertRoom, type FlatRoom } from '../../../core/convert/convert-room.js';
import { NoticeList, type Notice, type NoticeRule } from '../../../core/convert/notices.js';
import { MembershipGraph } from '../../../core/membership.js';
import { PrincipalState, PrincipalType, ROOT_NODE_ID, type Affiliation, type ChatNode, type Principal, type RoleName } from '../../../core/model.js';
import type { CategoryRecord, RoleGrant, RoomRecord, ScopeGrant } from '../../../core/records.js';

export type NodeFields = Partial<ChatNode> & { id: number; name: string };

export function chatNode(kind: ChatNode['kind'], fields: NodeFields): ChatNode {
  return {
    guid: `00000000-0000-4000-8000-${String(fields.id).padStart(12, '0')}`,
    parentId: ROOT_NODE_ID,
    kind,
    description: '',
    invite: null,
    logged: null,
    filePost: null,
    disabled: false,
    behavior: 'Normal',
    visibility: 'Closed',
    addinId: null,
    addedBy: 1,
    updatedBy: 1,
    addedOn: 0n,
    updatedOn: 0n,
    topic: null,
    inheritance: false,
    scopeChange: false,
    overrideMember: false,
    ...fields,
  };
}

export interface CategoryFields extends NodeFields {
  scope?: ScopeGrant[];
  roles?: RoleGrant[];
  inScope?: boolean;
}

export function category(fields: CategoryFields): CategoryRecord {
  const { scope = [], roles = [], inScope = true, ...node } = fields;
  return { node: chatNode('Category', node), scope, roles, inScope };
}

/** The root node (id 1, its own parent); Group Chat 2010 names it after the pool's top of the console tree. */
export function root(fields: Partial<CategoryFields> = {}): CategoryRecord {
  return category({ name: 'Root', ...fields, id: ROOT_NODE_ID, parentId: ROOT_NODE_ID });
}

export interface RoomFields extends NodeFields {
  parentId: number;
  roles?: RoleGrant[];
}

export function room(fields: RoomFields): RoomRecord {
  const { roles = [], ...node } = fields;
  return { node: chatNode('ChatRoom', node), roles };
}

export const grant = (role: RoleName, ...ids: number[]): RoleGrant[] => ids.map((principalId) => ({ principalId, role }));
export const allow = (...ids: number[]): ScopeGrant[] => ids.map((principalId) => ({ principalId, denied: false }));
export const deny = (...ids: number[]): ScopeGrant[] => ids.map((principalId) => ({ principalId, denied: true }));

export function principal(fields: Partial<Principal> & { id: number }): Principal {
  return {
    guid: `10000000-0000-4000-8000-${String(fields.id).padStart(12, '0')}`,
    uri: `sip:user${fields.id}@litwareinc.com`,
    type: PrincipalType.User,
    name: `user${fields.id}`,
    displayName: `User ${fields.id}`,
    company: null,
    email: `user${fields.id}@litwareinc.com`,
    adPath: `CN=user${fields.id},OU=Users,DC=litwareinc,DC=com`,
    upn: `user${fields.id}@litwareinc.com`,
    disabled: PrincipalState.Active,
    addedOn: 0n,
    updatedOn: 0n,
    ...fields,
  };
}

/** A notice without its free-text message: what a test pins exactly. */
export type NoticeKey = Pick<Notice, 'rule' | 'severity' | 'objectKind' | 'objectName'>;

export const keyOf = (n: Notice): NoticeKey => ({ rule: n.rule, severity: n.severity, objectKind: n.objectKind, objectName: n.objectName });

/** The notices of one rule (all of them when no rule is given), message left out. */
export function keys(list: NoticeList, rule?: NoticeRule): NoticeKey[] {
  return list.notices.filter((n) => rule === undefined || n.rule === rule).map(keyOf);
}

/** The notices about one kind of object, message left out. */
export function keysOfKind(list: NoticeList, kind: Notice['objectKind']): NoticeKey[] {
  return list.notices.filter((n) => n.objectKind === kind).map(keyOf);
}

export interface Migration {
  plan: CategoryPlan;
  notices: NoticeList;
  /** Converted categories by source name (the leaf name, not the flattened one). */
  category(sourceName: string): FlatCategory;
  /** Converted rooms by source name. */
  room(sourceName: string): FlatRoom;
}

/** What the import does with the directory: plan the categories, then convert each room against its category. */
export function migrate(categories: readonly CategoryRecord[], rooms: readonly RoomRecord[] = [], affiliations: readonly Affiliation[] = []): Migration {
  const notices = new NoticeList();
  const plan = planCategories(categories, notices);
  const underRoot = rootCategoryFor(plan);
  const graph = new MembershipGraph();
  graph.add(affiliations);
  const flatRooms = new Map<string, FlatRoom>();
  for (const r of rooms) {
    const target = plan.categories.get(r.node.parentId) ?? (plan.root && r.node.parentId === plan.root.node.id ? underRoot : undefined);
    if (!target) throw new Error(`fixture: room '${r.node.name}' has no category ${r.node.parentId}`);
    flatRooms.set(r.node.name, convertRoom(r, target, notices, graph));
  }
  return {
    plan,
    notices,
    category(sourceName) {
      const found = [...plan.categories.values()].find((c) => c.source.name === sourceName);
      if (!found) throw new Error(`fixture: no converted category '${sourceName}'`);
      return found;
    },
    room(sourceName) {
      const found = flatRooms.get(sourceName);
      if (!found) throw new Error(`fixture: no converted room '${sourceName}'`);
      return found;
    },
  };
}

/** A string of exactly `length` characters, for the name limit. */
export const nameOf = (length: number, letter = 'x'): string => letter.repeat(length);
