/**
 * -DBInstance (a SQL Server form) plus the connection options -> the mssql/tedious configuration, as a pure function
 * of its inputs and the environment, so that every form can be tested without a server (docs/sql-server.md):
 *   server              TCP port 1433 on that host (the default instance)
 *   server\instance     tedious asks the SQL Browser (UDP 1434) for the named instance's port
 *   server,port         that TCP port; tcp:server,port is the same
 *   (local) and .       localhost; [::1] is an IPv6 address
 * Authentication is a SQL login, or Windows authentication through NTLM when the user name is DOMAIN\user (tedious
 * has no integrated SSPI/Kerberos; on Windows without any credential, mssql-driver-choice.ts signs in as the current
 * Windows user through msnodesqlv8 instead). The credential comes from
 * -Credential, else from PCM_SQL_USER / PCM_SQL_PASSWORD. Encryption is on by default; the server certificate is
 * trusted without validation only when the caller says so (-TrustServerCertificate or
 * PCM_SQL_TRUST_SERVER_CERTIFICATE). The result carries the password, so it is never logged; `display` is the
 * safe name for messages and reports.
 */
import type { config as MssqlConfig } from 'mssql';
import { PcmError, UsageError } from '../../core/errors.js';
import type { DbInstance } from '../db-instance.js';

export type SqlServerInstance = Extract<DbInstance, { kind: 'mssql' }>;

export interface SqlCredential {
  readonly userName: string;
  readonly password: string;
}

/** Microsoft.Data.SqlClient's names: Mandatory (TLS, the default), Optional (plain TCP if the server allows), Strict (TDS 8). */
export type EncryptMode = 'Mandatory' | 'Optional' | 'Strict';
export const ENCRYPT_MODES: readonly EncryptMode[] = ['Mandatory', 'Optional', 'Strict'];

export interface MssqlConnectOptions {
  /** -DBName; default mgc. */
  readonly dbName?: string;
  readonly credential?: SqlCredential;
  readonly trustServerCertificate?: boolean;
  readonly encrypt?: EncryptMode;
  /** Milliseconds to wait for the TCP connection, TLS and login (default 15,000). */
  readonly connectTimeoutMs?: number;
}

/** The environment variables read for scheduled tasks (documented in docs/sql-server.md). */
export const ENV = {
  user: 'PCM_SQL_USER',
  password: 'PCM_SQL_PASSWORD',
  trustServerCertificate: 'PCM_SQL_TRUST_SERVER_CERTIFICATE',
  encrypt: 'PCM_SQL_ENCRYPT',
} as const;

export interface MssqlConnection {
  /** For mssql.ConnectionPool. Holds the password: never log it. */
  readonly config: MssqlConfig;
  /** mssql:<-DBInstance>/<database>, safe for logs and reports. */
  readonly display: string;
  /** How the connection authenticates, for messages: 'SQL login sa' or 'Windows (NTLM) CONTOSO\alice'. */
  readonly login: string;
  readonly database: string;
  /** Texts that must never appear in a message (the password). */
  readonly secrets: readonly string[];
}

export const DEFAULT_DB_NAME = 'mgc';
export const DEFAULT_CONNECT_TIMEOUT_MS = 15000;
const DB_NAME = /^[^\u0000-\u001f\]]{1,128}$/;
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', '']);

function host(server: string): string {
  if (server === '.' || server.toLowerCase() === '(local)') return 'localhost';
  if (server.startsWith('[') && server.endsWith(']')) return server.slice(1, -1);
  return server;
}

export function envFlag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new UsageError(`The environment variable ${name} is '${value}'; use true or false.`, 'InvalidEnvironmentVariable', name);
}

export function encryptMode(options: MssqlConnectOptions, env: NodeJS.ProcessEnv): EncryptMode {
  if (options.encrypt) return options.encrypt;
  const value = env[ENV.encrypt];
  if (value === undefined || value.trim() === '') return 'Mandatory';
  const mode = ENCRYPT_MODES.find((m) => m.toLowerCase() === value.trim().toLowerCase());
  if (!mode) throw new UsageError(`The environment variable ${ENV.encrypt} is '${value}'; use ${ENCRYPT_MODES.join(', ')}.`, 'InvalidEnvironmentVariable', ENV.encrypt);
  return mode;
}

