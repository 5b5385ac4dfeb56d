/**
 * The directory part of a sample database: principals (users, AD groups within groups, containers, a domain, a
 * federated user, disabled and deleted users), their affiliations, categories (nested three levels deep for Group
 * Chat 2010, with inherited and overridden settings), rooms of every privacy and type, roles, scopes and add-ins.
 * Everything is derived from the seed, and the shape is chosen so that every conversion rule has work to do.
 */
import {
  PrincipalState,
  PrincipalType,
  PRIVACIES,
  ROOT_NODE_ID,
  type Addin,
  type Affiliation,
  type ChatNode,
  type Principal,
  type PrincipalTypeId,
  type RoleEntry,
  type SchemaKind,
  type ScopeEntry,
} from '../model.js';
import { ticksFromDate, type Ticks } from '../ticks.js';
import { Prng } from './prng.js';
import { FIRST_NAMES, LAST_NAMES, TOPICS } from './vocabulary.js';

export interface SampleDirectory {
  readonly principals: Principal[];
  readonly affiliations: Affiliation[];
  /** Settings and access entries for the root node (which every new database already has). */
  readonly root: Pick<ChatNode, 'name' | 'description' | 'invite' | 'logged' | 'filePost' | 'inheritance'>;
  readonly categories: ChatNode[];
  readonly rooms: ChatNode[];
  readonly scopes: ScopeEntry[];
  readonly roles: RoleEntry[];
  readonly addins: Addin[];
  /** Users who post messages (active, disabled, deleted and federated ones). */
  readonly posters: number[];
}

export interface SampleSize {
  readonly schema: SchemaKind;
  readonly users: number;
  readonly rooms: number;
  readonly seed: number;
  /** Group Chat 2010: one more room whose flattened name exceeds 256 characters (an import refuses it). */
  readonly overlongRoomName?: boolean;
}

const DOMAIN = 'contoso.com';

interface CategorySpec {
  readonly name: string;
  readonly parent?: string;
  readonly invite?: boolean | null;
  readonly logged?: boolean | null;
  readonly filePost?: boolean | null;
  readonly inheritance?: boolean;
  readonly overrideMember?: boolean;
}

/** Three levels for Group Chat 2010; Persistent Chat keeps only the top level. */
const CATEGORIES: readonly CategorySpec[] = [
  { name: 'Engineering', invite: true, logged: true, filePost: true },
  { name: 'Backend', parent: 'Engineering', invite: null, filePost: false, overrideMember: true },
  { name: 'Databases', parent: 'Backend', logged: null },
  { name: 'Frontend', parent: 'Engineering', invite: true, logged: true, filePost: true, inheritance: true },
  { name: 'Design Systems', parent: 'Frontend', invite: false, filePost: false },
  { name: 'Sales', invite: false, logged: true, filePost: false },
  { name: 'EMEA', parent: 'Sales' },
  { name: 'Announcements', invite: true, logged: false, filePost: false },
  { name: 'Social', invite: true, logged: true, filePost: true, overrideMember: false },
  { name: 'Ünïcödé & <Markup> "Quotes"', invite: null, logged: null, filePost: null },
];

