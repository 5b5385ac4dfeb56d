/**
 * Builds export packages for the reader's tests, valid or broken on purpose, as a script would: part documents and
 * the manifest are written by hand here (not by the product's writer) so that a defect shared by writer and reader
 * cannot hide, ZIPs are made with yazl, and what yazl refuses to write (entry names with ../, duplicate names, sizes
 * that lie) is patched into the bytes afterwards. Nothing binary is committed: every package comes from this file.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import { tempDir } from '../../support/temp.js';

export interface Entry {
  readonly name: string;
  readonly data: string | Buffer;
  /** Deflate the entry (default true). */
  readonly compress?: boolean;
}

const bytesOf = (data: string | Buffer): Buffer => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
export const sha256 = (data: string | Buffer): string => createHash('sha256').update(bytesOf(data)).digest('hex');

/** 2013-05-01T08:00:00Z in .NET ticks. */
export const TICKS = '635029920000000000';
export const guid = (n: number): string => `6f1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The collection element each part wraps its records in (docs/package-format.md). */
function collectionOf(part: string): string {
  if (/^Messages-\d{6}\.xml$/.test(part)) return 'Messages';
  const known: Record<string, string> = {
    'AdUsers.xml': 'AdUsers',
    'AdGroups.xml': 'AdGroups',
    'AdAffiliations.xml': 'AdAffiliations',
    'Categories.xml': 'Categories',
    'ChatRooms.xml': 'ChatRooms',
    'Addins.xml': 'Addins',
  };
  const collection = known[part];
  if (!collection) throw new Error(`package-builder: no collection element known for ${part}`);
  return collection;
}

/** A part document: declaration, <Pool formatVersion>, the collection element and the records as given. */
export function partDocument(part: string, records: readonly string[], options: { formatVersion?: string; between?: string } = {}): string {
  const collection = collectionOf(part);
  return (
    `<?xml version="1.0" encoding="utf-8"?><Pool formatVersion="${options.formatVersion ?? '1'}"><${collection}>` +
    records.join(options.between ?? '') +
    `</${collection}></Pool>`
  );
}

/** ` a="v"` for each defined value; values are escaped for a double-quoted attribute. */
export function attributes(values: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`;
  }
  return out;
}

export type Attrs = Readonly<Record<string, string | undefined>>;

export function userRecord(overrides: Attrs = {}, inner = '<Uri>sip:ann@contoso.com</Uri><Name>Ann</Name>'): string {
  return `<User${attributes({ principalId: '5', guid: guid(5), type: 'User', disabled: '0', addedOn: TICKS, updatedOn: TICKS, ...overrides })}>${inner}</User>`;
}

export function roomRecord(overrides: Attrs = {}, inner = '<Name>Lobby</Name><Desc>The lobby</Desc><Roles><Principal id="5" isMember="1"/></Roles>'): string {
  return (
    `<ChatRoom${attributes({ isDisabled: '0', id: '10', guid: guid(10), addedOn: TICKS, updatedOn: TICKS, categoryId: '1', privacy: 'Open', type: 'Normal', ...overrides })}>` +
    `${inner}</ChatRoom>`
  );
}

export function groupRecord(overrides: Attrs = {}, inner = '<Uri>ma-grp://group/staff</Uri><Name>Staff</Name>'): string {
  return `<Group${attributes({ principalId: '20', guid: guid(20), type: 'Group', disabled: '0', addedOn: TICKS, updatedOn: TICKS, ...overrides })}>${inner}</Group>`;
}

/** An AdAffiliations.xml record: the principal and its memberships as [group id, index] pairs. */
export function affiliationRecord(principalId: string, groups: readonly (readonly [string, string])[]): string {
  return `<User${attributes({ id: principalId })}><Groups>${groups.map(([id, index]) => `<Group${attributes({ id, index })}/>`).join('')}</Groups></User>`;
}

export function categoryRecord(overrides: Attrs = {}, inner = '<Name>Staff</Name><Desc></Desc><Scope></Scope><Roles></Roles>'): string {
  return `<Category${attributes({ id: '2', guid: guid(2), addedOn: TICKS, updatedOn: TICKS, parentId: '1', inScope: '1', ...overrides })}>${inner}</Category>`;
}

export function addinRecord(overrides: Attrs = {}, inner = '<Name>Wiki</Name><Url>https://wiki.contoso.com/</Url>'): string {
  return `<Addin${attributes({ id: guid(900), ...overrides })}>${inner}</Addin>`;
}

