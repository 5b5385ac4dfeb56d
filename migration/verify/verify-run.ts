/**
 * Test-PcmPersistentChatMigration, end to end: what the target should hold is computed from the legacy source and
 * the conversion rules (expected-directory.ts), honouring the package's Level, Scope and StartDate when one is
 * given; the directory is compared object by object (compare-directory.ts); the messages of every room are
 * digested on both sides at once, each side in its own thread (digest-worker.ts), and a room whose digests differ
 * is read again side by side to name the first message that differs. Differences and conversions are findings;
 * the run yields the differences (and, when asked, the conversions), then a summary, or only $true / $false.
 */
import { resolve } from 'node:path';
import { PcmError } from '../../core/errors.js';
import { LEVEL_CONTENT } from '../../core/export-level.js';
import type { ExportLevel } from '../../core/model.js';
import { dateFromTicks, type Ticks } from '../../core/ticks.js';
import { DEFAULT_LIMITS } from '../../archive/limits.js';
import { PART } from '../../archive/package-format.js';
import { PackageReader } from '../../archive/package-reader.js';
import { decodeRoom, RecordSite } from '../../archive/record-decoders.js';
import { parseDbInstance } from '../../store/db-instance.js';
import { openStore } from '../../store/open-store.js';
import { SYSTEM_PRINCIPAL } from '../../store/schema-data.js';
import type { Store } from '../../store/store.js';
import { outputObject, type OutputItem } from '../../core/output-object.js';
import { type JobContext, type Credential } from '../job.js';
import { ProgressReporter } from '../progress.js';
import { connectionOptions } from '../sql-connection.js';
import { compareDirectory, loadTarget, principalMap } from './compare-directory.js';
import { digestRooms } from './digest-reader.js';
import { expectedDirectory } from './expected-directory.js';
import { Findings, type Finding } from './findings.js';
import { firstDifference } from './first-difference.js';
import type { RoomDigest } from './message-digest.js';
import { writeVerificationReport, type RoomMessages } from './verify-report.js';

export interface VerifyJob {
  readonly sourceDBInstance: string;
  readonly sourceDBName: string | undefined;
  readonly dbInstance: string;
  readonly dbName: string | undefined;
  readonly fileName: string | undefined;
  readonly report: string | undefined;
  readonly quiet: boolean;
  readonly includeConverted: boolean;
  readonly credential: Credential | undefined;
  readonly trustServerCertificate: boolean | undefined;
}

/** Rooms whose first differing message is looked for; beyond them the digests alone are reported. */
const MAX_DETAILED_ROOMS = 50;

interface PackageFacts {
  readonly path: string;
  readonly level: ExportLevel;
  readonly scope: string[];
  readonly startDate: Ticks | null;
  readonly sourceSchema: string;
  readonly principals: Set<number>;
  readonly disabled: Map<number, boolean>;
}

async function readPackageFacts(fileName: string): Promise<PackageFacts> {
  const path = resolve(fileName);
  const reader = await PackageReader.open({ path }, DEFAULT_LIMITS);
  try {
    const principals = new Set<number>();
    for (const part of [PART.users, PART.groups]) {
      for await (const batch of reader.records(part)) for (const e of batch) principals.add(Number(e.attributes.id));
    }
    const disabled = new Map<number, boolean>();
    const site = new RecordSite(PART.rooms);
    for await (const batch of reader.records(PART.rooms)) {
      for (const e of batch) {
        site.index++;
        const room = decodeRoom(site, e);
        disabled.set(room.node.id, room.node.disabled);
      }
    }
    const m = reader.manifest;
    return { path, level: m.level, scope: m.scope, startDate: m.startDate, sourceSchema: m.sourceSchema, principals, disabled };
  } finally {
    reader.close();
  }
}

