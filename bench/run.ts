/**
 * npm run bench [-- --messages N] [--runs R] [--keep] [--dir D]
 *
 * Generates a Group Chat 2010 database of N messages (default 1,000,000), then measures in one run: our export, our
 * import and our verification of that migration (Test-PcmPersistentChatMigration, source against target; its ratio
 * is against our export of the same database) (wall time and peak RSS, each in its own process), and two baselines on the same database with
 * Debian's sqlite3: `sqlite3 db .dump | gzip -1 > dump.gz` (export) and `gzip -dc dump.gz | sqlite3 new.db`
 * (import). Each is run R times (default 3), interleaved; times are medians, peak RSS the highest seen. Prints a
 * table, then as its last line one JSON object with the ratios (ours / baseline).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Measure {
  seconds: number;
  peakRssMB: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const messages = Number(option('messages', '1000000'));
const dir = resolve(option('dir', '.bench'));
const keep = process.argv.includes('--keep');
const runs = Math.max(1, Number(option('runs', '3')));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const child = fileURLToPath(new URL('./child.js', import.meta.url));

// The cmdlets run as the PowerShell module runs its host: with glibc's malloc arenas capped (MALLOC_ARENA_MAX=2),
// which keeps the peak steady; without it a run now and then peaks up to 40 MB higher (docs/performance.md).
const childEnv = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

function runChild(cmdlet: string, parameters: Record<string, unknown>): Measure {
  const result = spawnSync(process.execPath, [child, cmdlet, JSON.stringify(parameters)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20, env: childEnv });
  if (result.status !== 0) throw new Error(`${cmdlet} failed (exit ${result.status})`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Measure;
}

function shell(command: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`baseline failed: ${command}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const legacy = join(dir, 'legacy.db');
const zip = join(dir, 'export.zip');
const target = join(dir, 'target.db');
const dump = join(dir, 'dump.sql.gz');
const restored = join(dir, 'restored.db');

process.stderr.write(`Generating a Group Chat 2010 database with ${messages} messages in ${dir} ...\n`);
const generate = runChild('New-PcmSampleDatabase', { DBInstance: `sqlite:${legacy}`, Schema: 'GroupChat2010', Messages: messages, Rooms: 500, Users: 5000, Seed: 42 });
process.stderr.write(`Measuring, ${runs} run(s) of each ...\n`);
const exports: Measure[] = [];
const imports: Measure[] = [];
const verifications: Measure[] = [];
const dumps: number[] = [];
const restores: number[] = [];
for (let run = 0; run < runs; run++) {
  rmSync(target, { force: true });
  rmSync(restored, { force: true });
  exports.push(runChild('Export-CsPersistentChatData', { DBInstance: `sqlite:${legacy}`, FileName: zip }));
  imports.push(runChild('Import-CsPersistentChatData', { DBInstance: `sqlite:${target}`, FileName: zip }));
  verifications.push(runChild('Test-PcmPersistentChatMigration', { SourceDBInstance: `sqlite:${legacy}`, DBInstance: `sqlite:${target}`, Quiet: true }));
  dumps.push(shell(`sqlite3 '${legacy}' .dump | gzip -1 > '${dump}'`));
  restores.push(shell(`gzip -dc '${dump}' | sqlite3 '${restored}'`));
}
const exported: Measure = { seconds: median(exports.map((m) => m.seconds)), peakRssMB: Math.max(...exports.map((m) => m.peakRssMB)) };
const imported: Measure = { seconds: median(imports.map((m) => m.seconds)), peakRssMB: Math.max(...imports.map((m) => m.peakRssMB)) };
const verified: Measure = { seconds: median(verifications.map((m) => m.seconds)), peakRssMB: Math.max(...verifications.map((m) => m.peakRssMB)) };
const dumpSeconds = median(dumps);
const restoreSeconds = median(restores);

const mb = (path: string): string => (statSync(path).size / 1048576).toFixed(1);
const rows: [string, string, string, string][] = [
  ['step', 'seconds', 'peak RSS MB', 'output MB'],
  ['generate (not compared)', generate.seconds.toFixed(2), generate.peakRssMB.toFixed(0), mb(legacy)],
  ['export (ours)', exported.seconds.toFixed(2), exported.peakRssMB.toFixed(0), mb(zip)],
  ['export baseline: .dump | gzip -1', dumpSeconds.toFixed(2), '', mb(dump)],
  ['import (ours)', imported.seconds.toFixed(2), imported.peakRssMB.toFixed(0), mb(target)],
  ['import baseline: gzip -dc | sqlite3', restoreSeconds.toFixed(2), '', mb(restored)],
  ['verify (ours; baseline: our export)', verified.seconds.toFixed(2), verified.peakRssMB.toFixed(0), ''],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) process.stdout.write(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ') + '\n');
const round = (n: number): number => Math.round(n * 100) / 100;
const summary = {
  messages,
  exportSeconds: round(exported.seconds),
  exportRatio: round(exported.seconds / dumpSeconds),
  importSeconds: round(imported.seconds),
  importRatio: round(imported.seconds / restoreSeconds),
  exportPeakRssMB: Math.round(exported.peakRssMB),
  importPeakRssMB: Math.round(imported.peakRssMB),
  verifySeconds: round(verified.seconds),
  verifyRatio: round(verified.seconds / exported.seconds),
  verifyPeakRssMB: Math.round(verified.peakRssMB),
};
if (!keep) rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(summary) + '\n');
