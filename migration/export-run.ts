/**
 * Export-CsPersistentChatData, end to end: read the source database as it is (Group Chat 2010 or Persistent Chat
 * 2013), write the package one record at a time (messages first, so that their posters are known when the
 * principals are written), rename it into place, then disable the exported rooms if asked, and report.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PcmError } from '../core/errors.js';
import { NoticeList } from '../core/convert/notices.js';
import { NAME_SEPARATOR } from '../core/convert/flatten-categories.js';
import { LEVEL_CONTENT } from '../core/export-level.js';
import { selectForExport } from '../core/export-scope.js';
import type { ExportLevel } from '../core/model.js';
import { ticksFromDate } from '../core/ticks.js';
import type { CategoryLine } from '../report/report-model.js';
import { parseDbInstance } from '../store/db-instance.js';
import { openStore } from '../store/open-store.js';
import { claimTarget } from '../store/target-claim.js';
import { connectionOptions, type ConnectionParams } from './sql-connection.js';
import { PackageWriter } from '../archive/package-writer.js';
import { FORMAT_VERSION, PARTIAL_SUFFIX } from '../archive/package-format.js';
import { outputObject, type OutputItem } from '../core/output-object.js';
import { type JobContext } from './job.js';
import { collect } from './grouped-stream.js';
import { writeDirectoryParts, writeMessageParts, writePrincipalParts, type ExportCounts } from './export-parts.js';
import { MessageReader } from './message-reader.js';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../core/product.js';
import { buildReport, describeParameters, saveReport, type ReportFacts } from './run-report.js';
import { conversionsByRule, reportFiles } from './run-summary.js';
import { databaseFiles, refuseCollisions, type RunPath } from './path-collisions.js';
import { reportPaths } from '../report/write-report.js';

async function checkDestination(fileName: string): Promise<string> {
  const path = resolve(fileName);
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new PcmError(`The folder of -FileName '${fileName}' does not exist. Create it, or choose another path.`, {
      errorId: 'ExportFolderNotFound',
      category: 'ObjectNotFound',
      target: fileName,
    });
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new PcmError(`-FileName '${fileName}' is a folder; give the path of the .zip file to create.`, { errorId: 'ExportPathIsFolder', category: 'InvalidArgument', target: fileName });
  }
  return path;
}

/**
 * -Verbose lists the partial files in the destination's folder: what an export that did not finish left there (killed,
 * or still running). The one of this destination is replaced by this export; the others are named with what to do.
 */
async function reportPartials(destination: string, context: JobContext): Promise<void> {
  const names = await readdir(dirname(destination)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(PARTIAL_SUFFIX)).sort()) {
    const path = join(dirname(destination), name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const what = `${path} (${info.size} bytes, last written ${info.mtime.toISOString()})`;
    if (path === `${destination}${PARTIAL_SUFFIX}`) context.verbose(`Replacing the partial file ${what}, left by an export of this package that did not finish.`);
    else context.verbose(`Found the partial file ${what}, left by an export of ${path.slice(0, -PARTIAL_SUFFIX.length)} that did not finish: export that package again, or delete the file.`);
  }
}

/**
 * What an export is asked to do, in the words of Export-CsPersistentChatData's parameters (the report lists them
 * by those names); the cmdlet's bound parameters are one such job, a test or a schedule can make another.
 */
export interface ExportJob extends ConnectionParams {
  readonly DBInstance?: string | undefined;
  readonly FileName?: string | undefined;
  readonly AsBytes?: boolean | undefined;
  readonly Level?: string | undefined;
  readonly Scope?: readonly string[] | undefined;
  readonly StartDate?: Date | undefined;
  readonly DisableExportedNodes?: boolean | undefined;
  readonly Report?: string | undefined;
  readonly PassThru?: boolean | undefined;
}

