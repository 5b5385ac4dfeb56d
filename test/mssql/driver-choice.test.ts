/**
 * Which SQL Server driver a connection uses and with which settings (store/mssql/mssql-driver-choice.ts), as a pure
 * function of the platform, the options and the environment: tedious everywhere, msnodesqlv8 (integrated Windows
 * authentication through ODBC) only on Windows when no credential is given at all. msnodesqlv8 cannot run here (no
 * Windows, no ODBC driver): the connection string it would receive is parsed back and checked instead.
 */
import assert from 'node:assert/strict';
import mssql from 'mssql';
import { PcmError, UsageError } from '../../core/errors.js';
import { parseDbInstance } from '../../store/db-instance.js';
import type { MssqlConnectOptions, SqlServerInstance } from '../../store/mssql/mssql-config.js';
import { chooseSqlDriver, DEFAULT_ODBC_DRIVER, driverOf, loadSqlDriver, sqlConnection } from '../../store/mssql/mssql-driver-choice.js';

const credential = { userName: 'pcm_migrator', password: 'Pa55;word=x}' };

function instance(text: string): SqlServerInstance {
  const parsed = parseDbInstance(text);
  assert.equal(parsed.kind, 'mssql');
  return parsed as SqlServerInstance;
}

/** An ODBC connection string read back as ODBC reads it: key=value pairs split on ';', {braced} values with }} for }. */
function parseOdbc(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    assert.ok(eq > i, `a key at ${i} in ${text}`);
    const key = text.slice(i, eq).toLowerCase();
    let value = '';
    i = eq + 1;
    if (text[i] === '{') {
      i++;
      for (;;) {
        assert.ok(i < text.length, `an unterminated {value} in ${text}`);
        if (text[i] === '}' && text[i + 1] === '}') {
          value += '}';
          i += 2;
        } else if (text[i] === '}') {
          i++;
          break;
        } else value += text[i++];
      }
    } else {
      const end = text.indexOf(';', i);
      value = text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    }
    assert.ok(!pairs.has(key), `${key} appears once`);
    pairs.set(key, value);
    if (text[i] === ';') i++;
  }
  return pairs;
}

const onWindows = (text: string, options: MssqlConnectOptions = {}, env: NodeJS.ProcessEnv = {}) => sqlConnection(instance(text), options, env, 'win32');
const odbc = (text: string, options: MssqlConnectOptions = {}, env: NodeJS.ProcessEnv = {}) =>
  parseOdbc((onWindows(text, options, env).config as unknown as { connectionString: string }).connectionString);

