/**
 * The write pass of an import. The directory (principals, memberships, add-ins, categories, rooms and their access
 * entries) goes in one transaction; messages follow in batches, each batch one transaction. Every step is safe to
 * repeat: principals are matched by AD GUID then URI, nodes and add-ins by name, and a message already in its room
 * (same time, poster and text) is not added again, so a re-run after any interruption ends in the same state.
 */
import { createHash } from 'node:crypto';
import { convertPrincipal } from '../core/convert/convert-principal.js';
import { convertRoom } from '../core/convert/convert-room.js';
import { MembershipGraph } from '../core/membership.js';
import type { FlatCategory } from '../core/convert/flatten-categories.js';
import { ROOT_NODE_ID, type Chat, type ChatNode, type RoleEntry } from '../core/model.js';
import type { Ticks } from '../core/ticks.js';
import { PART } from '../archive/package-format.js';
import type { PackageReader, PackageSource } from '../archive/package-reader.js';
import type { PackageLimits } from '../archive/limits.js';
import { decodeAffiliations, decodePrincipal, decodeRoom, RecordSite } from '../archive/record-decoders.js';
import { checkedChats } from './message-stream.js';
import { SYSTEM_PRINCIPAL } from '../store/schema-data.js';
import type { Store, StoreWriter } from '../store/store.js';
import { faultPoint } from '../core/fault.js';
import type { JobContext } from './job.js';
import { categoryOfRoom, type PackageIndex } from './package-index.js';
import type { ImportPlan, TargetIndex } from './import-plan.js';
import { DISCARD } from './notice-forwarder.js';
import { ProgressReporter } from './progress.js';

export interface StructureResult {
  readonly principals: Map<number, number>;
  readonly rooms: Map<number, number>;
  principalsCreated: number;
  principalsUpdated: number;
}

/** A GUID for a new node whose source GUID the target already uses elsewhere: derived, so re-runs agree. */
function derivedGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The target principal a package principal is: the same AD GUID, else the same URI. */
export function matchPrincipal(target: TargetIndex, principal: { guid: string; uri: string }): number | undefined {
  return target.principalsByGuid.get(principal.guid) ?? target.principalsByUri.get(principal.uri.toLowerCase());
}

/** Records a principal the run creates, so that a later record of the same principal updates it. */
export function addPrincipal(target: TargetIndex, principal: { guid: string; uri: string }, id: number): void {
  target.principalsByGuid.set(principal.guid, id);
  target.principalsByUri.set(principal.uri.toLowerCase(), id);
}

/**
 * Which chats a target room already holds from before this run (same time, poster and text, counted with their
 * repeats), so that a re-run adds nothing twice. The import asks it before writing each chat; the dry run asks it
 * too, to say how many would be imported and how many skipped.
 */
export class ChatDedupe {
  readonly #store: Store;
  readonly #rooms = new Map<number, RoomDedupe>();

  constructor(store: Store) {
    this.#store = store;
  }

