/**
 * Every cmdlet the product has. The PowerShell manifest's FunctionsToExport, the proxies, the CLI commands and the
 * help are all generated from this list; a test checks it matches the files in this folder.
 */
import type { Cmdlet, CmdletDeclaration } from './cmdlet.js';
import { cmdlet as exportData } from './Export-CsPersistentChatData.js';
import { cmdlet as importData } from './Import-CsPersistentChatData.js';
import { cmdlet as newSample } from './New-PcmSampleDatabase.js';
import { cmdlet as getPackage } from './Get-PcmPersistentChatPackage.js';
import { cmdlet as copyFileStore } from './Copy-PcmFileStore.js';
import { cmdlet as testMigration } from './Test-PcmPersistentChatMigration.js';

export const registry: readonly Cmdlet<CmdletDeclaration>[] = [exportData, importData, newSample, getPackage, copyFileStore, testMigration] as unknown as readonly Cmdlet<CmdletDeclaration>[];

/** Finds a cmdlet by name, ignoring case as PowerShell does. */
export function findCmdlet(name: string): Cmdlet<CmdletDeclaration> | undefined {
  const wanted = name.toLowerCase();
  return registry.find((c) => c.declaration.name.toLowerCase() === wanted);
}
