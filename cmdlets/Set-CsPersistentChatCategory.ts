/** Set-CsPersistentChatCategory: changes a category's settings and who may use and create its rooms (domain.md §3.2.3). */
import { setCategory, type CategoryList } from '../admin/category-changes.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { CATEGORY_IDENTITY_DESCRIPTION, CATEGORY_TYPE_NAME } from './output/category-output.js';
import { identityOf } from './params/identity-instance.js';

const LIST = 'System.Management.Automation.PSListModifier`1[System.String]';

export const declaration = {
  name: 'Set-CsPersistentChatCategory',
  synopsis: 'Changes a Persistent Chat category: its settings, and who may use and create its rooms.',
  description:
    'Set-CsPersistentChatCategory changes a category. -AllowedMembers and -DeniedMembers decide who may be a member, ' +
    'manager or presenter of its rooms (denied wins over allowed; a principal is on one list or the other), and ' +
    '-Creators who may create rooms in it; each takes list changes (@{Add=...}, @{Remove=...}, @{Replace=...}, or ' +
    '$null to clear), naming users, groups, OUs or domains by SIP address or distinguished name, or by display name ' +
    'with -AsObject. A creator must be within AllowedMembers less DeniedMembers. A change that narrows who is allowed ' +
    'removes, from the category\'s rooms, every member, manager and presenter it no longer admits, and the creators ' +
    'it no longer admits (a warning says how many). -Invitations $True turns invitations on for the category\'s rooms. ' +
    'Categories that Get-CsPersistentChatCategory writes can be piped in.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, pipelineByPropertyName: true, description: CATEGORY_IDENTITY_DESCRIPTION },
    { name: 'Instance', type: 'PSObject', sets: ['Instance'], mandatory: true, pipeline: true, helpTypeName: CATEGORY_TYPE_NAME, description: 'A category written by Get-CsPersistentChatCategory (also from the pipeline); its Identity names the category to change.' },
    { name: 'AllowedMembers', type: 'PSListModifier', helpTypeName: LIST, description: "The change to who may use the category's rooms, for example @{Add='sip:kenmyer@litwareinc.com'} or @{Add='OU=IT,DC=litwareinc,DC=com'}; $null allows nobody." },
    { name: 'AsObject', type: 'SwitchParameter', description: 'Names the principals of -AllowedMembers, -DeniedMembers and -Creators by display name.' },
    { name: 'ChatHistory', type: 'Boolean', description: '$False turns chat history off for the category\'s rooms; $True turns it on.' },
    { name: 'Creators', type: 'PSListModifier', helpTypeName: LIST, description: "The change to who may create rooms in the category, for example @{Add='sip:kenmyer@litwareinc.com'}; $null clears it." },
    { name: 'DeniedMembers', type: 'PSListModifier', helpTypeName: LIST, description: "The change to who may not use the category's rooms (it overrides AllowedMembers), for example @{Add='sip:kenmyer@litwareinc.com'}; $null clears it." },
    { name: 'Description', type: 'String', description: 'The new description (at most 256 characters).' },
    { name: 'FileUpload', type: 'Boolean', description: '$True allows files to be uploaded to the category\'s rooms; $False does not.' },
    { name: 'Invitations', type: 'Boolean', description: '$True turns invitations on for the category (its allowed members are invited to each new room); $False turns them off.' },
    { name: 'Name', type: 'String', description: 'The new name, unique on the pool among categories and rooms.' },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Turn file upload off for a category',
      code: 'Set-CsPersistentChatCategory -Identity "atl-pc-001.litwareinc.com\\helpdesk" -FileUpload $False',
      remarks: 'Files can no longer be uploaded to the rooms of the category HelpDesk (names are compared without regard to case).',
    },
    {
      title: 'Turn file upload off for every category',
      code: 'Get-CsPersistentChatCategory | Set-CsPersistentChatCategory -FileUpload $False',
      remarks: 'Pipes every category of every registered pool to Set-CsPersistentChatCategory.',
    },
    {
      title: 'Allow a user into a category and let them create rooms',
      code: 'Set-CsPersistentChatCategory -Identity "atl-pc-001.litwareinc.com\\HelpDesk" -AllowedMembers @{Add="sip:kenmyer@litwareinc.com"} -Creators @{Add="sip:kenmyer@litwareinc.com"} -Invitations $True',
      remarks: 'Ken Myer may now use and create the rooms of HelpDesk, and its allowed members are invited to each new room.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const identity = identityOf(params.Identity, params.Instance, 'Get-CsPersistentChatCategory');
  const lists: Partial<Record<CategoryList, NonNullable<typeof params.AllowedMembers> | null>> = {};
  for (const list of ['AllowedMembers', 'DeniedMembers', 'Creators'] as const) if (list in params) lists[list] = params[list] ?? null;
  const changed = await setCategory(
    identity,
    {
      name: params.Name,
      description: params.Description,
      chatHistory: params.ChatHistory,
      fileUpload: params.FileUpload,
      invitations: params.Invitations,
      lists,
      asObject: Boolean(params.AsObject),
    },
    context.whatIf,
  );
  if (changed.purged > 0) {
    context.warning(
      `${context.whatIf ? 'Would remove' : 'Removed'} ${changed.purged} member, manager, presenter or creator entr${changed.purged === 1 ? 'y' : 'ies'} ` +
        `(in ${changed.purgedRooms} room${changed.purgedRooms === 1 ? '' : 's'} and the category) that the changed scope of ${changed.pool}\\${changed.category} no longer admits.`,
      'CategoryScopePurge',
    );
  }
  context.verbose(`${context.whatIf ? 'What if: would change' : 'Changed'} the category ${changed.pool}\\${changed.category}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
