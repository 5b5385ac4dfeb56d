/**
 * The terminal says what happened (issue 15, item 4): on a real pseudo-terminal (util-linux `script`), Export,
 * Import (also -WhatIf), the verification and the file store copy end with a summary (outcome, counts, conversions
 * by rule, what was written, the log), and warnings are grouped by rule with counts; redirected, every warning is
 * printed and no summary is added.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { GroupedWarnings, summaryLines } from '../../bridge/cli-summary.js';
import { CLI } from '../support/pcm-process.js';
import { tempDir } from '../support/temp.js';

interface Run {
  status: number | null;
  out: string;
  err: string;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function run(args: readonly string[], env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

/** pcm on a pseudo-terminal: what the administrator sees (stdout and stderr together, colours off). */
function onTerminal(args: readonly string[], env: NodeJS.ProcessEnv): Run {
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '200', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // eslint-disable-next-line no-control-regex
  // The progress bar redraws its line with CR; each redraw is a line of its own here.
  const text = r.stdout.toString('utf8').replace(/\r\n?/g, '\n').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
  return { status: r.status, out: text, err: r.stderr.toString('utf8') };
}

describe('pcm: the summary a terminal shows when a run ends', function () {
  this.timeout(120_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(function () {
    if (!(process.env.PATH ?? '').split(delimiter).some((p) => spawnSync('test', ['-x', join(p, 'script')]).status === 0)) {
      throw new Error('script (util-linux) is needed to give pcm a terminal');
    }
    dir = tempDir('pcm-cli-summary-');
    env = { PCM_LOG_DIR: join(dir, 'logs'), PCM_CONFIG_STORE: join(dir, 'config.db') };
    const made = run(['New-PcmSampleDatabase', `sqlite:${join(dir, 'legacy.db')}`, '-Messages', '300'], env);
    assert.equal(made.status, 0, made.err);
  });

  it('Export: outcome, counts, conversions, the package, report and JSON twin, and the log', () => {
    const r = onTerminal(['Export-CsPersistentChatData', '-DBInstance', `sqlite:${join(dir, 'legacy.db')}`, '-FileName', join(dir, 'x.zip'), '-Report', join(dir, 'x.html')], env);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /^Export-CsPersistentChatData: Exported\.$/m);
    assert.match(r.out, /^ {2}Level All · Principals \d+ · Categories \d+ · Chat rooms \d+ · Add-ins \d+ · Messages 300 · Package size \d+ bytes/m);
    assert.match(r.out, /^ {2}Conversions: [A-Z][a-z ]+ \d+/m);
    assert.ok(r.out.includes(`  Written: ${join(dir, 'x.zip')}, ${join(dir, 'x.html')}, ${join(dir, 'x.json')}`), r.out);
    assert.match(r.out, new RegExp(`^ {2}Log: ${join(dir, 'logs').replace(/[/\\.]/g, '\\$&')}/pcm-\\d{4}-\\d{2}-\\d{2}\\.log$`, 'm'));
  });

  it('Import -WhatIf groups warnings by rule with counts and says nothing was written; redirected, every warning shows and no summary', () => {
    const args = ['Import-CsPersistentChatData', '-DBInstance', `sqlite:${join(dir, 'pc.db')}`, '-FileName', join(dir, 'x.zip'), '-WhatIf'];
    const plain = run(args, env);
    assert.equal(plain.status, 0, plain.err);
    const every = plain.err.split('\n').filter((l) => l.startsWith('WARNING: '));
    assert.doesNotMatch(plain.err, /What if: would import\./);
    const tty = onTerminal(args, env);
    assert.equal(tty.status, 0, tty.out);
    const shown = tty.out.split('\n').filter((l) => l.startsWith('WARNING: '));
    const grouped = shown.filter((l) => /: \d+ warnings, such as: /.test(l));
    assert.ok(grouped.length > 0, 'a rule with several warnings is shown once, with its count');
    const counted = shown.reduce((n, l) => n + Number(/: (\d+) warnings, such as: /.exec(l)?.[1] ?? 1), 0);
    assert.equal(counted, every.length, 'the counts add up to every warning');
    assert.ok(shown.length < every.length);
    assert.match(tty.out, /^Import-CsPersistentChatData: What if: would import\.$/m);
    assert.match(tty.out, /^ {2}Principals \d+ created, \d+ updated · .* · Messages 300 imported, 0 already there · Warnings \d+/m);
    assert.ok(tty.out.includes(`  Written: nothing (a dry run); the import would write sqlite:${join(dir, 'pc.db')}`), tty.out);
  });

  it('the real import, the verification and the copy each say what they did', () => {
    const imported = onTerminal(['Import-CsPersistentChatData', '-DBInstance', `sqlite:${join(dir, 'pc.db')}`, '-FileName', join(dir, 'x.zip'), '-Confirm:$false'], env);
    assert.equal(imported.status, 0, imported.out);
    assert.match(imported.out, /^Import-CsPersistentChatData: Imported\.$/m);
    assert.ok(imported.out.includes(`  Written: sqlite:${join(dir, 'pc.db')}`));
    const verified = onTerminal(['Test-PcmPersistentChatMigration', `sqlite:${join(dir, 'legacy.db')}`, `sqlite:${join(dir, 'pc.db')}`, '-Report', join(dir, 'v.html')], env);
    assert.equal(verified.status, 0, verified.out);
    assert.match(verified.out, /^Test-PcmPersistentChatMigration: Verified\.$/m);
    assert.match(verified.out, /Differences 0/);
    mkdirSync(join(dir, 'Files', 'Room 1'), { recursive: true });
    writeFileSync(join(dir, 'Files', 'Room 1', 'a.txt'), 'a');
    const copied = onTerminal(['Copy-PcmFileStore', join(dir, 'Files'), join(dir, 'NewFiles')], env);
    assert.equal(copied.status, 0, copied.out);
    assert.match(copied.out, /^Copy-PcmFileStore: Copied and verified\.$/m);
    assert.match(copied.out, /Files 1 · Copied 1 · Repaired 0 · Unchanged 0/);
  });

  it('groups warnings and renders a summary from its parts', () => {
    const g = new GroupedWarnings();
    g.add('RoomTopicDropped', "ChatRoom 'a': topic dropped");
    g.add('RoomTopicDropped', "ChatRoom 'b': topic dropped");
    g.add('Overwrite', "ChatRoom 'c': overwritten\r\nforged line");
    // A warning quotes package content: its CR/LF are shown, never a line of their own.
    assert.deepEqual(g.lines(), ["WARNING: Room topic dropped: 2 warnings, such as: ChatRoom 'a': topic dropped", "WARNING: ChatRoom 'c': overwritten\\r\\nforged line"]);
    const lines = summaryLines('X', { outcome: 'Done', facts: [['Messages', 1234567], ['Level', 'All']], conversions: new Map([['Overwrite', 2]]), written: ['/a'] }, '/log');
    assert.deepEqual(lines, ['X: Done.', '  Messages 1,234,567 · Level All', '  Conversions: Existing items overwritten 2', '  Written: /a', '  Log: /log']);
  });
});
