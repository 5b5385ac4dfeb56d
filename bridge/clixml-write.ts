/**
 * The CLIXML writer: JS values -> one `<Objs>` document on one line, shaped as PSSerializer.Serialize shapes it
 * (RefIds, TN/TNRef, Ref for an object met twice) so that [PSSerializer]::Deserialize on Windows PowerShell 5.1
 * and PowerShell 7 rebuilds typed objects. Written by hand with template strings: every value goes through the
 * `_xHHHH_` encoding and XML escaping of clixml-text.ts, so no raw control character ever reaches the output.
 */
import { isOutputObject } from '../cmdlets/framework/cmdlet.js';
import { Duration } from '../core/duration.js';
import { CLIXML_NAMESPACE, clixmlAttribute, clixmlText } from './clixml-text.js';
import { formatDateTime, formatDouble, isInt64 } from './clixml-values.js';

/**
 * PowerShell's deserializer refuses values nested deeper than this below the top-level object ("Serialized XML is
 * nested too deeply", InternalDeserializer.MaxDepthBelowTopLevel; measured with the real engine). We refuse first,
 * with a message that says why.
 */
export const MAX_POWERSHELL_DEPTH = 48;

const ARRAY_TYPE_NAMES = ['System.Object[]', 'System.Array', 'System.Object'];
const HASHTABLE_TYPE_NAMES = ['System.Collections.Hashtable', 'System.Object'];
const CUSTOM_OBJECT_TYPE_NAMES = ['System.Management.Automation.PSCustomObject', 'System.Object'];

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

class Writer {
  readonly #parts: string[] = [];
  readonly #objectRefIds = new Map<object, number>();
  readonly #typeNameRefIds = new Map<string, number>();
  /** Objects on the path from the top: meeting one again is a cycle. */
  readonly #open = new Set<object>();

  toString(): string {
    return this.#parts.join('');
  }

  value(value: unknown, name: string | undefined, depth: number): void {
    if (depth > MAX_POWERSHELL_DEPTH) {
      throw new RangeError(`Value nested more than ${MAX_POWERSHELL_DEPTH} levels deep: PowerShell's deserializer refuses it`);
    }
    const n = name === undefined ? '' : ` N="${clixmlAttribute(name)}"`;
    switch (typeof value) {
      case 'undefined':
        this.#parts.push(`<Nil${n} />`);
        return;
      case 'string':
        this.#parts.push(`<S${n}>${clixmlText(value)}</S>`);
        return;
      case 'boolean':
        this.#parts.push(`<B${n}>${value}</B>`);
        return;
      case 'number':
        this.#parts.push(numberElement(value, n));
        return;
      case 'bigint':
        this.#parts.push(isInt64(value) ? `<I64${n}>${value}</I64>` : `<S${n}>${value}</S>`);
        return;
      case 'object':
        break;
      default:
        throw new TypeError(`Cannot serialize a ${typeof value} to CLIXML${name === undefined ? '' : ` (property "${name}")`}`);
    }
    if (value === null) {
      this.#parts.push(`<Nil${n} />`);
      return;
    }
    if (value instanceof Date) {
      this.#parts.push(`<DT${n}>${formatDateTime(value)}</DT>`);
      return;
    }
    if (value instanceof Duration) {
      // An XML duration, as PowerShell writes a [timespan]: PT<seconds>S is one XmlConvert reads back exactly.
      const ms = Math.abs(value.milliseconds);
      this.#parts.push(`<TS${n}>${value.milliseconds < 0 ? '-' : ''}PT${Math.floor(ms / 1000)}${ms % 1000 ? `.${String(ms % 1000).padStart(3, '0')}` : ''}S</TS>`);
      return;
    }
    if (value instanceof Uint8Array) {
      const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
      this.#parts.push(`<BA${n}>${base64}</BA>`);
      return;
    }
    this.#complex(value, n, depth);
  }

  #complex(value: object, n: string, depth: number): void {
    const refId = this.#objectRefIds.get(value);
    if (refId !== undefined) {
      if (this.#open.has(value)) throw new TypeError('Cannot serialize a cyclic structure to CLIXML');
      this.#parts.push(`<Ref${n} RefId="${refId}" />`);
      return;
    }
    const writeBody = this.#bodyWriter(value, depth);
    const id = this.#objectRefIds.size;
    this.#objectRefIds.set(value, id);
    this.#open.add(value);
    this.#parts.push(`<Obj${n} RefId="${id}">`);
    writeBody();
    this.#parts.push('</Obj>');
    this.#open.delete(value);
  }

