// Business-day arithmetic for review windows (DEL-3) on a calendar given by the rules parameters.
// Pure: the instant comes from the event that started the window, never from a clock.
import type { BusinessCalendar } from './rules.js';

const DAY_MS = 86_400_000;

/** Local (UTC+8 by default) date "YYYY-MM-DD" and weekday of an instant. */
function localDay(epochMs: number, offsetMinutes: number): { date: string; weekday: number } {
  const shifted = new Date(epochMs + offsetMinutes * 60_000);
  return { date: shifted.toISOString().slice(0, 10), weekday: shifted.getUTCDay() };
}

export function isBusinessDay(epochMs: number, calendar: BusinessCalendar, offsetMinutes = 480): boolean {
  const { date, weekday } = localDay(epochMs, offsetMinutes);
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return !calendar.weekendDays.includes(weekday);
}

/**
 * The instant `days` business days after `fromMs`, at the same local time of day: each following day that is
 * a business day counts one. Bounded: a calendar with no business day in ten years is a configuration bug.
 */
export function addBusinessDays(fromMs: number, days: number, calendar: BusinessCalendar, offsetMinutes = 480): number {
  let at = fromMs;
  let left = days;
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new Error('business calendar has no business day within ten years');
    at += DAY_MS;
    if (isBusinessDay(at, calendar, offsetMinutes)) left--;
  }
  return at;
}
