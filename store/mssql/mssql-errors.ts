/**
 * What a SQL Server failure means, as pure functions of the error the mssql/tedious driver raises: whether it is
 * worth retrying (a deadlock, a lost connection, Azure SQL's transient errors), and the PcmError a user sees
 * instead, naming the server, the database and the login, saying what to check, and never showing a password
 * (driver text is scrubbed of every secret before it is quoted).
 */
import { PcmError, type ErrorCategory } from '../../core/errors.js';
import { ENCRYPTION_DECLINED } from './mssql-tls-guard.js';

/** What an error is about, for the message. */
export interface ErrorSite {
  /** mssql:<instance>/<database> */
  readonly display: string;
  readonly database: string;
  readonly login: string;
  readonly secrets: readonly string[];
  /** The named instance, when the SQL Browser was asked for its port. */
  readonly instanceName?: string;
}

interface DriverError {
  readonly message?: string;
  readonly code?: string;
  readonly number?: number;
  readonly originalError?: DriverError & { readonly info?: { readonly number?: number }; readonly cause?: unknown };
  readonly cause?: unknown;
}

/** SQL Server error numbers that a retry after a pause can get past. */
const TRANSIENT_NUMBERS = new Set([
  1205, // chosen as a deadlock victim
  1222, // lock request time out
  10928, 10929, // (Azure) resource limits
  40143, 40197, 40501, 40540, 40613, 49918, 49919, 49920, // (Azure) service busy, reconfiguring, failover
  233, 10053, 10054, 10060, 64, // transport-level errors: the connection broke
]);

/** Socket-level failures of an established connection that a new connection can get past. */
const TRANSIENT_SOCKET = /ECONNRESET|EPIPE|Connection lost|socket hang up|ETIMEDOUT/i;

export function sqlErrorNumber(error: unknown): number | undefined {
  const e = error as DriverError | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.number === 'number') return e.number;
  const info = e.originalError?.info?.number;
  return typeof info === 'number' ? info : undefined;
}

function code(error: unknown): string | undefined {
  const e = error as DriverError | null;
  return (e && typeof e === 'object' && (e.code ?? e.originalError?.code)) || undefined;
}

/** The driver's message, with the socket errors tedious wraps (ECONNREFUSED and the like) spelled out. */
function text(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as DriverError).originalError?.cause ?? error.cause;
  const nested = inner instanceof AggregateError ? inner.errors : inner instanceof Error ? [inner] : [];
  const details = nested.map((e: unknown) => (e instanceof Error ? e.message : String(e))).filter((m: string) => m && !error.message.includes(m));
  return details.length === 0 ? error.message : `${error.message} (${details.join('; ')})`;
}

/** True when running the same work again on a fresh connection may succeed. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof PcmError) return false;
  const number = sqlErrorNumber(error);
  if (number !== undefined && TRANSIENT_NUMBERS.has(number)) return true;
  const c = code(error);
  // ECONNCLOSED (the pool was closed) and the rest are not passing conditions.
  return c === 'ESOCKET' && TRANSIENT_SOCKET.test(text(error));
}

/** True when the error is the database refusing the login's permission (SELECT, INSERT, ALTER, ...). */
export function isPermissionDenied(error: unknown): boolean {
  const number = sqlErrorNumber(error);
  return number === 229 || number === 230 || number === 262 || number === 297 || number === 300 || number === 1088;
}

/** The driver's text with every secret replaced, safe to quote. */
export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('********');
  return out;
}

function fail(message: string, errorId: string, category: ErrorCategory, site: ErrorSite, driverText: string): PcmError {
  // The cause is a fresh Error holding only the scrubbed text: the driver's own error object carries the connection
  // configuration, password included, and must not travel further.
  return new PcmError(message, { errorId, category, target: site.display, cause: new Error(driverText) });
}

