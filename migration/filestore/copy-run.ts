/**
 * Copy-PcmFileStore, end to end: the runbook's "XCOPY the uploaded files into the new file store", done so that it
 * can be trusted and repeated. The source tree is listed first (so progress knows the total), then each folder is
 * made and each file made a verified copy (copy-file.ts) in name order. A file that cannot be copied is a
 * non-terminating error and the rest go on. -WhatIf reads both sides and writes nothing. -Report writes the page,
 * its JSON twin and a SHA-256 manifest in `sha256sum` format, which `sha256sum -c` checks in the destination.
 */
import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PcmError, describeError } from '../../core/errors.js';
import { saveTabularReport, type TabularReport } from '../../report/tabular-report.js';
import { outputObject, type OutputItem } from '../../core/output-object.js';
import { type JobContext } from '../job.js';
import { ProgressReporter } from '../progress.js';
import { copyFileVerified, hashFile, type CopyAction } from './copy-file.js';
import { listTree, type TreeFile } from './file-tree.js';

export interface FileStoreJob {
  readonly path: string;
  readonly destination: string;
  readonly report: string | undefined;
}

type ItemAction = CopyAction | 'WouldCopy' | 'WouldRepair' | 'Failed';

export interface CopiedItem {
  readonly path: string;
  readonly action: ItemAction;
  readonly bytes: number;
  readonly sha256: string | null;
  readonly error?: string;
}

const MB = 1024 * 1024;
/** True when `child` is `parent` or below it (a sibling named "..x" is not above it; another drive is not below). */
const isInside = (child: string, parent: string): boolean => {
  const r = relative(parent, child);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
};

/** The nearest existing folder at or above `path`, resolved through links: where the destination really lands. */
async function nearestReal(path: string): Promise<string> {
  for (let p = path; ; p = dirname(p)) {
    const real = await realpath(p).catch(() => undefined);
    if (real) return join(real, relative(p, path));
    if (dirname(p) === p) return path;
  }
}

async function checkRoots(job: FileStoreJob): Promise<{ source: string; destination: string }> {
  const source = resolve(job.path);
  const destination = resolve(job.destination);
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new PcmError(`The file store -Path '${job.path}' does not exist. Give the folder of the legacy Group Chat file store.`, { errorId: 'FileStoreNotFound', category: 'ObjectNotFound', target: job.path });
  if (!info.isDirectory()) throw new PcmError(`-Path '${job.path}' is a file; give the folder of the legacy file store.`, { errorId: 'FileStoreNotFolder', category: 'InvalidArgument', target: job.path });
  const existing = await stat(destination).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new PcmError(`-Destination '${job.destination}' is a file; give the folder of the new Persistent Chat file store.`, { errorId: 'FileStoreNotFolder', category: 'InvalidArgument', target: job.destination });
  }
  if (!existing && !(await stat(dirname(destination)).catch(() => undefined))?.isDirectory()) {
    throw new PcmError(`The folder that would hold -Destination '${job.destination}' does not exist. Create it, or choose another destination.`, { errorId: 'FileStoreNotFound', category: 'ObjectNotFound', target: job.destination });
  }
  const realSource = await realpath(source);
  const realDestination = await nearestReal(destination);
  if (isInside(realDestination, realSource) || isInside(realSource, realDestination)) {
    throw new PcmError(`-Path '${job.path}' and -Destination '${job.destination}' overlap (one is inside the other, or they are the same folder); a copy would copy itself. Choose separate folders.`, {
      errorId: 'FileStoreOverlap',
      category: 'InvalidArgument',
      target: job.destination,
    });
  }
  return { source, destination };
}

/** A manifest line as GNU sha256sum writes it: a name with a backslash or a line break is escaped, the line marked. */
export function manifestLine(sha256: string, path: string): string {
  const portable = path.split(sep).join('/');
  if (!/[\\\n\r]/.test(portable)) return `${sha256}  ${portable}\n`;
  return `\\${sha256}  ${portable.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}\n`;
}