describe('mssql: the driver for each platform and login, and the integrated connection', function () {
  it('chooses msnodesqlv8 only on Windows with no credential; tedious otherwise', function () {
    assert.equal(chooseSqlDriver('win32', false), 'msnodesqlv8');
    assert.equal(chooseSqlDriver('win32', true), 'tedious');
    for (const platform of ['linux', 'darwin', 'freebsd'] as const) {
      assert.equal(chooseSqlDriver(platform, false), 'tedious');
      assert.equal(chooseSqlDriver(platform, true), 'tedious');
    }
    assert.equal(onWindows('sql01').driver, 'msnodesqlv8');
    assert.equal(onWindows('sql01', { credential }).driver, 'tedious');
    assert.equal(onWindows('sql01', {}, { PCM_SQL_USER: 'sa', PCM_SQL_PASSWORD: 'x' }).driver, 'tedious', 'the scheduled-task login wins');
    assert.equal(sqlConnection(instance('sql01'), { credential }, {}, 'linux').driver, 'tedious');
  });

  it('half a login from the environment is still refused on Windows, not silently replaced by the current user', function () {
    assert.throws(() => onWindows('sql01', {}, { PCM_SQL_USER: 'sa' }), (e: unknown) => e instanceof UsageError && e.target === 'PCM_SQL_PASSWORD');
  });

  it('elsewhere, no credential is an error that says integrated authentication is for Windows', function () {
    assert.throws(
      () => sqlConnection(instance('sql01\\rtc'), {}, {}, 'linux'),
      (e: unknown) => e instanceof PcmError && e.errorId === 'SqlCredentialRequired' && /-Credential/.test(e.message) && /only on Windows/.test(e.message),
    );
  });

  it('signs in as the current Windows user through ODBC, encrypted and validating the certificate by default', function () {
    const connection = onWindows('atl-sql-001.litwareinc.com\\rtc');
    assert.equal(connection.login, 'Windows (integrated) as the current user');
    assert.equal(connection.display, 'mssql:atl-sql-001.litwareinc.com\\rtc/mgc');
    assert.deepEqual(connection.secrets, []);
    const config = connection.config as unknown as Record<string, unknown> & { options: Record<string, unknown> };
    assert.equal(config['driver'], 'msnodesqlv8');
    assert.equal(config['requestTimeout'], 0);
    assert.equal(config.options['trustedConnection'], true);
    assert.deepEqual(
      Object.fromEntries(parseOdbc(String(config['connectionString']))),
      {
        driver: DEFAULT_ODBC_DRIVER,
        server: 'atl-sql-001.litwareinc.com\\rtc',
        database: 'mgc',
        trusted_connection: 'Yes',
        encrypt: 'Yes',
        trustservercertificate: 'No',
        app: 'PersistentChatMigration',
      },
    );
  });

  it('reaches every -DBInstance form: a port over TCP, a named instance through the SQL Browser, (local) and .', function () {
    assert.equal(odbc('sql01.contoso.com').get('server'), 'tcp:sql01.contoso.com,1433');
    assert.equal(odbc('sql01,50123').get('server'), 'tcp:sql01,50123');
    assert.equal(odbc('tcp:sql01,50123').get('server'), 'tcp:sql01,50123');
    assert.equal(odbc('sql01\\pchat').get('server'), 'sql01\\pchat');
    assert.equal(odbc('(local)').get('server'), 'tcp:localhost,1433');
    assert.equal(odbc('.\\rtc').get('server'), 'localhost\\rtc');
  });

  it('takes -DBName, -TrustServerCertificate, PCM_SQL_ENCRYPT and PCM_SQL_ODBC_DRIVER; a value cannot break out of its field', function () {
    const odd = 'pc;Trusted_Connection=No;x}={y';
    const pairs = odbc('sql01', { dbName: odd, trustServerCertificate: true });
    assert.equal(pairs.get('database'), odd);
    assert.equal(pairs.get('trusted_connection'), 'Yes');
    assert.equal(pairs.get('trustservercertificate'), 'Yes');
    assert.equal(odbc('sql01', {}, { PCM_SQL_TRUST_SERVER_CERTIFICATE: 'true' }).get('trustservercertificate'), 'Yes');
    assert.equal(odbc('sql01', {}, { PCM_SQL_ENCRYPT: 'Strict' }).get('encrypt'), 'Strict');
    assert.equal(odbc('sql01', {}, { PCM_SQL_ENCRYPT: 'optional' }).get('encrypt'), 'No');
    assert.equal(odbc('sql01', {}, { PCM_SQL_ODBC_DRIVER: 'SQL Server Native Client 11.0' }).get('driver'), 'SQL Server Native Client 11.0');
    assert.throws(() => onWindows('sql01', { dbName: 'bad]name' }), (e: unknown) => e instanceof UsageError && e.target === 'DBName');
    assert.throws(() => onWindows('sql01', {}, { PCM_SQL_ENCRYPT: 'sometimes' }), (e: unknown) => e instanceof UsageError);
  });

  it('loads tedious as the mssql module; msnodesqlv8, where it is not installed, fails saying what to do', function () {
    assert.equal(loadSqlDriver('tedious', 'sql01'), mssql);
    const pool = new mssql.ConnectionPool({ server: 'sql01', authentication: { type: 'default', options: { userName: 'u', password: 'p' } } });
    assert.equal(driverOf(pool), mssql, "a tedious pool's requests are tedious'");
    let integrated: unknown;
    try {
      integrated = loadSqlDriver('msnodesqlv8', 'sql01\\rtc');
    } catch (error) {
      assert.ok(error instanceof PcmError);
      assert.equal(error.errorId, 'IntegratedDriverMissing');
      assert.match(error.message, /msnodesqlv8.*-Credential/s);
      return;
    }
    // Where the addon did build (Windows, or unixODBC headers present), it is a different mssql module.
    assert.notEqual(integrated, mssql);
  });
});
