/**
 * What a package holds, without importing it (Microsoft's runbook: "inspect the exported contents"): the manifest,
 * every part's checksum, the counts per part, category and room, the conversions Import would make, and every
 * problem Import would refuse the package for. The checks are Import's own (PackageReader.open, validatePackage,
 * checkMessages), not a copy of them, so the two never disagree. Messages are streamed through Import's checking
 * worker: memory does not grow with them.
 */
import { resolve } from 'node:path';
import { PackageError, PcmError, describeError } from '../../core/errors.js';
import { NoticeList, type Notice, type NoticeRule } from '../../core/convert/notices.js';
import type { PackageLimits } from '../../archive/limits.js';
import type { Manifest } from '../../archive/manifest.js';
import { PackageReader, type PackageSource } from '../../archive/package-reader.js';
import { foreignWarning } from '../../archive/foreign-package.js';
import type { JobContext } from '../job.js';
import { checkMessages, validatePackage } from '../import-validate.js';
import type { PackageIndex } from '../package-index.js';

export interface PartCheck {
  readonly name: string;
  readonly bytes: number;
  readonly records: number;
  readonly sha256: string;
  /** True: the bytes match the manifest's SHA-256; false: they do not; null: the part could not be read at all. */
  readonly checksumValid: boolean | null;
}

export interface RoomContent {
  readonly name: string;
  readonly sourceName: string;
  readonly category: string;
  readonly disabled: boolean;
  readonly messages: number;
}

export interface CategoryContent {
  readonly name: string;
  readonly sourcePath: string;
  readonly rooms: number;
  readonly messages: number;
}

export interface PackageInspection {
  readonly path: string;
  /** Null when the package is too damaged for its manifest to be read, or has none (Microsoft's own export). */
  readonly manifest: Manifest | null;
  readonly parts: readonly PartCheck[];
  readonly categories: readonly CategoryContent[];
  readonly rooms: readonly RoomContent[];
  /** Conversions and warnings Import would report (severity Info and Warning), and its errors. */
  readonly notices: readonly Notice[];
  /** Everything Import would refuse the package for: its errors, or the first structural problem it stops at. */
  readonly problems: readonly string[];
  /** True when the messages were read and checked (the directory was sound enough to check them against). */
  readonly messagesChecked: boolean;
}

/** A problem that makes the inspection itself impossible (no such file): thrown, not reported. */
const isAboutTheInput = (error: unknown): boolean => error instanceof PcmError && (error.errorId === 'PackageNotFound');

export async function inspectPackage(fileName: string, limits: PackageLimits, context: JobContext): Promise<PackageInspection> {
  const path = resolve(fileName);
  const source: PackageSource = { path };
  const problems: string[] = [];
  const notices = new NoticeList();
  let reader: PackageReader;
  try {
    reader = await PackageReader.open(source, limits);
  } catch (error) {
    if (isAboutTheInput(error) || !(error instanceof PackageError)) throw error;
    return { path, manifest: null, parts: [], categories: [], rooms: [], notices: [], problems: [describeError(error)], messagesChecked: false };
  }
  try {
    const manifest = reader.manifest;
    context.verbose(`Inspecting ${path}: ${manifest.sourceSchema}, level ${manifest.level}, ${manifest.parts.length} parts.`);
    // Every checksum first, each part on its own, so one damaged part does not hide the state of the others.
    const parts: PartCheck[] = [];
    for (const part of manifest.parts) {
      context.signal.throwIfAborted();
      // A package of Microsoft's has no checksums (archive/foreign-package.ts): not checked, rather than valid.
      let checksumValid: boolean | null = reader.foreign ? null : true;
      try {
        await reader.verifyChecksum(part.name);
      } catch (error) {
        if (!(error instanceof PackageError)) throw error;
        checksumValid = error.errorId === 'ChecksumMismatch' ? false : null;
        problems.push(describeError(error));
      }
      parts.push({ name: part.name, bytes: part.bytes, records: part.records, sha256: part.sha256, checksumValid });
    }
    if (reader.foreign) notices.add({ rule: 'UnverifiedPackage', severity: 'Warning', objectKind: 'Package', objectName: path, message: foreignWarning() });
    let index: PackageIndex | undefined;
    let messagesChecked = false;
    try {
      index = await validatePackage(reader, context, notices);
      if (notices.errors.length === 0) {
        await checkMessages(source, limits, index, context);
        messagesChecked = true;
      }
    } catch (error) {
      if (!(error instanceof PackageError)) throw error;
      const text = describeError(error);
      // A checksum already reported above is the same problem seen again by the record reader.
      if (!problems.includes(text)) problems.push(text);
    }
    for (const n of notices.errors) problems.push(`${n.objectKind} '${n.objectName}': ${n.message}`);
    return { path, manifest: reader.foreign ? null : manifest, parts, ...contentOf(index, messagesChecked), notices: notices.notices, problems, messagesChecked };
  } finally {
    reader.close();
  }
}

function contentOf(index: PackageIndex | undefined, messagesChecked: boolean): { categories: CategoryContent[]; rooms: RoomContent[] } {
  if (!index) return { categories: [], rooms: [] };
  const perRoom = messagesChecked ? index.messages.perRoom : new Map<number, number>();
  const rooms: RoomContent[] = [...index.rooms].map(([id, r]) => ({
    name: r.name,
    sourceName: r.sourceName,
    category: r.category.name,
    disabled: r.disabled,
    messages: perRoom.get(id) ?? 0,
  }));
  const categories = new Map<string, { name: string; sourcePath: string; rooms: number; messages: number }>();
  const flat = [...index.plan.categories.values()].filter((c) => c.create);
  if (index.rootCategory) flat.push(index.rootCategory);
  for (const c of flat) categories.set(c.name, { name: c.name, sourcePath: c.path.join(' / '), rooms: 0, messages: 0 });
  for (const room of rooms) {
    const line = categories.get(room.category);
    if (!line) continue;
    line.rooms++;
    line.messages += room.messages;
  }
  return { categories: [...categories.values()], rooms };
}

/** Notices counted by rule, most frequent first: what Import would convert or warn about. */
export function countByRule(notices: readonly Notice[]): { rule: NoticeRule; severity: string; count: number }[] {
  const counts = new Map<string, { rule: NoticeRule; severity: string; count: number }>();
  for (const n of notices) {
    const key = `${n.rule}|${n.severity}`;
    const entry = counts.get(key) ?? { rule: n.rule, severity: n.severity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}
