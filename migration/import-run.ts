/**
 * Import-CsPersistentChatData, end to end: open and check the whole package (nothing is opened for writing until
 * it is sound), plan against the target, stop there under -WhatIf, otherwise write the directory and then the
 * messages, and report source against target.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PcmError } from '../core/errors.js';
import type { DbInstance } from '../store/db-instance.js';
import { faultPoint } from '../core/fault.js';
import type { SchemaKind } from '../core/model.js';
import { DEFAULT_LIMITS, type PackageLimits } from '../archive/limits.js';
import { PackageReader, type PackageSource } from '../archive/package-reader.js';
import { foreignWarning } from '../archive/foreign-package.js';
import type { CategoryLine } from '../report/report-model.js';
import { parseDbInstance } from '../store/db-instance.js';
import { openStore } from '../store/open-store.js';
import { claimTarget, type TargetClaim } from '../store/target-claim.js';
import { notRestored, writeFailureOf } from '../store/write-failure.js';
import { connectionOptions, type ConnectionParams } from './sql-connection.js';
import type { Store, StoreWriter } from '../store/store.js';
import { outputObject, type OutputItem } from '../core/output-object.js';
import { type JobContext } from './job.js';
import { applyMessages, applyStructure, type MessageResult, type StructureResult } from './import-apply.js';
import { dryRunCounts, type DryRunCounts } from './import-dry-run.js';
import { loadTargetIndex, newTargetIndex, planImport, type ImportPlan } from './import-plan.js';
import { checkMessages, validatePackage } from './import-validate.js';
import type { PackageIndex } from './package-index.js';
import { ForwardingNotices } from './notice-forwarder.js';
import { buildReport, describeParameters, saveReport, type ReportFacts } from './run-report.js';
import { conversionsByRule, reportFiles } from './run-summary.js';
import { databaseFiles, refuseCollisions, type RunPath } from './path-collisions.js';
import { reportPaths } from '../report/write-report.js';

const TARGET_SCHEMA: SchemaKind = 'PersistentChat2013';

/** The package limits a run asked for (-MaxPartSizeMB and the others), over the defaults. */
/** What an import is asked to do, in the words of Import-CsPersistentChatData's parameters (see ExportJob). */
export interface ImportJob extends ConnectionParams {
  readonly DBInstance?: string | undefined;
  readonly FileName?: string | undefined;
  readonly ByteInput?: Buffer | undefined;
  readonly Report?: string | undefined;
  readonly PassThru?: boolean | undefined;
  readonly BatchSize?: number | undefined;
  readonly MaxPartSizeMB?: number | undefined;
  readonly MaxPackageSizeGB?: number | undefined;
  readonly MaxCompressionRatio?: number | undefined;
  readonly MaxRecordSizeMB?: number | undefined;
}

export function limitsFrom(params: Pick<ImportJob, 'MaxPartSizeMB' | 'MaxPackageSizeGB' | 'MaxCompressionRatio' | 'MaxRecordSizeMB'>): PackageLimits {
  const MB = 1024 * 1024;
  return {
    ...DEFAULT_LIMITS,
    ...(params.MaxPartSizeMB === undefined ? {} : { maxPartBytes: params.MaxPartSizeMB * MB }),
    ...(params.MaxPackageSizeGB === undefined ? {} : { maxPackageBytes: params.MaxPackageSizeGB * 1024 * MB }),
    ...(params.MaxCompressionRatio === undefined ? {} : { maxCompressionRatio: params.MaxCompressionRatio }),
    ...(params.MaxRecordSizeMB === undefined ? {} : { maxRecordChars: params.MaxRecordSizeMB * MB }),
  };
}

function failOnErrors(notices: ForwardingNotices): void {
  const errors = notices.errors;
  if (errors.length === 0) return;
  const shown = errors.slice(0, 10).map((n) => `${n.objectKind} '${n.objectName}': ${n.message}`);
  throw new PcmError(
    `The import cannot proceed; nothing was written. ${errors.length} problem(s) must be fixed first:\n  ${shown.join('\n  ')}` +
      (errors.length > shown.length ? `\n  … and ${errors.length - shown.length} more (see -Report).` : ''),
    { errorId: 'ImportValidationFailed', category: 'InvalidData' },
  );
}

/** What a run has committed to its target so far: a failed run's error says which state it left behind. */
interface Committed {
  /** The directory's transaction (batched imports). */
  structure: boolean;
  /** Message transactions committed after it (batched imports). */
  batches: number;
  /** Everything: the single transaction, or the last batch. */
  complete: boolean;
}

