/**
 * A report of summary facts and tables, for the runbook steps that are not an export or an import (the file store
 * copy, the migration check): an HTML page a person reads at a glance (a verdict at the top, then the facts, then
 * one table per section) and a JSON twin for scripts, plus any side files (a CSV, a hash manifest). Each file is
 * written to a temporary name in the same folder and renamed into place, so a crash leaves the old file or the new
 * one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { describeError, PcmError } from '../core/errors.js';
import { escapeHtml } from './report-html.js';

export type Cell = string | number | boolean | null;

export interface ReportSection {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Shown instead of an empty table. */
  readonly empty?: string;
  /** Rows beyond this are left out of the page (the JSON twin has them all); the page says how many. */
  readonly maxRows?: number;
}

export interface TabularReport {
  readonly title: string;
  /** The verdict, shown large: e.g. "Verified", "Differences found", "Copied". */
  readonly verdict: string;
  readonly ok: boolean;
  readonly facts: readonly (readonly [string, Cell])[];
  readonly sections: readonly ReportSection[];
}

export interface WrittenTabularReport {
  readonly html: string;
  readonly json: string;
  readonly extras: readonly string[];
}

const cell = (value: Cell): string => (value === null ? '—' : escapeHtml(typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)));

export function renderTabularHtml(report: TabularReport): string {
  const facts = report.facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${cell(v)}</td></tr>`).join('');
  const sections = report.sections
    .map((s) => {
      const shown = s.rows.slice(0, s.maxRows ?? s.rows.length);
      const more = s.rows.length - shown.length;
      const body =
        s.rows.length === 0
          ? `<p class="empty">${escapeHtml(s.empty ?? 'None.')}</p>`
          : `<table><thead><tr>${s.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>` +
            shown.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`).join('') +
            '</tbody></table>' +
            (more > 0 ? `<p class="more">… and ${more} more rows, in the JSON twin.</p>` : '');
      return `<section><h2>${escapeHtml(s.title)} (${s.rows.length})</h2>${body}</section>`;
    })
    .join('\n');
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(report.title)}</title><style>` +
    'body{font-family:system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}' +
    '.verdict{display:inline-block;padding:.4rem 1rem;border-radius:.3rem;font-size:1.3rem;font-weight:bold;color:#fff}' +
    '.ok{background:#2e7d32}.bad{background:#c62828}table{border-collapse:collapse;margin:.5rem 0 1.5rem}' +
    'th,td{border:1px solid #ccc;padding:.2rem .6rem;text-align:left;vertical-align:top;font-size:.9rem}th{background:#f3f3f3}' +
    '.ctl{border:1px solid #999;font-size:.75em;padding:0 .1em}.empty,.more{color:#555}' +
    '</style></head><body>\n' +
    `<h1>${escapeHtml(report.title)}</h1>\n<p class="verdict ${report.ok ? 'ok' : 'bad'}">${escapeHtml(report.verdict)}</p>\n` +
    `<table class="facts">${facts}</table>\n${sections}\n</body></html>\n`
  );
}

/** Writes `text` to `path` through a temporary file in the same folder. */
export async function writeAtomically(path: string, text: string | Buffer): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The path beside the HTML page with another extension: report.html -> report.json. */
export function besideReport(htmlPath: string, extension: string): string {
  const html = resolve(htmlPath);
  const ext = extname(html);
  return `${ext === '' ? html : html.slice(0, -ext.length)}${extension}`;
}

/**
 * Writes the page, its JSON twin (`data`, which holds everything, not only what the page shows) and the extras
 * (extension -> content). A path that cannot be written is an error naming it and the fix.
 */
export async function saveTabularReport(htmlPath: string, report: TabularReport, data: unknown, extras: ReadonlyMap<string, string> = new Map()): Promise<WrittenTabularReport> {
  const html = resolve(htmlPath);
  const folder = dirname(html);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new PcmError(`Cannot write the report '${htmlPath}': its folder does not exist. Create it, or choose another path for -Report.`, { errorId: 'ReportWriteFailed', category: 'WriteError', target: htmlPath });
  }
  await mkdir(folder, { recursive: true });
  const json = besideReport(html, '.json');
  const written: string[] = [];
  try {
    await writeAtomically(html, renderTabularHtml(report));
    await writeAtomically(json, `${JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
    for (const [extension, text] of extras) {
      const path = besideReport(html, extension);
      await writeAtomically(path, text);
      written.push(path);
    }
  } catch (error) {
    if (error instanceof PcmError) throw error;
    throw new PcmError(`Cannot write the report '${htmlPath}': ${describeError(error)}. Check the path and that the disk has room.`, { errorId: 'ReportWriteFailed', category: 'WriteError', target: htmlPath, cause: error });
  }
  return { html, json, extras: written };
}
