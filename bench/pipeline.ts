/**
 * npm run bench:pipeline [-- --rooms N] [--runs K]
 *
 * The pipeline, timed in the real pwsh (tools/find-pwsh.ts): `Get-CsPersistentChatRoom |
 * Set-CsPersistentChatRoom -Disabled $True` over a migrated pool of N rooms (default 1,000), with the host's store
 * session (one connection) and without it (PCM_STORE_SESSION=0, a connection per call), against the baseline taken
 * in the same run: the same change made by one SQL UPDATE over tblNode (open, update, close; median of K). The
 * pool is made as an administrator makes it: a Group Chat 2010 sample exported, imported and registered with pcm.
 * Connections are counted by the host (PCM_STORE_STATS). Prints a table, then as its last line one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { findPwsh, missingPwshMessage } from '../tools/find-pwsh.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const POOL = 'atl-pc-001.litwareinc.com';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rooms = option('rooms', 1000);
const runs = option('runs', 5);
const dir = mkdtempSync(join(tmpdir(), 'pcm-bench-pipeline-'));
const db = join(dir, 'pc.db');
const env = { ...process.env, PCM_CONFIG_STORE: join(dir, 'config.db'), PCM_LOG_DIR: join(dir, 'logs') };

function pcm(...args: string[]): void {
  const result = spawnSync(process.execPath, [join(root, 'dist', 'bridge', 'cli.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pcm ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
}

function sql<T>(fn: (d: Database.Database) => T): T {
  const d = new Database(db);
  try {
    return fn(d);
  } finally {
    d.close();
  }
}
const enableAll = (): void => sql((d) => void d.prepare('UPDATE tblNode SET disabled = 0 WHERE nodeType = 0').run());
const disabledRooms = (): number => sql((d) => Number((d.prepare('SELECT count(*) AS n FROM tblNode WHERE nodeType = 0 AND disabled = 1').get() as { n: number }).n));

process.stderr.write(`Making a migrated pool of ${rooms} rooms ...\n`);
pcm('New-PcmSampleDatabase', '-DBInstance', `sqlite:${join(dir, 'legacy.db')}`, '-Rooms', String(rooms), '-Messages', String(rooms * 2));
pcm('Export-CsPersistentChatData', '-DBInstance', `sqlite:${join(dir, 'legacy.db')}`, '-FileName', join(dir, 'x.zip'));
pcm('Import-CsPersistentChatData', '-DBInstance', `sqlite:${db}`, '-FileName', join(dir, 'x.zip'));
pcm('New-PcmPersistentChatPool', '-PersistentChatPoolFqdn', POOL, '-DBInstance', `sqlite:${db}`);
const total = sql((d) => Number((d.prepare('SELECT count(*) AS n FROM tblNode WHERE nodeType = 0').get() as { n: number }).n));

const script = join(dir, 'pipeline.ps1');
writeFileSync(
  script,
  `param([string]$Manifest, [string]$Pool, [string]$Out)
Import-Module $Manifest -ErrorAction Stop
$null = Get-PcmPersistentChatPool
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Get-CsPersistentChatRoom -PersistentChatPoolFqdn $Pool | Set-CsPersistentChatRoom -Disabled $True
[System.IO.File]::WriteAllText($Out, [string]$watch.Elapsed.TotalMilliseconds)
`,
);
const found = findPwsh();
if (!found) throw new Error(missingPwshMessage());
const pwsh = found;

function pipeline(session: boolean): { ms: number; connections: number } {
  enableAll();
  const out = join(dir, `ms-${session}.txt`);
  const stats = join(dir, `stats-${session}.txt`);
  process.stderr.write(`Timing the pipeline in ${pwsh}, store session ${session ? 'on' : 'off'} ...\n`);
  const result = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', script, '-Manifest', join(root, 'PersistentChatMigration.psd1'), '-Pool', POOL, '-Out', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, PCM_STORE_STATS: stats, ...(session ? {} : { PCM_STORE_SESSION: '0' }) },
  });
  if (result.status !== 0) throw new Error(`the PowerShell part failed (exit ${result.status})`);
  if (disabledRooms() !== total) throw new Error(`the pipeline disabled ${disabledRooms()} of ${total} rooms`);
  const connections = existsSync(stats) ? readFileSync(stats, 'utf8').split('\n').filter((l) => l !== '').length : 0;
  return { ms: Number(readFileSync(out, 'utf8')), connections };
}

const withSession = pipeline(true);
const withoutSession = pipeline(false);

process.stderr.write(`Timing one SQL UPDATE, ${runs} times ...\n`);
const updates: number[] = [];
for (let i = 0; i < runs; i++) {
  enableAll();
  const started = process.hrtime.bigint();
  sql((d) => void d.prepare('UPDATE tblNode SET disabled = 1 WHERE nodeType = 0').run());
  updates.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (disabledRooms() !== total) throw new Error('the UPDATE did not disable every room');
}
const update = median(updates);
rmSync(dir, { recursive: true, force: true });

const rows: [string, string][] = [
  ['rooms', String(total)],
  ['Get | Set -Disabled $True, store session, ms', withSession.ms.toFixed(0)],
  ['  per room, ms', (withSession.ms / total).toFixed(2)],
  ['  connections opened', String(withSession.connections)],
  ['same, PCM_STORE_SESSION=0, ms', withoutSession.ms.toFixed(0)],
  ['  connections opened', String(withoutSession.connections)],
  ['one SQL UPDATE (open, update, close), ms (median)', update.toFixed(2)],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value.padStart(8)}\n`);
const round = (n: number): number => Math.round(n * 100) / 100;
process.stdout.write(
  JSON.stringify({
    rooms: total,
    sessionMs: round(withSession.ms),
    sessionConnections: withSession.connections,
    noSessionMs: round(withoutSession.ms),
    noSessionConnections: withoutSession.connections,
    sqlUpdateMs: round(update),
    sessionToSqlUpdate: round(withSession.ms / update),
    noSessionToSqlUpdate: round(withoutSession.ms / update),
    sessionSpeedup: round(withoutSession.ms / withSession.ms),
  }) + '\n',
);
