/**
 * The pool registry: which database serves each Persistent Chat pool, the part of the topology that Topology Builder
 * publishes for Microsoft's cmdlets. It lives in the configuration store. Pool FQDNs compare case-insensitively, as
 * DNS names do. No secret is ever part of a registration: only the SQL login's user name, for display and defaults.
 */
export interface PoolRegistration {
  /** The pool's FQDN as the administrator wrote it; compared case-insensitively. */
  readonly fqdn: string;
  /** The -DBInstance text: a SQL Server name, or sqlite:<absolute path>. */
  readonly dbInstance: string;
  readonly dbName: string;
  readonly site: string | null;
  /** The SQL login used at registration, if any; never a password. */
  readonly userName: string | null;
  readonly created: Date;
  readonly modified: Date;
}

export type PoolChange = Partial<Pick<PoolRegistration, 'dbInstance' | 'dbName' | 'site' | 'userName'>>;

/** A computer of a pool; active ones accept new client connections (Set-CsPersistentChatActiveServer). */
export interface PoolServer {
  readonly server: string;
  readonly poolFqdn: string;
  readonly active: boolean;
}

export interface PoolRegistry {
  pools(): PoolRegistration[];
  pool(fqdn: string): PoolRegistration | undefined;
  /** Adds a registration; throws ResourceExists when the FQDN is registered already. */
  add(pool: Omit<PoolRegistration, 'created' | 'modified'>): PoolRegistration;
  /** Changes a registration; throws ObjectNotFound when there is none. */
  change(fqdn: string, change: PoolChange): PoolRegistration;
  /** Removes a registration; throws ObjectNotFound when there is none. */
  remove(fqdn: string): void;
  /** Every pool's servers, in each pool's order. */
  poolServers(): PoolServer[];
  /** Replaces a pool's servers. */
  setPoolServers(poolFqdn: string, servers: readonly Omit<PoolServer, 'poolFqdn'>[]): void;
}
