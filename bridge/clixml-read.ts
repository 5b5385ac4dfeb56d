/**
 * The CLIXML reader: a document from [PSSerializer]::Serialize (the module's requests) -> JS values. The input is
 * treated as untrusted: no DOCTYPE and no entity but XML's five, a length cap, a nesting cap, and properties stored
 * on null-prototype objects so that a property named `__proto__` or `constructor` is only data.
 * clixml-xml.ts does the XML; the mapping to values, references and type names is here.
 */
import { ClixmlError, decodeClixmlString } from './clixml-text.js';
import {
  parseBoolean,
  parseBytes,
  parseChar,
  parseDateTime,
  parseDecimal,
  parseDouble,
  parseInteger,
  parseTimeSpan,
} from './clixml-values.js';
import { checkDocument, childElements, contentOf, parseDocument, setAsideLongTexts } from './clixml-xml.js';
import type { Element, SetAside } from './clixml-xml.js';

export interface DeserializeOptions {
  /** Largest document accepted, in characters. Default 128 Mi. */
  readonly maxLength?: number;
  /** Deepest value accepted below a top-level object. Default 100 (PowerShell itself writes at most 48). */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_LENGTH = 128 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 100;

const TYPE_NAMES: unique symbol = Symbol('clixml.typeNames');

/**
 * The type names an `<Obj>` carried (most specific first, as written: without the `Deserialized.` prefix PowerShell
 * adds), for objects, arrays and Maps the reader made; an empty array for anything else.
 */
export function typeNamesOf(value: unknown): readonly string[] {
  if (typeof value !== 'object' || value === null) return [];
  return (value as { [TYPE_NAMES]?: readonly string[] })[TYPE_NAMES] ?? [];
}

function attachTypeNames(target: object, names: readonly string[] | undefined): void {
  if (names === undefined) return;
  Object.defineProperty(target, TYPE_NAMES, { value: names, enumerable: false });
}

const INTEGER_RANGES = new Map<string, readonly [bigint, bigint]>([
  ['By', [0n, 255n]],
  ['SB', [-128n, 127n]],
  ['I16', [-32768n, 32767n]],
  ['U16', [0n, 65535n]],
  ['I32', [-(2n ** 31n), 2n ** 31n - 1n]],
  ['U32', [0n, 2n ** 32n - 1n]],
  ['I64', [-(2n ** 63n), 2n ** 63n - 1n]],
  ['U64', [0n, 2n ** 64n - 1n]],
]);

/** Primitive elements (PowerShell's KnownTypes) and how their text becomes a value. */
const PRIMITIVES = new Map<string, (text: string, tag: string) => unknown>([
  ['S', decodeClixmlString],
  ['C', parseChar],
  ['B', parseBoolean],
  ['DT', parseDateTime],
  ['TS', parseTimeSpan],
  ['Sg', parseDouble],
  ['Db', parseDouble],
  ['D', parseDecimal],
  ['G', (text) => text.trim()],
  ['BA', parseBytes],
  ['URI', decodeClixmlString],
  ['Version', (text) => text.trim()],
  ['SemanticVersion', (text) => text.trim()],
  ['XD', decodeClixmlString],
  ['SBK', decodeClixmlString],
  ...[...INTEGER_RANGES].map(([tag, [min, max]]) => [tag, (text: string) => parseInteger(text, min, max, tag)] as const),
]);

const LIST_CONTAINERS = new Set(['LST', 'IE', 'STK', 'QUE']);

class Reader {
  readonly #objects = new Map<string, unknown>();
  readonly #typeNameLists = new Map<string, readonly string[]>();
  readonly #maxDepth: number;
  readonly #aside: SetAside | undefined;

  constructor(maxDepth: number, aside: SetAside | undefined) {
    this.#maxDepth = maxDepth;
    this.#aside = aside;
  }

