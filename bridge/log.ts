/**
 * The product's log (DESIGN §9): winston writing one JSON object per line to `pcm-YYYY-MM-DD.log` (the local date)
 * in a log folder, so that scheduled tasks leave a trail an administrator can read or feed to a log tool.
 *
 * The folder, first match wins:
 *  - the host's explicit choice (the CLI's -LogPath);
 *  - the environment variable PCM_LOG_DIR;
 *  - Windows: %ProgramData%\PersistentChatMigration\Logs;
 *  - elsewhere: $XDG_STATE_HOME/persistentchatmigration/logs, or ~/.local/state/persistentchatmigration/logs.
 *
 * Logging never makes a cmdlet fail: when the folder or the file cannot be written, the logger carries on without a
 * file and says why in `problem` (the CLI prints that once). The file transport appends each line with one
 * synchronous write, so several processes can share a day's file and nothing sits in a buffer when a process ends;
 * closeLogger() still drains winston's own stream before the process exits.
 *
 * Logs expire: each time a logger is created, the log files in its folder (pcm-YYYY-MM-DD.log, nothing else) last
 * changed more than 30 days ago are deleted (PCM_LOG_RETENTION_DAYS changes the 30; 0 keeps them all), and then
 * the oldest ones until the folder's log files take at most 100 MiB. Today's file is never deleted.
 */
import { closeSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import type TransportStream from 'winston-transport';
import type { ProgressInfo } from '../cmdlets/framework/cmdlet.js';
import { makeDirectorySync } from '../core/make-directory.js';
import { redactValue } from './log-redact.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'verbose' | 'debug';

/** Where a run's events go: one line per call, `fields` already free of secrets (they are redacted again anyway). */
export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export interface PcmLogger extends Logger {
  /** The folder logs go to (or would go to). */
  readonly directory: string;
  /** The file being written, or undefined when logging fell back to no file. */
  readonly file: string | undefined;
  /** Why there is no file, when there is none. */
  readonly problem: string | undefined;
  /** The expired log files deleted when the logger was created (file names). */
  readonly expired?: readonly string[];
}

export interface LoggerOptions {
  /** The folder; wins over PCM_LOG_DIR and the default. A relative path is taken from the current folder. */
  readonly directory?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** The lowest level written. Default is `info`; `verbose` adds the cmdlets' verbose messages. */
  readonly level?: LogLevel;
  /** Fields written on every line, e.g. `{ host: 'cli' }`. The process id is always there. */
  readonly base?: Record<string, unknown>;
  /** The clock, for tests. */
  readonly now?: () => Date;
  /** Log retention; PCM_LOG_RETENTION_DAYS, else 30 days and 100 MiB. */
  readonly retention?: Partial<LogRetention>;
}

export interface LogRetention {
  /** Log files last written more than this many days ago are deleted; 0 keeps them whatever their age. */
  readonly maxAgeDays: number;
  /** Then the oldest are deleted until the log files take at most this many bytes; 0 means no limit. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_LOG_RETENTION: LogRetention = { maxAgeDays: 30, maxTotalBytes: 100 * 1024 * 1024 };

const LOG_FILE = /^pcm-\d{4}-\d{2}-\d{2}\.log$/;

/** The retention in force: the options, else PCM_LOG_RETENTION_DAYS (a whole number of days), else the defaults. */
export function logRetention(env: NodeJS.ProcessEnv = process.env, options: Partial<LogRetention> = {}): LogRetention {
  const days = env.PCM_LOG_RETENTION_DAYS?.trim();
  const fromEnv = days !== undefined && /^\d+$/.test(days) ? Number(days) : undefined;
  return {
    maxAgeDays: options.maxAgeDays ?? fromEnv ?? DEFAULT_LOG_RETENTION.maxAgeDays,
    maxTotalBytes: options.maxTotalBytes ?? DEFAULT_LOG_RETENTION.maxTotalBytes,
  };
}

/**
 * Deletes expired log files in `directory` (only pcm-YYYY-MM-DD.log files, never today's) and returns their names.
 * Never throws: a file another process deleted first, or one that cannot be deleted, is skipped.
 */
export function expireLogs(directory: string, retention: LogRetention, now: Date = new Date()): string[] {
  const today = logFileName(now);
  let files: { name: string; mtimeMs: number; size: number }[];
  try {
    files = readdirSync(directory)
      .filter((name) => LOG_FILE.test(name) && name !== today)
      .flatMap((name) => {
        try {
          const stat = statSync(path.join(directory, name));
          return stat.isFile() ? [{ name, mtimeMs: stat.mtimeMs, size: stat.size }] : [];
        } catch {
          return [];
        }
      });
  } catch {
    return [];
  }
  files.sort((a, b) => a.mtimeMs - b.mtimeMs);
  const doomed = new Set<string>();
  if (retention.maxAgeDays > 0) {
    const cutoff = now.getTime() - retention.maxAgeDays * 86_400_000;
    for (const f of files) if (f.mtimeMs < cutoff) doomed.add(f.name);
  }
  if (retention.maxTotalBytes > 0) {
    let todaySize = 0;
    try {
      todaySize = statSync(path.join(directory, today)).size;
    } catch {
      // noop: no file yet today
    }
    let total = todaySize + files.filter((f) => !doomed.has(f.name)).reduce((sum, f) => sum + f.size, 0);
    for (const f of files) {
      if (total <= retention.maxTotalBytes) break;
      if (doomed.has(f.name)) continue;
      doomed.add(f.name);
      total -= f.size;
    }
  }
  const removed: string[] = [];
  for (const name of doomed) {
    try {
      rmSync(path.join(directory, name));
      removed.push(name);
    } catch {
      // noop: gone already, or not ours to delete
    }
  }
  return removed;
}

/** The documented default log folder for a platform. */
export function defaultLogDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'PersistentChatMigration', 'Logs');
  }
  // The XDG spec ignores a relative XDG_STATE_HOME.
  const state = env.XDG_STATE_HOME && path.posix.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.posix.join(home, '.local', 'state');
  return path.posix.join(state, 'persistentchatmigration', 'logs');
}

