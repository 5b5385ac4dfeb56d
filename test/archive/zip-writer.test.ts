/**
 * The ZIP writer under the package: what it writes must be read back byte for byte by yauzl (the package reader's
 * library) and accepted by Info-ZIP's `unzip -t`, with and without ZIP64 records; write() must resolve only once the
 * bytes are consumed (the export reuses its buffers on that promise); and a failing disk must surface as an error.
 */
import assert from 'node:assert/strict';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32, dosDateTime, ZipWriter } from '../../archive/zip-writer.js';
import { tempDir } from '../support/temp.js';
import { centralDirectory, readEntries } from './support/package-surgery.js';
import { assertUnzipAccepts } from '../support/unzip.js';

const mtime = new Date(2024, 4, 17, 13, 45, 30);

/** Every entry of a ZIP file, as yauzl reads it: name, content, and the central directory's CRC and ZIP64 field. */
async function readZip(path: string): Promise<{ name: string; content: Buffer; crc32: number; zip64: boolean }[]> {
  const bytes = readFileSync(path);
  const [entries, listed] = await Promise.all([readEntries(bytes), centralDirectory(bytes)]);
  return entries.map((e, i) => ({
    name: e.name,
    content: typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data,
    crc32: listed[i]!.crc32,
    zip64: listed[i]!.extraFields.some((f) => f.id === 0x0001),
  }));
}

/** Writes `entries` through one reused buffer of `chunk` bytes, overwritten as soon as each write() resolves. */
async function writeZip(path: string, entries: { name: string; content: Buffer }[], chunk: number, limits?: { max32?: number; max16?: number }): Promise<void> {
  const zip = new ZipWriter(openSync(path, 'w'), limits);
  const buffer = Buffer.alloc(chunk);
  for (const { name, content } of entries) {
    zip.beginEntry(name, mtime);
    for (let at = 0; at < content.length; at += chunk) {
      const n = content.copy(buffer, 0, at, at + chunk);
      await zip.write(buffer.subarray(0, n));
      buffer.fill(0x5a); // were the bytes still needed, this would corrupt the entry
    }
    await zip.endEntry();
  }
  await zip.finish();
}

const sample = (): { name: string; content: Buffer }[] => [
  { name: 'Messages-000001.xml', content: Buffer.from('<Pool>' + '<Message>é ✓ 😀 text</Message>'.repeat(40000) + '</Pool>', 'utf8') },
  { name: 'Empty.xml', content: Buffer.alloc(0) },
  { name: 'Random.bin', content: randomBytes(700 * 1024) },
  { name: 'Manifest.xml', content: Buffer.from('<Pool><Manifest/></Pool>') },
];

describe('ZipWriter', function () {
  it('writes entries yauzl reads back byte for byte, with their CRC-32, and unzip -t accepts', async function () {
    const path = join(tempDir(), 'plain.zip');
    const entries = sample();
    await writeZip(path, entries, 64 * 1024);
    const read = await readZip(path);
    assert.deepEqual(read.map((e) => e.name), entries.map((e) => e.name));
    for (const [i, entry] of read.entries()) {
      assert.ok(entry.content.equals(entries[i]!.content), entry.name);
      assert.equal(entry.crc32, crc32(entries[i]!.content), entry.name);
      assert.equal(entry.zip64, false);
    }
    assertUnzipAccepts(path);
  });

  it('writes ZIP64 records where sizes, offsets and the entry count exceed the limits (lowered here)', async function () {
    const path = join(tempDir(), 'zip64.zip');
    const entries = sample();
    await writeZip(path, entries, 100 * 1024, { max32: 1000, max16: 2 });
    const bytes = readFileSync(path);
    assert.notEqual(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])), -1, 'no ZIP64 end of central directory record');
    assert.notEqual(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07])), -1, 'no ZIP64 end of central directory locator');
    const read = await readZip(path);
    assert.deepEqual(read.map((e) => e.name), entries.map((e) => e.name));
    for (const [i, entry] of read.entries()) assert.ok(entry.content.equals(entries[i]!.content), entry.name);
    // Every entry is over the lowered size limit, so each carries the ZIP64 extra field.
    assert.deepEqual(read.map((e) => e.zip64), [true, true, true, true]);
    assertUnzipAccepts(path);
  });

  it('stores the modification time as MS-DOS local date and time, as ZIP tools read it', function () {
    const { date, time } = dosDateTime(mtime);
    assert.equal(date, (17 & 0x1f) | (5 << 5) | ((2024 - 1980) << 9));
    assert.equal(time, 15 | (45 << 5) | (13 << 11));
    assert.deepEqual(dosDateTime(new Date(1970, 0, 1)), dosDateTime(new Date(1980, 0, 1)));
  });

  it('fails when the disk is full, and says why', async function () {
    const zip = new ZipWriter(openSync('/dev/full', 'w'));
    zip.beginEntry('Big.bin', mtime);
    await assert.rejects(async () => {
      for (let i = 0; i < 64; i++) await zip.write(randomBytes(256 * 1024));
      await zip.endEntry();
      await zip.finish();
    }, /ENOSPC/);
    await zip.abort();
  });

  it('computes CRC-32 across chunks as the bit-by-bit definition does', function () {
    const data = randomBytes(100000);
    let crc = 0;
    for (let i = 0; i < data.length; i += 777) crc = crc32(data.subarray(i, i + 777), crc);
    let reference = 0xffffffff;
    for (const byte of data) {
      reference ^= byte;
      for (let k = 0; k < 8; k++) reference = reference & 1 ? (reference >>> 1) ^ 0xedb88320 : reference >>> 1;
    }
    assert.equal(crc, (reference ^ 0xffffffff) >>> 0);
  });
});
