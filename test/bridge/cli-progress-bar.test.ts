import assert from 'node:assert/strict';
import { formatDuration, formatRate, ProgressBar, renderProgressLine } from '../../bridge/progress-bar.js';
import { displayWidth } from '../../bridge/cli-text.js';

class Screen {
  readonly writes: string[] = [];
  constructor(readonly columns = 80) {}
  write(text: string): void {
    this.writes.push(text);
  }
  /** What a terminal shows on the current line after the writes (\r returns, ESC[K erases). */
  get line(): string {
    let line = '';
    for (const write of this.writes) {
      for (const part of write.split(/(\r\u001B\[K|\n)/)) {
        if (part === '\r\u001B[K' || part === '\n') line = '';
        else line += part;
      }
    }
    return line;
  }
}

describe('cli progress bar', () => {
  it('renders activity, counts, bar, percentage, rate and time left within the width', () => {
    const line = renderProgressLine({ activity: 'Export', status: '400 of 1000 messages', percentComplete: 40, secondsRemaining: 185 }, 80, { ratePerSecond: 2.5 });
    assert.equal(line, 'Export: 400 of 1000 messages [########------------]  40% 2.5 msg/s ETA 3m 05s');
    assert.equal(formatRate(12345.4, 'messages'), '12,345 msg/s');
    assert.equal(formatRate(3, 'rows'), '3 rows/s');
  });

  // The line the issue saw at 80 columns: "Import-CsPersistentChatData: checking the messages: 87537 of 3000…".
  const long = { activity: 'Import-CsPersistentChatData: checking the messages', status: '87537 of 300000 messages checked', percentComplete: 29, secondsRemaining: 245 };
  for (const width of [40, 80, 200]) {
    it(`cuts the activity name, never the counts, at ${width} columns`, () => {
      const line = renderProgressLine(long, width, { ratePerSecond: 1234.5 });
      assert.ok(displayWidth(line) <= width - 1, `${displayWidth(line)} columns: ${line}`);
      assert.ok(line.includes(width === 40 ? '87537 of 300000' : '87537 of 300000 messages checked'), line);
      assert.ok(line.includes(' 29%'), line);
      assert.ok(line.includes('ETA 4m 05s'), line);
      if (width >= 80) assert.ok(line.includes('1,235 msg/s'), line);
      if (width === 200) assert.ok(line.startsWith(`${long.activity}: 87537`), 'all of it at 200 columns');
      if (width === 80) assert.match(line, /^Import-Cs\S*…: 87537 of 300000/, 'the activity is what is cut');
    });
  }

  it('keeps the counts even when the status alone is wider than the terminal', () => {
    const line = renderProgressLine({ activity: 'Import', status: '87537 of 300000 messages checked in the room with a very long name', percentComplete: 29 }, 30);
    assert.ok(line.includes('87537 of 300000'), line);
    assert.ok(displayWidth(line) <= 29, line);
  });

  it('estimates the time left from the percentage when the record has none, and neutralises control characters', () => {
    const line = renderProgressLine({ activity: 'Import\u001b[2J', status: 'ok', percentComplete: 25 }, 100, { elapsedSeconds: 30 });
    assert.ok(line.endsWith('ETA 1m 30s'), line);
    assert.ok(!line.includes('\u001b'));
    assert.equal(formatDuration(3725), '1h 02m');
    assert.equal(formatDuration(42), '42s');
  });

  it('measures the rate from the counts it sees, after a second', () => {
    let now = 0;
    const screen = new Screen(120);
    const bar = new ProgressBar(screen, { now: () => now, intervalMs: 0 });
    bar.update({ activity: 'Export', status: '0 of 10000 messages', percentComplete: 0 });
    assert.doesNotMatch(screen.line, /msg\/s/);
    now = 500;
    bar.update({ activity: 'Export', status: '400 of 10000 messages', percentComplete: 4 });
    assert.doesNotMatch(screen.line, /msg\/s/, 'no rate before a second has passed');
    now = 2000;
    bar.update({ activity: 'Export', status: '3000 of 10000 messages', percentComplete: 30 });
    assert.match(screen.line, / 1,500 msg\/s /, screen.line);
    bar.clear();
  });

  it('draws at most once per interval, then the latest state, and erases itself when done', async () => {
    let now = 1000;
    const screen = new Screen();
    const bar = new ProgressBar(screen, { now: () => now, intervalMs: 100 });
    for (let i = 1; i <= 50; i++) bar.update({ activity: 'Work', status: `${i} of 100`, percentComplete: i });
    assert.equal(screen.writes.length, 1, 'only the first update is drawn at once');
    assert.match(screen.line, /^Work: 1 of 100 /);
    now += 100;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(screen.writes.length, 2);
    assert.match(screen.line, /^Work: 50 of 100 /);
    bar.update({ activity: 'Work', status: 'Completed', completed: true });
    assert.equal(screen.line, '');
    bar.clear();
    assert.equal(screen.writes.length, 3, 'a cleared bar is not erased twice');
  });

  it('prints other lines above the bar and redraws it', () => {
    const screen = new Screen();
    const bar = new ProgressBar(screen, { now: () => 0 });
    bar.update({ activity: 'Work', status: 'half', percentComplete: 50 });
    bar.print('WARNING: something\n');
    const all = screen.writes.join('');
    assert.ok(all.includes('\r\u001B[KWARNING: something\n'), JSON.stringify(all));
    assert.match(screen.line, /^Work: half /);
    bar.clear();
    assert.equal(screen.line, '');
  });
});
