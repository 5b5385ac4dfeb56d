/**
 * openStore on a SQL Server form, end to end through the real driver, where no SQL Server listens: it must fail
 * quickly with an error that names the server and the database and says what to check, and the password must
 * appear nowhere (message, stack, JSON, cause). Without any login it must fail before touching the network.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { PcmError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';

const SECRET = 'Sup3r$ecret-for-connect-test';

/** A TCP port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function noSecret(error: unknown): void {
  const e = error as PcmError;
  for (const text of [e.message, String(e), e.stack ?? '', JSON.stringify(e), (e.cause as Error | undefined)?.message ?? '', (e.cause as Error | undefined)?.stack ?? '']) {
    assert.ok(!text.includes(SECRET), `the password leaked: ${text}`);
  }
}

/** Runs fn with the PCM_SQL_* variables set as given (and the others removed), then puts them back. */
async function withEnv<T>(values: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const names = ['PCM_SQL_USER', 'PCM_SQL_PASSWORD', 'PCM_SQL_TRUST_SERVER_CERTIFICATE', 'PCM_SQL_ENCRYPT'];
  const saved = names.map((n) => [n, process.env[n]] as const);
  for (const n of names) delete process.env[n];
  Object.assign(process.env, values);
  try {
    return await fn();
  } finally {
    for (const [n, v] of saved) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
}

describe('mssql: opening a SQL Server that is not there', function () {
  this.timeout(20000);

  it('fails within seconds on a closed port, naming the server and database, without the password', async function () {
    const port = await closedPort();
    const started = Date.now();
    await withEnv({}, () =>
      assert.rejects(openStore(`127.0.0.1,${port}`, { dbName: 'mgc_target', credential: { userName: 'pcm', password: SECRET }, connectTimeoutMs: 3000 }), (error: unknown) => {
        assert.ok(error instanceof PcmError, `expected a PcmError, got ${String(error)}`);
        assert.equal(error.errorId, 'SqlServerUnreachable');
        assert.equal(error.category, 'ResourceUnavailable');
        assert.equal(error.target, `mssql:127.0.0.1,${port}/mgc_target`);
        assert.ok(error.message.includes(`127.0.0.1,${port} (database mgc_target)`), error.message);
        assert.match(error.message, /ECONNREFUSED/, 'the socket error is spelled out');
        assert.match(error.message, /TCP\/IP|firewall/);
        noSecret(error);
        return true;
      }),
    );
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  it('takes the login from PCM_SQL_USER / PCM_SQL_PASSWORD (it gets as far as the network)', async function () {
    const port = await closedPort();
    await withEnv({ PCM_SQL_USER: 'CONTOSO\\svc', PCM_SQL_PASSWORD: SECRET }, () =>
      assert.rejects(openStore(`tcp:127.0.0.1,${port}`, { connectTimeoutMs: 3000 }), (error: unknown) => {
        assert.ok(error instanceof PcmError && error.errorId === 'SqlServerUnreachable', String(error));
        noSecret(error);
        return true;
      }),
    );
  });

  it('names the SQL Browser when a named instance gets no answer', async function () {
    await withEnv({}, () =>
      assert.rejects(openStore('127.0.0.1\\PCHAT', { credential: { userName: 'pcm', password: SECRET }, connectTimeoutMs: 1500 }), (error: unknown) => {
        assert.ok(error instanceof PcmError && error.errorId === 'SqlServerUnreachable', String(error));
        assert.match(error.message, /'PCHAT'/);
        assert.match(error.message, /SQL Server Browser/);
        noSecret(error);
        return true;
      }),
    );
  });

  it('without a login, fails at once and says how to give one', async function () {
    const started = Date.now();
    await withEnv({}, () =>
      assert.rejects(openStore('sql01.contoso.com\\rtc'), (error: unknown) => {
        assert.ok(error instanceof PcmError && error.errorId === 'SqlCredentialRequired', String(error));
        assert.equal(error.target, 'sql01.contoso.com\\rtc');
        assert.match(error.message, /-Credential/);
        return true;
      }),
    );
    assert.ok(Date.now() - started < 1000, 'no network was touched');
  });

  it('refuses an invalid -DBName before connecting', async function () {
    await withEnv({}, () =>
      assert.rejects(openStore('sql01', { dbName: 'bad]name', credential: { userName: 'pcm', password: SECRET } }), (error: unknown) => error instanceof PcmError && error.errorId === 'InvalidDBName'),
    );
  });
});
