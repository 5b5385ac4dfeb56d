/**
 * What a SQL Server failure becomes (store/mssql/mssql-errors.ts) and when it is retried (mssql-retry.ts). The errors
 * are the driver's own classes (mssql's ConnectionError and RequestError, built as tedious reports a login failure
 * or a deadlock), so the classification is checked against the shapes the product really receives. Every message
 * must name the server and database and must never show the password, even when the driver's text contains it.
 */
import assert from 'node:assert/strict';
import mssql from 'mssql';
import { PcmError } from '../../core/errors.js';
import { connectError, isRetryable, requestError, scrub, sqlErrorNumber, type ErrorSite } from '../../store/mssql/mssql-errors.js';
import { pause, retryDelay, withRetry } from '../../store/mssql/mssql-retry.js';

const SECRET = 'hunter2;Trusted=no';
const site: ErrorSite = { display: 'mssql:sql01.contoso.com\\rtc/mgc', database: 'mgc', login: 'SQL login pcm', secrets: [SECRET], instanceName: 'rtc' };
const tcpSite: ErrorSite = { display: 'mssql:sql01,1433/mgc', database: 'mgc', login: 'SQL login pcm', secrets: [SECRET] };

const requestFailure = (number: number, message: string): mssql.RequestError =>
  new mssql.RequestError(Object.assign(new Error(message), { info: { number, state: 1, class: 16 } }) as never, 'EREQUEST');
const connectionFailure = (message: string, code: string): mssql.ConnectionError => {
  const error = new mssql.ConnectionError(message, code as never);
  return error;
};

function noSecret(error: PcmError): void {
  for (const text of [error.message, String(error), error.stack ?? '', JSON.stringify(error), (error.cause as Error | undefined)?.message ?? '']) {
    assert.ok(!text.includes(SECRET), `the password leaked: ${text}`);
  }
}

