/** The object the category cmdlets write: Microsoft's CategoryObject (the docs' examples read Invites and Creators). */
import type { CategoryView } from '../../admin/categories.js';
import { outputObject, type OutputObject, type OutputTypeDecl } from '../framework/cmdlet.js';

export const CATEGORY_TYPE_NAME = 'Microsoft.Rtc.Management.PersistentChat.Cmdlets.CategoryObject';

/** The output type the cmdlets declare, with its default views (the module's format file is generated from it). */
export const CATEGORY_OUTPUT = { typeName: CATEGORY_TYPE_NAME, view: { list: ['Identity', 'Name', 'Description', 'Invites', 'FileUpload', 'ChatHistory', 'AllowedMembers', 'DeniedMembers', 'Creators', 'PersistentChatPoolFqdn'] } } as const satisfies OutputTypeDecl;

export const CATEGORY_IDENTITY_DESCRIPTION = 'The category, as <PoolFqdn>\\<Name> (for example atl-pc-001.litwareinc.com\\ITChat), or its name when one pool is registered.';

export function categoryObject(c: CategoryView): OutputObject {
  return outputObject(CATEGORY_TYPE_NAME, {
    Identity: `${c.pool}\\${c.node.name}`,
    Name: c.node.name,
    Description: c.node.description,
    Invites: c.node.invite === true,
    FileUpload: c.node.filePost === true,
    ChatHistory: c.node.logged === true,
    AllowedMembers: [...c.allowed],
    DeniedMembers: [...c.denied],
    Creators: [...c.creators],
    PersistentChatPoolFqdn: c.pool,
  });
}
