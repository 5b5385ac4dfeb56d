/**
 * New-PcmPersistentChatPool: registers the database that serves a Persistent Chat pool, the part of the topology
 * Topology Builder publishes for Microsoft's cmdlets, so that the directory cmdlets can find the pool by its FQDN.
 */
import { checkPoolDatabase, planNewPool, savePool, setPoolServers } from '../admin/pools.js';
import { SQL_LOGIN_PARAMETERS } from './params/sql-parameters.js';
import { connectionOptions } from '../migration/sql-connection.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { poolObject, POOL_TYPE_NAME, POOL_OUTPUT } from './output/pool-output.js';

export const declaration = {
  name: 'New-PcmPersistentChatPool',
  synopsis: 'Registers the database that serves a Persistent Chat pool.',
  description:
    'New-PcmPersistentChatPool records, in the configuration store, which database serves a Persistent Chat pool: ' +
    'the role Topology Builder plays for Microsoft\'s cmdlets. The directory cmdlets (categories, rooms, add-ins, ' +
    'messages) then find the pool by its FQDN. The database is checked before anything is saved: it must open and ' +
    'hold the Persistent Chat (mgc) schema, and no other pool may use it. An embedded database (sqlite:) that does ' +
    'not exist yet is created with the Persistent Chat schema. The configuration store is the file named by ' +
    '$env:PCM_CONFIG_STORE, else %ProgramData%\\PersistentChatMigration\\ConfigurationStore.db on Windows and ' +
    '$XDG_STATE_HOME/persistentchatmigration/ConfigurationStore.db (~/.local/state/...) elsewhere. A password is never ' +
    'stored: only the user name of -Credential is kept, and later calls sign in with -Credential or PCM_SQL_USER and ' +
    'PCM_SQL_PASSWORD.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    {
      name: 'PersistentChatPoolFqdn',
      type: 'String',
      mandatory: true,
      position: 0,
      pipelineByPropertyName: true,
      description: 'The fully qualified domain name of the pool, as Topology Builder shows it, for example atl-pc-001.litwareinc.com.',
    },
    {
      name: 'DBInstance',
      type: 'String',
      kind: 'dbInstance',
      mandatory: true,
      position: 1,
      pipelineByPropertyName: true,
      description:
        'The database server holding the pool\'s Persistent Chat database, as FQDN\\instance (for example ' +
        'atl-sql-001.litwareinc.com\\rtc), server,port or tcp:server,port; or an embedded database such as sqlite:C:\\pc\\mgc.db.',
    },
    {
      name: 'DBName',
      type: 'String',
      defaultValue: 'mgc',
      pipelineByPropertyName: true,
      description: 'The name of the database on the server. The default is mgc. Ignored for an embedded (sqlite:) database.',
    },
    {
      name: 'Site',
      type: 'String',
      pipelineByPropertyName: true,
      description: 'The name of the site the pool belongs to, as in the topology; site-scoped settings (site:<name>) apply to it.',
    },
    {
      name: 'Servers',
      type: 'String[]',
      description: 'The FQDNs of the computers of the pool, as in the topology (at most 8). The first 4 are active (accept new connections); Set-CsPersistentChatActiveServer changes which.',
    },
    ...SQL_LOGIN_PARAMETERS,
    {
      name: 'PassThru',
      type: 'SwitchParameter',
      description: 'Writes the new registration to the pipeline.',
    },
  ],
  outputTypes: [POOL_OUTPUT],
  examples: [
    {
      title: 'Register a pool whose database is on SQL Server',
      code: 'New-PcmPersistentChatPool -PersistentChatPoolFqdn atl-pc-001.litwareinc.com -DBInstance "atl-sql-001.litwareinc.com\\rtc" -Site Redmond -Servers atl-pcs-001.litwareinc.com,atl-pcs-002.litwareinc.com,atl-pcs-003.litwareinc.com,atl-pcs-004.litwareinc.com,atl-pcs-005.litwareinc.com',
      remarks:
        'Checks that the mgc database on atl-sql-001\\rtc holds the Persistent Chat schema and registers it as the database of the pool ' +
        'atl-pc-001, in the site Redmond, with five servers (the first four active). Add -Credential (Get-Credential) to sign in with a SQL Server login or as DOMAIN\\user.',
    },
    {
      title: 'Register a pool with an embedded database',
      code: 'New-PcmPersistentChatPool atl-pc-002.litwareinc.com sqlite:out/pc.db -Site Atlanta -PassThru',
      remarks: 'Creates out/pc.db with the Persistent Chat schema if it does not exist, registers it for the pool atl-pc-002 in the site Atlanta, and shows the registration.',
    },
  ],
} as const;

export type NewPoolParams = ParamsOf<typeof declaration>;

async function* run(params: NewPoolParams, context: CmdletContext): AsyncGenerator<OutputItem> {
  const plan = planNewPool({
    fqdn: params.PersistentChatPoolFqdn!,
    dbInstance: params.DBInstance!,
    dbName: params.DBName,
    site: params.Site,
    userName: params.Credential?.userName,
  });
  const { instance, ...registration } = plan;
  if (params.Servers) setPoolServers(registration.fqdn, params.Servers, true);
  const checked = await checkPoolDatabase(instance, connectionOptions(params, context.signal), context.whatIf);
  context.verbose(checked);
  if (params.Credential && instance.kind === 'mssql') {
    context.warning(
      `The password of ${params.Credential.userName} is not stored. Directory cmdlets on ${registration.fqdn} sign in with -Credential, or with PCM_SQL_USER and PCM_SQL_PASSWORD.`,
    );
  }
  if (context.whatIf) {
    context.verbose(`What if: would register the pool ${registration.fqdn} with the database ${registration.dbInstance}.`);
    return;
  }
  const saved = savePool(registration);
  if (params.Servers) setPoolServers(saved.fqdn, params.Servers, false);
  context.verbose(`Registered the pool ${saved.fqdn} with the database ${saved.dbInstance}.`);
  if (params.PassThru) yield poolObject(saved);
}

export const cmdlet = defineCmdlet(declaration, run);
