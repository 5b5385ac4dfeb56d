// Checks that test/pwsh/pwsh (PcmTestPwsh) behaves like pwsh for node-powershell and for -File.
// Not a mocha test on purpose. Run from a folder whose node_modules has node-powershell@5.0.1
// (e.g. /work/main once the project depends on it):  node test/pwsh/verify/verify.mjs
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const launcher = process.env.PCM_TEST_PWSH ?? path.resolve(here, '..', 'pwsh');
const moduleManifest = path.join(here, 'TinyMod', 'TinyMod.psd1');
const scripts = path.join(here, 'scripts');

let PowerShell;
for (const from of [path.join(process.cwd(), 'noop.js'), import.meta.url]) {
  try {
    ({ PowerShell } = createRequire(from)('node-powershell'));
    break;
  } catch {
    // try the next place
  }
}
if (!PowerShell) {
  console.error('verify.mjs: node-powershell not found from the current folder nor from test/pwsh/verify; run `npm install` (or `npm install node-powershell@5.0.1` in a scratch folder and run from there)');
  process.exit(2);
}
process.env.NODE_POWERSHELL = launcher;

let passed = 0;
let failed = 0;
const timings = {};
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : `\n    ${String(detail).replace(/\n/g, '\n    ')}`}`);
}
const psq = (s) => `'${s.replace(/'/g, "''")}'`;

