/**
 * The SQL Server the live suites run against, from PCM_TEST_MSSQL (an ADO.NET-style connection string, e.g.
 * `Server=tcp:localhost,1433;User Id=sa;Password=...;TrustServerCertificate=true`). It turns the string into what a
 * user would give the cmdlets (-DBInstance, -Credential, -TrustServerCertificate), creates a fresh empty database
 * per test and drops it afterwards, and runs plain SQL beside the store for checks the Store contract cannot make.
 * Its connections use the product's own settings (store/mssql/mssql-config.ts). The connection string and its
 * password are never printed.
 */
import { randomBytes } from 'node:crypto';
import mssql from 'mssql';
import { parseDbInstance } from '../../../store/db-instance.js';
import { connectionFor, type EncryptMode, type SqlServerInstance } from '../../../store/mssql/mssql-config.js';
import type { OpenStoreOptions, SqlCredential } from '../../../store/open-store.js';

export const MSSQL_ENV = 'PCM_TEST_MSSQL';
export const MSSQL_NOT_SET = `${MSSQL_ENV} not set`;

export type SqlRow = Record<string, unknown>;

/** Plain SQL on one database, `?` placeholders bound in order. */
export interface SqlSession {
  execute(sql: string, ...params: unknown[]): Promise<void>;
  /** Rows with bit as 0/1 and bigint as a number where it fits (as the sqlite helper gives them). */
  query(sql: string, ...params: unknown[]): Promise<SqlRow[]>;
  close(): Promise<void>;
}

export class LiveServer {
  readonly dbInstance: string;
  readonly credential: SqlCredential;
  readonly trustServerCertificate: boolean;
  readonly encrypt: EncryptMode;
  #admin: Promise<mssql.ConnectionPool> | undefined;

  constructor(connectionString: string) {
    const parsed = mssql.ConnectionPool.parseConnectionString(connectionString) as mssql.config & { domain?: string };
    const options = parsed.options ?? {};
    const server = /[:]/.test(parsed.server) && !parsed.server.startsWith('[') ? `[${parsed.server}]` : parsed.server;
    this.dbInstance = options.instanceName ? `${server}\\${options.instanceName}` : `${server},${parsed.port ?? 1433}`;
    this.credential = { userName: parsed.domain ? `${parsed.domain}\\${parsed.user ?? ''}` : (parsed.user ?? ''), password: parsed.password ?? '' };
    this.trustServerCertificate = options.trustServerCertificate === true || String(options.trustServerCertificate).toLowerCase() === 'true';
    this.encrypt = options.encrypt === false || String(options.encrypt).toLowerCase() === 'false' ? 'Optional' : 'Mandatory';
  }

  /** openStore's options for one of this server's databases. */
  options(dbName: string): OpenStoreOptions {
    return { dbName, credential: this.credential, trustServerCertificate: this.trustServerCertificate, encrypt: this.encrypt };
  }

  /** What Export-/Import-CsPersistentChatData take for one of this server's databases. */
  cmdletParameters(dbName: string): Record<string, unknown> {
    return { DBInstance: this.dbInstance, DBName: dbName, Credential: this.credential, TrustServerCertificate: this.trustServerCertificate };
  }

  #pool(dbName: string): Promise<mssql.ConnectionPool> {
    const { config } = connectionFor(parseDbInstance(this.dbInstance) as SqlServerInstance, this.options(dbName), {});
    const pool = new mssql.ConnectionPool(config);
    pool.on('error', () => undefined);
    return pool.connect();
  }

  #master(): Promise<mssql.ConnectionPool> {
    this.#admin ??= this.#pool('master');
    return this.#admin;
  }

  /** A new, empty database (no table at all). */
  async createDatabase(prefix = 'pcm_test'): Promise<string> {
    const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
    const request = (await this.#master()).request();
    request.input('name', mssql.NVarChar(128), name);
    await request.query('DECLARE @sql nvarchar(400) = N\'CREATE DATABASE \' + QUOTENAME(@name); EXEC (@sql);');
    return name;
  }

  async dropDatabase(name: string): Promise<void> {
    const request = (await this.#master()).request();
    request.input('name', mssql.NVarChar(128), name);
    await request.query(
      "IF DB_ID(@name) IS NOT NULL BEGIN DECLARE @sql nvarchar(800) = N'ALTER DATABASE ' + QUOTENAME(@name) + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ' + QUOTENAME(@name); EXEC (@sql); END",
    );
  }

  async session(dbName: string): Promise<SqlSession> {
    const pool = await this.#pool(dbName);
    const run = async (sql: string, params: unknown[]): Promise<mssql.IResult<SqlRow>> => {
      const request = pool.request();
      let n = 0;
      const text = sql.replace(/\?/g, () => `@p${n++}`);
      params.forEach((value, i) => request.input(`p${i}`, value as never));
      return request.query(text);
    };
    return {
      async execute(sql, ...params) {
        await run(sql, params);
      },
      async query(sql, ...params) {
        const result = await run(sql, params);
        const columns = (result.recordset?.columns ?? {}) as Record<string, { type: unknown }>;
        const bigints = new Set(Object.entries(columns).filter(([, c]) => c.type === mssql.BigInt).map(([name]) => name));
        return (result.recordset ?? []).map((row) => normalize(row, bigints));
      },
      close: () => pool.close(),
    };
  }

  async close(): Promise<void> {
    const admin = this.#admin;
    this.#admin = undefined;
    if (admin) await (await admin).close();
  }
}

function normalize(row: SqlRow, bigints: ReadonlySet<string>): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'boolean') out[key] = value ? 1 : 0;
    else if (bigints.has(key) && value !== null) {
      // tedious returns bigint as a decimal string.
      const big = BigInt(value as string);
      out[key] = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    } else out[key] = value;
  }
  return out;
}

/** The live server, or undefined when PCM_TEST_MSSQL is not set. */
export function liveServer(): LiveServer | undefined {
  const value = process.env[MSSQL_ENV];
  return value ? new LiveServer(value) : undefined;
}
