/**
 * Runs the pcm command line as a real child process (`node dist/bridge/cli.js ...`), the way a scheduled task does:
 * stdin ignored, stdout and stderr captured, PCM_LOG_DIR in a temporary folder. Options inject a fault
 * (PCM_FAULT=<point>:<n>, core/fault.ts: the child SIGKILLs itself there) or cap the size of any file the child
 * writes (RLIMIT_FSIZE through the shell's `ulimit -f`: a full disk without needing root to mount a small tmpfs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.js';

export const CLI = fileURLToPath(new URL('../../bridge/cli.js', import.meta.url));

export interface PcmRun {
  readonly args: readonly string[];
  /** The exit code, or null when the process was killed by a signal. */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PcmOptions {
  /** PCM_FAULT: `<point>:<n>`. */
  readonly fault?: string;
  /** Largest file the child may write, in bytes (rounded down to 512-byte blocks). */
  readonly maxFileBytes?: number;
  readonly env?: NodeJS.ProcessEnv;
}

let logDir: string | undefined;

/** Runs `pcm <args>` and resolves when it has ended, however it ended. */
export function pcm(args: readonly string[], options: PcmOptions = {}): Promise<PcmRun> {
  logDir ??= tempDir('pcm-log-');
  const env: NodeJS.ProcessEnv = { ...process.env, PCM_LOG_DIR: logDir, ...options.env };
  delete env.PCM_FAULT;
  delete env.COLUMNS;
  if (options.fault) env.PCM_FAULT = options.fault;
  let command = process.execPath;
  let argv = [CLI, ...args];
  if (options.maxFileBytes !== undefined) {
    // dash's ulimit -f counts 512-byte blocks; SIGXFSZ is ignored so that a write past the cap fails with EFBIG, as
    // a write to a full disk fails, instead of killing the process.
    command = '/bin/sh';
    argv = ['-c', `ulimit -f ${Math.floor(options.maxFileBytes / 512)}; trap '' XFSZ; exec "$0" "$@"`, process.execPath, CLI, ...args];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      resolve({ args, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Runs the tasks with at most `width` of them at a time, keeping their order in the result. */
export async function inPool<T>(tasks: readonly (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

/** stderr without the WARNING:/VERBOSE: lines, for error-message assertions and failure output. */
export function errorLines(run: PcmRun): string {
  return run.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('WARNING: ') && !line.startsWith('VERBOSE: '))
    .join('\n');
}

/** A one-line description of a run for assertion messages. */
export function describeRun(run: PcmRun): string {
  return `pcm ${run.args.join(' ')} -> status ${run.status}, signal ${run.signal}\n${errorLines(run).slice(0, 2000)}`;
}
