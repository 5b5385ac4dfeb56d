/** Set-CsPersistentChatRoom: changes a chat room's settings and its members, managers and presenters (domain.md §3.3.3). */
import { setRoom, type RoomList } from '../admin/room-changes.js';
import { PRIVACIES, ROOM_TYPES, type Privacy, type RoomType } from '../core/model.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ROOM_IDENTITY_DESCRIPTION, ROOM_TYPE_NAME } from './output/room-output.js';
import { identityOf } from './params/identity-instance.js';

const LIST = 'System.Management.Automation.PSListModifier`1[System.String]';

export const declaration = {
  name: 'Set-CsPersistentChatRoom',
  synopsis: 'Changes a Persistent Chat room: its settings, category, members, managers and presenters.',
  description:
    'Set-CsPersistentChatRoom changes a chat room. -Members, -Managers and -Presenters take list changes ' +
    '(@{Add=...}, @{Remove=...}, @{Replace=...}, or $null to clear; -Members $null makes the room use its category\'s ' +
    'membership), naming users, groups, OUs or domains by SIP address or distinguished name, or by display name with ' +
    '-AsObject; each must be within the category\'s AllowedMembers less its DeniedMembers. Only an auditorium has ' +
    'presenters, and in a Closed or Secret room a presenter must also be a member. -Category moves the room to another ' +
    'category of the pool and removes every member, manager and presenter the new category does not allow (a warning ' +
    'says how many). A room cannot turn invitations on (-Invitations is Inherit or False). Rooms that ' +
    'Get-CsPersistentChatRoom writes can be piped in.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, pipelineByPropertyName: true, description: ROOM_IDENTITY_DESCRIPTION },
    { name: 'Instance', type: 'PSObject', sets: ['Instance'], mandatory: true, position: 0, pipeline: true, helpTypeName: ROOM_TYPE_NAME, description: 'A room written by Get-CsPersistentChatRoom (also from the pipeline); its Identity names the room to change.' },
    { name: 'Addin', type: 'String', description: 'The registered add-in the room shows; "" takes the add-in off the room.' },
    { name: 'AsObject', type: 'SwitchParameter', description: 'Names the principals of -Members, -Managers and -Presenters by display name.' },
    { name: 'Category', type: 'String', description: 'Moves the room to this category of the same pool; entries the new category does not allow are removed.' },
    { name: 'Description', type: 'String', description: 'The new description (at most 256 characters).' },
    { name: 'Disabled', type: 'Boolean', description: '$True disables the room (its members are disconnected; settings, members and messages are kept); $False enables it.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Suppresses non-fatal error messages.' },
    { name: 'Invitations', type: 'String', helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomInvitations', description: 'Inherit takes the category\'s setting; False turns invitations off for the room.' },
    { name: 'Managers', type: 'PSListModifier', helpTypeName: LIST, description: "The change to the room's managers, for example @{Add='sip:kenmyer@litwareinc.com'}." },
    { name: 'Members', type: 'PSListModifier', helpTypeName: LIST, description: "The change to the room's members, for example @{Add='sip:kenmyer@litwareinc.com'}; $null: the category's membership." },
    { name: 'Name', type: 'String', description: 'The new name, unique on the pool among categories and rooms.' },
    { name: 'Presenters', type: 'PSListModifier', helpTypeName: LIST, description: 'The change to the presenters of an auditorium, who may post in it; $null clears them.' },
    { name: 'Privacy', type: 'String', validateSet: PRIVACIES, helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomPrivacy', description: 'Open, Closed or Secret.' },
    { name: 'Type', type: 'String', validateSet: ROOM_TYPES, helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomType', description: 'Normal or Auditorium.' },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Make an OU the members of a room',
      code: 'Set-CsPersistentChatRoom -Identity "atl-pc-001.litwareinc.com\\ITChatRoom" -Members @{Add="OU=Sales,DC=contoso,DC=com"}',
      remarks: 'Every user of the Sales OU becomes a member of ITChatRoom (the OU must be within its category).',
    },
    {
      title: 'Disable every room of a pool',
      code: 'Get-CsPersistentChatRoom -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" | Set-CsPersistentChatRoom -Disabled $True',
      remarks: 'Disables the rooms of atl-pc-001; they keep their settings, members and messages.',
    },
    {
      title: 'Enable them again',
      code: 'Get-CsPersistentChatRoom -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -Disabled $True | Set-CsPersistentChatRoom -Disabled $False',
      remarks: 'Enables the disabled rooms of atl-pc-001.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const identity = identityOf(params.Identity, params.Instance, 'Get-CsPersistentChatRoom');
  const lists: Partial<Record<RoomList, NonNullable<typeof params.Members> | null>> = {};
  for (const list of ['Members', 'Managers', 'Presenters'] as const) if (list in params) lists[list] = params[list] ?? null;
  const changed = await setRoom(
    identity,
    {
      name: params.Name,
      description: params.Description,
      category: params.Category,
      addin: 'Addin' in params ? (params.Addin ?? null) : undefined,
      disabled: params.Disabled,
      invitations: params.Invitations,
      privacy: params.Privacy as Privacy | undefined,
      type: params.Type as RoomType | undefined,
      lists,
      asObject: Boolean(params.AsObject),
    },
    context.whatIf,
  );
  if (changed.purged > 0) {
    context.warning(`${context.whatIf ? 'Would remove' : 'Removed'} ${changed.purged} member, manager or presenter entr${changed.purged === 1 ? 'y' : 'ies'} of the room ${changed.pool}\\${changed.room} that its new category does not allow.`, 'CategoryMovePurge');
  }
  context.verbose(`${context.whatIf ? 'What if: would change' : 'Changed'} the room ${changed.pool}\\${changed.room}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
