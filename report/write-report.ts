/**
 * Writes the -Report pair: the HTML page and its JSON twin beside it (same name, .json). Microsoft's -Report silently
 * overwrote the last report (users.md §1a item 7), so an existing pair is first kept as <name>.previous<ext> (one
 * generation). Each file goes to a temporary name in the same folder and is renamed into place, so a crash leaves
 * either the old report or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { describeError, PcmError, type ErrorCategory } from '../core/errors.js';
import { makeDirectory } from '../core/make-directory.js';
import { renderReportHtml } from './report-html.js';
import type { MigrationReport } from './report-model.js';

export interface WrittenReport {
  /** Full path of the HTML page. */
  readonly html: string;
  /** Full path of the JSON twin. */
  readonly json: string;
  /** Full path of the kept earlier HTML report, when there was one. */
  readonly previous?: string;
}

export interface Paths {
  readonly html: string;
  readonly json: string;
  readonly previousHtml: string;
  readonly previousJson: string;
}

/** The four files a report writes (HTML, its JSON twin and the previous pair); run paths must not collide with them. */
export function reportPaths(htmlPath: string): Paths {
  const html = resolve(htmlPath);
  const ext = extname(html);
  const stem = ext === '' ? html : html.slice(0, -ext.length);
  return { html, json: `${stem}.json`, previousHtml: `${stem}.previous${ext}`, previousJson: `${stem}.previous.json` };
}

function failure(path: string, message: string, cause?: unknown, category: ErrorCategory = 'WriteError'): PcmError {
  return new PcmError(message, { errorId: 'ReportWriteFailed', category, target: path, cause });
}

/** A message naming the path, what went wrong and what to do about it. */
function explain(path: string, error: unknown, what = `Cannot write the report '${path}'`): PcmError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const fix =
    code === 'EACCES' || code === 'EPERM'
      ? 'access was denied; choose a folder you can write to, or run with an account that may write there'
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? 'part of that path is a file, not a folder; rename or remove that file, or choose another folder'
        : code === 'ENOSPC'
          ? 'the disk is full; free some space or choose another disk'
          : code === 'EROFS'
            ? 'the disk is read-only; choose a writable folder'
            : code === 'EISDIR'
              ? 'that path is a folder; give a file name such as report.html'
              : `${describeError(error)}; check the path and try again`;
  return failure(path, `${what}: ${fix}.`, error);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function refuseFolder(path: string, report: string): Promise<void> {
  const stat = await lstat(path).catch(() => undefined);
  if (stat?.isDirectory()) {
    const where = path === report ? `the report '${report}'` : `'${path}', part of the report '${report}'`;
    throw failure(report, `Cannot write ${where}: that path is a folder; give a file name such as ${join(path, 'report.html')}.`);
  }
}

/** Writes text to a fresh temporary file beside `target` and flushes it to disk; returns the temporary name. */
async function writeTemporary(target: string, content: string): Promise<string> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    // Without the flush, a power cut after the rename can leave an empty file under the real name.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** Moves `current` to `kept`, or removes a stale `kept` so an old pair is never mixed with a newer one. */
async function keepPrevious(current: string, kept: string): Promise<boolean> {
  if (await exists(current)) {
    await rename(current, kept);
    return true;
  }
  await rm(kept, { force: true });
  return false;
}

function toJson(report: MigrationReport): string {
  // The model holds no bigint, but a stray one would make JSON.stringify throw after the run's work is done.
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}

export async function writeReport(htmlPath: string, report: MigrationReport): Promise<WrittenReport> {
  const paths = reportPaths(htmlPath);
  if (extname(paths.html).toLowerCase() === '.json') {
    throw failure(
      paths.html,
      `Cannot write the report '${paths.html}': the HTML report would have the same name as its JSON twin; give a name ending in .html.`,
      undefined,
      'InvalidArgument',
    );
  }
  // Render first: nothing on disk changes if rendering fails.
  const html = renderReportHtml(report, { jsonFileName: basename(paths.json) });
  const json = toJson(report);

  try {
    // Not mkdir({ recursive: true }): under /proc or a dangling link it never returns (core/make-directory.ts).
    await makeDirectory(dirname(paths.html));
  } catch (error) {
    const folder = dirname(paths.html);
    throw explain(paths.html, error, `Cannot create the folder '${folder}' for the report '${paths.html}'`);
  }
  await refuseFolder(paths.html, paths.html);
  await refuseFolder(paths.json, paths.html);

  const temps: string[] = [];
  // The file being written when something fails, for the message; the error's target is always the report.
  let step = paths.json;
  try {
    temps.push(await writeTemporary(paths.json, json));
    step = paths.html;
    temps.push(await writeTemporary(paths.html, html));

    let previous: string | undefined;
    if ((await exists(paths.html)) || (await exists(paths.json))) {
      step = paths.previousHtml;
      if (await keepPrevious(paths.html, paths.previousHtml)) previous = paths.previousHtml;
      step = paths.previousJson;
      await keepPrevious(paths.json, paths.previousJson);
    }
    // JSON first: the HTML appearing is what says "a report is here".
    step = paths.json;
    await rename(temps[0]!, paths.json);
    step = paths.html;
    await rename(temps[1]!, paths.html);
    return previous === undefined ? { html: paths.html, json: paths.json } : { html: paths.html, json: paths.json, previous };
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
    if (error instanceof PcmError) throw error;
    throw explain(paths.html, error, step === paths.html ? undefined : `Cannot write '${step}', part of the report '${paths.html}'`);
  }
}
