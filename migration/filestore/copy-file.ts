/**
 * One file of the file store: hash it, compare it with the destination, and copy it when the destination lacks it
 * or differs. A copy is streamed to a temporary name beside the destination, flushed, read back and hashed, and
 * renamed into place only when that hash is the source's: a copy killed at any moment leaves the old file (or none)
 * under the real name, and the next run redoes it. Runs of zero bytes are skipped with a seek instead of written,
 * so a sparse source stays sparse and costs no disk for its holes.
 */
import { createHash } from 'node:crypto';
import { lstat, open, rename, rm, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { faultPoint } from '../../core/fault.js';

const CHUNK = 1024 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

export type CopyAction = 'Copied' | 'Repaired' | 'Unchanged';

export interface CopyOutcome {
  readonly action: CopyAction;
  readonly sha256: string;
  readonly bytesWritten: number;
}

/** Called with the bytes read so far from the source, for progress. */
export type OnBytes = (bytes: number) => void;

/** The temporary name a copy is written under: short (a long source name must not overflow NAME_MAX) and the same on every run. */
export function partialName(destination: string): string {
  const tag = createHash('sha1').update(basename(destination)).digest('hex').slice(0, 16);
  return join(dirname(destination), `.pcm-partial-${tag}`);
}

export async function hashFile(path: string, signal: AbortSignal, onBytes?: OnBytes): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      signal.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      onBytes?.(bytesRead);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** What the destination holds at `path`: a regular file's size, or why it cannot be one. */
async function destinationState(path: string): Promise<{ kind: 'missing' } | { kind: 'file'; size: number } | { kind: 'other'; what: string }> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!info) return { kind: 'missing' };
  if (info.isFile()) return { kind: 'file', size: info.size };
  return { kind: 'other', what: info.isDirectory() ? 'a folder' : info.isSymbolicLink() ? 'a symbolic link' : 'not a regular file' };
}

/** Streams source to a temporary file, hashing what it reads; returns that hash and the bytes really written. */
async function streamCopy(source: string, temp: string, signal: AbortSignal, onBytes?: OnBytes): Promise<{ sha256: string; written: number }> {
  const hash = createHash('sha256');
  const input = await open(source, 'r');
  const output = await open(temp, 'w');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let position = 0;
  let written = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { bytesRead } = await input.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      if (!(bytesRead === CHUNK && chunk.equals(ZEROS))) {
        let offset = 0;
        while (offset < bytesRead) offset += (await output.write(chunk, offset, bytesRead - offset, position + offset)).bytesWritten;
        written += bytesRead;
      }
      position += bytesRead;
      onBytes?.(bytesRead);
      faultPoint('filestore:chunk');
    }
    // A trailing hole still counts in the length.
    await output.truncate(position);
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
  return { sha256: hash.digest('hex'), written };
}

/**
 * Makes `destination` a verified copy of `source`. A destination file that is already there is compared by SHA-256
 * (its size and date alone cannot show a damaged copy), and left alone when it matches.
 */
export async function copyFileVerified(source: string, destination: string, mtime: Date, signal: AbortSignal, onBytes?: OnBytes): Promise<CopyOutcome> {
  const state = await destinationState(destination);
  if (state.kind === 'other') {
    throw Object.assign(new Error(`the destination '${destination}' is ${state.what}, not a file; move it away and run the copy again`), { code: 'EPCMDEST' });
  }
  let repaired = false;
  if (state.kind === 'file') {
    const sourceHash = await hashFile(source, signal, onBytes);
    const sourceSize = (await lstat(source)).size;
    if (state.size === sourceSize && (await hashFile(destination, signal)) === sourceHash) return { action: 'Unchanged', sha256: sourceHash, bytesWritten: 0 };
    repaired = true;
  }
  const temp = partialName(destination);
  try {
    const copied = await streamCopy(source, temp, signal, repaired ? undefined : onBytes);
    const check = await hashFile(temp, signal);
    if (check !== copied.sha256) {
      throw Object.assign(new Error(`the copy of '${source}' read back with SHA-256 ${check}, not ${copied.sha256}: the destination disk returned other bytes than were written`), { code: 'EPCMVERIFY' });
    }
    await utimes(temp, mtime, mtime);
    faultPoint('filestore:before-rename');
    await rename(temp, destination);
    return { action: repaired ? 'Repaired' : 'Copied', sha256: copied.sha256, bytesWritten: copied.written };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
