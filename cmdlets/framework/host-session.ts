/**
 * What the long-lived host (bridge/host.ts) keeps from one cmdlet call to the next: today the pools' database
 * connections (admin/store-session.ts). The host starts the session, tells it before each call which cmdlet runs,
 * and ends it when PowerShell goes away; pcm, one command per process, keeps nothing.
 */
import { endStoreSession, releaseStores, startStoreSession } from '../../admin/store-session.js';
import type { CmdletDeclaration } from './cmdlet.js';

/** Starts the session; false when PCM_STORE_SESSION=0 keeps it off. */
export function startHostSession(env: NodeJS.ProcessEnv = process.env): boolean {
  return startStoreSession(env);
}

/** Before a call: a command that names a database itself (an import may replace the very file) runs with none kept. */
export async function beforeHostCall(declaration: CmdletDeclaration): Promise<void> {
  if (declaration.parameters.some((p) => p.name === 'DBInstance')) await releaseStores();
}

export async function endHostSession(): Promise<void> {
  await endStoreSession();
}
