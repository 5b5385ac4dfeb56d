/** The object the room cmdlets write: Microsoft's ChatRoomObject, its properties named as the parameters are. */
import type { RoomView } from '../../admin/rooms.js';
import { outputObject, type OutputObject, type OutputTypeDecl } from '../framework/cmdlet.js';

export const ROOM_TYPE_NAME = 'Microsoft.Rtc.Management.PersistentChat.Cmdlets.ChatRoomObject';

/** The output type the cmdlets declare, with its default views (the module's format file is generated from it). */
export const ROOM_OUTPUT = { typeName: ROOM_TYPE_NAME, view: { list: ['Identity', 'Name', 'Description', 'Category', 'Addin', 'Disabled', 'Invitations', 'Privacy', 'Type', 'Members', 'Managers', 'Presenters', 'PersistentChatPoolFqdn'] } } as const satisfies OutputTypeDecl;

export const ROOM_IDENTITY_DESCRIPTION = 'The room, as <PoolFqdn>\\<Name> (for example atl-pc-001.litwareinc.com\\ITChatRoom), or its name when one pool is registered.';

export function roomObject(r: RoomView): OutputObject {
  return outputObject(ROOM_TYPE_NAME, {
    Identity: `${r.pool}\\${r.node.name}`,
    Name: r.node.name,
    Description: r.node.description,
    Category: `${r.pool}\\${r.category}`,
    Addin: r.addin,
    Disabled: r.node.disabled,
    Invitations: r.node.invite === false ? 'False' : 'Inherit',
    Privacy: r.node.visibility,
    Type: r.node.behavior,
    Members: [...r.members],
    Managers: [...r.managers],
    Presenters: [...r.presenters],
    PersistentChatPoolFqdn: r.pool,
  });
}
