/**
 * The claim on a SQL Server database: an exclusive application lock (sp_getapplock, @LockOwner = Session) on the
 * resource `PersistentChatMigration:<database>`, taken at once or not at all (@LockTimeout = 0), on a connection of
 * its own that stays open for the whole run. SQL Server releases it when that session ends, however the process
 * ended, so no claim is ever left behind. Two administrators, on any machines, cannot import into one mgc at once.
 * The claiming connection's application name carries pid, host and start time, so a DBA sees the holder in
 * sp_who2 or Activity Monitor; the second run's message names the lock and how to find its session.
 */
import { hostname } from 'node:os';
import mssql from 'mssql';
import { targetInUse, type TargetClaim } from '../claim-holder.js';
import type { DbInstance } from '../db-instance.js';
import { connectionFor, type MssqlConnectOptions } from './mssql-config.js';
import { execute } from './mssql-driver.js';
import { connectError, requestError, type ErrorSite } from './mssql-errors.js';
import { GET_APPLOCK } from './mssql-statements.js';
import { installTlsGuard } from './mssql-tls-guard.js';

export const APPLOCK_PREFIX = 'PersistentChatMigration:';

export async function claimDatabase(instance: Extract<DbInstance, { kind: 'mssql' }>, command: string, options: MssqlConnectOptions): Promise<TargetClaim> {
  const connection = connectionFor(instance, options);
  const site: ErrorSite = { display: connection.display, database: connection.database, login: connection.login, secrets: connection.secrets };
  const since = new Date().toISOString();
  const appName = `PersistentChatMigration ${command} pid ${process.pid} ${hostname()} ${since}`.slice(0, 128);
  installTlsGuard();
  const config = { ...connection.config, pool: { max: 1, min: 1, idleTimeoutMillis: 2147483647 }, options: { ...connection.config.options, appName } } as mssql.config;
  const pool = new mssql.ConnectionPool(config);
  pool.on('error', () => undefined);
  try {
    await pool.connect();
  } catch (error) {
    await pool.close().catch(() => undefined);
    throw connectError(error, site);
  }
  const resource = `${APPLOCK_PREFIX}${connection.database}`;
  let held: boolean;
  try {
    const { rows } = await execute(pool, GET_APPLOCK, { resource, mode: 'Exclusive', owner: 'Session', timeoutMs: 0, principal: 'public' });
    held = rows[0]?.heldMode === 'Exclusive';
  } catch (error) {
    await pool.close().catch(() => undefined);
    throw requestError(error, 'Claiming the database (sp_getapplock)', site);
  }
  if (!held) {
    await pool.close().catch(() => undefined);
    throw targetInUse(
      connection.display,
      'another session of this SQL Server',
      `Another session holds the application lock '${resource}'; sys.dm_tran_locks (resource_type APPLICATION) names its session, and ` +
        "sp_who2 shows that session's program as 'PersistentChatMigration <command> pid <n> <host> <since>'.",
    );
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      // Closing the session releases the lock; nothing else is needed.
      await pool.close().catch(() => undefined);
    },
  };
}
