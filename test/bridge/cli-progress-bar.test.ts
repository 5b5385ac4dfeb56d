import assert from 'node:assert/strict';
import { formatDuration, ProgressBar, renderProgressLine } from '../../bridge/progress-bar.js';

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
  it('renders activity, status, bar, percentage and time left within the width', () => {
    const line = renderProgressLine({ activity: 'Export', status: '400 of 1000 messages', percentComplete: 40, secondsRemaining: 185 }, 80);
    assert.equal(line, 'Export: 400 of 1000 messages [########------------]  40% 3m 05s left');
    const narrow = renderProgressLine({ activity: 'A very long activity name indeed', status: 'x'.repeat(200), percentComplete: 5 }, 50);
    assert.ok(narrow.length <= 49, narrow);
    assert.ok(narrow.endsWith('   5%'), narrow);
  });

  it('estimates the time left from the percentage when the record has none, and neutralises control characters', () => {
    const line = renderProgressLine({ activity: "Import\u001b[2J", status: "ok", percentComplete: 25 }, 100, { elapsedSeconds: 30 });
    assert.ok(line.endsWith('1m 30s left'), line);
    assert.ok(!line.includes('\u001b'));
    assert.equal(formatDuration(3725), '1h 02m');
    assert.equal(formatDuration(42), '42s');
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
