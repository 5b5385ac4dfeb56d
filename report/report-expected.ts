/**
 * Differences between source and target counts that the run's own parameters explain, so that the page shows them
 * as expected instead of as failures: an export with -StartDate leaves out older messages, one with -Level other
 * than All (or with -Scope) leaves out part of the data, and an import into a database that already held data
 * finds more there afterwards than the package brought. Anything else that differs stays marked as a difference.
 */
import type { CountPair, MigrationReport } from './report-model.js';
import { localTime } from './report-words.js';

const isMessages = (kind: string): boolean => /^messages?$/i.test(kind);

function parameter(report: MigrationReport, name: string): string | undefined {
  const key = Object.keys(report.parameters).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : report.parameters[key];
  return value === undefined || value === '' ? undefined : value;
}

/** Why this count differs as it should, or undefined when it does not differ or nothing explains it. `kind` is a totals key; rooms pass 'messages'. */
export function expectedDifference(report: MigrationReport, kind: string, pair: CountPair): string | undefined {
  if (pair.target === null || pair.target === pair.source) return undefined;
  if (report.operation === 'Import') {
    return pair.target > pair.source ? 'the target database already held more than this package brings; what was there is kept' : undefined;
  }
  if (pair.target > pair.source) return undefined;
  const startDate = parameter(report, 'StartDate');
  if (startDate !== undefined && isMessages(kind)) return `-StartDate ${localTime(startDate)} leaves out the messages posted before it`;
  const level = parameter(report, 'Level');
  if (level !== undefined && !/^all$/i.test(level)) return `-Level ${level} exports only part of the data`;
  const scope = parameter(report, 'Scope');
  if (scope !== undefined) return `-Scope ${scope} exports only the categories it names and what they refer to`;
  return undefined;
}

/** The reasons that apply anywhere in the report, each once, for a note above the counts. */
export function expectedReasons(report: MigrationReport): string[] {
  const reasons = new Set<string>();
  for (const [kind, pair] of Object.entries(report.totals)) {
    const why = expectedDifference(report, kind, pair);
    if (why !== undefined) reasons.add(why);
  }
  for (const category of report.categories) {
    for (const room of category.rooms) {
      const why = expectedDifference(report, 'messages', room.messages);
      if (why !== undefined) reasons.add(why);
    }
  }
  return [...reasons];
}
