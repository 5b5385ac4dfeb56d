/** Remove-CsPersistentChatEndpoint: removes an endpoint (its SIP address no longer reaches the pool). Microsoft's syntax (domain.md §3.8.3). */
import { removeEndpoint } from '../admin/endpoints.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { USER_ID_IDENTITY } from './params/user-identity.js';

export const declaration = {
  name: 'Remove-CsPersistentChatEndpoint',
  synopsis: 'Removes a Persistent Chat endpoint.',
  description:
    'Remove-CsPersistentChatEndpoint removes an endpoint created with New-CsPersistentChatEndpoint: its SIP address no ' +
    'longer reaches the pool, and legacy clients that used it can no longer connect through it. Name the endpoint by ' +
    'SIP address, display name or distinguished name, or pipe in endpoints from Get-CsPersistentChatEndpoint.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: [
    { ...USER_ID_IDENTITY, mandatory: true, description: 'The endpoint: its SIP address (sip:ocschat@litwareinc.com), its display name, or its distinguished name.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Suppresses the confirmation prompt and non-fatal error messages.' },
  ],
  outputTypes: [],
  examples: [
    { title: 'Remove one endpoint', code: 'Remove-CsPersistentChatEndpoint -Identity "sip:persistentchat@litwareinc.com"', remarks: 'Removes the endpoint with that SIP address.' },
    {
      title: 'Remove the endpoints of a pool',
      code: 'Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn atl-pc-001.litwareinc.com | Remove-CsPersistentChatEndpoint',
      remarks: 'Removes every endpoint of the pool atl-pc-001.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const removed = removeEndpoint(params.Identity!, context.whatIf);
  context.verbose(`${context.whatIf ? 'What if: would remove' : 'Removed'} the endpoint ${removed.sipAddress} of the pool ${removed.poolFqdn}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
