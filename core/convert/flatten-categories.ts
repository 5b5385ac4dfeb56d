/**
 * Group Chat's nested category tree -> Persistent Chat's one level of categories (domain.md §4.4, §4.6):
 * - a subcategory's name gets its parents' names as a prefix ("Engineering - Backend"), limit 256 characters;
 * - invitations, chat history and file upload are resolved through inheritance (null = inherit; a category with
 *   `inheritance` forces its settings on everything below it);
 * - the scope (AllowedMembers / DeniedMembers) is the nearest one defined on the category or an ancestor;
 * - managers on the root (and on any category) become managers of every room below; Creators stay on their category.
 * A Persistent Chat source is already flat, and passes through unchanged.
 */
import { isRoot, type CategoryRecord } from '../records.js';
import { LIMITS, ROOT_NODE_ID, type ChatNode } from '../model.js';
import type { NoticeSink } from './notices.js';

/** Between the names of a flattened path (docs/decisions.md). */
export const NAME_SEPARATOR = ' - ';

/** Settings a root category with no value of its own gives (the Persistent Chat defaults for a new category). */
const ROOT_DEFAULTS = { invite: false, logged: true, filePost: false } as const;

export interface FlatCategory {
  readonly sourceId: number;
  readonly source: ChatNode;
  readonly name: string;
  /** Names from the top category down to this one. */
  readonly path: readonly string[];
  readonly description: string;
  readonly invitations: boolean;
  readonly chatHistory: boolean;
  readonly fileUpload: boolean;
  readonly allowed: readonly number[];
  readonly denied: readonly number[];
  readonly creators: readonly number[];
  /** Managers of this category and its ancestors (root included): they manage every room below. */
  readonly inheritedManagers: readonly number[];
  /** Members granted on this category and its ancestors, up to a node that overrides membership. */
  readonly inheritedMembers: readonly number[];
  /** False when the category is only a structural ancestor of the exported scope and is not created. */
  readonly create: boolean;
  /** True when `inheritance` (here or above) forces this category's settings on its rooms too. */
  readonly forced: boolean;
}

export interface CategoryPlan {
  readonly categories: ReadonlyMap<number, FlatCategory>;
  readonly root: CategoryRecord | undefined;
}

interface Effective {
  invite: boolean;
  logged: boolean;
  filePost: boolean;
  scope: CategoryRecord['scope'];
  /** The nearest category (this one included) whose `inheritance` forces its settings on everything below. */
  forcedBy: CategoryRecord | undefined;
  /** Own settings an ancestor's `inheritance` replaced. */
  overridden: string[];
  overriddenBy: CategoryRecord | undefined;
}

const rolesOf = (c: CategoryRecord, role: string): number[] => c.roles.filter((r) => r.role === role).map((r) => r.principalId);

