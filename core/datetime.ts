/**
 * Dates as administrators type them. PowerShell casts strings with the invariant culture ([datetime]"1/31/2010" is
 * January 31st), and a date without a zone is local time; both rules are kept here so that -StartDate means the
 * same on the command line as in PowerShell.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const INVARIANT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string | undefined): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  let date: Date;
  if (zone === undefined) {
    date = new Date(y, mo - 1, d, h, mi, s, ms);
    date.setFullYear(y);
  } else {
    let offsetMinutes = 0;
    if (zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    }
    date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60000);
    if (y < 100) date.setUTCFullYear(y);
  }
  // Reject rollovers such as February 30th.
  const check = zone === undefined ? date.getDate() : new Date(Date.UTC(y, mo - 1, d)).getUTCDate();
  return check === d ? date : undefined;
}

export function parseDateTime(text: string): Date | undefined {
  const value = text.trim();
  const iso = ISO.exec(value);
  if (iso) {
    const ms = iso[7] ? Math.floor(Number(iso[7].padEnd(7, '0')) / 10000) : 0;
    return build(+iso[1]!, +iso[2]!, +iso[3]!, +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), ms, iso[8]);
  }
  const inv = INVARIANT.exec(value);
  if (inv) return build(+inv[3]!, +inv[1]!, +inv[2]!, +(inv[4] ?? 0), +(inv[5] ?? 0), +(inv[6] ?? 0), 0, undefined);
  return undefined;
}
