/**
 * Paths that must differ (the package, the report and its JSON twin, the source and the target database with the
 * files SQLite and this tool keep beside them, the log) are compared after resolving them as the file system
 * would: each existing segment through realpath (so `..` after a symbolic link goes where the OS goes, not where
 * the text points), existing files by device and inode (hard links too), and names that do not exist yet case-folded
 * where the folder's file system ignores case. A collision is refused before anything is opened for writing.
 */
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, parse, resolve, sep } from 'node:path';
import { PcmError } from '../core/errors.js';

/** One input of the run, and every file it reads or writes. */
export interface RunPath {
  /** How the user named it: "-FileName (the package)". */
  readonly role: string;
  /** As the user gave it (for the message). */
  readonly given: string;
  /** The files it stands for, absolute (the first is the main one). */
  readonly files: readonly string[];
}

/**
 * The files an embedded database consists of: the file, SQLite's journals and this tool's claim. The path stays as
 * given: SQLite hands it to the OS as it is (so `..` after a link is resolved on disk), whereas -FileName and
 * -Report are resolved as text first (path.resolve), and are passed in that form.
 */
export function databaseFiles(path: string): string[] {
  return ['', '-journal', '-wal', '-shm', '.pcm-lock', '.pcm-lock.break'].map((suffix) => `${path}${suffix}`);
}

/** A day's log file of this tool (bridge/log.ts names them pcm-YYYY-MM-DD.log). */
const LOG_FILE = /^pcm-\d{4}-\d\d-\d\d\.log$/i;

const caseInsensitive = new Map<string, boolean>();

/** Whether names in the existing folder `dir` are compared ignoring case (probed once per folder). */
function ignoresCase(dir: string): boolean {
  let known = caseInsensitive.get(dir);
  if (known !== undefined) return known;
  const flipped = dir.toUpperCase() === dir ? dir.toLowerCase() : dir.toUpperCase();
  if (flipped === dir) {
    known = process.platform === 'win32' || process.platform === 'darwin';
  } else {
    try {
      const a = statSync(dir);
      const b = statSync(flipped);
      known = a.ino === b.ino && a.dev === b.dev;
    } catch {
      known = false;
    }
  }
  caseInsensitive.set(dir, known);
  return known;
}

/** The key two names of one file share: device and inode for an existing file, else the resolved, folded path. */
export function fileKey(path: string): string {
  // Not path.resolve: that removes `..` as text, and the OS does not (after a symbolic link it goes elsewhere).
  const absolute = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  const { root } = parse(absolute);
  const segments = absolute.slice(root.length).split(sep).filter((s) => s !== '');
  let current = realpathSync.native(root);
  let i = 0;
  for (; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '.') continue;
    if (segment === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, segment);
    try {
      lstatSync(next);
    } catch {
      break;
    }
    current = realpathSync.native(next);
  }
  if (i === segments.length && existsSync(current)) {
    const stat = statSync(current);
    return `inode:${stat.dev}:${stat.ino}`;
  }
  const rest = join(...segments.slice(i).filter((s) => s !== '.'), '.');
  const tail = resolve(current, rest);
  return `path:${ignoresCase(current) ? tail.toLowerCase() : tail}`;
}

/** Refuses the run when two of its paths name the same file, or one of them is a log file of this tool. */
export function refuseCollisions(paths: readonly RunPath[], errorId: string): void {
  const owners = new Map<string, { path: RunPath; file: string }>();
  for (const path of paths) {
    if (path.files.length > 0 && LOG_FILE.test(basename(path.files[0]!))) {
      throw collision(`${path.role} '${path.given}' is a log file of this tool (pcm-YYYY-MM-DD.log); choose another name. Nothing was written.`, path, errorId);
    }
    for (const file of path.files) {
      const key = fileKey(file);
      const other = owners.get(key);
      if (other && other.path !== path) {
        const same = file === path.files[0] && other.file === other.path.files[0] ? 'are the same file' : `overlap ('${file}' is also '${other.file}')`;
        throw collision(
          `${other.path.role} '${other.path.given}' and ${path.role} '${path.given}' ${same}${describeResolution(file)}: ` +
            'the run would overwrite one with the other. Give each a path of its own; nothing was written.',
          path,
          errorId,
        );
      }
      if (!other) owners.set(key, { path, file });
    }
  }
}

function describeResolution(file: string): string {
  const key = fileKey(file);
  return key.startsWith('path:') ? ` (both resolve to ${key.slice(5)})` : '';
}

function collision(message: string, path: RunPath, errorId: string): PcmError {
  return new PcmError(message, { errorId, category: 'InvalidArgument', target: path.given });
}
