/**
 * The hostile and broken package corpus (issue 4), made at test time: nothing binary is committed. Every package is a
 * small valid one (the base package: users, a group, a membership, an add-in, a category with scope and creator, two rooms with
 * roles, five messages in two parts) broken in exactly one way, written by hand with test/archive/support/
 * package-builder.ts so that a defect shared by the product's writer and reader cannot hide. Each entry says what the
 * import's error must say: the part (or the file) and the problem.
 */
import { randomBytes } from 'node:crypto';
import {
  addinRecord,
  affiliationRecord,
  attributes,
  categoryRecord,
  declareSize,
  groupRecord,
  guid,
  messageRecord,
  packageOf,
  partDocument,
  renameEntry,
  roomRecord,
  setFlags,
  setMethod,
  TICKS,
  userRecord,
  withPart,
  zipOfEmptyEntries,
  type Entry,
  type PackageOptions,
} from '../../archive/support/package-builder.js';

/** Ticks of the base package's messages (after TICKS, one second apart). */
const at = (n: number): string => String(BigInt(TICKS) + BigInt(n) * 10_000_000n);

export const ROOM_A = 'Hostile Room A';
export const ROOM_B = 'Hostile Room B';
export const CATEGORY = 'Hostile Category';

interface BaseRecords {
  users: string[];
  groups: string[];
  affiliations: string[];
  addins: string[];
  categories: string[];
  rooms: string[];
  messages1: string[];
  messages2: string[];
}

function baseRecords(): BaseRecords {
  const roles = (...grants: string[]): string => `<Roles>${grants.join('')}</Roles>`;
  const grant = (id: string, role: string): string => `<Principal${attributes({ id, isManager: '0', isMember: '0', isCreator: '0', isVoiced: '0', [role]: '1' })}/>`;
  return {
    users: [
      userRecord({ principalId: '5', guid: guid(5) }, '<Uri>sip:ann@hostile.example</Uri><Name>ann</Name><DisplayName>Ann</DisplayName>'),
      userRecord({ principalId: '6', guid: guid(6) }, '<Uri>sip:bob@hostile.example</Uri><Name>bob</Name><DisplayName>Bob</DisplayName>'),
    ],
    groups: [groupRecord({ principalId: '20', guid: guid(20) }, '<Uri>ma-grp://group/hostile</Uri><Name>Hostile Group</Name>')],
    affiliations: [affiliationRecord('5', [['20', '1']])],
    addins: [addinRecord({ id: guid(900) }, '<Name>Hostile Wiki</Name><Url>https://wiki.hostile.example/</Url>')],
    categories: [
      categoryRecord({ id: '1', guid: guid(1), parentId: '1', invite: '0', logged: '1', filePost: '0' }, '<Name>Hostile Root</Name><Desc></Desc><Scope></Scope><Roles></Roles>'),
      categoryRecord(
        { id: '2', guid: guid(2), parentId: '1', invite: '0', logged: '1', filePost: '0' },
        `<Name>${CATEGORY}</Name><Desc>Rooms under test</Desc><Scope><Principal id="20" isDenied="0"/></Scope>${roles(grant('6', 'isCreator'))}`,
      ),
    ],
    rooms: [
      roomRecord({ id: '10', guid: guid(10), categoryId: '2', addinId: guid(900) }, `<Name>${ROOM_A}</Name><Desc>A</Desc>${roles(grant('5', 'isMember'), grant('6', 'isManager'))}`),
      roomRecord({ id: '11', guid: guid(11), categoryId: '2' }, `<Name>${ROOM_B}</Name><Desc>B</Desc>${roles(grant('6', 'isMember'))}`),
    ],
    messages1: [
      messageRecord({ roomId: '10', chatId: '1', date: at(1), userId: '5' }, 'first'),
      messageRecord({ roomId: '10', chatId: '2', date: at(2), userId: '6' }, 'second'),
      messageRecord({ roomId: '10', chatId: '3', date: at(3), userId: '5' }, 'third'),
    ],
    messages2: [messageRecord({ roomId: '11', chatId: '1', date: at(4), userId: '6' }, 'fourth'), messageRecord({ roomId: '11', chatId: '2', date: at(5), userId: '5' }, 'fifth')],
  };
}