export async function* runFileStoreCopy(job: FileStoreJob, context: JobContext): AsyncGenerator<OutputItem> {
  const startedAt = new Date();
  const { source, destination } = await checkRoots(job);
  context.verbose(`Listing ${source} ...`);
  const tree = await listTree(source, context.signal);
  for (const s of tree.skipped) context.warning(`Skipped '${s.relative}': ${s.reason}.`);
  for (const u of tree.unreadable) context.error(new PcmError(`Cannot list the folder '${join(source, u.relative)}': ${u.reason}`, { errorId: 'FileStoreFolderUnreadable', category: 'ReadError', target: join(source, u.relative) }));
  context.verbose(`${tree.files.length} files in ${tree.folders.length} folders, ${(tree.bytes / MB).toFixed(1)} MB.`);

  const progress = new ProgressReporter(context, 'Copy-PcmFileStore', tree.bytes);
  let bytesDone = 0;
  let filesDone = 0;
  const onBytes = (n: number): void => {
    bytesDone += n;
    progress.update(bytesDone, `${filesDone} of ${tree.files.length} files, ${(bytesDone / MB).toFixed(0)} of ${(tree.bytes / MB).toFixed(0)} MB`);
  };
  const items: CopiedItem[] = [];
  const blocked: string[] = [];
  let bytesWritten = 0;
  const fail = (relativePath: string, error: unknown, bytes: number): void => {
    const message = describeError(error);
    items.push({ path: relativePath, action: 'Failed', bytes, sha256: null, error: message });
    context.error(new PcmError(`Cannot copy '${join(source, relativePath)}' to '${join(destination, relativePath)}': ${message}`, { errorId: 'FileStoreCopyFailed', category: 'WriteError', target: join(source, relativePath) }));
  };

  if (!context.whatIf) {
    await mkdir(destination, { recursive: true });
    for (const folder of tree.folders) {
      if (blocked.some((b) => isInside(folder, b))) continue;
      const target = join(destination, folder);
      const info = await lstat(target).catch(() => undefined);
      if (info && !info.isDirectory()) {
        // Never write through a link in the destination, nor over a file standing where a folder belongs.
        blocked.push(folder);
        fail(folder, new Error(`the destination '${target}' is ${info.isSymbolicLink() ? 'a symbolic link' : 'a file'} where the source has a folder; move it away and run the copy again`), 0);
        continue;
      }
      if (!info) await mkdir(target);
    }
  }

  for (const file of tree.files) {
    context.signal.throwIfAborted();
    const from = join(source, file.relative);
    const to = join(destination, file.relative);
    try {
      if (blocked.some((b) => isInside(file.relative, b))) throw new Error('its destination folder could not be made');
      if (context.whatIf) {
        const item = await wouldCopy(from, to, file, context.signal, onBytes);
        items.push(item);
        if (item.action !== 'Unchanged') yield itemObject(item);
      } else {
        const outcome = await copyFileVerified(from, to, file.mtime, context.signal, onBytes);
        bytesWritten += outcome.bytesWritten;
        items.push({ path: file.relative, action: outcome.action, bytes: file.size, sha256: outcome.sha256 });
        if (outcome.action !== 'Unchanged') context.verbose(`${outcome.action}: ${file.relative} (${file.size} bytes, SHA-256 ${outcome.sha256}).`);
      }
    } catch (error) {
      if (context.signal.aborted) throw error;
      fail(file.relative, error, file.size);
    }
    filesDone++;
  }
  progress.complete();

  const count = (...actions: ItemAction[]): number => items.filter((i) => actions.includes(i.action)).length;
  const failed = count('Failed') + tree.unreadable.length;
  const summary = {
    Path: source,
    Destination: destination,
    WhatIf: context.whatIf,
    Files: tree.files.length,
    Folders: tree.folders.length,
    Copied: count('Copied', 'WouldCopy'),
    Repaired: count('Repaired', 'WouldRepair'),
    Unchanged: count('Unchanged'),
    SkippedLinks: tree.skipped.filter((s) => s.kind === 'SymbolicLink').length,
    SkippedOther: tree.skipped.filter((s) => s.kind === 'Other').length,
    Failed: failed,
    Bytes: tree.bytes,
    BytesCopied: bytesWritten,
    Verified: !context.whatIf && failed === 0,
  };
  let reportPath: string | null = null;
  let manifestPath: string | null = null;
  if (job.report) {
    const written = await writeCopyReport(job.report, startedAt, summary, items, tree.skipped, tree.unreadable);
    reportPath = written.html;
    manifestPath = written.extras[0] ?? null;
    context.verbose(`Report written to ${written.html}, ${written.json} and ${manifestPath}.`);
  }
  context.summary?.({
    outcome: context.whatIf ? 'What if: would copy' : failed === 0 ? 'Copied and verified' : `Copied with ${failed} failure(s)`,
    facts: [
      ['Files', tree.files.length],
      [context.whatIf ? 'Would copy' : 'Copied', count('Copied', 'WouldCopy')],
      [context.whatIf ? 'Would repair' : 'Repaired', count('Repaired', 'WouldRepair')],
      ['Unchanged', count('Unchanged')],
      ['Links skipped', tree.skipped.filter((s) => s.kind === 'SymbolicLink').length],
      ['Bytes copied', bytesWritten],
    ],
    written: [context.whatIf ? `nothing (a dry run); the copy would write under ${destination}` : destination, ...(reportPath ? [reportPath] : []), ...(manifestPath ? [manifestPath] : [])],
  });
  yield outputObject('PersistentChatMigration.FileStoreCopy', {
    ...summary,
    Report: reportPath,
    Manifest: manifestPath,
    DurationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
  });
}

