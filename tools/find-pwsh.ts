/**
 * The real PowerShell the module's tests and bench:module run on: $PCM_TEST_PWSH, else a `pwsh` on PATH, else the
 * PowerShell .NET global tool in the .NET tools folder (~/.dotnet/tools), which is often not on PATH (a fresh
 * shell, CI). `node dist/tools/find-pwsh.js --install` (npm's pretest, .ci/run) installs PowerShell 7.6.10 there
 * with `dotnet tool install --global` when none is found, so that `npm test` works from a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PWSH_VERSION = '7.6.10';
/**
 * The environment a driven pwsh needs besides its own: with TERM naming a terminal, pwsh's console host writes
 * keypad-mode sequences (ESC[?1h ESC[?1l) after each input it reads, right after the output. node-powershell's
 * end-of-output check looks for its delimiter only in the last bytes of a first chunk, so output and these
 * sequences arriving in one read were never seen as finished: the call hung until its timeout. TERM=dumb turns
 * them (and $PSStyle's colours) off.
 */
export const PWSH_ENV: Readonly<Record<string, string>> = { TERM: 'dumb' };

const EXE = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `dotnet tool install --global` puts its commands (DOTNET_CLI_HOME moves the .dotnet folder). */
export function dotnetToolsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['DOTNET_CLI_HOME'] || homedir(), '.dotnet', 'tools');
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The pwsh to run, or undefined when there is none. */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env['PCM_TEST_PWSH'];
  if (chosen) return executable(chosen) ? chosen : undefined;
  const tool = join(dotnetToolsFolder(env), EXE);
  return onPath(EXE, env) ?? (executable(tool) ? tool : undefined);
}

/** Why no pwsh can be used, with what to do; for a test's failure message. */
export function missingPwshMessage(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PCM_TEST_PWSH']) return `PCM_TEST_PWSH is set to '${env['PCM_TEST_PWSH']}', which is not an executable file.`;
  return (
    `PowerShell (pwsh) was not found on PATH or in ${dotnetToolsFolder(env)}. npm test installs it when the .NET SDK is ` +
    `there; or run: dotnet tool install --global PowerShell --version ${PWSH_VERSION}`
  );
}

/** Installs PowerShell as a .NET global tool; returns the pwsh, or throws saying why not. */
export function installPwsh(env: NodeJS.ProcessEnv = process.env): string {
  const run = spawnSync('dotnet', ['tool', 'install', '--global', 'PowerShell', '--version', PWSH_VERSION], {
    env: { DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (run.error) throw new Error(`cannot run dotnet (the .NET SDK), which installs PowerShell: ${run.error.message}`);
  const found = findPwsh(env);
  if (run.status !== 0 && !found) throw new Error(`dotnet tool install --global PowerShell failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  if (!found) throw new Error(`dotnet tool install reported success, but ${join(dotnetToolsFolder(env), EXE)} is not there`);
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = findPwsh();
  if (found) {
    if (!process.argv.includes('--install')) process.stdout.write(`${found}\n`);
  } else if (process.argv.includes('--install')) {
    process.stderr.write(`Installing PowerShell ${PWSH_VERSION} for the tests (dotnet tool install --global PowerShell) ...\n`);
    try {
      process.stderr.write(`PowerShell for the tests: ${installPwsh()}\n`);
    } catch (error) {
      // The rest of the suite still runs; the module suites fail, each with missingPwshMessage().
      process.stderr.write(`warning: PowerShell could not be installed, so the module tests will fail: ${(error as Error).message}\n`);
    }
  } else {
    process.stderr.write(`${missingPwshMessage()}\n`);
    process.exitCode = 1;
  }
}