/** The sentence a failed run's error ends with: what the target holds now, and what to do. */
function targetState(committed: Committed, instance: DbInstance, createdAndRemoved: boolean): string {
  if (createdAndRemoved) return `The database ${instance.text} did not exist before this run, and none was left behind.`;
  if (committed.complete) return `The import itself had been committed to ${instance.text} before this failure.`;
  if (committed.structure) {
    const what = committed.batches === 0 ? 'its directory was committed, no messages yet' : `its directory and ${committed.batches} batch(es) of messages were committed`;
    return `The target ${instance.text} holds part of this import: ${what}. Run the same import again: it resumes where this one stopped, without duplicating anything.`;
  }
  return `Nothing was written: the target ${instance.text} is as it was.`;
}

/**
 * The error a failed run throws, its message ending with what became of the target. A store's own error (a locked
 * database, a full disk, an I/O error) becomes a PcmError with its own id; better-sqlite3 reports SQLite's result
 * code in `code`.
 */
function asImportError(error: unknown, state: string, instance: DbInstance, stopped: boolean): Error {
  const sentence = (message: string): string => (/[.!?]$/.test(message.trimEnd()) ? message.trimEnd() : `${message.trimEnd()}.`);
  if (stopped && !(error instanceof PcmError)) {
    // Stopped (Ctrl+C, Stop-Job): still reported as OperationStopped, now with what the target holds.
    return new PcmError(`The operation was stopped. ${state}`, { errorId: 'OperationStopped', category: 'OperationStopped', target: instance.text, cause: error });
  }
  if (error instanceof PcmError) {
    // The class, id and category stay (scripts match them); the message gains the target's state.
    error.message = `${sentence(error.message)} ${state}`;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  const failure = writeFailureOf(error);
  if (failure?.kind === 'Locked') {
    return new PcmError(
      `The target database ${instance.text} is locked by another program that is writing to it (${message}). Let that program finish or close it, then run the import again. ${state}`,
      { errorId: 'DatabaseLocked', category: 'ResourceUnavailable', target: instance.text, cause: error },
    );
  }
  if (failure?.kind === 'Changed') {
    // Runs of this tool cannot race (store/target-claim.ts): another program wrote the same rows meanwhile.
    return new PcmError(
      `The target database ${instance.text} changed while this import was writing to it (${message}): another program wrote to it. Make sure nothing else writes to it, then run the import again. ${state}`,
      { errorId: 'TargetChangedDuringImport', category: 'InvalidOperation', target: instance.text, cause: error },
    );
  }
  if (failure?.kind === 'WriteFailed') {
    return new PcmError(
      `Cannot write to the target database ${instance.text}: ${message} (${failure.code}). The disk may be full or the file not writable; make room or fix it, then run the import again. ${state}`,
      { errorId: 'DatabaseWriteFailed', category: 'WriteError', target: instance.text, cause: error },
    );
  }
  // Anything else is unexpected (a defect): it keeps its class and stack, and gains the target's state.
  if (error instanceof Error) {
    error.message = `${sentence(message)} ${state}`;
    return error;
  }
  return new PcmError(`${sentence(message)} ${state}`, { errorId: 'UnexpectedError', category: 'NotSpecified', target: instance.text });
}

/** Removes an embedded database this run created, with any journal SQLite left beside it. */
function removeCreatedDatabase(path: string): void {
  // A journal left behind would be played back into the next database created at this path.
  for (const suffix of ['-journal', '-wal', '-shm', '']) rmSync(`${path}${suffix}`, { force: true });
}

export async function* runImport(params: ImportJob, context: JobContext): AsyncGenerator<OutputItem> {
  const startedAt = new Date();
  const instance = parseDbInstance(params.DBInstance!);
  const source: PackageSource = params.ByteInput ? { bytes: params.ByteInput, label: '(byte input)' } : { path: resolve(params.FileName!) };
  const notices = new ForwardingNotices(context);
  const facts: ReportFacts = {
    operation: 'Import',
    startedAt,
    source: 'path' in source ? source.path : source.label,
    target: instance.text,
    sourceSchema: '',
    parameters: describeParameters(params as Record<string, unknown>),
    totals: {},
    categories: [],
    notices: notices.notices,
  };
  let reader: PackageReader | undefined;
  let store: Store | undefined;
  let claim: TargetClaim | undefined;
  let existedBefore = true;
  const committed: Committed = { structure: false, batches: 0, complete: false };
  // Refused before the try: its catch writes the report, which must not overwrite what collides with it.
  const runPaths: RunPath[] = [];
  if ('path' in source) runPaths.push({ role: '-FileName (the package)', given: params.FileName!, files: [source.path] });
  if (instance.kind === 'sqlite') runPaths.push({ role: '-DBInstance (the target database)', given: params.DBInstance!, files: databaseFiles(instance.path) });
  if (params.Report) runPaths.push({ role: '-Report', given: params.Report, files: Object.values(reportPaths(params.Report)) });
  refuseCollisions(runPaths, 'ImportPathCollision');
  try {
    // One writer per target: claimed before anything is created or changed, and before the target is looked at,
    // so that what this run finds (and may later remove) is its own. -WhatIf writes nothing and claims nothing.
    if (!context.whatIf) claim = await claimTarget(instance, 'Import-CsPersistentChatData', connectionOptions(params, context.signal));
    existedBefore = instance.kind !== 'sqlite' || existsSync(instance.path);
    const limits = limitsFrom(params);
    reader = await PackageReader.open(source, limits, context.signal);
    facts.sourceSchema = reader.manifest.sourceSchema;
    if (reader.foreign) notices.add({ rule: 'UnverifiedPackage', severity: 'Warning', objectKind: 'Package', objectName: reader.label, message: foreignWarning() });
    context.verbose(`Checking the package ${reader.label} (${reader.manifest.sourceSchema}, level ${reader.manifest.level}, ${reader.manifest.counts.messages} messages).`);
    const index = await validatePackage(reader, context, notices);
    failOnErrors(notices);

    if (context.whatIf && !existedBefore) context.verbose(`What if: the database ${instance.text} does not exist and would be created.`);
    if (!context.whatIf || existedBefore) {
      store = await openStore(instance, { ...(context.whatIf ? { readOnly: true } : { createWith: TARGET_SCHEMA }), ...connectionOptions(params, context.signal) });
      faultPoint('import:target-open');
      if (store.schema !== TARGET_SCHEMA) {
        throw new PcmError(`The target ${store.displayName} is a Lync Server 2010 Group Chat database. Import into a Lync Server 2013 / Skype for Business Persistent Chat database.`, {
          errorId: 'TargetNotPersistentChat',
          category: 'InvalidArgument',
          target: instance.text,
        });
      }
    }
    const target = store ? await loadTargetIndex(store) : newTargetIndex();
    const plan = planImport(index, target, notices, context.whatIf);
    failOnErrors(notices);

    let structure: StructureResult | undefined;
    let messages: MessageResult | undefined;
    let dry: DryRunCounts | undefined;
    if (context.whatIf) {
      // The messages are checked here as the import would check them, and counted against the target.
      dry = await dryRunCounts({ reader, source, limits, index, plan, target, store, context });
      context.verbose(
        `What if: would create ${dry.principalsCreated} and update ${dry.principalsUpdated} principals, and import ${plan.categories.size} categories, ` +
          `${index.rooms.size} chat rooms, ${index.addins.length} add-ins and ${dry.messagesImported} messages into ${instance.text}` +
          ` (${dry.messagesSkipped} already there).`,
      );
    } else if (store!.capabilities.singleTransaction && params.BatchSize === undefined) {
      // One transaction: each message is checked as it is written, and the first bad one rolls everything back.
      const single = store!;
      await single.transaction(async (w) => {
        structure = await applyStructure(w, reader!, index, plan, target);
        faultPoint('import:structure-written');
        messages = await applyMessages({ source, limits, index, structure, store: single, context, inTransaction: (fn) => fn(w), perTransaction: Infinity, check: true });
      });
      committed.complete = true;
    } else {
      const batched = store!;
      await checkMessages(source, limits, index, context);
      structure = await batched.transaction((w) => applyStructure(w, reader!, index, plan, target));
      committed.structure = true;
      faultPoint('import:structure-written');
      const perTransaction = params.BatchSize ?? batched.capabilities.chatsPerTransaction;
      const inTransaction = async (fn: (w: StoreWriter) => Promise<void>): Promise<void> => {
        await batched.transaction(fn);
        committed.batches++;
      };
      messages = await applyMessages({ source, limits, index, structure, store: batched, context, inTransaction, perTransaction, check: false });
      committed.complete = true;
    }
    if (structure && messages) {
      context.verbose(`Directory written: ${structure.principalsCreated} principals created, ${structure.principalsUpdated} updated, ${plan.categories.size} categories, ${index.rooms.size} chat rooms.`);
      context.verbose(`Messages: ${messages.imported} imported, ${messages.skipped} already present.`);
    }

    const targetCounts = store && structure ? await store.chatCounts() : undefined;
    facts.categories = categoryLines(index, plan, structure, targetCounts, context.whatIf);
    const targetMessages = targetCounts && structure ? [...structure.rooms.values()].reduce((sum, id) => sum + (targetCounts.get(id) ?? 0), 0) : null;
    facts.totals = {
      principals: { source: index.counts.principals, target: structure ? structure.principals.size : null },
      categories: { source: plan.categories.size, target: structure ? plan.categories.size : null },
      rooms: { source: index.rooms.size, target: structure ? structure.rooms.size : null },
      addins: { source: index.addins.length, target: structure ? index.addins.length : null },
      messages: { source: index.counts.messages, target: targetMessages },
    };
    const reportPath = await saveReport(params.Report, buildReport(facts, context.whatIf ? 'WhatIf' : 'Succeeded'), context, false);
    {
      const count = (what: 'categories' | 'rooms', action: string): number => [...plan[what].values()].filter((v) => v.action === action).length;
      const created = structure?.principalsCreated ?? dry?.principalsCreated;
      const updated = structure?.principalsUpdated ?? dry?.principalsUpdated;
      const imported = messages?.imported ?? dry?.messagesImported;
      const skipped = messages?.skipped ?? dry?.messagesSkipped;
      context.summary?.({
        outcome: context.whatIf ? 'What if: would import' : 'Imported',
        facts: [
          ['Principals', created === undefined ? index.counts.principals : `${created} created, ${updated ?? 0} updated`],
          ['Categories', `${count('categories', 'Create')} created, ${count('categories', 'Overwrite')} overwritten`],
          ['Chat rooms', `${count('rooms', 'Create')} created, ${count('rooms', 'Overwrite')} overwritten`],
          ['Add-ins', index.addins.length],
          ['Messages', imported === undefined ? index.counts.messages : `${imported} imported, ${skipped ?? 0} already there`],
          ['Warnings', notices.notices.filter((n) => n.severity === 'Warning').length],
          ['Duration', `${Math.round((Date.now() - startedAt.getTime()) / 100) / 10} s`],
        ],
        conversions: conversionsByRule(notices.notices),
        written: [context.whatIf ? `nothing (a dry run); the import would write ${instance.text}` : instance.text, ...reportFiles(reportPath)],
      });
    }
    if (params.PassThru) {
      const count = (what: 'categories' | 'rooms', action: string): number => [...plan[what].values()].filter((v) => v.action === action).length;
      yield outputObject('PersistentChatMigration.ImportResult', {
        DBInstance: instance.text,
        WhatIf: context.whatIf,
        SourceSchema: index.counts && reader.manifest.sourceSchema,
        PrincipalsCreated: structure?.principalsCreated ?? dry?.principalsCreated ?? null,
        PrincipalsUpdated: structure?.principalsUpdated ?? dry?.principalsUpdated ?? null,
        CategoriesCreated: count('categories', 'Create'),
        CategoriesOverwritten: count('categories', 'Overwrite'),
        ChatRoomsCreated: count('rooms', 'Create'),
        ChatRoomsOverwritten: count('rooms', 'Overwrite'),
        Addins: index.addins.length,
        MessagesImported: messages?.imported ?? dry?.messagesImported ?? null,
        MessagesSkipped: messages?.skipped ?? dry?.messagesSkipped ?? null,
        Warnings: notices.notices.filter((n) => n.severity === 'Warning').length,
        Report: reportPath ?? null,
        DurationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      });
    }
  } catch (caught) {
    await store?.close().catch(() => undefined);
    // An embedded database this run created is removed (after a batched run, with what it had committed), so that
    // a failed run leaves no empty or half-filled file behind; the next run starts it afresh.
    const removed = claim !== undefined && !existedBefore && instance.kind === 'sqlite' && !committed.complete;
    if (removed) removeCreatedDatabase(instance.path);
    const unrestored = removed ? undefined : notRestored(caught);
    const error = asImportError(caught, unrestored ?? targetState(committed, instance, removed), instance, context.signal.aborted);
    await saveReport(params.Report, buildReport(facts, 'Failed', error), context, true);
    throw error;
  } finally {
    reader?.close();
    await store?.close();
    await claim?.release();
  }
}

function categoryLines(index: PackageIndex, plan: ImportPlan, structure: StructureResult | undefined, counts: Map<number, number> | undefined, whatIf: boolean): CategoryLine[] {
  const verb = (action: string): string => (whatIf ? `Would ${action.toLowerCase()}` : action === 'Create' ? 'Created' : 'Overwritten');
  const lines = new Map<number, CategoryLine>();
  for (const { flat, action } of plan.categories.values()) {
    lines.set(flat.sourceId, { name: flat.name, sourcePath: flat.path.join(' / '), action: verb(action), rooms: [] });
  }
  for (const [id, room] of index.rooms) {
    const targetId = structure?.rooms.get(id);
    lines.get(room.category.sourceId)?.rooms.push({
      name: room.name,
      sourceName: room.sourceName,
      disabled: room.disabled,
      messages: { source: index.messages.perRoom.get(id) ?? 0, target: targetId !== undefined && counts ? (counts.get(targetId) ?? 0) : null },
      action: verb(plan.rooms.get(id)!.action),
    });
  }
  return [...lines.values()];
}
