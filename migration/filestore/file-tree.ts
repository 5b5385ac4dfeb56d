/**
 * The legacy file store as a list of what to copy: every folder and regular file under the root, in a stable order
 * (names sorted by code unit), with its size. Nothing is followed: a symbolic link or a Windows junction (which Node
 * reports as a link) is listed as skipped wherever it points, inside the tree or out of it (docs/decisions.md), and
 * so are sockets, FIFOs and devices. Folders are walked with an explicit stack, so depth is not bounded by the call
 * stack.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface TreeFile {
  /** Path below the root, with the platform's separator. */
  readonly relative: string;
  readonly size: number;
  readonly mtime: Date;
}

export interface TreeSkip {
  readonly relative: string;
  readonly kind: 'SymbolicLink' | 'Other';
  readonly reason: string;
}

export interface FileTree {
  readonly folders: string[];
  readonly files: TreeFile[];
  readonly skipped: TreeSkip[];
  bytes: number;
  /** Folders that could not be listed (permission denied, vanished), with the reason. */
  readonly unreadable: { relative: string; reason: string }[];
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function listTree(root: string, signal: AbortSignal): Promise<FileTree> {
  const tree: FileTree = { folders: [], files: [], skipped: [], bytes: 0, unreadable: [] };
  const pending: string[] = [''];
  while (pending.length > 0) {
    signal.throwIfAborted();
    const folder = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = (await readdir(join(root, folder), { withFileTypes: true })).sort(byName);
    } catch (error) {
      tree.unreadable.push({ relative: folder, reason: (error as Error).message });
      continue;
    }
    const subfolders: string[] = [];
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        tree.skipped.push({ relative, kind: 'SymbolicLink', reason: 'a symbolic link or junction is never followed' });
      } else if (entry.isDirectory()) {
        tree.folders.push(relative);
        subfolders.push(relative);
      } else if (entry.isFile()) {
        const info = await lstat(join(root, relative));
        tree.files.push({ relative, size: info.size, mtime: info.mtime });
        tree.bytes += info.size;
      } else {
        tree.skipped.push({ relative, kind: 'Other', reason: 'not a regular file or folder (a socket, FIFO or device)' });
      }
    }
    // Reversed onto the stack so that folders are visited in name order.
    for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]!);
  }
  return tree;
}
