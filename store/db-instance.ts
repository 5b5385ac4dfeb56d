/**
 * -DBInstance, in every form DESIGN.md §6 names: `server`, `server\instance`, `server,port`, `tcp:server,port` for
 * SQL Server; `sqlite:<path>` or a path ending in .db/.sqlite/.sqlite3 for the embedded store.
 */
import { UsageError } from '../core/errors.js';

export type DbInstance =
  | { kind: 'sqlite'; path: string; text: string }
  | { kind: 'mssql'; server: string; instance?: string; port?: number; text: string };

const SQLITE_EXTENSION = /\.(db|sqlite|sqlite3)$/i;
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*|\[[0-9A-Fa-f:.]+\]|\(local\)|\.)$/;
const INSTANCE = /^[A-Za-z_][A-Za-z0-9_$#@]{0,15}$/;

function invalid(text: string, problem: string): never {
  throw new UsageError(
    `-DBInstance '${text}' is not valid: ${problem} Use a SQL Server name such as sql01.contoso.com\\rtc, sql01,1433 or tcp:sql01,1433, ` +
      `or an embedded database such as sqlite:C:\\pc\\mgc.db.`,
    'InvalidDBInstance',
    'DBInstance',
  );
}

function parsePort(text: string, port: string): number {
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) invalid(text, `port '${port}' must be a number from 1 to 65535.`);
  return Number(port);
}

export function parseDbInstance(value: string): DbInstance {
  const text = value.trim();
  if (text.length === 0) invalid(value, 'it is empty.');
  if (/^sqlite:/i.test(text)) {
    const path = text.slice('sqlite:'.length);
    if (path.length === 0) invalid(text, 'the path after "sqlite:" is empty.');
    return { kind: 'sqlite', path, text };
  }
  if (SQLITE_EXTENSION.test(text)) return { kind: 'sqlite', path: text, text };
  let rest = text;
  if (/^tcp:/i.test(rest)) {
    rest = rest.slice(4);
    if (!rest.includes(',')) invalid(text, 'the tcp: form needs a port, as in tcp:server,1433.');
  }
  const comma = rest.indexOf(',');
  if (comma >= 0) {
    const server = rest.slice(0, comma);
    if (!HOST.test(server)) invalid(text, `'${server}' is not a valid server name.`);
    return { kind: 'mssql', server, port: parsePort(text, rest.slice(comma + 1).trim()), text };
  }
  const slash = rest.indexOf('\\');
  if (slash >= 0) {
    const server = rest.slice(0, slash);
    const instance = rest.slice(slash + 1);
    if (!HOST.test(server)) invalid(text, `'${server}' is not a valid server name.`);
    if (!INSTANCE.test(instance)) invalid(text, `'${instance}' is not a valid SQL Server instance name (a letter or _, then up to 15 letters, digits or _$#@).`);
    return { kind: 'mssql', server, instance, text };
  }
  if (/[\\/]/.test(rest) || !HOST.test(rest)) {
    invalid(text, 'it is neither a server name nor a database file ending in .db, .sqlite or .sqlite3.');
  }
  return { kind: 'mssql', server: rest, text };
}
