/**
 * The parts of an export, each written from an ordered stream of the source: messages room by room, the directory
 * (rooms with their roles merged in node order, add-ins, categories with their scopes and roles), and last the
 * principals the package needs with their memberships.
 */
import type { CountName } from '../archive/manifest.js';
import { messagePartName, PART } from '../archive/package-format.js';
import type { PackageWriter, PartWriter } from '../archive/package-writer.js';
import { encodeAddin, encodeAffiliations, encodeCategory, encodePrincipal, encodeRoom } from '../archive/record-encoders.js';
import type { LevelContent } from '../core/export-level.js';
import type { ExportSelection } from '../core/export-scope.js';
import { LegacyAccess } from '../core/convert/legacy-access.js';
import type { NoticeSink } from '../core/convert/notices.js';
import { isUserType, type Affiliation, type ChatNode, type Principal, type RoleEntry, type ScopeEntry } from '../core/model.js';
import type { RoleGrant, ScopeGrant } from '../core/records.js';
import { holdPoint } from '../core/fault.js';
import type { Ticks } from '../core/ticks.js';
import type { Store, StoreReader } from '../store/store.js';
import { SYSTEM_PRINCIPAL } from '../store/schema-data.js';
import type { JobContext } from './job.js';
import { GroupedStream } from './grouped-stream.js';
import type { MessageReader } from './message-reader.js';
import { ProgressReporter } from './progress.js';

export type ExportCounts = Record<CountName, number>;

async function record(part: PartWriter, xml: string): Promise<void> {
  const pending = part.record(xml);
  if (pending) await pending;
}

export interface MessageJob {
  store: Store;
  /** The export's reader thread, started when the source was opened. */
  reader: MessageReader;
  writer: PackageWriter;
  rooms: readonly ChatNode[];
  since: Ticks | undefined;
  context: JobContext;
  counts: ExportCounts;
  referenced: Set<number>;
  /** Principals the source has; a message by any other is attributed to the system principal (with a warning). */
  knownPrincipals: ReadonlySet<number>;
  /** Called once for each poster the source lacks, to warn. */
  unknownPoster: (id: number) => void;
}

/** Writes Messages-NNNNNN.xml parts, encoded by the reader thread; returns the number of messages exported per room. */
export async function writeMessageParts(job: MessageJob): Promise<{ perRoom: Map<number, number>; counts: Map<number, number> }> {
  const { store, writer, context, counts } = job;
  // The reader thread starts on the rooms at once; the counts, for progress and the report, are taken meanwhile.
  const rooms = job.rooms.map((r) => ({ id: r.id, name: r.name }));
  const messages = job.reader.read(
    { rooms, since: job.since === undefined ? null : String(job.since), knownPrincipals: Int32Array.from(job.knownPrincipals), systemPrincipal: SYSTEM_PRINCIPAL.id },
    context.signal,
  );
  const planned = await store.chatCounts(job.since);
  const total = job.rooms.reduce((sum, r) => sum + (planned.get(r.id) ?? 0), 0);
  const progress = new ProgressReporter(context, 'Export-CsPersistentChatData', total);
  const perRoom = new Map<number, number>();
  let part: PartWriter | undefined;
  let index = 0;
  for await (const message of messages) {
    switch (message.kind) {
      case 'begin':
        part = writer.beginPart(messagePartName(++index));
        break;
      case 'chunk':
        await part!.chunk(message.bytes, message.records);
        counts.messages += message.records;
        break;
      case 'end':
        await writer.endPart(part!);
        part = undefined;
        break;
      case 'progress':
        context.signal.throwIfAborted();
        progress.update(message.count, `${message.count} of ${total} messages`, message.room);
        await holdPoint('export:progress', context.signal);
        break;
      case 'unknownPoster':
        job.unknownPoster(message.id);
        break;
      case 'done':
        for (const [room, n] of message.perRoom) perRoom.set(room, n);
        for (const id of message.posters) job.referenced.add(id);
        break;
    }
  }
  progress.complete();
  return { perRoom, counts: planned };
}

export interface DirectoryJob {
  store: Store;
  /** Group Chat 2010: every node of the source (definers and inheritance reach outside the selection). */
  allNodes: readonly ChatNode[];
  notices: NoticeSink;
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
  const access = store.schema === 'GroupChat2010' ? await legacyAccess(store, job.allNodes, job.notices) : undefined;
  const byNode = new Map(job.allNodes.map((n) => [n.id, n]));
  for await (const batch of store.scopes()) {
    for (const s of batch) {
      if (!categoryIds.has(s.nodeId) || (access && !access.ownScope(s.nodeId)) || !grant(s.nodeId, s.principalId, `The scope of node ${s.nodeId}`)) continue;
      let list = scopes.get(s.nodeId);
      if (!list) scopes.set(s.nodeId, (list = []));
      list.push({ principalId: s.principalId, denied: s.denied });
    }
  }
  const rawCategoryRoles = new Map<number, RoleEntry[]>();
  for await (const batch of store.roles()) {
    for (const r of batch) {
      if (!categoryIds.has(r.nodeId)) continue;
      let list = rawCategoryRoles.get(r.nodeId);
      if (!list) rawCategoryRoles.set(r.nodeId, (list = []));
      list.push(r);
    }
  }
  for (const [nodeId, entries] of rawCategoryRoles) {
    const node = byNode.get(nodeId);
    for (const r of access && node ? access.roles(node, entries) : entries) {
      if (!grant(r.nodeId, r.principalId, `A role on node ${r.nodeId}`)) continue;
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
        const taken = await roles.take(room.id);
        const grants = (access ? access.roles(room, taken) : taken)
          .filter((r) => grant(room.id, r.principalId, `A role in the room '${room.name}'`))
          .map((r) => ({ principalId: r.principalId, role: r.role }));
        counts.roles += grants.length;
        if (room.addinId) usedAddins.add(room.addinId);
        await record(part, encodeRoom({ node: access ? access.node(room) : room, roles: grants }));
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
      await record(part, encodeCategory({ node: access ? access.node(node) : node, scope, roles, inScope }));
      if (selected.has(node.id)) counts.categories++;
    }
    await writer.endPart(part);
  }
}

/**
 * Group Chat 2010's access rules (core/convert/legacy-access.ts) need every scope, the category roles and the
 * memberships; a 2010 directory is read whole for them (its rooms' roles still stream, one room at a time).
 */
export async function legacyAccess(store: StoreReader, nodes: readonly ChatNode[], notices: NoticeSink): Promise<LegacyAccess> {
  const scopes: ScopeEntry[] = [];
  for await (const batch of store.scopes()) scopes.push(...batch);
  const categories = new Set(nodes.filter((n) => n.kind === 'Category').map((n) => n.id));
  const categoryRoles: RoleEntry[] = [];
  for await (const batch of store.roles()) for (const r of batch) if (categories.has(r.nodeId)) categoryRoles.push(r);
  const memberships = new Map<number, number[]>();
  for await (const batch of store.affiliations()) {
    for (const a of batch) {
      let list = memberships.get(a.principalId);
      if (!list) memberships.set(a.principalId, (list = []));
      list.push(a.affiliationId);
    }
  }
  return new LegacyAccess({ nodes, scopes, categoryRoles, memberships }, notices);
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