// 0. Make sure the program is built, so that cold start below is a start, not a build.
let t0 = Date.now();
const build = spawnSync(launcher, ['-NoProfile', '-NonInteractive', '-Command', 'exit 0'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
timings.buildOrStartMs = Date.now() - t0;
check('launcher builds/starts and exits 0', build.status === 0, build.stderr);

// 1. node-powershell session.
const opts = { executableOptions: { '-NoProfile': true, '-NonInteractive': true }, invocationTimeout: 60000 };
t0 = Date.now();
const ps = new PowerShell(opts);
let r = await ps.invoke('1+1');
timings.coldStartMs = Date.now() - t0;
check('invoke 1+1 returns 2', r.raw === '2', r.raw);

const warm = [];
for (let i = 0; i < 20; i++) {
  const t = Date.now();
  await ps.invoke('1+1');
  warm.push(Date.now() - t);
}
warm.sort((a, b) => a - b);
timings.warmInvokeMedianMs = warm[10];

await ps.invoke('$v = 41');
r = await ps.invoke('$v + 1');
check('variables persist across invokes', r.raw === '42', r.raw);

await ps.invoke('function Get-Twice {\n  param($x)\n  $x * 2\n}');
r = await ps.invoke('Get-Twice 21');
check('multi-line function definition, then call', r.raw === '42', r.raw);

r = await ps.invoke('$h = @"\nline one\nline two\n"@\n$h.Split("`n").Count');
check('multi-line here-string', r.raw === '2', r.raw);

r = await ps.invoke('if ($v -eq 0) {\n  "then"\n}\nelse {\n  "else"\n}');
check('multi-line if / else', r.raw === 'else', r.raw);

r = await ps.invoke('try {\n  throw "inner"\n}\ncatch {\n  "caught $_"\n}\nfinally {\n  "finally"\n}');
check('multi-line try / catch / finally', r.raw === 'caught inner\nfinally', r.raw);

r = await ps.invoke('function Get-Blank {\n\n  "with blank line"\n}\n');
r = await ps.invoke('Get-Blank');
check('blank lines inside a block and a trailing newline', r.raw === 'with blank line', r.raw);

r = await ps.invoke('"héllo ✓ 日本"');
check('UTF-8 round trip', r.raw === 'héllo ✓ 日本', r.raw);

r = await ps.invoke('[pscustomobject]@{A=1;B="x"}');
check('object is formatted as a table', /A\s+B/.test(r.raw) && /-\s+-/.test(r.raw) && /1\s+x/.test(r.raw), r.raw);

let err;
try {
  await ps.invoke('Get-Item-Nope');
} catch (e) {
  err = e;
}
check('error rejects with the message (stderr)', err && /Get-Item-Nope/.test(err.message) && /not recognized/.test(err.message), err?.message ?? 'no rejection');
check('hadErrors is set', ps.history[0].hadErrors === true);
r = await ps.invoke('"alive"');
check('session usable after an error', r.raw === 'alive', r.raw);

r = await ps.invoke('$PSVersionTable.PSVersion.ToString()');
check('$PSVersionTable.PSVersion is 7.6.x', /^7\.6\.\d+/.test(r.raw), r.raw);
r = await ps.invoke('$PSVersionTable.PSVersion');
check('$PSVersionTable.PSVersion prints as a table', /Major\s+Minor/.test(r.raw) && /\b7\s+6\b/.test(r.raw), r.raw);
r = await ps.invoke('$Host.Name');
check('host name', r.raw === 'PcmTestHost', r.raw);

r = await ps.invoke(`Import-Module ${psq(moduleManifest)}; (Get-Module TinyMod).Version.ToString()`);
check('Import-Module of a .psd1', r.raw === '0.1.0', r.raw);
r = await ps.invoke('Set-TinyThing -Name foo -Verbose');
check('-Verbose shows VERBOSE lines, warnings and output on stdout',
  r.raw.includes('VERBOSE: Setting foo') && r.raw.includes('WARNING: Careful with foo') && r.raw.includes('Set foo'), r.raw);
r = await ps.invoke('Set-TinyThing -Name bar -WhatIf');
check('-WhatIf shows "What if:" and does nothing',
  r.raw.includes('What if: Performing the operation "Set tiny thing" on target "bar".') && !r.raw.includes('Set bar'), r.raw);
r = await ps.invoke('Set-TinyThing -Name quiet');
check('no VERBOSE lines without -Verbose', !r.raw.includes('VERBOSE') && r.raw.includes('Set quiet'), r.raw);
r = await ps.invoke('Get-TinyProgress');
check('progress is not printed', r.raw === 'done', r.raw);
r = await ps.invoke('Get-Help Set-TinyThing -Full');
check('Get-Help -Full shows synopsis and example',
  r.raw.includes('Sets a tiny thing (test function).') && r.raw.includes('EXAMPLE 1') && r.raw.includes('Set-TinyThing -Name foo'), r.raw);

err = undefined;
t0 = Date.now();
try {
  await ps.invoke('Set-TinyThing -Name c -Confirm');
} catch (e) {
  err = e;
}
check('-Confirm prompt under -NonInteractive errors instead of hanging',
  err && /NonInteractive mode/.test(err.message) && Date.now() - t0 < 30000, err?.message ?? 'no rejection');

const child = ps.process;
await ps.dispose();
check('dispose() ends the process', child.exitCode !== null || child.signalCode !== null, `${child.exitCode} ${child.signalCode}`);

// 2. -File and -Command exit codes.
function run(args) {
  return spawnSync(launcher, args, { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
}
function file(name, ...rest) {
  return run(['-NoProfile', '-NonInteractive', '-File', path.join(scripts, name), ...rest]);
}
let p = file('ok.ps1');
check('-File success: exit 0', p.status === 0 && p.stdout.trim() === 'ok', JSON.stringify(p));
p = file('exit3.ps1');
check('-File exit 3: exit 3', p.status === 3 && p.stdout.trim() === 'three', JSON.stringify(p));
p = file('throw.ps1');
check('-File throw: exit 1, message on stderr', p.status === 1 && p.stderr.includes('x-thrown') && !p.stdout.includes('after'), JSON.stringify(p));
p = file('nonterminating.ps1');
check('-File non-terminating error only: exit 0, message on stderr',
  p.status === 0 && p.stderr.includes('Nope-NonTerminating') && p.stdout.includes('still here'), JSON.stringify(p));
p = file('erroractionstop.ps1');
check('-File -ErrorAction Stop error: exit 1', p.status === 1 && p.stderr.includes('Nope-Stop'), JSON.stringify(p));
p = file('confirm.ps1');
check('-File -Confirm under -NonInteractive: error, no hang', p.status !== null && /NonInteractive mode/.test(p.stderr), JSON.stringify(p));
p = file('args.ps1', '-Name', 'n1', '-Flag', '-Other:o1', 'rest1');
check('-File passes named/switch/colon/positional arguments',
  p.status === 0 && p.stdout.trim() === 'Name=n1 Flag=True Other=o1 Rest=rest1', JSON.stringify(p));
p = run(['-nop', '-noni', '-File', path.join(scripts, 'ok.ps1')]);
check('-nop -noni abbreviations', p.status === 0 && p.stdout.trim() === 'ok', JSON.stringify(p));
p = run(['-NoProfile', '-File', path.join(scripts, 'missing.ps1')]);
check('-File of a missing script: exit 64', p.status === 64, JSON.stringify(p));
p = run(['-NoProfile', '-Command', '"hi"; 1+2']);
check('-Command string: output, exit 0', p.status === 0 && p.stdout === 'hi\n3\n', JSON.stringify(p));
p = run(['-NoProfile', '-Command', 'Get-Item-Nope']);
check('-Command string failing: exit 1', p.status === 1 && p.stderr.includes('Get-Item-Nope'), JSON.stringify(p));
p = run(['-NoProfile', '-Command', 'exit 5']);
check('-Command exit 5: exit 5', p.status === 5, JSON.stringify(p));

console.log(`timings: ${JSON.stringify(timings)}`);
console.log(`verify: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
