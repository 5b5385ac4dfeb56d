/** Clear-CsPersistentChatRoom: deletes a room's messages through an end date. Microsoft's syntax (domain.md §3.3.5). */
import { clearRoom } from '../admin/room-content.js';
import { dateText } from '../core/directory/message-selection.js';
import { identityOf } from './params/identity-instance.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ROOM_IDENTITY_DESCRIPTION, ROOM_TYPE_NAME } from './output/room-output.js';

export const declaration = {
  name: 'Clear-CsPersistentChatRoom',
  synopsis: 'Removes the content of a Persistent Chat room from its oldest message through an end date.',
  description:
    'Clear-CsPersistentChatRoom deletes every message of a chat room posted on or before -EndDate, from the oldest ' +
    'on; the room, its settings and its members stay. A date without a time (-EndDate 3/1/2018) covers that whole ' +
    'day; a date and time stops at that instant, which is included. Deleted messages come back only from a backup. ' +
    'It asks for confirmation for each room unless -Confirm:$False is given; -WhatIf counts the messages it would ' +
    'delete and deletes none. -Identity names the room; -Instance takes the rooms Get-CsPersistentChatRoom writes, ' +
    'from the pipeline. -Verbose reports how many messages were deleted.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, description: ROOM_IDENTITY_DESCRIPTION },
    {
      name: 'Instance',
      type: 'PSObject',
      sets: ['Instance'],
      mandatory: true,
      position: 0,
      pipeline: true,
      helpTypeName: ROOM_TYPE_NAME,
      description: 'A room written by Get-CsPersistentChatRoom (also from the pipeline); its Identity names the room to clear.',
    },
    {
      name: 'EndDate',
      type: 'DateTime',
      mandatory: true,
      description:
        'The last date whose messages are deleted: everything posted on or before it goes. A date alone (3/1/2018, ' +
        'March 1, 2018) means the end of that day; with a time, that instant. A date without a time zone is local time.',
    },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Clear one room',
      code: 'Clear-CsPersistentChatRoom -Identity "atl-pc-001.litwareinc.com\\Room 0001" -EndDate "3/1/2008"',
      remarks: 'Removes every message posted to Room 0001 on or before March 1, 2008, after asking for confirmation.',
    },
    {
      title: 'Clear every room without a prompt',
      code: 'Get-CsPersistentChatRoom | Clear-CsPersistentChatRoom -EndDate "3/1/2008" -Confirm:$False',
      remarks: 'Removes the content posted on or before March 1, 2008 from every room of every registered pool; -Confirm:$False suppresses the prompt for each room.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const identity = identityOf(params.Identity, params.Instance, 'Get-CsPersistentChatRoom');
  const cleared = await clearRoom(identity, params.EndDate!, context.whatIf);
  const messages = `${cleared.count} message${cleared.count === 1 ? '' : 's'}`;
  const through = `posted on or before ${dateText(params.EndDate!)}`;
  context.verbose(
    context.whatIf
      ? `What if: would delete ${messages} ${through} from the room ${cleared.pool}\\${cleared.room}.`
      : `Deleted ${messages} ${through} from the room ${cleared.pool}\\${cleared.room}.`,
  );
}

export const cmdlet = defineCmdlet(declaration, run);
