/**
 * Opens a package defensively, before anything is written: every entry name, size, ratio and the manifest's list
 * of parts are checked up front, and each part is then streamed (never loaded) with its byte cap enforced and its
 * SHA-256 compared with the manifest at the end.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { PackageError } from '../core/errors.js';
import { decodeManifest, type Manifest, type PartInfo } from './manifest.js';
import { excerpt } from '../core/excerpt.js';
import { MESSAGE_PART, PART, PARTIAL_SUFFIX, recordPathOf } from './package-format.js';
import { ticksFromDate } from '../core/ticks.js';
import { DEFAULT_LIMITS, MAX_MANIFEST_BYTES, type PackageLimits } from './limits.js';
import { readRecords, type XmlElement } from './xml-reader.js';
import { foreignCategories, foreignManifest, isForeignPackage, lenientRecord, noManifestError, rootIsOurs } from './foreign-package.js';

export type PackageSource = { readonly path: string } | { readonly bytes: Buffer; readonly label: string };

const KNOWN = new Set<string>(Object.values(PART));
/** Parts up to this size are not held to the compression ratio on their own (small XML compresses very well). */
const MIN_RATIO_CHECKED = 1024 * 1024;

/** Where the central directory starts, as yauzl read it from the end record: its cursor before the first entry is read. */
function centralDirectoryOffsetOf(zip: yauzl.ZipFile): number {
  return Number((zip as unknown as { readEntryCursor: number }).readEntryCursor);
}
const isKnownPart = (name: string): boolean => KNOWN.has(name) || MESSAGE_PART.test(name);

function openZip(source: PackageSource): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile): void => (error ? reject(error) : resolve(zip!));
    if ('path' in source) yauzl.open(source.path, options, done);
    else yauzl.fromBuffer(source.bytes, options, done);
  });
}

function listEntries(zip: yauzl.ZipFile, limits: PackageLimits, signal?: AbortSignal): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > limits.maxEntries) {
        reject(new PackageError(`the package has more than ${limits.maxEntries} entries`, { category: 'LimitsExceeded' }));
        return;
      }
      // Ctrl+C or SIGTERM while a large central directory is read: stop here, not after the last entry.
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('The operation was stopped.'));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(error));
    zip.readEntry();
  });
}

/** The smallest a local file header can be: 30 fixed bytes and the file name (its extra field may add more). */
const LOCAL_HEADER_BYTES = 30;

/**
 * Entries must occupy separate byte ranges of the file, as every ZIP writer lays them out. Central-directory entries
 * that share (overlap) one deflated blob would make the caps on compressed size and ratio count those bytes once
 * while they are inflated once per entry: 300 entries over one 3 MB blob are 300 bombs. Sorted by offset, each entry's
 * header and compressed data must end before the next entry begins, and the last before the central directory.
 */
function checkLayout(entries: readonly yauzl.Entry[], centralDirectoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i]!;
    const end = entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + entry.fileNameLength + entry.compressedSize;
    const next = i + 1 < sorted.length ? sorted[i + 1]!.relativeOffsetOfLocalHeader : centralDirectoryOffset;
    if (end > next) {
      throw new PackageError(
        `the ZIP entry '${excerpt(entry.fileName)}' overlaps ${i + 1 < sorted.length ? `the entry '${excerpt(sorted[i + 1]!.fileName)}'` : 'the central directory'}: ` +
          'its data would be read more than once (a crafted package, not one Export-CsPersistentChatData wrote)',
        { category: 'LimitsExceeded' },
      );
    }
  }
}

export class PackageReader {
  readonly label: string;
  readonly manifest: Manifest;
  /**
   * True for a package without a manifest that holds exactly the parts of Microsoft's own export (foreign-package.ts):
   * its manifest is a stand-in, its checksums and record counts cannot be checked, its records are read leniently.
   */
  readonly foreign: boolean;
  readonly #now = String(ticksFromDate(new Date()));
  readonly #zip: yauzl.ZipFile;
  readonly #entries: Map<string, yauzl.Entry>;
  readonly #parts: Map<string, PartInfo>;
  readonly #limits: PackageLimits;