  value(element: Element, depth: number): unknown {
    if (depth > this.#maxDepth) throw new ClixmlError(`CLIXML is nested more than ${this.#maxDepth} levels deep`);
    const { name } = element;
    const primitive = PRIMITIVES.get(name);
    if (primitive) return primitive(contentOf(element, this.#aside), name);
    switch (name) {
      case 'Nil':
        return null;
      case 'Obj':
        return this.#object(element, depth);
      case 'Ref': {
        const refId = element.attributes['RefId'];
        if (refId === undefined || !this.#objects.has(refId)) {
          throw new ClixmlError(`<Ref RefId="${refId ?? ''}"> points to no earlier <Obj>`);
        }
        return this.#objects.get(refId);
      }
      case 'SS':
        throw new ClixmlError(
          'CLIXML holds a SecureString (<SS>): it is encrypted for one Windows user and cannot be read outside ' +
            'PowerShell; send credentials as user name and password instead',
        );
      default:
        throw new ClixmlError(`Unknown or unsupported CLIXML element <${name}>`);
    }
  }

  #register(element: Element, value: unknown): void {
    const refId = element.attributes['RefId'];
    if (refId === undefined) return;
    if (this.#objects.has(refId)) throw new ClixmlError(`RefId "${refId}" is used by two <Obj> elements`);
    this.#objects.set(refId, value);
  }

  #typeNames(element: Element): readonly string[] {
    if (element.name === 'TNRef') {
      const names = this.#typeNameLists.get(element.attributes['RefId'] ?? '');
      if (!names) throw new ClixmlError(`<TNRef RefId="${element.attributes['RefId'] ?? ''}"> points to no earlier <TN>`);
      return names;
    }
    const names = childElements(element).map((t) => {
      if (t.name !== 'T') throw new ClixmlError(`Unexpected <${t.name}> inside <TN>`);
      return decodeClixmlString(contentOf(t, this.#aside));
    });
    Object.freeze(names);
    const refId = element.attributes['RefId'];
    if (refId !== undefined) {
      if (this.#typeNameLists.has(refId)) throw new ClixmlError(`RefId "${refId}" is used by two <TN> elements`);
      this.#typeNameLists.set(refId, names);
    }
    return names;
  }

  #object(element: Element, depth: number): unknown {
    let typeNames: readonly string[] | undefined;
    let toString: string | undefined;
    let container: Element | undefined;
    let base: Element | undefined;
    const memberSets: Element[] = [];
    for (const child of childElements(element)) {
      const { name } = child;
      if (name === 'TN' || name === 'TNRef') typeNames = this.#typeNames(child);
      else if (name === 'ToString') toString = decodeClixmlString(contentOf(child, this.#aside));
      else if (name === 'Props' || name === 'MS') memberSets.push(child);
      else if (LIST_CONTAINERS.has(name) || name === 'DCT' || PRIMITIVES.has(name) || name === 'Nil') {
        if (container || base) throw new ClixmlError(`<Obj> holds both <${(container ?? base)!.name}> and <${name}>`);
        if (PRIMITIVES.has(name) || name === 'Nil') base = child;
        else container = child;
      } else {
        throw new ClixmlError(`Unknown or unsupported CLIXML element <${name}> inside <Obj>`);
      }
    }

    if (container && LIST_CONTAINERS.has(container.name)) {
      const list: unknown[] = [];
      attachTypeNames(list, typeNames);
      this.#register(element, list);
      for (const item of childElements(container)) list.push(this.value(item, depth + 1));
      return list;
    }
    if (container) return this.#dictionary(element, container, typeNames, depth);
    if (base) {
      // An enum: its name as PowerShell shows it, not the underlying number.
      const isEnum = toString !== undefined && INTEGER_RANGES.has(base.name) && (typeNames?.includes('System.Enum') ?? true);
      const value = isEnum ? toString : this.value(base, depth);
      this.#register(element, value);
      return value;
    }
    if (memberSets.length === 0 && toString !== undefined) {
      // Nothing but a display string (an object PowerShell did not serialize deeper).
      this.#register(element, toString);
      return toString;
    }
    const target: Record<string, unknown> = Object.create(null);
    attachTypeNames(target, typeNames);
    this.#register(element, target);
    for (const set of memberSets) this.#members(set, target, depth);
    return target;
  }

  /** Properties of `<Props>` / `<MS>`; a nested `<MS N="...">` (a property set) becomes a nested object. */
  #members(set: Element, target: Record<string, unknown>, depth: number): void {
    for (const child of childElements(set)) {
      const rawName = child.attributes['N'];
      if (rawName === undefined) throw new ClixmlError(`<${child.name}> inside <${set.name}> has no N (property name)`);
      const name = decodeClixmlString(rawName);
      if (child.name === 'MS') {
        const nested: Record<string, unknown> = Object.create(null);
        this.#members(child, nested, depth + 1);
        target[name] = nested;
      } else {
        target[name] = this.value(child, depth + 1);
      }
    }
  }

  /** `<DCT>`: a null-prototype object when every key is written as `<S>`, else a Map. */
  #dictionary(element: Element, dct: Element, typeNames: readonly string[] | undefined, depth: number): unknown {
    const entries = childElements(dct).map((en) => {
      if (en.name !== 'En') throw new ClixmlError(`Unexpected <${en.name}> inside <DCT>`);
      const parts = childElements(en);
      const key = parts.find((p) => p.attributes['N'] === 'Key');
      const value = parts.find((p) => p.attributes['N'] === 'Value');
      if (parts.length !== 2 || !key || !value) throw new ClixmlError('<En> must hold one Key and one Value');
      return { key, value };
    });
    const stringKeys = entries.every((e) => e.key.name === 'S');
    const map = new Map<unknown, unknown>();
    const object: Record<string, unknown> = Object.create(null);
    const result = stringKeys ? object : map;
    attachTypeNames(result, typeNames);
    this.#register(element, result);
    for (const entry of entries) {
      const key = this.value(entry.key, depth + 1);
      if (key === null) throw new ClixmlError('A dictionary key is $null');
      const duplicate = stringKeys ? Object.hasOwn(object, key as string) : map.has(key);
      if (duplicate) throw new ClixmlError(`Dictionary key "${String(key).slice(0, 40)}" appears twice`);
      const value = this.value(entry.value, depth + 1);
      if (stringKeys) object[key as string] = value;
      else map.set(key, value);
    }
    return result;
  }
}

/** The top-level objects of one CLIXML document (what `DeserializeAsList` returns in PowerShell). */
export function deserializeClixml(xml: string, options: DeserializeOptions = {}): unknown[] {
  if (typeof xml !== 'string') throw new TypeError('deserializeClixml expects a string');
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (xml.length > maxLength) {
    throw new ClixmlError(`CLIXML document of ${xml.length} characters exceeds the limit of ${maxLength}`);
  }
  const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  checkDocument(text);
  const read = (source: string, aside: SetAside | undefined): unknown[] => {
    const reader = new Reader(maxDepth, aside);
    return childElements(parseDocument(source, maxDepth)).map((element) => reader.value(element, 0));
  };
  const { xml: shortened, aside } = setAsideLongTexts(text);
  if (!aside) return read(text, undefined);
  try {
    const values = read(shortened, aside);
    // A marker that did not come back as an element's whole content (one the scan found inside an attribute
    // value, say) means the shortcut did not apply.
    if (aside.used === aside.texts.length) return values;
  } catch {
    // The document as it is decides what is wrong with it.
  }
  return read(text, undefined);
}

/** The one top-level object of a document; anything but exactly one throws. */
export function deserializeClixmlSingle(xml: string, options: DeserializeOptions = {}): unknown {
  const values = deserializeClixml(xml, options);
  if (values.length !== 1) throw new ClixmlError(`Expected one object in the CLIXML document, found ${values.length}`);
  return values[0];
}
