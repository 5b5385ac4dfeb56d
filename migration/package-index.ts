/**
 * What the first pass of an import keeps of a package for the write pass (validatePackage in import-validate.ts):
 * bounded by the directory, never by the messages. Its own module so that the message stream, the planner and the
 * write pass can name it without importing the validator.
 */
import type { CountName } from '../archive/manifest.js';
import type { CategoryPlan, FlatCategory } from '../core/convert/flatten-categories.js';
import type { Addin } from '../core/model.js';
import type { CategoryRecord } from '../core/records.js';
import type { MessageChecker } from './message-checker.js';

export interface RoomSummary {
  readonly name: string;
  readonly sourceName: string;
  readonly category: FlatCategory;
  readonly disabled: boolean;
}

export interface PackageIndex {
  readonly principalIds: ReadonlySet<number>;
  readonly categories: readonly CategoryRecord[];
  readonly plan: CategoryPlan;
  /** The category rooms directly under the root go into, when there are any. */
  readonly rootCategory: FlatCategory | undefined;
  readonly addins: readonly Addin[];
  readonly rooms: ReadonlyMap<number, RoomSummary>;
  /** Checks the messages; its per-room counts are filled by whichever pass read them. */
  readonly messages: MessageChecker;
  readonly counts: Record<CountName, number>;
}

/** The category a room lands in: its flattened category, or the root's stand-in. */
export function categoryOfRoom(index: Pick<PackageIndex, 'plan' | 'rootCategory'>, categoryId: number): FlatCategory | undefined {
  const flat = index.plan.categories.get(categoryId);
  if (flat) return flat;
  return index.plan.root && index.plan.root.node.id === categoryId ? index.rootCategory : undefined;
}
