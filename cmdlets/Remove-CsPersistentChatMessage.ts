/**
 * Remove-CsPersistentChatMessage: removes a room's messages, or replaces their text, by poster, dates and keywords.
 * Microsoft's syntax, with Lync 2013's three parameter sets (domain.md §3.3.6, §8 item 5; docs/decisions.md).
 */
import { removeMessages } from '../admin/room-content.js';
import { MATCH_CLAUSES, type MatchClause } from '../core/directory/message-match.js';
import { DEFAULT_REPLACEMENT } from '../core/directory/message-selection.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ROOM_IDENTITY_DESCRIPTION } from './output/room-output.js';

export const declaration = {
  name: 'Remove-CsPersistentChatMessage',
  synopsis: 'Removes Persistent Chat messages from a room, or replaces their text.',
  description:
    'Remove-CsPersistentChatMessage selects messages of one chat room by poster (-UserUri), by date (-StartDate, ' +
    '-EndDate) and by keywords (-Filter with -MatchClause and -CaseSensitive); every selector given must hold, and at ' +
    'least one is required. With -Remove the messages are deleted; with -ReplaceMessage their text becomes that ' +
    `message; with neither it becomes "${DEFAULT_REPLACEMENT}" Replaced messages lose their RTF version. ` +
    'A date without a time covers that whole day. -WhatIf counts the messages it would change and changes none; ' +
    '-Verbose reports how many were changed.',
  parameterSets: ['Default', 'Remove', 'Replace'],
  defaultParameterSet: 'Default',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', mandatory: true, description: ROOM_IDENTITY_DESCRIPTION },
    { name: 'Remove', type: 'SwitchParameter', sets: ['Remove'], mandatory: true, description: 'Deletes the messages, leaving no replacement text. Cannot be used with -ReplaceMessage.' },
    { name: 'ReplaceMessage', type: 'String', sets: ['Replace'], mandatory: true, description: `The text that replaces each message. Without -ReplaceMessage and -Remove the text is "${DEFAULT_REPLACEMENT}"` },
    { name: 'UserUri', type: 'String', description: 'Messages posted by this user, named by SIP address (sip:kenmyer@litwareinc.com).' },
    { name: 'StartDate', type: 'DateTime', description: 'Messages posted on or after this date. A date without a time zone is local time.' },
    { name: 'EndDate', type: 'DateTime', description: 'Messages posted on or before this date; a date alone (4/1/2012) means the end of that day.' },
    {
      name: 'Filter',
      type: 'String',
      description: 'Keywords separated by blanks, for example "Fabrikam Contoso TailspinToys"; by default a message must contain all of them. A keyword matches inside words too.',
    },
    {
      name: 'MatchClause',
      type: 'String',
      validateSet: MATCH_CLAUSES,
      defaultValue: 'And',
      helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.RemoveOcsMessageChatCmdlet+AndOr',
      description:
        'How -Filter\'s keywords must occur. And (or All): every keyword. Or: at least one. Exact: the keywords as one ' +
        'phrase, in their order, for example -Filter "For internal use only" -MatchClause Exact.',
    },
    { name: 'CaseSensitive', type: 'Boolean', defaultValue: 'False', description: '$True: -Filter\'s keywords match only with the same upper and lower case. By default case is ignored.' },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Replace the messages posted up to a date',
      code: 'Remove-CsPersistentChatMessage -Identity "atl-pc-001.litwareinc.com\\Room 0001" -EndDate "4/1/2012"',
      remarks: `Replaces the text of every message posted to Room 0001 on or before April 1, 2012 with "${DEFAULT_REPLACEMENT}"`,
    },
    {
      title: 'Replace one user\'s messages',
      code: 'Remove-CsPersistentChatMessage -Identity "atl-pc-001.litwareinc.com\\Room 0001" -UserUri "sip:kenmyer@litwareinc.com"',
      remarks: 'Replaces the text of every message Ken Myer posted to Room 0001 with the default text.',
    },
    {
      title: 'Delete the messages that hold a phrase',
      code: 'Remove-CsPersistentChatMessage -Identity "atl-pc-001.litwareinc.com\\Room 0001" -Filter "For internal use only" -MatchClause Exact -Remove',
      remarks: 'Deletes every message of Room 0001 that contains the phrase "For internal use only", whatever its case.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const done = await removeMessages(
    {
      identity: params.Identity!,
      userUri: params.UserUri,
      startDate: params.StartDate,
      endDate: params.EndDate,
      filter: params.Filter,
      matchClause: params.MatchClause as MatchClause | undefined,
      caseSensitive: params.CaseSensitive,
      remove: params.Remove,
      replaceMessage: params.ReplaceMessage,
    },
    context.whatIf,
  );
  const room = `${done.pool}\\${done.room}`;
  const messages = `${done.count} message${done.count === 1 ? '' : 's'}`;
  const verb = done.action.kind === 'remove' ? ['delete', 'Deleted'] : ['replace the text of', 'Replaced the text of'];
  const kept = done.unchanged > 0 ? ` ${done.unchanged} more already had that text.` : '';
  context.verbose(context.whatIf ? `What if: would ${verb[0]} ${messages} of the room ${room}.${kept}` : `${verb[1]} ${messages} of the room ${room}.${kept}`);
}

export const cmdlet = defineCmdlet(declaration, run);