/** A failure to open a connection (the pool's first connect). */
export function connectError(error: unknown, site: ErrorSite): PcmError {
  const driverText = scrub(text(error), site.secrets);
  const c = code(error);
  const where = `the SQL Server ${site.display.replace(/^mssql:/, '').replace(/\/[^/]*$/, '')}`;
  if (c === 'ELOGIN') {
    if (/cannot open database/i.test(driverText)) {
      return fail(
        `The database '${site.database}' on ${where} does not exist, or ${site.login} may not open it (${driverText}). ` +
          'Check -DBName, and that the login is a user of that database. An import fills an existing empty database; it does not create one.',
        'DatabaseOpenFailed',
        'OpenError',
        site,
        driverText,
      );
    }
    return fail(`${where} refused ${site.login}: ${driverText} Check the user name and password, and that the server accepts this kind of login.`, 'SqlLoginFailed', 'SecurityError', site, driverText);
  }
  if (c === ENCRYPTION_DECLINED) {
    return fail(
      `${where} declined to encrypt the connection (${driverText.replace(/\.$/, '')}). No login was sent: the password did not leave ` +
        'this computer. Turn on encryption on the server (give SQL Server a certificate, or set Force Encryption), and check that ' +
        'nothing in the network path strips it. Only if you accept sending the login and all data unencrypted, on a network you ' +
        'trust, set PCM_SQL_ENCRYPT=Optional (docs/sql-server.md, Encryption).',
      'SqlServerEncryptionDeclined',
      'SecurityError',
      site,
      driverText,
    );
  }
  if (/certificate|self[- ]signed|unable to verify|ERR_TLS_CERT/i.test(driverText)) {
    return fail(
      `${where} presented a certificate this computer does not trust (${driverText}). Install the issuing CA's certificate, connect with ` +
        'the name the certificate was issued for, or, if you accept the risk, use -TrustServerCertificate (PCM_SQL_TRUST_SERVER_CERTIFICATE=true).',
      'SqlServerCertificateUntrusted',
      'SecurityError',
      site,
      driverText,
    );
  }
  if (c === 'EENCRYPT' || /EPROTO|unsupported protocol|wrong version number|handshake/i.test(driverText)) {
    return fail(
      `${where} could not agree on an encrypted connection (${driverText}). The server may need TLS 1.2 updates; PCM_SQL_ENCRYPT=Optional ` +
        'connects without TLS where the server allows it.',
      'SqlServerEncryptionFailed',
      'SecurityError',
      site,
      driverText,
    );
  }
  if (site.instanceName && (c === 'EINSTLOOKUP' || c === 'ETIMEOUT')) {
    return fail(
      `Cannot find the instance '${site.instanceName}' through the SQL Server Browser of ${where} (${driverText}). Check the instance name, ` +
        'that the SQL Server Browser service runs and UDP port 1434 is open, or give the port instead: -DBInstance server,port.',
      'SqlServerUnreachable',
      'ResourceUnavailable',
      site,
      driverText,
    );
  }
  return fail(
    `Cannot connect to ${where} (database ${site.database}): ${driverText.replace(/\.$/, '')}. Check the server name and port, that SQL Server accepts TCP/IP ` +
      'connections, and that no firewall blocks the port.',
    'SqlServerUnreachable',
    'ResourceUnavailable',
    site,
    driverText,
  );
}

/** A failure of one statement, after any retries. */
export function requestError(error: unknown, statement: string, site: ErrorSite, effect: 'read' | 'write' = 'write'): PcmError {
  if (error instanceof PcmError) return error;
  const driverText = scrub(text(error), site.secrets);
  const number = sqlErrorNumber(error);
  if (isPermissionDenied(error)) {
    return fail(
      `${site.login} lacks a permission ${statement} needs on ${site.display}: ${driverText} docs/sql-server.md lists the permissions for export and import.`,
      'SqlPermissionDenied',
      'SecurityError',
      site,
      driverText,
    );
  }
  if (number === 1205) {
    return fail(`${statement} on ${site.display} was chosen as a deadlock victim again after every retry: ${driverText} Run the command again; an import resumes.`, 'SqlDeadlock', 'ResourceUnavailable', site, driverText);
  }
  if (code(error) === 'ECANCEL') {
    return fail(`${statement} on ${site.display} was cancelled.`, 'OperationStopped', 'OperationStopped', site, driverText);
  }
  if (isRetryable(error)) {
    return fail(`${statement} on ${site.display} failed and kept failing after every retry: ${driverText}`, 'SqlServerUnavailable', 'ResourceUnavailable', site, driverText);
  }
  return fail(`${statement} failed on ${site.display}${number === undefined ? '' : ` (error ${number})`}: ${driverText}`, 'SqlStatementFailed', effect === 'read' ? 'ReadError' : 'WriteError', site, driverText);
}
