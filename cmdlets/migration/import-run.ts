/**
 * Import-CsPersistentChatData, end to end: open and check the whole package (nothing is opened for writing until
 * it is sound), plan against the target, stop there under -WhatIf, otherwise write the directory and then the
 * messages, and report source against target.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PcmError } from '../../core/errors.js';
import { faultPoint } from '../../core/fault.js';
import type { SchemaKind } from '../../core/model.js';
import { DEFAULT_LIMITS, type PackageLimits } from '../../archive/limits.js';
import { PackageReader, type PackageSource } from '../../archive/package-reader.js';
import type { CategoryLine } from '../../report/report-model.js';
import { parseDbInstance } from '../../store/db-instance.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { outputObject, type CmdletContext, type OutputItem } from '../cmdlet.js';
import type { ImportParams } from '../Import-CsPersistentChatData.js';
import { applyMessages, applyStructure, type MessageResult, type StructureResult } from './import-apply.js';
import { emptyTargetIndex, loadTargetIndex, planImport, type ImportPlan } from './import-plan.js';
import { checkMessages, validatePackage, type PackageIndex } from './import-validate.js';
import { ForwardingNotices } from './notice-forwarder.js';
import { buildReport, describeParameters, saveReport, type ReportFacts } from './run-report.js';

const TARGET_SCHEMA: SchemaKind = 'PersistentChat2013';

function limitsFrom(params: ImportParams): PackageLimits {
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

export async function* runImport(params: ImportParams, context: CmdletContext): AsyncGenerator<OutputItem> {
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
  const existedBefore = instance.kind !== 'sqlite' || existsSync(instance.path);
  try {
    reader = await PackageReader.open(source, limitsFrom(params));
    facts.sourceSchema = reader.manifest.sourceSchema;
    context.verbose(`Checking the package ${reader.label} (${reader.manifest.sourceSchema}, level ${reader.manifest.level}, ${reader.manifest.counts.messages} messages).`);
    const index = await validatePackage(reader, context, notices);
    failOnErrors(notices);

    if (context.whatIf) {
      await checkMessages(reader, index, context);
      if (!existedBefore) context.verbose(`What if: the database ${instance.text} does not exist and would be created.`);
    }
    if (!context.whatIf || existedBefore) {
      store = await openStore(instance, { ...(context.whatIf ? { readOnly: true } : { createWith: TARGET_SCHEMA }), ...(params.DBName ? { dbName: params.DBName } : {}) });
      if (store.schema !== TARGET_SCHEMA) {
        throw new PcmError(`The target ${store.displayName} is a Lync Server 2010 Group Chat database. Import into a Lync Server 2013 / Skype for Business Persistent Chat database.`, {
          errorId: 'TargetNotPersistentChat',
          category: 'InvalidArgument',
          target: instance.text,
        });
      }
    }
    const target = store ? await loadTargetIndex(store) : emptyTargetIndex();
    const plan = planImport(index, target, notices, context.whatIf);
    failOnErrors(notices);

    let structure: StructureResult | undefined;
    let messages: MessageResult | undefined;
    if (context.whatIf) {
      context.verbose(
        `What if: would import ${index.counts.principals} principals, ${plan.categories.size} categories, ${index.rooms.size} chat rooms, ` +
          `${index.addins.length} add-ins and up to ${index.counts.messages} messages into ${instance.text}.`,
      );
    } else if (store!.capabilities.singleTransaction && params.BatchSize === undefined) {
      // One transaction: each message is checked as it is written, and the first bad one rolls everything back.
      const single = store!;
      await single.transaction(async (w) => {
        structure = await applyStructure(w, reader!, index, plan, target);
        faultPoint('import:structure-written');
        messages = await applyMessages({ reader: reader!, index, structure, store: single, context, inTransaction: (fn) => fn(w), perTransaction: Infinity, check: true });
      });
    } else {
      const batched = store!;
      await checkMessages(reader, index, context);
      structure = await batched.transaction((w) => applyStructure(w, reader!, index, plan, target));
      faultPoint('import:structure-written');
      const perTransaction = params.BatchSize ?? batched.capabilities.chatsPerTransaction;
      messages = await applyMessages({ reader, index, structure, store: batched, context, inTransaction: (fn) => batched.transaction(fn), perTransaction, check: false });
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
    if (params.PassThru) {
      const count = (what: 'categories' | 'rooms', action: string): number => [...plan[what].values()].filter((v) => v.action === action).length;
      yield outputObject('PersistentChatMigration.ImportResult', {
        DBInstance: instance.text,
        WhatIf: context.whatIf,
        SourceSchema: index.counts && reader.manifest.sourceSchema,
        PrincipalsCreated: structure?.principalsCreated ?? null,
        PrincipalsUpdated: structure?.principalsUpdated ?? null,
        CategoriesCreated: count('categories', 'Create'),
        CategoriesOverwritten: count('categories', 'Overwrite'),
        ChatRoomsCreated: count('rooms', 'Create'),
        ChatRoomsOverwritten: count('rooms', 'Overwrite'),
        Addins: index.addins.length,
        MessagesImported: messages?.imported ?? null,
        MessagesSkipped: messages?.skipped ?? null,
        Warnings: notices.notices.filter((n) => n.severity === 'Warning').length,
        Report: reportPath ?? null,
        DurationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      });
    }
  } catch (error) {
    await store?.close();
    // An embedded database this run created holds nothing after the rollback: leave no empty file behind.
    if (!existedBefore && instance.kind === 'sqlite') rmSync(instance.path, { force: true });
    await saveReport(params.Report, buildReport(facts, 'Failed', error), context, true);
    throw error;
  } finally {
    reader?.close();
    await store?.close();
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
