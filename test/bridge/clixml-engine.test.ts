/**
 * The CLIXML codec against the real PSSerializer, in the real pwsh (tools/find-pwsh.ts) driven by node-powershell:
 * (a) Node writes, PowerShell's [PSSerializer]::Deserialize reads, and PowerShell checks types and values;
 * (b) PowerShell's [PSSerializer]::Serialize writes, Node reads;
 * (c) Node -> PowerShell -> Node, for values whose identity is easiest to compare in Node.
 * Data never becomes PowerShell code: CLIXML travels base64-encoded in both directions.
 * Fails, saying how to install it, when there is no pwsh.
 */
import assert from 'node:assert/strict';
import { PowerShell } from 'node-powershell';
import { deserializeClixml, deserializeClixmlSingle, serializeClixml, typeNamesOf, MAX_POWERSHELL_DEPTH } from '../../bridge/clixml.js';
import { outputObject } from '../../cmdlets/framework/cmdlet.js';
import { findPwsh, missingPwshMessage, PWSH_ENV } from '../../tools/find-pwsh.js';

const SERIALIZER = '[System.Management.Automation.PSSerializer]';

/** A PowerShell expression that rebuilds `value` from Node's CLIXML; only base64 text is pasted into the code. */
function deserializedInPowerShell(value: unknown): string {
  const base64 = Buffer.from(serializeClixml(value), 'utf8').toString('base64');
  return `${SERIALIZER}::Deserialize([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${base64}')))`;
}

/** A PowerShell expression giving a string's UTF-16 code units as `65,66`, to compare text byte for byte. */
const codeUnits = (expression: string): string => `((${expression}).ToCharArray() | ForEach-Object { [int]$_ }) -join ','`;
const jsCodeUnits = (text: string): string => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)).join(',');

