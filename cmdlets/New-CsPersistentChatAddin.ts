/** New-CsPersistentChatAddin: registers an add-in on a pool. Microsoft's syntax (domain.md §3.4.2). */
import { newAddin } from '../admin/addins.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { ADDIN_TYPE_NAME, addinObject, ADDIN_OUTPUT } from './output/addin-output.js';

export const declaration = {
  name: 'New-CsPersistentChatAddin',
  synopsis: 'Registers a Persistent Chat add-in: a web page chat rooms can show.',
  description:
    'New-CsPersistentChatAddin registers an add-in on a pool: a name, unique on the pool (at most 50 characters), and ' +
    'the http or https address of the page to show (at most 255 characters). Rooms then name it with ' +
    'Set-CsPersistentChatRoom -Addin. The pool may be left out when one pool is registered. It only registers the ' +
    'add-in; the page itself is yours to build.',
  parameters: [
    { name: 'Name', type: 'String', mandatory: true, description: 'The name of the add-in, unique on its pool, for example ITChatAddin.' },
    { name: 'Url', type: 'String', mandatory: true, description: 'The http or https address of the page the add-in shows, for example https://atl-cs-001.litwareinc.com/itchat.' },
    { name: 'PersistentChatPoolFqdn', type: 'String', description: 'The pool to register it on; needed when more than one pool is registered.' },
  ],
  outputTypes: [ADDIN_OUTPUT],
  examples: [
    {
      title: 'Register an add-in',
      code: 'New-CsPersistentChatAddin -Name "ITChatAddin" -PersistentChatPoolFqdn "atl-pc-001.litwareinc.com" -Url "https://atl-cs-001.litwareinc.com/itchat"',
      remarks: 'Registers the add-in ITChatAddin on the pool atl-pc-001.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const created = await newAddin({ name: params.Name!, url: params.Url!, poolFqdn: params.PersistentChatPoolFqdn }, context.whatIf);
  context.verbose(`Registered the add-in ${created.pool}\\${created.addin.name}.`);
  yield addinObject(created);
}

export const cmdlet = defineCmdlet(declaration, run);
