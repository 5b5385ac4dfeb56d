/**
 * The export package end to end: what PackageWriter writes (records encoded by archive/record-encoders.ts) must come
 * back through PackageReader and archive/record-decoders.ts exactly as the models went in; the writer must never
 * leave something at -FileName that looks complete before finish(); and the reader must refuse every malformed or
 * hostile package (DESIGN.md §7) with a PackageError that names the problem and the part, before an import writes
 * anything. Broken packages come from test/archive/support/package-builder.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS, type PackageLimits } from '../../archive/limits.js';
import type { Manifest } from '../../archive/manifest.js';
import { FORMAT_VERSION, messagePartName, PART } from '../../archive/package-format.js';
import { PackageReader } from '../../archive/package-reader.js';
import { PackageWriter } from '../../archive/package-writer.js';
import { encodeAddin, encodeAffiliations, encodeCategory, encodeChat, encodePrincipal, encodeRoom } from '../../archive/record-encoders.js';
import { PackageError, PcmError } from '../../core/errors.js';
import { PrincipalType, type Addin, type Affiliation, type Chat, type ChatNode, type Principal } from '../../core/model.js';
import type { CategoryRecord, RoomRecord } from '../../core/records.js';
import { MAX_TICKS } from '../../core/ticks.js';
import { tempDir } from '../support/temp.js';
import {
  basicParts,
  dataRange,
  declareSize,
  fileWith,
  guid,
  manifestDocument,
  messageRecord,
  packageOf,
  partDocument,
  renameEntry,
  roomRecord,
  TICKS,
  userRecord,
  withPart,
  zipOf,
  type Entry,
} from './support/package-builder.js';
import { readContents, readPackage } from './support/read-package.js';

const T = BigInt(TICKS);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function principal(id: number, type: Principal['type'], overrides: Partial<Principal> = {}): Principal {
  return {
    id,
    guid: guid(id),
    uri: `sip:p${id}@contoso.com`,
    type,
    name: `p${id}`,
    displayName: `Principal ${id}`,
    company: 'Contoso',
    email: `p${id}@contoso.com`,
    adPath: `CN=P${id},DC=contoso,DC=com`,
    upn: `p${id}@contoso.com`,
    disabled: 0,
    addedOn: T + BigInt(id),
    updatedOn: T + BigInt(id) * 7n,
    ...overrides,
  };
}

function node(id: number, kind: ChatNode['kind'], parentId: number, overrides: Partial<ChatNode> = {}): ChatNode {
  return {
    id,
    guid: guid(0x1000 + id),
    parentId,
    kind,
    name: `${kind} ${id}`,
    description: `About ${id}`,
    invite: null,
    logged: null,
    filePost: null,
    disabled: false,
    behavior: 'Normal',
    visibility: 'Closed',
    addinId: null,
    addedBy: 1,
    updatedBy: 1,
    addedOn: T + 100n + BigInt(id),
    updatedOn: T + 200n + BigInt(id),
    topic: null,
    inheritance: null,
    scopeChange: null,
    overrideMember: null,
    ...overrides,
  };
}

/** Deterministic text that compresses like prose, not like a run of one character. */
function varied(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-éøß\r\n<&>';
  let seed = 12345;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out.push(alphabet[(seed >>> 16) % alphabet.length]!);
  }
  return out.join('');
}

/** Text every XML layer likes to damage. */
const HOSTILE = 'CRLF\r\nCR\rTAB\t<b>&amp;</b> ]]> </Content> "q" \'a\' 🎉 مرحبا \u200F\u202Eevil\u202C';

