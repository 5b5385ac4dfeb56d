/**
 * Log retention with real files and real modification times: what createLogger deletes at start (old pcm-*.log
 * files, then the oldest beyond the size cap), and what it never touches (today's file, other files). And the
 * folder creation that used to hang at full CPU under /proc.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeLogger, createLogger, expireLogs, logFileName, logRetention } from '../../bridge/log.js';
import { makeDirectory, makeDirectorySync } from '../../core/make-directory.js';
import { tempDir } from '../support/temp.js';

const DAY = 86_400_000;
const NOW = new Date(2026, 5, 15, 12, 0, 0);

/** A log file named for `daysAgo` days before NOW and last modified then. */
function oldLog(dir: string, daysAgo: number, bytes = 10, name = logFileName(new Date(NOW.getTime() - daysAgo * DAY))): string {
  const file = join(dir, name);
  writeFileSync(file, 'x'.repeat(bytes));
  const when = new Date(NOW.getTime() - daysAgo * DAY);
  utimesSync(file, when, when);
  return name;
}

describe('log: retention', () => {
  it('deletes pcm-*.log files last written more than 30 days ago when a logger starts, and nothing else', async () => {
    const dir = tempDir('pcm-expiry-');
    const expired = [oldLog(dir, 31), oldLog(dir, 90)];
    const kept = [oldLog(dir, 29), oldLog(dir, 1)];
    // Not ours: another program's file, and a file named like a log but with an unusual name.
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    utimesSync(join(dir, 'notes.txt'), new Date(NOW.getTime() - 400 * DAY), new Date(NOW.getTime() - 400 * DAY));
    const odd = oldLog(dir, 400, 10, 'pcm-old.log');
    const logger = createLogger({ directory: dir, env: {}, now: () => NOW });
    assert.deepEqual([...(logger.expired ?? [])].sort(), [...expired].sort());
    logger.log('info', 'start', {});
    await closeLogger(logger);
    const left = readdirSync(dir).sort();
    assert.deepEqual(left, [...kept, 'notes.txt', odd, logFileName(NOW)].sort());
    const line = JSON.parse(readFileSync(join(dir, logFileName(NOW)), 'utf8').split('\n')[0]!) as Record<string, unknown>;
    assert.equal(line.event, 'logsExpired', 'the deletion itself is logged');
    assert.deepEqual([...(line.files as string[])].sort(), [...expired].sort());
  });

  it('then deletes the oldest until the log files take at most the size cap, never today\'s', () => {
    const dir = tempDir('pcm-expiry-size-');
    const names = [oldLog(dir, 5, 400), oldLog(dir, 4, 400), oldLog(dir, 3, 400), oldLog(dir, 2, 400)];
    writeFileSync(join(dir, logFileName(NOW)), 'y'.repeat(900));
    const removed = expireLogs(dir, { maxAgeDays: 30, maxTotalBytes: 1500 }, NOW);
    // 900 today + 4 x 400 = 2500: the two oldest go (1700), then the third (1300 <= 1500).
    assert.deepEqual(removed, names.slice(0, 3));
    assert.deepEqual(readdirSync(dir).sort(), [names[3]!, logFileName(NOW)].sort());
    // Today's file alone over the cap is kept.
    assert.deepEqual(expireLogs(dir, { maxAgeDays: 30, maxTotalBytes: 10 }, NOW), [names[3]!]);
    assert.ok(existsSync(join(dir, logFileName(NOW))));
  });

  it('PCM_LOG_RETENTION_DAYS changes the age (0 keeps every file); a value that is not a number is ignored', () => {
    assert.deepEqual(logRetention({}), { maxAgeDays: 30, maxTotalBytes: 100 * 1024 * 1024 });
    assert.equal(logRetention({ PCM_LOG_RETENTION_DAYS: '7' }).maxAgeDays, 7);
    assert.equal(logRetention({ PCM_LOG_RETENTION_DAYS: 'soon' }).maxAgeDays, 30);
    const dir = tempDir('pcm-expiry-env-');
    const name = oldLog(dir, 3650);
    const forever = createLogger({ directory: dir, env: { PCM_LOG_RETENTION_DAYS: '0' }, now: () => NOW });
    assert.deepEqual(forever.expired, []);
    assert.ok(existsSync(join(dir, name)));
    const week = createLogger({ directory: dir, env: { PCM_LOG_RETENTION_DAYS: '7' }, now: () => NOW });
    assert.deepEqual(week.expired, [name]);
  });
});

describe('core: makeDirectory', () => {
  it('creates missing parents, accepts an existing folder, and refuses a file in the way', async () => {
    const dir = tempDir('pcm-mkdir-');
    makeDirectorySync(join(dir, 'a', 'b', 'c'));
    await makeDirectory(join(dir, 'x', 'y'));
    makeDirectorySync(join(dir, 'a', 'b'));
    assert.ok(existsSync(join(dir, 'a', 'b', 'c')) && existsSync(join(dir, 'x', 'y')));
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => makeDirectorySync(join(dir, 'file', 'sub')), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR');
    await assert.rejects(makeDirectory(join(dir, 'file', 'sub')), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR');
  });

  // Node 20's mkdir(..., { recursive: true }) never returns for these: the test would time out, not fail an assertion.
  it('fails at once under /proc and under a link to nothing, naming the folder that cannot hold the new one', async () => {
    assert.throws(() => makeDirectorySync('/proc/nope/deeper'), /'\/proc' exists but cannot hold the new folder 'nope'/);
    await assert.rejects(makeDirectory('/proc/nope'), /'\/proc' exists but cannot hold the new folder 'nope'/);
    const dir = tempDir('pcm-mkdir-link-');
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    assert.throws(() => makeDirectorySync(join(dir, 'dangling', 'logs')), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR' && /link to nothing/.test(e.message));
    await assert.rejects(makeDirectory(join(dir, 'dangling', 'logs')), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR');
  });
});
