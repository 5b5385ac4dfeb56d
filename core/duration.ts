/**
 * A TimeSpan, as PowerShell and Microsoft's settings hold one (Compliance RunInterval): whole milliseconds, written
 * in .NET's constant format `[d.]hh:mm:ss[.fffffff]`, the form the docs use ("00:15:00", "1.00:00:00").
 */
export class Duration {
  constructor(readonly milliseconds: number) {}

  static minutes(n: number): Duration {
    return new Duration(n * 60_000);
  }

  /** `[-][d.]hh:mm:ss[.fraction]`, or `hh:mm`; undefined when the text is neither. */
  static parse(text: string): Duration | undefined {
    const m = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/.exec(text);
    if (!m) return undefined;
    const [hours, minutes, seconds] = [Number(m[3]), Number(m[4]), Number(m[5] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
    const ms = ((Number(m[2] ?? 0) * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + Math.floor(Number(`0.${m[6] ?? '0'}`) * 1000);
    return new Duration(m[1] ? -ms : ms);
  }

  /** JSON and the command line's output show the same text as PowerShell. */
  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    const sign = this.milliseconds < 0 ? '-' : '';
    let rest = Math.abs(this.milliseconds);
    const ms = rest % 1000;
    rest = (rest - ms) / 1000;
    const [s, m, h, d] = [rest % 60, Math.floor(rest / 60) % 60, Math.floor(rest / 3600) % 24, Math.floor(rest / 86400)];
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${sign}${d > 0 ? `${d}.` : ''}${two(h)}:${two(m)}:${two(s)}${ms > 0 ? `.${String(ms).padStart(3, '0')}0000` : ''}`;
  }
}
