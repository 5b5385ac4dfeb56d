/**
 * The domain model, in the vocabulary of the Persistent Chat database "mgc" (domain.md §5): principals and their
 * affiliations, one tree of nodes (categories and chat rooms, root node 1), scopes on nodes, roles on nodes, add-ins
 * and chats. Legacy Group Chat 2010 columns (topic, inheritance, ...) ride along on nodes and are null in a
 * Persistent Chat database. Stores, the export package and the conversion rules all speak this model.
 */
import type { Ticks } from './ticks.js';

export const ROOT_NODE_ID = 1;

/** Which schema a database holds. */
export type SchemaKind = 'GroupChat2010' | 'PersistentChat2013';
export const SCHEMA_KINDS: readonly SchemaKind[] = ['GroupChat2010', 'PersistentChat2013'];

/**
 * tblPrincipalType values. Persistent Chat 2013 documents 1-5 and 8-10 (domain.md §5.2); Group Chat 2010 also has
 * 6 ExternalUser (MindAlign 6.x, unused), 7 FederatedUser and 11 FederatedGroup (groupchat2010-schema.md §3.2).
 */
export const PrincipalType = {
  Any: 1,
  AnyUser: 2,
  AnyGroup: 3,
  SystemUser: 4,
  User: 5,
  ExternalUser: 6,
  FederatedUser: 7,
  Domain: 8,
  Group: 9,
  Folder: 10,
  FederatedGroup: 11,
} as const;
export type PrincipalTypeId = (typeof PrincipalType)[keyof typeof PrincipalType];
export const PRINCIPAL_TYPE_NAMES: Readonly<Record<PrincipalTypeId, string>> = {
  1: 'Any',
  2: 'AnyUser',
  3: 'AnyGroup',
  4: 'SystemUser',
  5: 'User',
  6: 'ExternalUser',
  7: 'FederatedUser',
  8: 'Domain',
  9: 'Group',
  10: 'Folder',
  11: 'FederatedGroup',
};

/** The types only Group Chat 2010 has; a Persistent Chat database has no tblPrincipalType row for them. */
export const LEGACY_ONLY_PRINCIPAL_TYPES: readonly PrincipalTypeId[] = [PrincipalType.ExternalUser, PrincipalType.FederatedUser, PrincipalType.FederatedGroup];

/** User kinds (AdUsers.xml); the system user is written there too, by its callers. */
export function isUserType(type: PrincipalTypeId): boolean {
  return type === PrincipalType.User || type === PrincipalType.AnyUser || type === PrincipalType.ExternalUser || type === PrincipalType.FederatedUser;
}

/** Group Chat 2010's federated kinds (ptypeIsFederated): Persistent Chat has none, so they arrive disabled. */
export function isFederatedType(type: PrincipalTypeId): boolean {
  return type === PrincipalType.FederatedUser || type === PrincipalType.FederatedGroup;
}

/** tblPrincipal.prinDisabled. */
export const PrincipalState = { Active: 0, Disabled: 1, Deleted: 2 } as const;
export type PrincipalStateId = (typeof PrincipalState)[keyof typeof PrincipalState];

export interface Principal {
  id: number;
  guid: string;
  uri: string;
  type: PrincipalTypeId;
  name: string | null;
  displayName: string | null;
  company: string | null;
  email: string | null;
  adPath: string | null;
  upn: string | null;
  disabled: PrincipalStateId;
  addedOn: Ticks;
  updatedOn: Ticks;
}

/** A membership of a principal in a group, container or domain (the self-affiliation, index -1, is implied). */
export interface Affiliation {
  principalId: number;
  affiliationId: number;
  index: number;
}

export type NodeKind = 'Category' | 'ChatRoom';
/** Room privacy as the cmdlets name it; tblNode.visibility 2 private, 3 scoped, 6 open. */
export type Privacy = 'Secret' | 'Closed' | 'Open';
export const PRIVACIES: readonly Privacy[] = ['Open', 'Closed', 'Secret'];
/** Room type as the cmdlets name it; tblNode.behavior 4 normal, 5 auditorium. */
export type RoomType = 'Normal' | 'Auditorium';
export const ROOM_TYPES: readonly RoomType[] = ['Normal', 'Auditorium'];