export async function* runVerification(job: VerifyJob, context: JobContext): AsyncGenerator<OutputItem> {
  const startedAt = new Date();
  const pkg = job.fileName ? await readPackageFacts(job.fileName) : undefined;
  const level: ExportLevel = pkg?.level ?? 'All';
  const content = LEVEL_CONTENT[level];
  const since = pkg?.startDate ?? undefined;
  const login = { Credential: job.credential, TrustServerCertificate: job.trustServerCertificate };
  const sourceOptions = connectionOptions({ ...login, DBName: job.sourceDBName });
  const targetOptions = connectionOptions({ ...login, DBName: job.dbName });
  const sourceInstance = parseDbInstance(job.sourceDBInstance);
  const targetInstance = parseDbInstance(job.dbInstance);
  let source: Store | undefined;
  let target: Store | undefined;
  try {
    source = await openStore(sourceInstance, { ...sourceOptions, readOnly: true, signal: context.signal });
    target = await openStore(targetInstance, { ...targetOptions, readOnly: true, signal: context.signal });
    if (target.schema !== 'PersistentChat2013') {
      throw new PcmError(`-DBInstance ${target.displayName} holds a Lync Server 2010 Group Chat database; give the migrated Lync Server 2013 / Skype for Business Persistent Chat database (and the legacy one as -SourceDBInstance).`, {
        errorId: 'TargetNotPersistentChat',
        category: 'InvalidArgument',
        target: job.dbInstance,
      });
    }
    if (pkg && pkg.sourceSchema !== source.schema) {
      context.warning(`The package was exported from a ${pkg.sourceSchema} database, but -SourceDBInstance ${source.displayName} holds ${source.schema}: is it the package of this source?`);
    }
    context.verbose(`Verifying ${target.displayName} against ${source.displayName} (${source.schema}), level ${level}${pkg?.scope.length ? `, scope ${pkg.scope.join(', ')}` : ''}${since === undefined ? '' : `, messages from ${dateFromTicks(since).toISOString()}`}.`);
    const expected = await expectedDirectory(source, {
      content,
      scope: pkg?.scope ?? [],
      packagePrincipals: pkg?.principals,
      packageDisabled: pkg?.disabled,
    });
    const targetDirectory = await loadTarget(target);
    const findings = new Findings();
    const extra = compareDirectory(expected, targetDirectory, findings);

    const rooms: RoomMessages[] = [];
    let sourceMessages = 0;
    if (content.messages) {
      const pairs = expected.rooms
        .map((r) => ({ room: r, targetNode: targetDirectory.nodesByName.get(r.name.toLowerCase()) }))
        .filter((p): p is { room: (typeof p)['room']; targetNode: NonNullable<(typeof p)['targetNode']> } => p.targetNode?.kind === 'ChatRoom');
      const toTarget = principalMap(expected, targetDirectory);
      const poster = (id: number): number => toTarget.get(id) ?? SYSTEM_PRINCIPAL.id;
      const planned = await source.chatCounts(since);
      const total = pairs.reduce((sum, p) => sum + (planned.get(p.room.sourceId) ?? 0), 0);
      const progress = new ProgressReporter(context, 'Test-PcmPersistentChatMigration: comparing messages', total);
      const sourceDigests = new Map<number, RoomDigest>();
      const targetDigests = new Map<number, RoomDigest>();
      let done = 0;
      const sinceText = since === undefined ? null : String(since);
      const posterMap = new Int32Array([...toTarget].flat());
      await Promise.all([
        digestRooms(
          { dbInstance: job.sourceDBInstance, openOptions: sourceOptions, rooms: Int32Array.from(pairs.map((p) => p.room.sourceId)), since: sinceText, posterMap, fallbackPoster: SYSTEM_PRINCIPAL.id },
          context.signal,
          (id, digest) => {
            sourceDigests.set(id, digest);
            done += digest.count;
            progress.update(done, `${done} of ${total} messages`);
          },
        ),
        digestRooms({ dbInstance: job.dbInstance, openOptions: targetOptions, rooms: Int32Array.from(pairs.map((p) => p.targetNode.id)), since: sinceText, posterMap: null, fallbackPoster: 0 }, context.signal, (id, digest) =>
          targetDigests.set(id, digest),
        ),
      ]);
      progress.complete();
      let detailed = 0;
      for (const { room, targetNode } of pairs) {
        const s = sourceDigests.get(room.sourceId)!;
        const t = targetDigests.get(targetNode.id)!;
        sourceMessages += s.count;
        const same = s.sha256 === t.sha256 && s.count === t.count;
        rooms.push({ room: room.name, source: s, target: t, same });
        if (same) continue;
        const date = (ticks: string | null): string | null => (ticks === null ? null : dateFromTicks(BigInt(ticks)).toISOString());
        if (s.count !== t.count) findings.different('Messages', room.name, 'Count', s.count, t.count, 'The target holds another number of messages.');
        if (s.first !== t.first) findings.different('Messages', room.name, 'FirstDate', date(s.first), date(t.first), 'The first message has another date.');
        if (s.last !== t.last) findings.different('Messages', room.name, 'LastDate', date(s.last), date(t.last), 'The last message has another date.');
        const where =
          detailed++ < MAX_DETAILED_ROOMS ? await firstDifference(source, room.sourceId, target, targetNode.id, since, poster) : 'The content hashes differ (more rooms differ than are examined one by one).';
        findings.different('Messages', room.name, 'ContentHash', s.sha256, t.sha256, where);
      }
    }

    const verified = findings.differences.length === 0;
    const finishedAt = new Date();
    const summary = {
      Verified: verified,
      Differences: findings.differences.length,
      Converted: findings.conversions.length,
      Source: source.displayName,
      Target: target.displayName,
      SourceSchema: source.schema,
      Package: pkg?.path ?? null,
      Level: level,
      Scope: pkg?.scope ?? [],
      StartDate: since === undefined ? null : dateFromTicks(since),
      Categories: expected.categories.length,
      ChatRooms: expected.rooms.length,
      Addins: expected.addins.length,
      Principals: expected.principals.length,
      Messages: sourceMessages,
      TargetOnlyCategories: extra.targetOnlyCategories,
      TargetOnlyChatRooms: extra.targetOnlyRooms,
    };
    let report: { html: string; json: string; extras: readonly string[] } | undefined;
    if (job.report) {
      report = await writeVerificationReport(job.report, { startedAt, finishedAt, summary, findings, rooms });
      context.verbose(`Report written to ${report.html}, ${report.json} and ${report.extras.join(', ')}.`);
    }
    context.summary?.({
      outcome: verified ? 'Verified' : `Not verified: ${findings.differences.length} difference(s)`,
      facts: [
        ['Categories', expected.categories.length],
        ['Chat rooms', expected.rooms.length],
        ['Add-ins', expected.addins.length],
        ['Principals', expected.principals.length],
        ['Messages', sourceMessages],
        ['Converted on purpose', findings.conversions.length],
        ['Differences', findings.differences.length],
        ['Duration', `${Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10} s`],
      ],
      written: report ? [report.html, report.json, ...report.extras] : [],
    });
    if (job.quiet) {
      yield verified;
      return;
    }
    for (const f of findings.differences) yield findingObject(f);
    if (job.includeConverted) for (const f of findings.conversions) yield findingObject(f);
    yield outputObject('PersistentChatMigration.MigrationVerification', {
      ...summary,
      Report: report?.html ?? null,
      DurationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    });
    if (!verified) {
      context.error(
        new PcmError(`The migration is not verified: ${findings.differences.length} difference(s) between ${source.displayName} and ${target.displayName}${report ? `; see ${report.html}` : ''}.`, {
          errorId: 'MigrationNotVerified',
          category: 'InvalidResult',
          target: job.dbInstance,
        }),
      );
    }
  } finally {
    await source?.close();
    await target?.close();
  }
}

function findingObject(f: Finding): OutputItem {
  return outputObject('PersistentChatMigration.MigrationDifference', {
    Status: f.status,
    Kind: f.kind,
    Object: f.object,
    Property: f.property,
    SourceValue: f.sourceValue as never,
    TargetValue: f.targetValue as never,
    Detail: f.detail,
  });
}
