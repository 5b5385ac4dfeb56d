/**
 * Packages that amplify (issue 16): a little input that would cost a lot of work, memory or output. Each runs through
 * a real `pcm` process, measured by /usr/bin/time (peak RSS) and by the bytes it wrote to stdout, stderr, its log and
 * its report: refused (or imported) with peak RSS under 300 MB and under 1 MB of output, the target untouched.
 *   - 300 central-directory entries sharing one deflated blob (each within the ratio limit, 300 times the work);
 *   - a 50 MB attribute value, and a 50 MB room name, that errors and notices would quote;
 *   - CR/LF in a name, which must not start a console line of its own;
 *   - a manifest whose per-part record count does not match its part.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestDocument, messageRecord, partDocument, TICKS, zipOf, type Entry } from '../archive/support/package-builder.js';
import { CLI } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';
import { baseParts, pack, randomText, ROOM_B } from './support/corpus.js';
import { assertUntouched, makeTargets, type Targets } from './support/target.js';

const MB = 1024 * 1024;
const TIME = '/usr/bin/time';

interface MeasuredRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly peakRssBytes: number;
  /** stdout + stderr + log files + report files. */
  readonly outputBytes: number;
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/** Runs pcm under /usr/bin/time with its own log and report folders; `onStart` may signal it. */
function measured(args: readonly string[], onStart?: (pid: number) => void): Promise<MeasuredRun> {
  const logs = tempDir('pcm-amp-log-');
  const reports = tempDir('pcm-amp-report-');
  const all = [...args, '-Report', join(reports, 'report.html')];
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', 'PCM_PEAK_RSS_KB=%M', process.execPath, CLI, ...all], { env: { ...process.env, PCM_LOG_DIR: logs }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = 0;
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => (out += c.length));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('spawn', () => onStart?.(child.pid!));
    child.on('close', (status) => {
      const text = Buffer.concat(err).toString('utf8');
      const rss = /PCM_PEAK_RSS_KB=(\d+)/.exec(text);
      const stderr = text.replace(/(?:Command exited with non-zero status \d+\n)?PCM_PEAK_RSS_KB=\d+\n?$/, '');
      // time's own status line is not the child's output.
      const codeLine = /Command exited with non-zero status (\d+)/.exec(text);
      resolve({
        status: codeLine ? Number(codeLine[1]) : status,
        stderr,
        peakRssBytes: rss ? Number(rss[1]) * 1024 : NaN,
        outputBytes: out + Buffer.byteLength(stderr) + folderBytes(logs) + folderBytes(reports),
      });
    });
  });
}

function bounded(run: MeasuredRun): void {
  assert.ok(run.peakRssBytes < 300 * MB, `peak RSS ${Math.round(run.peakRssBytes / MB)} MB`);
  assert.ok(run.outputBytes < MB, `${run.outputBytes} bytes of output`);
}

/** Adds `copies` central-directory entries that point at the local header (and so the data) of `name`. */
function shareBlob(zip: Buffer, name: string, copies: readonly string[]): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const start = zip.readUInt32LE(eocd + 16);
  let offset = start;
  let record: Buffer | undefined;
  for (let i = 0; i < count; i++) {
    const length = 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    if (zip.toString('utf8', offset + 46, offset + 46 + zip.readUInt16LE(offset + 28)) === name) record = zip.subarray(offset, offset + length);
    offset += length;
  }
  if (!record) throw new Error(`shareBlob: no entry ${name}`);
  const clones = copies.map((copy) => {
    const clone = Buffer.from(record!);
    const bytes = Buffer.from(copy, 'utf8');
    if (bytes.length !== zip.readUInt16LE(record!.byteOffset - zip.byteOffset + 28)) throw new Error('shareBlob: names must have the same length');
    bytes.copy(clone, 46);
    return clone;
  });
  const end = Buffer.from(zip.subarray(eocd));
  const added = clones.reduce((sum, c) => sum + c.length, 0);
  end.writeUInt16LE(count + copies.length, 8);
  end.writeUInt16LE(count + copies.length, 10);
  end.writeUInt32LE(size + added, 12);
  return Buffer.concat([zip.subarray(0, start + size), ...clones, end]);
}

const stored = (parts: readonly Entry[], name: string): Entry[] => parts.map((p) => (p.name === name ? { ...p, compress: false } : p));

const partName = (n: number): string => `Messages-${String(n).padStart(6, '0')}.xml`;

