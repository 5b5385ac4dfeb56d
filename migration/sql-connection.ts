/**
 * The connection parameters Export- and Import-CsPersistentChatData share (-DBName, -Credential,
 * -TrustServerCertificate), turned into openStore's options. The credential travels in memory only: never on a
 * command line, in a log or in a message. A thread that opens its own connection to the same database (the
 * export's message reader) needs the same options.
 */
import type { OpenStoreOptions } from '../store/open-store.js';
import type { Credential } from './job.js';

export interface ConnectionParams {
  readonly DBName?: string | undefined;
  readonly Credential?: Credential | undefined;
  readonly TrustServerCertificate?: boolean | undefined;
}

export function connectionOptions(params: ConnectionParams, signal?: AbortSignal): OpenStoreOptions {
  return {
    ...(params.DBName ? { dbName: params.DBName } : {}),
    ...(params.Credential ? { credential: { userName: params.Credential.userName, password: params.Credential.password } } : {}),
    ...(params.TrustServerCertificate === undefined ? {} : { trustServerCertificate: params.TrustServerCertificate }),
    ...(signal ? { signal } : {}),
  };
}
