/**
 * The one place that runs a cmdlet for a host (the pcm command line, the long-lived PowerShell host, tests):
 * binds the parameters with the shared binder, gives run() a context whose records go to the host's RecordSink,
 * forwards the output, and logs the run (start, parameters after redaction, warnings, errors, throttled progress,
 * end with outcome and duration). Host-neutral: no console, no process, no exit codes.
 */
import { randomUUID } from 'node:crypto';
import { bindParameters, convertValue, findParameter, type BoundParameters } from '../cmdlets/framework/binding.js';
import {
  isOutputObject,
  OBJECT_REFUSAL_CATEGORIES,
  type Cmdlet,
  type CmdletContext,
  type CmdletDeclaration,
  type OutputItem,
  type ProgressInfo,
  type RunSummary,
} from '../cmdlets/framework/cmdlet.js';
import { ParameterCombinationError, ParameterValueError, PcmError, UsageError } from '../core/errors.js';
import { nullLogger, ProgressLogThrottle, type Logger } from './log.js';
import { redactParameters } from './log-redact.js';

/** Where a running cmdlet's records go; the host turns them into lines, CLIXML records or a progress bar. */
export interface RecordSink {
  /** May return a promise to hold the cmdlet back until the host has written the item (back-pressure). */
  output(item: OutputItem): void | Promise<void>;
  verbose(message: string): void;
  warning(message: string, rule?: string): void;
  progress(info: ProgressInfo): void;
  /** A non-terminating error; terminating ones reject invokeCmdlet's promise instead. */
  error(error: PcmError): void;
  /** A host that shows a run's closing summary (pcm on a terminal). */
  summary?(summary: RunSummary): void;
}

export interface InvokeOptions {
  /** -WhatIf: the cmdlet does a dry run. Default is `false`. */
  readonly whatIf?: boolean;
  /** Aborting it stops the cmdlet (Ctrl+C, a stopped pipeline). */
  readonly signal?: AbortSignal;
  readonly sink: RecordSink;
  /** Default is no logging. */
  readonly logger?: Logger;
  /** One object from the pipeline: bound to the `pipeline: true` parameter, else by property name. */
  readonly pipelineInput?: unknown;
  /** -ErrorAction Stop: the first non-terminating error ends the cmdlet as a terminating one. Default is `false`. */
  readonly stopOnError?: boolean;
  /** Runs after binding and before run(): a host's last checks and its -Confirm prompt. Throwing cancels the run. */
  readonly beforeRun?: (bound: BoundParameters) => void | Promise<void>;
  /** The values were typed by PowerShell (no command-line splitting of `a,b`). Default is `false`. */
  readonly typedValues?: boolean;
  /** Names the host in the log (`cli`, `powershell`). */
  readonly host?: string;
}

/** How a run ended, as logged. Only the first two resolve; the others reject with the error. */
export type Outcome = 'Succeeded' | 'CompletedWithErrors' | 'Failed' | 'Stopped' | 'UsageError';

export interface InvokeResult {
  readonly outcome: 'Succeeded' | 'CompletedWithErrors';
  readonly parameterSet: string;
  readonly outputCount: number;
  readonly warningCount: number;
  readonly errorCount: number;
  readonly durationMs: number;
}

/** A refusal that a refusalsPerObject cmdlet reports as a non-terminating error (see CmdletDeclaration). */
function isObjectRefusal(declaration: CmdletDeclaration, error: unknown): error is PcmError {
  return (
    declaration.refusalsPerObject === true &&
    error instanceof PcmError &&
    !(error instanceof UsageError) &&
    !(error instanceof ParameterValueError) &&
    !(error instanceof ParameterCombinationError) &&
    OBJECT_REFUSAL_CATEGORIES.has(error.category)
  );
}

/** The error PowerShell and the CLI report when a run was stopped. */
export function stoppedError(): PcmError {
  return new PcmError('The operation was stopped.', { errorId: 'OperationStopped', category: 'OperationStopped' });
}

/** Any thrown value as a PcmError with an error id and category; `stopped` marks a run that was aborted. */
export function asPcmError(error: unknown, stopped = false): PcmError {
  if (error instanceof PcmError) return error;
  if (stopped) return stoppedError();
  const message = error instanceof Error ? error.message : String(error);
  return new PcmError(message, { errorId: 'UnexpectedError', category: 'NotSpecified', cause: error });
}

/** The named values a pipeline object adds: ByValue to the first `pipeline` parameter it converts to, else ByPropertyName. */
export function pipelineBinding(declaration: CmdletDeclaration, named: ReadonlyArray<readonly [string, unknown]>, input: unknown): [string, unknown][] {
  const alreadyNamed = new Set<string>();
  for (const [name] of named) {
    try {
      alreadyNamed.add(findParameter(declaration, name).name);
    } catch {
      // noop: bindParameters reports the bad name
    }
  }
  for (const parameter of declaration.parameters) {
    if (!parameter.pipeline || alreadyNamed.has(parameter.name)) continue;
    try {
      convertValue(declaration, parameter, input);
      return [[parameter.name, input]];
    } catch {
      // noop: PowerShell tries the next parameter that takes pipeline input
    }
  }
  if (typeof input === 'object' && input !== null && !(input instanceof Uint8Array)) {
    const properties = (isOutputObject(input) ? input.properties : input) as Record<string, unknown>;
    const pairs: [string, unknown][] = [];
    for (const parameter of declaration.parameters) {
      if (!parameter.pipelineByPropertyName || alreadyNamed.has(parameter.name)) continue;
      const names = [parameter.name, ...(parameter.aliases ?? [])].map((n) => n.toLowerCase());
      const key = Object.keys(properties).find((k) => names.includes(k.toLowerCase()));
      if (key !== undefined) pairs.push([parameter.name, properties[key]]);
    }
    if (pairs.length > 0) return pairs;
  }
  throw new UsageError(
    `${declaration.name}: the input object cannot be bound to any parameters of the command, either because the command ` +
      'does not take pipeline input or because the input and its properties do not match any of the parameters that take pipeline input.',
    'InputObjectNotBound',
  );
}

