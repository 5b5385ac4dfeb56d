/**
 * The verification's -Report: an HTML page that says at the top whether the migration is verified, then the
 * differences, the conversions counted by rule and listed, and every room's messages side by side; a JSON twin
 * with everything; and a CSV of the differences (beside the page, .csv) for a spreadsheet. A CSV cell that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or CR) is prefixed with an apostrophe.
 */
import { dateFromTicks } from '../../core/ticks.js';
import { saveTabularReport, type Cell, type WrittenTabularReport } from '../../report/tabular-report.js';
import type { Finding, FindingValue, Findings } from './findings.js';
import type { RoomDigest } from './message-digest.js';

export interface RoomMessages {
  readonly room: string;
  readonly source: RoomDigest;
  readonly target: RoomDigest;
  readonly same: boolean;
}

export interface VerificationFacts {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly summary: Record<string, unknown>;
  readonly findings: Findings;
  readonly rooms: readonly RoomMessages[];
}

const PAGE_ROWS = 5000;

function text(value: FindingValue | unknown): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function csvCell(value: Cell): string {
  let s = value === null ? '' : typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function differencesCsv(differences: readonly Finding[]): string {
  const rows = [['Kind', 'Object', 'Property', 'SourceValue', 'TargetValue', 'Detail'], ...differences.map((f) => [f.kind, f.object, f.property, text(f.sourceValue), text(f.targetValue), f.detail])];
  return rows.map((r) => r.map((c) => csvCell(c as Cell)).join(',')).join('\r\n') + '\r\n';
}

const date = (ticks: string | null): Cell => (ticks === null ? null : dateFromTicks(BigInt(ticks)).toISOString());

export async function writeVerificationReport(path: string, facts: VerificationFacts): Promise<WrittenTabularReport> {
  const { findings, summary } = facts;
  const byRule = new Map<string, number>();
  for (const c of findings.conversions) byRule.set(c.detail, (byRule.get(c.detail) ?? 0) + 1);
  const verified = findings.differences.length === 0;
  const row = (f: Finding): Cell[] => [f.kind, f.object, f.property, text(f.sourceValue), text(f.targetValue), f.detail];
  const report = {
    title: `Migration verification: ${String(summary.Target)} against ${String(summary.Source)}`,
    verdict: verified ? 'Verified: no difference' : `Not verified: ${findings.differences.length} difference(s)`,
    ok: verified,
    facts: [
      ...Object.entries(summary).map(([k, v]) => [k, text(v)] as const),
      ['Started', facts.startedAt.toISOString()] as const,
      ['Finished', facts.finishedAt.toISOString()] as const,
    ],
    sections: [
      { title: 'Differences', columns: ['Kind', 'Object', 'Property', 'Source', 'Target', 'Detail'], rows: findings.differences.map(row), empty: 'None: the target holds what the source and the conversion rules say it should.', maxRows: PAGE_ROWS },
      { title: 'Conversions by rule', columns: ['Rule', 'Count'], rows: [...byRule].sort((a, b) => b[1] - a[1]), empty: 'No conversion applied.' },
      { title: 'Converted (as the rules require)', columns: ['Kind', 'Object', 'Property', 'Source', 'Target', 'Rule'], rows: findings.conversions.map(row), maxRows: PAGE_ROWS },
      {
        title: 'Messages per chat room',
        columns: ['Chat room', 'Source', 'Target', 'First (source)', 'Last (source)', 'Same content'],
        rows: facts.rooms.map((r) => [r.room, r.source.count, r.target.count, date(r.source.first), date(r.source.last), r.same]),
        empty: 'No messages were compared (the level has none).',
        maxRows: PAGE_ROWS,
      },
    ],
  };
  const data = {
    operation: 'VerifyMigration',
    startedAt: facts.startedAt.toISOString(),
    finishedAt: facts.finishedAt.toISOString(),
    summary,
    differences: findings.differences,
    conversions: findings.conversions,
    rooms: facts.rooms,
  };
  return saveTabularReport(path, report, data, new Map([['.csv', differencesCsv(findings.differences)]]));
}
