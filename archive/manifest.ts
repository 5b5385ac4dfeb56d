/** Manifest.xml: what the package holds and how to check it (format version, source, filters, counts, SHA-256 per part). */
import { PackageError } from '../core/errors.js';
import { excerpt } from '../core/excerpt.js';
import { EXPORT_LEVELS, SCHEMA_KINDS, type ExportLevel, type SchemaKind } from '../core/model.js';
import { parseTicks, type Ticks } from '../core/ticks.js';
import { FORMAT_VERSION, PART, partEpilogue, partPrologue } from './package-format.js';
import { attribute, decodeBase64Text, textElement } from './xml-text.js';
import { child, type XmlElement } from './xml-reader.js';

export interface PartInfo {
  name: string;
  sha256: string;
  bytes: number;
  records: number;
}

export const COUNT_NAMES = ['principals', 'affiliations', 'categories', 'rooms', 'addins', 'roles', 'scopes', 'messages'] as const;
export type CountName = (typeof COUNT_NAMES)[number];

export interface Manifest {
  formatVersion: number;
  producer: string;
  producerVersion: string;
  sourceSchema: SchemaKind;
  source: string;
  level: ExportLevel;
  scope: string[];
  startDate: Ticks | null;
  createdOn: Ticks;
  counts: Record<CountName, number>;
  parts: PartInfo[];
}

export function encodeManifest(m: Manifest): string {
  let parts = '';
  for (const p of m.parts) {
    parts += `<Part${attribute('name', p.name)}${attribute('sha256', p.sha256)}${attribute('bytes', p.bytes)}${attribute('records', p.records)}/>`;
  }
  let counts = '<Counts';
  for (const name of COUNT_NAMES) counts += attribute(name, m.counts[name]);
  counts += '/>';
  return (
    partPrologue(PART.manifest) +
    `<Manifest${attribute('producer', m.producer)}${attribute('producerVersion', m.producerVersion)}` +
    `${attribute('sourceSchema', m.sourceSchema)}${attribute('level', m.level)}${attribute('createdOn', m.createdOn)}` +
    `${attribute('startDate', m.startDate)}>` +
    textElement('Source', m.source) +
    `<Scope>${m.scope.map((s) => textElement('Category', s)).join('')}</Scope>` +
    counts +
    `<Parts>${parts}</Parts>` +
    '</Manifest>' +
    partEpilogue(PART.manifest)
  );
}

const fail = (message: string): never => {
  throw new PackageError(message, { part: PART.manifest });
};

function nonNegative(e: XmlElement, name: string): number {
  const text = e.attributes[name];
  if (text === undefined || !/^\d{1,15}$/.test(text)) fail(`<${e.name}> needs a whole number in ${name} (found "${excerpt(text ?? '')}")`);
  return Number(text);
}

function elementText(e: XmlElement): string {
  if (e.attributes.encoding === 'base64') return decodeBase64Text(e.text) ?? fail(`<${e.name}> holds invalid base64`);
  return e.text;
}

export function decodeManifest(e: XmlElement, rootVersion: string | undefined): Manifest {
  const version = Number(rootVersion ?? e.attributes.formatVersion);
  if (!Number.isInteger(version) || version < 1) fail(`the format version "${excerpt(rootVersion ?? '')}" is not valid`);
  if (version > FORMAT_VERSION) {
    fail(`the package has format version ${version}, and this version of PersistentChatMigration reads version ${FORMAT_VERSION}. Use a newer version to import it.`);
  }
  const a = e.attributes;
  const sourceSchema = SCHEMA_KINDS.find((k) => k === a.sourceSchema) ?? fail(`sourceSchema "${excerpt(a.sourceSchema ?? '')}" is not one of ${SCHEMA_KINDS.join(', ')}`);
  const level = EXPORT_LEVELS.find((l) => l === a.level) ?? fail(`level "${excerpt(a.level ?? '')}" is not one of ${EXPORT_LEVELS.join(', ')}`);
  const createdOn = parseTicks(a.createdOn ?? '') ?? fail(`createdOn "${excerpt(a.createdOn ?? '')}" is not a valid date in ticks`);
  const startDate = a.startDate === undefined ? null : (parseTicks(a.startDate) ?? fail(`startDate "${excerpt(a.startDate)}" is not a valid date in ticks`));
  const countsElement = child(e, 'Counts') ?? fail('<Counts> is missing');
  const counts = Object.fromEntries(COUNT_NAMES.map((n) => [n, nonNegative(countsElement, n)])) as Record<CountName, number>;
  const partsElement = child(e, 'Parts') ?? fail('<Parts> is missing');
  const parts = partsElement.children.map((p): PartInfo => {
    if (p.name !== 'Part') fail(`unexpected element <${excerpt(p.name)}> in <Parts>`);
    const sha256 = p.attributes.sha256 ?? '';
    if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`part "${excerpt(p.attributes.name ?? '')}" has no valid sha256`);
    return { name: p.attributes.name ?? fail('a <Part> has no name'), sha256, bytes: nonNegative(p, 'bytes'), records: nonNegative(p, 'records') };
  });
  // A part listed twice would be read twice: its messages imported twice.
  const listed = new Set<string>();
  for (const p of parts) {
    if (listed.has(p.name)) fail(`the manifest lists the part '${excerpt(p.name)}' twice`);
    listed.add(p.name);
  }
  return {
    formatVersion: version,
    producer: a.producer ?? '',
    producerVersion: a.producerVersion ?? '',
    sourceSchema,
    source: child(e, 'Source') ? elementText(child(e, 'Source')!) : '',
    level,
    scope: (child(e, 'Scope')?.children ?? []).map(elementText),
    startDate,
    createdOn,
    counts,
    parts,
  };
}
