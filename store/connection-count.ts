/**
 * How many database connections this process has opened: what shows that a pipeline of module calls shares one
 * (admin/store-session.ts). With PCM_STORE_STATS naming a file, each open also appends a line to it
 * (`<pid> <dialect> <readOnly|readWrite>`), so that a test or an administrator can count the opens of the PowerShell
 * module's host, which runs in a process of its own. The line names no server, path or login.
 */
import { appendFileSync } from 'node:fs';

let opened = 0;

export function noteConnection(dialect: 'sqlite' | 'mssql', readOnly: boolean, env: NodeJS.ProcessEnv = process.env): void {
  opened++;
  const file = env['PCM_STORE_STATS'];
  if (file === undefined || file === '') return;
  try {
    appendFileSync(file, `${process.pid} ${dialect} ${readOnly ? 'readOnly' : 'readWrite'}\n`);
  } catch {
    // noop: the count is for diagnosis; an unwritable stats file must not fail the call
  }
}

export function connectionsOpened(): number {
  return opened;
}
