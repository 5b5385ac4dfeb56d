/**
 * The export package (docs/package-format.md): a ZIP of XML parts at its root, each with root element <Pool>.
 * AdUsers, AdGroups, AdAffiliations and ChatRooms follow what is known of Microsoft's package (domain.md §6.2) and
 * are a hard contract; Categories, Addins, Messages-NNNNNN and Manifest are ours.
 */
export const FORMAT_VERSION = 1;
export const PRODUCER = 'PersistentChatMigration';

export const PART = {
  manifest: 'Manifest.xml',
  users: 'AdUsers.xml',
  groups: 'AdGroups.xml',
  affiliations: 'AdAffiliations.xml',
  categories: 'Categories.xml',
  rooms: 'ChatRooms.xml',
  addins: 'Addins.xml',
} as const;

/** What PackageWriter calls the file it writes beside -FileName until the package is whole and renamed into place. */
export const PARTIAL_SUFFIX = '.pcm-partial';

export const MESSAGE_PART = /^Messages-(\d{6})\.xml$/;
export const messagePartName = (index: number): string => `Messages-${String(index).padStart(6, '0')}.xml`;

/** Element path from the root to each part's repeated record element. */
export const RECORD_PATH = {
  [PART.manifest]: ['Pool', 'Manifest'],
  [PART.users]: ['Pool', 'AdUsers', 'User'],
  [PART.groups]: ['Pool', 'AdGroups', 'Group'],
  [PART.affiliations]: ['Pool', 'AdAffiliations', 'User'],
  [PART.categories]: ['Pool', 'Categories', 'Category'],
  [PART.rooms]: ['Pool', 'ChatRooms', 'ChatRoom'],
  [PART.addins]: ['Pool', 'Addins', 'Addin'],
  messages: ['Pool', 'Messages', 'Message'],
} as const;

export function recordPathOf(part: string): readonly string[] | undefined {
  if (MESSAGE_PART.test(part)) return RECORD_PATH.messages;
  return (RECORD_PATH as Record<string, readonly string[]>)[part];
}

/** Parts in the order an import reads them: everything a message refers to comes first. */
export const STRUCTURE_PARTS = [PART.users, PART.groups, PART.affiliations, PART.addins, PART.categories, PART.rooms] as const;

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Wraps records in the part's document: declaration, <Pool>, the collection element. */
export function partPrologue(part: string): string {
  const path = recordPathOf(part)!;
  return `${XML_DECLARATION}<Pool formatVersion="${FORMAT_VERSION}">` + (path.length === 3 ? `<${path[1]}>` : '');
}

export function partEpilogue(part: string): string {
  const path = recordPathOf(part)!;
  return (path.length === 3 ? `</${path[1]}>` : '') + '</Pool>';
}
