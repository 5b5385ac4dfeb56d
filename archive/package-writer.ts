/**
 * Writes a package as a stream: each part is XML text pushed through SHA-256 and deflate (archive/zip-writer.ts) into
 * a file beside the destination, and only a finished, synced package is renamed into place, so an export killed at any
 * moment never leaves a file at -FileName that looks complete.
 */
import { createHash, type Hash } from 'node:crypto';
import { openSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { PcmError } from '../core/errors.js';
import { writeUtf8 } from './utf8-write.js';
import { faultPoint } from '../core/fault.js';
import { encodeManifest, type Manifest, type PartInfo } from './manifest.js';
import { PART, partEpilogue, partPrologue } from './package-format.js';
import { ZipWriter } from './zip-writer.js';

const FLUSH_AT = 256 * 1024;

export class PartWriter {
  readonly name: string;
  records = 0;
  bytes = 0;
  readonly #sink: (chunk: Uint8Array) => Promise<void>;
  readonly #hash: Hash = createHash('sha256');
  // Records are encoded straight into a buffer (no joined strings, no copies); a full buffer goes to the stream
  // as it is and a fresh one takes its place.
  #buffer = Buffer.allocUnsafe(FLUSH_AT);
  #used = 0;

  /** `sink` takes the part's bytes in order and resolves once it is done with them. */
  constructor(name: string, sink: (chunk: Uint8Array) => Promise<void>) {
    this.name = name;
    this.#sink = sink;
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

  /**
   * Adds records already encoded as UTF-8 elsewhere (the export's worker thread). When it resolves, the bytes have
   * been hashed and deflated: the buffer may be reused.
   */
  async chunk(bytes: Uint8Array, records: number): Promise<void> {
    await this.flush();
    this.records += records;
    await this.#send(bytes);
  }

  flush(): Promise<void> {
    if (this.#used === 0) return Promise.resolve();
    const full = this.#buffer.subarray(0, this.#used);
    this.#buffer = Buffer.allocUnsafe(FLUSH_AT);
    this.#used = 0;
    return this.#send(full);
  }

  #send(chunk: Uint8Array): Promise<void> {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    return this.#sink(chunk);
  }

  async end(): Promise<PartInfo> {
    await this.flush();
    return { name: this.name, sha256: this.#hash.digest('hex'), bytes: this.bytes, records: this.records };
  }
}

export class PackageWriter {
  readonly path: string;
  readonly #tempPath: string;
  readonly #zip: ZipWriter;
  readonly #mtime: Date;
  readonly #parts: PartInfo[] = [];
  #failure: Error | undefined;

  private constructor(path: string, mtime: Date) {
    this.path = path;
    this.#tempPath = `${path}.pcm-partial`;
    this.#mtime = mtime;
    let fd: number;
    try {
      fd = openSync(this.#tempPath, 'w');
    } catch (error) {
      this.#failure = error as Error;
      this.#check();
      throw error;
    }
    this.#zip = new ZipWriter(fd);
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

  /** Runs one step of the ZIP writer; its failure becomes the package's (and every later step fails the same way). */
  async #guard<T>(step: () => Promise<T>): Promise<T> {
    this.#check();
    try {
      return await step();
    } catch (error) {
      this.#failure ??= error as Error;
      this.#check();
      throw error;
    }
  }

  beginPart(name: string): PartWriter {
    this.#check();
    this.#zip.beginEntry(name, this.#mtime);
    const writer = new PartWriter(name, (chunk) => this.#guard(() => this.#zip.write(chunk)));
    writer.raw(partPrologue(name));
    return writer;
  }

  async endPart(writer: PartWriter): Promise<PartInfo> {
    writer.raw(partEpilogue(writer.name));
    const info = await writer.end();
    await this.#guard(() => this.#zip.endEntry());
    this.#parts.push(info);
    faultPoint('export:part-end');
    return info;
  }

  /** Adds the manifest (listing every part written), closes the ZIP, syncs it to disk and renames it into place. */
  async finish(manifest: Omit<Manifest, 'parts'>): Promise<Manifest> {
    const complete: Manifest = { ...manifest, parts: [...this.#parts] };
    try {
      await this.#guard(async () => {
        await this.#zip.add(PART.manifest, Buffer.from(encodeManifest(complete), 'utf8'), this.#mtime);
        await this.#zip.finish();
      });
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
    await this.#zip.abort();
    await rm(this.#tempPath, { force: true });
  }
}
