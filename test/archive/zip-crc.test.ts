/**
 * The package writer computes CRC-32 itself (archive/zip-writer.ts); every entry's stored CRC must be the CRC of its
 * content, or other ZIP readers (Expand-Archive, unzip) would refuse the package. Checked with yauzl's view of the
 * central directory and an independent CRC of each inflated entry.
 */
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageWriter } from '../../archive/package-writer.js';
import { tempDir } from '../support/temp.js';
import { centralDirectory } from './support/package-surgery.js';

/** CRC-32 (IEEE) computed bit by bit: slow, obviously right. */
function referenceCrc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('package ZIP entries carry correct CRC-32 values', function () {
  it('for several parts, one written in many chunks', async function () {
    const path = join(tempDir(), 'crc.zip');
    const writer = PackageWriter.create(path, new Date(Date.UTC(2020, 0, 1)));
    const users = writer.beginPart('AdUsers.xml');
    for (let i = 0; i < 20000; i++) await users.record(`<User principalId="${i}">é ${i} ✓</User>`);
    await writer.endPart(users);
    await writer.endPart(writer.beginPart('AdGroups.xml'));
    await writer.finish({
      formatVersion: 1, producer: 'test', producerVersion: '0', sourceSchema: 'PersistentChat2013', source: 'x', level: 'All', scope: [], startDate: null,
      createdOn: 1n, counts: { principals: 0, affiliations: 0, categories: 0, rooms: 0, addins: 0, roles: 0, scopes: 0, messages: 0 },
    });
    const bytes = readFileSync(path);
    const entries = await centralDirectory(bytes);
    assert.deepEqual(entries.map((e) => e.fileName), ['AdUsers.xml', 'AdGroups.xml', 'Manifest.xml']);
    for (const entry of entries) {
      // Local header (30 bytes + name + extra), then the deflated data.
      const nameLength = bytes.readUInt16LE(entry.relativeOffsetOfLocalHeader + 26);
      const extraLength = bytes.readUInt16LE(entry.relativeOffsetOfLocalHeader + 28);
      const start = entry.relativeOffsetOfLocalHeader + 30 + nameLength + extraLength;
      const content = inflateRawSync(bytes.subarray(start, start + entry.compressedSize));
      assert.equal(content.length, entry.uncompressedSize);
      assert.equal(entry.crc32, referenceCrc32(content), entry.fileName);
    }
  });
});
