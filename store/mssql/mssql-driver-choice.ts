/**
 * Which SQL Server driver a connection uses, and its settings, as pure functions of the platform, the options and
 * the environment (tested without a server, docs/sql-server.md):
 *   - tedious (pure JavaScript) everywhere, for a SQL Server login or DOMAIN\user through NTLM (mssql-config.ts);
 *   - on Windows with no credential at all (no -Credential, no PCM_SQL_USER / PCM_SQL_PASSWORD), msnodesqlv8, which
 *     signs in as the current Windows user through Microsoft's ODBC driver (integrated authentication, SSPI), as
 *     Microsoft's cmdlets do: `Export-CsPersistentChatData -DBInstance "atl-sql-001\rtc" -FileName ...` then works
 *     as in Microsoft's examples. msnodesqlv8 is an optional dependency (a native addon) and is loaded only then.
 * The same statements go through either driver (mssql's API is the same); only the connection differs.
 */
import { createRequire } from 'node:module';
import type mssqlModule from 'mssql';
import { PcmError } from '../../core/errors.js';
import { connectionFor, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_DB_NAME, encryptMode, ENV, envFlag, validDbName, type MssqlConnectOptions, type MssqlConnection, type SqlServerInstance } from './mssql-config.js';

export type SqlDriver = 'tedious' | 'msnodesqlv8';
export type MssqlModule = typeof mssqlModule;

/** The ODBC driver msnodesqlv8 connects through; PCM_SQL_ODBC_DRIVER names another (e.g. SQL Server Native Client 11.0). */
export const DEFAULT_ODBC_DRIVER = 'ODBC Driver 18 for SQL Server';
export const ODBC_DRIVER_ENV = 'PCM_SQL_ODBC_DRIVER';

/** Whether any credential was given: -Credential, or either of the scheduled-task variables (mssql-config checks both are set). */
export function hasCredential(options: MssqlConnectOptions, env: NodeJS.ProcessEnv): boolean {
  return options.credential !== undefined || env[ENV.user] !== undefined || env[ENV.password] !== undefined;
}

export function chooseSqlDriver(platform: NodeJS.Platform, credentialGiven: boolean): SqlDriver {
  return platform === 'win32' && !credentialGiven ? 'msnodesqlv8' : 'tedious';
}

/** One ODBC connection-string value, braced so that ; = { } and spaces in it cannot change the string's meaning. */
function odbcValue(value: string): string {
  return `{${value.replace(/\}/g, '}}')}}`;
}

/** The ODBC connection string for integrated authentication; it holds no secret. */
export function integratedConnectionString(instance: SqlServerInstance, options: MssqlConnectOptions, env: NodeJS.ProcessEnv): string {
  const server = instance.server === '.' || instance.server.toLowerCase() === '(local)' ? 'localhost' : instance.server;
  const mode = encryptMode(options, env);
  const trust = options.trustServerCertificate ?? envFlag(env, ENV.trustServerCertificate) ?? false;
  const parts: [string, string][] = [
    ['Driver', env[ODBC_DRIVER_ENV]?.trim() || DEFAULT_ODBC_DRIVER],
    // A named instance is found through the SQL Server Browser, as with tedious; else TCP on the port.
    ['Server', instance.instance ? `${server}\\${instance.instance}` : `tcp:${server},${instance.port ?? 1433}`],
    ['Database', options.dbName ?? DEFAULT_DB_NAME],
    ['Trusted_Connection', 'Yes'],
    ['Encrypt', mode === 'Strict' ? 'Strict' : mode === 'Mandatory' ? 'Yes' : 'No'],
    ['TrustServerCertificate', trust ? 'Yes' : 'No'],
    ['APP', 'PersistentChatMigration'],
  ];
  return parts.map(([key, value]) => `${key}=${odbcValue(value)}`).join(';');
}

/** The connection as the current Windows user, for mssql/msnodesqlv8. */
export function integratedConnection(instance: SqlServerInstance, options: MssqlConnectOptions = {}, env: NodeJS.ProcessEnv = process.env): MssqlConnection {
  const database = validDbName(options.dbName ?? DEFAULT_DB_NAME);
  const where = instance.instance ? `${instance.server}\\${instance.instance}` : `${instance.server},${instance.port ?? 1433}`;
  const config = {
    driver: 'msnodesqlv8',
    connectionString: integratedConnectionString(instance, options, env),
    server: instance.server,
    database,
    connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // As with tedious: streamed reads stay open while the export writes; cancellation ends a request instead.
    requestTimeout: 0,
    pool: { max: 8, min: 0, idleTimeoutMillis: 30000 },
    // msnodesqlv8 has no socket check; its validation would send a SELECT 1 each time a connection leaves the pool.
    validateConnection: false,
    options: { trustedConnection: true, useUTC: true, abortTransactionOnError: true },
  } as unknown as mssqlModule.config;
  return { config, display: `mssql:${where}/${database}`, login: 'Windows (integrated) as the current user', database, secrets: [] };
}

export interface ChosenConnection extends MssqlConnection {
  readonly driver: SqlDriver;
}

/** The driver and connection for -DBInstance and the options, on `platform`. */
export function sqlConnection(
  instance: SqlServerInstance,
  options: MssqlConnectOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ChosenConnection {
  const driver = chooseSqlDriver(platform, hasCredential(options, env));
  return { ...(driver === 'msnodesqlv8' ? integratedConnection(instance, options, env) : connectionFor(instance, options, env)), driver };
}

const require = createRequire(import.meta.url);
const loaded = new Map<SqlDriver, MssqlModule>();

/** mssql over the driver; msnodesqlv8 is required only here, on first use. */
export function loadSqlDriver(driver: SqlDriver, instance: string): MssqlModule {
  let module = loaded.get(driver);
  if (module) return module;
  try {
    module = require(driver === 'msnodesqlv8' ? 'mssql/msnodesqlv8' : 'mssql') as MssqlModule;
  } catch (error) {
    throw new PcmError(
      `Signing in to '${instance}' as the current Windows user needs the optional module msnodesqlv8, which is not ` +
        `installed or did not load (${(error as Error).message}). Run npm install in the module's folder, or give -Credential ` +
        `(a SQL Server login or DOMAIN\\user) or PCM_SQL_USER and PCM_SQL_PASSWORD.`,
      { errorId: 'IntegratedDriverMissing', category: 'NotInstalled', target: instance, cause: error },
    );
  }
  loaded.set(driver, module);
  return module;
}

/** The mssql module a pool or transaction was made with, for the requests and transactions made on it. */
export function driverOf(parent: mssqlModule.ConnectionPool | mssqlModule.Transaction): MssqlModule {
  const pool = ('parent' in parent ? (parent as { parent: mssqlModule.ConnectionPool }).parent : parent) as { config?: { driver?: string } };
  return loadSqlDriver(pool.config?.driver === 'msnodesqlv8' ? 'msnodesqlv8' : 'tedious', '');
}
