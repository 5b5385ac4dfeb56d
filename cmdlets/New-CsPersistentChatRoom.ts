/** New-CsPersistentChatRoom: creates a chat room in an existing category. Microsoft's syntax (domain.md §3.3.2). */
import { newRoom } from '../admin/room-changes.js';
import { listRooms } from '../admin/rooms.js';
import { PRIVACIES, ROOM_TYPES, type Privacy, type RoomType } from '../core/model.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ROOM_OUTPUT, roomObject } from './output/room-output.js';

export const declaration = {
  name: 'New-CsPersistentChatRoom',
  synopsis: 'Creates a Persistent Chat room.',
  description:
    'New-CsPersistentChatRoom creates a chat room in a category that exists on the pool. Its name is unique on the ' +
    'pool among categories and rooms (at most 256 characters). A new room is Closed, of type Normal, enabled, and ' +
    'takes its invitations from its category (Inherit), unless the parameters say otherwise. Members, managers and ' +
    'presenters are added afterwards with Set-CsPersistentChatRoom. The pool may be left out when the category names ' +
    'it or one pool is registered.',
  parameters: [
    { name: 'Name', type: 'String', mandatory: true, description: 'The name of the room, unique on the pool among categories and rooms, for example ITChatRoom.' },
    { name: 'Category', type: 'String', mandatory: true, description: 'The category the room belongs to, which must exist: its name, or <PoolFqdn>\\<Name>.' },
    { name: 'Addin', type: 'String', description: 'The name of a registered add-in the room shows.' },
    { name: 'Description', type: 'String', description: 'What the room is for (at most 256 characters).' },
    { name: 'Disabled', type: 'Boolean', description: '$True creates the room disabled. The default is enabled.' },
    {
      name: 'Invitations',
      type: 'String',
      helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomInvitations',
      description: 'Inherit (the default) takes the category\'s invitations setting; False sends no invitations. A room cannot turn invitations on.',
    },
    { name: 'PersistentChatPoolFqdn', type: 'String', description: 'The pool to create the room on; needed when neither the category nor a single registered pool says.' },
    { name: 'Privacy', type: 'String', validateSet: PRIVACIES, helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomPrivacy', description: 'Open, Closed (the default) or Secret.' },
    { name: 'Type', type: 'String', validateSet: ROOM_TYPES, helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomType', description: 'Normal (the default) or Auditorium (only presenters post).' },
  ],
  outputTypes: [ROOM_OUTPUT],
  examples: [
    {
      title: 'Create a room in a category',
      code: 'New-CsPersistentChatRoom -Name "ITChatRoom" -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -Category "Sales"',
      remarks: 'Creates the room ITChatRoom in the category Sales of the pool atl-pc-001.',
    },
    {
      title: 'Create a secret auditorium, disabled until it is ready',
      code: 'New-CsPersistentChatRoom -Name "Sales News" -Category "atl-pc-001.litwareinc.com\\Sales" -Type Auditorium -Privacy Secret -Disabled $True -Description "News for the sales team"',
      remarks: 'Creates a disabled auditorium that only its members can find.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const created = await newRoom({
    name: params.Name!,
    category: params.Category!,
    poolFqdn: params.PersistentChatPoolFqdn,
    addin: params.Addin,
    description: params.Description,
    disabled: params.Disabled,
    invitations: params.Invitations,
    privacy: params.Privacy as Privacy | undefined,
    type: params.Type as RoomType | undefined,
  });
  context.verbose(`Created the room ${created.pool}\\${created.room}.`);
  for (const view of await listRooms({ identity: `${created.pool}\\${created.room}`, searchDescription: false, asObject: false })) yield roomObject(view);
}

export const cmdlet = defineCmdlet(declaration, run);