export async function* runExport(params: ExportJob, context: JobContext): AsyncGenerator<OutputItem> {
  const startedAt = new Date();
  const level = (params.Level ?? 'All') as ExportLevel;
  const content = LEVEL_CONTENT[level];
  const since = params.StartDate ? ticksFromDate(params.StartDate) : undefined;
  const instance = parseDbInstance(params.DBInstance!);
  const notices = new NoticeList();
  const asBytes = Boolean(params.AsBytes);
  const tempFolder = asBytes ? await mkdtemp(join(tmpdir(), 'pcm-export-')) : undefined;
  const destination = tempFolder ? join(tempFolder, 'PersistentChatData.zip') : await checkDestination(params.FileName!);
  const facts: ReportFacts = {
    operation: 'Export',
    startedAt,
    source: instance.text,
    target: asBytes ? '(byte array)' : destination,
    sourceSchema: '',
    parameters: describeParameters(params as Record<string, unknown>),
    totals: {},
    categories: [],
    notices: notices.notices,
  };
  if (since !== undefined && !content.messages) {
    const message = `-StartDate applies to messages, and -Level ${level} exports none, so it has no effect.`;
    notices.add({ rule: 'StartDateIgnored', severity: 'Warning', objectKind: 'Package', objectName: destination, message });
    context.warning(message);
  }

  const runPaths: RunPath[] = [];
  if (instance.kind === 'sqlite') runPaths.push({ role: '-DBInstance (the source database)', given: params.DBInstance!, files: databaseFiles(instance.path) });
  if (!asBytes) runPaths.push({ role: '-FileName (the package)', given: params.FileName!, files: [destination, `${destination}.pcm-partial`] });
  if (params.Report) runPaths.push({ role: '-Report', given: params.Report, files: Object.values(reportPaths(params.Report)) });
  refuseCollisions(runPaths, 'ExportPathCollision');

  let writer: PackageWriter | undefined;
  // -DisableExportedNodes writes the source: one writer per database (store/target-claim.ts), as an import.
  const claim = params.DisableExportedNodes && !context.whatIf ? await claimTarget(instance, 'Export-CsPersistentChatData', connectionOptions(params, context.signal)) : undefined;
  const store = await openStore(instance, { readOnly: !params.DisableExportedNodes, ...connectionOptions(params, context.signal) }).catch(async (error: unknown) => {
    await claim?.release();
    throw error;
  });
  // The reader thread starts now: its start-up overlaps the reading of the directory below.
  const reader = content.messages ? MessageReader.start(params.DBInstance!, connectionOptions(params)) : undefined;
  try {
    facts.sourceSchema = `${store.schema}: ${store.sourceDescription}`;
    context.verbose(`The source ${store.displayName} is a ${store.sourceDescription} database.`);
    for (const message of store.sourceWarnings) {
      notices.add({ rule: 'UnverifiedSourceVersion', severity: 'Warning', objectKind: 'Package', objectName: store.displayName, message });
      context.warning(message);
    }
    context.verbose(`Exporting level ${level} from ${store.displayName} (${store.schema})${since === undefined ? '' : ` with messages from ${params.StartDate!.toISOString()}`}.`);
    const nodes = await collect(store.nodes());
    const selection = selectForExport(nodes, params.Scope);
    const known = new Set<number>();
    for await (const batch of store.principals()) for (const p of batch) known.add(p.id);

    if (!asBytes) await reportPartials(destination, context);
    writer = PackageWriter.create(destination, startedAt);
    const counts: ExportCounts = { principals: 0, affiliations: 0, categories: 0, rooms: 0, addins: 0, roles: 0, scopes: 0, messages: 0 };
    const referenced = new Set<number>();
    const resolvePrincipal = (id: number, what: string): number | undefined => {
      if (known.has(id)) return id;
      const message = `${what} refers to principal ${id}, which the source database does not have; the reference is left out.`;
      notices.add({ rule: 'Other', severity: 'Warning', objectKind: 'Principal', objectName: String(id), message });
      context.warning(message);
      return undefined;
    };
    const messages = reader
      ? await writeMessageParts({
          store,
          reader,
          writer,
          rooms: selection.rooms,
          since,
          context,
          counts,
          referenced,
          knownPrincipals: known,
          unknownPoster: (id) => resolvePrincipal(id, 'A message'),
        })
      : undefined;
    const exported = messages?.perRoom ?? new Map<number, number>();
    const allCounts = messages && since === undefined ? messages.counts : await store.chatCounts();
    const accessNotices = notices.count('RoleOutsideScope');
    await writeDirectoryParts({ store, allNodes: nodes, notices, writer, selection, content, counts, referenced, resolvePrincipal, allAddins: !params.Scope?.length });
    const outside = notices.count('RoleOutsideScope') - accessNotices;
    if (outside > 0) context.warning(`${outside} role grant(s) of the Group Chat 2010 source are outside their node's scope and not in force there; they are not exported (the report lists them).`);
    await writePrincipalParts({ store, writer, exportAll: content.principals === 'all', referenced, counts });
    const manifest = await writer.finish({
      formatVersion: FORMAT_VERSION,
      producer: PRODUCT_NAME,
      producerVersion: PRODUCT_VERSION,
      sourceSchema: store.schema,
      source: store.displayName,
      level,
      scope: [...(params.Scope ?? [])],
      startDate: since ?? null,
      createdOn: ticksFromDate(startedAt),
      counts,
    });
    writer = undefined;
    const bytes = manifest.parts.reduce((sum, p) => sum + p.bytes, 0);
    // ExportResult.Bytes is the package's size on disk (what Get-Item shows), not its uncompressed XML.
    const packageBytes = (await stat(destination)).size;
    context.verbose(`Package written: ${manifest.parts.length + 1} parts, ${counts.messages} messages, ${bytes} bytes of XML in ${packageBytes} bytes.`);

    if (params.DisableExportedNodes) {
      if (content.rooms && selection.rooms.length > 0) {
        await store.transaction((w) => w.setNodesDisabled(selection.rooms.map((r) => r.id), true));
        context.verbose(`Disabled ${selection.rooms.length} exported chat rooms in the source database.`);
      } else {
        context.warning(`-DisableExportedNodes had nothing to disable: -Level ${level} exports no chat rooms.`);
      }
    }

    const roomsByCategory = new Map<number, CategoryLine['rooms']>();
    for (const room of content.rooms ? selection.rooms : []) {
      let list = roomsByCategory.get(room.parentId);
      if (!list) roomsByCategory.set(room.parentId, (list = []));
      list.push({
        name: room.name,
        sourceName: room.name,
        disabled: room.disabled,
        messages: { source: allCounts.get(room.id) ?? 0, target: content.messages ? (exported.get(room.id) ?? 0) : 0 },
        action: 'Exported',
      });
    }
    const pathOf = (id: number): string => {
      const names: string[] = [];
      for (let n = nodes.find((x) => x.id === id); n && n.parentId !== n.id; n = nodes.find((x) => x.id === n!.parentId)) names.unshift(n.name);
      return names.join(NAME_SEPARATOR);
    };
    const categoryLines: CategoryLine[] = (content.categories ? selection.categories : []).map((c) => ({
      name: pathOf(c.id),
      sourcePath: pathOf(c.id),
      action: 'Exported',
      rooms: roomsByCategory.get(c.id) ?? [],
    }));
    if (selection.root && roomsByCategory.has(selection.root.id)) {
      categoryLines.push({ name: selection.root.name, sourcePath: '(root)', action: 'Exported', rooms: roomsByCategory.get(selection.root.id)! });
    }
    facts.categories = categoryLines;
    const sourceMessages = content.messages ? selection.rooms.reduce((sum, r) => sum + (allCounts.get(r.id) ?? 0), 0) : 0;
    facts.totals = {
      principals: { source: known.size, target: counts.principals },
      categories: { source: content.categories ? selection.categories.length : 0, target: counts.categories },
      rooms: { source: content.rooms ? selection.rooms.length : 0, target: counts.rooms },
      addins: { source: counts.addins, target: counts.addins },
      messages: { source: sourceMessages, target: counts.messages },
    };
    const reportPath = await saveReport(params.Report, buildReport(facts, 'Succeeded'), context, false);
    context.summary?.({
      outcome: 'Exported',
      facts: [
        ['Level', level],
        ['Principals', counts.principals],
        ['Categories', counts.categories],
        ['Chat rooms', counts.rooms],
        ['Add-ins', counts.addins],
        ['Messages', counts.messages],
        ['Package size', `${packageBytes} bytes`],
        ['Duration', `${Math.round((Date.now() - startedAt.getTime()) / 100) / 10} s`],
      ],
      conversions: conversionsByRule(notices.notices),
      written: [...(asBytes ? [] : [destination]), ...reportFiles(reportPath)],
    });

    if (asBytes) {
      yield await readFile(destination);
    } else if (params.PassThru) {
      yield outputObject('PersistentChatMigration.ExportResult', {
        FileName: destination,
        Level: level,
        SourceSchema: store.schema,
        Principals: counts.principals,
        Categories: counts.categories,
        ChatRooms: counts.rooms,
        Addins: counts.addins,
        Messages: counts.messages,
        Bytes: packageBytes,
        Report: reportPath ?? null,
        DurationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      });
    }
  } catch (error) {
    await writer?.abort();
    await saveReport(params.Report, buildReport(facts, 'Failed', error), context, true);
    throw error;
  } finally {
    await reader?.stop();
    await store.close();
    await claim?.release();
    if (tempFolder) await rm(tempFolder, { recursive: true, force: true });
  }
}