function credentialFrom(instance: SqlServerInstance, options: MssqlConnectOptions, env: NodeJS.ProcessEnv): SqlCredential {
  if (options.credential) return options.credential;
  const userName = env[ENV.user];
  const password = env[ENV.password];
  if (userName && password !== undefined) return { userName, password };
  if (userName || password !== undefined) {
    throw new UsageError(`Set both ${ENV.user} and ${ENV.password}, or neither and use -Credential.`, 'IncompleteSqlCredential', userName ? ENV.password : ENV.user);
  }
  throw new PcmError(
    `Connecting to the SQL Server '${instance.text}' needs a login: give -Credential (a SQL Server login, or DOMAIN\\user for ` +
      `Windows authentication through NTLM), or set ${ENV.user} and ${ENV.password} for a scheduled task. Integrated Windows ` +
      'authentication (signing in as the current Windows user) is available only on Windows.',
    { errorId: 'SqlCredentialRequired', category: 'InvalidArgument', target: instance.text },
  );
}

/** -DBName as it is, or a UsageError when SQL Server could not take it as a database name. */
export function validDbName(database: string): string {
  if (!DB_NAME.test(database)) {
    throw new UsageError(`-DBName '${database}' is not a valid database name (1 to 128 characters, no control characters or ']').`, 'InvalidDBName', 'DBName');
  }
  return database;
}

export function connectionFor(instance: SqlServerInstance, options: MssqlConnectOptions = {}, env: NodeJS.ProcessEnv = process.env): MssqlConnection {
  const database = validDbName(options.dbName ?? DEFAULT_DB_NAME);
  const credential = credentialFrom(instance, options, env);
  if (credential.userName.trim() === '') {
    throw new UsageError('The SQL Server credential has an empty user name.', 'InvalidSqlCredential', 'Credential');
  }
  const slash = credential.userName.indexOf('\\');
  const ntlm = slash > 0;
  const authentication = ntlm
    ? { type: 'ntlm' as const, options: { domain: credential.userName.slice(0, slash), userName: credential.userName.slice(slash + 1), password: credential.password } }
    : { type: 'default' as const, options: { userName: credential.userName, password: credential.password } };
  const mode = encryptMode(options, env);
  const trust = options.trustServerCertificate ?? envFlag(env, ENV.trustServerCertificate) ?? false;
  const config: MssqlConfig = {
    server: host(instance.server),
    ...(instance.instance ? {} : { port: instance.port ?? 1433 }),
    database,
    authentication,
    connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // Streamed reads stay open while the export writes what they return; a request therefore has no time limit.
    // Cancellation and the connection's own failure end it instead.
    requestTimeout: 0,
    pool: { max: 8, min: 0, idleTimeoutMillis: 30000 },
    // A cheap socket check instead of a SELECT 1 round trip each time a connection leaves the pool.
    validateConnection: 'socket',
    options: {
      ...(instance.instance ? { instanceName: instance.instance } : {}),
      encrypt: mode === 'Strict' ? ('strict' as unknown as boolean) : mode === 'Mandatory',
      trustServerCertificate: trust,
      // SET XACT_ABORT ON for every session: any error, a cancel or a timeout rolls the whole transaction back on the
      // server, so an interrupted import never leaves a transaction open.
      abortTransactionOnError: true,
      appName: 'PersistentChatMigration',
      useUTC: true,
    },
  } as MssqlConfig;
  const where = instance.instance ? `${instance.server}\\${instance.instance}` : `${instance.server},${instance.port ?? 1433}`;
  return {
    config,
    display: `mssql:${where}/${database}`,
    login: ntlm ? `Windows (NTLM) ${credential.userName}` : `SQL login ${credential.userName}`,
    database,
    secrets: credential.password === '' ? [] : [credential.password],
  };
}
