/**
 * A pool as an administrator has it after the runbook: a Group Chat 2010 sample exported, imported into a new
 * Persistent Chat database, and that database registered in a configuration store of the test's own
 * (PCM_CONFIG_STORE, restored by `restore`).
 */
import { join } from 'node:path';
import { findCmdlet } from '../../../cmdlets/framework/registry.js';
import { runCmdlet } from '../../support/recording-context.js';
import { tempDir } from '../../support/temp.js';
import { run } from './run-cmdlet.js';

export interface MigratedPool {
  readonly dir: string;
  /** The imported Persistent Chat database file. */
  readonly db: string;
  restore(): void;
}

export async function migratedPool(pool: string, messages: number, prefix: string, rooms?: number): Promise<MigratedPool> {
  const dir = tempDir(prefix);
  const previous = process.env.PCM_CONFIG_STORE;
  process.env.PCM_CONFIG_STORE = join(dir, 'config.db');
  const legacy = join(dir, 'legacy.db');
  const db = join(dir, 'pc.db');
  await runCmdlet(findCmdlet('New-PcmSampleDatabase')!, { DBInstance: `sqlite:${legacy}`, Messages: messages, ...(rooms === undefined ? {} : { Rooms: rooms }) });
  await runCmdlet(findCmdlet('Export-CsPersistentChatData')!, { DBInstance: `sqlite:${legacy}`, FileName: join(dir, 'x.zip') });
  await runCmdlet(findCmdlet('Import-CsPersistentChatData')!, { DBInstance: `sqlite:${db}`, FileName: join(dir, 'x.zip') });
  await run('New-PcmPersistentChatPool', { PersistentChatPoolFqdn: pool, DBInstance: `sqlite:${db}` });
  return {
    dir,
    db,
    restore: () => {
      if (previous === undefined) delete process.env.PCM_CONFIG_STORE;
      else process.env.PCM_CONFIG_STORE = previous;
    },
  };
}
