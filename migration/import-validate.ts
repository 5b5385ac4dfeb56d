/**
 * The first pass of an import: read every part of the package, check every record and every reference, apply the
 * conversion rules to learn what they will do, and keep what the write pass needs: bounded by the directory
 * (principals, categories, rooms), never by the messages, which are only counted.
 */
import { excerpt } from '../core/excerpt.js';
import { PackageError } from '../core/errors.js';
import { convertPrincipal } from '../core/convert/convert-principal.js';
import { convertRoom } from '../core/convert/convert-room.js';
import { MembershipGraph } from '../core/membership.js';
import { planCategories, rootCategoryFor, type CategoryPlan, type FlatCategory } from '../core/convert/flatten-categories.js';
import type { NoticeSink } from '../core/convert/notices.js';
import { isRoot, type CategoryRecord } from '../core/records.js';
import type { Addin } from '../core/model.js';
import { PART } from '../archive/package-format.js';
import type { PackageReader, PackageSource } from '../archive/package-reader.js';
import type { PackageLimits } from '../archive/limits.js';
import type { CountName } from '../archive/manifest.js';
import { decodeAddin, decodeAffiliations, decodeCategory, decodePrincipal, decodeRoom, RecordSite } from '../archive/record-decoders.js';
import { MessageChecker } from './message-checker.js';
import { categoryOfRoom, type PackageIndex, type RoomSummary } from './package-index.js';
import { checkedChats } from './message-stream.js';
import type { JobContext } from './job.js';
import { ProgressReporter } from './progress.js';

/**
 * Checks everything but the messages, which are many: checkMessages() reads them before anything is written, or,
 * for a store that imports in one transaction, the write pass checks them as it goes and rolls back on a bad one.
 */
