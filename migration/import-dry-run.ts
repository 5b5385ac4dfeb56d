/**
 * -WhatIf's counts: how many principals the import would create and update, and how many messages it would import
 * and skip as already present, decided by the same rules as the write pass (import-apply.ts: matchPrincipal,
 * ChatDedupe) against the target as it is, writing nothing. The messages are streamed once, checked as the dry run
 * always checked them, and counted as they go; nothing is held but the dedupe's per-room keys.
 */
import { convertPrincipal } from '../core/convert/convert-principal.js';
import { PART } from '../archive/package-format.js';
import type { PackageLimits } from '../archive/limits.js';
import type { PackageReader, PackageSource } from '../archive/package-reader.js';
import { decodePrincipal, RecordSite } from '../archive/record-decoders.js';
import { SYSTEM_PRINCIPAL } from '../store/schema-data.js';
import type { Store } from '../store/store.js';
import type { JobContext } from './job.js';
import { addPrincipal, ChatDedupe, matchPrincipal } from './import-apply.js';
import type { ImportPlan, TargetIndex } from './import-plan.js';
import type { PackageIndex } from './package-index.js';
import { checkedChats } from './message-stream.js';
import { DISCARD } from './notice-forwarder.js';
import { ProgressReporter } from './progress.js';

export interface DryRunCounts {
  readonly principalsCreated: number;
  readonly principalsUpdated: number;
  readonly messagesImported: number;
  readonly messagesSkipped: number;
}

/** Stands for a principal the import would create: it has no messages in the target yet. */
const NEW_PRINCIPAL = -1;

export interface DryRunJob {
  readonly reader: PackageReader;
  readonly source: PackageSource;
  readonly limits: PackageLimits;
  readonly index: PackageIndex;
  readonly plan: ImportPlan;
  /** The target's index; not changed. */
  readonly target: TargetIndex;
  /** The target, read only; absent when it does not exist yet (everything would be created). */
  readonly store: Store | undefined;
  readonly context: JobContext;
}

export async function dryRunCounts(job: DryRunJob): Promise<DryRunCounts> {
  const { index, context } = job;
  // A copy: principals the run would create are added as it would add them, so a repeat counts as an update.
  const target: TargetIndex = { ...job.target, principalsByGuid: new Map(job.target.principalsByGuid), principalsByUri: new Map(job.target.principalsByUri) };
  const principals = new Map<number, number>();
  let principalsCreated = 0;
  let principalsUpdated = 0;
  for (const part of [PART.users, PART.groups]) {
    const site = new RecordSite(part);
    for await (const batch of job.reader.records(part, false)) {
      for (const element of batch) {
        const { id: sourceId, ...fields } = convertPrincipal(decodePrincipal(site, element), DISCARD);
        const id = matchPrincipal(target, fields);
        if (id === undefined) {
          addPrincipal(target, fields, NEW_PRINCIPAL);
          principalsCreated++;
        } else {
          principalsUpdated++;
        }
        principals.set(sourceId, id ?? NEW_PRINCIPAL);
      }
    }
  }

  const total = index.counts.messages;
  const progress = new ProgressReporter(context, 'Import-CsPersistentChatData: checking the messages', total);
  const dedupe = job.store ? new ChatDedupe(job.store) : undefined;
  let checked = 0;
  let messagesImported = 0;
  let messagesSkipped = 0;
  for await (const batch of checkedChats({ source: job.source, limits: job.limits, index, check: true, verify: true, signal: context.signal })) {
    for (const chat of batch) {
      const room = job.plan.rooms.get(chat.roomId)?.existing?.id;
      const userId = principals.get(chat.userId) ?? SYSTEM_PRINCIPAL.id;
      // A room the import would create, or a poster it would create, has no messages in the target.
      const present = room !== undefined && dedupe !== undefined && (await dedupe.alreadyPresent(room, userId, chat));
      if (present) messagesSkipped++;
      else messagesImported++;
    }
    checked += batch.length;
    progress.update(checked, `${checked} of ${total} messages checked`);
  }
  progress.complete();
  return { principalsCreated, principalsUpdated, messagesImported, messagesSkipped };
}
