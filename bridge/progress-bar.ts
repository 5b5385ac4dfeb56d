/**
 * The progress bar pcm draws on a terminal's stderr: one line with the activity, its status, a bar, the percentage
 * and the time left, redrawn at most ten times a second and erased when the work is done. Other stderr lines
 * (warnings, verbose) go through print() so that they never land in the middle of the bar. The CLI creates no bar
 * when stderr is not a terminal.
 */
import type { ProgressInfo } from '../cmdlets/cmdlet.js';
import { displayWidth, sanitize, truncate } from './cli-text.js';

export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number | undefined;
}

const ERASE_LINE = '\r\u001B[K';
const BAR_WIDTH = 20;

/** 42 s, 3m 05s, 1h 02m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One line of progress fitted to `width` columns: `Activity: status [#####-----] 42% 3m 05s left`. The time left is
 * the record's own estimate, else one from the percentage and `elapsedSeconds`.
 */
export function renderProgressLine(info: ProgressInfo, width: number, elapsedSeconds = 0): string {
  const percent = info.percentComplete === undefined || info.percentComplete < 0 ? undefined : Math.min(100, info.percentComplete);
  let left = info.secondsRemaining !== undefined && info.secondsRemaining >= 0 ? info.secondsRemaining : undefined;
  if (left === undefined && percent !== undefined && percent > 0 && percent < 100 && elapsedSeconds > 0) {
    left = (elapsedSeconds * (100 - percent)) / percent;
  }
  const tail: string[] = [];
  if (percent !== undefined) {
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    tail.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`, `${String(Math.floor(percent)).padStart(3)}%`);
  }
  if (left !== undefined) tail.push(`${formatDuration(left)} left`);
  const head = sanitize([info.activity, info.status].filter((t) => t).join(': '));
  const tailText = tail.join(' ');
  // Keep one column free: a line that fills the terminal makes some terminals wrap, and \r then erases the wrong line.
  const room = width - 1;
  if (displayWidth(tailText) + 1 >= room) return truncate(`${head} ${tailText}`, room);
  return `${truncate(head, room - displayWidth(tailText) - 1)} ${tailText}`.trimStart();
}

interface Activity {
  info: ProgressInfo;
  readonly started: number;
}

export class ProgressBar {
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #activities = new Map<number, Activity>();
  #current: number | undefined;
  #drawn = false;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: ProgressStream, options: { now?: () => number; intervalMs?: number } = {}) {
    this.#stream = stream;
    this.#now = options.now ?? Date.now;
    this.#intervalMs = options.intervalMs ?? 100;
  }

  update(info: ProgressInfo): void {
    const id = info.id ?? 0;
    if (info.completed) {
      this.#activities.delete(id);
      if (this.#current === id) this.#current = [...this.#activities.keys()].pop();
      if (this.#activities.size === 0) this.clear();
      else this.#schedule();
      return;
    }
    const known = this.#activities.get(id);
    if (known && known.info.activity === info.activity) known.info = info;
    else this.#activities.set(id, { info, started: this.#now() });
    this.#current = id;
    this.#schedule();
  }

  /** Prints text (whole lines) above the bar, then redraws the bar. */
  print(text: string): void {
    const wasDrawn = this.#drawn;
    this.#erase();
    this.#stream.write(text);
    if (wasDrawn) this.#draw();
  }

  /** Erases the bar and forgets every activity; call it when the run ends. */
  clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#activities.clear();
    this.#current = undefined;
    this.#erase();
  }

  #schedule(): void {
    const wait = this.#lastDraw + this.#intervalMs - this.#now();
    if (wait <= 0) {
      this.#draw();
      return;
    }
    // Throttled: the latest state is drawn when the interval is over.
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#draw();
    }, wait);
    this.#timer.unref?.();
  }

  #draw(): void {
    const activity = this.#current === undefined ? undefined : this.#activities.get(this.#current);
    if (!activity) return;
    this.#lastDraw = this.#now();
    const elapsed = (this.#lastDraw - activity.started) / 1000;
    this.#stream.write(ERASE_LINE + renderProgressLine(activity.info, this.#stream.columns || 80, elapsed));
    this.#drawn = true;
  }

  #erase(): void {
    if (!this.#drawn) return;
    this.#stream.write(ERASE_LINE);
    this.#drawn = false;
  }
}
