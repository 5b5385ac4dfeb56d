/**
 * The directory of the target against what the source and the rules say it should be (expected-directory.ts),
 * object by object and property by property, as Microsoft's ChatUpgradeVerifier compares categories, rooms and
 * add-ins (domain.md §4.8), plus principals. Objects are matched as Import matches them: categories and rooms by
 * name, add-ins by name, principals by AD GUID and then URI. Where the target's value is the rule's, and the rule
 * changed the source's value, the property is listed as converted; where the target's value is not the rule's, it
 * is a difference, even on an object a rule also changed.
 */
import type { FlatCategory } from '../../core/convert/flatten-categories.js';
import type { FlatRoom } from '../../core/convert/convert-room.js';
import { PRINCIPAL_TYPE_NAMES, type Addin, type ChatNode, type Principal, type RoleEntry, type RoleName, type ScopeEntry } from '../../core/model.js';
import { isRoot } from '../../core/records.js';
import type { StoreReader } from '../../store/store.js';
import type { ExpectedDirectory } from './expected-directory.js';
import type { Findings, FindingKind, FindingValue } from './findings.js';

export interface TargetDirectory {
  readonly principals: Map<number, Principal>;
  readonly principalsByGuid: Map<string, number>;
  readonly principalsByUri: Map<string, number>;
  readonly nodes: Map<number, ChatNode>;
  readonly nodesByName: Map<string, ChatNode>;
  readonly scopes: Map<number, ScopeEntry[]>;
  readonly roles: Map<number, RoleEntry[]>;
  readonly addins: Map<string, Addin>;
  readonly addinsByName: Map<string, Addin>;
}

export async function loadTarget(store: StoreReader): Promise<TargetDirectory> {
  const t: TargetDirectory = {
    principals: new Map(),
    principalsByGuid: new Map(),
    principalsByUri: new Map(),
    nodes: new Map(),
    nodesByName: new Map(),
    scopes: new Map(),
    roles: new Map(),
    addins: new Map(),
    addinsByName: new Map(),
  };
  for await (const batch of store.principals()) {
    for (const p of batch) {
      t.principals.set(p.id, p);
      t.principalsByGuid.set(p.guid, p.id);
      t.principalsByUri.set(p.uri.toLowerCase(), p.id);
    }
  }
  for await (const batch of store.nodes()) {
    for (const n of batch) {
      t.nodes.set(n.id, n);
      if (!isRoot(n)) t.nodesByName.set(n.name.toLowerCase(), n);
    }
  }
  for await (const batch of store.scopes()) for (const s of batch) (t.scopes.get(s.nodeId) ?? t.scopes.set(s.nodeId, []).get(s.nodeId)!).push(s);
  for await (const batch of store.roles()) for (const r of batch) (t.roles.get(r.nodeId) ?? t.roles.set(r.nodeId, []).get(r.nodeId)!).push(r);
  for await (const batch of store.addins()) {
    for (const a of batch) {
      t.addins.set(a.id, a);
      t.addinsByName.set(a.name.toLowerCase(), a);
    }
  }
  return t;
}

