/**
 * The CLIXML codec without PowerShell: golden documents (spec/powershell.md §1 and what PSSerializer printed in
 * the test engine), round trips of every supported type, hostile strings, and hostile documents.
 * clixml-engine.test.ts checks the same codec against the real PSSerializer.
 */
import assert from 'node:assert/strict';
import {
  ClixmlError,
  deserializeClixml,
  deserializeClixmlSingle,
  serializeClixml,
  typeNamesOf,
  MAX_POWERSHELL_DEPTH,
} from '../../bridge/clixml.js';
import { outputObject } from '../../cmdlets/framework/cmdlet.js';

const OPEN = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">';
const doc = (body: string): string => `${OPEN}${body}</Objs>`;
const PSCUSTOM_TN = '<TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>';

/** A property bag as the reader makes them (null prototype), for deepEqual. */
function bag(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, properties);
}

const roundTrip = (value: unknown): unknown => deserializeClixmlSingle(serializeClixml(value));

/** Deterministic strings of arbitrary UTF-16 code units, weighted towards the awkward ones. */
function* randomStrings(count: number): Generator<string> {
  let seed = 0x2545f491;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const pools = [
    () => Math.floor(next() * 0x20),
    () => 0x7f + Math.floor(next() * 0x21),
    () => 0xd800 + Math.floor(next() * 0x800),
    () => '_xX<>&"\'] '.charCodeAt(Math.floor(next() * 10)),
    () => 0xfffe + Math.floor(next() * 2),
    () => Math.floor(next() * 0x10000),
  ];
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 24);
    const units: number[] = [];
    for (let j = 0; j < length; j++) units.push(pools[Math.floor(next() * pools.length)]!());
    yield String.fromCharCode(...units);
  }
}

