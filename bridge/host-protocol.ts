/**
 * The wire between the PowerShell module and the long-lived Node cmdlet host (DESIGN.md §4), in one place so that
 * both ends can be read side by side with module/src/Bridge.*.ps1.
 *
 * PowerShell -> Node: one line on stdin per request, the one-line CLIXML of a PSCustomObject
 *   { Kind: 'Invoke', Protocol, Id, Command, Parameters: Hashtable, WhatIf, StopOnError, Verbose, Progress, Location }
 *   or { Kind: 'Stop', Id } while a request runs (the pipeline was stopped: Ctrl+C, a failed Write*).
 * Node -> PowerShell: one line on stdout per record, the one-line CLIXML of an object typed
 *   PersistentChatMigration.BridgeRecord whose Kind is Ready (once, at start), Output, Verbose, Warning, Progress,
 *   Error, or Done (last for every request). stderr carries crash text only.
 */
import { outputObject, type OutputItem, type ProgressInfo } from '../cmdlets/framework/cmdlet.js';
import { PcmError } from '../core/errors.js';
import { deserializeClixmlSingle, serializeClixml } from './clixml.js';

export const BRIDGE_PROTOCOL = 1;
export const RECORD_TYPE_NAME = 'PersistentChatMigration.BridgeRecord';
/** The longest request line read: V8's longest string (a -ByteInput package of about 380 MB as base64). */
const MAX_REQUEST_CHARS = 0x1fffffe8;

export interface InvokeRequest {
  readonly kind: 'Invoke';
  readonly id: number;
  readonly command: string;
  /** The bound parameters as PowerShell bound them (switches as booleans, a credential as UserName/Password). */
  readonly parameters: ReadonlyArray<readonly [string, unknown]>;
  readonly whatIf: boolean;
  readonly stopOnError: boolean;
  readonly verbose: boolean;
  readonly progress: boolean;
  /** PowerShell's current FileSystem location, against which relative paths are resolved. */
  readonly location: string | undefined;
  /**
   * $env:PCM_CONFIG_STORE in the calling session now ('' when unset); undefined from a client that does not send it.
   * The host's own environment is the one it started with, so each call carries the session's value.
   */
  readonly configStore: string | undefined;
}

export interface StopRequest {
  readonly kind: 'Stop';
  readonly id: number;
}

export type BridgeRequest = InvokeRequest | StopRequest;

export function protocolError(message: string): PcmError {
  return new PcmError(`The PowerShell bridge received a request it cannot read: ${message}`, { errorId: 'BridgeProtocolError', category: 'InvalidData' });
}

function field(source: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(source).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : source[key];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !Buffer.isBuffer(value);
}

/** Reads one request line; throws a PcmError (BridgeProtocolError) naming what is wrong. */
export function parseRequest(line: string): BridgeRequest {
  let value: unknown;
  try {
    value = deserializeClixmlSingle(line, { maxLength: MAX_REQUEST_CHARS });
  } catch (error) {
    throw protocolError((error as Error).message);
  }
  if (!isRecord(value)) throw protocolError('it is not an object.');
  const kind = field(value, 'Kind');
  const id = field(value, 'Id');
  if (typeof id !== 'number' || !Number.isInteger(id)) throw protocolError('Id is not a whole number.');
  if (kind === 'Stop') return { kind, id };
  if (kind !== 'Invoke') throw protocolError(`Kind '${String(kind)}' is not Invoke or Stop.`);
  const protocol = field(value, 'Protocol');
  if (protocol !== BRIDGE_PROTOCOL) {
    throw protocolError(`the module speaks protocol ${String(protocol)} and this host ${BRIDGE_PROTOCOL}; reinstall the module so that its files match.`);
  }
  const command = field(value, 'Command');
  if (typeof command !== 'string' || command === '') throw protocolError('Command is missing.');
  const parameters = field(value, 'Parameters') ?? {};
  const entries = parameters instanceof Map ? [...parameters].map(([k, v]) => [String(k), v] as const) : isRecord(parameters) ? Object.entries(parameters) : undefined;
  if (!entries) throw protocolError('Parameters is not a hashtable.');
  const location = field(value, 'Location');
  const configStore = field(value, 'ConfigStore');
  return {
    kind,
    id,
    command,
    parameters: entries,
    whatIf: field(value, 'WhatIf') === true,
    stopOnError: field(value, 'StopOnError') === true,
    verbose: field(value, 'Verbose') === true,
    progress: field(value, 'Progress') !== false,
    location: typeof location === 'string' && location !== '' ? location : undefined,
    configStore: typeof configStore === 'string' ? configStore : configStore === null ? '' : undefined,
  };
}

function record(kind: string, properties: Record<string, unknown>): string {
  return serializeClixml(outputObject(RECORD_TYPE_NAME, { Kind: kind, ...properties } as never));
}

export function readyRecord(version: string): string {
  return record('Ready', { Protocol: BRIDGE_PROTOCOL, ProcessId: process.pid, NodeVersion: process.versions.node, Version: version });
}

/** An output object or a byte array; either reaches the pipeline as one object. */
export function outputRecord(item: OutputItem): string {
  return record('Output', { Value: item });
}

export function messageRecord(kind: 'Verbose' | 'Warning', message: string): string {
  return record(kind, { Message: message });
}

/** A ProgressRecord's fields, already within what its constructor and setters accept. */
export function progressRecord(info: ProgressInfo, fallbackActivity: string): string {
  const percent = info.percentComplete === undefined ? -1 : Math.max(0, Math.min(100, Math.floor(info.percentComplete)));
  return record('Progress', {
    ActivityId: Math.max(0, Math.floor(info.id ?? 0)),
    ParentActivityId: info.parentId === undefined ? -1 : Math.max(-1, Math.floor(info.parentId)),
    Activity: info.activity.trim() === '' ? fallbackActivity : info.activity,
    StatusDescription: info.status.trim() === '' ? 'Processing' : info.status,
    CurrentOperation: info.currentOperation ?? null,
    PercentComplete: percent,
    SecondsRemaining: info.secondsRemaining === undefined ? -1 : Math.max(-1, Math.floor(info.secondsRemaining)),
    Completed: info.completed === true,
  });
}

/** An error for an ErrorRecord: Terminating ones go to ThrowTerminatingError, the others to WriteError. */
export function errorRecord(error: PcmError, terminating: boolean): string {
  return record('Error', {
    Message: error.message,
    ErrorId: error.errorId,
    Category: error.category,
    TargetObject: error.target ?? null,
    Terminating: terminating,
  });
}

export function doneRecord(id: number, outcome: string): string {
  return record('Done', { Id: id, Outcome: outcome });
}
