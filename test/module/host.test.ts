/**
 * The Node host's life as the module manages it, in the real engine: one host for a pipeline of 1,000 calls (counted
 * by the module and in the host's log), a new one when it has died, none left after Remove-Module, nothing secret on
 * its command line, node found through PCM_NODE or PATH, a stopped pipeline stopping the run in Node. Then, against a scripted host (support/fake-host.ts), what
 * the client does with non-terminating errors, with a call stopped half-way, and with a host that crashes mid-call.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adaptParameters } from '../../bridge/host-parameters.js';
import { parseRequest } from '../../bridge/host-protocol.js';
import { bindParameters } from '../../cmdlets/framework/binding.js';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { tempDir } from '../support/temp.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, REPO_ROOT, Session, psText, requireEngine } from './support/engine.js';
import { logEvents, sampleDatabase } from './support/fixtures.js';

type Props = Record<string, unknown>;

const STATE = '& (Get-Module PersistentChatMigration) { Get-PcmBridgeState }';
const BACKGROUND = join(REPO_ROOT, 'test', 'module', 'support', 'background.ps1');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (without a deadline of its own: mocha's timeout ends a test that waits forever) until a process has gone. */
async function gone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('module: the long-lived Node host, in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  before(function () {
    requireEngine();
  });

  describe('with the real host', () => {
    let session: Session;
    let dir: string;
    let logs: string;

    before(async () => {
      dir = tempDir('pcm-module-host-');
      logs = join(dir, 'logs');
      session = await Session.open({ PCM_LOG_DIR: logs });
      await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $dir = ${psText(dir)}`);
    });

    after(async () => {
      await session?.dispose();
    });

    it('a pipeline of 1,000 calls into the module starts the Node host once', async () => {
      const before = (await session.value(`$result = ${STATE}`)) as Props;
      assert.equal(before['HostStarts'], 0, 'no host before the first call');
      const raw = await session.run('1..1000 | ForEach-Object { New-PcmSampleDatabase -DBInstance "sqlite:$dir/never-$_.db" -WhatIf }');
      assert.equal(raw.match(/What if: Performing the operation "New-PcmSampleDatabase"/g)?.length, 1000);
      const after = (await session.value(`$result = ${STATE}`)) as Props;
      assert.equal(after['HostStarts'], 1);
      assert.equal(after['Running'], true);

      // The host's own log agrees: one start, and all 1,000 runs in that one process.
      const events = logEvents(logs);
      const starts = events.filter((e) => e.event === 'host-start');
      assert.equal(starts.length, 1);
      assert.equal(starts[0]!.pid, after['ProcessId']);
      const runs = events.filter((e) => e.event === 'start' && e['cmdlet'] === 'New-PcmSampleDatabase');
      assert.equal(runs.length, 1000);
      assert.deepEqual([...new Set(runs.map((e) => e.pid))], [after['ProcessId']]);
      assert.ok(runs.every((e) => e['whatIf'] === true && e['host'] === 'powershell'));
      assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.db')), [], '-WhatIf created nothing');
    });

    it('has nothing but node and host.js on the host\'s command line', async function () {
      const pid = Number(((await session.value(`$result = ${STATE}`)) as Props)['ProcessId']);
      if (!existsSync(`/proc/${pid}/cmdline`)) this.skip();
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      assert.equal(argv.length, 2);
      assert.equal(argv[1], join(REPO_ROOT, 'dist', 'bridge', 'host.js'));
    });

    it('starts a new host when the old one has died, and counts it', async () => {
      const first = Number(((await session.value(`$result = ${STATE}`)) as Props)['ProcessId']);
      process.kill(first, 'SIGKILL');
      await gone(first);
      const result = (await session.value(
        `$r = New-PcmSampleDatabase -DBInstance "sqlite:$dir/after-restart.db" -Messages 5 -Confirm:$false -PassThru; $s = ${STATE}; ` +
          '$result = [pscustomobject]@{ Messages = $r.Messages; Starts = $s.HostStarts; Pid = $s.ProcessId }',
      )) as Props;
      assert.equal(result['Messages'], 5);
      assert.equal(result['Starts'], 2);
      assert.notEqual(result['Pid'], first);
      assert.equal(logEvents(logs).filter((e) => e.event === 'host-start').length, 2);
    });

    it('sends a credential as user name and password on stdin, never as a SecureString', async () => {
      const line = (await session.value(
        "$secret = [securestring]::new(); foreach ($c in 'p@ss,word'.ToCharArray()) { $secret.AppendChar($c) }; " +
          "$result = & (Get-Module PersistentChatMigration) { param($s) ConvertTo-PcmBridgeLine (New-PcmBridgeRequest 'Export-CsPersistentChatData' " +
          "@{ Credential = [System.Management.Automation.PSCredential]::new('CONTOSO\\admin', $s); AsBytes = [switch]$true; Scope = [System.Collections.Generic.List[string]]@('a,b', 'c') } $false) } $secret",
      )) as string;
      assert.doesNotMatch(line, /<SS|\r|\n/);
      const request = parseRequest(line);
      assert.equal(request.kind, 'Invoke');
      const parameters = new Map(request.kind === 'Invoke' ? request.parameters : []);
      assert.equal(parameters.get('AsBytes'), true);
      assert.deepEqual(parameters.get('Scope'), ['a,b', 'c']);
      // What the binder receives: the credential in its own shape; bound as typed values (as the host binds them),
      // a comma stays inside a category name.
      const declaration = findCmdlet('Export-CsPersistentChatData')!.declaration;
      const adapted = new Map(adaptParameters(declaration, [...parameters]));
      assert.deepEqual(bindParameters(declaration, [['DBInstance', 'x.db'], ['AsBytes', true], ['Scope', adapted.get('Scope')]], [], { typed: true }).values.Scope, ['a,b', 'c']);
      const credential = parameters.get('Credential') as Props;
      assert.equal(credential['UserName'], 'CONTOSO\\admin');
      assert.equal(credential['Password'], 'p@ss,word');
      assert.deepEqual(adapted.get('Credential'), { userName: 'CONTOSO\\admin', password: 'p@ss,word' });

      // Through the real host, where the binder takes it, and the log keeps no trace of the password.
      await sampleDatabase(join(dir, 'cred.db'), 20);
      const messages = await session.value(
        "$cred = [System.Management.Automation.PSCredential]::new('CONTOSO\\admin', $secret); " +
          '$result = (Export-CsPersistentChatData -DBInstance "sqlite:$dir/cred.db" -FileName "$dir/cred.zip" -Credential $cred -PassThru).Messages',
      );
      assert.equal(messages, 20);
      assert.ok(logEvents(logs).some((e) => e.event === 'start' && e['cmdlet'] === 'Export-CsPersistentChatData'));
      assert.doesNotMatch(JSON.stringify(logEvents(logs)), /p@ss/);
    });

    it('a stopped pipeline (Ctrl+C) stops the run in Node, reads up to Done and keeps the host', async () => {
      // PCM_HOLD holds the export in Node right after its first progress record until it is stopped, so the stop
      // reaches a run that provably has started and cannot have finished, however busy the machine. (Without it,
      // the proxy saw the stop only with Node's next record, and a small export could finish before that.) The
      // held host is also silent: the proxy must notice the stop while it waits for a record.
      await sampleDatabase(join(dir, 'held.db'), 5000, 5);
      const then = `$s = ${STATE}; $r = Export-CsPersistentChatData -DBInstance "sqlite:${dir}/legacy.db" -FileName "${dir}/after.zip" -PassThru; "$($s.HostStarts) $($r.Messages)"`;
      await sampleDatabase(join(dir, 'legacy.db'), 50);
      const result = (await session.value(
        `$env:PCM_HOLD = 'export:progress:1'; try { $result = & ${psText(BACKGROUND)} -Manifest ${psText(MANIFEST)} -Command Export-CsPersistentChatData -StopAtFirstProgress ` +
          `-Parameters @{ DBInstance = "sqlite:$dir/held.db"; FileName = "$dir/stopped.zip" } -Then ${psText(then)} } finally { Remove-Item Env:PCM_HOLD }`,
      )) as Props;
      assert.equal(result['State'], 'Stopped');
      assert.ok(Number(result['SeenWhileRunning']) > 0, 'stopped after a progress record');
      assert.deepEqual(result['Then'], ['1 50'], 'the same host answers the next call, with its own records');
      assert.equal(existsSync(join(dir, 'stopped.zip')), false, 'no package from the stopped export');
      assert.equal(existsSync(join(dir, 'stopped.zip.pcm-partial')), false, 'nor its partial file');
      const ends = logEvents(logs).filter((e) => e.event === 'end' && e['cmdlet'] === 'Export-CsPersistentChatData');
      assert.deepEqual(ends.slice(-2).map((e) => e['outcome']), ['Stopped', 'Succeeded']);
    });

    it('Remove-Module ends the host', async () => {
      const pid = Number(((await session.value(`$result = ${STATE}`)) as Props)['ProcessId']);
      assert.ok(alive(pid));
      await session.run('Remove-Module PersistentChatMigration');
      await gone(pid);
      assert.equal(alive(pid), false);
    });
  });

  describe('finding node', () => {
    let session: Session;

    before(async () => {
      session = await Session.open({ PCM_LOG_DIR: tempDir('pcm-module-node-') });
    });

    after(async () => {
      await session?.dispose();
    });

    it('uses $env:PCM_NODE, and says what to do when it names no file', async () => {
      const result = (await session.value(
        `Import-Module ${psText(MANIFEST)} -ErrorAction Stop; $env:PCM_NODE = ${psText(join(tempDir(), 'no-node'))}; ` +
          'try { New-PcmSampleDatabase sqlite:x.db -WhatIf; $bad = "no error" } catch { $bad = $_ }; ' +
          `$env:PCM_NODE = ${psText(process.execPath)}; $null = New-PcmSampleDatabase sqlite:x.db -WhatIf; $s = ${STATE}; ` +
          '$result = [pscustomobject]@{ Id = $bad.FullyQualifiedErrorId; Category = $bad.CategoryInfo.Category.ToString(); Message = $bad.Exception.Message; Node = $s.Node; Starts = $s.HostStarts }',
      )) as Props;
      assert.equal(result['Id'], 'NodeNotFound,New-PcmSampleDatabase');
      assert.equal(result['Category'], 'ObjectNotFound');
      assert.match(String(result['Message']), /PCM_NODE/);
      assert.equal(result['Node'], process.execPath);
      assert.equal(result['Starts'], 1);
    });
  });

  describe('with a scripted host', () => {
    let session: Session;

    before(async function () {
      if (process.platform === 'win32') this.skip(); // the stand-in for node is a shell script
      const dir = tempDir('pcm-module-fake-');
      const fakeNode = join(dir, 'node');
      const fakeHost = join(REPO_ROOT, 'dist', 'test', 'module', 'support', 'fake-host.js');
      writeFileSync(fakeNode, `#!/bin/sh\nexec '${process.execPath}' '${fakeHost}'\n`);
      chmodSync(fakeNode, 0o755);
      session = await Session.open({ PCM_NODE: fakeNode, PCM_LOG_DIR: join(dir, 'logs') });
      await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop`);
    });

    after(async () => {
      await session?.dispose();
    });

    it('writes non-terminating errors as ErrorRecords and goes on to the output', async () => {
      const result = (await session.value(
        '$out = @(Export-CsPersistentChatData -DBInstance x -FileName y -ErrorVariable ev -ErrorAction SilentlyContinue -WarningVariable wv -WarningAction SilentlyContinue); ' +
          '$result = [pscustomobject]@{ Out = @($out | ForEach-Object { $_.Messages }); Type = $out[0].PSObject.TypeNames[0]; Errors = $ev.Count; ' +
          'Id = $ev[0].FullyQualifiedErrorId; Category = $ev[0].CategoryInfo.Category.ToString(); Target = $ev[0].TargetObject; Warnings = @($wv | ForEach-Object { $_.Message }) }',
      )) as Props;
      assert.deepEqual(result['Out'], [1, 2]);
      assert.equal(result['Type'], 'PersistentChatMigration.ExportResult');
      assert.equal(result['Errors'], 1);
      assert.equal(result['Id'], 'FakeNonTerminating,Export-CsPersistentChatData');
      assert.equal(result['Category'], 'InvalidData');
      assert.equal(result['Target'], 'Room 1');
      assert.deepEqual(result['Warnings'], ['fake warning from Export-CsPersistentChatData']);
    });

    it('after a call stopped half-way (-ErrorAction Stop, -WarningAction Stop) reads up to Done and keeps the host', async () => {
      const result = (await session.value(
        'try { Export-CsPersistentChatData -DBInstance x -FileName y -ErrorAction Stop 3>$null; $a = "no error" } catch { $a = $_.FullyQualifiedErrorId }; ' +
          'try { Import-CsPersistentChatData -DBInstance x -FileName y -WarningAction Stop; $b = "no error" } catch { $b = $_.FullyQualifiedErrorId }; ' +
          `$next = @(Export-CsPersistentChatData -DBInstance x -FileName y -ErrorAction SilentlyContinue 3>$null); $s = ${STATE}; ` +
          '$result = [pscustomobject]@{ A = $a; B = $b; Next = @($next | ForEach-Object { $_.Messages }); Starts = $s.HostStarts }',
      )) as Props;
      assert.equal(result['A'], 'FakeNonTerminating,Export-CsPersistentChatData');
      assert.match(String(result['B']), /ActionPreferenceStop/);
      assert.deepEqual(result['Next'], [1, 2], 'the next call gets its own records');
      assert.equal(result['Starts'], 1, 'the host was not replaced');
    });

    it('reports a host that died mid-call with its crash text, and starts a new one for the next call', async () => {
      const result = (await session.value(
        'try { New-PcmSampleDatabase -DBInstance x 3>$null; $a = $null } catch { $a = $_ }; ' +
          `$next = @(Export-CsPersistentChatData -DBInstance x -FileName y -ErrorAction SilentlyContinue 3>$null); $s = ${STATE}; ` +
          '$result = [pscustomobject]@{ Id = $a.FullyQualifiedErrorId; Category = $a.CategoryInfo.Category.ToString(); Message = $a.Exception.Message; Next = $next.Count; Starts = $s.HostStarts }',
      )) as Props;
      assert.equal(result['Id'], 'NodeHostExited,New-PcmSampleDatabase');
      assert.equal(result['Category'], 'ResourceUnavailable');
      assert.match(String(result['Message']), /exit code 3\)\. fake host: simulated crash/);
      assert.equal(result['Next'], 2);
      assert.equal(result['Starts'], 2);
    });
  });
});