describe('bridge/clixml', () => {
  describe('serializeClixml golden output', () => {
    it('writes [pscustomobject]@{A=1} exactly as PSSerializer does', () => {
      assert.equal(serializeClixml({ A: 1 }), doc(`<Obj RefId="0">${PSCUSTOM_TN}<MS><I32 N="A">1</I32></MS></Obj>`));
    });

    it('escapes CR, LF, TAB, NUL, C1 controls and a literal _x / _X with _xHHHH_', () => {
      assert.equal(
        serializeClixml('a\r\nb_x_X\tc\u0000\u007f\u0085 é'),
        doc('<S>a_x000D__x000A_b_x005F_x_x005F_X_x0009_c_x0000__x007F__x0085_ é</S>'),
      );
    });

    it('writes an emoji as two surrogate escapes, and lone surrogates and U+FFFE/U+FFFF escaped', () => {
      assert.equal(serializeClixml('😀'), doc('<S>_xD83D__xDE00_</S>'));
      assert.equal(serializeClixml('\uD800x\uDC00\uFFFE\uFFFF'), doc('<S>_xD800_x_xDC00__xFFFE__xFFFF_</S>'));
    });

    it('XML-escapes markup and leaves quotes alone in text', () => {
      assert.equal(serializeClixml(']]> </S> & < > " \''), doc('<S>]]&gt; &lt;/S&gt; &amp; &lt; &gt; " \'</S>'));
    });

    it('never writes a raw line break, so a document is one line', () => {
      const line = serializeClixml({ 'a\nb': 'c\r\nd', list: ['\u2028', '\n'], m: new Map([['\r', '\n']]) });
      assert.equal(/[\r\n]/.test(line), false);
    });

    it('writes a Date as UTC DateTime, fraction trimmed as XmlConvert trims it', () => {
      assert.equal(serializeClixml(new Date('2024-05-01T12:34:56.789Z')), doc('<DT>2024-05-01T12:34:56.789Z</DT>'));
      assert.equal(serializeClixml(new Date('2024-05-01T12:34:56.780Z')), doc('<DT>2024-05-01T12:34:56.78Z</DT>'));
      assert.equal(serializeClixml(new Date('2024-05-01T00:00:00.000Z')), doc('<DT>2024-05-01T00:00:00Z</DT>'));
    });

    it('writes byte arrays as BA in base64', () => {
      assert.equal(serializeClixml(Buffer.from([1, 2, 3, 255])), doc('<BA>AQID/w==</BA>'));
      assert.equal(serializeClixml(new Uint8Array([1, 2, 3, 255]).subarray(1, 4)), doc('<BA>AgP/</BA>'));
      assert.equal(serializeClixml(Buffer.alloc(0)), doc('<BA></BA>'));
    });

    it('picks I32, I64 or Db for numbers and I64 or S for bigints', () => {
      assert.equal(serializeClixml(2147483647), doc('<I32>2147483647</I32>'));
      assert.equal(serializeClixml(-2147483648), doc('<I32>-2147483648</I32>'));
      assert.equal(serializeClixml(2147483648), doc('<I64>2147483648</I64>'));
      assert.equal(serializeClixml(Number.MAX_SAFE_INTEGER), doc('<I64>9007199254740991</I64>'));
      assert.equal(serializeClixml(2 ** 60), doc('<Db>1152921504606847000</Db>'));
      assert.equal(serializeClixml(2.5), doc('<Db>2.5</Db>'));
      assert.equal(serializeClixml(1e300), doc('<Db>1E+300</Db>'));
      assert.equal(serializeClixml(NaN), doc('<Db>NaN</Db>'));
      assert.equal(serializeClixml(-Infinity), doc('<Db>-INF</Db>'));
      assert.equal(serializeClixml(-0), doc('<I32>0</I32>'));
      assert.equal(serializeClixml(2n ** 63n - 1n), doc('<I64>9223372036854775807</I64>'));
      assert.equal(serializeClixml(2n ** 63n), doc('<S>9223372036854775808</S>'));
    });

    it('writes booleans and null/undefined', () => {
      assert.equal(serializeClixml(true), doc('<B>true</B>'));
      assert.equal(serializeClixml(null), doc('<Nil />'));
      assert.equal(serializeClixml(undefined), doc('<Nil />'));
      assert.equal(serializeClixml({ N: null, U: undefined }), doc(`<Obj RefId="0">${PSCUSTOM_TN}<MS><Nil N="N" /><Nil N="U" /></MS></Obj>`));
    });

    it('writes an array as System.Object[] with LST, and reuses type names with TNRef', () => {
      const arrayTn = '<TN RefId="0"><T>System.Object[]</T><T>System.Array</T><T>System.Object</T></TN>';
      assert.equal(
        serializeClixml([1, 'a', null, 2.5]),
        doc(`<Obj RefId="0">${arrayTn}<LST><I32>1</I32><S>a</S><Nil /><Db>2.5</Db></LST></Obj>`),
      );
      assert.equal(serializeClixml([]), doc(`<Obj RefId="0">${arrayTn}<LST /></Obj>`));
      // What PSSerializer printed for @([pscustomobject]@{A=1},[pscustomobject]@{A=2}).
      assert.equal(
        serializeClixml([{ A: 1 }, { A: 2 }]),
        doc(
          `<Obj RefId="0">${arrayTn}<LST>` +
            '<Obj RefId="1"><TN RefId="1"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>' +
            '<MS><I32 N="A">1</I32></MS></Obj>' +
            '<Obj RefId="2"><TNRef RefId="1" /><MS><I32 N="A">2</I32></MS></Obj>' +
            '</LST></Obj>',
        ),
      );
    });

    it('writes a Map as a Hashtable with En/Key/Value', () => {
      assert.equal(
        serializeClixml(new Map<unknown, unknown>([['k', 1], [2, 'b']])),
        doc(
          '<Obj RefId="0"><TN RefId="0"><T>System.Collections.Hashtable</T><T>System.Object</T></TN><DCT>' +
            '<En><S N="Key">k</S><I32 N="Value">1</I32></En><En><I32 N="Key">2</I32><S N="Value">b</S></En>' +
            '</DCT></Obj>',
        ),
      );
    });

    it('writes an output object with its own type names and no ToString', () => {
      const value = outputObject('PersistentChatMigration.ExportResult', { N: 1 });
      assert.equal(
        serializeClixml(value),
        doc(
          '<Obj RefId="0"><TN RefId="0"><T>PersistentChatMigration.ExportResult</T>' +
            '<T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>' +
            '<MS><I32 N="N">1</I32></MS></Obj>',
        ),
      );
      assert.equal(serializeClixml({ typeNames: [], properties: {} }), doc('<Obj RefId="0"></Obj>'));
    });

    it('encodes property names like strings', () => {
      assert.equal(
        serializeClixml({ 'a b': 1, _x: 2, 'n\nl': 3, '<&>"': 4 }),
        doc(
          `<Obj RefId="0">${PSCUSTOM_TN}<MS><I32 N="a b">1</I32><I32 N="_x005F_x">2</I32>` +
            '<I32 N="n_x000A_l">3</I32><I32 N="&lt;&amp;&gt;&quot;">4</I32></MS></Obj>',
        ),
      );
    });

    it('writes an object met twice once, then as Ref (as PSSerializer does)', () => {
      const shared = { X: 1 };
      assert.equal(
        serializeClixml({ P: shared, Q: shared }),
        doc(
          `<Obj RefId="0">${PSCUSTOM_TN}<MS><Obj N="P" RefId="1"><TNRef RefId="0" /><MS><I32 N="X">1</I32></MS></Obj>` +
            '<Ref N="Q" RefId="1" /></MS></Obj>',
        ),
      );
    });

    it('refuses what PowerShell could not read or what has no CLIXML form', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      assert.throws(() => serializeClixml(cyclic), /cyclic/);
      assert.throws(() => serializeClixml(() => 1), TypeError);
      assert.throws(() => serializeClixml({ s: Symbol('x') }), /property "s"/);
      assert.throws(() => serializeClixml(new Set([1])), /Set/);
      assert.throws(() => serializeClixml(new Date(NaN)), RangeError);
      assert.throws(() => serializeClixml(new Date('+010000-01-01T00:00:00Z')), /outside/);
      assert.throws(() => serializeClixml(new Map([[null, 1]])), /null/);
      assert.throws(() => serializeClixml({ typeNames: 'X', properties: {} }), /typeNames/);
    });

    it('refuses nesting deeper than PowerShell reads, and allows exactly that deep', () => {
      const nest = (levels: number): unknown => {
        let value: unknown = 1;
        for (let i = 0; i < levels; i++) value = [value];
        return value;
      };
      assert.doesNotThrow(() => serializeClixml(nest(MAX_POWERSHELL_DEPTH)));
      assert.throws(() => serializeClixml(nest(MAX_POWERSHELL_DEPTH + 1)), /nested more than 48/);
    });
  });

  describe('deserializeClixml of PowerShell output', () => {
    it('reads an indented PSSerializer document (Windows line ends too)', () => {
      const text = [
        OPEN,
        '  <Obj RefId="0">',
        '    <TN RefId="0">',
        '      <T>PersistentChatMigration.Request</T>',
        '      <T>System.Management.Automation.PSCustomObject</T>',
        '      <T>System.Object</T>',
        '    </TN>',
        '    <MS>',
        '      <S N="Name">  spaced  </S>',
        '      <S N="Empty"></S>',
        '      <I32 N="A">1</I32>',
        '      <Nil N="N" />',
        '    </MS>',
        '  </Obj>',
        '</Objs>',
      ].join('\r\n');
      const value = deserializeClixmlSingle(text);
      assert.deepEqual(value, bag({ Name: '  spaced  ', Empty: '', A: 1, N: null }));
      assert.deepEqual(typeNamesOf(value), [
        'PersistentChatMigration.Request',
        'System.Management.Automation.PSCustomObject',
        'System.Object',
      ]);
    });

    it('decodes _xHHHH_ in strings, names and type names as XmlConvert.DecodeName does', () => {
      const value = deserializeClixmlSingle(
        doc(
          '<Obj RefId="0"><TN RefId="0"><T>A_x002E_B</T></TN><MS>' +
            '<S N="n_x000A_l">_x0041__xd83d__xDE00__x0001F600_|_X0041_|_x41_|_x005F_x0041_|_x0011FFFF_</S></MS></Obj>',
        ),
      );
      assert.deepEqual(value, bag({ 'n\nl': 'A😀😀|A|_x41_|_x0041_|_x0011FFFF_' }));
      assert.deepEqual(typeNamesOf(value), ['A.B']);
    });

    it('reads character references and XML entities once (no double decoding)', () => {
      assert.equal(deserializeClixmlSingle(doc('<S>a&#13;&#10;b&#x41;&amp;#65;&lt;&gt;&quot;&apos;</S>')), 'a\r\nbA&#65;<>"\'');
      assert.equal(deserializeClixmlSingle(doc('<S><![CDATA[<&amp;>]]>x</S>')), '<&amp;>x');
      assert.equal(deserializeClixmlSingle(doc('<S>a\r\nb</S>')), 'a\nb');
    });

    it('reads every primitive element', () => {
      const cases: Array<[string, unknown]> = [
        ['<I32> 7 </I32>', 7],
        ['<I16>-5</I16>', -5],
        ['<U16>65535</U16>', 65535],
        ['<By>255</By>', 255],
        ['<SB>-128</SB>', -128],
        ['<U32>4294967295</U32>', 4294967295],
        ['<I64>9007199254740991</I64>', 9007199254740991],
        ['<I64>9007199254740993</I64>', 9007199254740993n],
        ['<I64>-9223372036854775808</I64>', -9223372036854775808n],
        ['<U64>18446744073709551615</U64>', 18446744073709551615n],
        ['<Db>1E+300</Db>', 1e300],
        ['<Db>-0</Db>', -0],
        ['<Db>INF</Db>', Infinity],
        ['<Db>-INF</Db>', -Infinity],
        ['<Sg>1.1</Sg>', 1.1],
        ['<D>1.1</D>', 1.1],
        ['<D>-0.50</D>', -0.5],
        ['<D>79228162514264337593543950335</D>', '79228162514264337593543950335'],
        ['<D>0.1000000000000000000000000001</D>', '0.1000000000000000000000000001'],
        ['<B>true</B>', true],
        ['<B>0</B>', false],
        ['<C>120</C>', 'x'],
        ['<G>0f8fad5b-d9cb-469f-a165-70867728950e</G>', '0f8fad5b-d9cb-469f-a165-70867728950e'],
        ['<URI>http://x/y?a=b&amp;c</URI>', 'http://x/y?a=b&c'],
        ['<Version>1.2.3.4</Version>', '1.2.3.4'],
        ['<SBK>Get-Item _x0024_x</SBK>', 'Get-Item $x'],
        ['<XD>&lt;a/&gt;</XD>', '<a/>'],
        ['<BA>AQID/w==</BA>', Buffer.from([1, 2, 3, 255])],
        ['<Nil />', null],
      ];
      for (const [xml, expected] of cases) assert.deepEqual(deserializeClixmlSingle(doc(xml)), expected, xml);
    });

    it('reads DateTime of every Kind to the same instant', () => {
      const instant = new Date('2024-05-01T12:34:56.789Z');
      assert.deepEqual(deserializeClixmlSingle(doc('<DT>2024-05-01T12:34:56.789Z</DT>')), instant);
      assert.deepEqual(deserializeClixmlSingle(doc('<DT>2024-05-01T14:34:56.7891234+02:00</DT>')), instant);
      assert.deepEqual(deserializeClixmlSingle(doc('<DT>2024-05-01T12:34:56.789</DT>')), new Date(2024, 4, 1, 12, 34, 56, 789));
      assert.deepEqual(deserializeClixmlSingle(doc('<DT>0001-01-01T00:00:00Z</DT>')), new Date('0001-01-01T00:00:00Z'));
      assert.throws(() => deserializeClixml(doc('<DT>2024-02-30T00:00:00Z</DT>')), /DT/);
    });

    it('reads TimeSpan as milliseconds', () => {
      assert.equal(deserializeClixmlSingle(doc('<TS>P1DT1H1M1.0015S</TS>')), 90061001.5);
      assert.equal(deserializeClixmlSingle(doc('<TS>-PT23H59M59.999S</TS>')), -86399999);
      assert.equal(deserializeClixmlSingle(doc('<TS>PT0S</TS>')), 0);
      assert.equal(deserializeClixmlSingle(doc('<TS>P14DT6H56M7.8901234S</TS>')), 1234567890.1234);
      assert.throws(() => deserializeClixml(doc('<TS>P</TS>')), /TS/);
    });

    it('reads enums as their names', () => {
      const xml = doc(
        '<Obj RefId="0"><TN RefId="0"><T>System.ConsoleColor</T><T>System.Enum</T><T>System.ValueType</T>' +
          '<T>System.Object</T></TN><ToString>Red</ToString><I32>12</I32></Obj>',
      );
      assert.equal(deserializeClixmlSingle(xml), 'Red');
    });

    it('reads Hashtable and OrderedDictionary with string keys as objects, other keys as a Map', () => {
      const ordered = deserializeClixmlSingle(
        doc(
          '<Obj RefId="0"><TN RefId="0"><T>System.Collections.Specialized.OrderedDictionary</T><T>System.Object</T></TN>' +
            '<DCT><En><S N="Key">k</S><I32 N="Value">1</I32></En><En><S N="Key">j</S><S N="Value">x</S></En></DCT></Obj>',
        ),
      );
      assert.deepEqual(ordered, bag({ k: 1, j: 'x' }));
      assert.deepEqual(Object.keys(ordered as object), ['k', 'j']);
      assert.equal(typeNamesOf(ordered)[0], 'System.Collections.Specialized.OrderedDictionary');
      const numeric = deserializeClixmlSingle(
        doc(
          '<Obj RefId="0"><TN RefId="0"><T>System.Collections.Hashtable</T><T>System.Object</T></TN>' +
            '<DCT><En><I32 N="Key">2</I32><S N="Value">b</S></En><En><S N="Key">1</S><S N="Value">a</S></En></DCT></Obj>',
        ),
      );
      assert.deepEqual(numeric, new Map<unknown, unknown>([[2, 'b'], ['1', 'a']]));
      assert.throws(
        () => deserializeClixml(doc('<Obj RefId="0"><DCT><En><S N="Key">k</S><I32 N="Value">1</I32></En><En><S N="Key">k</S><Nil N="Value" /></En></DCT></Obj>')),
        /appears twice/,
      );
    });

    it('reads LST, IE, STK and QUE as arrays with their type names', () => {
      const stack = deserializeClixmlSingle(
        doc('<Obj RefId="0"><TN RefId="0"><T>System.Collections.Stack</T><T>System.Object</T></TN><STK><I32>2</I32><I32>1</I32></STK></Obj>'),
      );
      assert.deepEqual(stack, [2, 1]);
      assert.deepEqual(typeNamesOf(stack), ['System.Collections.Stack', 'System.Object']);
      assert.deepEqual(deserializeClixmlSingle(doc('<Obj RefId="0"><QUE><I32>1</I32></QUE></Obj>')), [1]);
      assert.deepEqual(deserializeClixmlSingle(doc('<Obj RefId="0"><IE><S>a</S></IE></Obj>')), ['a']);
      assert.deepEqual(deserializeClixmlSingle(doc('<Obj RefId="0"><LST /></Obj>')), []);
    });

    it('reads a .NET object (ToString, Props and MS) as one bag of properties', () => {
      // Shortened from PSSerializer's output for [System.IO.DirectoryInfo]::new('/tmp').
      const value = deserializeClixmlSingle(
        doc(
          '<Obj RefId="0"><TN RefId="0"><T>System.IO.DirectoryInfo</T><T>System.IO.FileSystemInfo</T>' +
            '<T>System.MarshalByRefObject</T><T>System.Object</T></TN><ToString>/tmp</ToString>' +
            '<Props><S N="Name">tmp</S><B N="Exists">true</B><DT N="CreationTimeUtc">2026-11-24T02:35:45.5690731Z</DT></Props>' +
            '<MS><Obj N="UnixMode" RefId="1"><S></S></Obj><Ref N="User" RefId="1" /><S N="Mode">d----</S>' +
            '<S N="NameString">_x001B_[44;1mtmp_x001B_[0m</S></MS></Obj>',
        ),
      );
      assert.deepEqual(
        value,
        bag({
          Name: 'tmp',
          Exists: true,
          CreationTimeUtc: new Date('2026-11-24T02:35:45.569Z'),
          UnixMode: '',
          User: '',
          Mode: 'd----',
          NameString: '\u001b[44;1mtmp\u001b[0m',
        }),
      );
      assert.equal(typeNamesOf(value)[0], 'System.IO.DirectoryInfo');
    });

    it('resolves Ref to the same JS object, and TNRef to the earlier names', () => {
      const value = deserializeClixmlSingle(
        doc(
          `<Obj RefId="0">${PSCUSTOM_TN}<MS><Obj N="P" RefId="1"><TNRef RefId="0" /><MS><I32 N="X">1</I32></MS></Obj>` +
            '<Ref N="Q" RefId="1" /></MS></Obj>',
        ),
      ) as Record<string, unknown>;
      assert.equal(value['P'], value['Q']);
      assert.deepEqual(typeNamesOf(value['P']), ['System.Management.Automation.PSCustomObject', 'System.Object']);
    });

    it('reads a document with several top-level objects, and single() insists on one', () => {
      assert.deepEqual(deserializeClixml(doc('<I32>1</I32><S>a</S>')), [1, 'a']);
      assert.deepEqual(deserializeClixml(doc('')), []);
      assert.throws(() => deserializeClixmlSingle(doc('<I32>1</I32><S>a</S>')), /found 2/);
      assert.throws(() => deserializeClixmlSingle(doc('')), /found 0/);
    });
  });

  describe('round trips', () => {
    it('keeps every supported type', () => {
      const date = new Date('2024-05-01T12:34:56.789Z');
      const cases: Array<[unknown, unknown]> = [
        ['', ''],
        ['plain', 'plain'],
        [0, 0],
        [-1, -1],
        [2147483647, 2147483647],
        [-2147483648, -2147483648],
        [2147483648, 2147483648],
        [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
        [-Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
        [1.5, 1.5],
        [0.1 + 0.2, 0.1 + 0.2],
        [5e-324, 5e-324],
        [Number.MAX_VALUE, Number.MAX_VALUE],
        [1e21, 1e21],
        [NaN, NaN],
        [Infinity, Infinity],
        [-Infinity, -Infinity],
        [5n, 5],
        [2n ** 63n - 1n, 2n ** 63n - 1n],
        [-(2n ** 63n), -(2n ** 63n)],
        [2n ** 64n, '18446744073709551616'],
        [true, true],
        [false, false],
        [null, null],
        [undefined, null],
        [date, date],
        [new Date('0001-01-01T00:00:00Z'), new Date('0001-01-01T00:00:00Z')],
        [new Date('9999-12-31T23:59:59.999Z'), new Date('9999-12-31T23:59:59.999Z')],
        [Buffer.from([0, 1, 254, 255]), Buffer.from([0, 1, 254, 255])],
        [Buffer.alloc(0), Buffer.alloc(0)],
        [new Uint8Array([9, 8]), Buffer.from([9, 8])],
        [[], []],
        [[1, 'a', null, [2, [3]], { B: true }], [1, 'a', null, [2, [3]], bag({ B: true })]],
        [{}, bag({})],
        [{ A: 1, Nested: { When: date, Bytes: Buffer.from('x') } }, bag({ A: 1, Nested: bag({ When: date, Bytes: Buffer.from('x') }) })],
        [new Map<string, unknown>([['k', 1], ['j', [1, 2]]]), bag({ k: 1, j: [1, 2] })],
        [new Map<unknown, unknown>([[1, 'one'], [true, 'yes']]), new Map<unknown, unknown>([[1, 'one'], [true, 'yes']])],
        [new Map(), bag({})],
      ];
      for (const [input, expected] of cases) assert.deepEqual(roundTrip(input), expected, String(input));
    });

    it('keeps an output object\'s properties and type names', () => {
      const value = roundTrip(outputObject('PersistentChatMigration.Room', { Name: 'Lobby', Members: ['a', 'b'], Disabled: false }));
      assert.deepEqual(value, bag({ Name: 'Lobby', Members: ['a', 'b'], Disabled: false }));
      assert.deepEqual(typeNamesOf(value), ['PersistentChatMigration.Room', 'System.Management.Automation.PSCustomObject', 'System.Object']);
    });

    it('keeps hostile strings exactly, as values and as property names', () => {
      const hostile = [
        '😀 👨‍👩‍👧 🏳️‍🌈',
        '\u202Eabc\u202C \u200F\u05E9\u05DC\u05D5\u05DD\u200E',
        '\u0000\u0001\u0008\u000B\u000C\u001F\u007F\u0080\u009F',
        'a\r\nb\rc\nd\t',
        ']]>',
        '</S>',
        '<![CDATA[x]]>',
        '&amp; &#13; &lt;',
        '_x000A_ _X000a_ _x_ _x0041 _xD83D_',
        '_',
        '\uD800',
        '\uDFFF',
        '\uDC00\uD800',
        'x\uD83D',
        '\uFFFE\uFFFF\uFDD0',
        ' leading and trailing ',
        '   ',
        '\u2028\u2029',
        'é ü 中 ﷽',
        '"\'',
      ];
      for (const text of hostile) {
        assert.equal(roundTrip(text), text, JSON.stringify(text));
        assert.deepEqual(roundTrip({ [text]: text }), bag({ [text]: text }), JSON.stringify(text));
        assert.deepEqual(roundTrip(new Map([[text, text]])), bag({ [text]: text }), JSON.stringify(text));
        assert.deepEqual(typeNamesOf(roundTrip({ typeNames: [text], properties: {} })), [text], JSON.stringify(text));
      }
    });

    it('keeps 2,000 random strings of arbitrary UTF-16 code units', () => {
      const strings = [...randomStrings(2000)];
      assert.deepEqual(roundTrip(strings), strings);
    });

    it('keeps shared objects shared', () => {
      const shared = [1, 2];
      const value = roundTrip({ A: shared, B: shared, C: [shared] }) as Record<string, unknown>;
      assert.equal(value['A'], value['B']);
      assert.equal((value['C'] as unknown[])[0], value['A']);
    });
  });

  describe('long values (read without fast-xml-parser building them a character at a time)', () => {
    it('keeps long strings and byte arrays exactly', () => {
      const text = `${'x'.repeat(5000)}&<>\r\n_x😀\uD800${'é'.repeat(5000)}`;
      const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));
      const value = roundTrip({ Text: text, Bytes: bytes, List: [text, bytes], Short: 'ok' });
      assert.deepEqual(value, bag({ Text: text, Bytes: bytes, List: [text, bytes], Short: 'ok' }));
    });

    it('resolves entities and line ends in long text as in short text', () => {
      const body = `${'a&amp;&#13;'.repeat(1000)}\r\n`;
      assert.equal(deserializeClixmlSingle(doc(`<S>${body}</S>`)), `${'a&\r'.repeat(1000)}\n`);
    });

    it('reads markup-like attribute values and mixed content correctly, whatever the shortcut finds', () => {
      const inner = `<S>${'a'.repeat(5000)}</S>`;
      const escaped = inner.replace(/</g, '&lt;').replace(/>/g, '&gt;');
      // fast-xml-parser accepts a raw `<` in an attribute value, so the shortcut's scan can start inside one.
      assert.deepEqual(deserializeClixmlSingle(doc(`<Obj RefId="0"><MS><S N="${inner}">v</S></MS></Obj>`)), bag({ [inner]: 'v' }));
      assert.deepEqual(deserializeClixmlSingle(doc(`<Obj RefId="0"><MS><S N="${escaped}">v</S></MS></Obj>`)), bag({ [inner]: 'v' }));
      assert.throws(() => deserializeClixml(doc(`<S>${'a'.repeat(5000)}<I32>1</I32></S>`)), /text only/);
      assert.equal(deserializeClixmlSingle(doc(`<S><!-- c -->${'a'.repeat(5000)}</S>`)), 'a'.repeat(5000));
    });
  });

  describe('hostile documents', () => {
    it('rejects a DOCTYPE and entity declarations', () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE Objs [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
        `${OPEN}<S>&lol2;</S></Objs>`;
      assert.throws(() => deserializeClixml(laughs), (error: Error) => error instanceof ClixmlError && /DOCTYPE/.test(error.message));
      assert.throws(() => deserializeClixml(`<!doctype Objs SYSTEM "file:///etc/passwd">${doc('')}`), /DOCTYPE/);
    });

    it('rejects entities other than XML\'s five', () => {
      assert.throws(() => deserializeClixml(doc('<S>&nbsp;</S>')), /Unsupported XML reference/);
      assert.throws(() => deserializeClixml(doc('<S>&#x110000;</S>')), /Unsupported XML reference/);
      assert.throws(() => deserializeClixml(doc('<S N="&foo;">x</S>')), /Unsupported XML reference/);
    });

    it('does not pollute prototypes through property names or keys', () => {
      const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
      const ms = names.map((n) => `<S N="${n}">${n}!</S>`).join('');
      const value = deserializeClixmlSingle(doc(`<Obj RefId="0"><MS>${ms}<Obj N="inner" RefId="1"><MS><I32 N="polluted">1</I32></MS></Obj></MS></Obj>`));
      const record = value as Record<string, unknown>;
      for (const n of names) assert.equal(record[n], `${n}!`);
      assert.equal(Object.getPrototypeOf(value), null);
      assert.deepEqual(Object.keys(record), [...names, 'inner']);
      const dict = deserializeClixmlSingle(doc('<Obj RefId="0"><DCT><En><S N="Key">__proto__</S><Obj N="Value" RefId="1"><MS><B N="polluted">true</B></MS></Obj></En></DCT></Obj>'));
      assert.equal(Object.getPrototypeOf(dict), null);
      assert.deepEqual(Object.keys(dict as object), ['__proto__']);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
    });

    it('refuses a SecureString, a PSCredential and unknown elements, naming them', () => {
      assert.throws(() => deserializeClixml(doc('<SS>01000000d08c9ddf</SS>')), /SecureString.*user name and password/);
      const credential = doc(
        '<Obj RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCredential</T><T>System.Object</T></TN>' +
          '<ToString>System.Management.Automation.PSCredential</ToString><Props><S N="UserName">u</S><SS N="Password"></SS></Props></Obj>',
      );
      assert.throws(() => deserializeClixml(credential), /SecureString/);
      assert.throws(() => deserializeClixml(doc('<Foo>1</Foo>')), /<Foo>/);
      assert.throws(() => deserializeClixml(doc('<Obj RefId="0"><Bar /></Obj>')), /<Bar>/);
      assert.throws(() => deserializeClixml(doc('<PR><AV>x</AV></PR>')), /<PR>/);
    });

    it('refuses dangling and duplicate references', () => {
      assert.throws(() => deserializeClixml(doc('<Ref RefId="7" />')), /RefId="7"/);
      assert.throws(() => deserializeClixml(doc('<Obj RefId="0"><TNRef RefId="3" /></Obj>')), /TNRef RefId="3"/);
      assert.throws(() => deserializeClixml(doc('<Obj RefId="0" /><Obj RefId="0" />')), /two <Obj>/);
    });

    it('refuses malformed XML and bad values', () => {
      assert.throws(() => deserializeClixml(`${OPEN}<S>a</Objs>`), /not well-formed/);
      assert.throws(() => deserializeClixml(`${OPEN}<S>a</S>`), /not well-formed/);
      assert.throws(() => deserializeClixml('garbage'), /not well-formed/);
      assert.throws(() => deserializeClixml('<Other />'), /root element/);
      assert.throws(() => deserializeClixml(`${doc('')}<Objs />`), /root element/);
      assert.throws(() => deserializeClixml('<Objs xmlns="urn:other" />'), /namespace/);
      assert.throws(() => deserializeClixml(doc('stray text')), /Unexpected text/);
      assert.throws(() => deserializeClixml(doc('<I32>2147483648</I32>')), /out of range/);
      assert.throws(() => deserializeClixml(doc('<I32>0x10</I32>')), /not an integer/);
      assert.throws(() => deserializeClixml(doc('<Db>Infinity</Db>')), /not a number/);
      assert.throws(() => deserializeClixml(doc('<B>yes</B>')), /not a boolean/);
      assert.throws(() => deserializeClixml(doc('<BA>!!</BA>')), /base64/);
      assert.throws(() => deserializeClixml(doc('<S><I32>1</I32></S>')), /text only/);
      assert.throws(() => deserializeClixml(42 as unknown as string), TypeError);
    });

    it('caps document size and nesting depth', () => {
      assert.throws(() => deserializeClixml(doc(`<S>${'x'.repeat(1000)}</S>`), { maxLength: 500 }), /exceeds the limit of 500/);
      const nested = (levels: number): string => {
        let body = '<I32>1</I32>';
        for (let i = 0; i < levels; i++) body = `<Obj RefId="${i}"><LST>${body}</LST></Obj>`;
        return doc(body);
      };
      assert.doesNotThrow(() => deserializeClixml(nested(10), { maxDepth: 10 }));
      assert.throws(() => deserializeClixml(nested(11), { maxDepth: 10 }), /nested|Maximum nested/);
      assert.throws(() => deserializeClixml(nested(5000)), ClixmlError);
    });
  });
});