const isPackageError =
  (problem: RegExp, expected: { part?: string; errorId?: string } = {}) =>
  (error: unknown): true => {
    assert.ok(error instanceof PackageError, `expected a PackageError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    assert.match(error.message, problem);
    if (expected.part !== undefined) {
      assert.equal(error.part, expected.part);
      assert.ok(error.message.startsWith(`${expected.part}: `), `the message names the part: ${error.message}`);
    }
    if (expected.errorId !== undefined) assert.equal(error.errorId, expected.errorId);
    return true;
  };

async function writeParts(writer: PackageWriter, name: string, records: readonly string[]): Promise<void> {
  const part = writer.beginPart(name);
  for (const xml of records) await part.record(xml);
  await writer.endPart(part);
}

const manifestFields = (): Omit<Manifest, 'parts'> => ({
  formatVersion: FORMAT_VERSION,
  producer: 'PersistentChatMigration',
  producerVersion: '0.1.0',
  sourceSchema: 'GroupChat2010',
  source: 'sqlite:C:\\pc\\mgc.db',
  level: 'All',
  scope: ['Sales', 'Ventes/EMEA – Zoë & <Co>'],
  startDate: T - 1n,
  createdOn: T + 999n,
  counts: { principals: 9, affiliations: 4, categories: 3, rooms: 3, addins: 2, roles: 7, scopes: 3, messages: 8 },
});

describe('package: round trip through PackageWriter and PackageReader', function () {
  const users = [
    principal(1, PrincipalType.SystemUser, { name: 'AD Sync', displayName: null, company: null, email: null, adPath: null, upn: null }),
    principal(5, PrincipalType.User, { displayName: HOSTILE, company: '' }),
    principal(6, PrincipalType.User, { name: 'nul\u0000 and lone \uD800', disabled: 2, addedOn: MAX_TICKS, updatedOn: 0n }),
    principal(7, PrincipalType.AnyUser, { disabled: 1, upn: '', email: null }),
  ];
  const groups = [
    principal(20, PrincipalType.Group, { upn: null }),
    principal(21, PrincipalType.Folder, { adPath: 'OU=Ünits,DC=contoso,DC=com' }),
    principal(22, PrincipalType.Domain, { uri: 'ma-dom://contoso.com' }),
    principal(23, PrincipalType.Any),
    principal(24, PrincipalType.AnyGroup, { name: null }),
  ];
  const affiliations: Affiliation[][] = [
    [
      { principalId: 5, affiliationId: 20, index: 1 },
      { principalId: 5, affiliationId: 21, index: 2 },
    ],
    [],
    [{ principalId: 20, affiliationId: 22, index: 0 }],
  ];
  const addins: Addin[] = [
    { id: guid(0xa1), name: 'Ticker', url: 'https://addins.contoso.com/ticker?a=1&b=2' },
    { id: guid(0xa2), name: 'Börse 📈', url: 'https://contoso.com/' },
  ];
  const categories: CategoryRecord[] = [
    {
      node: node(2, 'Category', 1, { invite: true, logged: true, filePost: false, inheritance: true, scopeChange: false, overrideMember: null, description: '' }),
      scope: [
        { principalId: 20, denied: false },
        { principalId: 7, denied: true },
      ],
      roles: [
        { principalId: 5, role: 'Creator' },
        { principalId: 20, role: 'Member' },
        { principalId: 20, role: 'Manager' },
      ],
      inScope: false,
    },
    { node: node(3, 'Category', 2, { name: HOSTILE, invite: false }), scope: [{ principalId: 24, denied: false }], roles: [], inScope: true },
    { node: node(4, 'Category', 2, { addedBy: 5, updatedBy: 6 }), scope: [], roles: [], inScope: true },
  ];
  const rooms: RoomRecord[] = [
    {
      node: node(10, 'ChatRoom', 3, { visibility: 'Open', behavior: 'Auditorium', addinId: guid(0xa1), topic: HOSTILE, invite: false, disabled: true }),
      roles: [
        { principalId: 5, role: 'Member' },
        { principalId: 5, role: 'Manager' },
        { principalId: 5, role: 'Voiced' },
        { principalId: 20, role: 'Member' },
      ],
    },
    { node: node(11, 'ChatRoom', 3, { visibility: 'Secret', topic: '', logged: true, filePost: true, inheritance: false }), roles: [{ principalId: 6, role: 'Voiced' }] },
    { node: node(12, 'ChatRoom', 4, { description: 'Line\r\none' }), roles: [] },
  ];
  // 5 MB of varied text: a run of one character would compress like a bomb and be refused as one.
  const big = varied(5 * 1024 * 1024 - 7) + '\r\n🎉 end';
  const message = (roomId: number, chatId: bigint, content: string, extra: Partial<Chat> = {}): Chat => ({
    roomId,
    chatId,
    date: T + chatId,
    userId: 5,
    isAlert: false,
    content,
    rtf: null,
    ...extra,
  });
  const part1 = [
    message(10, 1n, 'Hello'),
    message(10, 2n, big, { rtf: '{\\rtf1 big}' }),
    message(10, 3n, HOSTILE, { isAlert: true, rtf: '' }),
    message(10, 2n ** 62n, '', { userId: 6, date: MAX_TICKS }),
  ];
  const part2 = [
    message(11, 1n, 'NUL \u0000, U+FFFE \uFFFE, lone \uDC00, ESC \u001B', { rtf: 'rtf with \u0001' }),
    message(11, 2n, '   '),
    message(12, 1n, 'مرحبا بالعالم \u200F', { date: 0n }),
    message(12, 9n, '\n'),
  ];

  let path: string;
  let written: Manifest;

  before(async function () {
    path = join(tempDir('pcm-archive-'), 'export.zip');
    const writer = PackageWriter.create(path, new Date(Date.UTC(2013, 4, 1)));
    await writeParts(writer, PART.users, users.map(encodePrincipal));
    await writeParts(writer, PART.groups, groups.map(encodePrincipal));
    await writeParts(
      writer,
      PART.affiliations,
      [5, 7, 20].map((id, i) => encodeAffiliations(id, affiliations[i]!)),
    );
    await writeParts(writer, PART.addins, addins.map(encodeAddin));
    await writeParts(writer, PART.categories, categories.map(encodeCategory));
    await writeParts(writer, PART.rooms, rooms.map(encodeRoom));
    await writeParts(writer, messagePartName(1), part1.map(encodeChat));
    await writeParts(writer, messagePartName(2), part2.map(encodeChat));
    written = await writer.finish(manifestFields());
  });

  it('lists every part in the manifest it returns, with record counts', function () {
    assert.deepEqual(
      written.parts.map((p) => [p.name, p.records]),
      [
        ['AdUsers.xml', 4],
        ['AdGroups.xml', 5],
        ['AdAffiliations.xml', 3],
        ['Addins.xml', 2],
        ['Categories.xml', 3],
        ['ChatRooms.xml', 3],
        ['Messages-000001.xml', 4],
        ['Messages-000002.xml', 4],
      ],
    );
    assert.deepEqual({ ...written, parts: [] }, { ...manifestFields(), parts: [] });
  });

  it('reads back the same manifest and the message parts in order', async function () {
    const reader = await PackageReader.open({ path });
    try {
      assert.deepEqual(reader.manifest, written);
      assert.deepEqual(reader.messageParts(), ['Messages-000001.xml', 'Messages-000002.xml']);
      assert.ok(reader.has(PART.rooms));
      assert.ok(!reader.has('Messages-000003.xml'));
    } finally {
      reader.close();
    }
  });

  it('reads back every record equal to the model written', async function () {
    const contents = await readPackage(path);
    assert.deepEqual(contents.users, users);
    assert.deepEqual(contents.groups, groups);
    assert.deepEqual(contents.affiliations, affiliations);
    assert.deepEqual(contents.addins, addins);
    assert.deepEqual(contents.categories, categories);
    assert.deepEqual(contents.rooms, rooms);
    assert.deepEqual(Object.keys(contents.messages), ['Messages-000001.xml', 'Messages-000002.xml']);
    assert.deepEqual(contents.messages['Messages-000002.xml'], part2);
    // The 5 MB message on its own first, so that a failure does not print five megabytes.
    const read1 = contents.messages['Messages-000001.xml']!;
    assert.equal(read1.length, part1.length);
    assert.equal(read1[1]!.content.length, big.length);
    assert.ok(read1[1]!.content === big, 'the 5 MB message is unchanged');
    assert.deepEqual(read1.map((c, i) => (i === 1 ? { ...c, content: '' } : c)), part1.map((c, i) => (i === 1 ? { ...c, content: '' } : c)));
  });

  it('reads the same package from bytes in memory', async function () {
    const contents = await readPackage({ bytes: readFileSync(path), label: 'upload.zip' });
    assert.deepEqual(contents.rooms, rooms);
    assert.deepEqual(contents.messages['Messages-000002.xml'], part2);
  });
});

describe('package: PackageWriter guarantees', function () {
  const createdOn = new Date(Date.UTC(2013, 4, 1));

  async function writeSmall(writer: PackageWriter): Promise<void> {
    await writeParts(writer, PART.users, [encodePrincipal(principal(5, PrincipalType.User))]);
    await writeParts(writer, messagePartName(1), [encodeChat({ roomId: 10, chatId: 1n, date: T, userId: 5, isAlert: false, content: 'hi', rtf: null })]);
  }

  it('puts nothing at the destination until finish(), and leaves no partial file after it', async function () {
    const dir = tempDir('pcm-archive-');
    const path = join(dir, 'export.zip');
    const writer = PackageWriter.create(path, createdOn);
    await writeSmall(writer);
    assert.equal(existsSync(path), false, 'no file at the destination before finish()');
    await writer.finish(manifestFields());
    assert.deepEqual(readdirSync(dir), ['export.zip']);
    const contents = await readPackage(path);
    assert.equal(contents.users.length, 1);
  });

  it('removes the partial file on abort() and puts nothing at the destination', async function () {
    const dir = tempDir('pcm-archive-');
    const path = join(dir, 'export.zip');
    const writer = PackageWriter.create(path, createdOn);
    await writeSmall(writer);
    const part = writer.beginPart(PART.rooms);
    await part.record(encodeRoom({ node: node(10, 'ChatRoom', 1), roles: [] }));
    await writer.abort();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('replaces an existing file only on finish(), and keeps it when aborted', async function () {
    const dir = tempDir('pcm-archive-');
    const path = join(dir, 'export.zip');
    writeFileSync(path, 'an older export');

    const aborted = PackageWriter.create(path, createdOn);
    await writeSmall(aborted);
    await aborted.abort();
    assert.equal(readFileSync(path, 'utf8'), 'an older export');

    const writer = PackageWriter.create(path, createdOn);
    await writeSmall(writer);
    assert.equal(readFileSync(path, 'utf8'), 'an older export', 'untouched before finish()');
    await writer.finish(manifestFields());
    assert.deepEqual(readdirSync(dir), ['export.zip']);
    assert.deepEqual((await readPackage(path)).messages['Messages-000001.xml']?.map((c) => c.content), ['hi']);
  });

  it('fails with PackageWriteFailed when the destination folder does not exist, leaving nothing', async function () {
    const dir = tempDir('pcm-archive-');
    const path = join(dir, 'missing', 'export.zip');
    await assert.rejects(
      (async () => {
        // The partial file cannot be created: create() itself fails, before anything is read or encoded.
        const writer = PackageWriter.create(path, createdOn);
        await writeSmall(writer);
        await writer.finish(manifestFields());
      })(),
      (error: unknown) => error instanceof PcmError && error.errorId === 'PackageWriteFailed' && error.message.includes(path),
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('package: PackageReader defences', function () {
  const open = async (path: string, limits?: PackageLimits): Promise<void> => {
    const reader = await PackageReader.open({ path }, limits);
    reader.close();
  };
  const read = async (path: string, limits?: PackageLimits): Promise<void> => {
    await readPackage(path, limits);
  };
  const limits = (overrides: Partial<PackageLimits>): PackageLimits => ({ ...DEFAULT_LIMITS, ...overrides });

  it('accepts the basic package the other cases break', async function () {
    const contents = await readPackage(fileWith(await packageOf(basicParts())));
    assert.deepEqual(
      [contents.users.length, contents.rooms.length, contents.messages['Messages-000001.xml']?.length],
      [1, 1, 1],
    );
  });

  describe('the file', function () {
    it('refuses a missing file, naming it', async function () {
      const path = join(tempDir('pcm-archive-'), 'nothing-here.zip');
      await assert.rejects(open(path), isPackageError(/Cannot find the package file/, { errorId: 'PackageNotFound' }));
      await assert.rejects(open(path), (error: Error) => error.message.includes(path));
    });

    it('refuses a folder', async function () {
      const path = join(tempDir('pcm-archive-'), 'folder.zip');
      mkdirSync(path);
      await assert.rejects(open(path), isPackageError(/is not a file/, { errorId: 'PackageNotFound' }));
    });

    it('refuses an empty file and empty bytes', async function () {
      const path = fileWith('');
      await assert.rejects(open(path), isPackageError(/is empty; it is not an export package/));
      await assert.rejects(PackageReader.open({ bytes: Buffer.alloc(0), label: 'upload' }), isPackageError(/empty/));
    });

    it('refuses a file that is not a ZIP, naming it', async function () {
      const path = fileWith('<Pool>this is XML, not a ZIP</Pool>\n'.repeat(10), 'notes.zip');
      await assert.rejects(open(path), isPackageError(/not a valid ZIP package/));
      await assert.rejects(open(path), (error: Error) => error.message.includes(path));
    });

    it('refuses a truncated ZIP', async function () {
      const whole = await packageOf(basicParts());
      for (const length of [Math.floor(whole.length / 2), whole.length - 10, 30]) {
        await assert.rejects(open(fileWith(whole.subarray(0, length))), isPackageError(/not a valid ZIP package|damaged or unsafe ZIP/), `first ${length} bytes`);
      }
    });

    it('refuses a part whose compressed bytes are damaged, naming the part', async function () {
      const zip = await packageOf(basicParts());
      const { start, length } = dataRange(zip, 'ChatRooms.xml');
      const damaged = Buffer.from(zip);
      for (let i = start + 4; i < start + length - 4; i++) damaged[i] = damaged[i]! ^ 0x5a;
      await assert.rejects(read(fileWith(damaged)), isPackageError(/the part cannot be read/, { part: 'ChatRooms.xml' }));
    });
  });

  describe('entries', function () {
    it('refuses an unknown entry, naming it', async function () {
      const extra: Entry[] = [{ name: 'readme.txt', data: 'hello' }];
      await assert.rejects(open(fileWith(await packageOf(basicParts(), { extra }))), isPackageError(/unexpected entry 'readme\.txt'/));
      const nested: Entry[] = [{ name: 'sub/AdUsers.xml', data: 'x' }];
      await assert.rejects(open(fileWith(await packageOf(basicParts(), { extra: nested }))), isPackageError(/unexpected entry 'sub\/AdUsers\.xml'/));
    });

    for (const [label, unsafe] of [
      ['../ in its name', '../AdUsers.xml'],
      ['an absolute name', '/tmp/evil.xml'],
      ['a drive letter', 'C:/evil.xml'],
      ['a backslash', '..\\evil.xml'],
    ] as const) {
      it(`refuses an entry with ${label}`, async function () {
        const placeholder = 'z'.repeat(Buffer.byteLength(unsafe));
        const zip = await packageOf(basicParts(), { extra: [{ name: placeholder, data: 'payload' }] });
        const path = fileWith(renameEntry(zip, placeholder, unsafe));
        await assert.rejects(open(path), isPackageError(/damaged or unsafe ZIP/));
        await assert.rejects(open(path), (error: Error) => error.message.includes(unsafe));
      });
    }

    it('refuses a duplicate entry', async function () {
      const parts = basicParts();
      const zip = await packageOf(parts, { extra: [{ name: 'AdUsers.xmX', data: partDocument('AdUsers.xml', [userRecord({ principalId: '6', guid: guid(6) })]) }] });
      const path = fileWith(renameEntry(zip, 'AdUsers.xmX', 'AdUsers.xml'));
      await assert.rejects(open(path), isPackageError(/contains the entry 'AdUsers\.xml' twice/));
    });

    it('refuses more entries than maxEntries', async function () {
      const path = fileWith(await packageOf(basicParts()));
      await assert.rejects(open(path, limits({ maxEntries: 3 })), isPackageError(/more than 3 entries/));
      await open(path, limits({ maxEntries: 4 }));
    });
  });

  describe('the manifest', function () {
    it('refuses a package without Manifest.xml', async function () {
      await assert.rejects(open(fileWith(await packageOf(basicParts(), { omitManifest: true }))), isPackageError(/has no Manifest\.xml/));
    });

    it('refuses a manifest listing a part the package lacks, naming the part', async function () {
      const parts = basicParts();
      const listed = [...parts, { name: 'Messages-000002.xml', data: partDocument('Messages-000002.xml', []) }];
      await assert.rejects(open(fileWith(await packageOf(parts, { listed }))), isPackageError(/lists the part 'Messages-000002\.xml', but the package does not contain it/));
    });

    it('refuses a part the manifest does not list, naming the part', async function () {
      const parts = basicParts();
      await assert.rejects(open(fileWith(await packageOf(parts, { listed: parts.slice(1) }))), isPackageError(/contains the part 'AdUsers\.xml', which its manifest does not list/));
    });

    it('refuses a part whose size differs from the manifest', async function () {
      const parts = basicParts();
      const actual = Buffer.byteLength(parts[1]!.data);
      await assert.rejects(
        open(fileWith(await packageOf(parts, { bytes: { 'ChatRooms.xml': actual + 1 } }))),
        isPackageError(new RegExp(`says the part has ${actual + 1} bytes but the ZIP entry has ${actual}`), { part: 'ChatRooms.xml' }),
      );
    });

    it('refuses a manifest of a newer format version', async function () {
      await assert.rejects(
        open(fileWith(await packageOf(basicParts(), { formatVersion: String(FORMAT_VERSION + 1) }))),
        isPackageError(new RegExp(`format version ${FORMAT_VERSION + 1}.*reads version ${FORMAT_VERSION}`), { part: 'Manifest.xml' }),
      );
    });

    it('refuses a part whose format version differs from the manifest', async function () {
      const parts = withPart(basicParts(), { name: 'ChatRooms.xml', data: partDocument('ChatRooms.xml', [roomRecord()], { formatVersion: '2' }) });
      await assert.rejects(read(fileWith(await packageOf(parts))), isPackageError(/format version "2" but the manifest says 1/, { part: 'ChatRooms.xml' }));
    });

    it('refuses a DOCTYPE in the manifest', async function () {
      const prolog = '<!DOCTYPE Pool [<!ENTITY v "2">]>';
      await assert.rejects(open(fileWith(await packageOf(basicParts(), { prolog }))), isPackageError(/DOCTYPE declaration is not allowed/, { part: 'Manifest.xml' }));
    });
  });

  describe('integrity and limits', function () {
    it('refuses a part altered after the manifest was written (SHA-256 mismatch)', async function () {
      const parts = basicParts();
      const altered = parts.map((p) => (p.name === 'Messages-000001.xml' ? { ...p, data: String(p.data).replace('Hello', 'Jello') } : p));
      assert.equal(Buffer.byteLength(altered[2]!.data), Buffer.byteLength(parts[2]!.data));
      const zip = await zipOf([...altered, { name: 'Manifest.xml', data: manifestDocument(parts) }]);
      await assert.rejects(read(fileWith(zip)), isPackageError(/SHA-256 checksum does not match/, { part: 'Messages-000001.xml', errorId: 'ChecksumMismatch' }));
    });

    it('refuses a ZIP entry whose declared size lies, in either direction', async function () {
      const parts = basicParts();
      const actual = Buffer.byteLength(parts[2]!.data);
      for (const [declared, problem] of [
        [actual - 20, /cannot be read: too many bytes/],
        [actual + 20, /cannot be read: not enough bytes/],
      ] as const) {
        // The manifest agrees with the lie, so only the bytes themselves can tell.
        const zip = await packageOf(parts, { bytes: { 'Messages-000001.xml': declared } });
        const path = fileWith(declareSize(zip, 'Messages-000001.xml', declared));
        await open(path);
        await assert.rejects(read(path), isPackageError(problem, { part: 'Messages-000001.xml' }), `declared ${declared} of ${actual}`);
      }
    });

    it('refuses a part over maxPartBytes, and accepts it under the default limits', async function () {
      const records = Array.from({ length: 100 }, (_, i) => messageRecord({ chatId: String(i + 1) }, `message ${i}`));
      const parts = withPart(basicParts(), { name: 'Messages-000001.xml', data: partDocument('Messages-000001.xml', records) });
      const path = fileWith(await packageOf(parts));
      const size = Buffer.byteLength(parts.find((p) => p.name === 'Messages-000001.xml')!.data);
      await assert.rejects(
        open(path, limits({ maxPartBytes: 4096 })),
        isPackageError(new RegExp(`declares ${size} bytes, over the limit of 4096`), { part: 'Messages-000001.xml' }),
      );
      await read(path);
    });

    it('refuses a part that expands beyond maxCompressionRatio (8 MB of spaces)', async function () {
      const spaces = ' '.repeat(8 * 1024 * 1024);
      const parts = withPart(basicParts(), { name: 'AdUsers.xml', data: partDocument('AdUsers.xml', [userRecord(), spaces]) });
      const path = fileWith(await packageOf(parts));
      await assert.rejects(open(path), isPackageError(/expands \d+ times, over the limit of 200/, { part: 'AdUsers.xml' }));
      // The same part is well-formed: with the ratio raised it is read.
      const contents = await readPackage(path, limits({ maxCompressionRatio: 1e9 }));
      assert.equal(contents.users.length, 1);
    });

    it('refuses a package that expands beyond maxPackageBytes', async function () {
      const path = fileWith(await packageOf(basicParts()));
      await assert.rejects(open(path, limits({ maxPackageBytes: 500 })), isPackageError(/expands to \d+ bytes, over the limit of 500/));
    });

    it('refuses a record over maxRecordChars, and accepts it under the default limits', async function () {
      const parts = withPart(basicParts(), { name: 'Messages-000001.xml', data: partDocument('Messages-000001.xml', [messageRecord({}, 'y'.repeat(2000))]) });
      const path = fileWith(await packageOf(parts));
      await assert.rejects(read(path, limits({ maxRecordChars: 1000 })), isPackageError(/<Message> record is larger than the limit of 1000 characters/, { part: 'Messages-000001.xml' }));
      await read(path);
    });

    it('refuses a record over maxRecordChars whose size is in an attribute value', async function () {
      // No text follows the attribute in this record (the content is empty).
      const record = messageRecord({ note: 'z'.repeat(5000) }, '');
      const path = fileWith(await packageOf(withPart(basicParts(), { name: 'Messages-000001.xml', data: partDocument('Messages-000001.xml', [record]) })));
      await read(path);
      await assert.rejects(read(path, limits({ maxRecordChars: 1000 })), isPackageError(/<Message> record is larger than the limit of 1000 characters/, { part: 'Messages-000001.xml' }));
    });

    it('refuses a record over maxRecordChars made of markup without text (100,000 empty elements)', async function () {
      // limits.ts: the caps stop absurd records "before they cost time or memory"; each <x/> becomes an element in memory.
      const record = messageRecord({}, 'Hello').replace('</Message>', `${'<x/>'.repeat(100000)}</Message>`);
      const path = fileWith(await packageOf(withPart(basicParts(), { name: 'Messages-000001.xml', data: partDocument('Messages-000001.xml', [record]) })));
      await assert.rejects(read(path, limits({ maxRecordChars: 1000 })), isPackageError(/<Message> record is larger than the limit of 1000 characters/, { part: 'Messages-000001.xml' }));
    });
  });

  describe('XML', function () {
    /** A package whose one part is replaced by this document. */
    const withDocument = async (name: string, data: string | Buffer): Promise<string> => fileWith(await packageOf(withPart(basicParts(), { name, data })));

    it('refuses a DOCTYPE with an internal entity (billion laughs)', async function () {
      let entities = '<!ENTITY l0 "lol">';
      for (let i = 1; i <= 9; i++) entities += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
      const data = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Pool [${entities}]><Pool formatVersion="1"><AdUsers>${userRecord({}, '<Uri>&l9;</Uri>')}</AdUsers></Pool>`;
      await assert.rejects(read(await withDocument('AdUsers.xml', data)), isPackageError(/DOCTYPE declaration is not allowed/, { part: 'AdUsers.xml' }));
    });

    it('refuses an external entity', async function () {
      const data = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Pool [<!ENTITY ext SYSTEM "file:///etc/passwd">]><Pool formatVersion="1"><AdUsers>${userRecord({}, '<Uri>&ext;</Uri>')}</AdUsers></Pool>`;
      await assert.rejects(read(await withDocument('AdUsers.xml', data)), isPackageError(/DOCTYPE declaration is not allowed/, { part: 'AdUsers.xml' }));
    });

    it('refuses a reference to an undeclared entity', async function () {
      const data = partDocument('AdUsers.xml', [userRecord({}, '<Uri>&ext;</Uri>')]);
      await assert.rejects(read(await withDocument('AdUsers.xml', data)), isPackageError(/XML is malformed/, { part: 'AdUsers.xml' }));
    });

    it('refuses malformed XML', async function () {
      for (const broken of [
        partDocument('ChatRooms.xml', [roomRecord({}, '<Name>Lobby</Desc>')]),
        partDocument('ChatRooms.xml', [roomRecord()]).replace('</Pool>', ''),
        partDocument('ChatRooms.xml', [roomRecord({}, '<Name>a < b</Name>')]),
        partDocument('ChatRooms.xml', [roomRecord()]) + '<Pool formatVersion="1"></Pool>',
      ]) {
        await assert.rejects(read(await withDocument('ChatRooms.xml', broken)), isPackageError(/XML is malformed/, { part: 'ChatRooms.xml' }), broken);
      }
    });

    it('refuses a wrong root element', async function () {
      const data = partDocument('ChatRooms.xml', [roomRecord()]).replace('<Pool formatVersion="1">', '<Root formatVersion="1">').replace('</Pool>', '</Root>');
      await assert.rejects(read(await withDocument('ChatRooms.xml', data)), isPackageError(/unexpected element <Root> where <Pool> was expected/, { part: 'ChatRooms.xml' }));
    });

    it('refuses a wrong collection element', async function () {
      const data = partDocument('ChatRooms.xml', [roomRecord()]).replace(/ChatRooms>/g, 'Rooms>');
      await assert.rejects(read(await withDocument('ChatRooms.xml', data)), isPackageError(/unexpected element <Rooms> where <ChatRooms> was expected/, { part: 'ChatRooms.xml' }));
    });

    it('refuses a wrong record element', async function () {
      const data = partDocument('AdUsers.xml', [userRecord(), '<Group principalId="20"/>']);
      await assert.rejects(read(await withDocument('AdUsers.xml', data)), isPackageError(/unexpected element <Group> in <AdUsers>; only <User> records belong there/, { part: 'AdUsers.xml' }));
    });

    it('refuses text outside records', async function () {
      const data = partDocument('Messages-000001.xml', [messageRecord(), 'stray text', messageRecord({ chatId: '2' })]);
      await assert.rejects(read(await withDocument('Messages-000001.xml', data)), isPackageError(/unexpected text outside a <Message> record/, { part: 'Messages-000001.xml' }));
    });

    it('refuses invalid UTF-8', async function () {
      const [head, tail] = partDocument('Messages-000001.xml', [messageRecord({}, '@@')]).split('@@') as [string, string];
      const data = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]);
      await assert.rejects(read(await withDocument('Messages-000001.xml', data)), isPackageError(/not valid UTF-8/, { part: 'Messages-000001.xml' }));
    });

    it('refuses a part that ends inside a UTF-8 character', async function () {
      const data = Buffer.concat([Buffer.from(partDocument('Messages-000001.xml', [messageRecord()])), Buffer.from([0xe2, 0x82])]);
      await assert.rejects(read(await withDocument('Messages-000001.xml', data)), isPackageError(/UTF-8/, { part: 'Messages-000001.xml' }));
    });
  });

  describe('records', function () {
    const withRecord = async (name: string, record: string): Promise<string> => fileWith(await packageOf(withPart(basicParts(), { name, data: partDocument(name, [record]) })));

    it('refuses invalid ticks, naming the record and the attribute', async function () {
      for (const [attribute, value] of [
        ['date', 'yesterday'],
        ['date', '-1'],
        ['date', '3155378976000000000'],
        ['date', '99999999999999999999'],
        ['date', '0x10'],
        ['date', ' 635029920000000000'],
        ['date', '0635029920000000000'],
      ] as const) {
        await assert.rejects(
          read(await withRecord('Messages-000001.xml', messageRecord({ [attribute]: value }))),
          isPackageError(new RegExp(`record 1 \\(<Message id="1">\\): the attribute ${attribute}="${escapeRegExp(value)}" is not a valid date in \\.NET ticks`), { part: 'Messages-000001.xml' }),
          `${attribute}="${value}"`,
        );
      }
      await assert.rejects(read(await withRecord('AdUsers.xml', userRecord({ addedOn: '1.5' }))), isPackageError(/addedOn="1\.5" is not a valid date in \.NET ticks/, { part: 'AdUsers.xml' }));
      await assert.rejects(read(await withRecord('AdUsers.xml', userRecord({ updatedOn: undefined }))), isPackageError(/the attribute updatedOn is missing/, { part: 'AdUsers.xml' }));
    });

    it('refuses a GUID that is not one', async function () {
      for (const value of ['not-a-guid', `{${guid(5)}}`, guid(5).replace(/-/g, ''), `${guid(5)}0`, guid(5).replace('6f', 'xg'), '']) {
        await assert.rejects(read(await withRecord('AdUsers.xml', userRecord({ guid: value }))), isPackageError(/guid=".*" is not a GUID/, { part: 'AdUsers.xml' }), value);
      }
      await assert.rejects(read(await withRecord('ChatRooms.xml', roomRecord({ addinId: 'ticker' }))), isPackageError(/addinId="ticker" is not a GUID/, { part: 'ChatRooms.xml' }));
    });

    it('refuses a flag that is not 1 or 0', async function () {
      for (const value of ['2', 'true', 'True', '', '01', ' 1']) {
        await assert.rejects(read(await withRecord('Messages-000001.xml', messageRecord({ isAlert: value }))), isPackageError(/isAlert=".*" must be 1 or 0/, { part: 'Messages-000001.xml' }), value);
      }
      await assert.rejects(read(await withRecord('ChatRooms.xml', roomRecord({ isDisabled: 'yes' }))), isPackageError(/isDisabled="yes" must be 1 or 0/, { part: 'ChatRooms.xml' }));
      await assert.rejects(
        read(await withRecord('ChatRooms.xml', roomRecord({}, '<Name>Lobby</Name><Desc></Desc><Roles><Principal id="5" isManager="-1"/></Roles>'))),
        isPackageError(/isManager="-1" must be 1 or 0/, { part: 'ChatRooms.xml' }),
      );
    });

    it('refuses an unknown privacy or room type', async function () {
      for (const value of ['Public', 'open', 'Private', '']) {
        await assert.rejects(
          read(await withRecord('ChatRooms.xml', roomRecord({ privacy: value }))),
          isPackageError(new RegExp(`privacy="${value}" must be one of Open, Closed, Secret`), { part: 'ChatRooms.xml' }),
          value,
        );
      }
      await assert.rejects(read(await withRecord('ChatRooms.xml', roomRecord({ privacy: undefined }))), isPackageError(/privacy="" must be one of/, { part: 'ChatRooms.xml' }));
      await assert.rejects(read(await withRecord('ChatRooms.xml', roomRecord({ type: 'Webinar' }))), isPackageError(/type="Webinar" must be one of Normal, Auditorium/, { part: 'ChatRooms.xml' }));
    });

    it('accepts the same records with valid values, so the refusals above are about the values', async function () {
      const contents = await readPackage(await withRecord('ChatRooms.xml', roomRecord({ privacy: 'Secret', type: 'Auditorium', isDisabled: '1', addinId: guid(0xa1).toUpperCase() })));
      assert.deepEqual(
        [contents.rooms[0]!.node.visibility, contents.rooms[0]!.node.behavior, contents.rooms[0]!.node.disabled, contents.rooms[0]!.node.addinId],
        ['Secret', 'Auditorium', true, guid(0xa1)],
      );
      const messages = await readPackage(await withRecord('Messages-000001.xml', messageRecord({ isAlert: '1', date: '3155378975999999999' })));
      assert.deepEqual(
        [messages.messages['Messages-000001.xml']![0]!.isAlert, messages.messages['Messages-000001.xml']![0]!.date],
        [true, MAX_TICKS],
      );
    });
  });

  it('reads nothing for a part the package lacks, and reads one part twice the same way', async function () {
    const reader = await PackageReader.open({ path: fileWith(await packageOf(basicParts())) });
    try {
      const none: unknown[] = [];
      for await (const batch of reader.records(PART.groups)) none.push(...batch);
      assert.deepEqual(none, []);
      const first = await readContents(reader);
      const second = await readContents(reader);
      assert.deepEqual(second, first);
    } finally {
      reader.close();
    }
  });
});
