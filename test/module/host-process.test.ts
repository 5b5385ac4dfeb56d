/**
 * bridge/host.js as a process, spoken to directly over its pipes with the wire of bridge/host-protocol.ts (no
 * PowerShell): Ready first, a real run answered with its records and Done, bad lines answered rather than fatal,
 * stdout carrying nothing but one CLIXML document per line, and a clean exit when stdin closes.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deserializeClixmlSingle, serializeClixml, typeNamesOf } from '../../bridge/clixml.js';
import { tempDir } from '../support/temp.js';
import { REPO_ROOT } from './support/engine.js';
import { logEvents, sampleDatabase } from './support/fixtures.js';

type Props = Record<string, unknown>;

/** A request as the module's PSSerializer writes it: a PSCustomObject whose Parameters is a Hashtable. */
function request(id: number, command: string, parameters: Record<string, unknown>, extra: Props = {}): string {
  return serializeClixml({ Kind: 'Invoke', Protocol: 1, Id: id, Command: command, Parameters: new Map(Object.entries(parameters)), WhatIf: false,
    StopOnError: false, Verbose: true, Progress: true, Location: null, ...extra });
}

class Host {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  readonly #waiters: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'bridge', 'host.js')], { env: { ...process.env, ...env } });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.lines.push(line);
      this.#waiters.splice(0).forEach((wake) => wake());
    });
  }

  /** The records up to and including the next Done (or Ready), read in order. */
  async next(): Promise<Props[]> {
    const records: Props[] = [];
    while (true) {
      while (this.lines.length === 0) await new Promise<void>((resolve) => this.#waiters.push(resolve));
      const line = this.lines.shift()!;
      const record = deserializeClixmlSingle(line) as Props;
      assert.equal(typeNamesOf(record)[0], 'PersistentChatMigration.BridgeRecord');
      records.push(record);
      if (record['Kind'] === 'Done' || record['Kind'] === 'Ready') return records;
    }
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\r\n`);
  }
}

describe('module: bridge/host.js over its pipes', function () {
  this.timeout(60_000);

  it('answers Ready, runs requests, survives bad lines, and exits when stdin closes', async () => {
    const dir = tempDir('pcm-host-process-');
    await sampleDatabase(join(dir, 'legacy.db'), 40);
    const host = new Host({ PCM_LOG_DIR: join(dir, 'logs') });
    let stderr = '';
    host.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => host.child.on('exit', resolve));

    const [ready] = await host.next();
    assert.equal(ready!['Kind'], 'Ready');
    assert.equal(ready!['Protocol'], 1);
    assert.equal(ready!['ProcessId'], host.child.pid);

    host.send(request(1, 'Export-CsPersistentChatData', { DBInstance: `sqlite:${join(dir, 'legacy.db')}`, FileName: join(dir, 'x.zip'), PassThru: true }));
    const run = await host.next();
    const kinds = run.map((r) => r['Kind']);
    assert.ok(kinds.includes('Verbose') && kinds.includes('Progress'));
    const output = run.find((r) => r['Kind'] === 'Output')!['Value'] as Props;
    assert.equal(typeNamesOf(output)[0], 'PersistentChatMigration.ExportResult');
    assert.equal(output['Messages'], 40);
    assert.deepEqual(run.at(-1), Object.assign(Object.create(null), { Kind: 'Done', Id: 1, Outcome: 'Succeeded' }));

    host.send('this is not CLIXML');
    const bad = await host.next();
    assert.deepEqual(bad.map((r) => [r['Kind'], r['ErrorId'] ?? r['Id']]), [['Error', 'BridgeProtocolError'], ['Done', -1]]);

    host.send(request(2, 'Export-CsPersistentChatData', {}, { Protocol: 99 }));
    const old = await host.next();
    assert.match(String(old[0]!['Message']), /protocol 99/);

    // A Lync cmdlet this module does not have (and never will: it is not a Persistent Chat cmdlet).
    host.send(request(3, 'Get-CsUser', {}));
    const unknown = await host.next();
    assert.deepEqual(unknown.map((r) => [r['Kind'], r['ErrorId'] ?? r['Outcome'], r['Terminating'] ?? null]), [
      ['Error', 'CommandNotFound', true],
      ['Done', 'Failed', null],
    ]);

    host.send(request(4, 'Export-CsPersistentChatData', { DBInstance: `sqlite:${join(dir, 'missing.db')}`, FileName: join(dir, 'y.zip') }));
    const failed = await host.next();
    assert.deepEqual(failed.map((r) => r['Kind']), ['Error', 'Done']);
    assert.equal(failed[0]!['Terminating'], true);

    host.child.stdin.end();
    assert.equal(await exited, 0);
    assert.equal(stderr, '', 'stderr is for crash text only');
    assert.deepEqual(host.lines, [], 'nothing after the last Done');
    const events = logEvents(join(dir, 'logs')).map((e) => e.event);
    assert.equal(events[0], 'host-start');
    assert.equal(events.at(-1), 'host-exit');
  });
});
