/** New-CsPersistentChatCategory: creates a category, the collection rooms belong to. Microsoft's syntax (domain.md §3.2.2). */
import { newCategory } from '../admin/category-changes.js';
import { listCategories } from '../admin/categories.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { CATEGORY_OUTPUT, categoryObject } from './output/category-output.js';

export const declaration = {
  name: 'New-CsPersistentChatCategory',
  synopsis: 'Creates a Persistent Chat category.',
  description:
    'New-CsPersistentChatCategory creates a category on a pool: the collection chat rooms belong to, and where who may ' +
    'use and create them is decided. Every room belongs to one category, so a category must exist before a room can be ' +
    'created. Its name is unique on the pool among categories and rooms (at most 256 characters). A new category has ' +
    'no file upload, no invitations and chat history on, unless the switches say otherwise, and no AllowedMembers, ' +
    'DeniedMembers or Creators: add them with Set-CsPersistentChatCategory. Rooms are created in it with ' +
    'New-CsPersistentChatRoom -Category, or moved into it with Set-CsPersistentChatRoom -Category.',
  parameters: [
    { name: 'Name', type: 'String', mandatory: true, description: 'The name of the category, unique on the pool among categories and rooms, for example HelpDesk.' },
    { name: 'Description', type: 'String', description: 'What the category is for, for example which rooms it holds (at most 256 characters).' },
    { name: 'EnableFileUpload', type: 'SwitchParameter', description: 'Allows files to be uploaded to the rooms of the category.' },
    { name: 'EnableInvitations', type: 'SwitchParameter', description: 'Turns invitations on: the users on AllowedMembers are invited to each new room of the category.' },
    { name: 'PersistentChatPoolFqdn', type: 'String', description: 'The pool to create the category on; needed when more than one pool is registered.' },
    { name: 'RemoveChatHistory', type: 'SwitchParameter', description: 'Turns chat history off for the category, as for announcement rooms whose messages need not be kept.' },
  ],
  outputTypes: [CATEGORY_OUTPUT],
  examples: [
    {
      title: 'Create a category with file upload',
      code: 'New-CsPersistentChatCategory -Name "HelpDesk" -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -EnableFileUpload',
      remarks: 'Creates the category HelpDesk on the pool atl-pc-001, with file upload allowed.',
    },
    {
      title: 'Create a category for announcements',
      code: 'New-CsPersistentChatCategory -Name "Notices" -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -EnableInvitations -RemoveChatHistory -Description "Posted once, not kept"',
      remarks: 'Creates a category whose rooms invite their allowed members and keep no chat history.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const created = await newCategory({
    name: params.Name!,
    poolFqdn: params.PersistentChatPoolFqdn,
    description: params.Description,
    enableFileUpload: params.EnableFileUpload === undefined ? undefined : Boolean(params.EnableFileUpload),
    enableInvitations: params.EnableInvitations === undefined ? undefined : Boolean(params.EnableInvitations),
    removeChatHistory: params.RemoveChatHistory === undefined ? undefined : Boolean(params.RemoveChatHistory),
  });
  context.verbose(`Created the category ${created.pool}\\${created.category}.`);
  for (const view of await listCategories({ identity: `${created.pool}\\${created.category}`, asObject: false })) yield categoryObject(view);
}

export const cmdlet = defineCmdlet(declaration, run);
