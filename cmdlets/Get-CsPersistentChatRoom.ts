/** Get-CsPersistentChatRoom: the chat rooms of the Persistent Chat pools, with Microsoft's filters (domain.md §3.3.1). */
import { listRooms } from '../admin/rooms.js';
import { PRIVACIES, ROOM_TYPES } from '../core/model.js';
import { ROOM_TYPE_NAME, roomObject, ROOM_OUTPUT } from './output/room-output.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';


export const declaration = {
  name: 'Get-CsPersistentChatRoom',
  synopsis: 'Returns the chat rooms of Persistent Chat pools.',
  description:
    'Get-CsPersistentChatRoom returns chat rooms of the registered pools\' databases: one by -Identity, or those that ' +
    'match every filter given (category, add-in, disabled, privacy, type, invitations, a manager or member by SIP ' +
    'address, a -Filter on the name, and on the description with -SearchDescription, content larger than ' +
    '-ChatContentExceedsMB), at most -ResultSize of them. With no parameters it returns every room. Members, Managers ' +
    'and Presenters are SIP addresses, or display names with -AsObject.',
  parameterSets: ['All', 'Identity'],
  defaultParameterSet: 'All',
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], position: 0, description: 'The room, as <PoolFqdn>\\<Name> (for example atl-pc-001.litwareinc.com\\ITChatRoom), or its name when one pool is registered.' },
    { name: 'Addin', type: 'String', sets: ['All'], description: 'Rooms that use this add-in (its name).' },
    { name: 'Category', type: 'String', sets: ['All'], description: 'Rooms of this category, as <PoolFqdn>\\<Name> or its name.' },
    { name: 'ChatContentExceedsMB', type: 'Int32', sets: ['All'], validateRange: [0, 2147483647], description: 'Rooms whose messages take more than this many megabytes.' },
    { name: 'Disabled', type: 'Boolean', sets: ['All'], description: '$True: disabled rooms; $False: active rooms.' },
    { name: 'Filter', type: 'String', sets: ['All'], description: 'Keywords or a wildcard matched against room names (and descriptions with -SearchDescription), or {Name -like "IT*"} over Name and Description.' },
    { name: 'SearchDescription', type: 'SwitchParameter', sets: ['All'], description: 'With -Filter, searches the description as well as the name.' },
    { name: 'Invitations', type: 'String', sets: ['All'], validateSet: ['False', 'Inherit'], helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomInvitations', description: 'Inherit: rooms that take invitations from their category; False: rooms without invitations.' },
    { name: 'Manager', type: 'String', sets: ['All'], description: 'Rooms this user (a SIP address) manages.' },
    { name: 'Member', type: 'String', sets: ['All'], description: 'Rooms this user (a SIP address) is a member of.' },
    { name: 'PersistentChatPoolFqdn', type: 'String', sets: ['All'], description: 'Rooms of this pool only.' },
    { name: 'Privacy', type: 'String', sets: ['All'], validateSet: PRIVACIES, helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomPrivacy', description: 'Open, Closed or Secret.' },
    { name: 'Type', type: 'String', sets: ['All'], validateSet: ROOM_TYPES, helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ChatRoomType', description: 'Normal or Auditorium.' },
    { name: 'ResultSize', type: 'Int32', sets: ['All'], validateRange: [0, 2147483647], description: 'The largest number of rooms to return; 0 returns none.' },
    { name: 'AsObject', type: 'SwitchParameter', description: 'Names members, managers and presenters by display name instead of SIP address.' },
  ],
  outputTypes: [ROOM_OUTPUT],
  examples: [
    { title: 'Every room', code: 'Get-CsPersistentChatRoom', remarks: 'Returns every chat room of every registered pool.' },
    { title: 'The disabled rooms of one pool', code: 'Get-CsPersistentChatRoom -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -Disabled $True', remarks: 'Returns the disabled rooms of atl-pc-001.' },
    { title: 'Auditoriums by keyword', code: 'Get-CsPersistentChatRoom -Type Auditorium -Filter "Room" -SearchDescription', remarks: 'Returns the auditorium rooms whose name or description contains Room.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, _context: CmdletContext): AsyncGenerator<OutputItem> {
  const rooms = await listRooms({
    identity: params.Identity,
    poolFqdn: params.PersistentChatPoolFqdn,
    category: params.Category,
    addin: params.Addin,
    disabled: params.Disabled,
    privacy: params.Privacy,
    type: params.Type,
    invitations: params.Invitations,
    manager: params.Manager,
    member: params.Member,
    filter: params.Filter,
    searchDescription: Boolean(params.SearchDescription),
    contentExceedsMB: params.ChatContentExceedsMB,
    resultSize: params.ResultSize,
    asObject: Boolean(params.AsObject),
  });
  for (const r of rooms) yield roomObject(r);
}

export const cmdlet = defineCmdlet(declaration, run);