  async alreadyPresent(room: number, userId: number, chat: Chat): Promise<boolean> {
    let state = this.#rooms.get(room);
    if (!state) {
      const before = await this.#store.roomChatState(room);
      state = { maxDate: before.maxDate, seen: new Map(), lastDate: -1n, monotonic: true };
      this.#rooms.set(room, state);
    }
    if (chat.date < state.lastDate) state.monotonic = false;
    else if (chat.date > state.lastDate && state.monotonic) state.seen.clear(); // keys of earlier dates cannot recur
    state.lastDate = chat.date;
    if (state.maxDate === null || chat.date > state.maxDate) return false;
    // The room held messages up to this date before the run: this one may already be there.
    const key = `${chat.date}|${userId}|${createHash('sha1').update(chat.content).digest('base64')}`;
    let entry = state.seen.get(key);
    if (!entry) state.seen.set(key, (entry = { existing: await this.#store.countMatchingChats(room, chat.date, userId, chat.content), seen: 0 }));
    entry.seen++;
    return entry.seen <= entry.existing;
  }
}

/** Writes the directory through `w` (the caller owns the transaction). */
export async function applyStructure(w: StoreWriter, reader: PackageReader, index: PackageIndex, plan: ImportPlan, target: TargetIndex): Promise<StructureResult> {
  const result: StructureResult = { principals: new Map(), rooms: new Map(), principalsCreated: 0, principalsUpdated: 0 };
  {
    for (const part of [PART.users, PART.groups]) {
      const site: RecordSite = new RecordSite(part);
      for await (const batch of reader.records(part, false)) {
        for (const element of batch) {
          const principal = convertPrincipal(decodePrincipal(site, element), DISCARD);
          const { id: sourceId, ...fields } = principal;
          let id = matchPrincipal(target, fields);
          if (id === undefined) {
            id = await w.insertPrincipal(fields);
            addPrincipal(target, fields, id);
            result.principalsCreated++;
          } else {
            await w.updatePrincipal(id, fields);
            result.principalsUpdated++;
          }
          result.principals.set(sourceId, id);
        }
      }
    }
    const principal = (id: number): number => result.principals.get(id) ?? SYSTEM_PRINCIPAL.id;
    const withMemberships = new Set<number>();
    // In the package's ids, as the validation judged the rooms (core/convert/convert-room.ts).
    const graph = new MembershipGraph();
    const site: RecordSite = new RecordSite(PART.affiliations);
    for await (const batch of reader.records(PART.affiliations, false)) {
      for (const element of batch) {
        const list = decodeAffiliations(site, element);
        graph.add(list);
        const owner = principal(Number(element.attributes.id));
        withMemberships.add(owner);
        await w.mergeAffiliations(owner, list.map((a) => ({ affiliationId: principal(a.affiliationId), index: a.index })));
      }
    }
    for (const id of result.principals.values()) if (!withMemberships.has(id)) await w.mergeAffiliations(id, []);

    const addinIds = new Map<string, string>();
    for (const { addin, existing } of plan.addins.values()) {
      const id = existing?.id ?? (target.addinIds.has(addin.id) ? derivedGuid(`addin:${addin.id}:${addin.name}`) : addin.id);
      await w.putAddin({ id, name: addin.name, url: addin.url });
      target.addinIds.add(id);
      addinIds.set(addin.id, id);
    }

    const categoryIds = new Map<number, number>();
    for (const { flat, existing } of plan.categories.values()) {
      const node: Omit<ChatNode, 'id'> = {
        guid: existing?.guid ?? nodeGuid(flat.source.guid, flat.name, target),
        parentId: ROOT_NODE_ID,
        kind: 'Category',
        name: flat.name,
        description: flat.description,
        invite: flat.invitations,
        logged: flat.chatHistory,
        filePost: flat.fileUpload,
        disabled: false,
        behavior: 'Normal',
        visibility: 'Closed',
        addinId: null,
        addedBy: principal(flat.source.addedBy),
        updatedBy: principal(flat.source.updatedBy),
        addedOn: flat.source.addedOn,
        updatedOn: flat.source.updatedOn,
        topic: null,
        inheritance: null,
        scopeChange: null,
        overrideMember: null,
      };
      const id = existing ? (await w.updateNode(existing.id, node), existing.id) : await w.insertNode(node);
      categoryIds.set(flat.sourceId, id);
      await w.replaceScopes(id, unique([...flat.allowed.map((p) => ({ principalId: principal(p), denied: false })), ...flat.denied.map((p) => ({ principalId: principal(p), denied: true }))], (s) => String(s.principalId)));
      await w.replaceRoles(id, unique(flat.creators.map((p) => ({ principalId: principal(p), role: 'Creator' as const })), (r) => `${r.principalId}`));
    }

    const roomSite: RecordSite = new RecordSite(PART.rooms);
    for await (const batch of reader.records(PART.rooms, false)) {
      for (const element of batch) {
        const record = decodeRoom(roomSite, element);
        const category = categoryOfRoom(index, record.node.parentId) as FlatCategory;
        const flat = convertRoom(record, category, DISCARD, graph);
        const existing = plan.rooms.get(record.node.id)?.existing;
        const node: Omit<ChatNode, 'id'> = {
          guid: existing?.guid ?? nodeGuid(record.node.guid, flat.name, target),
          parentId: categoryIds.get(category.sourceId)!,
          kind: 'ChatRoom',
          name: flat.name,
          description: flat.description,
          invite: flat.invitations === 'False' ? false : null,
          logged: null,
          filePost: null,
          disabled: flat.disabled,
          behavior: flat.type,
          visibility: flat.privacy,
          addinId: flat.addinId ? (addinIds.get(flat.addinId) ?? null) : null,
          addedBy: principal(record.node.addedBy),
          updatedBy: principal(record.node.updatedBy),
          addedOn: record.node.addedOn,
          updatedOn: record.node.updatedOn,
          topic: null,
          inheritance: null,
          scopeChange: null,
          overrideMember: null,
        };
        const id = existing ? (await w.updateNode(existing.id, node), existing.id) : await w.insertNode(node);
        result.rooms.set(record.node.id, id);
        const roles: Omit<RoleEntry, 'nodeId'>[] = [
          ...flat.members.map((p) => ({ principalId: principal(p), role: 'Member' as const })),
          ...flat.managers.map((p) => ({ principalId: principal(p), role: 'Manager' as const })),
          ...flat.presenters.map((p) => ({ principalId: principal(p), role: 'Voiced' as const })),
          ...flat.creators.map((p) => ({ principalId: principal(p), role: 'Creator' as const })),
        ];
        await w.replaceRoles(id, unique(roles, (r) => `${r.principalId}:${r.role}`));
      }
    }
  }
  return result;
}

function nodeGuid(sourceGuid: string, name: string, target: TargetIndex): string {
  const guid = target.nodeGuids.has(sourceGuid) ? derivedGuid(`node:${sourceGuid}:${name}`) : sourceGuid;
  target.nodeGuids.add(guid);
  return guid;
}

/** Per room: what the target held before this run, and the keys already matched in the part that may repeat. */
interface RoomDedupe {
  readonly maxDate: Ticks | null;
  readonly seen: Map<string, { existing: number; seen: number }>;
  lastDate: Ticks;
  monotonic: boolean;
}

export interface MessageResult {
  imported: number;
  skipped: number;
}

/** Runs `fn` in a transaction: a new one per call (batched imports), or the one the whole import runs in. */
export type InTransaction = (fn: (writer: StoreWriter) => Promise<void>) => Promise<void>;

export interface MessageJob {
  /** Where the package is, read again by the worker thread that parses the messages. */
  readonly source: PackageSource;
  readonly limits: PackageLimits;
  readonly index: PackageIndex;
  readonly structure: StructureResult;
  readonly store: Store;
  readonly context: JobContext;
  readonly inTransaction: InTransaction;
  /** Messages per call of inTransaction. */
  readonly perTransaction: number;
  /** Check each record (and each part's checksum) here: the validation pass did not read the messages. */
  readonly check: boolean;
}

export async function applyMessages(job: MessageJob): Promise<MessageResult> {
  const { index, structure, store, context } = job;
  const total = index.counts.messages;
  const progress = new ProgressReporter(context, 'Import-CsPersistentChatData', total);
  const result: MessageResult = { imported: 0, skipped: 0 };
  const dedupe = new ChatDedupe(store);
  let processed = 0;
  // A worker thread parses and checks; here each chat goes straight into the open transaction, and every
  // `perTransaction` messages it is committed and the next one begins.
  const batches = checkedChats({ source: job.source, limits: job.limits, index, check: job.check, verify: job.check, signal: context.signal });
  let batch: Chat[] = [];
  let position = 0;
  const nextChat = async (): Promise<Chat | undefined> => {
    while (position >= batch.length) {
      const next = await batches.next();
      if (next.done) return undefined;
      batch = next.value;
      position = 0;
    }
    return batch[position++];
  };
  try {
    let chat = await nextChat();
    while (chat) {
      await job.inTransaction(async (w: StoreWriter) => {
        let inTransaction = 0;
        while (chat && inTransaction < job.perTransaction) {
          const room = structure.rooms.get(chat.roomId)!;
          const userId = structure.principals.get(chat.userId) ?? SYSTEM_PRINCIPAL.id;
          if (await dedupe.alreadyPresent(room, userId, chat)) result.skipped++;
          else {
            await w.appendChats(room, [{ date: chat.date, userId, isAlert: chat.isAlert, content: chat.content, rtf: chat.rtf }]);
            result.imported++;
            faultPoint('import:message');
          }
          inTransaction++;
          if (++processed % 1000 === 0) {
            context.signal.throwIfAborted();
            progress.update(processed, `${processed} of ${total} messages`);
          }
          chat = await nextChat();
        }
      });
    }
  } finally {
    await batches.return(undefined);
  }
  progress.complete();
  return result;
}
