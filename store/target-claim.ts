/**
 * One writer per target: a run that writes a database claims it exclusively before it creates or changes anything,
 * and holds the claim until it has finished (committed, or rolled back and cleaned up what it created). A second run
 * gets TargetInUse, naming the holder (process id, host, since when, which command), and touches nothing.
 *   sqlite   a claim file created with O_EXCL next to the database (store/sqlite/sqlite-claim.ts)
 *   mssql    an exclusive application lock (sp_getapplock) held by a session of its own (store/mssql/mssql-claim.ts)
 * docs/decisions.md (issue 16) says why these and not SQLite's own locks.
 */
import type { TargetClaim } from './claim-holder.js';
import type { DbInstance } from './db-instance.js';
import type { MssqlConnectOptions } from './mssql/mssql-config.js';
import { claimFile } from './sqlite/sqlite-claim.js';

export type { ClaimHolder, TargetClaim } from './claim-holder.js';

export async function claimTarget(instance: DbInstance, command: string, options: MssqlConnectOptions = {}): Promise<TargetClaim> {
  if (instance.kind === 'sqlite') return claimFile(instance.path, command);
  // Loaded only for a SQL Server target, as open-store.ts loads the driver.
  const { claimDatabase } = await import('./mssql/mssql-claim.js');
  return claimDatabase(instance, command, options);
}
