/** Shared by export and import: the MigrationReport frame, and writing it only when -Report asked for it. */
import { describeError } from '../core/errors.js';
import type { Notice } from '../core/convert/notices.js';
import type { CategoryLine, CountPair, MigrationReport, Outcome } from '../report/report-model.js';
import { writeReport } from '../report/write-report.js';
import type { JobContext } from './job.js';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../core/product.js';

export interface ReportFacts {
  operation: MigrationReport['operation'];
  startedAt: Date;
  source: string;
  target: string;
  sourceSchema: string;
  parameters: Record<string, string>;
  totals: Record<string, CountPair>;
  categories: CategoryLine[];
  notices: readonly Notice[];
}

export function buildReport(facts: ReportFacts, outcome: Outcome, error?: unknown): MigrationReport {
  const finishedAt = new Date();
  return {
    schemaVersion: 1,
    operation: facts.operation,
    tool: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
    outcome,
    startedAt: facts.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.round((finishedAt.getTime() - facts.startedAt.getTime()) / 100) / 10,
    source: facts.source,
    target: facts.target,
    sourceSchema: facts.sourceSchema,
    parameters: facts.parameters,
    totals: facts.totals,
    categories: facts.categories,
    notices: facts.notices,
    errors: error === undefined ? facts.notices.filter((n) => n.severity === 'Error').map((n) => `${n.objectKind} '${n.objectName}': ${n.message}`) : [describeError(error)],
  };
}

/** Writes the report when a path was given; a report that cannot be written is a warning, not a lost migration. */
export async function saveReport(path: string | undefined, report: MigrationReport, context: JobContext, failing: boolean): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    const written = await writeReport(path, report);
    if (written.previous) context.verbose(`The previous report was kept as ${written.previous}.`);
    context.verbose(`Report written to ${written.html} and ${written.json}.`);
    return written.html;
  } catch (error) {
    if (!failing) throw error;
    context.warning(`The report could not be written: ${describeError(error)}`);
    return undefined;
  }
}

/** Parameter values for the report: as given, minus anything bulky or secret. */
export function describeParameters(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Buffer.isBuffer(value)) out[name] = `<${value.length} bytes>`;
    else if (value instanceof Date) out[name] = value.toISOString();
    else if (Array.isArray(value)) out[name] = value.join(', ');
    else if (typeof value === 'object') out[name] = '<object>';
    else out[name] = String(value);
  }
  return out;
}
