/**
 * How each -DBInstance form becomes a SQL Server connection (store/mssql/mssql-config.ts), without a server: the
 * host, port or named instance (SQL Browser), the database, the authentication (SQL login, NTLM, from -Credential or
 * the environment), encryption and certificate trust. The configuration is also handed to tedious' own Connection
 * constructor, which validates every option, so a setting tedious would refuse fails here and not at a customer's.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import mssql from 'mssql';
import { PcmError, UsageError } from '../../core/errors.js';
import { parseDbInstance } from '../../store/db-instance.js';
import { connectionFor, type MssqlConnectOptions, type SqlServerInstance } from '../../store/mssql/mssql-config.js';

/** tedious as mssql itself loads it (it is mssql's dependency, not ours). */
const tedious = createRequire(createRequire(import.meta.url).resolve('mssql'))('tedious') as { Connection: new (config: never) => object };

const SECRET = 'Pa55;word=x\'"}';
const credential = { userName: 'pcm_migrator', password: SECRET };
const noEnv: NodeJS.ProcessEnv = {};

function instance(text: string): SqlServerInstance {
  const parsed = parseDbInstance(text);
  assert.equal(parsed.kind, 'mssql');
  return parsed as SqlServerInstance;
}

const connect = (text: string, options: MssqlConnectOptions = { credential }, env = noEnv) => connectionFor(instance(text), options, env);

/** What tedious itself receives: mssql's own translation, then tedious' validating constructor (it does not connect). */
function tediousConfig(config: mssql.config): { server: string; options: Record<string, unknown>; authentication: { type: string; options: Record<string, unknown> } } {
  const pool = new mssql.ConnectionPool({ ...config }) as unknown as { _config(): never };
  const translated = pool._config() as { server: string; options: Record<string, unknown>; authentication: { type: string; options: Record<string, unknown> } };
  const connection = new tedious.Connection(translated as never);
  assert.ok(connection, 'tedious accepts the configuration');
  return translated;
}

