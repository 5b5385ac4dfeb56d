/**
 * The text forms of CLIXML's primitive values, both ways: numbers, DateTime, TimeSpan, decimal, bool, char and
 * byte[] as .NET's XmlConvert writes and reads them (PowerShell's KnownTypes table, spec/powershell.md §1.3).
 */
import { ClixmlError } from './clixml-text.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** XmlConvert.ToString(double): `INF`, `-INF`, `NaN`, `-0`; anything else in a form XmlConvert.ToDouble reads. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  if (Object.is(value, -0)) return '-0';
  return String(value).replace('e', 'E');
}

/**
 * XmlConvert.ToString(DateTime, RoundtripKind) for a UTC DateTime: `2024-05-01T12:34:56.789Z`, trailing zeros of
 * the fraction dropped as .NET drops them. The instant is kept; PowerShell sees a DateTime of Kind Utc.
 */
export function formatDateTime(value: Date): string {
  const year = value.getUTCFullYear();
  if (Number.isNaN(year)) throw new RangeError('An invalid Date cannot be serialized to CLIXML');
  if (year < 1 || year > 9999) {
    throw new RangeError(`Date ${value.toISOString()} is outside .NET's DateTime range (years 1 to 9999)`);
  }
  return value.toISOString().replace(/\.?0+Z$/, 'Z');
}

const INTEGER = /^[+-]?[0-9]+$/;

/** A .NET integer type's text, range-checked; a number when it is a safe integer, else a bigint. */
export function parseInteger(text: string, min: bigint, max: bigint, tag: string): number | bigint {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) throw new ClixmlError(`<${tag}> holds "${trimmed.slice(0, 40)}", not an integer`);
  const value = BigInt(trimmed);
  if (value < min || value > max) throw new ClixmlError(`<${tag}> value ${trimmed} is out of range`);
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** XmlConvert.ToDouble / ToSingle. */
export function parseDouble(text: string, tag: string): number {
  const trimmed = text.trim();
  if (trimmed === 'INF' || trimmed === '+INF') return Infinity;
  if (trimmed === '-INF') return -Infinity;
  if (trimmed === 'NaN') return NaN;
  if (!FLOAT.test(trimmed)) throw new ClixmlError(`<${tag}> holds "${trimmed.slice(0, 40)}", not a number`);
  return Number(trimmed);
}

const DECIMAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;

/** Sign, integer digits and fraction digits without insignificant zeros: the exact value of a decimal text. */
function canonicalDecimal(text: string): string | undefined {
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const whole = match[2]!.replace(/^0+/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (whole === '' && fraction === '') return '0';
  return `${match[1] === '-' ? '-' : ''}${whole || '0'}${fraction ? '.' + fraction : ''}`;
}

/** A number's shortest round-trip text written out without an exponent. */
function plainNumber(value: number): string {
  const text = String(value);
  const exp = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const digits = exp[2]! + (exp[3] ?? '');
  const point = 1 + Number(exp[4]);
  const body = point <= 0 ? '0.' + '0'.repeat(-point) + digits : digits.padEnd(point, '0') + '.' + digits.slice(point);
  return exp[1] + body;
}

/**
 * System.Decimal (`<D>`): a number when the JS number's shortest text is exactly the same decimal value (so `1.1`
 * and `-0.5` are numbers), otherwise the decimal's text, so that no digit of a 28-digit amount is lost silently.
 */
export function parseDecimal(text: string): number | string {
  const trimmed = text.trim();
  const canonical = canonicalDecimal(trimmed);
  if (canonical === undefined) throw new ClixmlError(`<D> holds "${trimmed.slice(0, 40)}", not a decimal`);
  const value = Number(canonical);
  return canonicalDecimal(plainNumber(value)) === canonical ? value : canonical;
}

/** XmlConvert.ToBoolean: `true`, `false`, `1`, `0`. */
export function parseBoolean(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === '1') return true;
  if (trimmed === 'false' || trimmed === '0') return false;
  throw new ClixmlError(`<B> holds "${trimmed.slice(0, 40)}", not a boolean`);
}

/** `<C>`: a char written as its UTF-16 code. */
export function parseChar(text: string): string {
  const code = parseInteger(text, 0n, 0xffffn, 'C');
  return String.fromCharCode(Number(code));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `<BA>`: Convert.FromBase64String, which ignores whitespace. */
export function parseBytes(text: string): Buffer {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw new ClixmlError('<BA> does not hold valid base64');
  return Buffer.from(compact, 'base64');
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * XmlConvert.ToDateTime(text, RoundtripKind). `Z` and `+hh:mm` give the instant; no suffix (Kind Unspecified) is
 * read as local time of this process, as .NET treats Unspecified when it converts. Precision is cut to the
 * millisecond (a .NET tick is 100 ns).
 */
export function parseDateTime(text: string): Date {
  const trimmed = text.trim();
  const m = DATE_TIME.exec(trimmed);
  const fail = (): never => {
    throw new ClixmlError(`<DT> holds "${trimmed.slice(0, 40)}", not an ISO 8601 date and time`);
  };
  if (!m) return fail();
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return fail();
  const zone = m[8];
  let date: Date;
  if (zone === undefined) {
    date = new Date(2000, mo - 1, d, h, mi, s, ms);
    date.setFullYear(y, mo - 1, d);
    if (date.getDate() !== d) return fail();
  } else {
    const utc = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
    utc.setUTCFullYear(y, mo - 1, d);
    if (utc.getUTCDate() !== d) return fail();
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = zone === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    date = new Date(utc.getTime() - offset * 60000);
  }
  return date;
}

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

/**
 * XmlConvert.ToTimeSpan (`PT1H2M3.5S`, `-P1DT2H`) as a number of milliseconds, fractions down to the tick kept.
 * Years and months count as 365 and 30 days, as .NET's XsdDuration does.
 */
export function parseTimeSpan(text: string): number {
  const trimmed = text.trim();
  const m = DURATION.exec(trimmed);
  if (!m || /^-?PT?$/.test(trimmed) || trimmed.endsWith('T')) {
    throw new ClixmlError(`<TS> holds "${trimmed.slice(0, 40)}", not an XML duration`);
  }
  const n = (i: number): bigint => BigInt(m[i] ?? 0);
  const days = n(2) * 365n + n(3) * 30n + n(4);
  const seconds = ((days * 24n + n(5)) * 60n + n(6)) * 60n + n(7);
  const ticks = seconds * 10_000_000n + BigInt((m[8] ?? '').slice(0, 7).padEnd(7, '0'));
  const ms = Number(ticks / 10_000n) + Number(ticks % 10_000n) / 10_000;
  return m[1] === '-' ? -ms : ms;
}
