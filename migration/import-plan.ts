/**
 * What an import will do to its target, decided before anything is written: which categories, rooms and add-ins
 * are created and which overwrite a same-name item (Microsoft's rule, DESIGN.md §8), and which names clash with an
 * item of the other kind. Everything here is reported, and -WhatIf stops after it.
 */
import type { Addin, ChatNode } from '../core/model.js';
import type { NoticeSink } from '../core/convert/notices.js';
import { isRoot } from '../core/records.js';
import type { Store } from '../store/store.js';
import { SYSTEM_PRINCIPAL } from '../store/schema-data.js';
import type { FlatCategory } from '../core/convert/flatten-categories.js';
import type { PackageIndex } from './package-index.js';

export interface TargetIndex {
  readonly principalsByGuid: Map<string, number>;
  readonly principalsByUri: Map<string, number>;
  readonly nodesByName: Map<string, ChatNode>;
  readonly nodeGuids: Set<string>;
  readonly addinsByName: Map<string, Addin>;
  readonly addinIds: Set<string>;
}

export function emptyTargetIndex(): TargetIndex {
  return { principalsByGuid: new Map(), principalsByUri: new Map(), nodesByName: new Map(), nodeGuids: new Set(), addinsByName: new Map(), addinIds: new Set() };
}

/** The index of a target an import would create: the schema's rows, of which only the system principal matters. */
export function newTargetIndex(): TargetIndex {
  const index = emptyTargetIndex();
  index.principalsByGuid.set(SYSTEM_PRINCIPAL.guid, SYSTEM_PRINCIPAL.id);
  index.principalsByUri.set(SYSTEM_PRINCIPAL.uri.toLowerCase(), SYSTEM_PRINCIPAL.id);
  return index;
}

export async function loadTargetIndex(store: Store): Promise<TargetIndex> {
  const index = emptyTargetIndex();
  for await (const batch of store.principals()) {
    for (const p of batch) {
      index.principalsByGuid.set(p.guid, p.id);
      index.principalsByUri.set(p.uri.toLowerCase(), p.id);
    }
  }
  for await (const batch of store.nodes()) {
    for (const n of batch) {
      index.nodeGuids.add(n.guid);
      if (!isRoot(n)) index.nodesByName.set(n.name.toLowerCase(), n);
    }
  }
  for await (const batch of store.addins()) {
    for (const a of batch) {
      index.addinsByName.set(a.name.toLowerCase(), a);
      index.addinIds.add(a.id);
    }
  }
  return index;
}

export type Action = 'Create' | 'Overwrite';

export interface ImportPlan {
  /** By source category id (the root's stand-in included when rooms need it). */
  readonly categories: Map<number, { flat: FlatCategory; action: Action; existing: ChatNode | undefined }>;
  /** By source room id. */
  readonly rooms: Map<number, { action: Action; existing: ChatNode | undefined }>;
  readonly addins: Map<string, { addin: Addin; action: Action; existing: Addin | undefined }>;
}

export function planImport(index: PackageIndex, target: TargetIndex, notices: NoticeSink, whatIf: boolean): ImportPlan {
  const would = whatIf ? 'would be ' : 'is ';
  const plan: ImportPlan = { categories: new Map(), rooms: new Map(), addins: new Map() };
  const conflict = (name: string, kind: 'Category' | 'ChatRoom', existingKind: string): void => {
    notices.add({
      rule: 'NameConflict',
      severity: 'Error',
      objectKind: kind,
      objectName: name,
      message: `The target already has a ${existingKind} named '${name}'; a ${kind === 'Category' ? 'category' : 'chat room'} cannot take its name. Rename one of them and run the import again.`,
    });
  };
  const categories = [...index.plan.categories.values()].filter((c) => c.create);
  if (index.rootCategory) categories.push(index.rootCategory);
  for (const flat of categories) {
    const existing = target.nodesByName.get(flat.name.toLowerCase());
    if (existing && existing.kind !== 'Category') conflict(flat.name, 'Category', 'chat room');
    if (existing && existing.kind === 'Category') {
      notices.add({ rule: 'Overwrite', severity: 'Warning', objectKind: 'Category', objectName: flat.name, message: `A category with this name exists in the target and ${would}overwritten by the imported one.` });
    }
    plan.categories.set(flat.sourceId, { flat, action: existing ? 'Overwrite' : 'Create', existing: existing?.kind === 'Category' ? existing : undefined });
  }
  for (const [id, room] of index.rooms) {
    const existing = target.nodesByName.get(room.name.toLowerCase());
    if (existing && existing.kind !== 'ChatRoom') conflict(room.name, 'ChatRoom', 'category');
    if (existing && existing.kind === 'ChatRoom') {
      notices.add({ rule: 'Overwrite', severity: 'Warning', objectKind: 'ChatRoom', objectName: room.name, message: `A chat room with this name exists in the target and ${would}overwritten by the imported one; its messages are kept and the imported ones added.` });
    }
    plan.rooms.set(id, { action: existing ? 'Overwrite' : 'Create', existing: existing?.kind === 'ChatRoom' ? existing : undefined });
  }
  for (const addin of index.addins) {
    const existing = target.addinsByName.get(addin.name.toLowerCase());
    if (existing && existing.url !== addin.url) {
      notices.add({ rule: 'Overwrite', severity: 'Warning', objectKind: 'Addin', objectName: addin.name, message: `An add-in with this name exists in the target (${existing.url}) and ${would}overwritten with ${addin.url}.` });
    }
    plan.addins.set(addin.id, { addin, action: existing ? 'Overwrite' : 'Create', existing });
  }
  return plan;
}
