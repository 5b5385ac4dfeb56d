/** Set-PcmPersistentChatPool: changes the database, database name or site of a registered pool. */
import { changePool, checkPoolDatabase, planPoolChange, setPoolServers } from '../admin/pools.js';
import { parseDbInstance } from '../store/db-instance.js';
import { SQL_LOGIN_PARAMETERS } from './params/sql-parameters.js';
import { connectionOptions } from '../migration/sql-connection.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { poolObject, POOL_TYPE_NAME, POOL_OUTPUT } from './output/pool-output.js';

export const declaration = {
  name: 'Set-PcmPersistentChatPool',
  synopsis: 'Changes the database or site registered for a Persistent Chat pool.',
  description:
    'Set-PcmPersistentChatPool changes a registration made with New-PcmPersistentChatPool: the database server or ' +
    'embedded file, the database name, or the site. A new database is checked as New-PcmPersistentChatPool checks it ' +
    'before the change is saved. The databases themselves are never changed or moved: point the pool at a database ' +
    'that already holds its data (for example after restoring a backup on another server).',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: [
    {
      name: 'Identity',
      type: 'String',
      mandatory: true,
      position: 0,
      pipelineByPropertyName: true,
      description: 'The FQDN of the registered pool, for example atl-pc-001.litwareinc.com.',
    },
    {
      name: 'DBInstance',
      type: 'String',
      kind: 'dbInstance',
      description: 'The new database server (FQDN\\instance, server,port, tcp:server,port) or embedded database (sqlite:<path>).',
    },
    { name: 'DBName', type: 'String', description: 'The new database name on the server. Ignored for an embedded (sqlite:) database.' },
    { name: 'Site', type: 'String', description: 'The site the pool belongs to. An empty string removes the site.' },
    {
      name: 'Servers',
      type: 'String[]',
      description: 'The FQDNs of the computers of the pool, as in the topology (at most 8). Servers kept keep their active state; new ones are active while fewer than 4 are (accept new connections); Set-CsPersistentChatActiveServer changes which.',
    },
    ...SQL_LOGIN_PARAMETERS,
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the changed registration to the pipeline.' },
  ],
  outputTypes: [POOL_OUTPUT],
  examples: [
    {
      title: 'Move a pool to a restored database',
      code: 'Set-PcmPersistentChatPool -Identity atl-pc-001.litwareinc.com -DBInstance "atl-sql-001.litwareinc.com\\rtc" -DBName mgc',
      remarks: 'The pool atl-pc-001 is served from now on by the mgc database on atl-sql-001\\rtc (for example after a restore there), after it was checked.',
    },
    {
      title: 'Set the site of every registered pool',
      code: 'Get-PcmPersistentChatPool | Set-PcmPersistentChatPool -Site Atlanta',
      remarks: 'Pipes each registration to Set-PcmPersistentChatPool by its Identity.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const plan = planPoolChange(params.Identity!, {
    dbInstance: params.DBInstance,
    dbName: params.DBName,
    site: params.Site,
    ...(params.Credential ? { userName: params.Credential.userName } : {}),
  });
  if (plan.instance !== undefined || params.DBName !== undefined) {
    const instance = plan.instance ?? parseDbInstance(plan.next.dbInstance);
    context.verbose(await checkPoolDatabase(instance, connectionOptions({ ...params, DBName: plan.next.dbName }, context.signal), context.whatIf));
  }
  if (params.Servers) setPoolServers(plan.current.fqdn, params.Servers, true);
  if (context.whatIf) {
    context.verbose(`What if: would change the pool ${plan.current.fqdn} to the database ${plan.next.dbInstance} (${plan.next.dbName}), site ${plan.next.site ?? '(none)'}.`);
    return;
  }
  const saved = changePool(plan.current.fqdn, plan.next);
  if (params.Servers) setPoolServers(saved.fqdn, params.Servers, false);
  context.verbose(`Changed the pool ${saved.fqdn}.`);
  if (params.PassThru) yield poolObject(saved);
}

export const cmdlet = defineCmdlet(declaration, run);
