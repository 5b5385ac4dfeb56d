/**
 * The parts of an export, each written from an ordered stream of the source: messages room by room, the directory
 * (rooms with their roles merged in node order, add-ins, categories with their scopes and roles), and last the
 * principals the package needs with their memberships.
 */
import type { CountName } from '../../archive/manifest.js';
import { messagePartName, PART } from '../../archive/package-format.js';
import type { PackageWriter, PartWriter } from '../../archive/package-writer.js';
import { encodeAddin, encodeAffiliations, encodeCategory, encodeChat, encodePrincipal, encodeRoom } from '../../archive/record-encoders.js';
import type { LevelContent } from '../../core/export-level.js';
import type { ExportSelection } from '../../core/export-scope.js';
import { isUserType, type Affiliation, type ChatNode, type Principal } from '../../core/model.js';
import type { RoleGrant, ScopeGrant } from '../../core/records.js';
import type { Ticks } from '../../core/ticks.js';
import type { Store } from '../../store/store.js';
import { faultPoint } from '../../core/fault.js';
import type { CmdletContext } from '../cmdlet.js';
import { GroupedStream } from './grouped-stream.js';
import { ProgressReporter } from './progress.js';

export type ExportCounts = Record<CountName, number>;

const MESSAGES_PER_PART = 100000;
const BYTES_PER_PART = 64 * 1024 * 1024;

async function record(part: PartWriter, xml: string): Promise<void> {
  const pending = part.record(xml);
  if (pending) await pending;
}

export interface MessageJob {
  store: Store;
  writer: PackageWriter;
  rooms: readonly ChatNode[];
  since: Ticks | undefined;
  context: CmdletContext;
  counts: ExportCounts;
  referenced: Set<number>;
  /** Maps a poster to the principal the package will name (the system principal for one the source lacks). */
  poster: (id: number) => number;
  /** Chats per room in the source, all dates. */
  allCounts: ReadonlyMap<number, number>;
}

/** Writes Messages-NNNNNN.xml parts; returns the number of messages exported per room. */
export async function writeMessageParts(job: MessageJob): Promise<Map<number, number>> {
  const { store, writer, context, counts } = job;
  const perRoom = new Map<number, number>();
  const planned = job.since === undefined ? job.allCounts : await store.chatCounts(job.since);
  const total = job.rooms.reduce((sum, r) => sum + (planned.get(r.id) ?? 0), 0);
  const progress = new ProgressReporter(context, 'Export-CsPersistentChatData', total);
  let part: PartWriter | undefined;
  let index = 0;
  const posters = new Map<number, number>();
  for (const room of job.rooms) {
    if (!planned.get(room.id)) continue;
    let inRoom = 0;
    for await (const batch of store.chats(room.id, job.since)) {
      context.signal.throwIfAborted();
      for (const chat of batch) {
        if (!part || part.records >= MESSAGES_PER_PART || part.bytes >= BYTES_PER_PART) {
          if (part) await writer.endPart(part);
          part = writer.beginPart(messagePartName(++index));
        }
        let userId = posters.get(chat.userId);
        if (userId === undefined) posters.set(chat.userId, (userId = job.poster(chat.userId)));
        if (userId !== chat.userId) chat.userId = userId;
        await record(part, encodeChat(chat));
        job.referenced.add(userId);
        faultPoint('export:message');
      }
      inRoom += batch.length;
      counts.messages += batch.length;
      progress.update(counts.messages, `${counts.messages} of ${total} messages`, room.name);
    }
    perRoom.set(room.id, inRoom);
  }
  if (part) await writer.endPart(part);
  progress.complete();
  return perRoom;
}

export interface DirectoryJob {
  store: Store;
  writer: PackageWriter;
  selection: ExportSelection;
  content: LevelContent;
  counts: ExportCounts;
  referenced: Set<number>;
  resolvePrincipal: (id: number, what: string) => number | undefined;
  allAddins: boolean;
}