function errorFields(error: unknown, stopped: boolean): Record<string, unknown> {
  const record = asPcmError(error, stopped);
  const fields: Record<string, unknown> = { errorId: record.errorId, category: record.category, message: record.message };
  if (record.target !== undefined) fields.target = record.target;
  if (!(error instanceof PcmError) && error instanceof Error && !stopped) fields.stack = error.stack;
  return fields;
}

/**
 * Binds and runs a cmdlet. Resolves when run() completes (possibly with non-terminating errors, counted in the
 * result); rejects with the original error when binding fails (a UsageError), when run() throws, or when the
 * signal stops the run (check `signal.aborted`; asPcmError gives the record to report).
 */
export async function invokeCmdlet(
  cmdlet: Cmdlet<CmdletDeclaration>,
  named: ReadonlyArray<readonly [string, unknown]>,
  positional: readonly unknown[],
  options: InvokeOptions,
): Promise<InvokeResult> {
  const { declaration } = cmdlet;
  const { sink } = options;
  const logger = options.logger ?? nullLogger;
  const signal = options.signal ?? new AbortController().signal;
  const whatIf = options.whatIf ?? false;
  const started = performance.now();
  const common = { cmdlet: declaration.name, invocation: randomUUID().slice(0, 8) };
  const counts = { outputCount: 0, warningCount: 0, errorCount: 0 };
  const end = (level: 'info' | 'warn' | 'error', outcome: Outcome, extra: Record<string, unknown> = {}): void => {
    logger.log(level, 'end', { ...common, outcome, durationMs: Math.round(performance.now() - started), ...counts, ...extra });
  };

  let bound: BoundParameters;
  try {
    const fromPipeline = options.pipelineInput === undefined ? [] : pipelineBinding(declaration, named, options.pipelineInput);
    bound = bindParameters(declaration, [...named, ...fromPipeline], positional, { typed: options.typedValues ?? false });
  } catch (error) {
    end('error', 'UsageError', { parameterNames: named.map(([name]) => name), ...errorFields(error, false) });
    throw error;
  }
  logger.log('info', 'start', {
    ...common,
    ...(options.host === undefined ? {} : { host: options.host }),
    parameterSet: bound.parameterSet,
    whatIf,
    parameters: redactParameters(declaration, bound.values),
  });

  const throttle = new ProgressLogThrottle();
  const context: CmdletContext = {
    whatIf,
    signal,
    parameterSet: bound.parameterSet,
    verbose(message) {
      logger.log('verbose', 'verbose', { ...common, message });
      sink.verbose(message);
    },
    warning(message, rule) {
      counts.warningCount++;
      logger.log('warn', 'warning', { ...common, message, ...(rule === undefined ? {} : { rule }) });
      sink.warning(message, rule);
    },
    summary(summary) {
      sink.summary?.(summary);
    },
    progress(info) {
      if (throttle.shouldLog(info)) {
        const { activity, status, percentComplete, secondsRemaining, completed } = info;
        logger.log('info', 'progress', { ...common, activity, status, percentComplete, secondsRemaining, completed });
      }
      sink.progress(info);
    },
    error(error) {
      counts.errorCount++;
      logger.log('error', 'error', { ...common, ...errorFields(error, false) });
      // With -ErrorAction Stop the record comes back once, as the terminating error.
      if (options.stopOnError) throw error;
      sink.error(error);
    },
  };

  try {
    await options.beforeRun?.(bound);
    for await (const item of cmdlet.run(bound.values as never, context)) {
      if (signal.aborted) throw stoppedError();
      counts.outputCount++;
      await sink.output(item);
    }
  } catch (error) {
    const stopped = signal.aborted;
    if (!stopped && isObjectRefusal(cmdlet.declaration, error)) {
      // Reported as PowerShell's WriteError would; under -ErrorAction Stop the sink throws it back as terminating.
      try {
        context.error(error);
      } catch (promoted) {
        end('error', 'Failed', errorFields(promoted, false));
        throw promoted;
      }
      end('warn', 'CompletedWithErrors');
      return { outcome: 'CompletedWithErrors', parameterSet: bound.parameterSet, durationMs: Math.round(performance.now() - started), ...counts };
    }
    const outcome: Outcome = stopped ? 'Stopped' : error instanceof UsageError ? 'UsageError' : 'Failed';
    end(stopped ? 'warn' : 'error', outcome, errorFields(error, stopped));
    throw error;
  }
  const outcome = counts.errorCount > 0 ? 'CompletedWithErrors' : 'Succeeded';
  end(outcome === 'Succeeded' ? 'info' : 'warn', outcome);
  return { outcome, parameterSet: bound.parameterSet, durationMs: Math.round(performance.now() - started), ...counts };
}
