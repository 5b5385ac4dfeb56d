/**
 * New-CsPersistentChatEndpoint: gives a pool a SIP address, such as the well-known address legacy Group Chat clients
 * look up. Microsoft's syntax (domain.md §3.8.2).
 */
import { newEndpoint } from '../admin/endpoints.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { endpointObject, ENDPOINT_TYPE_NAME, ENDPOINT_OUTPUT } from './output/endpoint-output.js';

export const declaration = {
  name: 'New-CsPersistentChatEndpoint',
  synopsis: 'Creates a Persistent Chat endpoint: a SIP address that reaches a Persistent Chat pool.',
  description:
    'New-CsPersistentChatEndpoint creates an endpoint (a contact object, for Microsoft\'s cmdlets in Active Directory) ' +
    'with its own SIP address that points to a Persistent Chat pool. Its use is backward compatibility: after a ' +
    'migration, recreate the well-known address that Lync Server 2010 and OCS 2007 R2 Group Chat clients look up ' +
    '(ocschat@<domain>) as an endpoint of the new pool, and those clients connect without any change. One endpoint ' +
    'per pool is enough. The SIP address needs the sip: prefix, can be used by one endpoint only, and must no longer ' +
    'belong to a principal of the pool\'s database: delete the old lookup account first. The pool must be registered ' +
    'with New-PcmPersistentChatPool. Endpoints are kept in the configuration store.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    {
      name: 'PersistentChatPoolFqdn',
      type: 'String',
      mandatory: true,
      helpTypeName: 'Microsoft.Rtc.Management.Deploy.Fqdn',
      description: 'The FQDN of the Persistent Chat pool the endpoint points to, for example atl-pc-001.litwareinc.com.',
    },
    {
      name: 'SipAddress',
      type: 'String',
      mandatory: true,
      description: 'The SIP address of the endpoint, with the sip: prefix, in one of your SIP domains; for example sip:ocschat@litwareinc.com.',
    },
    { name: 'DisplayName', type: 'String', description: 'The display name of the endpoint, for example Persistent Chat.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the new endpoint to the pipeline.' },
  ],
  outputTypes: [ENDPOINT_OUTPUT],
  examples: [
    {
      title: 'Recreate the Group Chat lookup address for legacy clients',
      code: 'New-CsPersistentChatEndpoint -SipAddress sip:ocschat@litwareinc.com -PersistentChatPoolFqdn atl-pc-001.litwareinc.com -DisplayName "Persistent Chat"',
      remarks: 'After the old ocschat@litwareinc.com lookup account was deleted, its SIP address reaches the new pool atl-pc-001, so Lync 2010 Group Chat clients connect unchanged.',
    },
    {
      title: 'A friendly address for a pool',
      code: 'New-CsPersistentChatEndpoint -SipAddress sip:persistentchat@litwareinc.com -PersistentChatPoolFqdn atl-pc-001.litwareinc.com -PassThru',
      remarks: 'Creates the endpoint sip:persistentchat@litwareinc.com for the pool and shows it.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const endpoint = await newEndpoint(
    { poolFqdn: params.PersistentChatPoolFqdn!, sipAddress: params.SipAddress!, displayName: params.DisplayName },
    context.whatIf,
    (message) => context.warning(message),
  );
  if (context.whatIf) {
    context.verbose(`What if: would create the endpoint ${endpoint.sipAddress} for the pool ${endpoint.poolFqdn}.`);
    return;
  }
  context.verbose(`Created the endpoint ${endpoint.sipAddress} for the pool ${endpoint.poolFqdn}.`);
  if (params.PassThru) yield endpointObject(endpoint);
}

export const cmdlet = defineCmdlet(declaration, run);
