/**
 * Small builders for the rows the store suite writes, and `collect` to drain a batched read. Dates fall on whole
 * seconds, which as ticks are multiples of 2^7 and so survive even a trip through a double; the suite checks ticks
 * that do not in dedicated tests, so that a precision bug fails those tests and only those.
 */
import { PrincipalType, type ChatNode } from '../../../core/model.js';
import { ticksFromDate, type Ticks } from '../../../core/ticks.js';
import type { NewNode, NewPrincipal } from '../../../store/store.js';

/** 2013-05-01T08:00:00Z plus whole seconds. */
export const at = (seconds: number): Ticks => ticksFromDate(new Date(Date.UTC(2013, 4, 1, 8, 0, seconds)));

export const guidOf = (n: number): string => `6f1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function user(n: number, overrides: Partial<NewPrincipal> = {}): NewPrincipal {
  return {
    guid: guidOf(n),
    uri: `sip:user${n}@contoso.com`,
    type: PrincipalType.User,
    name: `user${n}`,
    displayName: `User ${n}`,
    company: 'Contoso',
    email: `user${n}@contoso.com`,
    adPath: `CN=User ${n},OU=Users,DC=contoso,DC=com`,
    upn: `user${n}@contoso.com`,
    disabled: 0,
    addedOn: at(n),
    updatedOn: at(n + 1),
    ...overrides,
  };
}

export function group(n: number, overrides: Partial<NewPrincipal> = {}): NewPrincipal {
  return user(n, {
    uri: `ma-grp://contoso.com/group${n}`,
    type: PrincipalType.Group,
    name: `Group ${n}`,
    displayName: null,
    email: null,
    upn: null,
    adPath: `CN=Group ${n},OU=Groups,DC=contoso,DC=com`,
    ...overrides,
  });
}

export function category(n: number, overrides: Partial<NewNode> = {}): NewNode {
  return {
    guid: guidOf(0x10000 + n),
    parentId: 1,
    kind: 'Category',
    name: `Category ${n}`,
    description: `About category ${n}`,
    invite: true,
    logged: true,
    filePost: false,
    disabled: false,
    behavior: 'Normal',
    visibility: 'Closed',
    addinId: null,
    addedBy: 1,
    updatedBy: 1,
    addedOn: at(100 + n),
    updatedOn: at(200 + n),
    topic: null,
    inheritance: null,
    scopeChange: null,
    overrideMember: null,
    ...overrides,
  };
}

export function room(n: number, parentId: number, overrides: Partial<NewNode> = {}): NewNode {
  return category(0x1000 + n, {
    parentId,
    kind: 'ChatRoom',
    name: `Room ${n}`,
    description: `About room ${n}`,
    invite: null,
    logged: null,
    filePost: null,
    visibility: 'Open',
    ...overrides,
  });
}

/** The node as the store should give it back under its id. */
export const stored = (id: number, node: NewNode): ChatNode => ({ ...node, id });

/** Every row of a batched read, and how many batches it came in. */
export async function collect<T>(source: AsyncIterable<T[]>): Promise<{ rows: T[]; batches: number }> {
  const rows: T[] = [];
  let batches = 0;
  for await (const batch of source) {
    batches++;
    rows.push(...batch);
  }
  return { rows, batches };
}

export async function all<T>(source: AsyncIterable<T[]>): Promise<T[]> {
  return (await collect(source)).rows;
}
