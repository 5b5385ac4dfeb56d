/**
 * What the target should hold, computed from the legacy source through the same steps an export and an import
 * take: the export's selection (-Scope) and its records (categories with scopes and roles, rooms with roles, the
 * add-ins, references to principals the source lacks left out), then Import's conversion rules (planCategories,
 * convertRoom, convertPrincipal). The source is read only through the Store contract, as Export reads it, so a
 * change to how a legacy schema is read carries over here.
 */
import { convertPrincipal } from '../../core/convert/convert-principal.js';
import { convertRoom, type FlatRoom } from '../../core/convert/convert-room.js';
import { planCategories, rootCategoryFor, type FlatCategory } from '../../core/convert/flatten-categories.js';
import { NoticeList } from '../../core/convert/notices.js';
import type { LevelContent } from '../../core/export-level.js';
import { selectForExport } from '../../core/export-scope.js';
import { MembershipGraph } from '../../core/membership.js';
import type { Addin, ChatNode, Principal, RoleEntry } from '../../core/model.js';
import type { CategoryRecord, RoomRecord } from '../../core/records.js';
import type { StoreReader } from '../../store/store.js';
import { legacyAccess } from '../export-parts.js';
import { categoryOfRoom } from '../package-index.js';
import { collect } from '../../core/batches.js';

export interface ExpectedDirectory {
  /** Every source principal, by id (for names), and the converted ones the target should hold. */
  readonly sourcePrincipals: ReadonlyMap<number, Principal>;
  readonly principals: readonly { source: Principal; expected: Principal }[];
  readonly categories: readonly FlatCategory[];
  readonly rooms: readonly FlatRoom[];
  readonly addins: readonly Addin[];
  /** Categories whose rooms sit directly under the root: they go into a category named after the root. */
  readonly usesRootCategory: boolean;
  readonly root: ChatNode | undefined;
  /** The source's own scope and role entries per node, before any rule: what conversions are measured from. */
  readonly rawScopes: ReadonlyMap<number, CategoryRecord['scope']>;
  readonly rawRoles: ReadonlyMap<number, CategoryRecord['roles']>;
  /** Rooms the source has disabled since the package was written (Export -DisableExportedNodes): id -> disabled now. */
  readonly disabledSinceExport: ReadonlyMap<number, boolean>;
}

export interface ExpectedOptions {
  readonly content: LevelContent;
  readonly scope: readonly string[];
  /** The principals a package holds, when one is given: only those are expected. */
  readonly packagePrincipals: ReadonlySet<number> | undefined;
  /** Rooms' disabled state as the package recorded it (Export -DisableExportedNodes disables them afterwards). */
  readonly packageDisabled: ReadonlyMap<number, boolean> | undefined;
}