export function generateDirectory(size: SampleSize): SampleDirectory {
  const rng = new Prng(size.seed);
  const legacy = size.schema === 'GroupChat2010';
  const baseDate = legacy ? new Date(Date.UTC(2008, 0, 1)) : new Date(Date.UTC(2012, 6, 1));
  const at = (days: number): Ticks => ticksFromDate(new Date(baseDate.getTime() + days * 86400000));
  const principals: Principal[] = [];
  const affiliations: Affiliation[] = [];
  let nextPrincipal = 2;
  const add = (type: PrincipalTypeId, fields: Partial<Principal> & { uri: string }): Principal => {
    const addedOn = at(rng.int(300));
    const p: Principal = {
      id: nextPrincipal++,
      guid: rng.guid(),
      type,
      name: null,
      displayName: null,
      company: null,
      email: null,
      adPath: null,
      upn: null,
      disabled: PrincipalState.Active,
      addedOn,
      updatedOn: addedOn + BigInt(rng.int(1000)) * 864000000000n,
      ...fields,
    };
    principals.push(p);
    return p;
  };
  const affiliate = (principal: Principal, ...groups: Principal[]): void => {
    groups.forEach((g, i) => affiliations.push({ principalId: principal.id, affiliationId: g.id, index: i + 1 }));
  };

  const domain = add(PrincipalType.Domain, { uri: `ma-grp://domain/${DOMAIN}`, name: DOMAIN, adPath: 'DC=contoso,DC=com' });
  const ous = ['Engineering', 'Sales', 'Staff'].map((ou) =>
    add(PrincipalType.Folder, { uri: `ma-grp://ou/${ou.toLowerCase()}`, name: ou, adPath: `OU=${ou},DC=contoso,DC=com` }),
  );
  const usersContainer = add(PrincipalType.Folder, { uri: 'ma-grp://container/users', name: 'Users', adPath: 'CN=Users,DC=contoso,DC=com' });
  const group = (name: string, ou: Principal): Principal =>
    add(PrincipalType.Group, { uri: `ma-grp://group/${name.toLowerCase().replace(/\W+/g, '-')}`, name, displayName: name, adPath: `CN=${name},${ou.adPath}` });
  const allStaff = group('All Staff', ous[2]!);
  const engineering = group('Engineering', ous[0]!);
  const backendTeam = group('Backend Team', ous[0]!);
  const dba = group('DBA Team', ous[0]!);
  const salesEmea = group('Sales EMEA', ous[1]!);
  const managersGroup = group('Managers', ous[2]!);
  // Groups within groups: DBA Team ⊂ Backend Team ⊂ Engineering ⊂ All Staff.
  affiliate(dba, backendTeam, engineering, allStaff, domain);
  affiliate(backendTeam, engineering, allStaff, domain);
  affiliate(engineering, allStaff, domain);
  affiliate(salesEmea, allStaff, domain);
  affiliate(managersGroup, allStaff, domain);
  affiliate(allStaff, domain);

  const users: Principal[] = [];
  for (let i = 0; i < size.users; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]!;
    const alias = `user${String(i + 1).padStart(5, '0')}`;
    const department = i % 3 === 0 ? ous[1]! : ous[0]!;
    const u = add(PrincipalType.User, {
      uri: `sip:${alias}@${DOMAIN}`,
      name: alias,
      displayName: `${first} ${last}`,
      company: i % 11 === 0 ? 'Contoso Ltd. (Europe)' : 'Contoso',
      email: `${alias}@${DOMAIN}`,
      adPath: `CN=${first} ${last},${department.adPath}`,
      upn: `${alias}@${DOMAIN}`,
      disabled: i % 41 === 40 ? PrincipalState.Disabled : i % 53 === 52 ? PrincipalState.Deleted : PrincipalState.Active,
    });
    users.push(u);
    const groups = [department === ous[1] ? salesEmea : rng.pick([engineering, backendTeam, dba]), allStaff];
    if (i % 10 === 0) groups.push(managersGroup);
    affiliate(u, ...groups, department, usersContainer, domain);
  }
  // Persistent Chat has no federated types: there a federated user is a user with no AD object behind it. Group
  // Chat 2010 has FederatedUser (7) and FederatedGroup (11), and the unused ExternalUser (6) of MindAlign days.
  const federated = add(legacy ? PrincipalType.FederatedUser : PrincipalType.User, {
    uri: 'sip:partner@fabrikam.com',
    name: 'partner',
    displayName: 'Pat Partner (Fabrikam)',
    company: 'Fabrikam',
    email: 'partner@fabrikam.com',
  });
  const federatedGroup = legacy ? add(PrincipalType.FederatedGroup, { uri: 'ma-grp://federated/fabrikam.com/partners', name: 'Fabrikam Partners' }) : undefined;
  if (federatedGroup) affiliate(federated, federatedGroup);
  const external = legacy ? add(PrincipalType.ExternalUser, { uri: 'sip:consultant@mindalign.example', name: 'consultant', displayName: 'Casey Consultant' }) : undefined;
  const user = (i: number): Principal => users[i % users.length]!;
  // A Sales user (every third user is in the Sales OU), outside Engineering's scopes.
  const salesUser = users[0]!;

  // Categories. Group Chat 2010 nests them; Persistent Chat 2013 keeps only the top level.
  let nextNode = ROOT_NODE_ID + 1;
  const nodeFields = (days: number): Pick<ChatNode, 'addedBy' | 'updatedBy' | 'addedOn' | 'updatedOn'> => ({
    addedBy: user(0).id,
    updatedBy: user(1).id,
    addedOn: at(days),
    updatedOn: at(days + 30),
  });
  const categories: ChatNode[] = [];
  const byName = new Map<string, ChatNode>();
  for (const spec of CATEGORIES) {
    if (!legacy && spec.parent) continue;
    const parent = spec.parent ? byName.get(spec.parent)! : undefined;
    const node: ChatNode = {
      id: nextNode++,
      guid: rng.guid(),
      parentId: parent?.id ?? ROOT_NODE_ID,
      kind: 'Category',
      name: spec.name,
      description: `Rooms about ${spec.name}.`,
      invite: legacy ? (spec.invite ?? null) : (spec.invite ?? true),
      logged: legacy ? (spec.logged ?? null) : (spec.logged ?? true),
      filePost: legacy ? (spec.filePost ?? null) : (spec.filePost ?? false),
      disabled: false,
      behavior: 'Normal',
      visibility: 'Closed',
      addinId: null,
      ...nodeFields(10 + categories.length),
      topic: null,
      inheritance: legacy ? (spec.inheritance ?? false) : null,
      scopeChange: legacy ? true : null,
      overrideMember: legacy ? (spec.overrideMember ?? null) : null,
    };
    categories.push(node);
    byName.set(spec.name, node);
  }
  let longCategory: ChatNode | undefined;
  if (legacy) {
    // A subcategory whose flattened name comes near, but stays within, the 256-character limit.
    const long = 'L'.repeat(180);
    longCategory = { ...categories[categories.length - 1]!, id: nextNode++, guid: rng.guid(), parentId: byName.get('Announcements')!.id, name: long, description: '', invite: null, logged: null, filePost: null, inheritance: false };
    categories.push(longCategory);
  }

  const addins: Addin[] = [
    { id: rng.guid(), name: 'Wiki', url: 'http://wiki.contoso.com/persistentchat' },
    { id: rng.guid(), name: 'Tickets', url: 'https://tickets.contoso.com/room?id=1&view=compact' },
    { id: rng.guid(), name: 'Dashboard ✓', url: 'https://dash.contoso.com/' },
  ];

  const scopes: ScopeEntry[] = [];
  const roles: RoleEntry[] = [];
  const scope = (node: ChatNode, principal: Principal, denied = false): void => {
    scopes.push({ nodeId: node.id, principalId: principal.id, denied });
  };
  // Group Chat only grants roles inside a node's scope: the nearest scope defined on the node or above it, which
  // the principal is in through itself or its groups (transitively). The sample keeps to that, but for one grant.
  const parents = new Map<number, number>(categories.map((c) => [c.id, c.parentId]));
  const closure = (p: Principal): Set<number> => {
    const all = new Set([p.id]);
    const queue = [p.id];
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const a of affiliations) if (a.principalId === id && !all.has(a.affiliationId)) all.add(a.affiliationId), queue.push(a.affiliationId);
    }
    return all;
  };
  const inScope = (nodeId: number, p: Principal): boolean => {
    for (let id: number | undefined = nodeId; id !== undefined; id = id === ROOT_NODE_ID ? undefined : parents.get(id)) {
      const here = scopes.filter((x) => x.nodeId === id);
      if (here.length > 0) {
        const mine = closure(p);
        return here.some((x) => mine.has(x.principalId));
      }
    }
    return true;
  };
  const role = (node: ChatNode | number, principal: Principal, r: RoleEntry['role'], outsideScope = false): void => {
    const nodeId = typeof node === 'number' ? node : node.id;
    if (typeof node !== 'number') parents.set(node.id, node.parentId);
    if (legacy && !outsideScope && !inScope(nodeId, principal)) return;
    if (!roles.some((e) => e.nodeId === nodeId && e.principalId === principal.id && e.role === r)) roles.push({ nodeId, principalId: principal.id, role: r });
  };
  const cat = (name: string): ChatNode | undefined => byName.get(name);

  // Root: everyone in the domain (and, in 2010, the federated partners); two managers who will manage every room.
  scope({ id: ROOT_NODE_ID } as ChatNode, domain);
  if (federatedGroup) scope({ id: ROOT_NODE_ID } as ChatNode, federatedGroup);
  if (legacy) {
    role(ROOT_NODE_ID, user(2), 'Manager');
    role(ROOT_NODE_ID, user(3), 'Manager');
  }
  scope(cat('Engineering')!, engineering);
  // Group Chat 2010 scopes are allow lists; Creator is a Persistent Chat role.
  if (!legacy) scope(cat('Engineering')!, user(5), true);
  scope(cat('Sales')!, ous[1]!);
  scope(cat('Announcements')!, allStaff);
  scope(cat('Social')!, domain);
  if (!legacy) {
    role(cat('Engineering')!, user(6), 'Creator');
    role(cat('Sales')!, user(7), 'Creator');
  }
  if (legacy) {
    // An overridden scope: a subcategory narrows its parent's.
    scope(cat('Databases')!, backendTeam);
    role(cat('EMEA')!, user(8), 'Manager');
    role(cat('Social')!, user(9), 'Member');
    role(cat('Social')!, allStaff, 'Member');
    // Category members: Backend starts a new member list, so Engineering's members stop there, except one whose
    // grant does not honour overrides (honorsOverride = 0), who stays a member of every room below.
    role(cat('Engineering')!, user(5), 'Member');
    roles.push({ nodeId: cat('Engineering')!.id, principalId: user(4).id, role: 'Member', honorsOverride: false });
    role(cat('Backend')!, user(7), 'Member');
  }

  // Rooms, spread over every category (and, in Group Chat 2010, one directly under the root).
  const homes = legacy ? [...categories.filter((c) => c.name !== 'Frontend'), { id: ROOT_NODE_ID } as ChatNode] : categories;
  const rooms: ChatNode[] = [];
  for (let i = 0; i < size.rooms; i++) {
    const home = homes[i % homes.length]!;
    const auditorium = i % 5 === 4;
    const node: ChatNode = {
      id: nextNode++,
      guid: rng.guid(),
      parentId: home.id,
      kind: 'ChatRoom',
      name: i === 1 ? `  Room with spaces & <tags> ${i}  ` : i === 2 ? `Café ☕ ${i}` : `Room ${String(i + 1).padStart(4, '0')}`,
      description: i % 4 === 0 ? '' : `Room number ${i + 1}; "quoted" & <escaped>`,
      invite: i % 3 === 0 ? null : i % 3 === 1 ? true : false,
      logged: legacy && i % 6 === 5 ? i % 12 === 5 : null,
      filePost: legacy && i % 8 === 7 ? true : null,
      disabled: i % 7 === 6,
      behavior: auditorium ? 'Auditorium' : 'Normal',
      // Group Chat 2010 has no Open rooms; a room there may inherit its visibility (NULL).
      visibility: legacy ? (i % 3 === 0 ? 'Secret' : 'Closed') : PRIVACIES[i % PRIVACIES.length]!,
      ...(legacy && i % 3 === 2 ? { visibilityInherited: true } : {}),
      addinId: i % 4 === 1 ? addins[i % addins.length]!.id : null,
      ...nodeFields(50 + i),
      topic: legacy ? (i % 5 === 3 ? '' : TOPICS[i % TOPICS.length]!) : null,
      inheritance: legacy ? false : null,
      scopeChange: legacy ? false : null,
      overrideMember: legacy ? i % 9 === 0 : null,
    };
    rooms.push(node);
    role(node, user(i + 10), 'Manager');
    role(node, user(i + 10), 'Member');
    if (!legacy) role(node, user(i + 11), 'Creator');
    for (let m = 0; m < 3 + (i % 5); m++) role(node, user(i * 3 + m + 12), 'Member');
    if (i % 6 === 0) role(node, i % 12 === 0 ? engineering : salesEmea, 'Member');
    if (auditorium) role(node, user(i + 13), 'Voiced');
    if (legacy && i === 3) role(node, user(i + 14), 'Voiced'); // presenters in a Normal room: a conversion warning
    if (i === 0) role(node, federated, 'Member');
    if (legacy && i === 1 && external) role(node, external, 'Member');
    // A member outside the room's scope: Group Chat ignores the grant (honorsScope), and so does the export.
    if (legacy && home.id === cat('Databases')?.id && !roles.some((r) => r.principalId === salesUser.id && r.nodeId === node.id)) role(node, salesUser, 'Member', true);
  }
  if (legacy && size.overlongRoomName && longCategory) {
    // "Announcements - LLL...L - <room>" passes 256 characters: the import names it and refuses it until shortened.
    const room: ChatNode = { ...rooms[0]!, id: nextNode++, guid: rng.guid(), parentId: longCategory.id, name: `Overlong ${'o'.repeat(60)}`, description: 'A room whose flattened name is too long.', addinId: null, disabled: false };
    rooms.push(room);
    role(room, user(10), 'Member');
  }

  const active = users.filter((u) => u.disabled === PrincipalState.Active).map((u) => u.id);
  const inactive = users.filter((u) => u.disabled !== PrincipalState.Active).map((u) => u.id);
  return {
    principals,
    affiliations,
    root: { name: 'Contoso Group Chat', description: 'All chat rooms of Contoso.', invite: true, logged: true, filePost: true, inheritance: false },
    categories,
    rooms,
    scopes,
    roles,
    addins,
    posters: [...active, ...inactive.slice(0, 3), federated.id, ...(external ? [external.id] : [])],
  };
}
