/** The object the pool cmdlets write: one registration, as Get-PcmPersistentChatPool shows it. */
import { serversOf } from '../admin/pools.js';
import type { PoolRegistration } from '../store/config/pool-registry.js';
import { outputObject, type OutputObject } from './cmdlet.js';

export const POOL_TYPE_NAME = 'PersistentChatMigration.PersistentChatPool';

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
