/**
 * The Store contract: one vocabulary (mgc's) for every database dialect. Reads stream in batches (arrays of rows,
 * so a dialect pays its per-row await cost once per batch); writes happen inside transaction(). Domain code asks
 * `capabilities` about differences and never looks at a dialect's name.
 */
import type { Addin, Affiliation, Chat, ChatNode, ChatRecordTemplate, Principal, RenderedChat, RoleEntry, SchemaKind, ScopeEntry } from '../core/model.js';
import type { Ticks } from '../core/ticks.js';

export interface StoreCapabilities {
  /** Rows per write batch the dialect handles best. */
  readonly writeBatchRows: number;
  /** Messages per transaction when appending chats: small enough for the log, large enough to be fast. */
  readonly chatsPerTransaction: number;
  /**
   * A whole import may run as one transaction of any size, rolled back completely on failure (SQLite's journal).
   * Then a package's messages are checked as they are written and the first bad one undoes everything. When false,
   * imports commit in batches of chatsPerTransaction, check every message before writing any, and rely on re-runs
   * to resume.
   */
  readonly singleTransaction: boolean;
}

/** What a row of tblChat needs when appending; chatId is assigned by the store unless given. */
export interface ChatInput {
  chatId?: bigint;
  date: Ticks;
  userId: number;
  isAlert: boolean;
  content: string;
  rtf: string | null;
}

export type NewPrincipal = Omit<Principal, 'id'> & { id?: number };
export type NewNode = Omit<ChatNode, 'id'> & { id?: number };

/** What one room already holds, for resuming and de-duplicating an import. */
export interface RoomChatState {
  count: number;
  lastChatId: bigint;
  maxDate: Ticks | null;
}

export interface StoreReader {
  readonly schema: SchemaKind;
  /** What the database was recognised as, in words for the report and -Verbose (store/source-shape.ts). */
  readonly sourceDescription: string;
  /** What could not be confirmed about the source (an unconfirmed version, roles of unknown names), to warn of. */
  readonly sourceWarnings: readonly string[];
  principals(): AsyncIterable<Principal[]>;
  /** Memberships in principal order, without the implied self-affiliation (index -1). */
  affiliations(): AsyncIterable<Affiliation[]>;
  /** Every node, the root included, in nodeID order. */
  nodes(): AsyncIterable<ChatNode[]>;
  /**
   * The nodes whose name equals `name` as the database compares names (SQLite: exactly; SQL Server: under its
   * collation, by default without regard to case), in nodeID order. A shortcut for finding one node without reading
   * them all: a caller that matches names its own way (trimmed, say) still checks what it gets and falls back to nodes().
   */
  nodesNamed(name: string): Promise<ChatNode[]>;
  /** Scope entries in node order. */
  scopes(): AsyncIterable<ScopeEntry[]>;
  /** Role entries in node order. */
  roles(): AsyncIterable<RoleEntry[]>;
  /** One node's role entries in principal order: what a change to one room or category reads, not the whole table. */
  nodeRoles(nodeId: number): AsyncIterable<RoleEntry[]>;
  addins(): AsyncIterable<Addin[]>;
  /** One room's chats in chatId order, optionally from a date on. */
  chats(roomId: number, since?: Ticks): AsyncIterable<Chat[]>;
  /**
   * Optional, for an export: chats() with each message's record rendered by the database (see RenderedChat). A
   * dialect that offers it saves the reader most of its per-message work; every other reads chats().
   */
  renderedChats?(roomId: number, since: Ticks | undefined, template: ChatRecordTemplate): AsyncIterable<(RenderedChat | Chat)[]>;
  /** Chat count per room (rooms without chats are absent). */
  chatCounts(since?: Ticks): Promise<Map<number, number>>;
  roomChatState(roomId: number): Promise<RoomChatState>;
  /** How many chats of a room have exactly this date, poster and content (the natural key). */
  countMatchingChats(roomId: number, date: Ticks, userId: number, content: string): Promise<number>;
  /** How many chats of a room were posted on or before this tick (what deleteChatsThrough would delete). */
  countChatsThrough(roomId: number, through: Ticks): Promise<number>;
}

export interface StoreWriter {
  insertPrincipal(principal: NewPrincipal): Promise<number>;
  updatePrincipal(id: number, principal: Omit<Principal, 'id'>): Promise<void>;
  /**
   * Adds the memberships a principal lacks (existing ones are kept, so a partial package never removes any) and
   * makes sure a non-system principal has its self-affiliation.
   */
  mergeAffiliations(principalId: number, affiliations: readonly Omit<Affiliation, 'principalId'>[]): Promise<void>;
  /** Inserts or replaces an add-in by its id. */
  putAddin(addin: Addin): Promise<void>;
  /** Removes an add-in by its id (rooms that name it must have been changed first: tblNode references it). */
  removeAddin(id: string): Promise<void>;
  insertNode(node: NewNode): Promise<number>;
  updateNode(id: number, node: Omit<ChatNode, 'id'>): Promise<void>;
  /**
   * Deletes a node and everything that hangs on it: its scope and role entries, its messages, its last chat id, the
   * invitations to it and its file tokens. Its children must have been removed first (tblNode.parentID).
   */
  removeNode(id: number): Promise<void>;
  replaceScopes(nodeId: number, entries: readonly Omit<ScopeEntry, 'nodeId'>[]): Promise<void>;
  replaceRoles(nodeId: number, entries: readonly Omit<RoleEntry, 'nodeId'>[]): Promise<void>;
  /**
   * Appends chats to a room in order, assigning chat ids after the room's last one unless given. It may be called
   * for every single message: the store keeps the room's last id for the rest of the transaction.
   */
  appendChats(roomId: number, chats: readonly ChatInput[]): Promise<void>;
  setNodesDisabled(nodeIds: readonly number[], disabled: boolean): Promise<void>;
  /**
   * Deletes every chat of a room posted on or before this tick, and returns how many. The room's last chat id stays
   * in tblLastChatId, so that no chat id is ever given out again.
   */
  deleteChatsThrough(roomId: number, through: Ticks): Promise<number>;
  /**
   * Deletes these chats of a room (ids it does not hold are ignored), keeping the room's last chat id as
   * deleteChatsThrough does. Any number of ids: the dialect sends them in chunks.
   */
  removeChats(roomId: number, chatIds: readonly bigint[]): Promise<void>;
  /** Replaces the text of these chats of a room with `content`, and drops their RTF (rtf becomes NULL). */
  replaceChats(roomId: number, chatIds: readonly bigint[], content: string): Promise<void>;
}

export interface Store extends StoreReader {
  readonly capabilities: StoreCapabilities;
  /** A display form of the instance, safe for logs and reports (never a password). */
  readonly displayName: string;
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
