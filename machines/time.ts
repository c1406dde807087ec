// Virtual time: epoch milliseconds inside the simulation, ISO 8601 in UTC+8 (China Standard Time) at the edges.
// Nothing here reads the wall clock.

/** China Standard Time, minutes east of UTC (STL-1). */
export const CST_OFFSET_MINUTES = 480;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses "2024-01-05", "2024-01-05 10:00", "2024-01-05T10:00:00+08:00"; no offset means UTC+8. */
export function parseTime(text: string, offsetMinutes = CST_OFFSET_MINUTES): number | undefined {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, +frac.padEnd(3, '0'));
  const check = new Date(utc);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59) return undefined;
  return utc - zoneMinutes(zone, offsetMinutes) * 60_000;
}

function zoneMinutes(zone: string | undefined, fallback: number): number {
  if (zone === undefined) return fallback;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** "2024-01-05T10:00:00+08:00" — seconds precision, milliseconds only when present. */
export function formatTime(epochMs: number, offsetMinutes = CST_OFFSET_MINUTES): string {
  const shifted = epochMs + offsetMinutes * 60_000; // shifted, so its "Z" fields are local
  const ofDay = msOfDay(shifted);
  const dayStart = shifted - ofDay;
  if (!(dayStart >= FOUR_DIGIT_YEARS.from && dayStart <= FOUR_DIGIT_YEARS.to) || !Number.isInteger(ofDay)) return formatTimeSlow(epochMs, offsetMinutes);
  // Every log line is stamped: the date part and the offset text are reused (see dayText), the time computed.
  const ms = ofDay % 1000;
  const seconds = (ofDay - ms) / 1000;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor(seconds / 60) % 60;
  const ss = seconds % 60;
  const time = `${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:${ss < 10 ? '0' : ''}${ss}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`}`;
  if (offsetMinutes !== lastOffset.minutes) lastOffset = { minutes: offsetMinutes, text: offsetText(offsetMinutes) };
  return `${dayText(dayStart)}T${time}${lastOffset.text}`;
}

const DAY_MS = 86_400_000;
/** Years 0000–9999, which toISOString writes with four digits (outside them it writes ±YYYYYY). */
const FOUR_DIGIT_YEARS = { from: Date.parse('0000-01-01T00:00:00Z'), to: Date.parse('9999-12-31T00:00:00Z') };
let lastOffset = { minutes: Number.NaN, text: '' };
let lastDay = { start: Number.NaN, text: '' };

function msOfDay(shifted: number): number {
  return ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
}

/** "YYYY-MM-DD" of a (shifted) day start: consecutive calls (log stamps, a month of hourly bills) share a day. */
function dayText(dayStart: number): string {
  if (dayStart !== lastDay.start) lastDay = { start: dayStart, text: new Date(dayStart).toISOString().slice(0, 10) };
  return lastDay.text;
}

/** formatTime through Date#toISOString: the reference the fast path is tested against, and its fallback. */
export function formatTimeSlow(epochMs: number, offsetMinutes = CST_OFFSET_MINUTES): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString();
  const body = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  return `${body}${offsetText(offsetMinutes)}`;
}

function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Local calendar date "YYYY-MM-DD" of an instant. */
export function localDate(epochMs: number, offsetMinutes = CST_OFFSET_MINUTES): string {
  const shifted = epochMs + offsetMinutes * 60_000;
  return dayText(shifted - msOfDay(shifted));
}

/** Local month "YYYY-MM" of an instant (settlement months, STL-1). */
export function localMonth(epochMs: number, offsetMinutes = CST_OFFSET_MINUTES): string {
  // Asked for every hourly usage fact a run folds (and by machines and settlement): the last month's text is kept
  // with the instants it covers, so a month of hours builds its text once.
  const last = lastMonth;
  if (offsetMinutes === last.offset && epochMs >= last.from && epochMs < last.to) return last.text;
  const text = localDate(epochMs, offsetMinutes).slice(0, 7);
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const bound = (monthDelta: number): number => {
    const day = new Date(0);
    day.setUTCFullYear(local.getUTCFullYear(), local.getUTCMonth() + monthDelta, 1); // years 0–99 too, unlike Date.UTC
    return day.getTime() - offsetMinutes * 60_000;
  };
  lastMonth = { offset: offsetMinutes, from: bound(0), to: bound(1), text };
  return text;
}

let lastMonth = { offset: Number.NaN, from: Number.NaN, to: Number.NaN, text: '' };

/** "YYYY-MM" shifted by n months. */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Adds calendar months keeping the local day-of-month and time, clamping to the month's last day
 * (ORD-9: expiry = creation + period; Jan 31 + 1 month = Feb 29 in 2024).
 */
export function addCalendarMonths(epochMs: number, months: number, offsetMinutes = CST_OFFSET_MINUTES): number {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return shifted - offsetMinutes * 60_000;
}

/** Start of the local day containing an instant. */
export function startOfLocalDay(epochMs: number, offsetMinutes = CST_OFFSET_MINUTES): number {
  const shifted = epochMs + offsetMinutes * 60_000;
  return shifted - msOfDay(shifted) - offsetMinutes * 60_000;
}

/** The first instant of the local month after the one containing `epochMs` (settlement month boundaries, STL-1). */
export function startOfNextLocalMonth(epochMs: number, offsetMinutes = CST_OFFSET_MINUTES): number {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - offsetMinutes * 60_000;
}
