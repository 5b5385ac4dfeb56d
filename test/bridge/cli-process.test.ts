/**
 * The pcm command line as a scheduled task or CI sees it: a child process with no terminal (stdin closed or a pipe,
 * stdout and stderr pipes) and PCM_LOG_DIR in a temporary folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '../../cmdlets/framework/registry.js';
import { tempDir } from '../support/temp.js';

const CLI = fileURLToPath(new URL('../../bridge/cli.js', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../../package.json', import.meta.url));

interface Run {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly out: string;
  readonly err: string;
}

function pcm(args: readonly string[], options: { input?: Buffer; logDir?: string } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, PCM_LOG_DIR: options.logDir ?? logDir };
  delete env.COLUMNS;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env,
    input: options.input,
    stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, out: result.stdout.toString('utf8'), err: result.stderr.toString('utf8') };
}

let logDir: string;
let work: string;

function expectUsage(run: Run, ...fragments: string[]): void {
  assert.equal(run.status, 2, run.err);
  assert.equal(run.out, '');
  assert.match(run.err, /^pcm: .*\(\w+, InvalidArgument\)\n$/s);
  for (const fragment of fragments) assert.ok(run.err.includes(fragment), `'${fragment}' not in: ${run.err}`);
}

describe('pcm (child process, no terminal)', () => {
  before(() => {
    logDir = tempDir('pcm-cli-log-');
    work = tempDir('pcm-cli-work-');
  });

  it('--help, -? and no arguments list every cmdlet with its synopsis', () => {
    for (const args of [['--help'], ['-?'], []]) {
      const run = pcm(args);
      assert.equal(run.status, 0, run.err);
      assert.equal(run.err, '');
      for (const { declaration } of registry) assert.ok(run.out.includes(declaration.name), `${declaration.name} in pcm ${args.join(' ')}`);
      assert.ok(run.out.replace(/\s+/g, ' ').includes(registry[0]!.declaration.synopsis));
    }
  });

  it('--version prints the version from package.json', () => {
    const run = pcm(['--version']);
    assert.equal(run.status, 0);
    assert.equal(run.out, `${(JSON.parse(readFileSync(PACKAGE, 'utf8')) as { version: string }).version}\n`);
  });

  it('runs as `npx pcm` from the repository root, as the README writes it (the built cli.js is executable)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PCM_LOG_DIR: logDir };
    const run = spawnSync('npx', ['--no-install', 'pcm', '--version'], { cwd: dirname(PACKAGE), env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    if (run.error) throw run.error;
    assert.equal(run.status, 0, run.stderr.toString('utf8'));
    assert.equal(run.stdout.toString('utf8'), `${(JSON.parse(readFileSync(PACKAGE, 'utf8')) as { version: string }).version}\n`);
  });

  it('<cmdlet> -? and pcm help <cmdlet> print the Get-Help text', () => {
    for (const args of [['import-cspersistentchatdata', '-?'], ['help', 'Import-CsPersistentChatData'], ['Import-CsPersistentChatData', '--help']]) {
      const run = pcm(args);
      assert.equal(run.status, 0, run.err);
      assert.match(run.out, /^NAME\n    Import-CsPersistentChatData\n\nSYNOPSIS\n/);
      assert.ok(run.out.includes('    Import-CsPersistentChatData -DBInstance <String> [-DBName <String>] [-Credential <PSCredential>] [-TrustServerCertificate] -ByteInput <Byte[]>'));
      assert.ok(run.out.includes('COMMAND LINE'));
    }
  });

  it('exits 2 for an unknown cmdlet', () => {
    expectUsage(pcm(['Get-Nothing', '-Name', 'x']), 'pcm: Get-Nothing: ', '(CommandNotFound, InvalidArgument)');
  });

  it('exits 2 for an unknown or ambiguous parameter', () => {
    expectUsage(pcm(['Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Bogus']), "'Bogus'", '(NamedParameterNotFound, InvalidArgument)');
    expectUsage(pcm(['Export-CsPersistentChatData', '-D', 'a']), '(AmbiguousParameter, InvalidArgument)');
  });

  it('exits 2 for a missing mandatory parameter, naming it once', () => {
    const run = pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${join(work, 'none.db')}`]);
    expectUsage(run, '-FileName', '(MissingMandatoryParameter, InvalidArgument)');
    assert.ok(run.err.startsWith('pcm: Export-CsPersistentChatData: missing mandatory parameter -FileName.'), run.err);
  });

  it('exits 2 for a bad -Level (bad usage, as the README says), listing the allowed values and writing nothing', () => {
    const zip = join(work, 'level.zip');
    const run = pcm(['Export-CsPersistentChatData', '-DBInstance', 'sqlite:x.db', '-FileName', zip, '-Level', 'Everything']);
    assert.equal(run.status, 2, run.err);
    assert.match(run.err, /'Everything' is not one of the allowed values: All, User, Category, RoomDirectory, Content/);
    assert.match(run.err, /\(ParameterArgumentValidationError, InvalidArgument\)/);
    assert.equal(existsSync(zip), false);
  });

  it('exits 2 for a byte array written on the command line, explaining - and -FileName', () => {
    expectUsage(pcm(['Import-CsPersistentChatData', '-DBInstance', 'sqlite:x.db', '-ByteInput', 'x.zip']), '-ByteInput -', '-FileName');
  });

  it('exits 2 for -Confirm without a terminal, pointing at -Confirm:$false', () => {
    const target = join(work, 'confirm.db');
    expectUsage(pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', 'x.zip', '-Confirm']), '-Confirm:$false');
    assert.equal(existsSync(target), false);
  });

  it('exits 1 with a clear message when the package file does not exist, leaving the target alone', () => {
    const target = join(work, 'target.db');
    const missing = join(work, 'no-such-package.zip');
    const run = pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', missing]);
    assert.equal(run.status, 1, run.err);
    assert.equal(run.out, '');
    assert.match(run.err, /^pcm: Import-CsPersistentChatData: .*\(\w+, \w+\)\n$/s);
    assert.ok(run.err.includes(missing), run.err);
    assert.equal(existsSync(target), false, 'a failed import must not create the target');
  });

  it('runs a migration end to end: JSON lines by default, raw bytes from -AsBytes into -ByteInput -, and a log', () => {
    const source = join(work, 'legacy.db');
    const sample = pcm(['New-PcmSampleDatabase', `sqlite:${source}`, '-Messages', '60', '-Users', '8', '-Rooms', '12', '-PassThru']);
    assert.equal(sample.status, 0, sample.err);
    const sampleLines = sample.out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(sampleLines.length, 1);
    assert.equal(sampleLines[0]!.$type, 'PersistentChatMigration.SampleDatabase');

    const exported = pcm(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${source}`, '-AsBytes']);
    assert.equal(exported.status, 0, exported.err);
    assert.equal(exported.stdout.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'stdout is the ZIP itself');

    const imported = pcm(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${join(work, 'mgc.db')}`, '-ByteInput', '-', '-PassThru', '-Confirm:$false'], { input: exported.stdout });
    assert.equal(imported.status, 0, imported.err);
    const result = JSON.parse(imported.out) as Record<string, unknown>;
    assert.equal(result.$type, 'PersistentChatMigration.ImportResult');
    assert.match(imported.err, /^(WARNING: .*\n)*$/, 'stderr has only warnings');

    const log = readdirSync(logDir).map((file) => readFileSync(join(logDir, file), 'utf8')).join('');
    const events = log.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const imports = events.filter((e) => e.cmdlet === 'Import-CsPersistentChatData' && e.event === 'start');
    assert.ok(imports.some((e) => (e.parameters as Record<string, unknown>).ByteInput === `<${exported.stdout.length} bytes>`));
    assert.ok(events.some((e) => e.cmdlet === 'Import-CsPersistentChatData' && e.event === 'end' && e.outcome === 'Succeeded'));
  });

  it('prints a list with -OutputFormat Table, and VERBOSE lines with -Verbose', () => {
    const run = pcm(['New-PcmSampleDatabase', `sqlite:${join(work, 'table.db')}`, '-Messages', '0', '-Users', '8', '-Rooms', '12', '-PassThru', '-OutputFormat', 'table', '-Verbose']);
    assert.equal(run.status, 0, run.err);
    assert.match(run.out, /^DBInstance +: sqlite:/m);
    assert.match(run.err, /^VERBOSE: Logging to .*pcm-\d{4}-\d{2}-\d{2}\.log\.$/m);
  });

  it('warns once and carries on when the log folder cannot be created', () => {
    const blocker = join(work, 'not-a-folder');
    writeFileSync(blocker, '');
    const run = pcm(['New-PcmSampleDatabase', `sqlite:${join(work, 'nolog.db')}`, '-Messages', '0', '-Users', '8', '-Rooms', '12'], { logDir: join(blocker, 'logs') });
    assert.equal(run.status, 0, run.err);
    assert.equal(run.err.match(/WARNING: cannot create the log folder/g)?.length, 1, run.err);
  });
});