/** Source principal id -> target principal id, matched as Import matches (GUID, then URI). */
export function principalMap(expected: ExpectedDirectory, target: TargetDirectory): Map<number, number> {
  const map = new Map<number, number>();
  for (const p of expected.sourcePrincipals.values()) {
    const id = target.principalsByGuid.get(p.guid) ?? target.principalsByUri.get(p.uri.toLowerCase());
    if (id !== undefined) map.set(p.id, id);
  }
  return map;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const bool = (v: boolean | null): FlatValue => (v === null ? '(inherit)' : v);
type FlatValue = string | boolean | null;
const invitationsOf = (invite: boolean | null): string => (invite === null ? 'Inherit' : invite ? 'True' : 'False');
const STATE_NAMES = ['Active', 'Disabled', 'Deleted'] as const;

export function compareDirectory(expected: ExpectedDirectory, target: TargetDirectory, findings: Findings): { targetOnlyCategories: number; targetOnlyRooms: number } {
  const toTarget = principalMap(expected, target);
  const sourceName = (id: number): string => expected.sourcePrincipals.get(id)?.uri ?? `principal ${id}`;
  const targetName = (id: number): string => target.principals.get(id)?.uri ?? `principal ${id}`;
  /** A set of source principals, as the keys the target's would have. */
  const expectedKeys = (ids: Iterable<number>): Map<string, string> => {
    const keys = new Map<string, string>();
    for (const id of ids) {
      const t = toTarget.get(id);
      keys.set(t === undefined ? `s${id}` : `t${t}`, t === undefined ? `${sourceName(id)} (not in the target)` : targetName(t));
    }
    return keys;
  };
  const targetKeys = (ids: Iterable<number>): Map<string, string> => new Map([...ids].map((id) => [`t${id}`, targetName(id)]));
  const compareSet = (kind: FindingKind, object: string, property: string, want: Iterable<number>, have: Iterable<number>): boolean => {
    const w = expectedKeys(want);
    const h = targetKeys(have);
    const missing = sorted([...w].filter(([k]) => !h.has(k)).map(([, v]) => v));
    const extra = sorted([...h].filter(([k]) => !w.has(k)).map(([, v]) => v));
    if (missing.length === 0 && extra.length === 0) return true;
    findings.different(kind, object, property, missing, extra, `${missing.length} expected principal(s) missing from the target, ${extra.length} in the target that the source does not explain`);
    return false;
  };
  const value = (kind: FindingKind, object: string, property: string, want: FindingValue, have: FindingValue, detail = `The target's ${property} is not the source's.`): void => {
    if (JSON.stringify(want) !== JSON.stringify(have)) findings.different(kind, object, property, want, have, detail);
  };
  const rolesOf = (nodeId: number, role: RoleName): number[] => (target.roles.get(nodeId) ?? []).filter((r) => r.role === role).map((r) => r.principalId);
  const rawRolesOf = (nodeId: number, role: RoleName): number[] => (expected.rawRoles.get(nodeId) ?? []).filter((r) => r.role === role).map((r) => r.principalId);
  const names = (ids: Iterable<number>): string[] => sorted([...ids].map(sourceName));
  const find = (kind: 'Category' | 'ChatRoom', name: string): ChatNode | undefined => {
    const node = target.nodesByName.get(name.toLowerCase());
    if (!node || node.kind !== kind) {
      findings.different(kind, name, 'Exists', true, node ? `a ${node.kind === 'Category' ? 'category' : 'chat room'}` : false, `The target has no ${kind === 'Category' ? 'category' : 'chat room'} with this name.`);
      return undefined;
    }
    if (node.name !== name) value(kind, name, 'Name', name, node.name);
    return node;
  };

  const matchedNodes = new Set<number>();
  const rootManagers = new Set(expected.root ? rawRolesOf(expected.root.id, 'Manager') : []);
  for (const c of expected.categories) compareCategory(c);
  for (const r of expected.rooms) compareRoom(r);

  function compareCategory(c: FlatCategory): void {
    const K = 'Category';
    const node = find(K, c.name);
    if (c.path.length > 1) findings.converted(K, c.name, 'Name', c.source.name, c.name, 'FlattenedCategory');
    if (!node) return;
    matchedNodes.add(node.id);
    value(K, c.name, 'Description', c.description, node.description);
    const settings: [string, boolean, boolean | null, boolean | null][] = [
      ['Invitations', c.invitations, node.invite, c.source.invite],
      ['ChatHistory', c.chatHistory, node.logged, c.source.logged],
      ['FileUpload', c.fileUpload, node.filePost, c.source.filePost],
    ];
    for (const [property, want, have, raw] of settings) {
      value(K, c.name, property, want, have);
      if (raw !== want) findings.converted(K, c.name, property, bool(raw), want, 'InheritedSettings');
    }
    const scope = target.scopes.get(node.id) ?? [];
    compareSet(K, c.name, 'AllowedMembers', c.allowed, scope.filter((s) => !s.denied).map((s) => s.principalId));
    compareSet(K, c.name, 'DeniedMembers', c.denied, scope.filter((s) => s.denied).map((s) => s.principalId));
    const ownScope = expected.rawScopes.get(c.sourceId) ?? [];
    if (ownScope.length === 0 && c.allowed.length + c.denied.length > 0) findings.converted(K, c.name, 'AllowedMembers', [], names(c.allowed), 'InheritedScope');
    compareSet(K, c.name, 'Creators', c.creators, rolesOf(node.id, 'Creator'));
    // Persistent Chat categories hold creators only: managers and members move to the rooms below.
    value(K, c.name, 'Managers', [], sorted(rolesOf(node.id, 'Manager').map(targetName)));
    value(K, c.name, 'Members', [], sorted(rolesOf(node.id, 'Member').map(targetName)));
    const rawManagers = rawRolesOf(c.sourceId, 'Manager');
    if (rawManagers.length > 0) findings.converted(K, c.name, 'Managers', names(rawManagers), [], 'CategoryManagers');
    const rawMembers = rawRolesOf(c.sourceId, 'Member');
    if (rawMembers.length > 0) findings.converted(K, c.name, 'Members', names(rawMembers), [], 'InheritedMembers');
  }

  function compareRoom(r: FlatRoom): void {
    const K = 'ChatRoom';
    const node = find(K, r.name);
    if (r.name !== r.source.name) findings.converted(K, r.name, 'Name', r.source.name, r.name, 'RoomNamePrefixed');
    if (r.source.topic) findings.converted(K, r.name, 'Topic', r.source.topic, null, 'TopicDropped');
    if (!node) return;
    matchedNodes.add(node.id);
    value(K, r.name, 'Category', r.category.name, target.nodes.get(node.parentId)?.name ?? null);
    value(K, r.name, 'Description', r.description, node.description);
    value(K, r.name, 'Privacy', r.privacy, node.visibility);
    value(K, r.name, 'Type', r.type, node.behavior);
    value(K, r.name, 'Disabled', r.disabled, node.disabled);
    const now = expected.disabledSinceExport.get(r.sourceId);
    if (now !== undefined) findings.converted(K, r.name, 'Disabled', now, r.disabled, 'DisableExportedNodes');
    value(K, r.name, 'Invitations', r.invitations, invitationsOf(node.invite));
    const rawInvitations = invitationsOf(r.source.invite);
    if (rawInvitations !== r.invitations) {
      // A Persistent Chat room inherits its category's invitations or turns them off: on becomes Inherit, and on
      // under a category that has them off becomes False (the documented conflict).
      const rule = r.category.forced ? 'InheritedSettings' : r.invitations === 'False' ? 'InvitationConflict' : 'RoomInvitationsInherit';
      findings.converted(K, r.name, 'Invitations', rawInvitations, r.invitations, rule);
    }
    // Chat history and file upload are category settings in Persistent Chat: a room holds none.
    value(K, r.name, 'ChatHistory', null, node.logged);
    value(K, r.name, 'FileUpload', null, node.filePost);
    if (r.source.logged !== null) findings.converted(K, r.name, 'ChatHistory', r.source.logged, null, 'RoomChatHistory');
    if (r.source.filePost !== null) findings.converted(K, r.name, 'FileUpload', r.source.filePost, null, 'RoomFileUpload');
    const addinName = (id: string | null, addins: ReadonlyMap<string, Addin> | readonly Addin[]): string | null => {
      if (id === null) return null;
      const found = Array.isArray(addins) ? (addins as readonly Addin[]).find((a) => a.id === id) : (addins as ReadonlyMap<string, Addin>).get(id);
      return found?.name ?? `(add-in ${id})`;
    };
    value(K, r.name, 'Addin', addinName(r.addinId, expected.addins), addinName(node.addinId, target.addins));
    compareSet(K, r.name, 'Members', r.members, rolesOf(node.id, 'Member'));
    compareSet(K, r.name, 'Managers', r.managers, rolesOf(node.id, 'Manager'));
    compareSet(K, r.name, 'Presenters', r.presenters, rolesOf(node.id, 'Voiced'));
    compareSet(K, r.name, 'Creators', r.creators, rolesOf(node.id, 'Creator'));
    const explicit = new Set(rawRolesOf(r.sourceId, 'Manager'));
    const added = r.managers.filter((id) => !explicit.has(id));
    if (added.length > 0) findings.converted(K, r.name, 'Managers', names(explicit), names(r.managers), added.some((id) => rootManagers.has(id)) ? 'RootManagers' : 'CategoryManagers');
    const members = new Set(rawRolesOf(r.sourceId, 'Member'));
    if (r.members.some((id) => !members.has(id))) findings.converted(K, r.name, 'Members', names(members), names(r.members), 'InheritedMembers');
    const voiced = rawRolesOf(r.sourceId, 'Voiced');
    if (voiced.length > r.presenters.length) findings.converted(K, r.name, 'Presenters', names(voiced), names(r.presenters), 'PresentersInNormalRoom');
  }

  for (const a of expected.addins) {
    const there = target.addinsByName.get(a.name.toLowerCase());
    if (!there) findings.different('Addin', a.name, 'Exists', true, false, 'The target has no add-in with this name.');
    else value('Addin', a.name, 'Url', a.url, there.url);
  }

  for (const { source, expected: want } of expected.principals) {
    const id = toTarget.get(source.id);
    const K = 'Principal';
    if (want.disabled !== source.disabled) findings.converted(K, source.uri, 'Disabled', STATE_NAMES[source.disabled], STATE_NAMES[want.disabled], 'FederatedUser');
    if (id === undefined) {
      findings.different(K, source.uri, 'Exists', true, false, 'The target has no principal with this AD GUID or URI.');
      continue;
    }
    const have = target.principals.get(id)!;
    value(K, source.uri, 'Type', PRINCIPAL_TYPE_NAMES[want.type] ?? String(want.type), PRINCIPAL_TYPE_NAMES[have.type] ?? String(have.type));
    value(K, source.uri, 'Disabled', STATE_NAMES[want.disabled] ?? String(want.disabled), STATE_NAMES[have.disabled] ?? String(have.disabled));
  }
  let targetOnlyCategories = 0;
  let targetOnlyRooms = 0;
  for (const n of target.nodes.values()) {
    if (isRoot(n) || matchedNodes.has(n.id)) continue;
    if (n.kind === 'Category') targetOnlyCategories++;
    else targetOnlyRooms++;
  }
  return { targetOnlyCategories, targetOnlyRooms };
}
