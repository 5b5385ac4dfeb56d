import assert from 'node:assert/strict';
import { outputObject, type OutputItem, type OutputObject } from '../../cmdlets/framework/cmdlet.js';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { UsageError } from '../../core/errors.js';
import { deserializeClixml } from '../../bridge/clixml.js';
import { formatCell, formatJsonLine, formatObjects, OutputWriter, writesBytes, type OutputTarget } from '../../bridge/cli-output.js';
import type { OutputFormat } from '../../bridge/cli-args.js';

const HOSTILE = 'red\u001b[31m\r\nnext\u0007\u202Eevil\u0000';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

class Capture implements OutputTarget {
  readonly chunks: (string | Buffer)[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns: number | undefined = undefined,
  ) {}
  write(chunk: string | Buffer): void {
    this.chunks.push(chunk);
  }
  get text(): string {
    return this.chunks.map(String).join('');
  }
}

async function writeAll(format: OutputFormat, explicit: boolean, target: Capture, items: OutputItem[]): Promise<void> {
  const writer = new OutputWriter(format, explicit, target, 'Test-Cmdlet');
  for (const item of items) await writer.write(item);
  await writer.end();
}

const room = (name: string, members: number): OutputObject => outputObject('PersistentChatMigration.Room', { Name: name, Members: members, Disabled: false });

