/**
 * Errors the product raises on purpose. Each carries what PowerShell needs to build a real ErrorRecord: a stable
 * error id (FullyQualifiedErrorId) and an ErrorCategory name, plus the target object it is about. Messages always
 * name the input and, where there is one, the fix. They never contain secrets.
 */
import { boundedLine, excerpt } from './excerpt.js';

/** The subset of System.Management.Automation.ErrorCategory names we use. */
export type ErrorCategory =
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'ObjectNotFound'
  | 'OpenError'
  | 'ReadError'
  | 'WriteError'
  | 'ResourceUnavailable'
  | 'ResourceExists'
  | 'ResourceBusy'
  | 'LimitsExceeded'
  | 'SecurityError'
  | 'NotImplemented'
  | 'NotInstalled'
  | 'OperationStopped'
  | 'InvalidResult'
  | 'NotSpecified';

export class PcmError extends Error {
  readonly errorId: string;
  readonly category: ErrorCategory;
  readonly target: string | undefined;

  constructor(message: string, options: { errorId: string; category: ErrorCategory; target?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PcmError';
    this.errorId = options.errorId;
    this.category = options.category;
    this.target = options.target;
  }
}

/** Bad command-line or parameter usage: the CLI exits with 2 for these. */
export class UsageError extends PcmError {
  constructor(message: string, errorId = 'ParameterBindingFailed', target?: string) {
    super(message, { errorId, category: 'InvalidArgument', ...(target === undefined ? {} : { target }) });
    this.name = 'UsageError';
  }
}

/**
 * Parameters that cannot make a call, alone or together (none of the selectors a cmdlet needs, an end before the
 * start, a filter without a keyword): about the call, not the object it names, so it stays terminating where refusals about an object are not (CmdletDeclaration.refusalsPerObject).
 */
export class ParameterCombinationError extends PcmError {
  constructor(message: string, errorId: string, target?: string) {
    super(message, { errorId, category: 'InvalidArgument', ...(target === undefined ? {} : { target }) });
    this.name = 'ParameterCombinationError';
  }
}

/**
 * A parameter value that fails its declared type, allowed values or range. Unlike a UsageError (a command line that
 * cannot be understood at all: exit 2), this is the cmdlet refusing its input, which scripts see as exit code 1,
 * as PowerShell's own validation errors fail a script.
 */
export class ParameterValueError extends PcmError {
  constructor(message: string, target: string) {
    super(message, { errorId: 'ParameterArgumentValidationError', category: 'InvalidArgument', target });
    this.name = 'ParameterValueError';
  }
}

/** A package that cannot be trusted or understood; always raised before anything is written. */
export class PackageError extends PcmError {
  readonly part: string | undefined;
  constructor(message: string, options: { part?: string; errorId?: string; category?: ErrorCategory; cause?: unknown } = {}) {
    // Bounded and on one line whatever the package quoted into it (core/excerpt.ts): a hostile value costs a line.
    super(boundedLine(options.part === undefined ? message : `${excerpt(options.part)}: ${message}`), {
      errorId: options.errorId ?? 'InvalidPackage',
      category: options.category ?? 'InvalidData',
      ...(options.part === undefined ? {} : { target: options.part }),
      cause: options.cause,
    });
    this.name = 'PackageError';
    this.part = options.part;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