describe('hostile packages that amplify: bounded memory and output, refused or imported', function () {
  this.timeout(300000);
  let targets: Targets;
  let folder: string;
  before(async function () {
    if (!statSync(TIME, { throwIfNoEntry: false })) this.skip();
    targets = await makeTargets('pcm-amp-');
    folder = tempDir('pcm-amp-packages-');
  });

  const importArgs = (target: string, zip: string): string[] => ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip];

  it('300 central-directory entries sharing one deflated blob: refused at opening', async function () {
    // 2 MB of messages (random text: no part is over the ratio limit by itself), listed 300 times.
    const records = Array.from({ length: 40 }, (_, i) => messageRecord({ roomId: '11', chatId: String(i + 1), date: String(BigInt(TICKS) + BigInt(i + 10) * 10_000_000n), userId: '6' }, randomText(50000)));
    const blob: Entry = { name: partName(1), data: partDocument(partName(1), records) };
    const structure = baseParts().filter((p) => !p.name.startsWith('Messages-'));
    const copies = Array.from({ length: 299 }, (_, i) => partName(i + 2));
    const listed = [...structure, blob, ...copies.map((name) => ({ ...blob, name }))];
    const manifest: Entry = { name: 'Manifest.xml', data: manifestDocument(listed, { counts: { principals: 3, affiliations: 1, categories: 1, rooms: 2, addins: 1, roles: 4, scopes: 1, messages: 300 * 40 } }) };
    const zip = join(folder, 'shared-blob.zip');
    writeFileSync(zip, shareBlob(await zipOf([...structure, blob, manifest]), partName(1), copies));
    const target = targets.copy('shared-blob');
    const run = await measured(importArgs(target, zip));
    assert.equal(run.status, 1, run.stderr.slice(0, 2000));
    assert.match(run.stderr, /the ZIP entry 'Messages-0000\d\d\.xml' overlaps the entry 'Messages-0000\d\d\.xml': its data would be read more than once/);
    bounded(run);
    assertUntouched(target, targets.hash);
  });

  it('a 50 MB attribute value is quoted as a short excerpt', async function () {
    const huge = 'x'.repeat(50 * MB);
    const parts = baseParts((r) => {
      r.messages2 = [messageRecord({ roomId: '11', chatId: huge, date: String(BigInt(TICKS) + 40_000_000n), userId: '6' }, 'big id')];
    });
    const zip = join(folder, 'huge-attribute.zip');
    // Stored: deflated, one letter repeated is a compression bomb, refused before it is read.
    writeFileSync(zip, await pack(stored(parts, partName(2)), { counts: { messages: 4 } }));
    const target = targets.copy('huge-attribute');
    const run = await measured(importArgs(target, zip));
    assert.equal(run.status, 1, run.stderr.slice(0, 2000));
    assert.match(run.stderr, /chatId="x{80}… \(52428800 characters\)" is not a valid chat id/);
    bounded(run);
    assertUntouched(target, targets.hash);
  });

  it('a 50 MB room name is refused by its length, without being quoted', async function () {
    const huge = 'R'.repeat(50 * MB);
    const parts = baseParts((r) => {
      r.rooms[1] = r.rooms[1]!.replace(`<Name>${ROOM_B}</Name>`, `<Name>${huge}</Name>`);
    });
    const zip = join(folder, 'huge-name.zip');
    writeFileSync(zip, await pack(stored(parts, 'ChatRooms.xml')));
    const target = targets.copy('huge-name');
    const run = await measured(importArgs(target, zip));
    assert.equal(run.status, 1, run.stderr.slice(0, 2000));
    // Refused by its length, without quoting it.
    assert.match(run.stderr, /ChatRooms\.xml: record 2 \(<ChatRoom id="11">\): <Name> is 52428800 characters long; the limit is 256/);
    bounded(run);
    assertUntouched(target, targets.hash);
  });

  it('CR/LF in a room name cannot forge a console line', async function () {
    const forged = 'WARNING: forged line';
    const name = `Twin&#13;&#10;${forged}&#13;&#10;pcm: forged too`;
    const parts = baseParts((r) => {
      // Both rooms get the same name: the name conflict is reported, quoting the name.
      r.rooms[0] = r.rooms[0]!.replace('<Name>Hostile Room A</Name>', `<Name>${name}</Name>`);
      r.rooms[1] = r.rooms[1]!.replace(`<Name>${ROOM_B}</Name>`, `<Name>${name}</Name>`);
    });
    const zip = join(folder, 'crlf-name.zip');
    writeFileSync(zip, await pack(parts));
    const target = targets.copy('crlf-name');
    const run = await measured(importArgs(target, zip));
    assert.equal(run.status, 1, run.stderr.slice(0, 2000));
    const lines = run.stderr.split('\n');
    assert.ok(!lines.some((l) => l.startsWith(forged) || l.startsWith('pcm: forged')), run.stderr.slice(0, 3000));
    assert.ok(run.stderr.includes(`\\r\\n${forged}`), `the CR/LF is not shown escaped:\n${run.stderr.slice(0, 3000)}`);
    bounded(run);
    assertUntouched(target, targets.hash);
  });

  it("a manifest whose record count for a part is not the part's: refused", async function () {
    const zip = join(folder, 'record-count.zip');
    writeFileSync(zip, await pack(baseParts(), { records: { [partName(1)]: 4 } }));
    const target = targets.copy('record-count');
    const run = await measured(importArgs(target, zip));
    assert.equal(run.status, 1, run.stderr.slice(0, 2000));
    assert.match(run.stderr, /Messages-000001\.xml: the part holds 3 records but the manifest says 4/);
    assert.match(run.stderr, /RecordCountMismatch/);
    assertUntouched(target, targets.hash);
  });
});