export async function writeDirectoryParts(job: DirectoryJob): Promise<void> {
  const { store, writer, selection, content, counts, referenced } = job;
  if (!content.categories && !content.rooms) return;
  const categoryNodes = [...(selection.root ? [selection.root] : []), ...selection.ancestors, ...selection.categories].sort((a, b) => a.id - b.id);
  const categoryIds = new Set(categoryNodes.map((n) => n.id));
  const scopes = new Map<number, ScopeGrant[]>();
  const categoryRoles = new Map<number, RoleGrant[]>();
  const grant = (nodeId: number, principalId: number, what: string): boolean => {
    if (job.resolvePrincipal(principalId, what) === undefined) return false;
    referenced.add(principalId);
    return true;
  };
  for await (const batch of store.scopes()) {
    for (const s of batch) {
      if (!categoryIds.has(s.nodeId) || !grant(s.nodeId, s.principalId, `The scope of node ${s.nodeId}`)) continue;
      let list = scopes.get(s.nodeId);
      if (!list) scopes.set(s.nodeId, (list = []));
      list.push({ principalId: s.principalId, denied: s.denied });
    }
  }
  for await (const batch of store.roles()) {
    for (const r of batch) {
      if (!categoryIds.has(r.nodeId) || !grant(r.nodeId, r.principalId, `A role on node ${r.nodeId}`)) continue;
      let list = categoryRoles.get(r.nodeId);
      if (!list) categoryRoles.set(r.nodeId, (list = []));
      list.push({ principalId: r.principalId, role: r.role });
    }
  }

  if (content.rooms) {
    const usedAddins = new Set<string>();
    const part = writer.beginPart(PART.rooms);
    const roles = new GroupedStream(store.roles(), (r) => r.nodeId);
    try {
      for (const room of [...selection.rooms].sort((a, b) => a.id - b.id)) {
        const grants = (await roles.take(room.id))
          .filter((r) => grant(room.id, r.principalId, `A role in the room '${room.name}'`))
          .map((r) => ({ principalId: r.principalId, role: r.role }));
        counts.roles += grants.length;
        if (room.addinId) usedAddins.add(room.addinId);
        await record(part, encodeRoom({ node: room, roles: grants }));
      }
    } finally {
      await roles.close();
    }
    counts.rooms = part.records;
    await writer.endPart(part);

    const addins = writer.beginPart(PART.addins);
    for await (const batch of store.addins()) {
      for (const a of batch) if (job.allAddins || usedAddins.has(a.id)) await record(addins, encodeAddin(a));
    }
    counts.addins = addins.records;
    await writer.endPart(addins);
  }

  if (content.categories) {
    const selected = new Set(selection.categories.map((c) => c.id));
    const part = writer.beginPart(PART.categories);
    for (const node of categoryNodes) {
      const scope = scopes.get(node.id) ?? [];
      const roles = categoryRoles.get(node.id) ?? [];
      counts.scopes += scope.length;
      counts.roles += roles.length;
      const inScope = selected.has(node.id) || node === selection.root;
      await record(part, encodeCategory({ node, scope, roles, inScope }));
      if (selected.has(node.id)) counts.categories++;
    }
    await writer.endPart(part);
  }
}

export interface PrincipalJob {
  store: Store;
  writer: PackageWriter;
  exportAll: boolean;
  referenced: Set<number>;
  counts: ExportCounts;
}

/** AdUsers.xml, AdGroups.xml and AdAffiliations.xml: every principal, or those referenced and the groups they belong to. */
export async function writePrincipalParts(job: PrincipalJob): Promise<void> {
  const { store, writer, counts } = job;
  let wanted: Set<number> | undefined;
  if (!job.exportAll) {
    wanted = new Set(job.referenced);
    for await (const batch of store.affiliations()) for (const a of batch) if (job.referenced.has(a.principalId)) wanted.add(a.affiliationId);
  }
  const exported = new Set<number>();
  const writePrincipals = async (name: string, belongs: (p: Principal) => boolean): Promise<void> => {
    const part = writer.beginPart(name);
    for await (const batch of store.principals()) {
      for (const p of batch) {
        if (!belongs(p) || (wanted && !wanted.has(p.id))) continue;
        exported.add(p.id);
        await record(part, encodePrincipal(p));
      }
    }
    counts.principals += part.records;
    await writer.endPart(part);
  };
  await writePrincipals(PART.users, (p) => isUserType(p.type) || p.type === 4);
  await writePrincipals(PART.groups, (p) => !isUserType(p.type) && p.type !== 4);

  const part = writer.beginPart(PART.affiliations);
  let current: Affiliation[] = [];
  const flush = async (): Promise<void> => {
    const owner = current[0]?.principalId;
    const kept = current.filter((a) => exported.has(a.affiliationId));
    current = [];
    if (owner === undefined || !exported.has(owner) || kept.length === 0) return;
    counts.affiliations += kept.length;
    await record(part, encodeAffiliations(owner, kept));
  };
  for await (const batch of store.affiliations()) {
    for (const a of batch) {
      if (current.length > 0 && current[0]!.principalId !== a.principalId) await flush();
      current.push(a);
    }
  }
  await flush();
  await writer.endPart(part);
}
