/**
 * The XML layer under the CLIXML reader: fast-xml-parser configured for fidelity (document order, entities off,
 * nothing trimmed or converted), a well-formedness check first (the parser itself forgives mismatched tags), XML's
 * own decoding (the five entities, character references, line ends) done once here, and a shortcut for long text.
 */
import { randomUUID } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CLIXML_NAMESPACE, ClixmlError, normalizeXmlAttribute, normalizeXmlText } from './clixml-text.js';

/** A parsed node in document order, as fast-xml-parser's preserveOrder mode gives it. */
type Node = { readonly [key: string]: unknown };

export interface Element {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly Node[];
}

function asElement(node: Node): Element | undefined {
  for (const key of Object.keys(node)) {
    if (key === ':@' || key === '#text' || key === '#cdata') continue;
    const raw = (node[':@'] ?? {}) as Record<string, string>;
    const attributes: Record<string, string> = Object.create(null);
    for (const [name, value] of Object.entries(raw)) attributes[name] = normalizeXmlAttribute(value);
    return { name: key, attributes, children: node[key] as Node[] };
  }
  return undefined;
}

/** Text and CDATA of a node, or undefined for an element. */
function textOf(node: Node): string | undefined {
  if ('#text' in node) return normalizeXmlText(String(node['#text']));
  if ('#cdata' in node) return (node['#cdata'] as Node[]).map((n) => String(n['#text'] ?? '')).join('').replace(/\r\n?/g, '\n');
  return undefined;
}

/** Child elements of a structural element; whitespace between them is skipped, other text is an error. */
export function childElements(element: Element): Element[] {
  const result: Element[] = [];
  for (const node of element.children) {
    const text = textOf(node);
    if (text !== undefined) {
      if (!/^[ \t\r\n]*$/.test(text)) throw new ClixmlError(`Unexpected text inside <${element.name}>`);
      continue;
    }
    const child = asElement(node);
    if (child) result.push(child);
  }
  return result;
}

/**
 * Long texts taken out of the document before parsing (fast-xml-parser builds text one character at a time, which
 * makes a large byte[] take seconds per megabyte). Each is replaced by a marker no input can contain (it holds a
 * fresh random UUID), and put back when its element's content is read.
 */
export class SetAside {
  readonly marker = `pcm-clixml-${randomUUID()}:`;
  readonly texts: string[] = [];
  readonly names: string[] = [];
  used = 0;

  take(text: string, name: string): string | undefined {
    if (!text.startsWith(this.marker)) return undefined;
    const index = Number(text.slice(this.marker.length));
    if (this.names[index] !== name) return undefined;
    this.used++;
    return normalizeXmlText(this.texts[index]!);
  }
}

// Start tags of elements whose long content is set aside; the content must be one run of text up to the end tag.
const LONG_TEXT_OPEN = /<(S|BA|XD|SBK)(?:\s[^<>]*)?>/g;
const LONG_TEXT_MIN = 4096;

export function setAsideLongTexts(xml: string): { xml: string; aside?: SetAside } {
  // Comments and CDATA could hide markup from the scan; PowerShell writes neither.
  if (xml.length < LONG_TEXT_MIN || xml.includes('<!')) return { xml };
  const aside = new SetAside();
  const parts: string[] = [];
  let copied = 0;
  LONG_TEXT_OPEN.lastIndex = 0;
  for (let open = LONG_TEXT_OPEN.exec(xml); open; open = LONG_TEXT_OPEN.exec(xml)) {
    const name = open[1]!;
    const start = open.index + open[0].length;
    const end = xml.indexOf('<', start);
    if (end - start < LONG_TEXT_MIN || !xml.startsWith(`</${name}>`, end)) continue;
    parts.push(xml.slice(copied, start), `${aside.marker}${aside.texts.length}`);
    aside.texts.push(xml.slice(start, end));
    aside.names.push(name);
    copied = end;
    LONG_TEXT_OPEN.lastIndex = end;
  }
  if (aside.texts.length === 0) return { xml };
  parts.push(xml.slice(copied));
  return { xml: parts.join(''), aside };
}

/** The text content of a value element; a child element inside it is an error. */
export function contentOf(element: Element, aside: SetAside | undefined): string {
  if (aside && element.children.length === 1 && '#text' in element.children[0]!) {
    const text = aside.take(String(element.children[0]['#text']), element.name);
    if (text !== undefined) return text;
  }
  let text = '';
  for (const node of element.children) {
    const part = textOf(node);
    if (part === undefined) throw new ClixmlError(`<${element.name}> must hold text only, found <${asElement(node)?.name}>`);
    text += part;
  }
  return text;
}

export function checkDocument(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new ClixmlError('CLIXML must not contain a DOCTYPE or entity declarations');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new ClixmlError(`CLIXML is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
}

export function parseDocument(xml: string, maxDepth: number): Element {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Up to three elements per value level (Obj > DCT > En > value), plus Objs.
    maxNestedTags: maxDepth * 3 + 8,
  });
  let nodes: Node[];
  try {
    nodes = parser.parse(xml) as Node[];
  } catch (error) {
    throw new ClixmlError(`CLIXML could not be parsed: ${(error as Error).message}`, { cause: error });
  }
  const roots: Element[] = [];
  for (const node of nodes) {
    const text = textOf(node);
    if (text !== undefined && !/^[ \t\r\n]*$/.test(text)) throw new ClixmlError('Text outside the <Objs> element');
    const element = text === undefined ? asElement(node) : undefined;
    if (element) roots.push(element);
  }
  const root = roots[0];
  if (roots.length !== 1 || root?.name !== 'Objs') {
    throw new ClixmlError('A CLIXML document must have exactly one root element, <Objs>');
  }
  const namespace = root.attributes['xmlns'];
  if (namespace !== undefined && namespace !== CLIXML_NAMESPACE) {
    throw new ClixmlError(`<Objs> has the wrong namespace "${namespace}"`);
  }
  return root;
}
