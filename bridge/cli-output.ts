/**
 * Output objects on pcm's stdout, in the -OutputFormat chosen:
 *  - Table: Format-Table's layout (the first object's properties as columns, sized to the terminal), or
 *    Format-List's `Name : Value` when an object has more than five properties or the columns do not fit;
 *  - Json: one JSON object per line, its properties plus "$type" (the first type name); bigint as a string, Date as
 *    ISO 8601, a byte array as base64;
 *  - Clixml: one single-line PowerShell CLIXML document per object (bridge/clixml.ts).
 * A byte array (Export-CsPersistentChatData -AsBytes) is written raw unless Json or Clixml was asked for
 * explicitly; it is refused on a terminal. Text for Table is sanitised: control characters are shown escaped.
 */
import { isOutputObject, type CmdletDeclaration, type OutputItem, type OutputObject, type OutputValue } from '../cmdlets/framework/cmdlet.js';
import { UsageError } from '../core/errors.js';
import type { OutputFormat } from './cli-args.js';
import { serializeClixml } from './clixml.js';
import { plain, type Painter } from './cli-colour.js';
import { displayWidth, padEnd, padStart, sanitize, truncate } from './cli-text.js';

/** Where output goes: stdout, or a test's buffer. `write` may return a promise for back-pressure. */
export interface OutputTarget {
  write(chunk: string | Buffer): void | Promise<void>;
  readonly isTTY: boolean;
  /** Terminal width; undefined when not a terminal. */
  readonly columns: number | undefined;
  /** Colours table headers and list labels (a terminal without NO_COLOR); plain text by default. */
  readonly paint?: Painter;
}

/** Format-Table's width when the output is not a terminal (PowerShell's own default for redirected output). */
export const DEFAULT_WIDTH = 120;
const MAX_TABLE_COLUMNS = 5;
const MIN_COLUMN_WIDTH = 10;
/** Objects held back to size the columns before the first row is printed. */
const TABLE_SAMPLE = 50;

/** A property value as one line of text, the way PowerShell's formatter shows it. */
export function formatCell(value: OutputValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return sanitize(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Buffer.isBuffer(value)) return `{${value.length} bytes}`;
  if (Array.isArray(value)) return `{${value.map((item) => formatCell(item)).join(', ')}}`;
  if (isOutputObject(value)) {
    return `@{${Object.entries(value.properties).map(([k, v]) => `${sanitize(k)}=${formatCell(v)}`).join('; ')}}`;
  }
  return sanitize(String(value));
}

/** A value as JSON data: bigint -> string, Date -> ISO string, Buffer -> base64, objects with "$type". */
export function toJsonValue(value: OutputValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item));
  if (isOutputObject(value)) {
    const result: Record<string, unknown> = { $type: value.typeNames[0] ?? null };
    for (const [key, item] of Object.entries(value.properties)) result[key] = toJsonValue(item);
    return result;
  }
  return value;
}

export function formatJsonLine(item: OutputItem): string {
  if (typeof item === 'boolean') return JSON.stringify(item);
  if (Buffer.isBuffer(item)) return JSON.stringify({ $type: 'System.Byte[]', Base64: item.toString('base64') });
  return JSON.stringify(toJsonValue(item));
}

type Layout =
  | { readonly kind: 'table'; readonly keys: string[]; readonly widths: number[]; readonly right: boolean[] }
  | { readonly kind: 'list'; readonly keys: string[] };

function keysOf(object: OutputObject): string[] {
  return Object.keys(object.properties);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** Chooses Format-Table or Format-List for objects with the same properties, and sizes the columns to `width`. */
function planLayout(objects: readonly OutputObject[], width: number): Layout {
  const keys = keysOf(objects[0]!);
  if (keys.length === 0 || keys.length > MAX_TABLE_COLUMNS) return { kind: 'list', keys };
  const cells = objects.map((o) => keys.map((k) => formatCell(o.properties[k])));
  const headers = keys.map((k) => sanitize(k));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((row) => displayWidth(row[i]!))));
  const right = keys.map((k) => objects.every((o) => ['number', 'bigint'].includes(typeof o.properties[k])));
  // One column short of the width, so that a full line does not wrap on terminals that wrap at the last column.
  const room = width - 1 - (keys.length - 1);
  const floor = widths.map((w, i) => Math.min(w, Math.max(MIN_COLUMN_WIDTH, displayWidth(headers[i]!))));
  if (floor.reduce((a, b) => a + b, 0) > room) return { kind: 'list', keys };
  while (widths.reduce((a, b) => a + b, 0) > room) {
    const widest = widths.reduce((best, w, i) => (w - floor[i]! > widths[best]! - floor[best]! ? i : best), 0);
    widths[widest]! -= 1;
  }
  return { kind: 'table', keys, widths, right };
}

function joinColumns(texts: readonly string[], layout: Extract<Layout, { kind: 'table' }>): string {
  return texts
    .map((text, i) => {
      const cell = truncate(text, layout.widths[i]!);
      return layout.right[i] ? padStart(cell, layout.widths[i]!) : padEnd(cell, layout.widths[i]!);
    })
    .join(' ')
    .trimEnd();
}