const COUNTS = { principals: 3, affiliations: 1, categories: 1, rooms: 2, addins: 1, roles: 4, scopes: 1, messages: 5 };

/** The base package's parts, each record list changed by `change` first. */
export function baseParts(change: (records: BaseRecords) => void = () => undefined): Entry[] {
  const r = baseRecords();
  change(r);
  return [
    { name: 'Messages-000001.xml', data: partDocument('Messages-000001.xml', r.messages1) },
    { name: 'Messages-000002.xml', data: partDocument('Messages-000002.xml', r.messages2) },
    { name: 'ChatRooms.xml', data: partDocument('ChatRooms.xml', r.rooms) },
    { name: 'Addins.xml', data: partDocument('Addins.xml', r.addins) },
    { name: 'Categories.xml', data: partDocument('Categories.xml', r.categories) },
    { name: 'AdUsers.xml', data: partDocument('AdUsers.xml', r.users) },
    { name: 'AdGroups.xml', data: partDocument('AdGroups.xml', r.groups) },
    { name: 'AdAffiliations.xml', data: partDocument('AdAffiliations.xml', r.affiliations) },
  ];
}

/** A package of these parts with a true manifest (counts as the base's unless overridden). */
export function pack(parts: readonly Entry[], options: PackageOptions = {}): Promise<Buffer> {
  return packageOf(parts, { ...options, counts: { ...COUNTS, ...options.counts } });
}

/** The intact base package. */
export function basePackage(): Promise<Buffer> {
  return pack(baseParts());
}

/** The base package with one record list changed. */
const changed = (change: (records: BaseRecords) => void, options: PackageOptions = {}): Promise<Buffer> => pack(baseParts(change), options);

/** The base package with one part's text replaced through `edit` (the manifest lists the edited bytes). */
function edited(part: string, edit: (xml: string) => string, options: PackageOptions = {}): Promise<Buffer> {
  const parts = baseParts();
  const entry = parts.find((p) => p.name === part)!;
  const before = entry.data as string;
  const after = edit(before);
  if (after === before) throw new Error(`corpus: the edit of ${part} changed nothing`);
  return pack(withPart(parts, { name: part, data: after }), options);
}

/** The base package with one part's bytes replaced (for bytes that are not text). */
function withBytes(part: string, bytes: Buffer): Promise<Buffer> {
  return pack(withPart(baseParts(), { name: part, data: bytes }));
}

/** The base package with its second message part holding one message of `content` (XML text, escaped as needed). */
export function oneMessagePackage(content: string, compress = true, options: PackageOptions = {}): Promise<Buffer> {
  const parts = baseParts((r) => {
    r.messages2 = [messageRecord({ roomId: '11', chatId: '1', date: at(4), userId: '6' }, content)];
  });
  return pack(
    parts.map((p) => (p.name === 'Messages-000002.xml' ? { ...p, compress } : p)),
    { ...options, counts: { messages: 4, ...options.counts } },
  );
}

export interface Hostile {
  readonly name: string;
  readonly build: () => Promise<Buffer> | Buffer;
  /** What the error on stderr must say: the part (or the file) and the problem. */
  readonly error: RegExp;
}

const LONG = 'N'.repeat(300);

/** The base package with one more entry named `unsafe` (yazl refuses such names: a placeholder is renamed in the bytes). */
async function withUnsafeName(unsafe: string): Promise<Buffer> {
  const placeholder = 'z'.repeat(Buffer.byteLength(unsafe));
  return renameEntry(await pack(baseParts(), { extra: [{ name: placeholder, data: 'payload' }] }), placeholder, unsafe);
}

