/**
 * A SQL Server (or a machine in the middle) that declines encryption must never receive the login. A fake TDS server
 * on 127.0.0.1 answers the real pre-login with ENCRYPT_OFF or ENCRYPT_NOT_SUP and records every byte; real `pcm`
 * processes connect to it in every mode an administrator can choose short of turning encryption off by name. No
 * LOGIN7 packet (type 0x10) may arrive and no form of the password (UTF-8, UTF-16LE, TDS-obfuscated) may appear
 * in what it received. The one named opt-out, PCM_SQL_ENCRYPT=Optional, is the control: there the recorder must
 * see the LOGIN7 and the obfuscated password, which proves the assertions above can fail.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pcm, type PcmRun } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';
import { ENCRYPT, obfuscatedPassword, PACKET, startFakeTdsServer, type FakeTdsServer } from './support/fake-tds-server.js';

const PASSWORD = 'Wire-Secret-9f3c1e7a';
const dir = tempDir('pcm-tls-');

interface Mode {
  readonly name: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly user?: string;
}

const MODES: readonly Mode[] = [
  { name: 'the default' },
  { name: '-TrustServerCertificate', args: ['-TrustServerCertificate'] },
  { name: 'PCM_SQL_TRUST_SERVER_CERTIFICATE=true', env: { PCM_SQL_TRUST_SERVER_CERTIFICATE: 'true' } },
  { name: 'PCM_SQL_ENCRYPT=Mandatory', env: { PCM_SQL_ENCRYPT: 'Mandatory' } },
  { name: 'PCM_SQL_ENCRYPT=Strict with -TrustServerCertificate', env: { PCM_SQL_ENCRYPT: 'Strict' }, args: ['-TrustServerCertificate'] },
  { name: 'NTLM (DOMAIN\\user)', user: 'CONTOSO\\migrator' },
];

function exportTo(server: FakeTdsServer, mode: Mode, file: string): Promise<PcmRun> {
  return pcm(['Export-CsPersistentChatData', '-DBInstance', `127.0.0.1,${server.port}`, '-FileName', join(dir, file), ...(mode.args ?? [])], {
    env: { PCM_SQL_USER: mode.user ?? 'pcm_migrator', PCM_SQL_PASSWORD: PASSWORD, PCM_SQL_ENCRYPT: '', PCM_SQL_TRUST_SERVER_CERTIFICATE: '', ...mode.env },
  });
}

function wire(server: FakeTdsServer): Buffer {
  return Buffer.concat(server.received.flat());
}

function passwordForms(): Buffer[] {
  return [Buffer.from(PASSWORD, 'utf8'), Buffer.from(PASSWORD, 'utf16le'), obfuscatedPassword(PASSWORD)];
}

describe('mssql: a server that declines encryption gets no login', function () {
  this.timeout(120000);

  for (const [answer, value] of [['ENCRYPT_NOT_SUP', ENCRYPT.NOT_SUP], ['ENCRYPT_OFF', ENCRYPT.OFF]] as const) {
    for (const mode of MODES) {
      it(`${answer}, ${mode.name}: no LOGIN7 and 0 bytes of the password on the wire; the error says why and how`, async function () {
        const server = await startFakeTdsServer(value);
        try {
          const run = await exportTo(server, mode, `x-${value}.zip`);
          assert.equal(run.status, 1, `exit code\n${run.stderr}`);
          assert.ok(server.received.length >= 1, 'the client connected');
          assert.ok(!server.packetTypes.includes(PACKET.LOGIN7), `a LOGIN7 packet arrived: types ${server.packetTypes.join(',')}`);
          const bytes = wire(server);
          for (const form of passwordForms()) assert.equal(bytes.indexOf(form), -1, 'the password reached the server');
          assert.ok(!run.stderr.includes(PASSWORD) && !run.stdout.includes(PASSWORD), 'the password is in the output');
          if (mode.env?.PCM_SQL_ENCRYPT !== 'Strict') {
            // Strict starts TLS before any TDS: the fake server hangs up on the ClientHello, and that is the error.
            assert.ok(server.packetTypes.includes(PACKET.PRELOGIN), 'a pre-login was sent');
            assert.match(run.stderr, /declined to encrypt/);
            assert.ok(run.stderr.includes(answer), run.stderr);
            assert.match(run.stderr, /No login was sent/);
            assert.match(run.stderr, /PCM_SQL_ENCRYPT=Optional/);
          }
        } finally {
          await server.close();
        }
      });
    }
  }

  it('the control: with encryption turned off by name (PCM_SQL_ENCRYPT=Optional) the recorder does see the login', async function () {
    const server = await startFakeTdsServer(ENCRYPT.NOT_SUP);
    try {
      const run = await exportTo(server, { name: 'Optional', env: { PCM_SQL_ENCRYPT: 'Optional' } }, 'optional.zip');
      assert.notEqual(run.status, 0);
      assert.ok(server.packetTypes.includes(PACKET.LOGIN7), `no LOGIN7: types ${server.packetTypes.join(',')}`);
      assert.notEqual(wire(server).indexOf(obfuscatedPassword(PASSWORD)), -1, 'the recorder finds the obfuscated password in a LOGIN7');
    } finally {
      await server.close();
    }
  });
});