export function planCategories(records: readonly CategoryRecord[], notices: NoticeSink): CategoryPlan {
  const byId = new Map(records.map((r) => [r.node.id, r]));
  const root = records.find((r) => isRoot(r.node)) ?? byId.get(ROOT_NODE_ID);
  const effective = new Map<number, Effective>();
  const categories = new Map<number, FlatCategory>();

  const chain = (record: CategoryRecord): CategoryRecord[] => {
    // From the top category (a child of the root) down to `record`, guarding against cycles.
    const path: CategoryRecord[] = [];
    const seen = new Set<number>();
    for (let current: CategoryRecord | undefined = record; current && !isRoot(current.node) && current !== root; current = byId.get(current.node.parentId)) {
      if (seen.has(current.node.id)) break;
      seen.add(current.node.id);
      path.unshift(current);
    }
    return path;
  };

  const rootEffective: Effective = {
    invite: root?.node.invite ?? ROOT_DEFAULTS.invite,
    logged: root?.node.logged ?? ROOT_DEFAULTS.logged,
    filePost: root?.node.filePost ?? ROOT_DEFAULTS.filePost,
    scope: root?.scope ?? [],
    forcedBy: root?.node.inheritance ? root : undefined,
    overridden: [],
    overriddenBy: undefined,
  };

  const resolve = (record: CategoryRecord): Effective => {
    const known = effective.get(record.node.id);
    if (known) return known;
    const parentRecord = byId.get(record.node.parentId);
    const parent = parentRecord && parentRecord !== root && !isRoot(parentRecord.node) && parentRecord !== record ? resolve(parentRecord) : rootEffective;
    const own = record.node;
    const forced = parent.forcedBy;
    const pick = (value: boolean | null, inherited: boolean): boolean => (forced ? inherited : (value ?? inherited));
    const result: Effective = {
      invite: pick(own.invite, parent.invite),
      logged: pick(own.logged, parent.logged),
      filePost: pick(own.filePost, parent.filePost),
      scope: record.scope.length > 0 ? record.scope : parent.scope,
      forcedBy: forced ?? (own.inheritance ? record : undefined),
      overridden: [],
      overriddenBy: forced,
    };
    if (forced) result.overridden = (['invite', 'logged', 'filePost'] as const).filter((k) => own[k] !== null && own[k] !== result[k]);
    effective.set(record.node.id, result);
    return result;
  };

  for (const record of records) {
    if (record === root || isRoot(record.node)) continue;
    const path = chain(record);
    const names = path.map((p) => p.node.name);
    const name = names.join(NAME_SEPARATOR);
    const settings = resolve(record);
    const inheritedManagers = new Set<number>(root ? rolesOf(root, 'Manager') : []);
    const categoryManagers = new Set<number>();
    // Root members reach every room as members of any other category do, unless membership is overridden below.
    let inheritedMembers: number[] = root && !root.node.overrideMember ? rolesOf(root, 'Member') : [];
    for (const step of path) {
      for (const id of rolesOf(step, 'Manager')) {
        inheritedManagers.add(id);
        // Reported where they are granted, unless that category is not created (outside -Scope): then here.
        if (step === record || !step.inScope) categoryManagers.add(id);
      }
      inheritedMembers = step.node.overrideMember ? rolesOf(step, 'Member') : [...inheritedMembers, ...rolesOf(step, 'Member')];
    }
    if (record.inScope) {
      if (settings.overridden.length > 0 && settings.overriddenBy) {
        const by = chain(settings.overriddenBy).map((p) => p.node.name).join(NAME_SEPARATOR);
        notices.add({
          rule: 'InheritedSettings',
          severity: 'Warning',
          objectKind: 'Category',
          objectName: name,
          message: `'${by}' makes everything below it inherit its settings, so this category's own ${settings.overridden.join(', ')} value is replaced by the inherited one.`,
        });
      }
      if (path.length > 1) {
        notices.add({
          rule: 'FlattenedCategory',
          severity: 'Info',
          objectKind: 'Category',
          objectName: name,
          message: `The subcategory '${record.node.name}' becomes the category '${name}' (Persistent Chat has one level of categories).`,
        });
      }
      if (record.scope.length === 0 && settings.scope.length > 0) {
        notices.add({
          rule: 'InheritedScope',
          severity: 'Info',
          objectKind: 'Category',
          objectName: name,
          message: `The category has no scope of its own; it takes the ${settings.scope.length} allowed and denied members it inherited.`,
        });
      }
      if (categoryManagers.size > 0) {
        notices.add({
          rule: 'CategoryManagers',
          severity: 'Warning',
          objectKind: 'Category',
          objectName: name,
          message: `${categoryManagers.size} manager(s) of this category${path.some((p) => p !== record && !p.inScope) ? ' (or of categories above it that are not migrated)' : ''} become managers of every room in it and in its subcategories.`,
        });
      }
      if (name.length > LIMITS.nodeName) {
        notices.add({
          rule: 'NameTooLong',
          severity: 'Error',
          objectKind: 'Category',
          objectName: name,
          message: `The flattened category name is ${name.length} characters long; the limit is ${LIMITS.nodeName}. Shorten '${record.node.name}' or its parents in the source and export again.`,
        });
      }
    }
    categories.set(record.node.id, {
      sourceId: record.node.id,
      source: record.node,
      name,
      path: names,
      description: record.node.description,
      invitations: settings.invite,
      chatHistory: settings.logged,
      fileUpload: settings.filePost,
      allowed: settings.scope.filter((s) => !s.denied).map((s) => s.principalId),
      denied: settings.scope.filter((s) => s.denied).map((s) => s.principalId),
      creators: rolesOf(record, 'Creator'),
      inheritedManagers: [...inheritedManagers],
      inheritedMembers: [...new Set(inheritedMembers)],
      create: record.inScope,
      forced: settings.forcedBy !== undefined,
    });
  }

  if (root) {
    const managers = rolesOf(root, 'Manager');
    if (managers.length > 0) {
      notices.add({
        rule: 'RootManagers',
        severity: 'Warning',
        objectKind: 'Category',
        objectName: root.node.name,
        message: `${managers.length} manager(s) of the root category become managers of every migrated room. Remove them from the root in the source first if that is not wanted.`,
      });
    }
    const creators = rolesOf(root, 'Creator');
    if (creators.length > 0) {
      notices.add({
        rule: 'RootCreators',
        severity: 'Warning',
        objectKind: 'Category',
        objectName: root.node.name,
        message: `${creators.length} creator(s) on the root category are not migrated: the Persistent Chat root cannot be changed. Add them as Creators of the categories that need them.`,
      });
    }
  }
  return { categories, root };
}

/** The category a room directly under the root is placed in: named after the root, created on demand. */
export function rootCategoryFor(plan: CategoryPlan): FlatCategory | undefined {
  const root = plan.root;
  if (!root) return undefined;
  return {
    sourceId: root.node.id,
    source: root.node,
    name: root.node.name,
    path: [root.node.name],
    description: root.node.description,
    invitations: root.node.invite ?? ROOT_DEFAULTS.invite,
    chatHistory: root.node.logged ?? ROOT_DEFAULTS.logged,
    fileUpload: root.node.filePost ?? ROOT_DEFAULTS.filePost,
    allowed: root.scope.filter((s) => !s.denied).map((s) => s.principalId),
    denied: root.scope.filter((s) => s.denied).map((s) => s.principalId),
    creators: [],
    inheritedManagers: rolesOf(root, 'Manager'),
    inheritedMembers: root.node.overrideMember ? [] : rolesOf(root, 'Member'),
    create: true,
    forced: Boolean(root.node.inheritance),
  };
}
