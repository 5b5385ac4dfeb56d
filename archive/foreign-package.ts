/**
 * Packages written by Microsoft's own Export-CsPersistentChatData (issue 12, item 5). Of Microsoft's format only
 * what PChat2Teams reads is known (domain.md §6.2): AdUsers.xml, AdGroups.xml, AdAffiliations.xml and ChatRooms.xml at
 * the ZIP root, root element <Pool>, principalId, UserPrincipalName, AdAffiliations/User/@id with Groups/Group/@id,
 * ChatRoom/@isDisabled, Name/Desc/Roles and Roles/Principal/@id @isManager @isMember @isCreator. Such a package has no
 * Manifest.xml; this file decides when a manifest-less package is Microsoft's (and not one of ours that lost its
 * manifest), stands in for the manifest, and fills in what Microsoft's records may lack, so that the strict record
 * decoders (record-decoders.ts) then check every record exactly as they check ours. Choices: docs/decisions.md,
 * "Issue 12, item 5".
 */
import { createHash } from 'node:crypto';
import { PackageError } from '../core/errors.js';
import { ticksFromDate } from '../core/ticks.js';
import type { Manifest } from './manifest.js';
import { FORMAT_VERSION, PART } from './package-format.js';
import { child, type XmlElement } from './xml-reader.js';

/** The parts a package of Microsoft's holds, as PChat2Teams reads them; all four must be there. */
export const FOREIGN_PARTS = [PART.users, PART.groups, PART.affiliations, PART.rooms] as const;

/** The one category every room of such a package goes into (the package has no categories). */
export const FOREIGN_CATEGORY_NAME = 'Imported Persistent Chat rooms';
const FOREIGN_ROOT_ID = 1;
const FOREIGN_CATEGORY_ID = 2;
/** Rooms without an id are numbered from here, by their position in ChatRooms.xml. */
const FOREIGN_ROOM_ID_BASE = 1_000_000_000;

/** The error a manifest-less package of ours gets (the same text as before issue 12). */
export function noManifestError(): PackageError {
  return new PackageError(`the package has no ${PART.manifest}; it was not written by Export-CsPersistentChatData of PersistentChatMigration, or it is incomplete`);
}

/**
 * A package without a manifest is taken for Microsoft's only when it holds exactly the four parts PChat2Teams reads:
 * any part of our own (Categories.xml, Addins.xml, Messages-NNNNNN.xml) says it is ours, and ours needs its manifest.
 * The part documents' roots are checked as they are read (see rootIsOurs).
 */
export function isForeignPackage(names: ReadonlySet<string> | Iterable<string>): boolean {
  const set = new Set(names);
  return set.size === FOREIGN_PARTS.length && FOREIGN_PARTS.every((p) => set.has(p));
}

/** Our part documents' <Pool> carries formatVersion; Microsoft's is not known to. A part that has it is ours. */
export function rootIsOurs(attributes: Readonly<Record<string, string>>): boolean {
  return attributes.formatVersion !== undefined;
}

/** What the import says once about such a package: what could not be checked. */
export function foreignWarning(): string {
  return (
    `The package has no ${PART.manifest}: it is taken for a package of Microsoft's Export-CsPersistentChatData (${FOREIGN_PARTS.join(', ')}). ` +
    'It carries no checksums and no record counts, so these could not be checked: the SHA-256 of each part, the number of records in each part, ' +
    'and the totals of principals, categories, rooms, add-ins and messages. Every other check applied. ' +
    `It holds no categories, add-ins or messages: its rooms go into one category named '${FOREIGN_CATEGORY_NAME}' with no allowed members; ` +
    'set them with Set-CsPersistentChatCategory -AllowedMembers after the import.'
  );
}

