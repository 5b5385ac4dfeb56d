/** Get-PcmPersistentChatPool: the pools registered in the configuration store, and the database serving each. */
import { listPools } from '../admin/pools.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { poolObject, POOL_TYPE_NAME, POOL_OUTPUT } from './output/pool-output.js';

export const declaration = {
  name: 'Get-PcmPersistentChatPool',
  synopsis: 'Lists the registered Persistent Chat pools and the database that serves each.',
  description:
    'Get-PcmPersistentChatPool returns the pools registered with New-PcmPersistentChatPool: each pool\'s FQDN, site, ' +
    'database server or embedded file, and database name. With -Identity it returns one pool, with -Filter the pools ' +
    'whose FQDN matches a wildcard pattern, and with neither every registered pool. It never creates the ' +
    'configuration store: with none, it returns nothing.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  parameters: [
    {
      name: 'Identity',
      type: 'String',
      sets: ['Identity'],
      position: 0,
      pipelineByPropertyName: true,
      description: 'The FQDN of the pool, for example atl-pc-001.litwareinc.com. Case does not matter. Wildcards are not accepted; use -Filter.',
    },
    {
      name: 'Filter',
      type: 'String',
      sets: ['Filter'],
      description: 'A wildcard pattern matched against the pools\' FQDNs, for example *.litwareinc.com or atl-*.',
    },
  ],
  outputTypes: [POOL_OUTPUT],
  examples: [
    { title: 'Every registered pool', code: 'Get-PcmPersistentChatPool', remarks: 'Lists every pool in the configuration store with its database.' },
    { title: 'One pool', code: 'Get-PcmPersistentChatPool -Identity atl-pc-001.litwareinc.com', remarks: 'Returns the registration of the pool atl-pc-001.' },
    { title: 'Pools by name', code: 'Get-PcmPersistentChatPool -Filter "atl-*"', remarks: 'Returns the pools whose FQDN starts with atl-.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, _context: CmdletContext): AsyncGenerator<OutputItem> {
  for (const pool of listPools(params.Identity, params.Filter)) yield poolObject(pool);
}

export const cmdlet = defineCmdlet(declaration, run);