export interface ChatNode {
  id: number;
  guid: string;
  parentId: number;
  kind: NodeKind;
  name: string;
  description: string;
  /** Category: invitations on/off. Room: false = off, null = inherit. Group Chat 2010: null = inherit anywhere. */
  invite: boolean | null;
  /** Chat history. Persistent Chat: categories only. Group Chat 2010: any node, null = inherit. */
  logged: boolean | null;
  /** File upload. Persistent Chat: categories only. Group Chat 2010: any node, null = inherit. */
  filePost: boolean | null;
  disabled: boolean;
  behavior: RoomType;
  visibility: Privacy;
  addinId: string | null;
  addedBy: number;
  updatedBy: number;
  addedOn: Ticks;
  updatedOn: Ticks;
  /** Group Chat 2010 only: the room topic. */
  topic: string | null;
  /** Group Chat 2010 only: children must inherit this category's settings. */
  inheritance: boolean | null;
  /** Group Chat 2010 only: subcategories may narrow the scope. */
  scopeChange: boolean | null;
  /** Group Chat 2010 only: membership is overridden at this node. */
  overrideMember: boolean | null;
  /**
   * Group Chat 2010 only, as read from a source: the node whose tblScopePrincipal rows give this node's scope, and
   * the node its membership list starts at (tblNode.scopeDefinerId / roleDefinerId). Absent elsewhere.
   */
  scopeDefinerId?: number;
  roleDefinerId?: number;
  /** Group Chat 2010 only: tblNode.visibility was NULL (inherit from the parent); `visibility` is then a placeholder. */
  visibilityInherited?: boolean;
}

export interface ScopeEntry {
  nodeId: number;
  principalId: number;
  denied: boolean;
}

export type RoleName = 'Member' | 'Manager' | 'Voiced' | 'Creator';
export const ROLE_NAMES: readonly RoleName[] = ['Member', 'Manager', 'Voiced', 'Creator'];

export interface RoleEntry {
  nodeId: number;
  principalId: number;
  role: RoleName;
  /** Group Chat 2010 only (tblPrincipalRole): false = the role survives a membership override below its node. */
  honorsOverride?: boolean;
  /** Group Chat 2010 only: the role applies only to a principal inside the node's scope. */
  honorsScope?: boolean;
}

export interface Addin {
  id: string;
  name: string;
  url: string;
}

export interface Chat {
  roomId: number;
  chatId: bigint;
  date: Ticks;
  userId: number;
  isAlert: boolean;
  content: string;
  rtf: string | null;
}

/**
 * A message's record as literal text around its fields, for a database to join (Store.renderedChats): each member is
 * the text that comes before the field it is named after, `contentEnd` the text after the content, and `rtf`,
 * `rtfEnd` the text around the rtf, present only when the message has one. The package's format owns the values
 * (archive/record-encoders.ts); a store only joins the pieces.
 */
export interface ChatRecordTemplate {
  readonly roomId: string;
  readonly chatId: string;
  readonly date: string;
  readonly userId: string;
  readonly isAlert: string;
  readonly content: string;
  readonly contentEnd: string;
  readonly rtf: string;
  readonly rtfEnd: string;
  readonly end: string;
}

/**
 * A message rendered by the database from a ChatRecordTemplate, with its content and rtf as stored (not escaped: the
 * reader checks them). The store guarantees that the content does not contain `contentEnd + rtf` when there is an
 * rtf, so both can be found again. A message whose fields are not integers and text, as only a damaged database
 * holds, comes as a Chat instead, to be encoded the ordinary way.
 */
export type RenderedChat = string;

/** Export-CsPersistentChatData -Level (domain.md §3.1.1); what each contains is in docs/decisions.md. */
export type ExportLevel = 'All' | 'User' | 'Category' | 'RoomDirectory' | 'Content';
export const EXPORT_LEVELS: readonly ExportLevel[] = ['All', 'User', 'Category', 'RoomDirectory', 'Content'];

/** Pool-unique name limits of tblNode and tblSiopWhiteList (domain.md §7). */
export const LIMITS = {
  nodeName: 256,
  nodeDescription: 256,
  addinName: 50,
  addinUrl: 255,
  principalUri: 256,
  principalAdPath: 384,
  principalText: 256,
} as const;
