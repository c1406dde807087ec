// Virtual time at the edges: ISO parsing and formatting in UTC+8, months in UTC+8 (STL-1), business days (DEL-3).
import { describe, expect, test } from 'vitest';
import { addBusinessDays, isBusinessDay } from '../machines/calendar.js';
import { PROFILES } from '../machines/rules.js';
import fc from 'fast-check';
import { addCalendarMonths, addMonthsToMonth, formatTime, formatTimeSlow, localDate, localMonth, parseTime } from '../machines/time.js';

describe('time in UTC+8', () => {
  test('times without an offset are China Standard Time; offsets are honoured', () => {
    expect(parseTime('2024-01-31T20:00')).toBe(Date.UTC(2024, 0, 31, 12, 0));
    expect(parseTime('2024-01-31 20:00:00+08:00')).toBe(Date.UTC(2024, 0, 31, 12, 0));
    expect(parseTime('2024-01-31T12:00:00Z')).toBe(Date.UTC(2024, 0, 31, 12, 0));
    expect(parseTime('2024-02-30')).toBeUndefined();
    expect(parseTime('yesterday')).toBeUndefined();
    expect(formatTime(Date.UTC(2024, 0, 31, 16, 30))).toBe('2024-02-01T00:30:00+08:00');
  });

  test('STL-1: month boundaries are at midnight UTC+8, not UTC', () => {
    expect(localMonth(parseTime('2024-01-31T23:59:59')!)).toBe('2024-01');
    expect(localMonth(parseTime('2024-02-01T00:00:00')!)).toBe('2024-02');
    expect(localMonth(Date.UTC(2024, 0, 31, 16, 0))).toBe('2024-02'); // still Jan 31 in UTC
    expect(addMonthsToMonth('2024-12', 1)).toBe('2025-01');
    expect(addMonthsToMonth('2024-01', -1)).toBe('2023-12');
  });

  test('STL-1: localMonth (which keeps the last month it computed) is the month of formatTimeSlow, in any order of calls', () => {
    const reference = (at: number, offset: number) => formatTimeSlow(at, offset).slice(0, 7);
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2023, 11, 1), max: Date.UTC(2025, 1, 1) }),
      fc.integer({ min: Date.UTC(50, 0, 1), max: Date.UTC(9999, 0, 1) }),
      // Month boundaries (±1 ms) at UTC+8 and UTC+0.
      fc.tuple(fc.integer({ min: 2023, max: 2025 }), fc.integer({ min: 0, max: 11 }), fc.constantFrom(-1, 0, 1), fc.constantFrom(0, 8)).map(([y, m, d, h]) => Date.UTC(y, m, 1) - h * 3_600_000 + d),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(480, 0, -300, 345)), { minLength: 1, maxLength: 40 }), (calls) => {
        for (const [at, offset] of calls) expect(localMonth(at, offset)).toBe(reference(at, offset));
      }),
    );
    const year42 = new Date(0);
    year42.setUTCFullYear(42, 5, 10);
    expect(localMonth(year42.getTime(), 0)).toBe('0042-06');
    expect(localMonth(year42.getTime() + 30 * 86_400_000, 0)).toBe('0042-07');
  });

  test('ORD-9: a period ends one calendar month later, clamped to the month end', () => {
    expect(formatTime(addCalendarMonths(parseTime('2024-01-05T10:00')!, 1))).toBe('2024-02-05T10:00:00+08:00');
    expect(formatTime(addCalendarMonths(parseTime('2024-01-31T10:00')!, 1))).toBe('2024-02-29T10:00:00+08:00');
    expect(formatTime(addCalendarMonths(parseTime('2024-01-05T10:00')!, 12))).toBe('2025-01-05T10:00:00+08:00');
  });
});

describe('DEL-3 business days', () => {
  const calendar = PROFILES.tencent.businessCalendar;
  test('weekends and public holidays do not count; adjusted working Saturdays do', () => {
    expect(isBusinessDay(parseTime('2024-09-07T10:00')!, calendar)).toBe(false); // Saturday
    expect(isBusinessDay(parseTime('2024-09-14T10:00')!, calendar)).toBe(true); // 调休 Saturday
    expect(isBusinessDay(parseTime('2024-10-03T10:00')!, calendar)).toBe(false); // National Day
  });

  test('1 business day after Monday 2024-09-30 is Tuesday 2024-10-08, past the National Day holiday', () => {
    expect(formatTime(addBusinessDays(parseTime('2024-09-30T09:00')!, 1, calendar))).toBe('2024-10-08T09:00:00+08:00');
    expect(formatTime(addBusinessDays(parseTime('2024-03-01T09:00')!, 3, calendar))).toBe('2024-03-06T09:00:00+08:00');
  });
});

describe('formatTime fast path', () => {
  test('STL-1: the cached-day formatter writes what Date#toISOString writes, for any instant, offset and order of calls', () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
      fc.integer({ min: -8.64e15 + 86_400_000, max: 8.64e15 - 86_400_000 }),
      fc.constantFrom(Date.UTC(2024, 0, 31, 16, 0), Date.UTC(2024, 0, 31, 15, 59, 59, 999), -1, 0, Date.UTC(9999, 11, 31, 23, 59, 59), Date.UTC(-1, 0, 1)),
    );
    const offset = fc.constantFrom(480, 0, -300, 345, -720, 840);
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, offset), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [at, off] of calls) {
          expect(formatTime(at, off)).toBe(formatTimeSlow(at, off));
          expect(localDate(at, off)).toBe(new Date(at + off * 60_000).toISOString().slice(0, 10));
        }
      }),
      { numRuns: 500 },
    );
  });
});
