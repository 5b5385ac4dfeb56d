/** Set-CsPersistentChatAddin: renames an add-in or changes its URL. Microsoft's syntax (domain.md §3.4.3). */
import { setAddin } from '../admin/addins.js';
import { identityOf } from './params/identity-instance.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ADDIN_IDENTITY_DESCRIPTION } from './output/addin-output.js';

export const declaration = {
  name: 'Set-CsPersistentChatAddin',
  synopsis: 'Changes the name or the URL of a Persistent Chat add-in.',
  description:
    'Set-CsPersistentChatAddin changes an add-in\'s name (still unique on its pool) or its http or https address. ' +
    'Rooms that use it keep using it. -Identity also takes the add-ins Get-CsPersistentChatAddin writes, from the ' +
    'pipeline; -Instance takes one such object.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, pipeline: true, pipelineByPropertyName: true, description: ADDIN_IDENTITY_DESCRIPTION },
    { name: 'Instance', type: 'PSObject', sets: ['Instance'], mandatory: true, description: 'An add-in written by Get-CsPersistentChatAddin; its Identity names the add-in to change.' },
    { name: 'Name', type: 'String', description: 'The new name, unique on the pool.' },
    { name: 'Url', type: 'String', description: 'The new http or https address.' },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Point an add-in at a new page',
      code: 'Set-CsPersistentChatAddin -Identity "atl-pc-001.litwareinc.com\\ITChatAddin" -Url "https://atl-cs-002.litwareinc.com/itchat"',
      remarks: 'Rooms with the add-in ITChatAddin show the new page.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const identity = identityOf(params.Identity, params.Instance, 'Get-CsPersistentChatAddin');
  const changed = await setAddin(identity, { name: params.Name, url: params.Url }, context.whatIf);
  context.verbose(`${context.whatIf ? 'What if: would change' : 'Changed'} the add-in ${changed.pool}\\${changed.addin.name} (${changed.addin.url}).`);
}

export const cmdlet = defineCmdlet(declaration, run);
