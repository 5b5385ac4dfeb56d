/** A CmdletContext that records what a cmdlet reports, for tests that call cmdlets directly. */
import type { PcmError } from '../../core/errors.js';
import type { CmdletContext, OutputItem, ProgressInfo, Cmdlet, CmdletDeclaration } from '../../cmdlets/framework/cmdlet.js';
import { bindParameters } from '../../cmdlets/framework/binding.js';

export class RecordingContext implements CmdletContext {
  readonly verboseMessages: string[] = [];
  readonly warnings: string[] = [];
  readonly progressRecords: ProgressInfo[] = [];
  readonly errors: PcmError[] = [];
  readonly signal: AbortSignal;
  constructor(
    readonly whatIf = false,
    readonly parameterSet = '__AllParameterSets',
    signal?: AbortSignal,
  ) {
    this.signal = signal ?? new AbortController().signal;
  }
  verbose(message: string): void {
    this.verboseMessages.push(message);
  }
  warning(message: string): void {
    this.warnings.push(message);
  }
  progress(info: ProgressInfo): void {
    this.progressRecords.push(info);
  }
  error(error: PcmError): void {
    this.errors.push(error);
  }
}

export interface CmdletRun {
  readonly output: OutputItem[];
  readonly context: RecordingContext;
}

/**
 * Binds named parameters exactly as the CLI and the PowerShell bridge do, then runs the cmdlet to completion.
 * `WhatIf` is taken out of the parameters, as PowerShell's common parameter is.
 */
export async function runCmdlet(cmdlet: Cmdlet<CmdletDeclaration>, parameters: Record<string, unknown>): Promise<CmdletRun> {
  const { WhatIf, ...rest } = parameters;
  const bound = bindParameters(cmdlet.declaration, Object.entries(rest));
  const context = new RecordingContext(Boolean(WhatIf), bound.parameterSet);
  const output: OutputItem[] = [];
  for await (const item of cmdlet.run(bound.values as never, context)) output.push(item);
  return { output, context };
}

/** The properties of an output object (throws when the item is a byte array). */
export function propertiesOf(item: OutputItem | undefined): Readonly<Record<string, unknown>> {
  if (!item || Buffer.isBuffer(item) || typeof item === 'boolean') throw new Error('expected an output object');
  return item.properties;
}
