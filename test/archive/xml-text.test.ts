/**
 * Escaping for the package's XML (archive/xml-text.ts), checked the only way that matters: hostile strings are
 * written with escapeText / escapeAttribute / textElement, parsed back with the product's own streaming reader
 * (archive/xml-reader.ts) and must come out identical, code unit for code unit. XML readers silently turn CR into
 * LF, normalise whitespace in attributes and reject C0 controls, so chat text that is not escaped exactly right is
 * changed or lost on import.
 */
import assert from 'node:assert/strict';
import { PackageError } from '../../core/errors.js';
import { decodeBase64Text, encodeBase64Text, escapeAttribute, escapeText, needsBase64, optionalTextElement, textElement, attribute } from '../../archive/xml-text.js';
import { readRecords, type XmlElement } from '../../archive/xml-reader.js';

const PATH = ['Pool', 'Items', 'Item'] as const;

/** Parses a document of <Item> records with readRecords, feeding it in chunks of `chunk` bytes. */
async function parse(records: string, chunk = 64 * 1024): Promise<XmlElement[]> {
  const bytes = Buffer.from(`<?xml version="1.0" encoding="utf-8"?><Pool><Items>${records}</Items></Pool>`, 'utf8');
  async function* source(): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: XmlElement[] = [];
  for await (const batch of readRecords(source(), { part: 'Test.xml', path: PATH, maxRecordChars: 64 * 1024 * 1024 })) out.push(...batch);
  return out;
}

/** The value of a text element as a reader of the package must take it: base64 when marked so. */
function valueOf(element: XmlElement): string {
  if (element.attributes.encoding === undefined) return element.text;
  assert.equal(element.attributes.encoding, 'base64');
  const decoded = decodeBase64Text(element.text);
  assert.notEqual(decoded, undefined, `valid base64 in <${element.name}>`);
  return decoded!;
}

/** Strings XML 1.0 can carry once escaped. */
const XML_SAFE: [string, string][] = [
  ['plain', 'Hello, world'],
  ['empty', ''],
  ['spaces only', '   '],
  ['leading and trailing whitespace', '  \t padded \n '],
  ['CRLF', 'line one\r\nline two\r\n'],
  ['lone CR', 'before\rafter\r'],
  ['LF CR', 'a\n\rb'],
  ['CR CR LF', 'a\r\r\nb'],
  ['TAB and LF', 'col1\tcol2\nrow2\t\t'],
  ['markup', '<b>bold</b> & "quoted" \'single\' a<b>c'],
  ['CDATA end', 'x ]]> y ]]]]><![CDATA[ z'],
  ['closing tags', '</Name></Item></Items></Pool>'],
  ['entity lookalikes', '&amp; &lt; &#13; &#x0; &unknown;'],
  ['emoji', '🎉 👩🏽‍💻 🇸🇪 \u{1F600}\u{10FFFF}'],
  ['RTL and bidi marks', 'مرحبا \u200F\u200E \u202Eevil\u202C שלום \u2067x\u2069'],
  ['non-ASCII', 'Zoë Ångström 株式会社 Ελληνικά'],
  ['C1, DEL and line separators', '\u007F\u0080\u0085\u009F\u2028\u2029'],
  ['BOM and noncharacters XML allows', '\uFEFF start \uFDD0 \uFFFD'],
  ['XML declaration lookalike', '<?xml version="1.0"?><!DOCTYPE x>'],
];

/** Strings XML 1.0 cannot carry at all: textElement must fall back to base64. */
const NOT_XML: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['other C0 controls', '\u0001\u0002\u0008\u000B\u000C\u000E\u001B\u001F'],
  ['U+FFFE', 'x\uFFFEy'],
  ['U+FFFF', 'x\uFFFF'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', 'a\uDC00b'],
  ['high surrogate at the end', 'end\uDBFF'],
  ['low surrogate at the start', '\uDFFFstart'],
  ['reversed surrogate pair', '\uDC00\uD800'],
  ['NUL with CRLF and markup', '\u0000\r\n<&>"]]>'],
];

