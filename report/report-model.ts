/**
 * The -Report data, written twice: as HTML for a person (report-html.ts) and as JSON for scripts (the same object,
 * serialised). Counts are per category and room, source against target.
 */
import type { Notice } from '../core/convert/notices.js';

export type Outcome = 'Succeeded' | 'Failed' | 'WhatIf';

export interface CountPair {
  /** What the source (export) or the package (import) holds. */
  readonly source: number;
  /** What was written (export: into the package; import: what the target holds afterwards). Null for -WhatIf. */
  readonly target: number | null;
}

export interface RoomLine {
  readonly name: string;
  readonly sourceName: string;
  readonly disabled: boolean;
  readonly messages: CountPair;
  /** Created, Overwritten, Exported, or what -WhatIf would do. */
  readonly action: string;
}

export interface CategoryLine {
  readonly name: string;
  readonly sourcePath: string;
  readonly action: string;
  readonly rooms: RoomLine[];
}

export interface MigrationReport {
  readonly schemaVersion: 1;
  readonly operation: 'Export' | 'Import';
  readonly tool: { readonly name: string; readonly version: string };
  readonly outcome: Outcome;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  /** Where data came from and went to, in display form (never a secret). */
  readonly source: string;
  readonly target: string;
  readonly sourceSchema: string;
  /** The parameters of the run, as given (never a secret). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly totals: Readonly<Record<string, CountPair>>;
  readonly categories: readonly CategoryLine[];
  readonly notices: readonly Notice[];
  readonly errors: readonly string[];
}