/** The manifest's stand-in: the four parts with their sizes in the ZIP, no checksums, unknown counts (never compared). */
export function foreignManifest(bytesOf: (part: string) => number): Manifest {
  return {
    formatVersion: FORMAT_VERSION,
    producer: 'Microsoft Export-CsPersistentChatData (no Manifest.xml)',
    producerVersion: '',
    sourceSchema: 'PersistentChat2013',
    source: '',
    level: 'All',
    scope: [],
    startDate: null,
    createdOn: ticksFromDate(new Date()),
    counts: { principals: 0, affiliations: 0, categories: 0, rooms: 0, addins: 0, roles: 0, scopes: 0, messages: 0 },
    parts: FOREIGN_PARTS.map((name) => ({ name, sha256: '', bytes: bytesOf(name), records: 0 })),
  };
}

/** A name-based GUID (SHA-1, laid out as a version 5 UUID): the same input gives the same GUID on every import. */
function derivedGuid(kind: string, key: string): string {
  const h = createHash('sha1').update(`PersistentChatMigration foreign ${kind}\0${key}`, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const textElement = (name: string, text: string): XmlElement => ({ name, attributes: {}, children: [], text });

/**
 * Fills in what a record of Microsoft's may lack, with the values docs/decisions.md names; whatever the record holds
 * is kept as it is, and checked afterwards by the strict decoder. `position` is the record's 1-based place in its part.
 */
export function lenientRecord(part: string, e: XmlElement, position: number, now: string): XmlElement {
  const a: Record<string, string> = { ...e.attributes };
  const children = [...e.children];
  const fill = (name: string, value: string): void => {
    if (a[name] === undefined) a[name] = value;
  };
  if (part === PART.users || part === PART.groups) {
    // PChat2Teams reads principalId and UserPrincipalName through PowerShell's [xml], which reads attributes and
    // child elements alike: either form is accepted.
    const idElement = child(e, 'principalId');
    if (a.principalId === undefined && idElement) a.principalId = idElement.text.trim();
    if (a.UserPrincipalName !== undefined && !child(e, 'UserPrincipalName')) children.push(textElement('UserPrincipalName', a.UserPrincipalName));
    fill('type', e.name === 'Group' ? 'Group' : 'User');
    fill('disabled', '0');
    fill('addedOn', now);
    fill('updatedOn', now);
    // Keyed by the URI (which the target matches principals by); with no URI the decoder refuses the record anyway.
    fill('guid', derivedGuid('principal', (child(e, 'Uri')?.text ?? `#${a.principalId ?? position}`).toLowerCase()));
    return { name: e.name, attributes: a, children, text: e.text };
  }
  if (part === PART.affiliations) {
    const groups = child(e, 'Groups');
    if (!groups) return e;
    const numbered = groups.children.map((g, i) => (g.attributes.index === undefined ? { ...g, attributes: { ...g.attributes, index: String(i) } } : g));
    return { ...e, children: e.children.map((c) => (c === groups ? { ...groups, children: numbered } : c)) };
  }
  if (part === PART.rooms) {
    fill('id', String(FOREIGN_ROOM_ID_BASE + position));
    fill('guid', derivedGuid('room', (child(e, 'Name')?.text ?? `#${position}`).toLowerCase()));
    // The package has no categories: whatever category a room names, it goes into the one made for it.
    a.categoryId = String(FOREIGN_CATEGORY_ID);
    fill('privacy', 'Closed');
    fill('type', 'Normal');
    fill('addedOn', now);
    fill('updatedOn', now);
    return { name: e.name, attributes: a, children, text: e.text };
  }
  return e;
}

/** Categories.xml as it would read for such a package: the root, and the one category its rooms go into. */
export function foreignCategories(now: string): XmlElement[] {
  const category = (id: number, parentId: number, name: string, inScope: string): XmlElement => ({
    name: 'Category',
    attributes: { id: String(id), guid: derivedGuid('category', name.toLowerCase()), parentId: String(parentId), addedOn: now, updatedOn: now, inScope },
    children: [textElement('Name', name), textElement('Desc', ''), { name: 'Scope', attributes: {}, children: [], text: '' }, { name: 'Roles', attributes: {}, children: [], text: '' }],
    text: '',
  });
  return [category(FOREIGN_ROOT_ID, FOREIGN_ROOT_ID, 'Root', '0'), category(FOREIGN_CATEGORY_ID, FOREIGN_ROOT_ID, FOREIGN_CATEGORY_NAME, '1')];
}
