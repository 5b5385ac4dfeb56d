/**
 * The objects a run writes to the pipeline: a list of type names (PowerShell's format views key on the first) and
 * properties. Plain data, made by engines and cmdlets alike, and turned into PSObjects by the bridge.
 */
import type { Duration } from './duration.js';

/** A typed object for the pipeline: PowerShell sees these type names (format views key on the first). */
export interface OutputObject {
  readonly typeNames: readonly string[];
  readonly properties: Readonly<Record<string, OutputValue>>;
}

export type OutputValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Duration
  | null
  | Buffer
  | readonly OutputValue[]
  | OutputObject;

/** What run() yields: objects, a byte array (AsBytes) written as one object, or a bare Boolean (-Quiet: $true / $false). */
export type OutputItem = OutputObject | Buffer | boolean;

export function outputObject(typeName: string, properties: Record<string, OutputValue>): OutputObject {
  return { typeNames: [typeName, 'System.Management.Automation.PSCustomObject', 'System.Object'], properties };
}

export function isOutputObject(value: unknown): value is OutputObject {
  return typeof value === 'object' && value !== null && 'typeNames' in value && 'properties' in value;
}
