// Boundary values of the rules parameters (a window's last second and its end, a minimum length and one short
// of it, a cutover's day before and day after), for the exploration models' event payloads (`marketsim tests`).
import type { EventObject } from 'xstate';

/** One boundary value with a label that says which side of the rule it sits on. */
export interface Boundary<T> {
  /** e.g. "10d - 1s (inside the window)"; becomes part of a generated test case's title. */
  readonly label: string;
  readonly value: T;
}

/** An event to try as a boundary case; `marketsim tests` makes one test case per label and variant. */
export interface BoundaryCase<TEvent extends EventObject = EventObject> {
  readonly label: string;
  readonly event: TEvent;
}

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

/** A duration as the shortest readable text: "10d", "1h", "90s", "1500ms". */
export function durationText(ms: number): string {
  const units: readonly [number, string][] = [[DAY_MS, 'd'], [3_600_000, 'h'], [60_000, 'min'], [SECOND_MS, 's']];
  for (const [size, unit] of units) if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/**
 * Offsets from a window's start: one second before it closes (still inside) and the instant it closes.
 * E.g. SUP-5's 10-day auto-acceptance: [10d - 1s, 10d].
 */
export function windowBoundaries(windowMs: number): readonly [Boundary<number>, Boundary<number>] {
  const text = durationText(windowMs);
  return [
    { label: `${text} - 1s (inside the window)`, value: windowMs - SECOND_MS },
    { label: `${text} (window closed)`, value: windowMs },
  ];
}

/**
 * Offsets from a purchase for a window counted in days, days numbered from 1 (the purchase day): noon of the
 * last day inside and noon of the first day after. E.g. REF-1's five-day refund: day 5 (4.5d) and day 6 (5.5d),
 * on the same side of the rule whether "5 days" means calendar days or 120 hours.
 */
export function dayBoundaries(windowMs: number): readonly [Boundary<number>, Boundary<number>] {
  const days = Math.floor(windowMs / DAY_MS);
  return [
    { label: `day ${days} (inside the ${days}-day window)`, value: (days - 1) * DAY_MS + DAY_MS / 2 },
    { label: `day ${days + 1} (after the ${days}-day window)`, value: days * DAY_MS + DAY_MS / 2 },
  ];
}

/** A minimum length or count: one short of it (refused) and exactly it (accepted). */
export function minimumBoundaries(min: number): readonly [Boundary<number>, Boundary<number>] {
  return [
    { label: `${min - 1} (one below the minimum ${min})`, value: Math.max(0, min - 1) },
    { label: `${min} (the minimum)`, value: min },
  ];
}

/** Both ends of an inclusive range, e.g. DEL-3's review of 1–3 business days. */
export function rangeBoundaries(min: number, max: number): readonly Boundary<number>[] {
  const ends = [
    { label: `${min} (the minimum)`, value: min },
    { label: `${max} (the maximum)`, value: max },
  ];
  return min === max ? ends.slice(0, 1) : ends;
}

/**
 * Instants one day before and one day after a cutover (ISO text with offset), at the same local time.
 * E.g. SUP-4's new flow from 2024-09-14T00:00+08:00: orders on 2024-09-13 and on 2024-09-15.
 */
export function dateBoundaries(isoCutover: string): readonly [Boundary<number>, Boundary<number>] {
  const cutover = Date.parse(isoCutover);
  if (Number.isNaN(cutover)) throw new Error(`dateBoundaries: not an ISO instant: ${isoCutover}`);
  return [
    { label: `one day before ${isoCutover} (old rule)`, value: cutover - DAY_MS },
    { label: `one day after ${isoCutover} (new rule)`, value: cutover + DAY_MS },
  ];
}

/** A value and a different one of the same shape (e.g. SUP-5's logistics phone equal to, or not, the buyer's). */
export function equalityBoundaries(value: string): readonly [Boundary<string>, Boundary<string>] {
  const last = value.at(-1) ?? '0';
  const changed = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'x' ? 'y' : 'x';
  return [
    { label: 'equal', value },
    { label: 'different', value: `${value.slice(0, -1)}${changed}` },
  ];
}

/** A text of exactly `length` characters, for minimum-length rules (DEL-3's precise reason). */
export function textOfLength(length: number, seed = 'Retired: migrate to v2 '): string {
  return seed.repeat(Math.ceil(length / seed.length) + 1).slice(0, length).padEnd(length, 'x');
}
