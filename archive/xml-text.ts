/**
 * Escaping for the package's XML. Chat text must survive byte for byte: CR is written as &#13; (every XML reader
 * turns a raw CR into LF), and text XML 1.0 cannot carry at all (C0 controls, U+FFFE/U+FFFF, lone surrogates) is
 * written base64-encoded as UTF-16LE with encoding="base64" on its element.
 */
const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\r\n\t]/;
const ATTR_SPECIAL_ALL = /[&<>"\r\n\t]/g;
const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};
const replace = (ch: string): string => REPLACEMENTS[ch]!;

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIAL_ALL, replace) : value;
}

export function escapeAttribute(value: string): string {
  return ATTR_SPECIAL.test(value) ? value.replace(ATTR_SPECIAL_ALL, replace) : value;
}

/** True when XML 1.0 cannot represent the string, even escaped. */
export function needsBase64(value: string): boolean {
  return NOT_XML.test(value);
}

export function encodeBase64Text(value: string): string {
  return Buffer.from(value, 'utf16le').toString('base64');
}

export function decodeBase64Text(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length % 2 !== 0) return undefined;
  return bytes.toString('utf16le');
}

// Anything that needs escaping or base64, in one pass: most chat text has none of it and is written as it is.
// eslint-disable-next-line no-control-regex
const ANY_SPECIAL = /[\u0000-\u001F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;

/** `<Name>text</Name>`, or `<Name encoding="base64">...</Name>` for text XML cannot carry. */
export function textElement(name: string, value: string): string {
  if (!ANY_SPECIAL.test(value)) return `<${name}>${value}</${name}>`;
  if (needsBase64(value)) return `<${name} encoding="base64">${encodeBase64Text(value)}</${name}>`;
  return `<${name}>${escapeText(value)}</${name}>`;
}

/** Like textElement, but writes nothing for null (absent means null; present and empty means ""). */
export function optionalTextElement(name: string, value: string | null): string {
  return value === null ? '' : textElement(name, value);
}

/** ` name="value"` for a present value; nothing for null/undefined. Values must be XML-safe (ids, flags, ticks). */
export function attribute(name: string, value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return ` ${name}="${escapeAttribute(text)}"`;
}
