/**
 * Microsoft's rules for a chat room's own settings (domain.md §1.3, §3.3.2–3.3.3), written once here for the room
 * cmdlets and Import: invitations are Inherit or False (a room can turn them off, never on: a category whose
 * invitations are off keeps them off for all its rooms); only an auditorium has presenters; a presenter of a room
 * with a member list must be one of its members; and the documented defaults of a new room.
 */
import { ParameterCombinationError, PcmError, ParameterValueError } from '../errors.js';
import { excerpt } from '../excerpt.js';
import type { Privacy, RoomType } from '../model.js';

export type RoomInvitations = 'Inherit' | 'False';
export const ROOM_INVITATIONS: readonly RoomInvitations[] = ['Inherit', 'False'];

/** New-CsPersistentChatRoom's defaults (SfB manage/persistent-chat/chat-rooms.md). */
export const NEW_ROOM_DEFAULTS = { privacy: 'Closed' as Privacy, type: 'Normal' as RoomType, invitations: 'Inherit' as RoomInvitations };

/** -Invitations: Inherit or False; True is refused with the rule, since a room cannot turn invitations on. */
export function parseRoomInvitations(value: string, room: string): RoomInvitations {
  const text = value.trim().toLowerCase();
  const known = ROOM_INVITATIONS.find((v) => v.toLowerCase() === text);
  if (known) return known;
  if (text === 'true' || text === '$true') {
    // A value no room may take: refused for the call, not room by room.
    throw new ParameterCombinationError(
      `-Invitations True: the room '${excerpt(room)}' cannot turn invitations on; a room takes its category's setting (Inherit) or turns it off (False). ` +
        'To send invitations, turn them on for the category: Set-CsPersistentChatCategory -Invitations $True, and leave the room at Inherit.',
      'RoomInvitationsOn',
      room,
    );
  }
  throw new ParameterValueError(`-Invitations '${excerpt(value)}' is not one of the allowed values: Inherit, False.`, 'Invitations');
}

/** tblNode.invite of a room: NULL inherits, 0 is off. */
export function inviteColumn(invitations: RoomInvitations): boolean | null {
  return invitations === 'False' ? false : null;
}

/** A Normal room has no presenters (Microsoft: "a room of type Normal cannot have presenters"). */
export function checkPresenters(room: string, type: RoomType, presenters: readonly string[]): void {
  if (type === 'Normal' && presenters.length > 0) {
    throw new PcmError(
      `The room '${excerpt(room)}' is of type Normal, which cannot have presenters (${presenters.slice(0, 3).map((p) => excerpt(p)).join(', ')}${presenters.length > 3 ? ', ...' : ''}). ` +
        'Make it an auditorium (-Type Auditorium), or clear its presenters in the same call (-Presenters $null).',
      { errorId: 'PresentersNeedAuditorium', category: 'InvalidOperation', target: room },
    );
  }
}

/**
 * A presenter must also be a member (domain.md §1.3). An Open room has no member list (any allowed user may join),
 * so there every presenter is a member; a Closed or Secret room's presenters must be on its list.
 */
export function checkPresentersAreMembers(room: string, privacy: Privacy, presenters: readonly number[], members: ReadonlySet<number>, label: (id: number) => string): void {
  if (privacy === 'Open') return;
  const outside = presenters.filter((id) => !members.has(id));
  if (outside.length > 0) {
    throw new PcmError(
      `A presenter must also be a member of the room '${excerpt(room)}', which is ${privacy}: ${outside.slice(0, 3).map((id) => excerpt(label(id))).join(', ')}${outside.length > 3 ? ', ...' : ''} ${outside.length === 1 ? 'is' : 'are'} not. ` +
        'Add them with -Members @{Add=...} in the same call.',
      { errorId: 'PresenterNotMember', category: 'InvalidOperation', target: room },
    );
  }
}
