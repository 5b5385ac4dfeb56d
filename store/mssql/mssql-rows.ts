/**
 * Row mapping between SQL Server's values, as tedious returns them, and the core model. tedious gives bigint as a
 * decimal string (ticks exceed 2^53, so they become bigint here, exactly), uniqueidentifier in upper case (the model
 * keeps GUIDs in lower case), bit as a boolean, datetime as a Date. NVARCHAR holds any UTF-16 code units, lone
 * surrogates included, so text needs no special form (the sqlite dialect needs one).
 */
import { big, bool, mgcRowMapper, mgcValueMapper } from '../mgc-rows.js';
import type { Chat } from '../../core/model.js';
import { dateFromTicks } from '../../core/ticks.js';
import type { Row, Values } from './mssql-driver.js';

const DATETIME_MIN_MS = Date.UTC(1753, 0, 1);
const DATETIME_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 997);

export const bigOrNull = (v: unknown): bigint | null => (v === null || v === undefined ? null : big(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

// The mapping itself is the same for every dialect (store/mgc-rows.ts); tedious takes text and bits as they are,
// and prinVerifiedOn as a Date within what DATETIME holds (1753-01-01 to 9999-12-31 23:59:59.997: ticks range wider).
const values = mgcValueMapper({
  text: (v) => v,
  bit: (v) => v,
  verifiedOn: (ticks) => new Date(Math.min(DATETIME_MAX_MS, Math.max(DATETIME_MIN_MS, dateFromTicks(ticks).getTime()))),
});
/** The values of INSERT_PRINCIPAL / UPDATE_PRINCIPAL (without prinID and the audit columns). */
export const principalValues = values.principal;
/** The values of the node INSERT / UPDATE statements (without nodeID); the legacy columns only for Group Chat 2010. */
export const nodeValues = values.node;

export const chatFromRow = (r: Row): Chat => ({
  roomId: Number(r.channelId),
  chatId: big(r.chatId),
  date: big(r.chatDate),
  userId: Number(r.userId),
  isAlert: bool(r.isAlert) === true,
  content: String(r.content),
  rtf: text(r.rtf),
});

/** The estimated bytes a set of values holds, for the transaction journal's budget. */
export function valuesBytes(values: Values): number {
  let bytes = 0;
  for (const v of Object.values(values)) bytes += typeof v === 'string' ? v.length * 2 + 16 : 16;
  return bytes;
}

// The mapping itself is the same for every dialect (store/mgc-rows.ts); this one decodes text its own way.
const rows = mgcRowMapper(String);
export const principalFromRow = rows.principal;
export const nodeFromRow = rows.node;
export const affiliationFromRow = rows.affiliation;
export const scopeFromRow = rows.scope;
export const roleFromRow = rows.role;
export const addinFromRow = rows.addin;