export async function expectedDirectory(source: StoreReader, options: ExpectedOptions): Promise<ExpectedDirectory> {
  const principals = await collect(source.principals());
  const byId = new Map(principals.map((p) => [p.id, p]));
  const nodes = await collect(source.nodes());
  const selection = selectForExport(nodes, options.scope.length > 0 ? options.scope : undefined);
  const categoryNodes = [...(selection.root ? [selection.root] : []), ...selection.ancestors, ...selection.categories].sort((a, b) => a.id - b.id);
  const categoryIds = new Set(categoryNodes.map((n) => n.id));
  const roomIds = new Set(selection.rooms.map((r) => r.id));
  const scopes = new Map<number, CategoryRecord['scope']>();
  const roles = new Map<number, CategoryRecord['roles']>();
  const rawScopes = new Map<number, CategoryRecord['scope']>();
  const rawRoles = new Map<number, CategoryRecord['roles']>();
  const notices = new NoticeList();
  // Group Chat 2010: the documented access rules (definers, honours flags, inheritance) that Export applies.
  const access = source.schema === 'GroupChat2010' ? await legacyAccess(source, nodes, new NoticeList()) : undefined;
  const byNode = new Map(nodes.map((n) => [n.id, n]));
  // Export leaves out references to principals the source does not have; so does the expectation.
  for await (const batch of source.scopes()) {
    for (const s of batch) {
      if (!categoryIds.has(s.nodeId) || !byId.has(s.principalId)) continue;
      const entry = { principalId: s.principalId, denied: s.denied };
      (rawScopes.get(s.nodeId) ?? rawScopes.set(s.nodeId, []).get(s.nodeId)!).push(entry);
      if (access && !access.ownScope(s.nodeId)) continue;
      (scopes.get(s.nodeId) ?? scopes.set(s.nodeId, []).get(s.nodeId)!).push(entry);
    }
  }
  // Who belongs to which group, OU or domain: an import judges each room's roles against its category's scope.
  const graph = new MembershipGraph();
  for await (const batch of source.affiliations()) graph.add(batch.filter((a) => byId.has(a.principalId) && byId.has(a.affiliationId)));
  const entriesByNode = new Map<number, RoleEntry[]>();
  for await (const batch of source.roles()) {
    for (const r of batch) {
      if (!categoryIds.has(r.nodeId) && !roomIds.has(r.nodeId)) continue;
      (entriesByNode.get(r.nodeId) ?? entriesByNode.set(r.nodeId, []).get(r.nodeId)!).push(r);
      if (byId.has(r.principalId)) (rawRoles.get(r.nodeId) ?? rawRoles.set(r.nodeId, []).get(r.nodeId)!).push({ principalId: r.principalId, role: r.role });
    }
  }
  for (const nodeId of [...categoryIds, ...roomIds]) {
    const node = byNode.get(nodeId);
    const taken = entriesByNode.get(nodeId) ?? [];
    for (const r of access && node ? access.roles(node, taken) : taken) {
      if (!byId.has(r.principalId)) continue;
      (roles.get(nodeId) ?? roles.set(nodeId, []).get(nodeId)!).push({ principalId: r.principalId, role: r.role });
    }
  }
  const asExported = (node: ChatNode): ChatNode => (access ? access.node(node) : node);
  const selected = new Set(selection.categories.map((c) => c.id));
  const records: CategoryRecord[] = categoryNodes.map((node) => ({
    node: asExported(node),
    scope: scopes.get(node.id) ?? [],
    roles: roles.get(node.id) ?? [],
    inScope: selected.has(node.id) || node === selection.root,
  }));
  const plan = planCategories(records, notices);
  const rootCategory = rootCategoryFor(plan);
  const rooms: FlatRoom[] = [];
  const disabledSinceExport = new Map<number, boolean>();
  let usesRootCategory = false;
  if (options.content.rooms) {
    for (const node of [...selection.rooms].sort((a, b) => a.id - b.id)) {
      const category = categoryOfRoom({ plan, rootCategory }, node.parentId);
      if (!category) continue;
      if (category === rootCategory) usesRootCategory = true;
      const disabled = options.packageDisabled?.get(node.id) ?? node.disabled;
      if (disabled !== node.disabled) disabledSinceExport.set(node.id, node.disabled);
      const record: RoomRecord = { node: { ...asExported(node), disabled }, roles: roles.get(node.id) ?? [] };
      rooms.push(convertRoom(record, category, notices, graph));
    }
  }
  const categories = options.content.categories ? [...plan.categories.values()].filter((c) => c.create) : [];
  if (usesRootCategory && rootCategory) categories.push(rootCategory);

  let addins: Addin[] = [];
  if (options.content.rooms) {
    const used = new Set(rooms.map((r) => r.addinId).filter((a): a is string => a !== null));
    addins = (await collect(source.addins())).filter((a) => options.scope.length === 0 || used.has(a.id));
  }
  const wanted = (p: Principal): boolean => (options.packagePrincipals ? options.packagePrincipals.has(p.id) : true);
  return {
    sourcePrincipals: byId,
    principals: principals.filter(wanted).map((p) => ({ source: p, expected: convertPrincipal(p, notices) })),
    categories,
    rooms,
    addins,
    usesRootCategory,
    root: selection.root,
    rawScopes,
    rawRoles,
    disabledSinceExport,
  };
}
