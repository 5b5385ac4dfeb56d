/**
 * The claim on an embedded database: `<database>.pcm-lock`, created with O_EXCL (open 'wx': exactly one creator
 * wins, atomically, on every local file system) and holding the holder's pid, host, start time, command and a random
 * token. The winner removes it when it has finished; the file is removed only if it still holds the winner's token.
 *
 * A claim whose holder died (SIGKILL, power loss) stays behind. It is broken automatically only when it names this
 * host and a process id that no longer exists; a claim from another host is never guessed stale (its holder may be
 * running there): the error names the file to delete. Breaking is serialised by a second O_EXCL file
 * (`.pcm-lock.break`): under it the breaker reads the claim again and unlinks it only if it is still the same dead
 * one, so two runs that both found a stale claim cannot remove each other's fresh claim. A `.break` file itself
 * left by a breaker killed in those few milliseconds is stale after BREAK_STALE_MS.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { PcmError } from '../../core/errors.js';
import { targetInUse, type ClaimHolder, type TargetClaim } from '../claim-holder.js';

export const CLAIM_SUFFIX = '.pcm-lock';
const BREAK_STALE_MS = 10000;

interface ClaimFile extends ClaimHolder {
  readonly token: string;
}

function readClaim(path: string): { claim: ClaimFile | undefined; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<ClaimFile>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') return { claim: value as ClaimFile, text };
  } catch {
    // noop: a claim being written right now (created, not yet filled) or damaged; treated as held
  }
  return { claim: undefined, text };
}

/** True when the claim names this host and a process that no longer exists. */
function isDead(claim: ClaimFile | undefined): boolean {
  if (!claim || claim.host !== hostname()) return false;
  if (claim.pid === process.pid) return false;
  try {
    process.kill(claim.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** An unreadable claim (its writer died between creating and filling it) is stale once it is this old. */
function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

function createExclusive(path: string, content: string, database: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // The same failure opening the database would meet: say it as openStore would, naming the path.
    throw new PcmError(
      `Cannot open the database '${database}': its claim file '${path}' cannot be created (${code ?? (error as Error).message}). ` +
        'Check that the folder exists and that this account may write to it.',
      { errorId: 'DatabaseOpenFailed', category: 'OpenError', target: path, cause: error },
    );
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // noop: already gone
  }
}

/** Removes the claim at `path` if it is still exactly the dead one read as `text`; true when it did. */
function breakStale(path: string, text: string, database: string): boolean {
  const guard = `${path}.break`;
  if (!createExclusive(guard, String(process.pid), database)) {
    if (olderThan(guard, BREAK_STALE_MS)) unlinkQuiet(guard);
    return false;
  }
  try {
    const now = readClaim(path);
    if (now === undefined) return true;
    if (now.text !== text) return false;
    unlinkSync(path);
    return true;
  } finally {
    unlinkQuiet(guard);
  }
}

/** Where the claim of a database lives: beside its real file, so two names of one database share one claim. */
function claimPath(database: string): string {
  try {
    return `${realpathSync(database)}${CLAIM_SUFFIX}`;
  } catch {
    try {
      return `${join(realpathSync(dirname(database)), basename(database))}${CLAIM_SUFFIX}`;
    } catch {
      return `${database}${CLAIM_SUFFIX}`;
    }
  }
}

export function claimFile(database: string, command: string): TargetClaim {
  const path = claimPath(database);
  const mine: ClaimFile = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command, token: randomBytes(12).toString('hex') };
  const content = JSON.stringify(mine);
  // A few rounds: a stale claim broken by someone else meanwhile, or by us, is retried.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(path, content, database)) {
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          if (readClaim(path)?.claim?.token === mine.token) unlinkQuiet(path);
        },
      };
    }
    const held = readClaim(path);
    if (held === undefined) continue;
    const dead = isDead(held.claim) || (held.claim === undefined && olderThan(path, BREAK_STALE_MS));
    if (!dead || !breakStale(path, held.text, database)) {
      if (dead && round < 4) {
        // Another run is breaking the same stale claim: give it a moment, then look again.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      const how =
        held.claim && held.claim.host !== hostname()
          ? `If no import is running on ${held.claim.host}, delete the claim file '${path}'.`
          : `If no such process is running, delete the claim file '${path}'.`;
      throw targetInUse(`sqlite:${database}`, held.claim, how);
    }
  }
  throw targetInUse(`sqlite:${database}`, readClaim(path)?.claim, `If no such process is running, delete the claim file '${path}'.`);
}
