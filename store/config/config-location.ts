/**
 * Where the configuration store lives: $env:PCM_CONFIG_STORE (a file path) when set, else a fixed per-machine file
 * on Windows (%ProgramData%, beside the logs, as the Central Management Store is per deployment, not per user) and
 * the XDG state folder elsewhere (beside the logs; docs/decisions.md says why not /var/lib).
 */
import path from 'node:path';
import os from 'node:os';

export const CONFIG_STORE_FILE = 'ConfigurationStore.db';

export function configStorePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env['PCM_CONFIG_STORE'];
  if (override !== undefined && override.trim() !== '') return path.resolve(override);
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'PersistentChatMigration', CONFIG_STORE_FILE);
  }
  const state = env['XDG_STATE_HOME'] && path.isAbsolute(env['XDG_STATE_HOME']) ? env['XDG_STATE_HOME'] : path.join(os.homedir(), '.local', 'state');
  return path.join(state, 'persistentchatmigration', CONFIG_STORE_FILE);
}
