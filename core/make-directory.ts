/**
 * Creating a folder and its missing parents. Node's own `mkdir(path, { recursive: true })` (20.x, sync and async)
 * never returns when a parent exists but cannot hold the child: `mkdir /proc/nope` fails with ENOENT, the walk
 * steps back to /proc (EEXIST), forward again, for ever at full CPU. The same happens under a dangling symbolic
 * link. Here the walk goes up once to the nearest folder that exists, then creates each missing folder once: an
 * ENOENT on the way down is final, and the error says what is wrong with the path.
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

type Errno = NodeJS.ErrnoException;

function notAFolder(at: string): Errno {
  return Object.assign(new Error(`ENOTDIR: '${at}' is a file (or a link to nothing), not a folder`), { code: 'ENOTDIR', path: at, syscall: 'mkdir' });
}

function cannotHold(child: string, cause: Errno): Errno {
  const parent = path.dirname(child);
  return Object.assign(new Error(`ENOENT: '${parent}' exists but cannot hold the new folder '${path.basename(child)}' (a virtual file system such as /proc, or a link to nothing)`), {
    code: 'ENOENT',
    path: child,
    syscall: 'mkdir',
    cause,
  });
}

function isFolderSync(at: string): boolean {
  try {
    return statSync(at).isDirectory();
  } catch {
    return false;
  }
}

/** The folders to create, outermost first; throws when an existing part of the path is not a folder. */
function missingSync(target: string): string[] {
  const missing: string[] = [];
  for (let current = target; ; ) {
    try {
      if (!statSync(current).isDirectory()) throw notAFolder(current);
      return missing.reverse();
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as Errno).code !== 'ENOENT' || parent === current) throw error;
      missing.push(current);
      current = parent;
    }
  }
}

/** Creates `folder` and its missing parents; does nothing when it exists. */
export function makeDirectorySync(folder: string): void {
  for (const dir of missingSync(path.resolve(folder))) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as Errno).code;
      // Another process made it meanwhile.
      if (code === 'EEXIST' && isFolderSync(dir)) continue;
      if (code === 'EEXIST') throw notAFolder(dir);
      throw code === 'ENOENT' ? cannotHold(dir, error as Errno) : error;
    }
  }
}

/** The same, asynchronously. */
export async function makeDirectory(folder: string): Promise<void> {
  const target = path.resolve(folder);
  const missing: string[] = [];
  for (let current = target; ; ) {
    try {
      if (!(await stat(current)).isDirectory()) throw notAFolder(current);
      break;
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as Errno).code !== 'ENOENT' || parent === current) throw error;
      missing.push(current);
      current = parent;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
    } catch (error) {
      const code = (error as Errno).code;
      if (code === 'EEXIST' && (await stat(dir).then((s) => s.isDirectory(), () => false))) continue;
      if (code === 'EEXIST') throw notAFolder(dir);
      throw code === 'ENOENT' ? cannotHold(dir, error as Errno) : error;
    }
  }
}
