/** Remove-CsPersistentChatRoom: deletes a chat room and its content. Microsoft's syntax (domain.md §3.3.4). */
import { removeRoom } from '../admin/room-changes.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ROOM_IDENTITY_DESCRIPTION, ROOM_TYPE_NAME } from './output/room-output.js';
import { identityOf } from './params/identity-instance.js';

export const declaration = {
  name: 'Remove-CsPersistentChatRoom',
  synopsis: 'Deletes a Persistent Chat room, with its messages.',
  description:
    'Remove-CsPersistentChatRoom deletes a chat room for good: its settings, its members, managers and presenters, its ' +
    'messages and the invitations to it. Only administrators can delete rooms. To keep a room but take it out of use, ' +
    'disable it with Set-CsPersistentChatRoom -Disabled $True. Rooms Get-CsPersistentChatRoom writes can be piped in, ' +
    'for example to purge the disabled ones.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, pipelineByPropertyName: true, description: ROOM_IDENTITY_DESCRIPTION },
    { name: 'Instance', type: 'PSObject', sets: ['Instance'], mandatory: true, position: 0, pipeline: true, helpTypeName: ROOM_TYPE_NAME, description: 'A room written by Get-CsPersistentChatRoom (also from the pipeline); its Identity names the room to delete.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Suppresses non-fatal error messages.' },
  ],
  outputTypes: [],
  examples: [
    { title: 'Delete a room', code: 'Remove-CsPersistentChatRoom -Identity "atl-pc-001.litwareinc.com\\ITChatRoom"', remarks: 'Deletes the room ITChatRoom of the pool atl-pc-001.' },
    {
      title: 'Delete the rooms a search finds',
      code: 'Get-CsPersistentChatRoom -Filter "Sales News" | Remove-CsPersistentChatRoom',
      remarks: 'Deletes the rooms whose name holds Sales News. Get-CsPersistentChatRoom -Disabled $True | Remove-CsPersistentChatRoom deletes every disabled room.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const removed = await removeRoom(identityOf(params.Identity, params.Instance, 'Get-CsPersistentChatRoom'), context.whatIf);
  context.verbose(`${context.whatIf ? 'What if: would delete' : 'Deleted'} the room ${removed.pool}\\${removed.room}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