describe('mssql: connection settings for each -DBInstance form', function () {
  const forms: [string, { server: string; port?: number; instanceName?: string; display: string }][] = [
    ['sql01.contoso.com', { server: 'sql01.contoso.com', port: 1433, display: 'mssql:sql01.contoso.com,1433/mgc' }],
    ['sql01.contoso.com\\rtc', { server: 'sql01.contoso.com', instanceName: 'rtc', display: 'mssql:sql01.contoso.com\\rtc/mgc' }],
    ['sql01,50123', { server: 'sql01', port: 50123, display: 'mssql:sql01,50123/mgc' }],
    ['tcp:sql01.contoso.com,14330', { server: 'sql01.contoso.com', port: 14330, display: 'mssql:sql01.contoso.com,14330/mgc' }],
    ['(local)', { server: 'localhost', port: 1433, display: 'mssql:(local),1433/mgc' }],
    ['.\\SQLEXPRESS', { server: 'localhost', instanceName: 'SQLEXPRESS', display: 'mssql:.\\SQLEXPRESS/mgc' }],
    ['[::1],1433', { server: '::1', port: 1433, display: 'mssql:[::1],1433/mgc' }],
    ['10.0.0.5', { server: '10.0.0.5', port: 1433, display: 'mssql:10.0.0.5,1433/mgc' }],
  ];
  for (const [text, expected] of forms) {
    it(`${text} -> ${expected.instanceName ? `instance ${expected.instanceName} through the SQL Browser` : `TCP port ${expected.port}`} on ${expected.server}`, function () {
      const c = connect(text);
      assert.equal(c.config.server, expected.server);
      assert.equal(c.display, expected.display);
      const t = tediousConfig(c.config);
      assert.equal(t.server, expected.server);
      if (expected.instanceName) {
        assert.equal(t.options.instanceName, expected.instanceName);
        assert.equal(t.options.port, undefined, 'a named instance leaves the port to the SQL Browser');
      } else {
        assert.equal(t.options.port, expected.port);
        assert.equal(t.options.instanceName, undefined);
      }
      assert.equal(t.options.database, 'mgc');
    });
  }

  it('uses -DBName as the database, and refuses a name SQL Server cannot have', function () {
    assert.equal(tediousConfig(connect('sql01', { credential, dbName: 'mgc_restore' }).config).options.database, 'mgc_restore');
    assert.equal(connect('sql01', { credential, dbName: 'Persistent Chat' }).display, 'mssql:sql01,1433/Persistent Chat');
    for (const bad of ['', 'a]b', 'x'.repeat(129), 'tab\there']) {
      assert.throws(() => connect('sql01', { credential, dbName: bad }), (e: unknown) => e instanceof UsageError && e.errorId === 'InvalidDBName' && e.target === 'DBName');
    }
  });

  it('encrypts by default and validates the server certificate', function () {
    const t = tediousConfig(connect('sql01').config);
    assert.equal(t.options.encrypt, true);
    assert.equal(t.options.trustServerCertificate, false);
  });

  it('trusts the certificate only when told: -TrustServerCertificate, or PCM_SQL_TRUST_SERVER_CERTIFICATE', function () {
    assert.equal(tediousConfig(connect('sql01', { credential, trustServerCertificate: true }).config).options.trustServerCertificate, true);
    assert.equal(tediousConfig(connect('sql01', { credential }, { PCM_SQL_TRUST_SERVER_CERTIFICATE: 'true' }).config).options.trustServerCertificate, true);
    assert.equal(tediousConfig(connect('sql01', { credential }, { PCM_SQL_TRUST_SERVER_CERTIFICATE: '0' }).config).options.trustServerCertificate, false);
    // The parameter, when given, wins over the environment.
    assert.equal(tediousConfig(connect('sql01', { credential, trustServerCertificate: false }, { PCM_SQL_TRUST_SERVER_CERTIFICATE: 'yes' }).config).options.trustServerCertificate, false);
    assert.throws(() => connect('sql01', { credential }, { PCM_SQL_TRUST_SERVER_CERTIFICATE: 'sometimes' }), (e: unknown) => e instanceof UsageError && /PCM_SQL_TRUST_SERVER_CERTIFICATE/.test(e.message));
  });

  it('chooses the encryption mode from PCM_SQL_ENCRYPT: Mandatory, Optional or Strict (TDS 8)', function () {
    assert.equal(tediousConfig(connect('sql01', { credential }, { PCM_SQL_ENCRYPT: 'optional' }).config).options.encrypt, false);
    assert.equal(tediousConfig(connect('sql01', { credential }, { PCM_SQL_ENCRYPT: 'Strict' }).config).options.encrypt, 'strict');
    assert.equal(tediousConfig(connect('sql01', { credential }, { PCM_SQL_ENCRYPT: 'Mandatory' }).config).options.encrypt, true);
    assert.throws(() => connect('sql01', { credential }, { PCM_SQL_ENCRYPT: 'off' }), (e: unknown) => e instanceof UsageError && /Mandatory, Optional, Strict/.test(e.message));
  });

  it('signs in with a SQL login from -Credential', function () {
    const t = tediousConfig(connect('sql01').config);
    assert.deepEqual(t.authentication, { type: 'default', options: { userName: 'pcm_migrator', password: SECRET } });
  });

  it('uses Windows authentication through NTLM for DOMAIN\\user', function () {
    const c = connect('sql01\\rtc', { credential: { userName: 'CONTOSO\\alice', password: SECRET } });
    const t = tediousConfig(c.config);
    assert.deepEqual(t.authentication, { type: 'ntlm', options: { userName: 'alice', password: SECRET, domain: 'CONTOSO' } });
    assert.equal(c.login, 'Windows (NTLM) CONTOSO\\alice');
  });

  it('takes the login from PCM_SQL_USER / PCM_SQL_PASSWORD when there is no -Credential, and -Credential wins', function () {
    const env = { PCM_SQL_USER: 'CONTOSO\\svc-pchat', PCM_SQL_PASSWORD: 'from-env' };
    assert.deepEqual(tediousConfig(connect('sql01', {}, env).config).authentication, { type: 'ntlm', options: { userName: 'svc-pchat', password: 'from-env', domain: 'CONTOSO' } });
    assert.deepEqual(tediousConfig(connect('sql01', { credential }, env).config).authentication.options.userName, 'pcm_migrator');
    assert.deepEqual(tediousConfig(connect('sql01', {}, { PCM_SQL_USER: 'sa', PCM_SQL_PASSWORD: '' }).config).authentication, { type: 'default', options: { userName: 'sa', password: '' } });
  });

  it('refuses half a login from the environment, naming the variable that is missing', function () {
    assert.throws(() => connect('sql01', {}, { PCM_SQL_USER: 'sa' }), (e: unknown) => e instanceof UsageError && e.target === 'PCM_SQL_PASSWORD');
    assert.throws(() => connect('sql01', {}, { PCM_SQL_PASSWORD: 'x' }), (e: unknown) => e instanceof UsageError && e.target === 'PCM_SQL_USER');
  });

  it('without any login, says how to give one and that integrated Windows authentication is not available', function () {
    assert.throws(
      () => connect('sql01.contoso.com\\rtc', {}),
      (e: unknown) =>
        e instanceof PcmError &&
        e.errorId === 'SqlCredentialRequired' &&
        e.target === 'sql01.contoso.com\\rtc' &&
        /-Credential/.test(e.message) &&
        /PCM_SQL_USER and PCM_SQL_PASSWORD/.test(e.message) &&
        /Integrated Windows authentication/i.test(e.message),
    );
  });

  it('sets XACT_ABORT, no request time limit, and the connect timeout it is given', function () {
    const t = tediousConfig(connect('sql01', { credential, connectTimeoutMs: 1234 }).config);
    assert.equal(t.options.abortTransactionOnError, true);
    assert.equal(t.options.requestTimeout, 0);
    assert.equal(t.options.connectTimeout, 1234);
    assert.equal(tediousConfig(connect('sql01').config).options.connectTimeout, 15000);
    assert.equal(t.options.appName, 'PersistentChatMigration');
  });

  it('never puts the password in the display name or the login description, and lists it as a secret', function () {
    for (const text of ['sql01', 'sql01\\rtc', 'tcp:sql01,1433']) {
      const c = connect(text);
      assert.ok(!c.display.includes(SECRET) && !c.login.includes(SECRET));
      assert.ok(!c.display.includes('pcm_migrator'), 'the display name is the server and database only');
      assert.deepEqual(c.secrets, [SECRET]);
    }
  });
});
