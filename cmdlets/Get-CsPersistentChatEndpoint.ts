/** Get-CsPersistentChatEndpoint: the endpoints (SIP addresses) of the Persistent Chat pools. Microsoft's syntax (domain.md §3.8.1). */
import { listEndpoints } from '../admin/endpoints.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { endpointObject, ENDPOINT_TYPE_NAME, ENDPOINT_OUTPUT } from './output/endpoint-output.js';
import { USER_ID_IDENTITY } from './params/user-identity.js';

export const declaration = {
  name: 'Get-CsPersistentChatEndpoint',
  synopsis: 'Returns the Persistent Chat endpoints: the SIP addresses that reach Persistent Chat pools.',
  description:
    'Get-CsPersistentChatEndpoint returns the endpoints created with New-CsPersistentChatEndpoint: each one\'s SIP ' +
    'address, display name, pool and distinguished name. -Identity finds one by SIP address, display name or ' +
    'distinguished name; -Filter is a wildcard pattern matched against SIP addresses and display names (Microsoft\'s ' +
    'takes an Active Directory filter, which has no meaning without Active Directory); -PersistentChatPoolFqdn limits ' +
    'the result to one pool and -ResultSize to a number of endpoints.',
  parameters: [
    { ...USER_ID_IDENTITY, description: 'The endpoint: its SIP address (sip:ocschat@litwareinc.com), its display name, or its distinguished name.' },
    { name: 'Filter', type: 'String', description: 'A wildcard pattern matched against the SIP addresses and display names, for example *ocschat*.' },
    { name: 'PersistentChatPoolFqdn', type: 'String', helpTypeName: 'Microsoft.Rtc.Management.Deploy.Fqdn', description: 'Returns only the endpoints of this pool.' },
    { name: 'ResultSize', type: 'Int64', validateRange: [0, 2147483647], description: 'The largest number of endpoints to return.' },
  ],
  outputTypes: [ENDPOINT_OUTPUT],
  examples: [
    { title: 'Every endpoint', code: 'Get-CsPersistentChatEndpoint', remarks: 'Returns every Persistent Chat endpoint.' },
    { title: 'One endpoint', code: 'Get-CsPersistentChatEndpoint -Identity "sip:ocschat@litwareinc.com"', remarks: 'Returns the endpoint with that SIP address.' },
    { title: 'The endpoints of one pool', code: 'Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn atl-pc-001.litwareinc.com', remarks: 'Returns the endpoints of the pool atl-pc-001.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, _context: CmdletContext): AsyncGenerator<OutputItem> {
  const found = listEndpoints({ identity: params.Identity, filter: params.Filter, poolFqdn: params.PersistentChatPoolFqdn, resultSize: params.ResultSize });
  for (const endpoint of found) yield endpointObject(endpoint);
}

export const cmdlet = defineCmdlet(declaration, run);
