/**
 * What may reach a log file. Parameter values are logged so an administrator can see what a scheduled task ran,
 * but never a secret and never chat content: a PSCredential shows its user name only, a byte array its length,
 * anything named like a password, credential or secret is replaced, and a password inside a connection string is
 * masked.
 */
import type { CmdletDeclaration } from '../cmdlets/framework/cmdlet.js';

export const REDACTED = '<redacted>';

const SECRET_NAME = /password|passwd|pwd|credential|secret|token|apikey/i;
const CONNECTION_PASSWORD = /((?:password|pwd)\s*=\s*)("[^"]*"|'[^']*'|[^;]*)/gi;

function isCredential(value: unknown): value is { userName: string } {
  return typeof value === 'object' && value !== null && typeof (value as { userName?: unknown }).userName === 'string';
}

function bytes(length: number): string {
  return `<${length} bytes>`;
}

/** Makes any value safe and plain for a JSON log line. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return value.replace(CONNECTION_PASSWORD, `$1${REDACTED}`);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return bytes(value.byteLength);
  if (value instanceof ArrayBuffer) return bytes(value.byteLength);
  if (depth > 4) return '<nested>';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = redactKeyed(key, item, depth + 1);
    return result;
  }
  return String(value);
}

function redactKeyed(key: string, value: unknown, depth: number): unknown {
  if (isCredential(value)) return { userName: value.userName };
  if (SECRET_NAME.test(key)) return REDACTED;
  return redactValue(value, depth);
}

/**
 * The bound parameters of a cmdlet as they may be logged. Types come from the declaration where it knows the
 * parameter (PSCredential -> user name, Byte[] -> length); names decide the rest.
 */
export function redactParameters(declaration: CmdletDeclaration | undefined, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const type = declaration?.parameters.find((p) => p.name === name)?.type;
    if (type === 'PSCredential') result[name] = isCredential(value) ? { userName: value.userName } : REDACTED;
    else if (type === 'Byte[]') result[name] = value instanceof Uint8Array ? bytes(value.byteLength) : REDACTED;
    else result[name] = redactKeyed(name, value, 0);
  }
  return result;
}
