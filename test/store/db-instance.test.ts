/**
 * -DBInstance parsing (store/db-instance.ts) in every form DESIGN.md §6 names, and openStore's answer for SQL Server
 * forms. Every cmdlet starts here: a form read the wrong way sends an import to the wrong server or file, and a
 * rejected form must say which input was wrong and what a good one looks like.
 */
import assert from 'node:assert/strict';
import { PcmError, UsageError } from '../../core/errors.js';
import { parseDbInstance, type DbInstance } from '../../store/db-instance.js';
import { openStore } from '../../store/open-store.js';

describe('db-instance: -DBInstance forms', function () {
  const accepted: [string, DbInstance][] = [
    ['sql01', { kind: 'mssql', server: 'sql01', text: 'sql01' }],
    ['sql01.contoso.com', { kind: 'mssql', server: 'sql01.contoso.com', text: 'sql01.contoso.com' }],
    ['sql01.contoso.com\\rtc', { kind: 'mssql', server: 'sql01.contoso.com', instance: 'rtc', text: 'sql01.contoso.com\\rtc' }],
    ['SQL-01\\PChat_2013$#@', { kind: 'mssql', server: 'SQL-01', instance: 'PChat_2013$#@', text: 'SQL-01\\PChat_2013$#@' }],
    ['sql01\\_x', { kind: 'mssql', server: 'sql01', instance: '_x', text: 'sql01\\_x' }],
    ['sql01,1433', { kind: 'mssql', server: 'sql01', port: 1433, text: 'sql01,1433' }],
    ['sql01.contoso.com,65535', { kind: 'mssql', server: 'sql01.contoso.com', port: 65535, text: 'sql01.contoso.com,65535' }],
    ['sql01,1', { kind: 'mssql', server: 'sql01', port: 1, text: 'sql01,1' }],
    ['tcp:sql01,1433', { kind: 'mssql', server: 'sql01', port: 1433, text: 'tcp:sql01,1433' }],
    ['TCP:sql01.contoso.com,50000', { kind: 'mssql', server: 'sql01.contoso.com', port: 50000, text: 'TCP:sql01.contoso.com,50000' }],
    ['10.0.0.5,1433', { kind: 'mssql', server: '10.0.0.5', port: 1433, text: '10.0.0.5,1433' }],
    ['(local)', { kind: 'mssql', server: '(local)', text: '(local)' }],
    ['(local)\\SQLEXPRESS', { kind: 'mssql', server: '(local)', instance: 'SQLEXPRESS', text: '(local)\\SQLEXPRESS' }],
    ['.', { kind: 'mssql', server: '.', text: '.' }],
    ['.\\SQLEXPRESS', { kind: 'mssql', server: '.', instance: 'SQLEXPRESS', text: '.\\SQLEXPRESS' }],
    ['[::1]', { kind: 'mssql', server: '[::1]', text: '[::1]' }],
    ['[::1],1433', { kind: 'mssql', server: '[::1]', port: 1433, text: '[::1],1433' }],
    ['tcp:[fe80::1:2ff:fe3a:4b5c],14330', { kind: 'mssql', server: '[fe80::1:2ff:fe3a:4b5c]', port: 14330, text: 'tcp:[fe80::1:2ff:fe3a:4b5c],14330' }],
    ['[2001:db8::7]\\rtc', { kind: 'mssql', server: '[2001:db8::7]', instance: 'rtc', text: '[2001:db8::7]\\rtc' }],
    ['  sql01\\rtc  ', { kind: 'mssql', server: 'sql01', instance: 'rtc', text: 'sql01\\rtc' }],
    ['sqlite:C:\\pc\\mgc.db', { kind: 'sqlite', path: 'C:\\pc\\mgc.db', text: 'sqlite:C:\\pc\\mgc.db' }],
    ['SQLite:/var/lib/pc/mgc', { kind: 'sqlite', path: '/var/lib/pc/mgc', text: 'SQLite:/var/lib/pc/mgc' }],
    ['sqlite:relative/mgc.dat', { kind: 'sqlite', path: 'relative/mgc.dat', text: 'sqlite:relative/mgc.dat' }],
    ['sqlite:\\\\fileserver\\share\\mgc.db', { kind: 'sqlite', path: '\\\\fileserver\\share\\mgc.db', text: 'sqlite:\\\\fileserver\\share\\mgc.db' }],
    ['C:\\pc\\mgc.db', { kind: 'sqlite', path: 'C:\\pc\\mgc.db', text: 'C:\\pc\\mgc.db' }],
    ['C:\\Program Files\\PC data,old\\mgc.sqlite', { kind: 'sqlite', path: 'C:\\Program Files\\PC data,old\\mgc.sqlite', text: 'C:\\Program Files\\PC data,old\\mgc.sqlite' }],
    ['/tmp/mgc.SQLITE3', { kind: 'sqlite', path: '/tmp/mgc.SQLITE3', text: '/tmp/mgc.SQLITE3' }],
    ['mgc.db', { kind: 'sqlite', path: 'mgc.db', text: 'mgc.db' }],
    ['./data/mgc.sqlite', { kind: 'sqlite', path: './data/mgc.sqlite', text: './data/mgc.sqlite' }],
  ];

  for (const [input, expected] of accepted) {
    it(`reads ${JSON.stringify(input)} as ${expected.kind}`, function () {
      assert.deepEqual(parseDbInstance(input), expected);
    });
  }

  // The problem each rejection names; undefined where only the common parts are checked.
  const rejected: [string, RegExp | undefined][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['sqlite:', /path after "sqlite:" is empty/],
    ['sql01,0', /port '0' must be a number from 1 to 65535/],
    ['sql01,70000', /port '70000' must be a number from 1 to 65535/],
    ['sql01,65536', /port '65536'/],
    ['sql01,abc', /port 'abc'/],
    ['sql01,-1', /port '-1'/],
    ['sql01,', /port ''/],
    ['sql01,14 33', /port '14 33'/],
    ['tcp:sql01', /tcp: form needs a port/],
    ['tcp:sql01\\rtc', /tcp: form needs a port/],
    [',1433', /'' is not a valid server name/],
    ['tcp:,1433', /'' is not a valid server name/],
    ['sql 01,1433', /'sql 01' is not a valid server name/],
    ['sql01\\', /'' is not a valid SQL Server instance name/],
    ['sql01\\1rtc', /'1rtc' is not a valid SQL Server instance name/],
    ['sql01\\rtc-2', /'rtc-2' is not a valid SQL Server instance name/],
    ['sql01\\ABCDEFGHIJKLMNOPQ', /'ABCDEFGHIJKLMNOPQ' is not a valid SQL Server instance name/],
    ['sql01\\rtc\\more', /'rtc\\more' is not a valid SQL Server instance name/],
    ['\\rtc', /'' is not a valid server name/],
    ['::1,1433', /'::1' is not a valid server name/],
    ['[::1', /neither a server name nor a database file/],
    // Read as server "C:" with an instance; the message still names the input and shows the sqlite: form.
    ['C:\\pc\\mgc.txt', undefined],
    ['./mgc.txt', /neither a server name nor a database file ending in .db, .sqlite or .sqlite3/],
    ['/var/lib/pc/mgc', /neither a server name nor a database file/],
    ['data/mgc.db.bak', /neither a server name nor a database file/],
    ['sql01;Database=mgc', /neither a server name nor a database file/],
    ['-sql01', /neither a server name nor a database file/],
  ];

  for (const [input, problem] of rejected) {
    it(`rejects ${JSON.stringify(input)}, naming the input and the problem`, function () {
      assert.throws(
        () => parseDbInstance(input),
        (error: unknown) => {
          assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
          assert.equal(error.errorId, 'InvalidDBInstance');
          assert.equal(error.category, 'InvalidArgument');
          assert.equal(error.target, 'DBInstance');
          const shown = input.trim() === '' ? input : input.trim();
          assert.ok(error.message.includes(`-DBInstance '${shown}'`), `the message names the input: ${error.message}`);
          if (problem) assert.match(error.message, problem);
          // Every rejection shows what valid forms look like.
          assert.match(error.message, /sqlite:C:\\pc\\mgc\.db/);
          return true;
        },
      );
    });
  }
});