/** AdUsers.xml with the bytes C3 28 (a lead byte followed by no continuation byte) inside a name. */
function invalidUtf8(): Buffer {
  const [head, tail] = (baseParts().find((p) => p.name === 'AdUsers.xml')!.data as string).split('bob');
  return Buffer.concat([Buffer.from(`${head}b`, 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from(`b${tail}`, 'utf8')]);
}
const billionLaughs =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']>';

/** The corpus: each package is refused by the import, which names the part (or file) and the problem. */
export const CORPUS: readonly Hostile[] = [
  // The file and the ZIP.
  { name: 'not a ZIP', build: () => Buffer.from('<Pool>this is XML, not a ZIP</Pool>\n'.repeat(20)), error: /'.*' is not a valid ZIP package/ },
  { name: 'an empty file', build: () => Buffer.alloc(0), error: /'.*' is empty; it is not an export package/ },
  { name: 'a truncated ZIP', build: async () => (await basePackage()).subarray(0, 700), error: /'.*' is not a valid ZIP package/ },
  {
    name: "an entry named ../AdUsers.xml",
    build: () => withUnsafeName('../AdUsers.xml'),
    error: /is a damaged or unsafe ZIP: .*\.\.\/AdUsers\.xml/,
  },
  {
    name: 'an entry with an absolute path',
    build: () => withUnsafeName('/etc/cron.d/x'),
    error: /is a damaged or unsafe ZIP: .*\/etc\/cron\.d\/x/,
  },
  {
    name: 'an entry with a drive letter and backslashes',
    build: () => withUnsafeName('C:\\Windows\\x.xml'),
    error: /is a damaged or unsafe ZIP: .*C:\\Windows\\x\.xml/,
  },
  {
    name: 'a duplicate entry',
    build: async () => renameEntry(await pack(baseParts(), { extra: [{ name: 'AdUsers.xmX', data: partDocument('AdUsers.xml', [userRecord({ principalId: '7', guid: guid(7) })]) }] }), 'AdUsers.xmX', 'AdUsers.xml'),
    error: /the package contains the entry 'AdUsers\.xml' twice/,
  },
  { name: 'a folder entry', build: () => pack(baseParts(), { extra: [{ name: 'Parts/', data: '' }] }), error: /unexpected entry 'Parts\/'/ },
  { name: 'an unknown entry', build: () => pack(baseParts(), { extra: [{ name: 'setup.exe', data: 'MZ' }] }), error: /unexpected entry 'setup\.exe'/ },
  {
    name: 'more entries than a package may have (200,001 empty ones)',
    build: () => zipOfEmptyEntries(Array.from({ length: 200_001 }, (_, i) => `Messages-${String(i + 1).padStart(6, '0')}.xml`)),
    error: /has more than 200000 entries \(200001\)/,
  },
  {
    name: 'an entry flagged as encrypted',
    build: async () => setFlags(await basePackage(), 'ChatRooms.xml', 0x01),
    error: /ChatRooms\.xml: the part is encrypted; a package never is/,
  },
  {
    name: 'an entry in an unsupported compression method',
    build: async () => setMethod(await basePackage(), 'ChatRooms.xml', 12),
    error: /ChatRooms\.xml: the part uses ZIP compression method 12; a package uses only deflate \(8\) or none \(0\)/,
  },
  {
    name: 'a ZIP entry whose size lies (smaller than its data)',
    build: async () => {
      const parts = baseParts();
      const size = Buffer.byteLength(parts.find((p) => p.name === 'ChatRooms.xml')!.data) - 40;
      return declareSize(await pack(parts, { bytes: { 'ChatRooms.xml': size } }), 'ChatRooms.xml', size);
    },
    error: /ChatRooms\.xml: the part cannot be read: too many bytes in the stream/,
  },
  {
    name: 'a ZIP entry whose size lies (larger than its data)',
    build: async () => {
      const parts = baseParts();
      const size = Buffer.byteLength(parts.find((p) => p.name === 'ChatRooms.xml')!.data) + 40;
      return declareSize(await pack(parts, { bytes: { 'ChatRooms.xml': size } }), 'ChatRooms.xml', size);
    },
    error: /ChatRooms\.xml: the part cannot be read: not enough bytes in the stream/,
  },
  {
    name: 'a manifest whose part size lies',
    build: () => pack(baseParts(), { bytes: { 'AdGroups.xml': 12 } }),
    error: /AdGroups\.xml: the manifest says the part has 12 bytes but the ZIP entry has \d+/,
  },
  {
    name: 'a compression bomb beyond the ratio cap (20 MiB of one letter)',
    build: () => oneMessagePackage('a'.repeat(20 * 1024 * 1024)),
    error: /Messages-000002\.xml: the part expands \d+ times, over the limit of 200 \(.*-MaxCompressionRatio\)/,
  },
  {
    name: 'a compression bomb that declares a small size',
    // The manifest agrees with the lie, as an attacker would make it: only the bytes themselves give it away.
    build: async () => declareSize(await oneMessagePackage('a'.repeat(20 * 1024 * 1024), true, { bytes: { 'Messages-000002.xml': 4096 } }), 'Messages-000002.xml', 4096),
    error: /Messages-000002\.xml: the part cannot be read: too many bytes in the stream/,
  },

  // The XML.
  { name: 'a DOCTYPE with internal entities (billion laughs)', build: () => edited('AdUsers.xml', (x) => x.replace('?>', `?>${billionLaughs}`).replace('<Name>ann</Name>', '<Name>&lol9;</Name>')), error: /AdUsers\.xml: a DOCTYPE declaration is not allowed in a package part/ },
  {
    name: 'an external entity',
    build: () => edited('Messages-000001.xml', (x) => x.replace('?>', '?><!DOCTYPE Pool [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('>first<', '>&xxe;<')),
    error: /Messages-000001\.xml: a DOCTYPE declaration is not allowed in a package part/,
  },
  {
    name: 'an external entity in the manifest',
    build: () => pack(baseParts(), { prolog: '<!DOCTYPE Pool SYSTEM "http://attacker.example/evil.dtd">' }),
    error: /Manifest\.xml: a DOCTYPE declaration is not allowed in a package part/,
  },
  { name: 'a reference to an undeclared entity', build: () => edited('Messages-000001.xml', (x) => x.replace('>first<', '>&xxe;<')), error: /Messages-000001\.xml: the XML is malformed: .*undefined entity/ },
  { name: 'malformed XML (an element never closed)', build: () => edited('ChatRooms.xml', (x) => x.replace('<Desc>A</Desc>', '<Desc>A')), error: /ChatRooms\.xml: the XML is malformed: / },
  { name: 'the wrong root element', build: () => edited('Categories.xml', (x) => x.replace('<Pool ', '<Root ').replace('</Pool>', '</Root>')), error: /Categories\.xml: unexpected element <Root> where <Pool> was expected/ },
  { name: 'the wrong record element', build: () => edited('AdUsers.xml', (x) => x.replace('</AdUsers>', '<Script>alert(1)</Script></AdUsers>')), error: /AdUsers\.xml: unexpected element <Script> in <AdUsers>; only <User> records belong there/ },
  { name: 'text outside the records', build: () => edited('AdGroups.xml', (x) => x.replace('</AdGroups>', 'stray words</AdGroups>')), error: /AdGroups\.xml: unexpected text outside a <Group> record/ },
  {
    name: 'elements nested too deeply',
    build: () => edited('AdUsers.xml', (x) => x.replace('<Name>ann</Name>', `${'<X>'.repeat(20)}${'</X>'.repeat(20)}<Name>ann</Name>`)),
    error: /AdUsers\.xml: <X> is nested too deeply/,
  },
  { name: 'invalid UTF-8', build: () => withBytes('AdUsers.xml', invalidUtf8()), error: /AdUsers\.xml: the part is not valid UTF-8/ },
  {
    name: 'a part in UTF-16 with a byte-order mark',
    build: () => withBytes('AdGroups.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(baseParts().find((p) => p.name === 'AdGroups.xml')!.data as string, 'utf16le')])),
    error: /AdGroups\.xml: the part is not valid UTF-8/,
  },
  { name: 'a raw NUL byte in an attribute', build: () => edited('AdUsers.xml', (x) => x.replace('type="User"', 'type="Us\u0000er"')), error: /AdUsers\.xml: the XML is malformed: .*disallowed character/ },
  { name: 'a character reference to NUL', build: () => edited('Messages-000001.xml', (x) => x.replace('>first<', '>fi&#0;rst<')), error: /Messages-000001\.xml: the XML is malformed: .*malformed character entity/ },
  {
    name: 'an XML 1.1 declaration with control characters',
    build: () => edited('Messages-000001.xml', (x) => x.replace('version="1.0"', 'version="1.1"').replace('>first<', '>fi&#1;rst<')),
    error: /Messages-000001\.xml: the XML is malformed: .*malformed character entity/,
  },
  { name: 'invalid base64 text', build: () => edited('Messages-000001.xml', (x) => x.replace('<Content>first</Content>', '<Content encoding="base64">not base64!</Content>')), error: /Messages-000001\.xml: record 1 \(<Message id="\d+">\): <Content> is marked base64 but is not valid base64 text/ },

  // The manifest and the parts it lists.
  { name: 'no manifest', build: () => pack(baseParts(), { omitManifest: true }), error: /the package has no Manifest\.xml/ },
  { name: 'a part the manifest lists missing from the ZIP', build: () => pack(baseParts().filter((p) => p.name !== 'Addins.xml'), { listed: baseParts() }), error: /the manifest lists the part 'Addins\.xml', but the package does not contain it/ },
  { name: 'a part the manifest does not list', build: () => pack(baseParts(), { listed: baseParts().filter((p) => p.name !== 'Addins.xml') }), error: /the package contains the part 'Addins\.xml', which its manifest does not list/ },
  { name: 'a part listed twice in the manifest', build: () => pack(baseParts(), { listed: [...baseParts(), baseParts()[1]!], counts: { messages: 7 } }), error: /Manifest\.xml: the manifest lists the part 'Messages-000002\.xml' twice/ },
  { name: 'an unknown format version', build: () => pack(baseParts(), { formatVersion: '2' }), error: /Manifest\.xml: the package has format version 2, and this version of PersistentChatMigration reads version 1/ },
  { name: 'a part of another format version', build: () => edited('ChatRooms.xml', (x) => x.replace('formatVersion="1"', 'formatVersion="2"')), error: /ChatRooms\.xml: the part has format version "2" but the manifest says 1/ },
  {
    name: 'a checksum mismatch',
    // Same size, still well-formed: only the SHA-256 the manifest lists tells.
    build: () => pack(withPart(baseParts(), { name: 'Messages-000002.xml', data: partDocument('Messages-000002.xml', baseRecords().messages2).replace('fourth', 'FOURTH') }), { listed: baseParts() }),
    error: /Messages-000002\.xml: the SHA-256 checksum does not match the manifest/,
  },
  { name: 'a manifest count that lies (rooms)', build: () => pack(baseParts(), { counts: { rooms: 5 } }), error: /Manifest\.xml: the manifest counts 5 rooms but the package holds 2/ },
  { name: 'a manifest count that lies (messages)', build: () => pack(baseParts(), { counts: { messages: 9 } }), error: /Manifest\.xml: the manifest counts 9 messages but the package holds 5/ },

  // Records and references.
  { name: 'a dangling principal in a room role', build: () => changed((r) => (r.rooms[0] = r.rooms[0]!.replace('<Principal id="5"', '<Principal id="99"'))), error: /ChatRooms\.xml: record 1 \(<ChatRoom id="10">\): the Member role refers to principal 99, which the package does not contain/ },
  { name: 'a dangling principal in a category scope', build: () => changed((r) => (r.categories[1] = r.categories[1]!.replace('<Principal id="20"', '<Principal id="99"'))), error: /Categories\.xml: record 2 \(<Category id="2">\): the scope refers to principal 99/ },
  { name: 'a dangling principal in a category role', build: () => changed((r) => (r.categories[1] = r.categories[1]!.replace('<Principal id="6"', '<Principal id="99"'))), error: /Categories\.xml: record 2 \(<Category id="2">\): the Creator role refers to principal 99/ },
  { name: 'a dangling group in a membership', build: () => changed((r) => (r.affiliations = [affiliationRecord('5', [['99', '1']])])), error: /AdAffiliations\.xml: record 1 \(<User id="5">\): a membership of principal 5 refers to principal 99/ },
  { name: 'a membership of a principal the package lacks', build: () => changed((r) => (r.affiliations = [affiliationRecord('99', [['20', '1']])])), error: /AdAffiliations\.xml: record 1 \(<User id="99">\): the membership list refers to principal 99/ },
  { name: 'a dangling poster', build: () => changed((r) => (r.messages2[1] = r.messages2[1]!.replace('userId="5"', 'userId="99"'))), error: /Messages-000002\.xml: record 2 \(<Message id="\d+">\): the message refers to principal 99, which the package does not contain/ },
  { name: 'a message in a room the package lacks', build: () => changed((r) => (r.messages2[0] = r.messages2[0]!.replace('roomId="11"', 'roomId="77"'))), error: /Messages-000002\.xml: record 1 \(<Message id="\d+">\): the message's room 77 is not in the package/ },
  { name: 'a room in a category the package lacks', build: () => changed((r) => (r.rooms[1] = r.rooms[1]!.replace('categoryId="2"', 'categoryId="77"'))), error: /ChatRooms\.xml: record 2 \(<ChatRoom id="11">\): the room's category 77 is not in the package/ },
  { name: 'a room using an add-in the package lacks', build: () => changed((r) => (r.addins = []), { counts: { addins: 0 } }), error: /ChatRooms\.xml: record 1 \(<ChatRoom id="10">\): the room uses add-in 6f1b2c3d-0000-4000-8000-000000000384, which the package does not contain/ },
  { name: 'a category whose parent the package lacks', build: () => changed((r) => (r.categories[1] = r.categories[1]!.replace('parentId="1"', 'parentId="77"'))), error: /Categories\.xml: the category 'Hostile Category' \(id 2\) has parent 77, which the package does not contain/ },
  {
    name: 'categories in a cycle',
    build: () =>
      changed(
        (r) => {
          r.categories[1] = r.categories[1]!.replace('parentId="1"', 'parentId="3"');
          r.categories.push(categoryRecord({ id: '3', guid: guid(3), parentId: '2' }, '<Name>Loop</Name><Desc></Desc><Scope></Scope><Roles></Roles>'));
        },
        { counts: { categories: 2 } },
      ),
    error: /Categories\.xml: the categories containing '.*' form a cycle/,
  },
  { name: 'a principal twice', build: () => changed((r) => r.users.push(r.users[0]!)), error: /AdUsers\.xml: record 3 \(<User id="5">\): principal 5 appears twice in the package/ },
  { name: 'chat ids going backwards', build: () => changed((r) => (r.messages1[2] = r.messages1[2]!.replace('chatId="3"', 'chatId="1"'))), error: /Messages-000001\.xml: record 3 \(<Message id="\d+">\): chat ids of room 10 go backwards \(1 after 2\)/ },
  { name: 'a room name over 256 characters', build: () => changed((r) => (r.rooms[1] = r.rooms[1]!.replace(`<Name>${ROOM_B}</Name>`, `<Name>${LONG}</Name>`))), error: /ChatRooms\.xml: record 2 \(<ChatRoom id="11">\): <Name> is 300 characters long; the limit is 256/ },
  {
    name: 'a flattened name over 256 characters (Group Chat 2010 subcategory)',
    build: () =>
      changed(
        (r) => {
          r.categories[1] = r.categories[1]!.replace(`<Name>${CATEGORY}</Name>`, `<Name>${'P'.repeat(200)}</Name>`);
          r.categories.push(categoryRecord({ id: '3', guid: guid(3), parentId: '2' }, `<Name>${'C'.repeat(100)}</Name><Desc></Desc><Scope></Scope><Roles></Roles>`));
          r.rooms[1] = r.rooms[1]!.replace('categoryId="2"', 'categoryId="3"');
        },
        { counts: { categories: 2 }, sourceSchema: 'GroupChat2010' },
      ),
    error: /Category 'P{200} - C{100}': The flattened category name is 303 characters long; the limit is 256/,
  },
  { name: 'a date that is not ticks', build: () => changed((r) => (r.messages1[1] = r.messages1[1]!.replace(/date="\d+"/, 'date="yesterday"'))), error: /Messages-000001\.xml: record 2 \(<Message id="\d+">\): the attribute date="yesterday" is not a valid date in \.NET ticks/ },
  { name: 'ticks beyond DateTime.MaxValue', build: () => changed((r) => (r.users[1] = r.users[1]!.replace(`addedOn="${TICKS}"`, 'addedOn="3155378976000000000"'))), error: /AdUsers\.xml: record 2 \(<User id="6">\): the attribute addedOn="3155378976000000000" is not a valid date in \.NET ticks/ },
  { name: 'negative ticks', build: () => changed((r) => (r.rooms[0] = r.rooms[0]!.replace(`updatedOn="${TICKS}"`, 'updatedOn="-1"'))), error: /ChatRooms\.xml: record 1 \(<ChatRoom id="10">\): the attribute updatedOn="-1" is not a valid date in \.NET ticks/ },
  { name: 'a GUID that is not one', build: () => changed((r) => (r.groups[0] = r.groups[0]!.replace(guid(20), 'not-a-guid'))), error: /AdGroups\.xml: record 1 \(<Group id="20">\): the attribute guid="not-a-guid" is not a GUID/ },
  { name: 'a flag that is not 1 or 0', build: () => changed((r) => (r.rooms[0] = r.rooms[0]!.replace('isDisabled="0"', 'isDisabled="yes"'))), error: /ChatRooms\.xml: record 1 \(<ChatRoom id="10">\): the attribute isDisabled="yes" must be 1 or 0/ },
  { name: 'an unknown principal type', build: () => changed((r) => (r.users[0] = r.users[0]!.replace('type="User"', 'type="Admin"'))), error: /AdUsers\.xml: record 1 \(<User id="5">\): the attribute type="Admin" is not a principal type/ },
  { name: 'an add-in URL that is not http(s)', build: () => changed((r) => (r.addins[0] = r.addins[0]!.replace('https://wiki.hostile.example/', 'javascript:alert(1)'))), error: /Addins\.xml: record 1 \(<Addin id=".*">\): the add-in URL "javascript:alert\(1\)" must start with http:\/\/ or https:\/\// },
];

/** Random text (base64 of random bytes: it does not compress, so no ratio limit applies) of `chars` characters. */
export function randomText(chars: number): string {
  return randomBytes(Math.ceil((chars * 3) / 4)).toString('base64').slice(0, chars);
}

/** The base package with one message of `chars` random characters, stored without compression. */
export function bigMessagePackage(chars: number, text = randomText(chars)): Promise<Buffer> {
  return oneMessagePackage(text, false);
}

/** Packages that differ from the base only in form: each must import to exactly the base's result. */
export const ACCEPTED: readonly { name: string; build: () => Promise<Buffer> }[] = [
  { name: 'the base package', build: basePackage },
  { name: 'a part with a UTF-8 byte-order mark', build: () => withBytes('AdGroups.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(baseParts().find((p) => p.name === 'AdGroups.xml')!.data as string, 'utf8')])) },
  { name: 'text in CDATA sections', build: () => edited('Messages-000001.xml', (x) => x.replace('<Content>first</Content>', '<Content><![CDATA[fir]]><![CDATA[st]]></Content>')) },
  {
    name: 'whitespace between records, and parts stored without compression',
    build: () => pack(baseParts().map((p) => ({ ...p, data: (p.data as string).replace(/(<\/(?:User|Group|Category|ChatRoom|Addin|Message)>)/g, '$1\n  '), compress: false }))),
  },
];
