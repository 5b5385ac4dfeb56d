/** Set-CsPersistentChatActiveServer: which servers of a pool accept new connections. Microsoft's syntax (domain.md §3.9.3). */
import { setActiveServers } from '../admin/active-servers.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';

export const declaration = {
  name: 'Set-CsPersistentChatActiveServer',
  synopsis: 'Sets which servers of a Persistent Chat pool are active, that is, accept new client connections.',
  description:
    'Set-CsPersistentChatActiveServer changes the active servers of a pool: -ActiveServers @{Add=...} makes servers ' +
    'active, @{Remove=...} makes them inactive (they keep serving the connections they have but accept no new ones), ' +
    '@{Replace=...} or a list sets the whole list, and $null makes every server inactive, as during a failover. -Swap ' +
    'exchanges the active and inactive servers, to move a stretched pool to its other data center and back. A pool has ' +
    'at most 4 active servers, and only servers of the pool (New- or Set-PcmPersistentChatPool -Servers) can be active. ' +
    'Get-PcmPersistentChatPool shows the servers and the active ones.',
  parameterSets: ['Explicit', 'Swap'],
  defaultParameterSet: 'Explicit',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: [
    {
      name: 'Identity',
      type: 'String',
      position: 0,
      helpTypeName: 'Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity',
      description:
        'The server collection: global or PChatServerCollection (there is one collection; the pool is the one whose servers are named, or the only pool), or a pool as service:PersistentChatServer:<PoolFqdn>.',
    },
    {
      name: 'ActiveServers',
      type: 'PSListModifier',
      sets: ['Explicit'],
      mandatory: true,
      helpTypeName: 'Microsoft.Rtc.Management.PSListModifier[Microsoft.Rtc.Management.Deploy.Fqdn]',
      description: "The change to the active servers: @{Add='atl-pc-002.litwareinc.com'}, @{Remove='...'}, @{Replace='a','b'}, a list of FQDNs, or $null to make every server inactive.",
    },
    { name: 'Swap', type: 'SwitchParameter', sets: ['Swap'], mandatory: true, description: 'Makes the inactive servers active and the active ones inactive.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Suppresses the confirmation prompt and non-fatal error messages.' },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Add an active server',
      code: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="atl-pcs-002.litwareinc.com"}',
      remarks: 'atl-pcs-002 accepts new connections too.',
    },
    { title: 'Swap the active and inactive servers', code: 'Set-CsPersistentChatActiveServer -Identity "global" -Swap', remarks: 'The standby servers become the active ones.' },
    {
      title: 'Take every server out of service, as a failover starts',
      code: 'Set-CsPersistentChatActiveServer -Identity "PChatServerCollection" -ActiveServers $Null',
      remarks: 'No server of the pool accepts new connections.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const change = params.Swap ? ({ swap: true } as const) : { modifier: params.ActiveServers ?? null };
  const { pool, servers } = setActiveServers(params.Identity, change, context.whatIf);
  const active = servers.filter((s) => s.active).map((s) => s.server);
  context.verbose(`${context.whatIf ? 'What if: the' : 'The'} active servers of ${pool} ${context.whatIf ? 'would be' : 'are'}: ${active.length === 0 ? 'none' : active.join(', ')}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
