/**
 * The pcm command line (DESIGN §5): reads the arguments, prints help or runs one cmdlet through invokeCmdlet, and
 * turns the run into output on stdout, WARNING:/VERBOSE:/error lines and a progress bar on stderr, and an exit
 * code: 0 success, 1 when the cmdlet failed or reported any error, 2 on bad usage, 130 (143 for SIGTERM) when
 * stopped. Ctrl+C stops the cmdlet through its AbortSignal; a second Ctrl+C exits at once.
 */
import { createInterface } from 'node:readline';
import { PRODUCT_VERSION } from '../core/product.js';
import { registry } from '../cmdlets/framework/registry.js';
import type { BoundParameters } from '../cmdlets/framework/binding.js';
import type { CmdletDeclaration, OutputItem, RunSummary } from '../cmdlets/framework/cmdlet.js';
import { ParameterValueError, PcmError, UsageError } from '../core/errors.js';
import { cliParameters, needsConfirmation, parseCommandLine, STDIN, type CliRequest } from './cli-args.js';
import { validValuesText } from './cli-common.js';
import { colourEnabled, painter, type Painter } from './cli-colour.js';
import { completionScript } from './cli-completion.js';
import { formatCmdletList, formatHelpView } from './cli-help.js';
import { bytesOnTerminalError, OutputWriter, writesBytes } from './cli-output.js';
import { GroupedWarnings, summaryLines } from './cli-summary.js';
import { sanitize } from './cli-text.js';
import { asPcmError, invokeCmdlet } from './invoke.js';
import { closeLogger, createLogger, resolveLogDirectory, type PcmLogger } from './log.js';
import { ProgressBar } from './progress-bar.js';

/** The streams and environment pcm runs with; process's own by default. */
export interface CliIO {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
}

export const EXIT_SUCCESS = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
/** What a shell reports for a program that SIGPIPE ended: the reader of its output went away (`| head -1`). */
export const EXIT_PIPE_CLOSED = 141;


/** `pcm: <cmdlet>: <message> (<errorId>, <category>)`, and the stack of an unexpected error when asked. */
export function errorLine(commandName: string | undefined, error: unknown, withStack = false): string {
  const record = asPcmError(error);
  let message = record.message;
  if (commandName && message.startsWith(`${commandName}: `)) message = message.slice(commandName.length + 2);
  const line = `pcm: ${commandName ? `${commandName}: ` : ''}${sanitize(message, true)} (${record.errorId}, ${record.category})`;
  return withStack && !(error instanceof PcmError) && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}

/** Standard output's reader went away (EPIPE); pcm then stops as quietly as a shell tool that SIGPIPE ends. */
class OutputClosedError extends PcmError {
  constructor(cause: unknown) {
    super('standard output was closed before all the output was written.', { errorId: 'OutputClosed', category: 'WriteError', cause });
  }
}

const isPipeClosed = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

function write(stream: NodeJS.WritableStream, chunk: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => {
      if (!error) resolve();
      else reject(isPipeClosed(error) ? new OutputClosedError(error) : error);
    });
  });
}

/**
 * A parameter value the binder refused is bad usage (exit 2, as the README says), told with what is valid: the
 * binder's message names the parameter and the value; the allowed values are added where it does not list them.
 */
function valueUsageError(declaration: CmdletDeclaration, error: ParameterValueError): UsageError {
  const parameter = declaration.parameters.find((p) => p.name === error.target);
  const valid = parameter ? validValuesText(parameter) : '';
  const says = /allowed values|allowed range|\$true or \$false|a form such as/.test(error.message);
  return new UsageError(valid === '' || says ? error.message : `${error.message} ${valid}`, error.errorId, error.target);
}

