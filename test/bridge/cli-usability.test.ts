/**
 * The rough edges a new user of pcm meets (issue 17, item 6), each through the real command line: bad values are
 * bad usage with the valid values, a typo gets the nearest name, the common parameters, Get-Help's views, shell
 * completion run in the real bash, zsh and pwsh, a -LogPath that cannot be made, a closed pipe, colours.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { registry } from '../../cmdlets/framework/registry.js';
import { CLI } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';

interface Run {
  readonly status: number | null;
  readonly out: string;
  readonly err: string;
}

let logDir: string;
let work: string;
let source: string;

function finish(result: SpawnSyncReturns<Buffer>): Run {
  if (result.error) throw result.error;
  return { status: result.status, out: result.stdout.toString('utf8'), err: result.stderr.toString('utf8') };
}

function pcm(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const full: NodeJS.ProcessEnv = { ...process.env, PCM_LOG_DIR: logDir, ...env };
  delete full.COLUMNS;
  return finish(spawnSync(process.execPath, [CLI, ...args], { env: full, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }));
}

function sh(shell: string, script: string, env: NodeJS.ProcessEnv = {}): Run {
  return finish(spawnSync(shell, ['-c', script], { cwd: work, env: { ...process.env, PCM_LOG_DIR: logDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }));
}

function onPath(name: string): string | undefined {
  const places = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.dotnet', 'tools')];
  return places.map((dir) => join(dir, name)).find((file) => existsSync(file));
}

function expectUsage(run: Run, ...fragments: string[]): void {
  assert.equal(run.status, 2, run.err);
  assert.equal(run.out, '');
  for (const fragment of fragments) assert.ok(run.err.includes(fragment), `'${fragment}' not in: ${run.err}`);
}

describe('pcm: the rough edges (issue 17, item 6)', function () {
  before(() => {
    logDir = tempDir('pcm-usability-log-');
    work = tempDir('pcm-usability-');
    source = join(work, 'legacy.db');
    const made = pcm(['New-PcmSampleDatabase', `sqlite:${source}`, '-Messages', '200', '-Users', '8', '-Rooms', '12', '-Seed', '3']);
    assert.equal(made.status, 0, made.err);
  });

  describe('values and names', () => {
    it('exits 2 for a value the parameter does not take, naming the parameter, the value and the valid values', () => {
      const zip = join(work, 'rooms.zip');
      expectUsage(pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', zip, '-Level', 'Rooms']),
        "parameter 'Level'", "'Rooms'", 'All, User, Category, RoomDirectory, Content', '(ParameterArgumentValidationError, InvalidArgument)');
      assert.equal(existsSync(zip), false);
      const target = join(work, 'abc.db');
      expectUsage(pcm(['New-PcmSampleDatabase', `sqlite:${target}`, '-Messages', 'abc']), "parameter 'Messages'", "'abc'", 'Valid values: a whole number from 0 to 100000000');
      assert.equal(existsSync(target), false);
      expectUsage(pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', zip, '-StartDate', 'yesterday']), "parameter 'StartDate'", "'yesterday'", '2010-01-01');
    });

    it('suggests the nearest parameter for a misspelt one instead of listing them all', () => {
      const run = pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileNme', 'x.zip']);
      expectUsage(run, "'FileNme'", 'Did you mean -FileName?');
      assert.doesNotMatch(run.err, /-TrustServerCertificate|-DisableExportedNodes/, 'not all the parameters');
      expectUsage(pcm(['Export-CsPersistentChatDta', '-DBInstance', 'x']), 'Did you mean Export-CsPersistentChatData?');
    });
  });

  describe('common parameters', () => {
    // -Level User has no rooms, so -DisableExportedNodes has nothing to disable: the export warns.
    const warns = (name: string, ...more: string[]): string[] => [
      'Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', join(work, `${name}.zip`), '-Level', 'User', '-DisableExportedNodes', ...more,
    ];

    it('-WarningAction: Continue prints the warning, SilentlyContinue hides it, Stop ends the cmdlet with exit 1', () => {
      const shown = pcm(warns('wa-continue'));
      assert.equal(shown.status, 0, shown.err);
      assert.match(shown.err, /^WARNING: -DisableExportedNodes had nothing to disable/m);
      const hidden = pcm(warns('wa-silent', '-WarningAction', 'SilentlyContinue'));
      assert.equal(hidden.status, 0, hidden.err);
      assert.equal(hidden.err, '');
      const stopped = pcm(warns('wa-stop', '-wa', 'Stop'));
      assert.equal(stopped.status, 1, stopped.err);
      assert.match(stopped.err, /stopped because the common parameter WarningAction is set to Stop: -DisableExportedNodes had nothing/);
      expectUsage(pcm(warns('wa-bad', '-WarningAction', 'Loud')), "parameter 'WarningAction'", 'Continue, Stop, SilentlyContinue, Ignore');
    });

    it('accepts -Debug, -InformationAction, -OutBuffer and -ProgressAction, and refuses the -*Variable ones saying why', () => {
      const run = pcm(warns('accepted', '-Debug', '-InformationAction', 'Continue', '-OutBuffer', '10', '-ProgressAction', 'SilentlyContinue', '-ErrorAction', 'Ignore'));
      assert.equal(run.status, 0, run.err);
      for (const name of ['OutVariable', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'PipelineVariable']) {
        expectUsage(pcm(warns(name, `-${name}`, 'x')), `-${name} is not available on pcm`, 'names a PowerShell variable', '-OutputFormat Json');
        assert.equal(existsSync(join(work, `${name}.zip`)), false);
      }
    });
  });

  describe('help', () => {
    it('-Examples, -Parameter (with wildcards) and -Detailed show those parts of the help, from the declarations', () => {
      const examples = pcm(['help', 'Export-CsPersistentChatData', '-Examples']);
      assert.equal(examples.status, 0, examples.err);
      assert.match(examples.out, /^NAME\n {4}Export-CsPersistentChatData\n\nSYNOPSIS\n/);
      assert.match(examples.out, /Example 1: /);
      assert.doesNotMatch(examples.out, /PARAMETERS|Required\?/);
      assert.equal(pcm(['Export-CsPersistentChatData', '-?', '-Examples']).out, examples.out, '-? -Examples is the same');

      const level = pcm(['help', 'Export-CsPersistentChatData', '-Parameter', 'level']);
      assert.equal(level.status, 0, level.err);
      assert.match(level.out, /^ {4}-Level <ExportLevel>\n/);
      assert.match(level.out, /Accepted values +All, User, Category, RoomDirectory, Content/);
      assert.doesNotMatch(level.out, /-FileName|EXAMPLES/);
      const wild = pcm(['help', 'Export-CsPersistentChatData', '-Parameter', '*Action']);
      assert.deepEqual([...wild.out.matchAll(/^ {4}-(\w+)/gm)].map((m) => m[1]), ['ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction']);
      expectUsage(pcm(['help', 'Export-CsPersistentChatData', '-Parameter', 'Levle']), "no parameter matches criteria 'Levle'", 'Did you mean -Level?');

      const detailed = pcm(['help', 'Export-CsPersistentChatData', '-Detailed']);
      assert.match(detailed.out, /PARAMETERS\n {4}-DBInstance <String>\n/);
      assert.doesNotMatch(detailed.out, /Required\?/);
      expectUsage(pcm(['help', 'Export-CsPersistentChatData', '-Exmples']), "'-Exmples' is not a help option", 'Did you mean -Examples?');
    });
  });

  describe('shell completion', () => {
    before(() => {
      for (const shell of ['bash', 'zsh', 'pwsh']) {
        const script = pcm(['completion', shell]);
        assert.equal(script.status, 0, script.err);
        // PowerShell dot-sources only .ps1 files (anything else it hands to the desktop to open).
        writeFileSync(join(work, `completion.${shell === 'pwsh' ? 'ps1' : shell}`), script.out);
      }
    });

    const cases: [string[], string[]][] = [
      // Every cmdlet whose name starts so, from the registry (it grows), in the completer's order.
      [['pcm', 'Exp'], registry.map((c) => c.declaration.name).filter((n) => n.startsWith('Exp')).sort()],
      [['pcm', 'Export-CsPersistentChatData', '-Lev'], ['-Level']],
      [['pcm', 'export-cspersistentchatdata', '-level', 'r'], ['RoomDirectory']],
      [['pcm', 'Export-CsPersistentChatData', '-Level', ''], ['All', 'User', 'Category', 'RoomDirectory', 'Content']],
      [['pcm', 'Import-CsPersistentChatData', '-WarningA'], ['-WarningAction']],
      [['pcm', 'help', 'Import-CsPersistentChatData', '-'], ['-Examples', '-Detailed', '-Full', '-Parameter']],
      [['pcm', 'completion', ''], ['bash', 'zsh', 'pwsh']],
    ];

    it('bash: complete -F _pcm, and _pcm fills COMPREPLY from COMP_WORDS (files for -FileName)', () => {
      writeFileSync(join(work, 'export-here.zip'), '');
      const calls = [...cases, [['pcm', 'Export-CsPersistentChatData', '-FileName', 'export-h'], ['export-here.zip']] as [string[], string[]]].map(([words]) => {
        const quoted = words.map((w) => `'${w}'`).join(' ');
        return `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _pcm; printf '%s|' "\${COMPREPLY[@]}"; echo`;
      });
      const run = sh('bash', `source ./completion.bash; complete -p pcm; ${calls.join('; ')}`);
      assert.equal(run.status, 0, run.err);
      const [registration, ...lines] = run.out.trimEnd().split('\n');
      assert.equal(registration, 'complete -F _pcm pcm');
      assert.deepEqual(lines.map((l) => l.split('|').filter((x) => x)), [...cases.map(([, expected]) => expected), ['export-here.zip']]);
    });

    it('zsh: compdef registers _pcm, and its candidates follow words and CURRENT', function () {
      const zsh = onPath('zsh');
      // .ci/run installs zsh where apt-get can; a machine without it cannot run this case (bash's and pwsh's still run).
      if (!zsh) this.skip();
      const calls = cases.map(([words]) => `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _pcm_candidates; print -r -- \${(j:|:)reply}`);
      const run = sh(zsh, `autoload -U compinit; compinit -u -D; source ./completion.zsh; print -r -- \${_comps[pcm]}; ${calls.join('; ')}`);
      assert.equal(run.status, 0, run.err);
      const [registration, ...lines] = run.out.trimEnd().split('\n');
      assert.equal(registration, '_pcm');
      assert.deepEqual(lines.map((l) => l.split('|').filter((x) => x)), cases.map(([, expected]) => expected));
    });

    it('pwsh: Register-ArgumentCompleter -Native, and TabExpansion2 in the real PowerShell gives the completions', function () {
      const pwsh = onPath('pwsh');
      if (!pwsh) throw new Error('pwsh is not installed (dotnet tool install --global PowerShell): the PowerShell completion cannot be tested');
      const lines = cases.map(([words]) => {
        const input = words.join(' ').replace(/'/g, "''");
        return `$r = TabExpansion2 -inputScript '${input}' -cursorColumn ${words.join(' ').length}; ($r.CompletionMatches | ForEach-Object CompletionText) -join '|'`;
      });
      const script = join(work, 'complete.ps1');
      writeFileSync(script, ['. ./completion.ps1', ...lines].join('\n'));
      const run = finish(spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', script], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }));
      assert.equal(run.status, 0, run.err);
      // eslint-disable-next-line no-control-regex
      const out = run.out.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').trimEnd().split(/\r?\n/);
      assert.deepEqual(out.map((l) => l.split('|').filter((x) => x)), cases.map(([, expected]) => expected));
    });

    it('refuses a shell it has no script for', () => {
      expectUsage(pcm(['completion', 'fish']), "'fish' is not a shell pcm completes", 'pcm completion bash');
    });
  });

  describe('logs, pipes and colours', () => {
    it('-LogPath /proc/nope fails at once with exit 1 and a clear error, and runs nothing', () => {
      const zip = join(work, 'proc.zip');
      const started = Date.now();
      const run = pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', zip, '-LogPath', '/proc/nope']);
      assert.equal(run.status, 1, run.err);
      assert.match(run.err, /-LogPath '\/proc\/nope': cannot create the log folder \/proc\/nope: .*'\/proc' exists but cannot hold the new folder 'nope'.*nothing was done\. \(LogPathUnusable, WriteError\)/);
      assert.equal(existsSync(zip), false);
      // Not a timing assertion: the hang it replaces never ended; the spawn's own 60 s timeout would fail this.
      assert.ok(Date.now() - started < 60_000);
    });

    it('| head -1 ends quietly: no error about the closed pipe, the exit status a shell tool gives (141)', () => {
      const run = sh('bash', `node '${CLI}' Export-CsPersistentChatData -DBInstance 'sqlite:${source}' -AsBytes -OutputFormat Json -WarningAction SilentlyContinue | true; echo "status=\${PIPESTATUS[0]}"`);
      assert.equal(run.err, '', 'nothing about the closed pipe (the sample\'s warnings are silenced)');
      assert.equal(run.out, 'status=141\n');
      const help = sh('bash', `node '${CLI}' help Export-CsPersistentChatData | head -1; echo "status=\${PIPESTATUS[0]}"`);
      assert.equal(help.err, '');
      assert.match(help.out, /^NAME\n(status=0|status=141)\n$/);
    });

    it('colours warnings and table headers on a terminal, not with NO_COLOR, never when redirected', () => {
      const script = onPath('script');
      if (!script) throw new Error('script (util-linux) is needed to give pcm a terminal');
      const command = (name: string): string => `'${process.execPath}' '${CLI}' ${warns(name).map((a) => `'${a}'`).join(' ')} -PassThru`;
      const warns = (name: string): string[] => ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-FileName', join(work, `${name}.zip`), '-Level', 'User', '-DisableExportedNodes'];
      const tty = sh('bash', `script -qec "${command('tty').replace(/"/g, '\\"')}" /dev/null`, { NO_COLOR: '', TERM: 'xterm' });
      assert.equal(tty.status, 0, tty.err + tty.out);
      assert.match(tty.out, /\u001B\[33;1mWARNING: -DisableExportedNodes/);
      assert.match(tty.out, /\u001B\[32;1m\w+ +:/, 'list labels in green');
      const noColour = sh('bash', `script -qec "${command('nocolour').replace(/"/g, '\\"')}" /dev/null`, { NO_COLOR: '1', TERM: 'xterm' });
      assert.equal(noColour.status, 0, noColour.err + noColour.out);
      assert.match(noColour.out, /WARNING: -DisableExportedNodes/);
      assert.doesNotMatch(noColour.out, /\u001B\[[0-9;]*m/);
      const redirected = pcm([...warns('redirected'), '-PassThru'], { TERM: 'xterm' });
      assert.doesNotMatch(redirected.out + redirected.err, /\u001B/);
      assert.ok(JSON.parse(redirected.out.trim()), 'JSON stays JSON');
      assert.ok(readdirSync(work).includes('redirected.zip'));
    });
  });
});
