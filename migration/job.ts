/**
 * What an engine (export, import, verification, sample, file store copy, package inspection) is given besides its
 * job object: where its messages, progress and warnings go, whether it is a dry run, and when to stop. Cmdlets
 * pass their own context, which is this plus the parameter set they bound; engines never see cmdlet parameters.
 */
import type { PcmError } from '../core/errors.js';

export interface Credential {
  userName: string;
  password: string;
}

export interface ProgressInfo {
  /** Distinguishes concurrent progress bars; 0 for the main one. */
  readonly id?: number;
  readonly parentId?: number;
  readonly activity: string;
  readonly status: string;
  readonly currentOperation?: string;
  readonly percentComplete?: number;
  readonly secondsRemaining?: number;
  readonly completed?: boolean;
}

/** How an engine talks to whoever runs it (a cmdlet, the CLI, a test). Never the console. */
export interface JobContext {
  /** -WhatIf: do a dry run and report what would happen, write nothing. */
  readonly whatIf: boolean;
  /** Aborted when the caller stops the cmdlet (Ctrl+C, pipeline stopped). */
  readonly signal: AbortSignal;
  verbose(message: string): void;
  /** `rule`: the conversion rule the warning is about, so a terminal can group warnings by rule. */
  warning(message: string, rule?: string): void;
  progress(info: ProgressInfo): void;
  /** A non-terminating error: the cmdlet goes on. Terminating errors are thrown. */
  error(error: PcmError): void;
  /** What the run did, once at its end, for a terminal's closing lines (pcm prints it; PowerShell has the objects). */
  summary?(summary: RunSummary): void;
}

/** The closing lines of a run that moves data (Export, Import, the verification, the file store copy). */
export interface RunSummary {
  /** One phrase: "Exported", "What if: would import", "Not verified". */
  readonly outcome: string;
  /** Counts and the like, in the order shown. */
  readonly facts: readonly (readonly [label: string, value: string | number])[];
  /** Conversions applied, by rule id, with counts. */
  readonly conversions?: ReadonlyMap<string, number>;
  /** Files written (or, after -WhatIf, that would be). */
  readonly written: readonly string[];
}