async function readAll(stdin: CliIO['stdin']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Replaces `-ByteInput -` by the bytes on stdin. */
async function resolveStdin(declaration: CmdletDeclaration, named: readonly [string, unknown][], stdin: CliIO['stdin']): Promise<[string, unknown][]> {
  const readers = named.filter(([, value]) => value === STDIN);
  if (readers.length === 0) return [...named];
  const name = readers[0]![0];
  if (readers.length > 1) throw new UsageError(`${declaration.name}: only one parameter can read standard input.`, 'ParameterAlreadyBound', name);
  if (stdin.isTTY) {
    throw new UsageError(
      `${declaration.name}: -${name} - reads the bytes from standard input, which is a terminal. Pipe them in ` +
        `(pcm Export-CsPersistentChatData ... -AsBytes | pcm ${declaration.name} ... -${name} -) or use -FileName.`,
      'StdinIsTerminal',
      name,
    );
  }
  const bytes = await readAll(stdin);
  if (bytes.length === 0) throw new UsageError(`${declaration.name}: -${name} - found nothing on standard input.`, 'StdinEmpty', name);
  return named.map(([n, value]) => [n, value === STDIN ? bytes : value]);
}

/** The value PowerShell's ShouldProcess would name as the target: the first mandatory String parameter bound. */
function confirmTarget(declaration: CmdletDeclaration, bound: BoundParameters): string {
  const parameter = declaration.parameters.find((p) => p.mandatory && p.type === 'String' && typeof bound.values[p.name] === 'string');
  return parameter ? String(bound.values[parameter.name]) : declaration.name;
}

async function confirm(io: CliIO, declaration: CmdletDeclaration, bound: BoundParameters): Promise<void> {
  io.stderr.write(
    `\nConfirm\nAre you sure you want to perform this action?\n` +
      `Performing the operation "${declaration.name}" on target "${sanitize(confirmTarget(declaration, bound))}".\n` +
      '[Y] Yes  [N] No  (default is "N"): ',
  );
  const lines = createInterface({ input: io.stdin, terminal: false });
  const answer = await new Promise<string>((resolve) => {
    lines.once('line', resolve);
    lines.once('close', () => resolve(''));
  });
  lines.close();
  if (!/^\s*y(es)?\s*$/i.test(answer)) {
    throw new PcmError(`${declaration.name}: not confirmed; nothing was done.`, { errorId: 'NotConfirmed', category: 'OperationStopped' });
  }
}

/** First Ctrl+C (or SIGTERM) aborts; the second exits at once. Returns the signal seen and a remover. */
function handleSignals(
  controller: AbortController,
  say: (line: string) => void,
  beforeExit: (signal: NodeJS.Signals) => void,
): { signal: () => NodeJS.Signals | undefined; remove: () => void } {
  let seen: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (seen) {
      beforeExit(signal);
      process.exit(signal === 'SIGTERM' ? 143 : 130);
    }
    seen = signal;
    say('pcm: stopping; press Ctrl+C again to exit at once.');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: () => seen,
    remove: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function runCmdlet(request: Extract<CliRequest, { kind: 'run' }>, io: CliIO): Promise<number> {
  const { cmdlet, options } = request;
  const { declaration } = cmdlet;
  const paint: Painter = painter(colourEnabled(io.stderr, io.env));
  const bar = io.stderr.isTTY && options.progressAction === 'Continue' ? new ProgressBar(io.stderr) : undefined;
  const say = (line: string): void => {
    if (bar) bar.print(`${line}\n`);
    else io.stderr.write(`${line}\n`);
  };
  const logger: PcmLogger = createLogger({ directory: options.logPath, env: io.env, level: options.verbose ? 'verbose' : 'info', base: { host: 'cli' } });
  if (logger.problem && options.logPath !== undefined) {
    // A folder asked for by name that cannot be used is a mistake to fix, not a log to do without: nothing runs.
    say(paint('error', errorLine(declaration.name, new PcmError(
      `-LogPath '${options.logPath}': ${logger.problem}. Give a folder you can write to, or leave -LogPath out to log in ${resolveLogDirectory({ env: io.env })}; nothing was done.`,
      { errorId: 'LogPathUnusable', category: 'WriteError', target: options.logPath },
    ))));
    return EXIT_ERROR;
  }
  if (logger.problem) say(paint('warning', `WARNING: ${sanitize(logger.problem)}; continuing without a log file.`));
  else if (options.verbose) say(paint('verbose', `VERBOSE: Logging to ${sanitize(logger.file ?? logger.directory)}.`));
  if (options.verbose && logger.expired && logger.expired.length > 0) {
    say(paint('verbose', `VERBOSE: Removed ${logger.expired.length} expired log file${logger.expired.length === 1 ? '' : 's'} (${logger.expired.map((name) => sanitize(name)).join(', ')}).`));
  }

  const format = options.outputFormat ?? (io.stdout.isTTY ? 'Table' : 'Json');
  const stdout = {
    write: (chunk: string | Buffer) => write(io.stdout, chunk),
    isTTY: io.stdout.isTTY === true,
    columns: io.stdout.columns,
    paint: painter(format === 'Table' && colourEnabled(io.stdout, io.env)),
  };
  const writer = new OutputWriter(format, options.outputFormat !== undefined, stdout, declaration.name);
  const controller = new AbortController();
  const signals = handleSignals(controller, say, (signal) => {
    say('pcm: exiting at once.');
    logger.log('warn', 'exit', { cmdlet: declaration.name, outcome: 'Stopped', signal, forced: true });
  });
  let outputClosed = false;
  const onStdoutError = (error: unknown): void => {
    if (isPipeClosed(error)) outputClosed = true;
    controller.abort();
  };
  io.stdout.on('error', onStdoutError);
  let errors = 0;
  let failure: unknown;
  // On a terminal, warnings that name a rule are counted and shown once per rule at the end (cli-summary.ts).
  const terminal = io.stderr.isTTY === true;
  const grouped = new GroupedWarnings();
  let summary: RunSummary | undefined;
  try {
    if (needsConfirmation(declaration, options) && !io.stdin.isTTY) {
      const why = options.confirm ? '-Confirm asks for confirmation' : `${declaration.name} has a high impact and asks for confirmation`;
      throw new UsageError(
        `${declaration.name}: ${why} on a terminal, and there is none. ${options.confirm ? 'Leave -Confirm out, or write' : 'Write'} -Confirm:$false.`,
        'ConfirmWithoutTerminal',
        'Confirm',
      );
    }
    const named = await resolveStdin(declaration, request.named, io.stdin);
    await invokeCmdlet(cmdlet, named, request.positional, {
      whatIf: options.whatIf,
      signal: controller.signal,
      logger,
      host: 'cli',
      stopOnError: options.errorAction === 'Stop',
      sink: {
        output: (item: OutputItem) => writer.write(item),
        verbose: (message) => {
          if (options.verbose) say(paint('verbose', `VERBOSE: ${sanitize(message, true)}`));
        },
        warning: (message, rule) => {
          // -WarningAction Stop: the warning ends the cmdlet, as PowerShell's ActionPreferenceStopException does.
          if (options.warningAction === 'Stop') {
            throw new PcmError(
              `The running command stopped because the common parameter WarningAction is set to Stop: ${message}`,
              { errorId: 'ActionPreferenceStop', category: 'OperationStopped' },
            );
          }
          if (options.warningAction !== 'Continue') return;
          if (terminal && rule !== undefined) grouped.add(rule, message);
          else say(paint('warning', `WARNING: ${sanitize(message, true)}`));
        },
        progress: (info) => bar?.update(info),
        summary: (given) => {
          summary = given;
        },
        error: (error) => {
          errors++;
          if (options.errorAction === 'Continue' || options.errorAction === 'Stop') say(paint('error', errorLine(declaration.name, error, options.verbose)));
        },
      },
      beforeRun: async (bound) => {
        if (writer.refusesBytes && writesBytes(declaration, bound.parameterSet)) throw bytesOnTerminalError(declaration.name);
        if (needsConfirmation(declaration, options)) await confirm(io, declaration, bound);
      },
    });
  } catch (error) {
    failure = error instanceof ParameterValueError ? valueUsageError(declaration, error) : error;
  }
  try {
    // Objects written before a failure are still shown, as PowerShell shows them.
    await writer.end();
  } catch (error) {
    failure ??= error;
  }
  bar?.clear();
  for (const line of grouped.lines()) say(paint('warning', line));
  if (terminal && summary && failure === undefined) for (const line of summaryLines(declaration.name, summary, logger.file)) say(line);
  // The stdout error listener stays: an EPIPE can still be reported after the run.
  signals.remove();
  try {
    if (outputClosed || failure instanceof OutputClosedError) return EXIT_PIPE_CLOSED;
    if (failure === undefined) return errors > 0 ? EXIT_ERROR : EXIT_SUCCESS;
    const signal = signals.signal();
    if (signal) {
      say(paint('error', errorLine(declaration.name, asPcmError(failure, true))));
      return signal === 'SIGTERM' ? 143 : 130;
    }
    say(paint('error', errorLine(declaration.name, failure, options.verbose)));
    return failure instanceof UsageError ? EXIT_USAGE : EXIT_ERROR;
  } finally {
    await closeLogger(logger);
  }
}

/** Logs a command line that could not even be read, so that a scheduled task's typo leaves a trace. */
async function logUsageError(io: CliIO, commandName: string | undefined, error: PcmError): Promise<void> {
  const logger = createLogger({ env: io.env, base: { host: 'cli' } });
  logger.log('error', 'end', { cmdlet: commandName ?? null, outcome: 'UsageError', errorId: error.errorId, category: error.category, message: error.message });
  await closeLogger(logger);
}

/** Runs pcm with its arguments (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = process): Promise<number> {
  // An EPIPE on a stream nobody listens to would end the process with a stack trace; the writes report it instead.
  for (const stream of [io.stdout, io.stderr]) if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
  try {
    return await runRequest(argv, io);
  } catch (error) {
    if (error instanceof OutputClosedError) return EXIT_PIPE_CLOSED;
    throw error;
  }
}

async function runRequest(argv: readonly string[], io: CliIO): Promise<number> {
  const width = io.stdout.columns || 80;
  const paint = painter(colourEnabled(io.stderr, io.env));
  let request: CliRequest;
  try {
    request = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const name = registry.find((c) => c.declaration.name.toLowerCase() === (argv[0] ?? '').toLowerCase())?.declaration.name;
    io.stderr.write(`${paint('error', errorLine(name, error))}\n`);
    await logUsageError(io, name ?? argv[0], error);
    return EXIT_USAGE;
  }
  switch (request.kind) {
    case 'list':
      await write(io.stdout, formatCmdletList(registry.map((c) => c.declaration), PRODUCT_VERSION, width));
      return EXIT_SUCCESS;
    case 'version':
      await write(io.stdout, `${PRODUCT_VERSION}\n`);
      return EXIT_SUCCESS;
    case 'completion':
      await write(io.stdout, completionScript(request.shell, registry.map((c) => c.declaration)));
      return EXIT_SUCCESS;
    case 'help': {
      const { declaration } = request.cmdlet;
      try {
        await write(io.stdout, formatHelpView(declaration, cliParameters(declaration), request.view, width));
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`${paint('error', errorLine(undefined, error))}\n`);
        return EXIT_USAGE;
      }
      return EXIT_SUCCESS;
    }
    case 'run':
      return runCmdlet(request, io);
  }
}