describe('bridge/clixml against the real PSSerializer', function () {
  this.timeout(300_000);
  let ps: PowerShell | undefined;

  before(async function () {
    const pwsh = findPwsh();
    if (!pwsh) throw new Error(missingPwshMessage());
    // node-powershell reads NODE_POWERSHELL once, when the shell is made.
    const previous = process.env['NODE_POWERSHELL'];
    process.env['NODE_POWERSHELL'] = pwsh;
    try {
      ps = new PowerShell({ executableOptions: { '-NoProfile': true, '-NonInteractive': true }, spawnOptions: { env: { ...process.env, ...PWSH_ENV } }, invocationTimeout: 240_000 });
    } finally {
      if (previous === undefined) delete process.env['NODE_POWERSHELL'];
      else process.env['NODE_POWERSHELL'] = previous;
    }
    const { raw } = await ps.invoke('[Console]::Out.WriteLine(40 + 2)');
    assert.equal(raw.trim(), '42');
  });

  after(async () => {
    await ps?.dispose();
  });

  /** Runs `$x = <value from Node>` and returns each expression's result as a string. */
  async function inPowerShell(value: unknown, expressions: readonly string[]): Promise<string[]> {
    const script = [
      `$x = ${deserializedInPowerShell(value)}`,
      ...expressions.map((e) => `[Console]::Out.WriteLine('=' + [string](${e}))`),
    ].join('; ');
    const { raw } = await ps!.invoke(script);
    return raw.split(/\r?\n/).filter((line) => line.startsWith('=')).map((line) => line.slice(1));
  }

  /** [PSSerializer]::Serialize(<expression>, 20) as text, carried out base64-encoded; `setup` runs first. */
  async function serializedByPowerShell(expression: string, setup = ''): Promise<string> {
    const { raw } = await ps!.invoke(
      `${setup}[Console]::Out.WriteLine('=' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(${SERIALIZER}::Serialize((${expression}), 20))))`,
    );
    const line = raw.split(/\r?\n/).find((l) => l.startsWith('='));
    assert.ok(line, `no output from PowerShell: ${raw}`);
    return Buffer.from(line.slice(1), 'base64').toString('utf8');
  }

  const fromPowerShell = async (expression: string): Promise<unknown> => deserializeClixmlSingle(await serializedByPowerShell(expression));

  describe('(a) Node writes, PSSerializer.Deserialize reads', () => {
    it('rebuilds a PSCustomObject with typed properties', async () => {
      const value = {
        A: 1,
        Big: 2 ** 40,
        Ratio: 2.5,
        Flag: true,
        None: null,
        Name: 'Lobby',
        When: new Date('2024-05-01T12:34:56.789Z'),
        Bytes: Buffer.from([1, 2, 3, 255]),
        Huge: 2n ** 62n,
      };
      const result = await inPowerShell(value, [
        '$x.GetType().FullName',
        '$x.PSObject.TypeNames -join ","',
        '$x.A -eq 1',
        '$x.A.GetType().FullName',
        '$x.Big.GetType().FullName',
        '$x.Ratio.GetType().FullName',
        '$x.Flag.GetType().FullName',
        '$null -eq $x.None',
        '$x.Name',
        '$x.When.GetType().FullName',
        '$x.When.Kind',
        '$x.When.ToString("o")',
        '$x.Bytes.GetType().FullName',
        '$x.Bytes -join ","',
        '$x.Huge.GetType().FullName',
        '$x.Huge',
        '($x.PSObject.Properties | ForEach-Object { $_.Name }) -join ","',
      ]);
      assert.deepEqual(result, [
        'System.Management.Automation.PSCustomObject',
        'Deserialized.System.Management.Automation.PSCustomObject,Deserialized.System.Object',
        'True',
        'System.Int32',
        'System.Int64',
        'System.Double',
        'System.Boolean',
        'True',
        'Lobby',
        'System.DateTime',
        'Utc',
        '2024-05-01T12:34:56.7890000Z',
        'System.Byte[]',
        '1,2,3,255',
        'System.Int64',
        '4611686018427387904',
        'A,Big,Ratio,Flag,None,Name,When,Bytes,Huge',
      ]);
    });

    it('gives an output object its type names, with the Deserialized. prefix', async () => {
      const value = outputObject('PersistentChatMigration.ExportResult', { Rooms: 3 });
      assert.deepEqual(await inPowerShell(value, ['$x.PSObject.TypeNames[0]', '$x.PSObject.TypeNames.Count', '$x.Rooms']), [
        'Deserialized.PersistentChatMigration.ExportResult',
        '3',
        '3',
      ]);
    });

    it('rebuilds arrays as lists and Maps as Hashtables', async () => {
      const value = { List: [1, 'a', null, [2]], Table: new Map<unknown, unknown>([['k', 'v'], [2, 'two']]), Empty: [] };
      assert.deepEqual(
        await inPowerShell(value, [
          '$x.List.GetType().FullName',
          '$x.List.Count',
          '$x.List[1]',
          '$null -eq $x.List[2]',
          '$x.List[3][0]',
          '$x.Table.GetType().FullName',
          '$x.Table["k"]',
          '$x.Table[2]',
          '$x.Empty.Count',
        ]),
        ['System.Collections.ArrayList', '4', 'a', 'True', '2', 'System.Collections.Hashtable', 'v', 'two', '0'],
      );
    });

    it('keeps hostile strings and property names exact', async () => {
      const hostile = [
        'a\r\nb\tc',
        '\u0000\u0001\u001f\u007f\u0085',
        '_x000A_ _X0041_ _x_',
        ']]> </S> &amp; <&>',
        '😀\u202E\u200F',
        '\uD800 lone \uDFFF',
        '\uFFFE\uFFFF',
        '  ',
      ];
      for (const text of hostile) {
        const result = await inPowerShell({ [text]: text }, [
          codeUnits('$x.PSObject.Properties | ForEach-Object { $_.Name }'),
          codeUnits('$x.PSObject.Properties | ForEach-Object { $_.Value }'),
        ]);
        assert.deepEqual(result, [jsCodeUnits(text), jsCodeUnits(text)], JSON.stringify(text));
      }
    });

    it('reads values nested as deep as MAX_POWERSHELL_DEPTH', async () => {
      let value: unknown = 'bottom';
      for (let i = 0; i < MAX_POWERSHELL_DEPTH; i++) value = [value];
      const walk = '$v = $x; $n = 0; while ($v -is [System.Collections.IList]) { $v = $v[0]; $n++ }';
      const { raw } = await ps!.invoke(`$x = ${deserializedInPowerShell(value)}; ${walk}; [Console]::Out.WriteLine("=$n $v")`);
      assert.equal(raw.trim(), `=${MAX_POWERSHELL_DEPTH} bottom`);
    });
  });

  describe('(b) PSSerializer.Serialize writes, Node reads', () => {
    it('reads a PSCustomObject with PSTypeName and properties of many types', async () => {
      const value = (await fromPowerShell(
        "[pscustomobject]@{ PSTypeName = 'PersistentChatMigration.Request'; I = 1; L = [long]9007199254740993; " +
          "D = 2.5; B = $true; N = $null; S = 'x'; U = [datetime]::new(2024,5,1,12,34,56,789,[DateTimeKind]::Utc); " +
          'Bytes = [byte[]](1,2,255); G = [guid]"0f8fad5b-d9cb-469f-a165-70867728950e"; C = [char]"x"; ' +
          "Dec = [decimal]'1.10'; T = [timespan]::FromMilliseconds(90061001.5); Color = [ConsoleColor]::Red; " +
          'V = [version]"1.2.3.4"; Ch = [char[]]"ab" }',
      )) as Record<string, unknown>;
      assert.deepEqual(typeNamesOf(value), [
        'PersistentChatMigration.Request',
        'System.Management.Automation.PSCustomObject',
        'System.Object',
      ]);
      assert.equal(value['I'], 1);
      assert.equal(value['L'], 9007199254740993n);
      assert.equal(value['D'], 2.5);
      assert.equal(value['B'], true);
      assert.equal(value['N'], null);
      assert.equal(value['S'], 'x');
      assert.deepEqual(value['U'], new Date('2024-05-01T12:34:56.789Z'));
      assert.deepEqual(value['Bytes'], Buffer.from([1, 2, 255]));
      assert.equal(value['G'], '0f8fad5b-d9cb-469f-a165-70867728950e');
      assert.equal(value['C'], 'x');
      assert.equal(value['Dec'], 1.1);
      assert.equal(value['T'], 90061001.5);
      assert.equal(value['Color'], 'Red');
      assert.equal(value['V'], '1.2.3.4');
      assert.deepEqual(value['Ch'], ['a', 'b']);
    });

    it('writes what Node writes for the same value, once its indentation is removed', async () => {
      const xml = await serializedByPowerShell(
        "[pscustomobject]@{ A = 1; S = \"a`r`n_x`t<&>\"; L = @(1, 'a', $null, 2.5, [long]4294967296); " +
          'D = [datetime]::new(2024,5,1,12,34,56,789,[DateTimeKind]::Utc); B = [byte[]](1,2,255); ' +
          'P = @([pscustomobject]@{ X = $true }, [pscustomobject]@{ X = $false }) }',
      );
      const node = serializeClixml({
        A: 1,
        S: 'a\r\n_x\t<&>',
        L: [1, 'a', null, 2.5, 4294967296],
        D: new Date('2024-05-01T12:34:56.789Z'),
        B: Buffer.from([1, 2, 255]),
        P: [{ X: true }, { X: false }],
      });
      assert.equal(xml.replace(/>\s+</g, '><').trim(), node);
    });

    it('reads every kind of DateTime as the same instant', async () => {
      const utc = await fromPowerShell('[datetime]::new(2024,5,1,12,34,56,789,[DateTimeKind]::Utc)');
      const local = await fromPowerShell('[datetime]::new(2024,5,1,12,34,56,789,[DateTimeKind]::Utc).ToLocalTime()');
      const unspecified = await fromPowerShell('[datetime]::new(2024,5,1,12,34,56,789,[DateTimeKind]::Unspecified)');
      assert.deepEqual(utc, new Date('2024-05-01T12:34:56.789Z'));
      assert.deepEqual(local, utc);
      // No zone: local time, in Node as in .NET (both processes share the machine's zone).
      assert.deepEqual(unspecified, new Date(2024, 4, 1, 12, 34, 56, 789));
    });

    it('reads strings with every awkward character PowerShell escapes', async () => {
      const codes = [0x41, 0x0d, 0x0a, 0x09, 0x00, 0x7f, 0x85, 0x5f, 0x78, 0xd83d, 0xde00, 0xd800, 0x3c, 0x26, 0x5d, 0x5d, 0x3e, 0x20, 0xe9];
      const value = await fromPowerShell(`-join [char[]](${codes.join(',')})`);
      assert.equal(value, String.fromCharCode(...codes));
    });

    it('reads hashtables (string and other keys), ordered dictionaries, stacks, queues and generic lists', async () => {
      assert.deepEqual(Object.entries((await fromPowerShell("@{ k = 1 }")) as object), [['k', 1]]);
      assert.deepEqual(Object.entries((await fromPowerShell("[ordered]@{ b = 1; a = 'x' }")) as object), [['b', 1], ['a', 'x']]);
      const numeric = await fromPowerShell("@{ 1 = 'a'; 2 = 'b' }");
      assert.ok(numeric instanceof Map);
      assert.deepEqual([...numeric].sort(), [[1, 'a'], [2, 'b']]);
      assert.deepEqual(await fromPowerShell('[System.Collections.Stack]::new(@(1,2))'), [2, 1]);
      assert.deepEqual(await fromPowerShell('[System.Collections.Queue]::new(@(1,2))'), [1, 2]);
      const list = await fromPowerShell("[System.Collections.Generic.List[string]]::new([string[]]@('a','b'))");
      assert.deepEqual(list, ['a', 'b']);
      assert.match(typeNamesOf(list)[0]!, /^System\.Collections\.Generic\.List`1\[\[System\.String/);
    });

    it('reads a .NET object with ToString and adapted properties', async () => {
      const value = (await fromPowerShell("[System.Text.StringBuilder]::new('abc')")) as Record<string, unknown>;
      assert.equal(value['Length'], 3);
      assert.deepEqual(typeNamesOf(value), ['System.Text.StringBuilder', 'System.Object']);
    });

    it('resolves Ref to one shared object and TNRef to shared type names', async () => {
      const xml = await serializedByPowerShell(
        '[pscustomobject]@{P=$o; Q=$o; R=@([pscustomobject]@{Y=2})}',
        '$o = [pscustomobject]@{X=1}; ',
      );
      assert.match(xml, /<Ref N="Q" RefId="1" \/>/);
      assert.match(xml, /<TNRef RefId="0" \/>/);
      const value = deserializeClixmlSingle(xml) as Record<string, unknown>;
      assert.equal(value['P'], value['Q']);
      assert.deepEqual(typeNamesOf((value['R'] as unknown[])[0]), ['System.Management.Automation.PSCustomObject', 'System.Object']);
    });

    it('cannot itself write U+FFFE or U+FFFF, which Node writes escaped and PowerShell reads', async () => {
      // PowerShell does not escape these two non-characters and its XmlWriter rejects them, so a request holding
      // one fails in the module before it reaches Node. The other direction works: see (a).
      await assert.rejects(serializedByPowerShell('[string][char]0xFFFE'), /0xFFFE, is an invalid character/);
    });

    it('refuses a PSCredential, whose password is an encrypted SecureString', async () => {
      const xml = await serializedByPowerShell("[pscredential]::new('user', [securestring]::new())");
      assert.match(xml, /<SS N="Password">/);
      assert.throws(() => deserializeClixml(xml), /SecureString/);
    });
  });

  describe('(c) Node -> PSSerializer -> Node', () => {
    async function viaPowerShell(value: unknown): Promise<unknown> {
      return deserializeClixmlSingle(await serializedByPowerShell(deserializedInPowerShell(value)));
    }

    it('returns every supported type unchanged', async () => {
      const when = new Date('2024-05-01T12:34:56.789Z');
      const value = {
        Int: -2147483648,
        Long: 2147483648,
        Safe: Number.MAX_SAFE_INTEGER,
        Double: 0.1 + 0.2,
        Tiny: 5e-324,
        Max: Number.MAX_VALUE,
        Specials: [NaN, Infinity, -Infinity],
        Int64Max: 2n ** 63n - 1n,
        Int64Min: -(2n ** 63n),
        Bool: false,
        Null: null,
        When: when,
        Earliest: new Date('0001-01-01T00:00:00Z'),
        Latest: new Date('9999-12-31T23:59:59.999Z'),
        Bytes: Buffer.from([0, 1, 254, 255]),
        NoBytes: Buffer.alloc(0),
        List: [1, 'a', [2, [3]], {}],
        Table: new Map<string, unknown>([['k', 1]]),
        Keys: new Map<unknown, unknown>([[1, 'one']]),
      };
      const back = (await viaPowerShell(value)) as Record<string, unknown>;
      assert.deepEqual({ ...back, List: undefined, Table: undefined, Keys: undefined }, {
        ...value,
        List: undefined,
        Table: undefined,
        Keys: undefined,
      });
      const list = back['List'] as unknown[];
      assert.deepEqual(list.slice(0, 3), [1, 'a', [2, [3]]]);
      assert.deepEqual(Object.keys(list[3] as object), []);
      assert.deepEqual(Object.entries(back['Table'] as object), [['k', 1]]);
      assert.deepEqual(back['Keys'], new Map([[1, 'one']]));
    });

    it('adds Deserialized. to type names on the way back, as PowerShell does', async () => {
      const back = await viaPowerShell(outputObject('PersistentChatMigration.Room', { Name: 'Lobby' }));
      assert.deepEqual(typeNamesOf(back), [
        'Deserialized.PersistentChatMigration.Room',
        'Deserialized.System.Management.Automation.PSCustomObject',
        'Deserialized.System.Object',
      ]);
    });

    it('returns 2,000 random strings of arbitrary UTF-16 code units (but U+FFFE/U+FFFF) exactly', async () => {
      let seed = 0x9e3779b9;
      const next = (): number => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) / 0x100000000;
      };
      const strings = Array.from({ length: 2000 }, () => {
        const units = Array.from({ length: Math.floor(next() * 20) }, () =>
          next() < 0.5 ? Math.floor(next() * 0xfffe) : [0, 9, 10, 13, 0x5f, 0x78, 0x58, 0xd800, 0xdc00, 0x85, 0x26, 0x3c][Math.floor(next() * 12)]!,
        );
        return String.fromCharCode(...units);
      });
      assert.deepEqual(await viaPowerShell(strings), strings);
    });
  });
});
