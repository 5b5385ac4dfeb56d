#!/usr/bin/env node
/**
 * The long-lived Node cmdlet host behind the PowerShell module (DESIGN.md §4). The module starts
 * `node <module root>/dist/bridge/host.js` on its first call and keeps it for the PowerShell session; this process
 * then runs one request at a time through invokeCmdlet and answers each with CLIXML records on stdout, ending with
 * Done (the wire is described in host-protocol.ts). It ends when stdin closes (the session ended, or the module was
 * removed). Between requests it keeps each pool's database connection (cmdlets/framework/host-session.ts), so that a
 * pipeline of calls shares one. Nothing but records goes to stdout: the console writes to stderr here, and stderr is for crash text.
 */
import { Console } from 'node:console';
import { beforeHostCall, endHostSession, startHostSession } from '../cmdlets/framework/host-session.js';
import { findCmdlet } from '../cmdlets/framework/registry.js';
import type { CmdletDeclaration, OutputItem } from '../cmdlets/framework/cmdlet.js';
import { PRODUCT_VERSION } from '../core/product.js';
import { PcmError } from '../core/errors.js';
import { adaptParameters } from './host-parameters.js';
import { doneRecord, errorRecord, messageRecord, outputRecord, parseRequest, progressRecord, readyRecord } from './host-protocol.js';
import type { InvokeRequest } from './host-protocol.js';
import { RecordWriter, readLines } from './host-stdio.js';
import { asPcmError, invokeCmdlet } from './invoke.js';
import { closeLogger, createLogger, type Logger } from './log.js';

// A stray console.log (a dependency's, say) would break the record stream.
globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });

const logger = createLogger({ env: process.env, level: 'verbose', base: { host: 'powershell' } });
const writer = new RecordWriter(process.stdout);
let current: { id: number; controller: AbortController } | undefined;
let requests = 0;
let logProblemReported = false;
let inputEnded = false;

function crash(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`PersistentChatMigration host ${process.pid}: internal error: ${text}\n`);
  logger.log('error', 'host-crash', { message: error instanceof Error ? error.message : String(error) });
  void closeLogger(logger).finally(() => process.exit(70));
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
// PowerShell went away while we were writing: stop the run; nobody is reading.
writer.onClosed = () => current?.controller.abort();

/** Verbose lines reach the log only when the caller asked for -Verbose, as with the CLI. */
function requestLogger(verbose: boolean): Logger {
  return { log: (level, event, fields) => (level === 'verbose' && !verbose ? undefined : logger.log(level, event, fields)) };
}

/**
 * A non-terminating error under -ErrorAction Stop is sent as it is (PowerShell's WriteError then stops the script,
 * as it does for compiled cmdlets) and ends the run; `promoted` remembers it so that it is not sent twice.
 */
interface RunState {
  promoted: PcmError | undefined;
}

async function run(request: InvokeRequest, state: RunState): Promise<string> {
  const cmdlet = findCmdlet(request.command);
  if (!cmdlet) {
    throw new PcmError(`The term '${request.command}' is not a cmdlet of PersistentChatMigration ${PRODUCT_VERSION}.`, {
      errorId: 'CommandNotFound',
      category: 'ObjectNotFound',
      target: request.command,
    });
  }
  const declaration: CmdletDeclaration = cmdlet.declaration;
  if (request.location) {
    try {
      process.chdir(request.location);
    } catch {
      // noop: PowerShell's location is not a folder this process can use; relative paths stay as they were
    }
  }
  if (request.configStore !== undefined) {
    if (request.configStore === '') delete process.env['PCM_CONFIG_STORE'];
    else process.env['PCM_CONFIG_STORE'] = request.configStore;
  }
  await beforeHostCall(declaration);
  if (logger.problem && !logProblemReported) {
    logProblemReported = true;
    await writer.write(messageRecord('Warning', `${logger.problem}; continuing without a log file.`));
  }
  const result = await invokeCmdlet(cmdlet, adaptParameters(declaration, request.parameters), [], {
    whatIf: request.whatIf,
    signal: current!.controller.signal,
    logger: requestLogger(request.verbose),
    host: 'powershell',
    typedValues: true,
    sink: {
      output: (item: OutputItem) => writer.write(outputRecord(item)),
      verbose: (message) => {
        if (request.verbose) void writer.write(messageRecord('Verbose', message));
      },
      warning: (message) => void writer.write(messageRecord('Warning', message)),
      progress: (info) => {
        if (request.progress) void writer.write(progressRecord(info, declaration.name));
      },
      error: (error) => {
        void writer.write(errorRecord(error, false));
        if (!request.stopOnError) return;
        state.promoted = error;
        throw error;
      },
    },
  });
  return result.outcome;
}

async function handle(line: string): Promise<void> {
  let request;
  try {
    request = parseRequest(line);
  } catch (error) {
    await writer.write(errorRecord(asPcmError(error), true));
    await writer.write(doneRecord(-1, 'Failed'));
    return;
  }
  if (request.kind === 'Stop') return; // the request it was meant for has already ended
  if (inputEnded) return; // PowerShell has gone: nobody would read the answer
  requests++;
  current = { id: request.id, controller: new AbortController() };
  const state: RunState = { promoted: undefined };
  let outcome: string;
  try {
    outcome = await run(request, state);
  } catch (error) {
    const stopped = current.controller.signal.aborted;
    outcome = stopped ? 'Stopped' : 'Failed';
    if (error !== state.promoted) await writer.write(errorRecord(asPcmError(error, stopped), true));
  } finally {
    current = undefined;
  }
  await writer.write(doneRecord(request.id, outcome));
}

/** Stop lines act at once on the running request; the others queue. */
function isStopFor(line: string, id: number): boolean {
  if (line.length > 4096 || !line.includes('Stop')) return false;
  try {
    const request = parseRequest(line);
    return request.kind === 'Stop' && request.id === id;
  } catch {
    return false;
  }
}

// One connection per pool for the whole PowerShell session, not one per call (admin/store-session.ts).
const storeSession = startHostSession();
logger.log('info', 'host-start', { nodeVersion: process.versions.node, version: PRODUCT_VERSION, file: logger.file ?? null, storeSession });
await writer.write(readyRecord(PRODUCT_VERSION));

const lines = readLines(process.stdin, {
  intercept: (line) => {
    if (!current || !isStopFor(line, current.id)) return false;
    current.controller.abort();
    return true;
  },
  // PowerShell ended (or the module was removed) during a run: nobody will read the rest.
  onEnd: () => {
    inputEnded = true;
    current?.controller.abort();
  },
});
for await (const line of lines) {
  await handle(line);
}

await endHostSession();
logger.log('info', 'host-exit', { requests });
await closeLogger(logger);
// A connection pool or timer a cmdlet left open must not keep the process alive after PowerShell has gone.
setTimeout(() => process.exit(0), 1000).unref();
