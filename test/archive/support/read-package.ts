/**
 * Reads a whole package the way an import does: every part the manifest lists, record by record through
 * PackageReader.records() (so sizes and checksums are verified), each record decoded by archive/record-decoders.ts.
 * Tests compare the result with what was written, or expect the PackageError reading it raises.
 */
import { PackageReader, type PackageSource } from '../../../archive/package-reader.js';
import type { PackageLimits } from '../../../archive/limits.js';
import { MESSAGE_PART, PART } from '../../../archive/package-format.js';
import { decodeAddin, decodeAffiliations, decodeCategory, decodeChat, decodePrincipal, decodeRoom, RecordSite } from '../../../archive/record-decoders.js';
import type { Addin, Affiliation, Chat, Principal } from '../../../core/model.js';
import type { CategoryRecord, RoomRecord } from '../../../core/records.js';

export interface PackageContents {
  users: Principal[];
  groups: Principal[];
  /** One list per <User> of AdAffiliations.xml. */
  affiliations: Affiliation[][];
  categories: CategoryRecord[];
  rooms: RoomRecord[];
  addins: Addin[];
  /** Messages per message part. */
  messages: Record<string, Chat[]>;
}

const MAX_CONTENT_CHARS = 64 * 1024 * 1024;

export async function readContents(reader: PackageReader): Promise<PackageContents> {
  const contents: PackageContents = { users: [], groups: [], affiliations: [], categories: [], rooms: [], addins: [], messages: {} };
  for (const { name } of reader.manifest.parts) {
    const site = new RecordSite(name);
    for await (const batch of reader.records(name)) {
      for (const element of batch) {
        site.index++;
        if (name === PART.users) contents.users.push(decodePrincipal(site, element));
        else if (name === PART.groups) contents.groups.push(decodePrincipal(site, element));
        else if (name === PART.affiliations) contents.affiliations.push(decodeAffiliations(site, element));
        else if (name === PART.categories) contents.categories.push(decodeCategory(site, element));
        else if (name === PART.rooms) contents.rooms.push(decodeRoom(site, element));
        else if (name === PART.addins) contents.addins.push(decodeAddin(site, element));
        else if (MESSAGE_PART.test(name)) (contents.messages[name] ??= []).push(decodeChat(site, element, MAX_CONTENT_CHARS));
        else throw new Error(`read-package: no decoder for ${name}`);
      }
    }
  }
  return contents;
}

/** Opens a package, reads all of it and closes it again. */
export async function readPackage(source: PackageSource | string, limits?: PackageLimits): Promise<PackageContents> {
  const reader = await PackageReader.open(typeof source === 'string' ? { path: source } : source, limits);
  try {
    return await readContents(reader);
  } finally {
    reader.close();
  }
}
