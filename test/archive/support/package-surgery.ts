/**
 * Surgery on real packages written by Export-CsPersistentChatData, for tests that need a package the exporter would
 * not write: message parts split finer (so that an import crosses many part boundaries), or one part changed with its
 * checksum made to match again (so that the damage is found only when that part is read). Entries are read with
 * yauzl, re-assembled with package-builder.ts's zipOf, and the manifest's <Parts> list is rewritten to match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import yauzl from 'yauzl';
import { attributes, recordCount, sha256, zipOf, type Entry } from './package-builder.js';

/** Every entry of a ZIP, in order, with its uncompressed bytes. */
export function readEntries(zip: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const entries: Entry[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** The central directory's view of every entry of a ZIP (CRC-32, sizes, offsets, extra fields), in order. */
export async function centralDirectory(zip: Buffer): Promise<yauzl.Entry[]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      file.readEntry();
    });
    file.on('end', resolve);
    file.on('error', reject);
    file.readEntry();
  });
  file.close();
  return entries;
}

const MESSAGE_PART = /^Messages-\d{6}\.xml$/;
const text = (e: Entry): string => (typeof e.data === 'string' ? e.data : e.data.toString('utf8'));

/** The <Message> records of a message part, as the XML text the exporter wrote. */
export function messageRecords(part: Entry): string[] {
  return text(part).match(/<Message [^>]*>.*?<\/Message>/gs) ?? [];
}

function messagePart(index: number, records: readonly string[]): Entry {
  const name = `Messages-${String(index).padStart(6, '0')}.xml`;
  return { name, data: `<?xml version="1.0" encoding="utf-8"?><Pool formatVersion="1"><Messages>${records.join('')}</Messages></Pool>` };
}

/** Rewrites Manifest.xml's <Parts> to list these parts (true size, SHA-256 and record count), keeping the rest. */
export function relist(entries: readonly Entry[]): Entry[] {
  const manifest = entries.find((e) => e.name === 'Manifest.xml');
  if (!manifest) throw new Error('package-surgery: no Manifest.xml');
  const parts = entries.filter((e) => e.name !== 'Manifest.xml');
  const list = parts
    .map((p) => `<Part${attributes({ name: p.name, sha256: sha256(p.data), bytes: String(Buffer.byteLength(p.data)), records: String(recordCount(p)) })}/>`)
    .join('');
  const rewritten = text(manifest).replace(/<Parts>.*<\/Parts>/s, `<Parts>${list}</Parts>`);
  return [...parts, { name: 'Manifest.xml', data: rewritten }];
}

/** The same package with its messages in parts of at most `perPart` records (the manifest rewritten to match). */
export function splitMessages(entries: readonly Entry[], perPart: number): Entry[] {
  const records = entries.filter((e) => MESSAGE_PART.test(e.name)).flatMap(messageRecords);
  const others = entries.filter((e) => !MESSAGE_PART.test(e.name));
  const parts: Entry[] = [];
  for (let i = 0; i < records.length; i += perPart) parts.push(messagePart(parts.length + 1, records.slice(i, i + perPart)));
  // Message parts come first, as the exporter writes them; the manifest stays last.
  return relist([...parts, ...others]);
}

/** Replaces one entry's text through `edit`; with `relisted`, the manifest is rewritten so its checksum matches. */
export function editPart(entries: readonly Entry[], name: string, edit: (xml: string) => string, relisted = true): Entry[] {
  let found = false;
  const edited = entries.map((e) => {
    if (e.name !== name) return e;
    found = true;
    const before = text(e);
    const after = edit(before);
    if (after === before) throw new Error(`package-surgery: the edit changed nothing in ${name}`);
    return { name, data: after };
  });
  if (!found) throw new Error(`package-surgery: no entry ${name}`);
  return relisted ? relist(edited) : edited;
}

/** Reads a package file, changes its entries and writes the result to `to`. */
export async function rewritePackage(from: string, to: string, change: (entries: Entry[]) => Entry[]): Promise<string> {
  const entries = await readEntries(readFileSync(from));
  writeFileSync(to, await zipOf(change(entries)));
  return to;
}