export async function validatePackage(reader: PackageReader, context: JobContext, notices: NoticeSink): Promise<PackageIndex> {
  const manifest = reader.manifest;
  const counts: Record<CountName, number> = { principals: 0, affiliations: 0, categories: 0, rooms: 0, addins: 0, roles: 0, scopes: 0, messages: 0 };
  const principalIds = new Set<number>();
  const progress = new ProgressReporter(context, 'Import-CsPersistentChatData: checking the package', manifest.counts.messages);

  for (const part of [PART.users, PART.groups]) {
    const site: RecordSite = new RecordSite(part);
    for await (const batch of reader.records(part)) {
      for (const element of batch) {
        site.index++;
        const principal = decodePrincipal(site, element);
        if (principalIds.has(principal.id)) site.fail(element, `principal ${principal.id} appears twice in the package`);
        principalIds.add(principal.id);
        convertPrincipal(principal, notices);
      }
    }
    counts.principals += site.index;
  }
  const principal = (site: RecordSite, element: Parameters<RecordSite['fail']>[0], id: number, what: string): void => {
    if (!principalIds.has(id)) site.fail(element, `${what} refers to principal ${id}, which the package does not contain`);
  };

  // Who belongs to which group, OU or domain, in the package's ids: rooms are judged against their category's scope.
  const graph = new MembershipGraph();
  {
    const site: RecordSite = new RecordSite(PART.affiliations);
    for await (const batch of reader.records(PART.affiliations)) {
      for (const element of batch) {
        site.index++;
        const list = decodeAffiliations(site, element);
        const owner = Number(element.attributes.id);
        principal(site, element, owner, 'the membership list');
        for (const a of list) principal(site, element, a.affiliationId, `a membership of principal ${owner}`);
        graph.add(list);
        counts.affiliations += list.length;
      }
    }
  }

  const addins: Addin[] = [];
  {
    const site: RecordSite = new RecordSite(PART.addins);
    for await (const batch of reader.records(PART.addins)) {
      for (const element of batch) {
        site.index++;
        const addin = decodeAddin(site, element);
        if (!/^https?:\/\//i.test(addin.url)) site.fail(element, `the add-in URL "${excerpt(addin.url)}" must start with http:// or https://`);
        if (addins.some((a) => a.id === addin.id)) site.fail(element, `the add-in id ${addin.id} appears twice`);
        if (addins.some((a) => a.name.toLowerCase() === addin.name.toLowerCase())) site.fail(element, `two add-ins are named "${excerpt(addin.name)}"`);
        addins.push(addin);
      }
    }
    counts.addins = addins.length;
  }

  const categories: CategoryRecord[] = [];
  {
    const site: RecordSite = new RecordSite(PART.categories);
    for await (const batch of reader.records(PART.categories)) {
      for (const element of batch) {
        site.index++;
        const record = decodeCategory(site, element);
        if (categories.some((c) => c.node.id === record.node.id)) site.fail(element, `node ${record.node.id} appears twice`);
        for (const s of record.scope) principal(site, element, s.principalId, 'the scope');
        for (const r of record.roles) principal(site, element, r.principalId, `the ${r.role} role`);
        categories.push(record);
        counts.scopes += record.scope.length;
        counts.roles += record.roles.length;
      }
    }
    const ids = new Set(categories.map((c) => c.node.id));
    for (const c of categories) {
      if (!isRoot(c.node) && !ids.has(c.node.parentId)) {
        throw new PackageError(`the category '${excerpt(c.node.name)}' (id ${c.node.id}) has parent ${c.node.parentId}, which the package does not contain`, { part: PART.categories });
      }
      // A parent chain must reach the root: a cycle would make flattening loop.
      const seen = new Set<number>();
      for (let n: CategoryRecord | undefined = c; n && !isRoot(n.node); n = categories.find((x) => x.node.id === n!.node.parentId)) {
        if (seen.has(n.node.id)) throw new PackageError(`the categories containing '${excerpt(c.node.name)}' form a cycle`, { part: PART.categories });
        seen.add(n.node.id);
      }
    }
    counts.categories = categories.filter((c) => c.inScope && !isRoot(c.node)).length;
  }
  const plan = planCategories(categories, notices);
  const rootCategory = rootCategoryFor(plan);

  const rooms = new Map<number, RoomSummary>();
  let usesRootCategory = false;
  {
    const site: RecordSite = new RecordSite(PART.rooms);
    const addinIds = new Set(addins.map((a) => a.id));
    for await (const batch of reader.records(PART.rooms)) {
      for (const element of batch) {
        site.index++;
        const record = decodeRoom(site, element);
        if (rooms.has(record.node.id)) site.fail(element, `room ${record.node.id} appears twice`);
        const category = categoryOfRoom({ plan, rootCategory }, record.node.parentId);
        if (!category) site.fail(element, `the room's category ${record.node.parentId} is not in the package`);
        if (!category.create) site.fail(element, `the room's category '${excerpt(category.name)}' is only structure in this package (outside -Scope)`);
        if (category === rootCategory) usesRootCategory = true;
        for (const r of record.roles) principal(site, element, r.principalId, `the ${r.role} role`);
        if (record.node.addinId && !addinIds.has(record.node.addinId)) site.fail(element, `the room uses add-in ${record.node.addinId}, which the package does not contain`);
        const flat = convertRoom(record, category, notices, graph);
        rooms.set(record.node.id, { name: flat.name, sourceName: record.node.name, category, disabled: flat.disabled });
        counts.roles += record.roles.length;
      }
    }
    counts.rooms = rooms.size;
  }
  if (usesRootCategory && rootCategory) {
    notices.add({
      rule: 'RoomUnderRoot',
      severity: 'Warning',
      objectKind: 'Category',
      objectName: rootCategory.name,
      message: 'Some rooms sit directly under the root category, which Persistent Chat does not allow; they go into a category named after the root.',
    });
  }
  const names = new Map<string, string>();
  const claim = (name: string, what: string): void => {
    const key = name.toLowerCase();
    const other = names.get(key);
    if (other) {
      notices.add({ rule: 'NameConflict', severity: 'Error', objectKind: 'Package', objectName: name, message: `${what} and ${other} would both be named '${name}'; names are unique per pool across categories and rooms. Rename one in the source and export again.` });
    } else names.set(key, what);
  };
  for (const c of plan.categories.values()) if (c.create) claim(c.name, `the category '${c.path.join('/')}'`);
  if (usesRootCategory && rootCategory) claim(rootCategory.name, 'the root category');
  for (const r of rooms.values()) claim(r.name, `the room '${r.sourceName}'`);

  const checker = new MessageChecker(rooms, principalIds);
  counts.messages = manifest.counts.messages;
  progress.complete();

  // A package of Microsoft's has no manifest (foreign-package.ts): there are no counts to compare with.
  for (const name of reader.foreign ? [] : (['principals', 'categories', 'rooms', 'addins'] as const)) {
    if (counts[name] !== manifest.counts[name]) {
      throw new PackageError(`the manifest counts ${manifest.counts[name]} ${name} but the package holds ${counts[name]}`, { part: PART.manifest });
    }
  }
  return { principalIds, categories, plan, rootCategory: usesRootCategory ? rootCategory : undefined, addins, rooms, messages: checker, counts };
}

/** Reads and checks every message of the package (and every message part's checksum), writing nothing. */
export async function checkMessages(source: PackageSource, limits: PackageLimits, index: PackageIndex, context: JobContext): Promise<void> {
  const total = index.counts.messages;
  const progress = new ProgressReporter(context, 'Import-CsPersistentChatData: checking the messages', total);
  let checked = 0;
  for await (const batch of checkedChats({ source, limits, index, check: true, verify: true, signal: context.signal })) {
    checked += batch.length;
    progress.update(checked, `${checked} of ${total} messages checked`);
  }
  progress.complete();
}
