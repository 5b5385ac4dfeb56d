/**
 * The real PowerShell engine for the module's tests: the real `pwsh` (PowerShell 7.6.10, installed as a .NET global
 * tool by npm's pretest when missing; tools/find-pwsh.ts finds it even when ~/.dotnet/tools is not on PATH), driven
 * through node-powershell (NODE_POWERSHELL) or run with -File as a scheduled task would. Values go into PowerShell
 * base64-encoded (never pasted as code) and come back as CLIXML read by bridge/clixml, so tests compare typed values
 * rather than screen text.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PowerShell } from 'node-powershell';
import { deserializeClixmlSingle } from '../../../bridge/clixml.js';
import { findPwsh, missingPwshMessage, PWSH_ENV } from '../../../tools/find-pwsh.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const MANIFEST = join(REPO_ROOT, 'PersistentChatMigration.psd1');
/** A session's start-up is about half a second; a busy machine (or a first .NET start) can take much longer. */
export const ENGINE_TIMEOUT_MS = 300_000;

const FOUND = findPwsh();
/** The executable the tests run. */
export const PWSH = FOUND ?? 'pwsh';

/**
 * For a suite's before hook: fails the suite, saying what to do, when there is no pwsh. A missing engine is a
 * failure, not a skip: every module suite must run in the real PowerShell.
 */
export function requireEngine(): void {
  if (!FOUND) throw new Error(missingPwshMessage());
}

export interface FileRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `pwsh -NoProfile -NonInteractive -File <script> [args]`, with stdin closed as under the Task Scheduler. */
export function runFile(script: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<FileRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(PWSH, ['-NoProfile', '-NonInteractive', '-File', script, ...args], {
      env: { ...process.env, ...PWSH_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let warmed: Promise<void> | undefined;

/** Starts pwsh once per test run (a first .NET start reads and JITs more), so that no later call pays for it in its own timeout. */
export function warmEngine(): Promise<void> {
  warmed ??= (async () => {
    const result = await new Promise<FileRun>((resolve, reject) => {
      const child = spawn(PWSH, ['-NoProfile', '-NonInteractive', '-Command', 'exit 0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    if (result.code !== 0) throw new Error(`the PowerShell engine did not start (exit ${result.code}): ${result.stderr}`);
  })();
  return warmed;
}

/** A PowerShell expression that yields exactly `text`, without pasting it into code. */
export function psText(text: string): string {
  return `([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${Buffer.from(text, 'utf8').toString('base64')}')))`;
}

const MARK = '=PCMVALUE=';

/** One PowerShell session (a fresh process) with the module's tests' conveniences. */
export class Session {
  readonly #shell: PowerShell;

  private constructor(shell: PowerShell) {
    this.#shell = shell;
  }

  /** Starts a session; `env` is added to its environment (and so to the Node host it starts). */
  static async open(env: Record<string, string> = {}): Promise<Session> {
    await warmEngine();
    const previous = process.env['NODE_POWERSHELL'];
    process.env['NODE_POWERSHELL'] = PWSH;
    let shell: PowerShell;
    try {
      shell = new PowerShell({
        executableOptions: { '-NoProfile': true, '-NonInteractive': true },
        spawnOptions: { env: { ...process.env, ...PWSH_ENV, ...env }, cwd: REPO_ROOT },
        invocationTimeout: ENGINE_TIMEOUT_MS,
      });
    } finally {
      if (previous === undefined) delete process.env['NODE_POWERSHELL'];
      else process.env['NODE_POWERSHELL'] = previous;
    }
    return new Session(shell);
  }

  /** Runs one line of script; resolves with what the host printed, rejects when anything reached stderr. */
  async run(script: string): Promise<string> {
    const { raw } = await this.#shell.invoke(script);
    return raw;
  }

  /** Runs `script` (one line) and returns `$result` after it, read through CLIXML (depth 5). */
  async value(script: string): Promise<unknown> {
    const raw = await this.run(
      `$result = $null; ${script}; [Console]::Out.WriteLine('${MARK}' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(` +
        `[System.Management.Automation.PSSerializer]::Serialize($result, 5))))`,
    );
    // With a TERM other than dumb, pwsh writes terminal sequences (ESC[?1h ...) on the same line before the marker
    // (PWSH_ENV turns them off): the marker is searched anywhere in the output and only base64 after it is taken.
    const found = new RegExp(`${MARK}([A-Za-z0-9+/=]*)`).exec(raw);
    if (!found) throw new Error(`no value came back; the session printed:\n${raw}`);
    return deserializeClixmlSingle(Buffer.from(found[1]!, 'base64').toString('utf8'));
  }

  async dispose(): Promise<void> {
    await this.#shell.dispose();
  }
}