export function messageRecord(overrides: Attrs = {}, content = 'Hello'): string {
  return `<Message${attributes({ roomId: '10', chatId: '1', date: TICKS, userId: '5', isAlert: '0', ...overrides })}><Content>${content}</Content></Message>`;
}

/** A small valid package: one user, one room, one message. */
export function basicParts(): Entry[] {
  return [
    { name: 'AdUsers.xml', data: partDocument('AdUsers.xml', [userRecord()]) },
    { name: 'ChatRooms.xml', data: partDocument('ChatRooms.xml', [roomRecord()]) },
    { name: 'Messages-000001.xml', data: partDocument('Messages-000001.xml', [messageRecord()]) },
  ];
}

/** The parts with one of them replaced (or added). */
export function withPart(parts: readonly Entry[], entry: Entry): Entry[] {
  const out = parts.filter((p) => p.name !== entry.name);
  out.push(entry);
  return out;
}

export interface ManifestOptions {
  readonly formatVersion?: string;
  /** Text put right after the XML declaration, e.g. a DOCTYPE. */
  readonly prolog?: string;
  /** Overrides of the bytes the manifest declares, by part name. */
  readonly bytes?: Readonly<Record<string, number>>;
  /** Overrides of the records the manifest declares, by part name. */
  readonly records?: Readonly<Record<string, number>>;
  /** Overrides of <Counts> (principals, affiliations, categories, rooms, addins, roles, scopes, messages). */
  readonly counts?: Readonly<Record<string, number>>;
  readonly sourceSchema?: string;
}

/**
 * The records a part holds, as the manifest's per-part count states them (top-level record elements; nested
 * <Group> elements of affiliations are not records). A textual count: the test packages put no such tag in text.
 */
export function recordCount(part: Entry): number {
  const xml = Buffer.isBuffer(part.data) ? part.data.toString('utf8') : String(part.data);
  if (part.name === 'Manifest.xml') return 1;
  if (part.name === 'AdAffiliations.xml') return (xml.match(/<User[\s>\/]/g) ?? []).length;
  const tag = /^Messages-/.test(part.name) ? /<Message[\s>\/]/g : /<(?:User|Group|Category|ChatRoom|Addin)[\s>\/]/g;
  return (xml.match(tag) ?? []).length;
}

const DEFAULT_COUNTS = { principals: 1, affiliations: 0, categories: 0, rooms: 1, addins: 0, roles: 1, scopes: 0, messages: 1 };

/** Manifest.xml listing these parts with their true SHA-256 and size (unless overridden). */
export function manifestDocument(parts: readonly Entry[], options: ManifestOptions = {}): string {
  const list = parts
    .map((p) => `<Part${attributes({ name: p.name, sha256: sha256(p.data), bytes: String(options.bytes?.[p.name] ?? bytesOf(p.data).length), records: String(options.records?.[p.name] ?? recordCount(p)) })}/>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>${options.prolog ?? ''}<Pool formatVersion="${options.formatVersion ?? '1'}">` +
    `<Manifest producer="PersistentChatMigration" producerVersion="0.1.0" sourceSchema="${options.sourceSchema ?? 'PersistentChat2013'}" level="All" createdOn="${TICKS}">` +
    '<Source>sqlite:C:\\pc\\mgc.db</Source><Scope></Scope>' +
    `<Counts${attributes(Object.fromEntries(Object.entries({ ...DEFAULT_COUNTS, ...options.counts }).map(([k, v]) => [k, String(v)])))}/>` +
    `<Parts>${list}</Parts></Manifest></Pool>`
  );
}

export interface PackageOptions extends ManifestOptions {
  /** The parts the manifest lists, when not exactly the parts in the ZIP. */
  readonly listed?: readonly Entry[];
  /** No Manifest.xml at all. */
  readonly omitManifest?: boolean;
  /** Entries written after the manifest and not listed in it. */
  readonly extra?: readonly Entry[];
}

