/**
 * Which messages of a room Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage touch, and what they do to
 * them (domain.md §3.3.5, §3.3.6; decisions in docs/decisions.md, "Clearing rooms and removing messages"):
 *   - Dates are inclusive: -StartDate "on or after", -EndDate "on or before". A date whose time of day is midnight,
 *     as a date written without a time is (-EndDate 3/1/2018), means that whole day: as an end it covers the day up
 *     to its last tick, so "-EndDate 3/1/2018 removes content posted on or before 1 March 2018" holds. Any other time
 *     is exact (to the millisecond a DateTime carries across the bridge). Dates without a zone are local time.
 *   - Remove-CsPersistentChatMessage needs at least one selector (-UserUri, -StartDate, -EndDate, -Filter): without
 *     one it would change every message of the room, which Microsoft does not document and which is too easy to type
 *     by mistake. Every selector given must hold (they are combined with and).
 *   - It removes the messages (-Remove), or replaces their text with -ReplaceMessage or, by default, Microsoft's
 *     text "This message was replaced by the Persistent Chat administrator."
 */
import { ParameterCombinationError } from '../errors.js';
import type { Chat } from '../model.js';
import { MAX_TICKS, ticksFromDate, type Ticks } from '../ticks.js';
import { keywordMatcher, type MatchClause } from './message-match.js';

export const DEFAULT_REPLACEMENT = 'This message was replaced by the Persistent Chat administrator.';

const isMidnight = (date: Date): boolean => date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0 && date.getMilliseconds() === 0;

const clamp = (ticks: Ticks): Ticks => (ticks < 0n ? -1n : ticks > MAX_TICKS ? MAX_TICKS : ticks);

/** The first tick a start date covers. */
export function startTicks(date: Date): Ticks {
  return clamp(ticksFromDate(date));
}

/** The last tick an end date covers: the end of that day for a date at midnight, else the instant itself. */
export function endTicks(date: Date): Ticks {
  if (!isMidnight(date)) return clamp(ticksFromDate(date));
  // The next local midnight, whatever the day's length (a daylight-saving change makes it 23 or 25 hours).
  const next = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1);
  next.setFullYear(date.getFullYear(), date.getMonth(), date.getDate() + 1);
  return clamp(ticksFromDate(next) - 1n);
}

/** How a date is named in messages: as the administrator wrote it, to the millisecond where that matters. */
export function dateText(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  if (isMidnight(date)) return day;
  const ms = date.getMilliseconds() === 0 ? '' : `.${pad(date.getMilliseconds(), 3)}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${ms}`;
}

export interface MessageCriteria {
  /** -UserUri was given: the poster's principal id is bound later, by `test`'s second argument. */
  readonly byPoster?: boolean | undefined;
  readonly startDate?: Date | undefined;
  readonly endDate?: Date | undefined;
  readonly filter?: string | undefined;
  readonly matchClause?: MatchClause | undefined;
  readonly caseSensitive?: boolean | undefined;
}

export interface MessageSelection {
  /** The first tick a message may have (for the store's `since`), when a start date is given. */
  readonly since: Ticks | undefined;
  /** Whether a message is selected; `posterId` is -UserUri's principal (tblPrincipal.prinID) when byPoster. */
  readonly test: (chat: Chat, posterId?: number) => boolean;
}

/**
 * The selection the criteria describe, or a refusal naming what is wrong and the fix: no selector at all, an end
 * before the start, a -Filter without keywords. `room` names the room in the refusal. Nothing needs a database, so
 * a caller refuses bad input before it opens one.
 */
export function messageSelection(criteria: MessageCriteria, room: string): MessageSelection {
  const { byPoster, startDate, endDate, filter } = criteria;
  if (!byPoster && startDate === undefined && endDate === undefined && filter === undefined) {
    throw new ParameterCombinationError(
      `Remove-CsPersistentChatMessage names no messages of the room ${room}: give -UserUri, -StartDate, -EndDate or -Filter ` +
        '(they combine). To empty the whole room use Clear-CsPersistentChatRoom -EndDate; to replace every message, say so ' +
        'with a date range that covers them all, for example -StartDate 1/1/0001.',
      'NoMessageSelector',
      room,
    );
  }
  const since = startDate === undefined ? undefined : startTicks(startDate);
  const through = endDate === undefined ? undefined : endTicks(endDate);
  if (since !== undefined && through !== undefined && through < since) {
    throw new ParameterCombinationError(
      `-EndDate ${dateText(endDate!)} is before -StartDate ${dateText(startDate!)}, so no message could be both on or after the start and on or before the end. ` +
        'Swap them, or give an -EndDate on or after the -StartDate.',
      'EndDateBeforeStartDate',
      'EndDate',
    );
  }
  const matches = filter === undefined ? undefined : keywordMatcher({ filter, matchClause: criteria.matchClause, caseSensitive: criteria.caseSensitive });
  return {
    since,
    test: (chat, posterId) =>
      (!byPoster || chat.userId === posterId) &&
      (since === undefined || chat.date >= since) &&
      (through === undefined || chat.date <= through) &&
      (matches === undefined || matches(chat.content)),
  };
}

/** What happens to the selected messages. */
export type MessageAction = { readonly kind: 'remove' } | { readonly kind: 'replace'; readonly text: string };

/** -Remove, -ReplaceMessage, or neither (Microsoft's default text); both, or an empty replacement, are refused. */
export function messageAction(remove: boolean | undefined, replaceMessage: string | undefined): MessageAction {
  if (remove && replaceMessage !== undefined) {
    throw new ParameterCombinationError(
      '-Remove and -ReplaceMessage cannot be used together: -Remove deletes the messages, -ReplaceMessage keeps them with new text. Give one of them, or neither for the default text.',
      'RemoveWithReplaceMessage',
      'ReplaceMessage',
    );
  }
  if (remove) return { kind: 'remove' };
  if (replaceMessage === undefined) return { kind: 'replace', text: DEFAULT_REPLACEMENT };
  if (replaceMessage.trim() === '') {
    throw new ParameterCombinationError(
      '-ReplaceMessage is empty: give the text that replaces the messages, leave it out for the default text, or use -Remove to delete them.',
      'EmptyReplaceMessage',
      'ReplaceMessage',
    );
  }
  return { kind: 'replace', text: replaceMessage };
}
