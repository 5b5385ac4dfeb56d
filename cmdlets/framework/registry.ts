/**
 * Every cmdlet the product has. The PowerShell manifest's FunctionsToExport, the proxies, the CLI commands and the
 * help are all generated from this list; a test checks it matches the files in this folder.
 */
import type { Cmdlet, CmdletDeclaration } from './cmdlet.js';
import { cmdlet as exportData } from '../Export-CsPersistentChatData.js';
import { cmdlet as exportConfiguration } from '../Export-PcmConfigurationScript.js';
import { cmdlet as importData } from '../Import-CsPersistentChatData.js';
import { cmdlet as getPool } from '../Get-PcmPersistentChatPool.js';
import { cmdlet as newPool } from '../New-PcmPersistentChatPool.js';
import { cmdlet as newSample } from '../New-PcmSampleDatabase.js';
import { cmdlet as removePool } from '../Remove-PcmPersistentChatPool.js';
import { cmdlet as getAdPrincipal } from '../Get-CsAdPrincipal.js';
import { cmdlet as grantPolicy } from '../Grant-CsPersistentChatPolicy.js';
import { cmdlet as getEligiblePrincipal } from '../Get-CsPersistentChatEligiblePrincipal.js';
import { cmdlet as getCategory } from '../Get-CsPersistentChatCategory.js';
import { cmdlet as newCategory } from '../New-CsPersistentChatCategory.js';
import { cmdlet as setCategory } from '../Set-CsPersistentChatCategory.js';
import { cmdlet as removeCategory } from '../Remove-CsPersistentChatCategory.js';
import { cmdlet as getRoom } from '../Get-CsPersistentChatRoom.js';
import { cmdlet as newRoom } from '../New-CsPersistentChatRoom.js';
import { cmdlet as setRoom } from '../Set-CsPersistentChatRoom.js';
import { cmdlet as removeRoom } from '../Remove-CsPersistentChatRoom.js';
import { cmdlet as clearRoom } from '../Clear-CsPersistentChatRoom.js';
import { cmdlet as removeMessage } from '../Remove-CsPersistentChatMessage.js';
import { cmdlet as getAddin } from '../Get-CsPersistentChatAddin.js';
import { cmdlet as newAddin } from '../New-CsPersistentChatAddin.js';
import { cmdlet as setAddin } from '../Set-CsPersistentChatAddin.js';
import { cmdlet as removeAddin } from '../Remove-CsPersistentChatAddin.js';
import { cmdlet as getEndpoint } from '../Get-CsPersistentChatEndpoint.js';
import { cmdlet as newEndpoint } from '../New-CsPersistentChatEndpoint.js';
import { cmdlet as removeEndpoint } from '../Remove-CsPersistentChatEndpoint.js';
import { cmdlet as getComplianceConfiguration } from '../Get-CsPersistentChatComplianceConfiguration.js';
import { cmdlet as getConfiguration } from '../Get-CsPersistentChatConfiguration.js';
import { cmdlet as getPolicy } from '../Get-CsPersistentChatPolicy.js';
import { cmdlet as getState } from '../Get-CsPersistentChatState.js';
import { cmdlet as newComplianceConfiguration } from '../New-CsPersistentChatComplianceConfiguration.js';
import { cmdlet as newConfiguration } from '../New-CsPersistentChatConfiguration.js';
import { cmdlet as newPolicy } from '../New-CsPersistentChatPolicy.js';
import { cmdlet as removeComplianceConfiguration } from '../Remove-CsPersistentChatComplianceConfiguration.js';
import { cmdlet as removeConfiguration } from '../Remove-CsPersistentChatConfiguration.js';
import { cmdlet as removePolicy } from '../Remove-CsPersistentChatPolicy.js';
import { cmdlet as setComplianceConfiguration } from '../Set-CsPersistentChatComplianceConfiguration.js';
import { cmdlet as setConfiguration } from '../Set-CsPersistentChatConfiguration.js';
import { cmdlet as setPolicy } from '../Set-CsPersistentChatPolicy.js';
import { cmdlet as setState } from '../Set-CsPersistentChatState.js';
import { cmdlet as setActiveServer } from '../Set-CsPersistentChatActiveServer.js';
import { cmdlet as testMessage } from '../Test-CsPersistentChatMessage.js';
import { cmdlet as setPool } from '../Set-PcmPersistentChatPool.js';
import { cmdlet as getPackage } from '../Get-PcmPersistentChatPackage.js';
import { cmdlet as copyFileStore } from '../Copy-PcmFileStore.js';
import { cmdlet as testMigration } from '../Test-PcmPersistentChatMigration.js';

export const registry: readonly Cmdlet<CmdletDeclaration>[] = [
  exportData,
  importData,
  newSample,
  getPackage,
  copyFileStore,
  testMigration,
  newPool,
  getPool,
  setPool,
  removePool,
  getConfiguration,
  newConfiguration,
  setConfiguration,
  removeConfiguration,
  getComplianceConfiguration,
  newComplianceConfiguration,
  setComplianceConfiguration,
  removeComplianceConfiguration,
  getPolicy,
  newPolicy,
  setPolicy,
  removePolicy,
  getState,
  setState,
  newEndpoint,
  getEndpoint,
  removeEndpoint,
  exportConfiguration,
  getAdPrincipal,
  grantPolicy,
  setActiveServer,
  getEligiblePrincipal,
  testMessage,
  getAddin,
  newAddin,
  setAddin,
  removeAddin,
  getCategory,
  newCategory,
  setCategory,
  removeCategory,
  getRoom,
  newRoom,
  setRoom,
  removeRoom,
  clearRoom,
  removeMessage,
] as unknown as readonly Cmdlet<CmdletDeclaration>[];

/** Finds a cmdlet by name, ignoring case as PowerShell does. */
export function findCmdlet(name: string): Cmdlet<CmdletDeclaration> | undefined {
  const wanted = name.toLowerCase();
  return registry.find((c) => c.declaration.name.toLowerCase() === wanted);
}
