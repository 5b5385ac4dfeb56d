/**
 * Encryption that a server (or anything in the network path) cannot downgrade.
 *
 * tedious, asked for `encrypt: true`, offers ENCRYPT_ON in the TDS pre-login; but when the answer is ENCRYPT_OFF or
 * ENCRYPT_NOT_SUP it carries on without TLS and sends LOGIN7 in the clear, where the password is only obfuscated
 * (each byte's nibbles swapped and XOR 0xA5: not a protection). Verified on the wire by test/mssql/tls-downgrade.test.ts.
 * Microsoft.Data.SqlClient's Encrypt=Mandatory refuses such a server instead, and so do we: this wraps tedious's
 * pre-login step so that, whenever encryption was asked for, an answer other than ENCRYPT_ON or ENCRYPT_REQ ends
 * the connection before LOGIN7 is written. Only an administrator's explicit PCM_SQL_ENCRYPT=Optional (encrypt:
 * false) lets a connection go on unencrypted. Strict (TDS 8) wraps the socket in TLS before any TDS byte, so no
 * pre-login answer can undo it.
 *
 * The wrapped method is tedious's own (Connection.prototype.performTlsNegotiation, tedious 19); if a tedious update
 * renames it, installing the guard throws and no connection is attempted at all (fail closed), and the wire test fails.
 */
import { createRequire } from 'node:module';

/** The error code the guard raises (mssql-errors.ts turns it into the user's message). */
export const ENCRYPTION_DECLINED = 'EPCM_ENCRYPTION_DECLINED';

interface Prelogin {
  readonly encryptionString?: string;
  readonly encryption?: number;
}

interface TediousConnection {
  config: { options: { encrypt: boolean | 'strict' } };
  performTlsNegotiation(prelogin: Prelogin, signal: AbortSignal): Promise<void>;
}

interface TediousModule {
  Connection: { prototype: TediousConnection };
  ConnectionError: new (message: string, code: string) => Error;
}

const GUARDED = Symbol.for('persistentchatmigration.tls-guard');

/** The pre-login answer's encryption value, as TDS names it, for the message. */
export function encryptionName(prelogin: Prelogin): string {
  if (prelogin.encryptionString) return `ENCRYPT_${prelogin.encryptionString}`;
  return prelogin.encryption === undefined ? 'no encryption option' : `0x${prelogin.encryption.toString(16).padStart(2, '0')}`;
}

let installed = false;

/** Installs the guard into the tedious that mssql uses (once per process). */
export function installTlsGuard(): void {
  if (installed) return;
  const requireFromMssql = createRequire(createRequire(import.meta.url).resolve('mssql'));
  const tedious = requireFromMssql('tedious') as TediousModule;
  const proto = tedious.Connection.prototype as TediousConnection & { [GUARDED]?: true };
  const original = proto.performTlsNegotiation;
  if (typeof original !== 'function') {
    throw new Error('This version of tedious has no performTlsNegotiation: the encryption guard cannot be installed, so no SQL Server connection is made.');
  }
  if (!proto[GUARDED]) {
    proto.performTlsNegotiation = async function (this: TediousConnection, prelogin: Prelogin, signal: AbortSignal): Promise<void> {
      const asked = this.config.options.encrypt === true;
      const answer = prelogin.encryptionString;
      if (asked && answer !== 'ON' && answer !== 'REQ') {
        // Thrown before tedious writes LOGIN7; tedious then closes the socket.
        throw new tedious.ConnectionError(`The server answered the pre-login with ${encryptionName(prelogin)}: it will not encrypt the connection.`, ENCRYPTION_DECLINED);
      }
      return original.call(this, prelogin, signal);
    };
    proto[GUARDED] = true;
  }
  installed = true;
}