describe('cli-output: Table, List, Json and Clixml', () => {
  it('prints a table like Format-Table: headers, dashes, numbers aligned right', () => {
    const text = formatObjects([room('Engineering', 7), room('Sales', 12)], 80);
    assert.equal(text, ['Name        Members Disabled', '----        ------- --------', 'Engineering       7 False', 'Sales            12 False', ''].join('\n'));
  });

  it('falls back to a list like Format-List for more than five properties', () => {
    const wide = outputObject('T', { A: 1, Bb: 'two', C: 3, D: 4, E: 5, F: null });
    assert.equal(formatObjects([wide, wide], 200), ['A  : 1', 'Bb : two', 'C  : 3', 'D  : 4', 'E  : 5', 'F  :', '', 'A  : 1', 'Bb : two', 'C  : 3', 'D  : 4', 'E  : 5', 'F  :', ''].join('\n'));
  });

  it('fits the table to the width, cutting long values, and turns to a list when columns cannot fit', () => {
    const long = outputObject('T', { Name: 'x'.repeat(100), Path: 'y'.repeat(100) });
    const table = formatObjects([long], 60);
    for (const line of table.trimEnd().split('\n')) assert.ok(line.length <= 59, line);
    assert.ok(table.includes('…'));
    const crowded = outputObject('T', { Alpha: 'a'.repeat(30), Bravo: 'b'.repeat(30), Charlie: 'c'.repeat(30), Delta: 'd'.repeat(30), Echo: 'e'.repeat(30) });
    assert.ok(formatObjects([crowded], 40).startsWith('Alpha   : aaaa'));
  });

  it('starts a new table where the properties change', () => {
    const text = formatObjects([room('A', 1), outputObject('Other', { Id: 5 })], 80);
    assert.match(text, /^Name +Members Disabled\n[\s\S]*\n\nId\n--\n 5\n$/);
  });

  it('shows values as PowerShell does, and never writes control or reordering characters raw', () => {
    assert.equal(formatCell(true), 'True');
    assert.equal(formatCell(12345678901234567890n), '12345678901234567890');
    assert.equal(formatCell(new Date(Date.UTC(2010, 0, 2, 3, 4, 5))), '2010-01-02T03:04:05.000Z');
    assert.equal(formatCell(Buffer.from('abc')), '{3 bytes}');
    assert.equal(formatCell(['a', 1]), '{a, 1}');
    assert.equal(formatCell(outputObject('N', { K: 'v', L: 2 })), '@{K=v; L=2}');
    const text = formatObjects([outputObject('T', { [`Key${HOSTILE}`]: HOSTILE })], 200);
    assert.doesNotMatch(text.replace(/\n/g, ''), RAW_CONTROL);
    assert.ok(text.includes('red\\e[31m\\r\\nnext\\x07\\u202Eevil\\x00'), text);
  });

  it('writes one JSON object per line with $type; bigint as text, Date as ISO, bytes as base64', () => {
    const object = outputObject('PersistentChatMigration.ExportResult', {
      Name: HOSTILE,
      Big: 9007199254740993n,
      When: new Date(Date.UTC(2020, 1, 29)),
      Bytes: Buffer.from([0, 1, 254, 255]),
      List: ['a', 2n],
      Nested: outputObject('Inner', { Ok: true }),
      Nothing: null,
    });
    const line = formatJsonLine(object);
    assert.doesNotMatch(line, /[\n\r]/);
    assert.deepEqual(JSON.parse(line), {
      $type: 'PersistentChatMigration.ExportResult',
      Name: HOSTILE,
      Big: '9007199254740993',
      When: '2020-02-29T00:00:00.000Z',
      Bytes: 'AAH+/w==',
      List: ['a', '2'],
      Nested: { $type: 'Inner', Ok: true },
      Nothing: null,
    });
  });

  it('writes one single-line CLIXML document per object that reads back with its type name', async () => {
    const target = new Capture(false);
    await writeAll('Clixml', true, target, [room('Line1\nLine2 <&>', 3), room('B', 4)]);
    const lines = target.text.split('\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[2], '');
    for (const line of lines.slice(0, 2)) assert.match(line, /^<Objs [^\n]*<\/Objs>$/);
    const [first] = deserializeClixml(lines[0]!) as Record<string, unknown>[];
    assert.equal(first!.Name, 'Line1\nLine2 <&>');
    assert.ok(lines[0]!.includes('PersistentChatMigration.Room'));
  });

  it('streams a long table: the first rows fix the columns, later rows follow without a new header', async () => {
    const target = new Capture(true, 80);
    const rooms = Array.from({ length: 120 }, (_, i) => room(`Room ${i}`, i));
    await writeAll('Table', false, target, rooms);
    const lines = target.text.trimEnd().split('\n');
    assert.equal(lines.filter((line) => line.startsWith('Name ')).length, 1);
    assert.equal(lines.length, 2 + 120);
    assert.ok(target.chunks.length > 2, 'rows after the sample are written as they come');
  });

  it('writes a byte array raw when stdout is not a terminal, whatever the default format', async () => {
    const bytes = Buffer.from('PK\u0003\u0004binary\u0000data');
    for (const format of ['Json', 'Table'] as const) {
      const target = new Capture(false);
      await writeAll(format, false, target, [bytes]);
      assert.equal(target.chunks.length, 1);
      assert.ok(Buffer.isBuffer(target.chunks[0]) && target.chunks[0].equals(bytes));
    }
  });

  it('encodes a byte array when Json or Clixml was asked for explicitly', async () => {
    const json = new Capture(false);
    await writeAll('Json', true, json, [Buffer.from([1, 2, 3])]);
    assert.deepEqual(JSON.parse(json.text), { $type: 'System.Byte[]', Base64: 'AQID' });
    const clixml = new Capture(true);
    await writeAll('Clixml', true, clixml, [Buffer.from([1, 2, 3])]);
    assert.match(clixml.text, /^<Objs [^\n]*<BA[^>]*>AQID<\/BA><\/Objs>\n$/);
  });

  it('refuses a byte array on a terminal with a usage error that says what to do', async () => {
    const target = new Capture(true, 80);
    const writer = new OutputWriter('Table', false, target, 'Export-CsPersistentChatData');
    assert.equal(writer.refusesBytes, true);
    await assert.rejects(writer.write(Buffer.from('PK')), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.errorId, 'BytesOnTerminal');
      assert.match(error.message, /> package\.zip/);
      assert.match(error.message, /-ByteInput -/);
      return true;
    });
    assert.deepEqual(target.chunks, []);
    assert.equal(new OutputWriter('Json', true, target, 'X').refusesBytes, false);
  });

  it('knows from the declaration which parameter sets write bytes', () => {
    const declaration = findCmdlet('Export-CsPersistentChatData')!.declaration;
    assert.equal(writesBytes(declaration, 'AsBytes'), true);
    assert.equal(writesBytes(declaration, 'FileName'), false);
  });
});