export function resolveLogDirectory(options: Pick<LoggerOptions, 'directory' | 'env' | 'platform'> = {}): string {
  const env = options.env ?? process.env;
  if (options.directory) return path.resolve(options.directory);
  if (env.PCM_LOG_DIR) return path.resolve(env.PCM_LOG_DIR);
  return defaultLogDirectory(env, options.platform ?? process.platform);
}

/** `pcm-YYYY-MM-DD.log` for the local date. */
export function logFileName(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `pcm-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}.log`;
}

const MESSAGE = Symbol.for('message');
// winston exports winston-transport's class as `Transport`; its typings name it `transport`, as a namespace.
const TransportBase = (winston as unknown as { Transport: typeof TransportStream }).Transport;

/** Appends formatted lines to the day's file, switching files when the date changes. */
class DailyFileTransport extends TransportBase {
  readonly #directory: string;
  readonly #now: () => Date;
  #fd: number | undefined;
  #file: string | undefined;
  problem: string | undefined;

  constructor(directory: string, now: () => Date) {
    super({});
    this.#directory = directory;
    this.#now = now;
  }

  /** The file written last (still named after close()). */
  get file(): string | undefined {
    return this.#file;
  }

  /** Opens today's file; false (with `problem` set) when it cannot be. */
  open(): boolean {
    const file = path.join(this.#directory, logFileName(this.#now()));
    if (file === this.#file && this.#fd !== undefined) return true;
    this.close();
    try {
      this.#fd = openSync(file, 'a');
      this.#file = file;
      return true;
    } catch (error) {
      this.problem = `cannot write the log file ${file}: ${(error as Error).message}`;
      return false;
    }
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    if (this.open()) {
      try {
        writeSync(this.#fd!, `${String(info[MESSAGE])}\n`);
      } catch (error) {
        this.problem ??= `cannot write the log file ${this.#file}: ${(error as Error).message}`;
      }
    }
    next();
  }

  override close(): void {
    if (this.#fd === undefined) return;
    try {
      closeSync(this.#fd);
    } catch {
      // noop: closing a log file that failed is nothing to report
    }
    this.#fd = undefined;
  }
}

class FileLogger implements PcmLogger {
  readonly directory: string;
  expired: readonly string[] = [];
  readonly #winston: winston.Logger;
  readonly #transport: DailyFileTransport;
  #closed: Promise<void> | undefined;

  constructor(directory: string, transport: DailyFileTransport, options: LoggerOptions) {
    this.directory = directory;
    this.#transport = transport;
    const now = options.now ?? (() => new Date());
    const base = { pid: process.pid, ...options.base };
    const line = winston.format.printf((info) => {
      const fields = redactValue(info.fields ?? {}) as Record<string, unknown>;
      return JSON.stringify({ time: now().toISOString(), level: info.level, event: info.message, ...base, ...fields });
    });
    this.#winston = winston.createLogger({
      level: options.level ?? 'info',
      levels: winston.config.npm.levels,
      format: line,
      transports: [transport],
      exitOnError: false,
    });
    this.#winston.on('error', () => {
      // noop: logging must never make a cmdlet fail
    });
  }

  get file(): string | undefined {
    return this.#transport.file;
  }

  get problem(): string | undefined {
    return this.#transport.problem;
  }

  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    if (this.#closed) return;
    try {
      this.#winston.log({ level, message: event, fields });
    } catch {
      // noop: see above
    }
  }

  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#transport.close();
        resolve();
      };
      // Never hold the process up for the log: give up after two seconds.
      const timer = setTimeout(done, 2000);
      timer.unref();
      this.#transport.once('finish', done);
      this.#winston.end();
    });
    return this.#closed;
  }
}

