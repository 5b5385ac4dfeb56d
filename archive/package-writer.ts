/**
 * Writes a package as a stream: each part is XML text pushed through SHA-256 and yazl's deflate into a file beside
 * the destination, and only a finished, flushed package is renamed into place, so an export killed at any moment
 * never leaves a file at -FileName that looks complete.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import yazl from 'yazl';
import { PcmError } from '../core/errors.js';
import { writeUtf8 } from './utf8-write.js';
import { faultPoint } from '../core/fault.js';
import { encodeManifest, type Manifest, type PartInfo } from './manifest.js';
import { PART, partEpilogue, partPrologue } from './package-format.js';

const FLUSH_AT = 256 * 1024;

// yazl computes each entry's CRC-32 with buffer-crc32, in JavaScript: 4-5% of an export's time. Node's zlib.crc32
// gives the same value natively (the test of the package writer checks the CRCs), so yazl's copy of the module
// is pointed at it.
const yazlCrc = createRequire(createRequire(import.meta.url).resolve('yazl'))('buffer-crc32') as { unsigned: (data: Buffer, previous?: number) => number };
if (typeof zlib.crc32 === 'function') yazlCrc.unsigned = (data, previous) => zlib.crc32(data, previous ?? 0);

export class PartWriter {
  readonly name: string;
  records = 0;
  bytes = 0;
  readonly #stream: PassThrough;
  readonly #hash: Hash = createHash('sha256');
  // Records are encoded straight into a buffer (no joined strings, no copies); a full buffer goes to the stream
  // as it is and a fresh one takes its place.
  #buffer = Buffer.allocUnsafe(FLUSH_AT);
  #used = 0;

  constructor(name: string, stream: PassThrough) {
    this.name = name;
    this.#stream = stream;
  }

  /** Queues one record's XML; resolves at once unless the buffer must be flushed into a busy stream. */
  record(xml: string): Promise<void> | undefined {
    this.records++;
    return this.raw(xml);
  }

  raw(xml: string): Promise<void> | undefined {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    if (xml.length * 3 > this.#buffer.length - this.#used) {
      if (xml.length * 3 > FLUSH_AT) return this.#writeLarge(xml);
      const flushed = this.flush();
      this.#used += writeUtf8(this.#buffer, xml, this.#used);
      return flushed;
    }
    this.#used += writeUtf8(this.#buffer, xml, this.#used);
    return undefined;
  }

  async #writeLarge(xml: string): Promise<void> {
    await this.flush();
    await this.#send(Buffer.from(xml, 'utf8'));
  }

  /** Adds records already encoded as UTF-8 elsewhere (the export's worker thread). */
  async chunk(bytes: Uint8Array, records: number): Promise<void> {
    await this.flush();
    this.records += records;
    await this.#send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  flush(): Promise<void> {
    if (this.#used === 0) return Promise.resolve();
    const full = this.#buffer.subarray(0, this.#used);
    this.#buffer = Buffer.allocUnsafe(FLUSH_AT);
    this.#used = 0;
    return this.#send(full);
  }

  async #send(chunk: Buffer): Promise<void> {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  async end(): Promise<PartInfo> {
    await this.flush();
    this.#stream.end();
    return { name: this.name, sha256: this.#hash.digest('hex'), bytes: this.bytes, records: this.records };
  }
}

export class PackageWriter {
  readonly path: string;
  readonly #tempPath: string;
  readonly #zip = new yazl.ZipFile();
  readonly #mtime: Date;
  readonly #done: Promise<void>;
  readonly #parts: PartInfo[] = [];
  readonly #out: Writable;
  #failure: Error | undefined;

  private constructor(path: string, mtime: Date) {
    this.path = path;
    this.#tempPath = `${path}.pcm-partial`;
    this.#mtime = mtime;
    const out = createWriteStream(this.#tempPath);
    this.#out = out;
    this.#zip.outputStream.pipe(out);
    this.#done = new Promise((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
      this.#zip.outputStream.on('error', reject);
    });
    this.#done.catch((error: Error) => {
      this.#failure = error;
    });
  }

  /** Starts a package that will appear at `path` when finish() succeeds. */
  static create(path: string, createdOn: Date): PackageWriter {
    return new PackageWriter(path, createdOn);
  }

  get parts(): readonly PartInfo[] {
    return this.#parts;
  }

  #check(): void {
    if (this.#failure) {
      throw new PcmError(`Cannot write the package '${this.path}': ${this.#failure.message}`, {
        errorId: 'PackageWriteFailed',
        category: 'WriteError',
        target: this.path,
        cause: this.#failure,
      });
    }
  }

  beginPart(name: string): PartWriter {
    this.#check();
    const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
    this.#zip.addReadStream(stream, name, { compressionLevel: 1, mtime: this.#mtime });
    const writer = new PartWriter(name, stream);
    writer.raw(partPrologue(name));
    return writer;
  }

  async endPart(writer: PartWriter): Promise<PartInfo> {
    writer.raw(partEpilogue(writer.name));
    const info = await writer.end();
    this.#check();
    this.#parts.push(info);
    faultPoint('export:part-end');
    return info;
  }

  /** Adds the manifest (listing every part written), closes the ZIP, flushes it to disk and renames it into place. */
  async finish(manifest: Omit<Manifest, 'parts'>): Promise<Manifest> {
    const complete: Manifest = { ...manifest, parts: [...this.#parts] };
    this.#zip.addBuffer(Buffer.from(encodeManifest(complete), 'utf8'), PART.manifest, { compressionLevel: 1, mtime: this.#mtime });
    this.#zip.end();
    try {
      await this.#done;
      const handle = await open(this.#tempPath, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      faultPoint('export:before-rename');
      await rename(this.#tempPath, this.path);
    } catch (error) {
      await this.abort();
      this.#failure ??= error as Error;
      this.#check();
    }
    return complete;
  }

  /** Gives up: the partial file is removed and nothing appears at the destination. */
  async abort(): Promise<void> {
    const output = this.#zip.outputStream as Readable;
    output.unpipe();
    output.destroy();
    if (!this.#out.destroyed) {
      const closed = once(this.#out, 'close').catch(() => undefined);
      this.#out.destroy();
      await closed;
    }
    await rm(this.#tempPath, { force: true });
  }
}
