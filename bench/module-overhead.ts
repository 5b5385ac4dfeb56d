/**
 * npm run bench:module [-- --calls N] [--cold K]
 *
 * What the long-lived Node host saves: the warm per-call overhead of a module call (PowerShell proxy -> CLIXML request
 * -> Node host -> records -> PowerShell, for a dry run that does no database work) against the cost of starting Node
 * cold, measured in one run. Cold baselines: `node -e 0` (the runtime alone) and `pcm` doing the same dry run in a
 * new process (what a call would cost if each call started Node). For scale it also times the same number of calls
 * of an empty advanced function with ShouldProcess (PowerShell's own share). Runs in the real pwsh
 * (tools/find-pwsh.ts). Prints a table, then as its last line one JSON object with the ratios.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPwsh, missingPwshMessage } from '../tools/find-pwsh.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds of one process run, start to exit. */
function timed(command: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const calls = option('calls', 500);
const coldRuns = option('cold', 15);
const dir = mkdtempSync(join(tmpdir(), 'pcm-bench-module-'));
const results = join(dir, 'results.txt');
const script = join(dir, 'bench.ps1');
writeFileSync(
  script,
  `param([string]$Manifest, [int]$Calls, [string]$Out, [string]$Dir)
Import-Module $Manifest -ErrorAction Stop
function Test-Empty { [CmdletBinding(SupportsShouldProcess = $true)] param([string]$DBInstance) process { if ($PSCmdlet.ShouldProcess($DBInstance)) { } } }
$null = New-PcmSampleDatabase -DBInstance "sqlite:$Dir/warm.db" -WhatIf
$watch = [System.Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Calls; $i++) { $null = New-PcmSampleDatabase -DBInstance "sqlite:$Dir/x.db" -WhatIf }
$module = $watch.Elapsed.TotalMilliseconds
$watch.Restart()
for ($i = 0; $i -lt $Calls; $i++) { $null = Test-Empty -DBInstance "sqlite:$Dir/x.db" -WhatIf }
$empty = $watch.Elapsed.TotalMilliseconds
$starts = & (Get-Module PersistentChatMigration) { $script:PcmHostStarts }
[System.IO.File]::WriteAllText($Out, "$module $empty $starts")
`,
);

const found = findPwsh();
if (!found) throw new Error(missingPwshMessage());
const pwsh = found;
process.stderr.write(`Timing ${calls} warm module calls in ${pwsh} ...\n`);
const run = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', script, '-Manifest', join(root, 'PersistentChatMigration.psd1'),
  '-Calls', String(calls), '-Out', results, '-Dir', dir], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PCM_LOG_DIR: dir } });
if (run.status !== 0) throw new Error(`the PowerShell part failed (exit ${run.status})`);
const [moduleMs, emptyMs, starts] = readFileSync(results, 'utf8').trim().split(' ').map(Number) as [number, number, number];

process.stderr.write(`Timing ${coldRuns} cold starts of node and of pcm ...\n`);
const cli = join(root, 'dist', 'bridge', 'cli.js');
const coldNode = median(Array.from({ length: coldRuns }, () => timed(process.execPath, ['-e', '0'])));
const coldCli = median(Array.from({ length: coldRuns }, () => timed(process.execPath, [cli, 'New-PcmSampleDatabase', '-DBInstance', `sqlite:${join(dir, 'x.db')}`, '-WhatIf', '-LogPath', dir])));
rmSync(dir, { recursive: true, force: true });

const warm = moduleMs / calls;
const empty = emptyMs / calls;
const rows: [string, string][] = [
  ['warm module call (New-PcmSampleDatabase -WhatIf), ms', warm.toFixed(2)],
  ['  of which an empty ShouldProcess function, ms', empty.toFixed(2)],
  ['cold node -e 0, ms (median)', coldNode.toFixed(1)],
  ['cold pcm New-PcmSampleDatabase -WhatIf, ms (median)', coldCli.toFixed(1)],
  ['Node hosts started for all calls', String(starts)],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value.padStart(8)}\n`);
const round = (n: number): number => Math.round(n * 1000) / 1000;
process.stdout.write(
  JSON.stringify({
    calls,
    hostStarts: starts,
    warmCallMs: round(warm),
    emptyFunctionMs: round(empty),
    coldNodeMs: round(coldNode),
    coldCliMs: round(coldCli),
    warmToColdNode: round(warm / coldNode),
    warmToColdCli: round(warm / coldCli),
  }) + '\n',
);
