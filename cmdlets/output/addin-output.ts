/** The object the add-in cmdlets write: Microsoft's AddinObject (Identity, Name, Url, PersistentChatPoolFqdn). */
import type { PoolAddin } from '../../admin/addins.js';
import { outputObject, type OutputObject, type OutputTypeDecl } from '../framework/cmdlet.js';

export const ADDIN_TYPE_NAME = 'Microsoft.Rtc.Management.PersistentChat.Cmdlets.AddinObject';

/** The output type the cmdlets declare, with its default views (the module's format file is generated from it). */
export const ADDIN_OUTPUT = { typeName: ADDIN_TYPE_NAME, view: { list: ['Identity', 'Name', 'Url', 'PersistentChatPoolFqdn'] } } as const satisfies OutputTypeDecl;

export function addinObject({ pool, addin }: PoolAddin): OutputObject {
  return outputObject(ADDIN_TYPE_NAME, { Identity: `${pool}\\${addin.name}`, Name: addin.name, Url: addin.url, PersistentChatPoolFqdn: pool });
}

export const ADDIN_IDENTITY_DESCRIPTION = 'The add-in, as <PoolFqdn>\\<Name> (for example atl-pc-001.litwareinc.com\\ITChatAddin), or its name when one pool is registered.';
