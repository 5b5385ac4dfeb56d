import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCmdlet, outputObject, type Cmdlet, type CmdletDeclaration } from '../../cmdlets/framework/cmdlet.js';
import { invokeCmdlet } from '../../bridge/invoke.js';
import { closeLogger, createLogger, defaultLogDirectory, logFileName, ProgressLogThrottle, resolveLogDirectory } from '../../bridge/log.js';
import { redactParameters, REDACTED } from '../../bridge/log-redact.js';
import { tempDir } from '../support/temp.js';

const BODY = 'MESSAGE-BODY-Do-not-log-me <b>secret plans</b>';
const PASSWORD = 'Pa55-w0rd-never-logged';

const declaration = {
  name: 'Test-Secrets',
  synopsis: 'A cmdlet with secrets, for the log tests.',
  description: 'Takes every kind of secret.',
  parameters: [
    { name: 'DBInstance', type: 'String', mandatory: true, description: 'A server.' },
    { name: 'Credential', type: 'PSCredential', description: 'A credential.' },
    { name: 'Password', type: 'String', description: 'A password.' },
    { name: 'ClientSecretValue', type: 'String', description: 'A secret.' },
    { name: 'Package', type: 'Byte[]', description: 'Bytes.' },
    { name: 'Scope', type: 'String[]', description: 'Categories.' },
    { name: 'StartDate', type: 'DateTime', description: 'A date.' },
  ],
  outputTypes: [{ typeName: 'Test.Message' }],
  examples: [],
} as const satisfies CmdletDeclaration;

const secretsCmdlet = defineCmdlet(declaration, async function* (_params, context) {
  context.warning('Room Engineering: topic dropped');
  context.progress({ activity: 'Messages', status: '1 of 1', percentComplete: 100 });
  yield outputObject('Test.Message', { Content: BODY });
}) as unknown as Cmdlet<CmdletDeclaration>;

