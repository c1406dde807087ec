// The one schema for a time written in a scenario: a parseable instant inside the years a run may cover.
import { z } from 'zod';
import { parseTime } from './time.js';

/**
 * Times a scenario may name. With every duration at most ten years (rules.ts, MAX_DURATION_MS) the clock stays
 * within four-digit years, where log stamps are formatted, and far from the Date range's edge.
 */
export const TIME_RANGE = { from: '1970-01-01T00:00:00Z', to: '2200-01-01T00:00:00Z' } as const;
const FROM = parseTime(TIME_RANGE.from)!;
const TO = parseTime(TIME_RANGE.to)!;

export const timeText = z
  .string()
  .refine((text) => parseTime(text) !== undefined, 'expected a time like "2024-01-05T10:00:00+08:00" (no offset = UTC+8)')
  .refine((text) => {
    const at = parseTime(text);
    return at === undefined || (at >= FROM && at < TO);
  }, `must be between ${TIME_RANGE.from.slice(0, 4)} and ${TIME_RANGE.to.slice(0, 4)}`);
