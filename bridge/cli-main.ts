/**
 * The pcm command line (DESIGN §5): reads the arguments, prints help or runs one cmdlet through invokeCmdlet, and
 * turns the run into output on stdout, WARNING:/VERBOSE:/error lines and a progress bar on stderr, and an exit
 * code: 0 success, 1 when the cmdlet failed or reported any error, 2 on bad usage, 130 (143 for SIGTERM) when
 * stopped. Ctrl+C stops the cmdlet through its AbortSignal; a second Ctrl+C exits at once.
 */
import { createInterface } from 'node:readline';
import { PRODUCT_VERSION } from '../cmdlets/product.js';
import { registry } from '../cmdlets/registry.js';
import type { BoundParameters } from '../cmdlets/binding.js';
import type { CmdletDeclaration, OutputItem } from '../cmdlets/cmdlet.js';
import { PcmError, UsageError } from '../core/errors.js';
import { cliParameters, needsConfirmation, parseCommandLine, STDIN, type CliRequest } from './cli-args.js';
import { formatCmdletList, formatCommandLineNotes, formatHelp } from './cli-help.js';
import { bytesOnTerminalError, OutputWriter, writesBytes } from './cli-output.js';
import { sanitize } from './cli-text.js';
import { asPcmError, invokeCmdlet } from './invoke.js';
import { closeLogger, createLogger, type PcmLogger } from './log.js';
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


/** `pcm: <cmdlet>: <message> (<errorId>, <category>)`, and the stack of an unexpected error when asked. */
export function errorLine(commandName: string | undefined, error: unknown, withStack = false): string {
  const record = asPcmError(error);
  let message = record.message;
  if (commandName && message.startsWith(`${commandName}: `)) message = message.slice(commandName.length + 2);
  const line = `pcm: ${commandName ? `${commandName}: ` : ''}${sanitize(message, true)} (${record.errorId}, ${record.category})`;
  return withStack && !(error instanceof PcmError) && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}

function write(stream: NodeJS.WritableStream, chunk: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => {
      if (!error) resolve();
      else if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
        reject(new PcmError('standard output was closed before all the output was written.', { errorId: 'OutputClosed', category: 'WriteError', cause: error }));
      } else reject(error);
    });
  });
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
  const bar = io.stderr.isTTY ? new ProgressBar(io.stderr) : undefined;
  const say = (line: string): void => {
    if (bar) bar.print(`${line}\n`);
    else io.stderr.write(`${line}\n`);
  };
  const logger: PcmLogger = createLogger({ directory: options.logPath, env: io.env, level: options.verbose ? 'verbose' : 'info', base: { host: 'cli' } });
  if (logger.problem) say(`WARNING: ${sanitize(logger.problem)}; continuing without a log file.`);
  else if (options.verbose) say(`VERBOSE: Logging to ${sanitize(logger.file ?? logger.directory)}.`);

  const format = options.outputFormat ?? (io.stdout.isTTY ? 'Table' : 'Json');
  const stdout = { write: (chunk: string | Buffer) => write(io.stdout, chunk), isTTY: io.stdout.isTTY === true, columns: io.stdout.columns };
  const writer = new OutputWriter(format, options.outputFormat !== undefined, stdout, declaration.name);
  const controller = new AbortController();
  const signals = handleSignals(controller, say, (signal) => {
    say('pcm: exiting at once.');
    logger.log('warn', 'exit', { cmdlet: declaration.name, outcome: 'Stopped', signal, forced: true });
  });
  const onStdoutError = (): void => controller.abort();
  io.stdout.on('error', onStdoutError);
  let errors = 0;
  let failure: unknown;
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
          if (options.verbose) say(`VERBOSE: ${sanitize(message, true)}`);
        },
        warning: (message) => say(`WARNING: ${sanitize(message, true)}`),
        progress: (info) => bar?.update(info),
        error: (error) => {
          errors++;
          if (options.errorAction !== 'SilentlyContinue') say(errorLine(declaration.name, error, options.verbose));
        },
      },
      beforeRun: async (bound) => {
        if (writer.refusesBytes && writesBytes(declaration, bound.parameterSet)) throw bytesOnTerminalError(declaration.name);
        if (needsConfirmation(declaration, options)) await confirm(io, declaration, bound);
      },
    });
  } catch (error) {
    failure = error;
  }
  try {
    // Objects written before a failure are still shown, as PowerShell shows them.
    await writer.end();
  } catch (error) {
    failure ??= error;
  }
  bar?.clear();
  // The stdout error listener stays: an EPIPE can still be reported after the run.
  signals.remove();
  try {
    if (failure === undefined) return errors > 0 ? EXIT_ERROR : EXIT_SUCCESS;
    const signal = signals.signal();
    if (signal) {
      say(errorLine(declaration.name, asPcmError(failure, true)));
      return signal === 'SIGTERM' ? 143 : 130;
    }
    say(errorLine(declaration.name, failure, options.verbose));
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
  const width = io.stdout.columns || 80;
  let request: CliRequest;
  try {
    request = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const name = registry.find((c) => c.declaration.name.toLowerCase() === (argv[0] ?? '').toLowerCase())?.declaration.name;
    io.stderr.write(`${errorLine(name, error)}\n`);
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
    case 'help': {
      const { declaration } = request.cmdlet;
      await write(io.stdout, `${formatHelp(declaration, width)}\n${formatCommandLineNotes(declaration, cliParameters(declaration), width)}`);
      return EXIT_SUCCESS;
    }
    case 'run':
      return runCmdlet(request, io);
  }
}
