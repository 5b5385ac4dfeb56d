/**
 * Which categories and rooms an export takes, given -Scope (domain.md §3.1.1): each name matches a category by its
 * own name or by its flattened path, ignoring case; a matched category brings its subcategories and their rooms.
 * Ancestors of a matched subcategory travel as structure only (the import needs them to flatten names and resolve
 * inherited settings) and are not created. Without -Scope everything is exported, rooms under the root included.
 */
import { PcmError } from './errors.js';
import { NAME_SEPARATOR } from './convert/flatten-categories.js';
import { ROOT_NODE_ID, type ChatNode } from './model.js';

export interface ExportSelection {
  readonly root: ChatNode | undefined;
  /** Categories exported in full. */
  readonly categories: readonly ChatNode[];
  /** Ancestors of exported categories that are not exported themselves. */
  readonly ancestors: readonly ChatNode[];
  readonly rooms: readonly ChatNode[];
}

export function selectForExport(nodes: readonly ChatNode[], scope: readonly string[] | undefined): ExportSelection {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const isRootNode = (n: ChatNode): boolean => n.id === ROOT_NODE_ID || n.parentId === n.id;
  const root = nodes.find(isRootNode);
  const categories = nodes.filter((n) => n.kind === 'Category' && !isRootNode(n));
  const pathOf = (n: ChatNode): string[] => {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let c: ChatNode | undefined = n; c && !isRootNode(c) && !seen.has(c.id); c = byId.get(c.parentId)) {
      seen.add(c.id);
      names.unshift(c.name);
    }
    return names;
  };

  let selected: Set<number>;
  if (!scope || scope.length === 0) {
    selected = new Set(categories.map((c) => c.id));
  } else {
    selected = new Set();
    const unmatched: string[] = [];
    for (const wanted of scope) {
      const key = wanted.trim().toLowerCase();
      const matches = categories.filter((c) => c.name.toLowerCase() === key || pathOf(c).join(NAME_SEPARATOR).toLowerCase() === key);
      if (matches.length === 0) unmatched.push(wanted);
      for (const m of matches) selected.add(m.id);
    }
    if (unmatched.length > 0) {
      const known = categories.map((c) => pathOf(c).join(NAME_SEPARATOR)).sort();
      throw new PcmError(
        `-Scope names no category called ${unmatched.map((u) => `'${u}'`).join(', ')}. ` +
          `Categories in this database: ${known.slice(0, 30).join(', ')}${known.length > 30 ? ', …' : ''}.`,
        { errorId: 'ScopeCategoryNotFound', category: 'ObjectNotFound', target: unmatched[0]! },
      );
    }
    // Subcategories come with their parents.
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of categories) {
        if (!selected.has(c.id) && selected.has(c.parentId)) {
          selected.add(c.id);
          grew = true;
        }
      }
    }
  }
  const ancestors = new Map<number, ChatNode>();
  for (const id of selected) {
    for (let p = byId.get(byId.get(id)!.parentId); p && !isRootNode(p) && !selected.has(p.id) && !ancestors.has(p.id); p = byId.get(p.parentId)) {
      ancestors.set(p.id, p);
    }
  }
  const wholeTree = !scope || scope.length === 0;
  const rooms = nodes.filter((n) => n.kind === 'ChatRoom' && (selected.has(n.parentId) || (wholeTree && root !== undefined && n.parentId === root.id)));
  return {
    root,
    categories: categories.filter((c) => selected.has(c.id)),
    ancestors: [...ancestors.values()].sort((a, b) => a.id - b.id),
    rooms,
  };
}
