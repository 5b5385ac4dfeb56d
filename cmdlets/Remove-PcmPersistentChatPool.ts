/** Remove-PcmPersistentChatPool: unregisters a pool. Its database is left as it is. */
import { listPools, removePool } from '../admin/pools.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';

export const declaration = {
  name: 'Remove-PcmPersistentChatPool',
  synopsis: 'Removes the registration of a Persistent Chat pool; its database is not touched.',
  description:
    'Remove-PcmPersistentChatPool removes a pool from the configuration store, so that the directory cmdlets no longer ' +
    'find it. The pool\'s database, its categories, rooms and messages are not changed or deleted: registering the ' +
    'pool again with New-PcmPersistentChatPool gives them back. It asks for confirmation unless -Confirm:$false.',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  parameters: [
    {
      name: 'Identity',
      type: 'String',
      mandatory: true,
      position: 0,
      pipelineByPropertyName: true,
      description: 'The FQDN of the registered pool, for example atl-pc-001.litwareinc.com.',
    },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Unregister a pool',
      code: 'Remove-PcmPersistentChatPool -Identity atl-pc-001.litwareinc.com -Confirm:$false',
      remarks: 'Removes the registration of atl-pc-001 without asking; its database stays as it is.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const [pool] = listPools(params.Identity!);
  if (context.whatIf) {
    context.verbose(`What if: would remove the registration of the pool ${pool!.fqdn}; its database ${pool!.dbInstance} would stay as it is.`);
    return;
  }
  removePool(pool!.fqdn);
  context.verbose(`Removed the registration of the pool ${pool!.fqdn}; its database ${pool!.dbInstance} was not changed.`);
}

export const cmdlet = defineCmdlet(declaration, run);
