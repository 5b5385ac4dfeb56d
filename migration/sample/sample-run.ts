/** New-PcmSampleDatabase's run: create the database, write the generated directory, then stream the messages. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PcmError, UsageError } from '../../core/errors.js';
import { ROOT_NODE_ID, type ChatNode, type SchemaKind } from '../../core/model.js';
import { generateDirectory, type SampleDirectory } from '../../core/sample/directory.js';
import { generateChats, type SampleChat } from '../../core/sample/messages.js';
import { parseDbInstance, type DbInstance } from '../../store/db-instance.js';
import { openStore } from '../../store/open-store.js';
import { claimTarget } from '../../store/target-claim.js';
import type { ChatInput } from '../../store/store.js';
import { outputObject, type OutputItem } from '../../core/output-object.js';
import { type JobContext } from '../job.js';
import { ProgressReporter } from '../progress.js';

/** The messages of a sample, in the order they are written (tests regenerate them to know what a sample holds). */
export function sampleChats(directory: SampleDirectory, schema: SchemaKind, count: number, seed: number): Generator<SampleChat> {
  const legacy = schema === 'GroupChat2010';
  return generateChats({
    rooms: directory.rooms.map((r) => r.id),
    posters: directory.posters,
    count,
    seed,
    from: legacy ? new Date(Date.UTC(2008, 6, 1)) : new Date(Date.UTC(2013, 0, 1)),
    to: legacy ? new Date(Date.UTC(2012, 11, 31)) : new Date(Date.UTC(2016, 11, 31)),
  });
}

/** What New-PcmSampleDatabase is asked to make, in the words of its parameters. */
export interface SampleJob {
  readonly DBInstance?: string | undefined;
  readonly Schema?: string | undefined;
  readonly Messages?: number | undefined;
  readonly Users?: number | undefined;
  readonly Rooms?: number | undefined;
  readonly Seed?: number | undefined;
  readonly OverlongRoomName?: boolean | undefined;
  readonly Force?: boolean | undefined;
  readonly PassThru?: boolean | undefined;
}

export async function* runSample(params: SampleJob, context: JobContext): AsyncGenerator<OutputItem> {
  const instance = parseDbInstance(params.DBInstance!);
  if (instance.kind !== 'sqlite') {
    throw new UsageError(`New-PcmSampleDatabase writes embedded databases only; -DBInstance '${instance.text}' names a SQL Server. Use sqlite:<path>.`, 'SampleNeedsSqlite', 'DBInstance');
  }
  const schema = (params.Schema ?? 'GroupChat2010') as SchemaKind;
  const size = { schema, users: params.Users ?? 200, rooms: params.Rooms ?? 40, seed: params.Seed ?? 1, overlongRoomName: Boolean(params.OverlongRoomName) };
  const messages = params.Messages ?? 10000;
  // One writer per target (store/target-claim.ts): claimed before the file is looked at, replaced or created.
  // The folder first (it is created anyway, and the claim file goes into it).
  if (!context.whatIf) mkdirSync(dirname(instance.path), { recursive: true });
  const claim = context.whatIf ? undefined : await claimTarget(instance, 'New-PcmSampleDatabase');
  try {
    yield* writeSample(params, context, instance, schema, size, messages);
  } finally {
    await claim?.release();
  }
}

async function* writeSample(
  params: SampleJob,
  context: JobContext,
  instance: Extract<DbInstance, { kind: 'sqlite' }>,
  schema: SchemaKind,
  size: { schema: SchemaKind; users: number; rooms: number; seed: number },
  messages: number,
): AsyncGenerator<OutputItem> {
  if (existsSync(instance.path) && !params.Force) {
    throw new PcmError(`The database '${instance.path}' already exists. Choose another path, or add -Force to replace it.`, {
      errorId: 'DatabaseExists',
      category: 'ResourceExists',
      target: instance.path,
    });
  }
  if (context.whatIf) {
    context.verbose(`What if: would create a ${schema} database at ${instance.path} with ${size.users} users, ${size.rooms} rooms and ${messages} messages.`);
    return;
  }
  // A journal beside the old file would be played back into the new one.
  if (params.Force) for (const suffix of ['-journal', '-wal', '-shm', '']) rmSync(`${instance.path}${suffix}`, { force: true });
  mkdirSync(dirname(instance.path), { recursive: true });
  const directory = generateDirectory(size);
  const legacy = schema === 'GroupChat2010';
  const store = await openStore(instance, { createWith: schema });
  try {
    context.verbose(`Writing ${directory.principals.length} principals, ${directory.categories.length} categories and ${directory.rooms.length} rooms.`);
    await store.transaction(async (w) => {
      for (const p of directory.principals) await w.insertPrincipal(p);
      const byPrincipal = new Map<number, { affiliationId: number; index: number }[]>();
      for (const a of directory.affiliations) {
        let list = byPrincipal.get(a.principalId);
        if (!list) byPrincipal.set(a.principalId, (list = []));
        list.push(a);
      }
      for (const p of directory.principals) await w.mergeAffiliations(p.id, byPrincipal.get(p.id) ?? []);
      for (const a of directory.addins) await w.putAddin(a);
      for await (const batch of store.nodes()) {
        const root = batch.find((n) => n.id === ROOT_NODE_ID);
        if (root) await w.updateNode(root.id, { ...root, ...directory.root } as ChatNode);
      }
      for (const n of [...directory.categories, ...directory.rooms]) await w.insertNode(n);
      const nodeIds = new Set([ROOT_NODE_ID, ...directory.categories.map((n) => n.id), ...directory.rooms.map((n) => n.id)]);
      for (const id of nodeIds) {
        await w.replaceScopes(id, directory.scopes.filter((s) => s.nodeId === id));
        await w.replaceRoles(id, directory.roles.filter((r) => r.nodeId === id));
      }
    });

    const chats = sampleChats(directory, schema, messages, size.seed);
    const progress = new ProgressReporter(context, 'New-PcmSampleDatabase', messages);
    const perTransaction = store.capabilities.chatsPerTransaction;
    let written = 0;
    let done = false;
    while (!done) {
      // Let a pending Ctrl+C (or a stop from PowerShell) through: nothing in this loop waits on its own.
      await new Promise((resolve) => setImmediate(resolve));
      context.signal.throwIfAborted();
      const byRoom = new Map<number, ChatInput[]>();
      let n = 0;
      for (;;) {
        const next = chats.next();
        if (next.done) {
          done = true;
          break;
        }
        // Group Chat 2010 messages have no rtf (tblChat has no such column).
        const chat = legacy ? { ...next.value, rtf: null } : next.value;
        let list = byRoom.get(chat.roomId);
        if (!list) byRoom.set(chat.roomId, (list = []));
        list.push(chat);
        if (++n >= perTransaction) break;
      }
      if (n === 0) break;
      await store.transaction(async (w) => {
        for (const [room, list] of byRoom) await w.appendChats(room, list);
      });
      written += n;
      progress.update(written, `${written} of ${messages} messages written`);
    }
    progress.complete();
    if (params.PassThru) {
      yield outputObject('PersistentChatMigration.SampleDatabase', {
        DBInstance: instance.text,
        Schema: schema,
        Principals: directory.principals.length,
        Categories: directory.categories.length,
        ChatRooms: directory.rooms.length,
        Addins: directory.addins.length,
        Messages: written,
        Seed: size.seed,
      });
    }
  } finally {
    await store.close();
  }
}
