/** Get-CsPersistentChatCategory: the categories of the Persistent Chat pools. Microsoft's syntax (domain.md §3.2.1). */
import { listCategories } from '../admin/categories.js';
import { CATEGORY_TYPE_NAME, categoryObject, CATEGORY_OUTPUT } from './output/category-output.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';


export const declaration = {
  name: 'Get-CsPersistentChatCategory',
  synopsis: 'Returns the categories of Persistent Chat pools.',
  description:
    'Get-CsPersistentChatCategory returns the categories (collections of chat rooms) of the registered pools\' ' +
    'databases: one by -Identity, those of one pool with -PersistentChatPoolFqdn, or all of them. Each shows its ' +
    'settings (Invites, FileUpload, ChatHistory) and its AllowedMembers, DeniedMembers and Creators, named by SIP ' +
    'address, or with -AsObject by display name.',
  parameterSets: ['Identity', 'Pool'],
  defaultParameterSet: 'Pool',
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, description: 'The category, as <PoolFqdn>\\<Name> (for example atl-pc-001.litwareinc.com\\ITChat), or its name when one pool is registered.' },
    { name: 'PersistentChatPoolFqdn', type: 'String', sets: ['Pool'], description: 'Returns the categories of this pool only.' },
    { name: 'AsObject', type: 'SwitchParameter', description: 'Names the members and creators by their display names instead of their SIP addresses.' },
  ],
  outputTypes: [CATEGORY_OUTPUT],
  examples: [
    { title: 'Every category', code: 'Get-CsPersistentChatCategory', remarks: 'Returns every category of every registered pool.' },
    { title: 'Categories without invitations', code: 'Get-CsPersistentChatCategory | Where-Object {$_.Invites -eq $False}', remarks: 'Returns the categories whose rooms cannot send invitations.' },
    { title: 'The categories of one pool, with display names', code: 'Get-CsPersistentChatCategory -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -AsObject', remarks: 'Returns the categories of atl-pc-001 with members named by display name.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, _context: CmdletContext): AsyncGenerator<OutputItem> {
  for (const c of await listCategories({ identity: params.Identity, poolFqdn: params.PersistentChatPoolFqdn, asObject: Boolean(params.AsObject) })) {
    yield categoryObject(c);
  }
}

export const cmdlet = defineCmdlet(declaration, run);