describe('xml-text: escaping read back by xml-reader', function () {
  describe('needsBase64', function () {
    for (const [label, value] of XML_SAFE) {
      it(`is false for ${label}`, function () {
        assert.equal(needsBase64(value), false);
      });
    }
    for (const [label, value] of NOT_XML) {
      it(`is true for ${label}`, function () {
        assert.equal(needsBase64(value), true);
      });
    }
  });

  describe('text elements', function () {
    for (const [label, value] of [...XML_SAFE, ...NOT_XML]) {
      it(`round-trips ${label} through textElement`, async function () {
        const xml = textElement('Name', value);
        const [item] = await parse(`<Item>${xml}</Item>`);
        assert.equal(item!.children.length, 1);
        assert.equal(item!.children[0]!.name, 'Name');
        assert.equal(valueOf(item!.children[0]!), value);
      });
    }

    it('writes text XML can carry as escaped text, with no raw CR, < or & left', function () {
      for (const [, value] of XML_SAFE) {
        const xml = textElement('Name', value);
        assert.ok(!xml.includes('encoding='), `no base64 for ${JSON.stringify(value)}`);
        const inner = xml.slice('<Name>'.length, -'</Name>'.length);
        assert.equal(inner, escapeText(value));
        assert.doesNotMatch(inner, /[\r<]|&(?!amp;|lt;|gt;|#13;)/);
        assert.ok(!inner.includes(']]>'), 'no "]]>" in content');
      }
    });

    it('marks base64 text with encoding="base64" and nothing but base64 inside', function () {
      for (const [, value] of NOT_XML) {
        const xml = textElement('Content', value);
        const match = /^<Content encoding="base64">([A-Za-z0-9+/=]*)<\/Content>$/.exec(xml);
        assert.ok(match, xml);
        assert.equal(decodeBase64Text(match[1]!), value);
      }
    });

    it('round-trips every hostile string in one document fed one byte at a time', async function () {
      const values = [...XML_SAFE, ...NOT_XML].map(([, v]) => v);
      const records = values.map((v) => `<Item>${textElement('Content', v)}</Item>`).join('\n');
      const items = await parse(records, 1);
      assert.deepEqual(items.map((i) => valueOf(i.children[0]!)), values);
    });

    it('writes nothing for null and an empty element for ""', async function () {
      assert.equal(optionalTextElement('Rtf', null), '');
      const [withEmpty, without] = await parse(`<Item>${optionalTextElement('Rtf', '')}</Item><Item>${optionalTextElement('Rtf', null)}</Item>`);
      assert.deepEqual(withEmpty!.children.map((c) => [c.name, valueOf(c)]), [['Rtf', '']]);
      assert.deepEqual(without!.children, []);
    });

    it('escapes exactly &, <, > and CR in text', function () {
      assert.equal(escapeText('a&b<c>d\re\nf\tg"h\'i'), 'a&amp;b&lt;c&gt;d&#13;e\nf\tg"h\'i');
      assert.equal(escapeText('nothing to do'), 'nothing to do');
    });
  });

  describe('attributes', function () {
    for (const [label, value] of XML_SAFE) {
      it(`round-trips ${label} through escapeAttribute`, async function () {
        const [item] = await parse(`<Item a="${escapeAttribute(value)}" z="${escapeAttribute(value)}x"/>`);
        assert.equal(item!.attributes.a, value);
        assert.equal(item!.attributes.z, `${value}x`);
      });
    }

    it('escapes TAB, LF and CR as character references, which attribute normalisation leaves alone', async function () {
      const value = '\tx\ny\r\nz\r';
      const escaped = escapeAttribute(value);
      assert.doesNotMatch(escaped, /[\t\n\r"<]/);
      const [item] = await parse(`<Item a="${escaped}"/>`);
      assert.equal(item!.attributes.a, value);
      // Without the escaping a reader hands back spaces: the test above would then fail.
      const [raw] = await parse(`<Item a="${value.replace(/\r/g, '&#13;')}"/>`);
      assert.notEqual(raw!.attributes.a, value);
    });

    it('writes null and undefined attributes as nothing, booleans as 1/0 and bigints exactly', async function () {
      const xml = `<Item${attribute('n', null)}${attribute('u', undefined)}${attribute('t', true)}${attribute('f', false)}${attribute('big', 3155378975999999999n)}${attribute('s', 'a"b')}/>`;
      const [item] = await parse(xml);
      assert.deepEqual({ ...item!.attributes }, { t: '1', f: '0', big: '3155378975999999999', s: 'a"b' });
    });
  });

  describe('base64', function () {
    for (const [label, value] of [...XML_SAFE, ...NOT_XML]) {
      it(`decodeBase64Text(encodeBase64Text(x)) is x for ${label}`, function () {
        assert.equal(decodeBase64Text(encodeBase64Text(value)), value);
      });
    }

    it('encodes UTF-16LE code units, so lone surrogates survive', function () {
      assert.equal(encodeBase64Text('\uD800'), Buffer.from([0x00, 0xd8]).toString('base64'));
      assert.equal(encodeBase64Text('A\u0000'), Buffer.from([0x41, 0x00, 0x00, 0x00]).toString('base64'));
    });

    it('refuses what is not base64 of whole UTF-16 code units', function () {
      for (const bad of ['abc', 'ab=c', '!!!!', 'QQ==QQ==', 'AAA', 'QQ==', 'QUJD', ' QQA=', 'QQA=\n']) {
        assert.equal(decodeBase64Text(bad), undefined, JSON.stringify(bad));
      }
      assert.equal(decodeBase64Text(''), '');
      assert.equal(decodeBase64Text('QQA='), 'A');
    });
  });

  describe('what the reader refuses in text', function () {
    it('refuses a raw NUL character reference: such text must come as base64', async function () {
      await assert.rejects(parse('<Item><Name>a&#0;b</Name></Item>'), (error: unknown) => error instanceof PackageError && /malformed/.test(error.message));
    });
  });
});
