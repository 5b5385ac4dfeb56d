/** Get-CsPersistentChatAddin: the add-ins registered on the Persistent Chat pools. Microsoft's syntax (domain.md §3.4.1). */
import { listAddins } from '../admin/addins.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ADDIN_IDENTITY_DESCRIPTION, ADDIN_TYPE_NAME, addinObject, ADDIN_OUTPUT } from './output/addin-output.js';

export const declaration = {
  name: 'Get-CsPersistentChatAddin',
  synopsis: 'Returns the add-ins registered on Persistent Chat pools.',
  description:
    'Get-CsPersistentChatAddin returns the add-ins (web pages a chat room can show in its extensibility pane) that ' +
    'are registered in the pools\' databases: one by -Identity, those of one pool with -PersistentChatPoolFqdn, or ' +
    'every add-in of every registered pool.',
  parameterSets: ['Identity', 'Pool'],
  defaultParameterSet: 'Pool',
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, description: ADDIN_IDENTITY_DESCRIPTION },
    { name: 'PersistentChatPoolFqdn', type: 'String', sets: ['Pool'], description: 'Returns the add-ins of this pool only.' },
  ],
  outputTypes: [ADDIN_OUTPUT],
  examples: [
    { title: 'Every add-in', code: 'Get-CsPersistentChatAddin', remarks: 'Returns every add-in of every registered pool.' },
    { title: 'The add-ins of one pool', code: 'Get-CsPersistentChatAddin -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com"', remarks: 'Returns the add-ins of the pool atl-pc-001.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, _context: CmdletContext): AsyncGenerator<OutputItem> {
  for (const found of await listAddins({ identity: params.Identity, poolFqdn: params.PersistentChatPoolFqdn })) yield addinObject(found);
}

export const cmdlet = defineCmdlet(declaration, run);
