/**
 * The progress bar pcm draws on a terminal's stderr: one line with the activity, its status (the counts), a bar, the
 * percentage, the rate and the time left, redrawn at most ten times a second and erased when the work is done. Other stderr lines
 * (warnings, verbose) go through print() so that they never land in the middle of the bar. The CLI creates no bar
 * when stderr is not a terminal.
 */
import type { ProgressInfo } from '../cmdlets/framework/cmdlet.js';
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

/** `N of M unit` at the start of a status, as the cmdlets write it ("87537 of 300000 messages checked"). */
const COUNTS = /^(\d+) of (\d+)(?: (\p{L}+))?/u;

/** The counts a status starts with, if it does. */
export function parseCounts(status: string): { done: number; total: number; unit: string | undefined } | undefined {
  const match = COUNTS.exec(status);
  return match ? { done: Number(match[1]), total: Number(match[2]), unit: match[3] } : undefined;
}

const RATE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const SLOW_RATE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `12,345 msg/s`; units other than messages keep their word (`rows/s`). */
export function formatRate(perSecond: number, unit: string | undefined): string {
  const what = unit === undefined ? '/s' : unit === 'messages' || unit === 'message' ? ' msg/s' : ` ${unit}/s`;
  return `${perSecond < 10 ? SLOW_RATE.format(perSecond) : RATE.format(perSecond)}${what}`;
}

export interface ProgressTiming {
  /** Seconds since the activity started; gives a time left from the percentage when the record has none. */
  readonly elapsedSeconds?: number;
  /** Items per second, measured by the bar from the counts in the status. */
  readonly ratePerSecond?: number;
}

/**
 * One line of progress fitted to `width` columns: `Activity: 400 of 1000 messages [####----] 40% 12 msg/s ETA 3m 05s`.
 * What goes when the line is too long, first to last: the activity name (cut, then dropped), the bar, the rate,
 * the time left, the percentage. The counts (the status) are kept whole while they fit at all. The time left is the
 * record's own estimate, else one from the percentage and the time elapsed, else from the rate and the counts.
 */
export function renderProgressLine(info: ProgressInfo, width: number, timing: ProgressTiming = {}): string {
  const percent = info.percentComplete === undefined || info.percentComplete < 0 ? undefined : Math.min(100, info.percentComplete);
  const elapsed = timing.elapsedSeconds ?? 0;
  const status = sanitize(info.status ?? '');
  const counts = parseCounts(info.status ?? '');
  const rate = timing.ratePerSecond !== undefined && Number.isFinite(timing.ratePerSecond) && timing.ratePerSecond > 0 ? timing.ratePerSecond : undefined;
  let left = info.secondsRemaining !== undefined && info.secondsRemaining >= 0 ? info.secondsRemaining : undefined;
  if (left === undefined && percent !== undefined && percent > 0 && percent < 100 && elapsed > 0) left = (elapsed * (100 - percent)) / percent;
  if (left === undefined && rate !== undefined && counts && counts.total > counts.done) left = (counts.total - counts.done) / rate;

  // Keep one column free: a line that fills the terminal makes some terminals wrap, and \r then erases the wrong line.
  const room = Math.max(1, width - 1);
  const filledBar = percent === undefined ? undefined : Math.round((percent / 100) * BAR_WIDTH);
  // In the order they are given up when space runs out (the last ones last).
  const optional: { key: string; text: string }[] = [];
  if (filledBar !== undefined) optional.push({ key: 'bar', text: `[${'#'.repeat(filledBar)}${'-'.repeat(BAR_WIDTH - filledBar)}]` });
  if (rate !== undefined) optional.push({ key: 'rate', text: formatRate(rate, counts?.unit) });
  if (left !== undefined && percent !== 100) optional.push({ key: 'eta', text: `ETA ${formatDuration(left)}` });
  if (percent !== undefined) optional.push({ key: 'percent', text: `${String(Math.floor(percent)).padStart(3)}%` });
  const order = ['bar', 'percent', 'rate', 'eta'];

  const fit = (statusText: string): { body: string; kept: number } => {
    const line = (parts: { key: string; text: string }[]): string =>
      [statusText, ...order.map((key) => parts.find((p) => p.key === key)?.text).filter((t): t is string => t !== undefined)].filter((t) => t !== '').join(' ');
    const kept = [...optional];
    while (kept.length > 0 && displayWidth(line(kept)) > room) kept.shift();
    // The bar only repeats the percentage: it does not count as something kept.
    return { body: line(kept), kept: kept.filter((p) => p.key !== 'bar').length };
  };
  let { body, kept } = fit(status);
  // The counts without their words ("87537 of 300000") when that keeps more of the percentage, rate and time left.
  if (counts && (kept < optional.filter((p) => p.key !== 'bar').length || displayWidth(body) > room)) {
    const short = fit(`${counts.done} of ${counts.total}`);
    if (short.kept > kept || displayWidth(body) > room) ({ body, kept } = short);
  }
  if (displayWidth(body) > room) return truncate(body, room);

  const activity = sanitize(info.activity ?? '');
  const space = room - displayWidth(body) - (body === '' ? 0 : 1) - 2;
  // An activity cut to a few letters says nothing; leave it out instead.
  if (activity === '' || space < Math.min(8, displayWidth(activity))) return body;
  return `${truncate(activity, space)}: ${body}`.trimEnd();
}

interface Activity {
  info: ProgressInfo;
  readonly started: number;
  /** The first counts seen and when, to measure the rate. */
  first: { readonly done: number; readonly at: number } | undefined;
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
    const counts = parseCounts(info.status ?? '');
    if (known && known.info.activity === info.activity) {
      known.info = info;
      known.first ??= counts && { done: counts.done, at: this.#now() };
    } else this.#activities.set(id, { info, started: this.#now(), first: counts && { done: counts.done, at: this.#now() } });
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
    const elapsedSeconds = (this.#lastDraw - activity.started) / 1000;
    const counts = parseCounts(activity.info.status ?? '');
    const since = activity.first === undefined ? 0 : (this.#lastDraw - activity.first.at) / 1000;
    // A rate needs a second of measurement; before that it jumps about.
    const ratePerSecond = counts && activity.first && since >= 1 ? (counts.done - activity.first.done) / since : undefined;
    this.#stream.write(ERASE_LINE + renderProgressLine(activity.info, this.#stream.columns || 80, { elapsedSeconds, ratePerSecond }));
    this.#drawn = true;
  }

  #erase(): void {
    if (!this.#drawn) return;
    this.#stream.write(ERASE_LINE);
    this.#drawn = false;
  }
}