describe('db-instance: openStore on a SQL Server form', function () {
  // Without a login the SQL Server dialect stops before any network traffic, which lets every form be taken through
  // openStore here; test/mssql/connect.test.ts follows a form with a login as far as the network.
  const saved: Record<string, string | undefined> = {};
  before(function () {
    for (const name of ['PCM_SQL_USER', 'PCM_SQL_PASSWORD']) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  after(function () {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  });

  for (const input of ['sql01.contoso.com\\rtc', 'sql01,1433', 'tcp:sql01,1433', '(local)', '[::1],1433']) {
    it(`takes ${input} to SQL Server, which asks for a login`, async function () {
      await assert.rejects(openStore(input), (error: unknown) => {
        assert.ok(error instanceof PcmError, `expected a PcmError, got ${String(error)}`);
        assert.ok(!(error instanceof UsageError), 'a valid form is not a usage error');
        assert.equal(error.errorId, 'SqlCredentialRequired');
        assert.equal(error.target, input);
        assert.ok(error.message.includes(`'${input}'`), `the message names the input: ${error.message}`);
        assert.match(error.message, /-Credential/);
        assert.match(error.message, /PCM_SQL_USER and PCM_SQL_PASSWORD/);
        return true;
      });
    });
  }

  it('takes an already parsed instance as well as text', async function () {
    await assert.rejects(openStore(parseDbInstance('sql01\\rtc')), (error: unknown) => error instanceof PcmError && error.errorId === 'SqlCredentialRequired');
  });

  it('rejects a malformed -DBInstance before trying to open anything', async function () {
    await assert.rejects(openStore('sql01,99999'), (error: unknown) => error instanceof UsageError && error.errorId === 'InvalidDBInstance' && error.message.includes("'sql01,99999'"));
  });
});