function tableHeader(layout: Extract<Layout, { kind: 'table' }>, paint: Painter): string {
  const headers = layout.keys.map((k) => sanitize(k));
  const rules = headers.map((h, i) => '-'.repeat(Math.min(displayWidth(h), layout.widths[i]!)));
  return `${paint('header', joinColumns(headers, layout))}\n${paint('header', joinColumns(rules, layout))}\n`;
}

function renderObject(layout: Layout, object: OutputObject, paint: Painter): string {
  if (layout.kind === 'table') return joinColumns(layout.keys.map((k) => formatCell(object.properties[k])), layout) + '\n';
  const labels = keysOf(object).map((k) => sanitize(k));
  const labelWidth = Math.max(0, ...labels.map(displayWidth));
  return keysOf(object)
    .map((k, i) => {
      const value = formatCell(object.properties[k]);
      return `${paint('header', `${padEnd(labels[i]!, labelWidth)} :`)}${value === '' ? '' : ` ${value}`}`.trimEnd() + '\n';
    })
    .join('');
}

/** Objects as Format-Table or Format-List text (a new table starts where the properties change). */
export function formatObjects(objects: readonly OutputObject[], width = DEFAULT_WIDTH, paint: Painter = plain): string {
  let text = '';
  let start = 0;
  while (start < objects.length) {
    const keys = keysOf(objects[start]!);
    let end = start + 1;
    while (end < objects.length && sameKeys(keysOf(objects[end]!), keys)) end++;
    const group = objects.slice(start, end);
    const layout = planLayout(group, width);
    if (text) text += '\n';
    text +=
      layout.kind === 'table'
        ? tableHeader(layout, paint) + group.map((o) => renderObject(layout, o, paint)).join('')
        : group.map((o) => renderObject(layout, o, paint)).join('\n');
    start = end;
  }
  return text;
}

/** The output types a parameter set writes include a byte array. */
export function writesBytes(declaration: CmdletDeclaration, parameterSet: string): boolean {
  return declaration.outputTypes.some((o) => o.typeName === 'System.Byte[]' && (!o.sets || o.sets.includes(parameterSet)));
}

export function bytesOnTerminalError(commandName: string): UsageError {
  return new UsageError(
    `${commandName}: the output is a byte array, which pcm does not print on a terminal. Redirect it to a file (> package.zip), ` +
      'pipe it on (| pcm Import-CsPersistentChatData -DBInstance ... -ByteInput -), or use -FileName instead of -AsBytes.',
    'BytesOnTerminal',
  );
}

/** Writes a run's output items in one format; call end() once after the last item. */
export class OutputWriter {
  readonly #format: OutputFormat;
  readonly #explicit: boolean;
  readonly #target: OutputTarget;
  readonly #commandName: string;
  #pending: OutputObject[] = [];
  #layout: Layout | undefined;
  #written = false;

  /** `explicit`: the user chose the format, so a byte array is encoded in it instead of written raw. */
  constructor(format: OutputFormat, explicit: boolean, target: OutputTarget, commandName: string) {
    this.#format = format;
    this.#explicit = explicit;
    this.#target = target;
    this.#commandName = commandName;
  }

  /** True when a byte array would be refused (a terminal, and no explicit Json or Clixml). */
  get refusesBytes(): boolean {
    return this.#target.isTTY && !(this.#explicit && this.#format !== 'Table');
  }

  async write(item: OutputItem): Promise<void> {
    if (Buffer.isBuffer(item) && (!this.#explicit || this.#format === 'Table')) {
      if (this.#target.isTTY) throw bytesOnTerminalError(this.#commandName);
      await this.#flushTable();
      await this.#target.write(item);
      return;
    }
    if (typeof item === 'boolean' && this.#format === 'Table') {
      // As PowerShell prints a bare Boolean (a -Quiet result): True or False on its own line.
      await this.#flushTable();
      return this.#target.write(`${item ? 'True' : 'False'}\n`);
    }
    if (this.#format === 'Json') return this.#target.write(formatJsonLine(item) + '\n');
    if (this.#format === 'Clixml') return this.#target.write(serializeClixml(item) + '\n');
    await this.#writeTable(item as OutputObject);
  }

  async end(): Promise<void> {
    await this.#flushTable();
  }

  get #width(): number {
    // A terminal whose size is unknown reports 0 columns.
    return this.#target.columns || DEFAULT_WIDTH;
  }

  async #writeTable(object: OutputObject): Promise<void> {
    if (this.#layout && sameKeys(keysOf(object), this.#layout.keys)) {
      return this.#target.write((this.#layout.kind === 'list' ? '\n' : '') + renderObject(this.#layout, object, this.#target.paint ?? plain));
    }
    if (this.#pending.length > 0 && !sameKeys(keysOf(object), keysOf(this.#pending[0]!))) await this.#flushTable();
    this.#layout = undefined;
    this.#pending.push(object);
    if (this.#pending.length >= TABLE_SAMPLE) await this.#flushTable();
  }

  /** Prints what is held back and fixes its layout for the objects that follow with the same properties. */
  async #flushTable(): Promise<void> {
    if (this.#pending.length === 0) return;
    const objects = this.#pending;
    this.#pending = [];
    this.#layout = planLayout(objects, this.#width);
    await this.#target.write((this.#written ? '\n' : '') + formatObjects(objects, this.#width, this.#target.paint ?? plain));
    this.#written = true;
  }
}