function readLines(directory: string): Record<string, unknown>[] {
  const files = readdirSync(directory);
  assert.equal(files.length, 1, `one log file expected in ${directory}: ${files.join(', ')}`);
  assert.match(files[0]!, /^pcm-\d{4}-\d{2}-\d{2}\.log$/);
  return readFileSync(join(directory, files[0]!), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('log: winston JSON lines in the log folder', () => {
  it('documents a default folder per platform', () => {
    assert.equal(defaultLogDirectory({ ProgramData: 'D:\\PD' }, 'win32', 'C:\\Users\\x'), 'D:\\PD\\PersistentChatMigration\\Logs');
    assert.equal(defaultLogDirectory({}, 'win32', 'C:\\Users\\x'), 'C:\\ProgramData\\PersistentChatMigration\\Logs');
    assert.equal(defaultLogDirectory({ XDG_STATE_HOME: '/var/state' }, 'linux', '/home/u'), '/var/state/persistentchatmigration/logs');
    assert.equal(defaultLogDirectory({ XDG_STATE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.local/state/persistentchatmigration/logs');
    assert.equal(defaultLogDirectory({}, 'darwin', '/Users/u'), '/Users/u/.local/state/persistentchatmigration/logs');
  });

  it('takes the folder from the host first, then PCM_LOG_DIR', () => {
    assert.equal(resolveLogDirectory({ directory: '/a', env: { PCM_LOG_DIR: '/b' } }), '/a');
    assert.equal(resolveLogDirectory({ env: { PCM_LOG_DIR: '/b' } }), '/b');
    assert.equal(resolveLogDirectory({ env: { XDG_STATE_HOME: '/s' }, platform: 'linux' }), '/s/persistentchatmigration/logs');
  });

  it('names one file per local day', () => {
    assert.equal(logFileName(new Date(2026, 0, 5, 23, 59)), 'pcm-2026-01-05.log');
  });

  it('writes a run to a real file through PCM_LOG_DIR: parameters present, secrets and message bodies absent', async () => {
    const directory = tempDir();
    const logger = createLogger({ env: { PCM_LOG_DIR: directory }, base: { host: 'test' } });
    assert.equal(logger.problem, undefined);
    await invokeCmdlet(
      secretsCmdlet,
      [
        ['DBInstance', `Server=sql01;Database=mgc;User Id=sa;Password=${PASSWORD};`],
        ['Credential', { userName: 'CONTOSO\\alice', password: PASSWORD }],
        ['Password', PASSWORD],
        ['ClientSecretValue', PASSWORD],
        ['Package', Buffer.from(BODY)],
        ['Scope', 'Engineering,Sales'],
        ['StartDate', '2010-01-01T00:00:00Z'],
      ],
      [],
      { sink: { output() {}, verbose() {}, warning() {}, progress() {}, error() {} }, logger, host: 'cli' },
    );
    await closeLogger(logger);
    const text = readFileSync(logger.file!, 'utf8');
    assert.ok(!text.includes(PASSWORD), 'a password reached the log');
    assert.ok(!text.includes('MESSAGE-BODY') && !text.includes('secret plans'), 'a message body reached the log');
    const lines = readLines(directory);
    assert.deepEqual(lines.map((l) => l.event), ['start', 'warning', 'progress', 'end']);
    for (const line of lines) {
      assert.equal(typeof line.time, 'string');
      assert.equal(line.pid, process.pid);
      assert.equal(line.cmdlet, 'Test-Secrets');
    }
    assert.deepEqual(lines[0]!.parameters, {
      DBInstance: `Server=sql01;Database=mgc;User Id=sa;Password=${REDACTED};`,
      Credential: { userName: 'CONTOSO\\alice' },
      Password: REDACTED,
      ClientSecretValue: REDACTED,
      Package: `<${Buffer.byteLength(BODY)} bytes>`,
      Scope: ['Engineering', 'Sales'],
      StartDate: '2010-01-01T00:00:00.000Z',
    });
    assert.equal(lines[0]!.host, 'cli');
    assert.equal(lines[1]!.message, 'Room Engineering: topic dropped');
    assert.equal(lines[3]!.outcome, 'Succeeded');
    assert.equal(lines[3]!.outputCount, 1);
  });

  it('writes everything logged before close, and nothing after', async () => {
    const directory = tempDir();
    const logger = createLogger({ directory });
    for (let i = 0; i < 2000; i++) logger.log('info', 'line', { i });
    await closeLogger(logger);
    logger.log('info', 'after close');
    await closeLogger(logger);
    const lines = readLines(directory);
    assert.equal(lines.length, 2000);
    assert.equal(lines[1999]!.i, 1999);
  });

  it('keeps the verbose lines out unless the level asks for them', async () => {
    const directory = tempDir();
    const quiet = createLogger({ directory });
    quiet.log('verbose', 'verbose', { message: 'detail' });
    quiet.log('info', 'kept');
    await closeLogger(quiet);
    assert.deepEqual(readLines(directory).map((l) => l.event), ['kept']);
  });

  it('moves to the next day\'s file when the date changes', async () => {
    const directory = tempDir();
    let now = new Date(2026, 2, 1, 23, 59, 59);
    const logger = createLogger({ directory, now: () => now });
    logger.log('info', 'first');
    now = new Date(2026, 2, 2, 0, 0, 1);
    logger.log('info', 'second');
    await closeLogger(logger);
    assert.deepEqual(readdirSync(directory).sort(), ['pcm-2026-03-01.log', 'pcm-2026-03-02.log']);
    assert.match(readFileSync(join(directory, 'pcm-2026-03-02.log'), 'utf8'), /"event":"second"/);
  });

  it('falls back to no file, silently, when the folder cannot be created', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    const logger = createLogger({ directory: join(blocker, 'logs') });
    assert.equal(logger.file, undefined);
    assert.match(logger.problem!, /cannot create the log folder/);
    logger.log('error', 'ignored', { a: 1 });
    await closeLogger(logger);
    const sink = { output() {}, verbose() {}, warning() {}, progress() {}, error() {} };
    const result = await invokeCmdlet(secretsCmdlet, [['DBInstance', 'x']], [], { sink, logger });
    assert.equal(result.outcome, 'Succeeded');
  });

  it('redacts parameters by type and by name', () => {
    assert.deepEqual(
      redactParameters(declaration, {
        Credential: { userName: 'bob', password: 'x' },
        Package: new Uint8Array(3),
        Password: 'x',
        DBInstance: 'sql01\\rtc',
        Extra: { apiToken: 'x', nested: { pwd: 'x', ok: 1n } },
      }),
      { Credential: { userName: 'bob' }, Package: '<3 bytes>', Password: REDACTED, DBInstance: 'sql01\\rtc', Extra: { apiToken: REDACTED, nested: { pwd: REDACTED, ok: '1' } } },
    );
  });

  it('lets through one progress line per activity every 10 seconds, plus the first and the completion', () => {
    let now = 0;
    const throttle = new ProgressLogThrottle(10_000, () => now);
    const passed: string[] = [];
    for (let second = 0; second <= 30; second++) {
      now = second * 1000;
      for (const activity of ['A', 'B']) if (throttle.shouldLog({ activity, status: String(second) })) passed.push(`${activity}${second}`);
    }
    if (throttle.shouldLog({ activity: 'A', status: 'done', completed: true })) passed.push('A done');
    assert.deepEqual(passed, ['A0', 'B0', 'A10', 'B10', 'A20', 'B20', 'A30', 'B30', 'A done']);
  });
});
