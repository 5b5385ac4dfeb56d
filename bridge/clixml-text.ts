/**
 * Text rules of CLIXML, shared by the writer and the reader. PowerShell encodes every string, property name and
 * type name with `_xHHHH_` escapes (serialization.cs EncodeString) before XML escaping, and decodes them with
 * XmlConvert.DecodeName; this is what keeps a whole document on one line (no raw CR/LF ever appears in a value).
 */

/** The namespace of every CLIXML element (SerializationStrings.MonadNamespace). */
export const CLIXML_NAMESPACE = 'http://schemas.microsoft.com/powershell/2004/04';

/** Malformed or unsupported CLIXML input. */
export class ClixmlError extends Error {
  override readonly name = 'ClixmlError';
}

// PowerShell's set: C0 controls, DEL and C1 controls, every surrogate code unit (paired ones too, so an emoji is two
// escapes), and `_` before `x`/`X`. U+FFFE/U+FFFF are added: XML cannot hold them and PowerShell's own writer throws
// on them, while DecodeName turns `_xFFFE_` back into the character.
// eslint-disable-next-line no-control-regex
const NEEDS_ENCODING = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]|_(?=[xX])/;
// eslint-disable-next-line no-control-regex
const NEEDS_ENCODING_ALL = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]|_(?=[xX])/g;
const encodeUnit = (unit: string): string => `_x${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/** PowerShell's `_xHHHH_` encoding of a string, property name or type name (before XML escaping). */
export function encodeClixmlString(value: string): string {
  return NEEDS_ENCODING.test(value) ? value.replace(NEEDS_ENCODING_ALL, encodeUnit) : value;
}

// XmlConvert.DecodeName: the same pattern, matched left to right without overlap, so `_x005F_x0041_` is `_x0041_`.
const ENCODED = /_[xX]([0-9a-fA-F]{4}|[0-9a-fA-F]{8})_/g;

/** Undoes encodeClixmlString; like DecodeName it also takes lower-case hex and the 8-digit form. */
export function decodeClixmlString(text: string): string {
  if (!text.includes('_')) return text;
  return text.replace(ENCODED, (match, hex: string) => {
    const code = parseInt(hex, 16);
    if (hex.length === 4) return String.fromCharCode(code);
    // DecodeName leaves a code point beyond Unicode as it was.
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

const TEXT_SPECIAL = /[&<>]/;
const TEXT_SPECIAL_ALL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"]/;
const ATTR_SPECIAL_ALL = /[&<>"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const toEntity = (ch: string): string => ENTITIES[ch]!;

/** Encoded and XML-escaped element content. Controls are already `_x`-escaped, so only & < > remain. */
export function clixmlText(value: string): string {
  const encoded = encodeClixmlString(value);
  return TEXT_SPECIAL.test(encoded) ? encoded.replace(TEXT_SPECIAL_ALL, toEntity) : encoded;
}

/** Encoded and XML-escaped attribute value (for `N="..."`). */
export function clixmlAttribute(value: string): string {
  const encoded = encodeClixmlString(value);
  return ATTR_SPECIAL.test(encoded) ? encoded.replace(ATTR_SPECIAL_ALL, toEntity) : encoded;
}

const XML_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
const REFERENCE = /&([^;&]*);?/g;

/**
 * Resolves XML's five entities and numeric character references in raw text; anything else after `&` throws.
 * The parser runs with entity processing off so that this single pass is the only decoding (no double decoding
 * of `&amp;#65;`), and no entity declared in a DTD can ever be expanded.
 */
export function decodeXmlReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new ClixmlError(`Unterminated XML reference "${whole.slice(0, 12)}"`);
    const named = XML_ENTITIES.get(body);
    if (named !== undefined) return named;
    const numeric = /^#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 10) : parseInt(numeric[2]!, 16);
      if (code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw new ClixmlError(
      `Unsupported XML reference "&${body.slice(0, 12)};": only XML's five entities and character references are allowed`,
    );
  });
}

/** XML end-of-line handling for text: CRLF and lone CR become LF (references such as `&#13;` are kept). */
export function normalizeXmlText(raw: string): string {
  return decodeXmlReferences(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
}

/** XML attribute-value normalization: literal TAB, CR and LF become spaces (references are kept). */
export function normalizeXmlAttribute(raw: string): string {
  return decodeXmlReferences(raw.replace(/\r\n|[\t\n\r]/g, ' '));
}