async function wouldCopy(from: string, to: string, file: TreeFile, signal: AbortSignal, onBytes: (n: number) => void): Promise<CopiedItem> {
  const there = await lstat(to).catch(() => undefined);
  if (!there) {
    onBytes(file.size);
    return { path: file.relative, action: 'WouldCopy', bytes: file.size, sha256: null };
  }
  const sha256 = await hashFile(from, signal, onBytes);
  const same = there.isFile() && there.size === file.size && (await hashFile(to, signal)) === sha256;
  return { path: file.relative, action: same ? 'Unchanged' : 'WouldRepair', bytes: file.size, sha256 };
}

function itemObject(item: CopiedItem): OutputItem {
  return outputObject('PersistentChatMigration.FileStoreItem', { Action: item.action, RelativePath: item.path, Bytes: item.bytes, Sha256: item.sha256 });
}

async function writeCopyReport(
  path: string,
  startedAt: Date,
  summary: Record<string, string | number | boolean>,
  items: readonly CopiedItem[],
  skipped: readonly { relative: string; kind: string; reason: string }[],
  unreadable: readonly { relative: string; reason: string }[],
): Promise<{ html: string; json: string; extras: readonly string[] }> {
  const finishedAt = new Date();
  const ok = summary.Failed === 0;
  const report: TabularReport = {
    title: `File store copy: ${String(summary.Path)} → ${String(summary.Destination)}`,
    verdict: summary.WhatIf ? 'What if: nothing was written' : ok ? 'Copied and verified' : `${String(summary.Failed)} file(s) not copied`,
    ok: ok,
    facts: [...Object.entries(summary), ['Started', startedAt.toISOString()], ['Finished', finishedAt.toISOString()]],
    sections: [
      { title: 'Not copied', columns: ['Path', 'Error'], rows: [...items.filter((i) => i.action === 'Failed').map((i) => [i.path, i.error ?? '']), ...unreadable.map((u) => [u.relative, u.reason])], empty: 'Every file was copied.' },
      { title: 'Skipped (never followed)', columns: ['Path', 'Kind', 'Reason'], rows: skipped.map((s) => [s.relative, s.kind, s.reason]), empty: 'No links or special files.' },
      { title: 'Files', columns: ['Path', 'Action', 'Bytes', 'SHA-256'], rows: items.map((i) => [i.path, i.action, i.bytes, i.sha256]), maxRows: 20000 },
    ],
  };
  const data = { operation: 'CopyFileStore', startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), summary, files: items, skipped, unreadable };
  const manifest = items.filter((i) => i.sha256 !== null && i.action !== 'Failed').map((i) => manifestLine(i.sha256!, i.path)).join('');
  return saveTabularReport(path, report, data, new Map([['.sha256', manifest]]));
}
