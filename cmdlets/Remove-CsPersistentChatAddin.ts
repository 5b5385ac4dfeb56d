/** Remove-CsPersistentChatAddin: unregisters an add-in; one rooms use only with -Force. Microsoft's syntax (domain.md §3.4.4). */
import { removeAddin } from '../admin/addins.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ADDIN_IDENTITY_DESCRIPTION } from './output/addin-output.js';

export const declaration = {
  name: 'Remove-CsPersistentChatAddin',
  synopsis: 'Removes a Persistent Chat add-in.',
  description:
    'Remove-CsPersistentChatAddin unregisters an add-in from its pool. An add-in that rooms still use is removed ' +
    'only with -Force, which first takes it off those rooms (they keep everything else); without -Force the ' +
    'command names the rooms and changes nothing.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', mandatory: true, position: 0, pipeline: true, pipelineByPropertyName: true, description: ADDIN_IDENTITY_DESCRIPTION },
    { name: 'Force', type: 'SwitchParameter', description: 'Removes the add-in even when rooms use it, taking it off those rooms.' },
  ],
  outputTypes: [],
  examples: [
    { title: 'Remove an add-in', code: 'Remove-CsPersistentChatAddin -Identity "atl-pc-001.litwareinc.com\\ITChatAddin" -Force', remarks: 'Removes ITChatAddin, taking it off the rooms that used it.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const { removed, rooms } = await removeAddin(params.Identity!, Boolean(params.Force), context.whatIf);
  const from = rooms.length > 0 ? `, and taken off ${rooms.length} room(s)` : '';
  context.verbose(`${context.whatIf ? 'What if: would remove' : 'Removed'} the add-in ${removed.pool}\\${removed.addin.name}${from}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
