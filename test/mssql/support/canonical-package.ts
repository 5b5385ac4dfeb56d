/**
 * An export package in a form that two dialects can be compared by: database ids (principal, node and room ids,
 * which each target assigns itself) are replaced by the GUIDs they stand for, records and their children are
 * sorted, and the manifest keeps only what describes the data (schema, level, counts), not when or from where it was
 * written. Two packages with equal canonical forms carry the same principals, memberships, categories, rooms,
 * roles, scopes, add-ins and messages, text for text.
 */
import type { XmlElement } from '../../../archive/xml-reader.js';
import { readPackage } from '../../migration/support/fixture.js';

type Element = { name: string; attributes: Record<string, string>; children: unknown[]; text?: string };

const PRINCIPAL_REFS = new Set(['addedBy', 'updatedBy', 'userId']);
const NODE_REFS = new Set(['parentId', 'categoryId', 'roomId']);

export async function canonicalPackage(zip: string): Promise<Record<string, string[]>> {
  const parts = await readPackage(zip);
  const principals = new Map<string, string>();
  const nodes = new Map<string, string>();
  for (const part of ['AdUsers.xml', 'AdGroups.xml']) for (const r of parts.get(part) ?? []) principals.set(r.attributes.principalId!, r.attributes.guid!);
  for (const part of ['Categories.xml', 'ChatRooms.xml']) for (const r of parts.get(part) ?? []) nodes.set(r.attributes.id!, r.attributes.guid!);

  const canon = (element: Element): unknown => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(element.attributes).sort(([a], [b]) => a.localeCompare(b))) {
      if (key === 'principalId') continue; // the record's guid identifies it
      if (key === 'id' && (element.name === 'Category' || element.name === 'ChatRoom')) continue;
      if (key === 'id' && element.name !== 'Addin') attributes[key] = `principal ${principals.get(value) ?? `?${value}`}`;
      else if (PRINCIPAL_REFS.has(key)) attributes[key] = `principal ${principals.get(value) ?? `?${value}`}`;
      else if (NODE_REFS.has(key)) attributes[key] = `node ${nodes.get(value) ?? `?${value}`}`;
      else attributes[key] = value;
    }
    const children = (element.children as Element[]).map((c) => JSON.stringify(canon(c))).sort();
    return { name: element.name, attributes, text: (element as XmlElement).text ?? '', children };
  };

  const out: Record<string, string[]> = {};
  for (const [part, records] of parts) {
    if (part === 'Manifest.xml') {
      const manifest = records[0]!;
      const counts = (manifest.children as Element[]).find((c) => c.name === 'Counts');
      out.Manifest = [JSON.stringify({ sourceSchema: manifest.attributes.sourceSchema, level: manifest.attributes.level, counts: counts?.attributes })];
      continue;
    }
    const key = part.startsWith('Messages-') ? 'Messages' : part.replace(/\.xml$/, '');
    (out[key] ??= []).push(...records.map((r) => JSON.stringify(canon(r as Element))));
  }
  for (const key of Object.keys(out)) out[key]!.sort();
  return out;
}