/** A ZIP of these entries, in this order, as yazl writes it. */
export function zipOf(entries: readonly Entry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2013, 4, 1, 8));
  for (const e of entries) {
    // A name ending in / is a folder entry, as archivers write them.
    if (e.name.endsWith('/')) zip.addEmptyDirectory(e.name, { mtime });
    else zip.addBuffer(bytesOf(e.data), e.name, { compress: e.compress ?? true, mtime });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** A package: the parts, then Manifest.xml describing them, then any extra entries. */
export function packageOf(parts: readonly Entry[], options: PackageOptions = {}): Promise<Buffer> {
  const manifest: Entry[] = options.omitManifest ? [] : [{ name: 'Manifest.xml', data: manifestDocument(options.listed ?? parts, options) }];
  return zipOf([...parts, ...manifest, ...(options.extra ?? [])]);
}

/** Writes bytes to a new file in a fresh temporary folder and returns its path. */
export function fileWith(bytes: string | Buffer, name = 'package.zip'): string {
  const path = join(tempDir('pcm-archive-'), name);
  writeFileSync(path, bytes);
  return path;
}

interface CentralRecord {
  name: string;
  /** Offset of the central directory header. */
  central: number;
  /** Offset of the local file header. */
  local: number;
  flags: number;
}

/** Walks the central directory (no ZIP64: the packages built here are small). */
function centralRecords(zip: Buffer): CentralRecord[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('package-builder: no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const records: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`package-builder: no central directory header at ${offset}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    records.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      central: offset,
      local: zip.readUInt32LE(offset + 42),
      flags: zip.readUInt16LE(offset + 8),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

function recordOf(zip: Buffer, name: string): CentralRecord {
  const matches = centralRecords(zip).filter((r) => r.name === name);
  if (matches.length !== 1) throw new Error(`package-builder: ${matches.length} entries named ${name}`);
  return matches[0]!;
}

/**
 * Renames one entry in place, in its local header and in the central directory. The new name must have the same
 * length in bytes; this is how names yazl refuses (../x, /x, duplicates) get into a test package.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  const next = Buffer.from(zip);
  const record = recordOf(next, from);
  const name = Buffer.from(to, 'utf8');
  if (name.length !== Buffer.byteLength(from, 'utf8')) throw new Error('package-builder: renameEntry needs names of the same length');
  if (next.readUInt32LE(record.local) !== 0x04034b50) throw new Error('package-builder: no local file header');
  name.copy(next, record.central + 46);
  name.copy(next, record.local + 30);
  return next;
}

/** Makes an entry declare another uncompressed size, in the central directory and (when it holds one) its local header. */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const next = Buffer.from(zip);
  const record = recordOf(next, name);
  next.writeUInt32LE(size, record.central + 24);
  // Bit 3: sizes follow the data in a descriptor, and the local header holds zeros.
  if ((record.flags & 0x08) === 0) next.writeUInt32LE(size, record.local + 22);
  return next;
}

/** The offset and length of an entry's stored (compressed) data. */
export function dataRange(zip: Buffer, name: string): { start: number; length: number } {
  const record = recordOf(zip, name);
  const start = record.local + 30 + zip.readUInt16LE(record.local + 26) + zip.readUInt16LE(record.local + 28);
  return { start, length: zip.readUInt32LE(record.central + 20) };
}

/** Sets bits of an entry's general-purpose flags (bit 0: encrypted), in its local header and the central directory. */
export function setFlags(zip: Buffer, name: string, bits: number): Buffer {
  const next = Buffer.from(zip);
  const record = recordOf(next, name);
  next.writeUInt16LE(next.readUInt16LE(record.central + 8) | bits, record.central + 8);
  next.writeUInt16LE(next.readUInt16LE(record.local + 6) | bits, record.local + 6);
  return next;
}

/** Declares another compression method for an entry (e.g. 12, bzip2, which a package never uses). */
export function setMethod(zip: Buffer, name: string, method: number): Buffer {
  const next = Buffer.from(zip);
  const record = recordOf(next, name);
  next.writeUInt16LE(method, record.central + 10);
  next.writeUInt16LE(method, record.local + 8);
  return next;
}

/**
 * A ZIP64 archive of empty stored entries with these names, written by hand: yazl needs minutes for a couple of
 * hundred thousand entries, this takes a moment. For the entry-count limit.
 */
export function zipOfEmptyEntries(names: readonly string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const text of names) {
    const name = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4); // made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(names.length), 24);
  zip64End.writeBigUInt64LE(BigInt(names.length), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...locals, directory, zip64End, locator, end]);
}

/**
 * Makes the central directory say that entry `name` starts where entry `at` starts: two entries over the same bytes,
 * the overlap a crafted package uses to have one blob inflated many times.
 */
export function pointAt(zip: Buffer, name: string, at: string): Buffer {
  const next = Buffer.from(zip);
  next.writeUInt32LE(recordOf(next, at).local, recordOf(next, name).central + 42);
  return next;
}