  /** Picks the shape before the RefId is taken, so that an unsupported value throws without a half-written Obj. */
  #bodyWriter(value: object, depth: number): () => void {
    if (Array.isArray(value)) {
      return () => {
        this.#typeNames(ARRAY_TYPE_NAMES);
        if (value.length === 0) return void this.#parts.push('<LST />');
        this.#parts.push('<LST>');
        for (const item of value) this.value(item, undefined, depth + 1);
        this.#parts.push('</LST>');
      };
    }
    if (value instanceof Map) {
      return () => {
        this.#typeNames(HASHTABLE_TYPE_NAMES);
        if (value.size === 0) return void this.#parts.push('<DCT />');
        this.#parts.push('<DCT>');
        for (const [key, item] of value as Map<unknown, unknown>) {
          if (key === null || key === undefined) {
            throw new TypeError('A Map key of null or undefined cannot become a Hashtable key');
          }
          this.#parts.push('<En>');
          this.value(key, 'Key', depth + 1);
          this.value(item, 'Value', depth + 1);
          this.#parts.push('</En>');
        }
        this.#parts.push('</DCT>');
      };
    }
    if (isOutputObject(value)) {
      const { typeNames, properties } = value;
      if (!Array.isArray(typeNames) || !typeNames.every((t) => typeof t === 'string')) {
        throw new TypeError('An output object\'s typeNames must be an array of strings');
      }
      return () => {
        if (typeNames.length > 0) this.#typeNames(typeNames);
        this.#members(properties, depth);
      };
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      return () => {
        this.#typeNames(CUSTOM_OBJECT_TYPE_NAMES);
        this.#members(value as Record<string, unknown>, depth);
      };
    }
    const kind = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new TypeError(`Cannot serialize a ${kind} to CLIXML: use a plain object, array, Map, Date, Buffer or output object`);
  }

  #typeNames(names: readonly string[]): void {
    const key = names.join('\u0000');
    const refId = this.#typeNameRefIds.get(key);
    if (refId !== undefined) return void this.#parts.push(`<TNRef RefId="${refId}" />`);
    const id = this.#typeNameRefIds.size;
    this.#typeNameRefIds.set(key, id);
    this.#parts.push(`<TN RefId="${id}">${names.map((t) => `<T>${clixmlText(t)}</T>`).join('')}</TN>`);
  }

  /** Note properties in `<MS>` (PowerShell writes no `<MS>` at all for an object without properties). */
  #members(properties: object, depth: number): void {
    const names = Object.keys(properties);
    if (names.length === 0) return;
    this.#parts.push('<MS>');
    for (const key of names) this.value((properties as Record<string, unknown>)[key], key, depth + 1);
    this.#parts.push('</MS>');
  }
}

function numberElement(value: number, n: string): string {
  if (Number.isInteger(value)) {
    if (value >= INT32_MIN && value <= INT32_MAX) return `<I32${n}>${value}</I32>`; // -0 prints as 0
    if (Number.isSafeInteger(value)) return `<I64${n}>${value}</I64>`;
  }
  return `<Db${n}>${formatDouble(value)}</Db>`;
}

/**
 * One complete CLIXML document on one line, as [PSSerializer]::Deserialize reads it:
 * string -> S, number -> I32 / I64 / Db, bigint -> I64 (S beyond Int64), boolean -> B, null/undefined -> Nil,
 * Date -> DT (UTC), Buffer/Uint8Array -> BA, array -> Object[] (LST), Map -> Hashtable (DCT), output object ->
 * its typeNames with properties in MS, plain object -> PSCustomObject with properties in MS.
 * An object met twice is written once and then referenced (`<Ref>`); a cycle, a value nested deeper than
 * PowerShell accepts, a function, a symbol or an instance of another class throws.
 */
export function serializeClixml(value: unknown): string {
  const writer = new Writer();
  writer.value(value, undefined, 0);
  return `<Objs Version="1.1.0.1" xmlns="${CLIXML_NAMESPACE}">${writer.toString()}</Objs>`;
}