class NoFileLogger implements PcmLogger {
  readonly file = undefined;
  constructor(
    readonly directory: string,
    readonly problem: string,
  ) {}
  log(): void {
    // noop: logging fell back to no file
  }
}

/** Creates the logger; never throws. Check `problem` to tell the user once that there is no log file. */
export function createLogger(options: LoggerOptions = {}): PcmLogger {
  const directory = resolveLogDirectory(options);
  try {
    makeDirectorySync(directory);
  } catch (error) {
    return new NoFileLogger(directory, `cannot create the log folder ${directory}: ${(error as Error).message}`);
  }
  const now = options.now ?? (() => new Date());
  const transport = new DailyFileTransport(directory, now);
  if (!transport.open()) return new NoFileLogger(directory, transport.problem!);
  const logger = new FileLogger(directory, transport, options);
  logger.expired = expireLogs(directory, logRetention(options.env ?? process.env, options.retention), now());
  if (logger.expired.length > 0) logger.log('info', 'logsExpired', { files: logger.expired });
  return logger;
}

/** Writes out everything logged so far and closes the file. Call it before the process exits. */
export async function closeLogger(logger: Logger): Promise<void> {
  if (logger instanceof FileLogger) await logger.close();
}

/** A logger that writes nothing, for hosts and tests that keep no log. */
export const nullLogger: Logger = {
  log() {
    // noop
  },
};

/**
 * Decides which progress records become log lines: the first of each activity, then at most one every
 * `intervalMs` (10 s by default) per activity, and its completion; so a scheduled task's log shows that a long
 * export is moving without filling up with progress.
 */
export class ProgressLogThrottle {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #last = new Map<string, number>();

  constructor(intervalMs = 10_000, now: () => number = Date.now) {
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  shouldLog(info: ProgressInfo): boolean {
    const key = `${info.id ?? 0}\u0000${info.activity}`;
    if (info.completed) {
      this.#last.delete(key);
      return true;
    }
    const now = this.#now();
    const last = this.#last.get(key);
    if (last !== undefined && now - last < this.#intervalMs) return false;
    this.#last.set(key, now);
    return true;
  }
}
