/** The object the pool cmdlets write: one registration, as Get-PcmPersistentChatPool shows it. */
import { serversOf } from '../../admin/pools.js';
import type { PoolRegistration } from '../../store/config/pool-registry.js';
import { outputObject, type OutputObject, type OutputTypeDecl } from '../framework/cmdlet.js';

export const POOL_TYPE_NAME = 'PersistentChatMigration.PersistentChatPool';

/** The output type the cmdlets declare, with its default views (the module's format file is generated from it). */
export const POOL_OUTPUT = { typeName: POOL_TYPE_NAME, view: { list: ['Identity', 'Site', 'DBInstance', 'DBName', 'UserName', 'Servers', 'ActiveServers', 'WhenCreated', 'WhenChanged'], table: ['Identity', 'Site', 'DBInstance', 'DBName'] } } as const satisfies OutputTypeDecl;

export function poolObject(pool: PoolRegistration): OutputObject {
  return outputObject(POOL_TYPE_NAME, {
    Identity: pool.fqdn,
    PersistentChatPoolFqdn: pool.fqdn,
    Site: pool.site,
    DBInstance: pool.dbInstance,
    DBName: pool.dbName,
    UserName: pool.userName,
    Servers: serversOf(pool.fqdn).servers,
    ActiveServers: serversOf(pool.fqdn).active,
    WhenCreated: pool.created,
    WhenChanged: pool.modified,
  });
}