  private constructor(label: string, zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, manifest: Manifest, parts: Map<string, PartInfo>, limits: PackageLimits, foreign = false) {
    this.label = label;
    this.foreign = foreign;
    this.#zip = zip;
    this.#entries = entries;
    this.manifest = manifest;
    this.#parts = parts;
    this.#limits = limits;
  }

  static async open(source: PackageSource, limits: PackageLimits = DEFAULT_LIMITS, signal?: AbortSignal): Promise<PackageReader> {
    const label = 'path' in source ? source.path : source.label;
    if ('path' in source) {
      const info = await stat(source.path).catch(() => undefined);
      if (!info) throw new PackageError(`Cannot find the package file '${source.path}'. Check the path given to -FileName.`, { errorId: 'PackageNotFound', category: 'ObjectNotFound' });
      if (!info.isFile()) throw new PackageError(`'${source.path}' is not a file. -FileName must name the .zip that Export-CsPersistentChatData wrote.`, { errorId: 'PackageNotFound', category: 'InvalidArgument' });
      if (source.path.endsWith(PARTIAL_SUFFIX)) {
        // Even when whole (an export stopped just before its rename), it was never reported complete: never trust it.
        throw new PackageError(
          `'${source.path}' is the unfinished output of an export that did not complete: Export-CsPersistentChatData writes the package beside -FileName and renames it into place only when it is whole. Run the export again and import the file it writes.`,
          { errorId: 'PackageIncomplete' },
        );
      }
      if (info.size === 0) throw new PackageError(`'${source.path}' is empty; it is not an export package.`);
    } else if (source.bytes.length === 0) {
      throw new PackageError('the byte input is empty; it is not an export package.');
    }
    let zip: yauzl.ZipFile;
    try {
      zip = await openZip(source);
    } catch (error) {
      throw new PackageError(`'${label}' is not a valid ZIP package (${(error as Error).message}). Give the .zip that Export-CsPersistentChatData wrote.`, { cause: error });
    }
    try {
      // The count the end of the central directory declares is the count yauzl will read: refuse a flood of entries
      // before listing any of them (listing 200,000 takes many seconds).
      if (zip.entryCount > limits.maxEntries) {
        throw new PackageError(`'${label}' has more than ${limits.maxEntries} entries (${zip.entryCount}); a package holds a few parts and one more per 100,000 messages`, { category: 'LimitsExceeded' });
      }
      const centralDirectory = centralDirectoryOffsetOf(zip);
      const entries = new Map<string, yauzl.Entry>();
      let total = 0;
      let listed: yauzl.Entry[];
      try {
        listed = await listEntries(zip, limits, signal);
      } catch (error) {
        if (error instanceof PackageError || signal?.aborted) throw error;
        throw new PackageError(`'${label}' is a damaged or unsafe ZIP: ${(error as Error).message}`, { cause: error });
      }
      checkLayout(listed, centralDirectory);
      let compressed = 0;
      for (const entry of listed) {
        const name = entry.fileName;
        if (!isKnownPart(name)) {
          throw new PackageError(`the package contains an unexpected entry '${excerpt(name)}'; a package holds only the XML parts listed in docs/package-format.md at its root`);
        }
        if (entries.has(name)) throw new PackageError(`the package contains the entry '${excerpt(name)}' twice`);
        // Export writes every part deflated (or stored), never encrypted: anything else is not ours to open.
        if (entry.isEncrypted()) throw new PackageError('the part is encrypted; a package never is', { part: name });
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          throw new PackageError(`the part uses ZIP compression method ${entry.compressionMethod}; a package uses only deflate (8) or none (0)`, { part: name });
        }
        if (entry.uncompressedSize > limits.maxPartBytes) {
          throw new PackageError(`the part declares ${entry.uncompressedSize} bytes, over the limit of ${limits.maxPartBytes} (raise it with -MaxPartSizeMB if the data is genuine)`, { part: name, category: 'LimitsExceeded' });
        }
        if (entry.uncompressedSize > MIN_RATIO_CHECKED && entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio) {
          throw new PackageError(`the part expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times, over the limit of ${limits.maxCompressionRatio} (a compression bomb, or raise -MaxCompressionRatio)`, { part: name, category: 'LimitsExceeded' });
        }
        total += entry.uncompressedSize;
        compressed += entry.compressedSize;
        entries.set(name, entry);
      }
      // The ratio over the whole package too: many parts each under 1 MiB (where a single part's ratio is not checked)
      // add up. The entries do not overlap (checkLayout), so `compressed` counts bytes that are really in the file.
      if (total > MIN_RATIO_CHECKED && total > Math.max(compressed, 1) * limits.maxCompressionRatio) {
        throw new PackageError(
          `the package expands ${Math.round(total / Math.max(1, compressed))} times (${total} bytes from ${compressed}), over the limit of ${limits.maxCompressionRatio} (a compression bomb, or raise -MaxCompressionRatio)`,
          { category: 'LimitsExceeded' },
        );
      }
      if (total > limits.maxPackageBytes) {
        throw new PackageError(`the package expands to ${total} bytes, over the limit of ${limits.maxPackageBytes} (raise it with -MaxPackageSizeGB if the data is genuine)`, { category: 'LimitsExceeded' });
      }
      const manifestEntry = entries.get(PART.manifest);
      if (!manifestEntry) {
        // Every check above (names, layout, sizes, ratios) applied; only the manifest's own checks are unavailable.
        if (isForeignPackage(entries.keys())) return new PackageReader(label, zip, entries, foreignManifest((part) => entries.get(part)!.uncompressedSize), new Map(), limits, true);
        throw noManifestError();
      }
      if (manifestEntry.uncompressedSize > MAX_MANIFEST_BYTES) throw new PackageError('the manifest is too large', { part: PART.manifest, category: 'LimitsExceeded' });
      signal?.throwIfAborted();
      const manifest = await readManifest(zip, manifestEntry, limits);
      signal?.throwIfAborted();
      for (const part of manifest.parts) {
        const entry = entries.get(part.name);
        if (!entry) throw new PackageError(`the manifest lists the part '${excerpt(part.name)}', but the package does not contain it`);
        if (entry.uncompressedSize !== part.bytes) {
          throw new PackageError(`the manifest says the part has ${part.bytes} bytes but the ZIP entry has ${entry.uncompressedSize}`, { part: part.name });
        }
      }
      // Indexed once: with a search per entry, opening 40,000 parts took 31 s (issue 16).
      const listedParts = new Map(manifest.parts.map((p) => [p.name, p]));
      for (const name of entries.keys()) {
        if (name !== PART.manifest && !listedParts.has(name)) {
          throw new PackageError(`the package contains the part '${excerpt(name)}', which its manifest does not list`);
        }
      }
      return new PackageReader(label, zip, entries, manifest, listedParts, limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(part: string): boolean {
    return this.#entries.has(part);
  }

  /** The message parts, in order. */
  messageParts(): string[] {
    return this.manifest.parts.map((p) => p.name).filter((n) => MESSAGE_PART.test(n)).sort();
  }

  /** Streams a part's records in batches; with `verify`, checks the part's SHA-256 against the manifest at its end. */
  async *records(part: string, verify = true): AsyncGenerator<XmlElement[]> {
    if (this.foreign && part === PART.categories) {
      yield foreignCategories(this.#now);
      return;
    }
    const entry = this.#entries.get(part);
    if (!entry) return;
    const expected = this.#parts.get(part);
    const stream = await openEntry(this.#zip, entry, part);
    const hash = createHash('sha256');
    const limit = this.#limits.maxPartBytes;
    async function* bytes(): AsyncGenerator<Buffer> {
      let count = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          count += chunk.length;
          if (count > limit) throw new PackageError(`the part is larger than the limit of ${limit} bytes (raise it with -MaxPartSizeMB)`, { part, category: 'LimitsExceeded' });
          hash.update(chunk);
          yield chunk;
        }
      } catch (error) {
        if (error instanceof PackageError) throw error;
        throw new PackageError(`the part cannot be read: ${(error as Error).message}`, { part, cause: error });
      } finally {
        stream.destroy();
      }
    }
    const path = recordPathOf(part)!;
    let rootVersion: string | undefined;
    let records = 0;
    const foreign = this.foreign;
    for await (const batch of readRecords(bytes(), {
      part,
      path,
      maxRecordChars: this.#limits.maxRecordChars,
      onRoot: (attributes) => {
        rootVersion = attributes.formatVersion;
        // A part of ours (its <Pool> has formatVersion) in a package without a manifest: ours, and incomplete.
        if (foreign && rootIsOurs(attributes)) throw noManifestError();
      },
    })) {
      if (foreign) {
        yield batch.map((e) => lenientRecord(part, e, ++records, this.#now));
        continue;
      }
      records += batch.length;
      yield batch;
    }
    if (foreign) return;
    if (rootVersion !== String(this.manifest.formatVersion)) {
      throw new PackageError(`the part has format version "${excerpt(rootVersion ?? '')}" but the manifest says ${this.manifest.formatVersion}`, { part });
    }
    if (verify && expected && hash.digest('hex') !== expected.sha256) {
      throw new PackageError('the SHA-256 checksum does not match the manifest: the part is damaged or was altered', { part, errorId: 'ChecksumMismatch' });
    }
    if (expected && records !== expected.records) {
      throw new PackageError(`the part holds ${records} records but the manifest says ${expected.records}: the part or the manifest was altered`, { part, errorId: 'RecordCountMismatch' });
    }
  }

  /** Reads a part's bytes through SHA-256 without parsing them, and compares the checksum with the manifest. */
  async verifyChecksum(part: string): Promise<void> {
    const entry = this.#entries.get(part);
    const expected = this.#parts.get(part);
    if (!entry || !expected) return;
    const stream = await openEntry(this.#zip, entry, part);
    const hash = createHash('sha256');
    let count = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        count += chunk.length;
        if (count > this.#limits.maxPartBytes) throw new PackageError(`the part is larger than the limit of ${this.#limits.maxPartBytes} bytes`, { part, category: 'LimitsExceeded' });
        hash.update(chunk);
      }
    } catch (error) {
      if (error instanceof PackageError) throw error;
      throw new PackageError(`the part cannot be read: ${(error as Error).message}`, { part, cause: error });
    } finally {
      stream.destroy();
    }
    if (hash.digest('hex') !== expected.sha256) {
      throw new PackageError('the SHA-256 checksum does not match the manifest: the part is damaged or was altered', { part, errorId: 'ChecksumMismatch' });
    }
  }

  close(): void {
    this.#zip.close();
  }
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, part: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(new PackageError(`the part cannot be opened: ${error.message}`, { part, cause: error }));
      else resolve(stream);
    });
  });
}

async function readManifest(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: PackageLimits): Promise<Manifest> {
  const stream = await openEntry(zip, entry, PART.manifest);
  let version: string | undefined;
  let manifest: XmlElement | undefined;
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      throw new PackageError(`the manifest cannot be read: ${(error as Error).message}`, { part: PART.manifest, cause: error });
    }
  }
  for await (const batch of readRecords(bytes(), {
    part: PART.manifest,
    path: recordPathOf(PART.manifest)!,
    maxRecordChars: Math.min(limits.maxRecordChars, MAX_MANIFEST_BYTES),
    onRoot: (attributes) => {
      version = attributes.formatVersion;
    },
  })) {
    for (const record of batch) {
      if (manifest) throw new PackageError('the manifest holds more than one <Manifest>', { part: PART.manifest });
      manifest = record;
    }
  }
  if (!manifest) throw new PackageError('the manifest holds no <Manifest> element', { part: PART.manifest });
  return decodeManifest(manifest, version);
}
