/**
 * Microsoft's rules for a category's own settings and lists (domain.md §1.3, §3.2.2–3.2.3), written once here for
 * the category cmdlets: the documented defaults of a new category; a principal is either allowed or denied on a
 * category, never both (tblScopePrincipal holds one row per principal, and deny would win anyway); and creators lie
 * within the category's AllowedMembers less its DeniedMembers (Microsoft: creators "should be a subset" of them).
 */
import { PcmError } from '../errors.js';
import { excerpt } from '../excerpt.js';
import { outsideScope, type CategoryScope, type MembershipGraph } from '../membership.js';

/** New-CsPersistentChatCategory without its switches: no file upload, no invitations, chat history kept. */
export const NEW_CATEGORY_DEFAULTS = { fileUpload: false, invitations: false, chatHistory: true } as const;

const names = (ids: readonly number[], label: (id: number) => string): string => ids.slice(0, 3).map((id) => excerpt(label(id))).join(', ') + (ids.length > 3 ? ', ...' : '');

export function checkAllowedDeniedApart(category: string, allowed: readonly number[], denied: readonly number[], label: (id: number) => string): void {
  const deniedSet = new Set(denied);
  const both = allowed.filter((id) => deniedSet.has(id));
  if (both.length === 0) return;
  throw new PcmError(
    `${names(both, label)} would be both among the AllowedMembers and the DeniedMembers of the category '${excerpt(category)}'; a principal is one or the other. ` +
      "Remove it from one list in the same call, for example -AllowedMembers @{Remove=...} -DeniedMembers @{Add=...}.",
    { errorId: 'PrincipalAllowedAndDenied', category: 'InvalidArgument', target: category },
  );
}

/** Creators added to a category must be within its scope (the scope as this call leaves it). */
export function checkCreatorsWithinScope(category: string, added: readonly number[], scope: CategoryScope, graph: MembershipGraph, label: (id: number) => string): void {
  const outside = outsideScope(added, scope, graph);
  if (outside.length === 0) return;
  throw new PcmError(
    `-Creators: ${names(outside, label)} ${outside.length === 1 ? 'is' : 'are'} not within the category '${excerpt(category)}' (its AllowedMembers, less its DeniedMembers), ` +
      'and a category\'s creators must be. Add them to -AllowedMembers in the same call, or first.',
    { errorId: 'CreatorOutsideCategory', category: 'InvalidOperation', target: category },
  );
}
