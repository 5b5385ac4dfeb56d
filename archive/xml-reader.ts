/**
 * A streaming record reader over saxes: it walks a part's fixed path of elements (e.g. Pool/AdUsers/User), checks
 * every element above the records, and hands back each record as a small tree. Memory holds one chunk's records,
 * never the document. DOCTYPE (and with it every entity but XML's five) is refused, the version is forced to 1.0,
 * input must be valid UTF-8, and one record may not exceed the record limit.
 */
import { SaxesParser } from 'saxes';
import { PackageError } from '../core/errors.js';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export interface RecordReadOptions {
  readonly part: string;
  /** Element names from the root to the record element. */
  readonly path: readonly string[];
  /** Largest record in characters of text and attribute values. */
  readonly maxRecordChars: number;
  /** Attributes expected on the root element, checked by the caller; received here. */
  readonly onRoot?: (attributes: Readonly<Record<string, string>>) => void;
}

/** Reads records from a stream of UTF-8 bytes, yielding them in batches (one batch per input chunk). */
export async function* readRecords(source: AsyncIterable<Buffer>, options: RecordReadOptions): AsyncGenerator<XmlElement[]> {
  const { part, path, maxRecordChars } = options;
  const parser = new SaxesParser({ xmlns: false, position: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const ready: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let depth = 0;
  let recordChars = 0;
  let sawRoot = false;

  const fail = (message: string): never => {
    throw new PackageError(`${message} (line ${parser.line}, column ${parser.column + 1})`, { part });
  };

  const tooLarge = (): never =>
    fail(`a <${path[path.length - 1]}> record is larger than the limit of ${maxRecordChars} characters (raise it with -MaxRecordSizeMB if the data is genuine)`);
  parser.on('doctype', () => fail('a DOCTYPE declaration is not allowed in a package part'));
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (depth < path.length - 1) {
      if (tag.name !== path[depth]) fail(`unexpected element <${tag.name}> where <${path[depth]}> was expected`);
      if (depth === 0) {
        sawRoot = true;
        options.onRoot?.(attributes);
      }
    } else if (depth === path.length - 1) {
      if (tag.name !== path[depth]) fail(`unexpected element <${tag.name}> in <${path[depth - 1]}>; only <${path[depth]}> records belong there`);
      recordChars = 0;
      stack.push({ name: tag.name, attributes, children: [], text: '' });
    } else {
      const element: XmlElement = { name: tag.name, attributes, children: [], text: '' };
      stack[stack.length - 1]!.children.push(element);
      stack.push(element);
    }
    if (stack.length > 0) {
      // Markup counts too (an element costs memory even when empty), not only text.
      recordChars += tag.name.length + 8;
      for (const key in attributes) recordChars += key.length + attributes[key]!.length + 4;
      if (recordChars > maxRecordChars) tooLarge();
      if (stack.length > 8) fail(`<${tag.name}> is nested too deeply`);
    }
    depth++;
  });
  const onText = (text: string): void => {
    if (stack.length === 0) {
      if (/\S/.test(text)) fail(`unexpected text outside a <${path[path.length - 1]}> record`);
      return;
    }
    recordChars += text.length;
    if (recordChars > maxRecordChars) tooLarge();
    stack[stack.length - 1]!.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    if (stack.length > 0) {
      const element = stack.pop()!;
      if (stack.length === 0) ready.push(element);
    }
  });

  try {
    for await (const chunk of source) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        fail('the part is not valid UTF-8');
      }
      parser.write(text!);
      if (ready.length > 0) yield ready.splice(0, ready.length);
    }
    try {
      decoder.decode();
    } catch {
      fail('the part ends in the middle of a UTF-8 character');
    }
    parser.close();
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError(`the XML is malformed: ${(error as Error).message}`, { part, cause: error });
  }
  if (!sawRoot) fail(`the part has no <${path[0]}> root element`);
  if (ready.length > 0) yield ready.splice(0, ready.length);
}

/** The child element of that name, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
