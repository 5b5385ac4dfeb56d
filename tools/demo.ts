/**
 * npm start: the demo migration, run exactly as an administrator would type it with the pcm command line.
 * Generates a Lync Server 2010 Group Chat database, exports it, imports the package into a new Persistent Chat
 * database, and prints what each database holds and where the reports are.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../bridge/cli-main.js';
import { isRoot } from '../core/records.js';
import { openStore } from '../store/open-store.js';

const folder = resolve(process.env.PCM_DEMO_DIR ?? 'out/demo');
const legacy = join(folder, 'legacy.db');
const target = join(folder, 'pc.db');
const zip = join(folder, 'export.zip');

async function step(title: string, argv: string[]): Promise<void> {
  process.stdout.write(`\n> pcm ${argv.map((a) => (/[\s\\]/.test(a) ? `"${a}"` : a)).join(' ')}\n`);
  const code = await runCli(argv);
  if (code !== 0) {
    process.stderr.write(`The demo stopped: ${title} exited with ${code}.\n`);
    process.exit(code);
  }
}

async function counts(path: string): Promise<Record<string, number>> {
  const store = await openStore(`sqlite:${path}`, { readOnly: true });
  try {
    const result: Record<string, number> = { principals: 0, categories: 0, 'chat rooms': 0, 'add-ins': 0, messages: 0 };
    for await (const batch of store.principals()) result.principals! += batch.length;
    for await (const batch of store.nodes()) {
      for (const n of batch) if (!isRoot(n)) result[n.kind === 'Category' ? 'categories' : 'chat rooms']! += 1;
    }
    for await (const batch of store.addins()) result['add-ins']! += batch.length;
    for (const n of (await store.chatCounts()).values()) result.messages! += n;
    return result;
  } finally {
    await store.close();
  }
}

rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
process.stdout.write(`PersistentChatMigration demo: a Group Chat 2010 -> Persistent Chat migration in ${folder}\n`);
await step('generating the legacy database', ['New-PcmSampleDatabase', '-DBInstance', `sqlite:${legacy}`, '-Schema', 'GroupChat2010', '-Messages', '20000', '-Seed', '7']);
await step('the export', ['Export-CsPersistentChatData', '-DBInstance', `sqlite:${legacy}`, '-FileName', zip, '-Report', join(folder, 'export.html')]);
await step('the import', ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${target}`, '-FileName', zip, '-Report', join(folder, 'import.html'), '-Confirm:$false']);

const before = await counts(legacy);
const after = await counts(target);
process.stdout.write('\n                 Group Chat 2010   Persistent Chat\n');
for (const key of Object.keys(before)) {
  process.stdout.write(`  ${key.padEnd(14)} ${String(before[key]).padStart(16)}   ${String(after[key]).padStart(15)}\n`);
}
process.stdout.write(
  '\nNested categories were flattened (and rooms under the root got a category of their own), so the category counts\n' +
    'differ; every principal, room, add-in and message arrived. The warnings above are the documented conversions.\n\n' +
    `Reports: ${join(folder, 'export.html')}\n         ${join(folder, 'import.html')} (and .json twins)\n` +
    `Databases: ${legacy}\n           ${target}\n`,
);
