/**
 * .NET ticks: 100-nanosecond intervals since 0001-01-01T00:00:00Z. Persistent Chat stores every node, principal and
 * chat timestamp as a bigint of ticks (domain.md §5), and a tick count for today (~6.4e17) is beyond
 * Number.MAX_SAFE_INTEGER, so ticks are always `bigint` here.
 */
export type Ticks = bigint;

/** Ticks between 0001-01-01 and the Unix epoch. */
export const TICKS_AT_UNIX_EPOCH = 621355968000000000n;
export const TICKS_PER_MILLISECOND = 10000n;
/** Largest tick value .NET accepts (DateTime.MaxValue, 9999-12-31T23:59:59.9999999). */
export const MAX_TICKS = 3155378975999999999n;

export function ticksFromDate(date: Date): Ticks {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  return BigInt(ms) * TICKS_PER_MILLISECOND + TICKS_AT_UNIX_EPOCH;
}

/** Converts ticks to a Date (millisecond precision; the sub-millisecond remainder is dropped). */
export function dateFromTicks(ticks: Ticks): Date {
  return new Date(Number((ticks - TICKS_AT_UNIX_EPOCH) / TICKS_PER_MILLISECOND));
}

export function isValidTicks(ticks: Ticks): boolean {
  return ticks >= 0n && ticks <= MAX_TICKS;
}

const TICKS_TEXT = /^(0|[1-9][0-9]{0,18})$/;

/** Parses the decimal text form used in the export package; undefined when it is not a valid tick count. */
export function parseTicks(text: string): Ticks | undefined {
  if (!TICKS_TEXT.test(text)) return undefined;
  const value = BigInt(text);
  return isValidTicks(value) ? value : undefined;
}