describe('mssql: errors and retries', function () {
  describe('classification', function () {
    it('retries a deadlock victim (1205), a lock timeout and transport errors', function () {
      for (const n of [1205, 1222, 10054, 40613, 40501]) assert.equal(isRetryable(requestFailure(n, `error ${n}`)), true, `error ${n}`);
      assert.equal(isRetryable(connectionFailure('Connection lost - read ECONNRESET', 'ESOCKET')), true);
      assert.equal(sqlErrorNumber(requestFailure(1205, 'deadlocked')), 1205);
    });

    it('does not retry what a retry cannot fix: syntax, constraints, permissions, a refused login, a cancel', function () {
      for (const n of [102, 207, 208, 2627, 547, 229, 18456]) assert.equal(isRetryable(requestFailure(n, `error ${n}`)), false, `error ${n}`);
      assert.equal(isRetryable(connectionFailure("Login failed for user 'pcm'.", 'ELOGIN')), false);
      assert.equal(isRetryable(new mssql.RequestError('Canceled.', 'ECANCEL')), false);
      assert.equal(isRetryable(new mssql.ConnectionError('Connection is closed.', 'ECONNCLOSED')), false, 'the store itself was closed');
      assert.equal(isRetryable(new PcmError('ours', { errorId: 'X', category: 'NotSpecified' })), false);
      assert.equal(isRetryable(new Error('plain')), false);
    });
  });

  describe('messages', function () {
    it('a refused login names the server and the login, and hides the password the driver repeated', function () {
      const error = connectError(connectionFailure(`Login failed for user 'pcm'. Password '${SECRET}' is wrong`, 'ELOGIN'), tcpSite);
      assert.equal(error.errorId, 'SqlLoginFailed');
      assert.equal(error.category, 'SecurityError');
      assert.equal(error.target, 'mssql:sql01,1433/mgc');
      assert.match(error.message, /sql01,1433/);
      assert.match(error.message, /SQL login pcm/);
      assert.match(error.message, /\*{8}/);
      noSecret(error);
    });

    it('a database the login cannot open says so and that an import does not create databases', function () {
      const error = connectError(connectionFailure('Cannot open database "mgc" requested by the login. The login failed.', 'ELOGIN'), tcpSite);
      assert.equal(error.errorId, 'DatabaseOpenFailed');
      assert.match(error.message, /'mgc'/);
      assert.match(error.message, /does not create one/);
    });

    it('an untrusted certificate points at the CA and at -TrustServerCertificate', function () {
      const error = connectError(connectionFailure('Failed to connect to sql01:1433 - self-signed certificate', 'ESOCKET'), tcpSite);
      assert.equal(error.errorId, 'SqlServerCertificateUntrusted');
      assert.match(error.message, /-TrustServerCertificate/);
      assert.match(error.message, /PCM_SQL_TRUST_SERVER_CERTIFICATE/);
    });

    it('a named instance the SQL Browser does not answer for points at UDP 1434 and the server,port form', function () {
      const error = connectError(connectionFailure('Failed to connect to sql01.contoso.com\\rtc in 15000ms', 'ETIMEOUT'), site);
      assert.equal(error.errorId, 'SqlServerUnreachable');
      assert.match(error.message, /'rtc'/);
      assert.match(error.message, /SQL Server Browser/);
      assert.match(error.message, /UDP port 1434/);
      assert.match(error.message, /server,port/);
    });

    it('an unreachable server names it, the database, and what to check', function () {
      const error = connectError(connectionFailure('Failed to connect to sql01:1433 - connect ECONNREFUSED', 'ESOCKET'), tcpSite);
      assert.equal(error.errorId, 'SqlServerUnreachable');
      assert.equal(error.category, 'ResourceUnavailable');
      assert.match(error.message, /sql01,1433 \(database mgc\)/);
      assert.match(error.message, /firewall/);
    });

    it('a missing permission names the statement and the login', function () {
      const error = requestError(requestFailure(229, "The INSERT permission was denied on the object 'tblChat'."), 'BULK_INSERT_CHATS', tcpSite);
      assert.equal(error.errorId, 'SqlPermissionDenied');
      assert.match(error.message, /SQL login pcm lacks a permission BULK_INSERT_CHATS needs/);
      assert.match(error.message, /docs\/sql-server\.md/);
    });

    it('a deadlock that outlasts the retries says to run again; other failures carry the error number', function () {
      assert.equal(requestError(requestFailure(1205, 'deadlocked'), 'INSERT_PRINCIPAL', tcpSite).errorId, 'SqlDeadlock');
      const other = requestError(requestFailure(2627, `Violation of PRIMARY KEY constraint. Value ${SECRET}`), 'INSERT_PRINCIPAL', tcpSite, 'write');
      assert.equal(other.errorId, 'SqlStatementFailed');
      assert.equal(other.category, 'WriteError');
      assert.match(other.message, /error 2627/);
      noSecret(other);
      assert.equal(requestError(requestFailure(208, 'Invalid object name'), 'SELECT_CHATS', tcpSite, 'read').category, 'ReadError');
    });

    it('passes a PcmError through unchanged', function () {
      const ours = new PcmError('already explained', { errorId: 'Mine', category: 'InvalidData' });
      assert.equal(requestError(ours, 'X', tcpSite), ours);
    });

    it('scrubs every occurrence of every secret', function () {
      assert.equal(scrub(`a ${SECRET} b ${SECRET}`, [SECRET, '']), 'a ******** b ********');
    });
  });

  describe('backoff', function () {
    it('waits a random time below a ceiling that doubles per attempt up to the maximum', function () {
      const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 700 };
      assert.deepEqual([1, 2, 3, 4, 5].map((a) => retryDelay(a, policy, () => 0.999999)), [99, 199, 399, 699, 699]);
      assert.deepEqual([1, 2, 3].map((a) => retryDelay(a, policy, () => 0)), [0, 0, 0]);
    });

    it('retries a retryable failure until it succeeds, and gives up after the last attempt', async function () {
      const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
      let calls = 0;
      const value = await withRetry(async () => (++calls < 3 ? Promise.reject(requestFailure(1205, 'deadlocked')) : 'ok'), isRetryable, { policy });
      assert.deepEqual([value, calls], ['ok', 3]);
      calls = 0;
      await assert.rejects(withRetry(async () => (calls++, Promise.reject(requestFailure(1205, 'deadlocked'))), isRetryable, { policy }), /deadlocked/);
      assert.equal(calls, 3);
      calls = 0;
      await assert.rejects(withRetry(async () => (calls++, Promise.reject(requestFailure(2627, 'duplicate'))), isRetryable, { policy }), /duplicate/);
      assert.equal(calls, 1, 'a failure a retry cannot fix is thrown at once');
    });

    it('stops waiting when the signal aborts', async function () {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(new Error('stopped by the user')), 20);
      await assert.rejects(pause(10000, controller.signal), /stopped by the user/);
      assert.ok(Date.now() - started < 2000);
    });
  });
});
