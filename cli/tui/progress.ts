// Pure arithmetic of the run screen: months of a period in UTC+8, per-month tallies of the log, the share
// of virtual time done, and the wall-clock rates the UI shows (wall time is passed in, never read here).
import type { LogEntry } from '../../sim/log/entry.js';
import { formatTime, parseTime } from '../../machines/time.js';
import { isOrderSpawn } from './adapters.js';

/** "2024-01" for an instant, in UTC+8. */
export const monthOf = (epochMs: number): string => formatTime(epochMs).slice(0, 7);

/** The first instant of the month after `month` ("2024-12" → 2025-01-01T00:00+08:00). */
export function monthEnd(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return parseTime(next)!;
}

/** Every month the period touches, in order. */
export function monthsOf(start: number, end: number): string[] {
  const months: string[] = [];
  for (let month = monthOf(start); parseTime(`${month}-01`)! <= end && months.length < 1200; month = monthOf(monthEnd(month))) {
    months.push(month);
  }
  return months;
}

/** What happened in one month of the run (the lines that scroll above the live status). */
export interface MonthTally {
  readonly month: string;
  events: number;
  accepted: number;
  refused: number;
  orders: number;
}

/** Adds one log entry to its month's tally (the run screen calls it for each entry as the engine logs it). */
export function tallyEntry(tallies: Map<string, MonthTally>, entry: LogEntry): void {
  const month = entry.at.slice(0, 7);
  let t = tallies.get(month);
  if (t === undefined) {
    t = { month, events: 0, accepted: 0, refused: 0, orders: 0 };
    tallies.set(month, t);
  }
  if (isOrderSpawn(entry)) t.orders++;
  if (entry.source !== 'spawn') {
    t.events++;
    if (entry.accepted) t.accepted++;
    else t.refused++;
  }
}

/** Share of the period's virtual time done, 0…1. */
export function fractionDone(start: number, end: number, now: number): number {
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

/** Wall-clock seconds left, extrapolated from the share done so far; undefined until there is a share. */
export function etaSeconds(elapsedMs: number, fraction: number): number | undefined {
  if (fraction <= 0 || elapsedMs <= 0) return undefined;
  return ((elapsedMs / fraction) * (1 - fraction)) / 1000;
}

/** "42s", "3m05s"; in Chinese "42秒", "3分05秒". */
export function durationText(seconds: number | undefined, lang: 'en' | 'zh' = 'en'): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  const [m, sec] = lang === 'zh' ? ['分', '秒'] : ['m', 's'];
  return s < 60 ? `${s}${sec}` : `${Math.floor(s / 60)}${m}${String(s % 60).padStart(2, '0')}${sec}`;
}

/** "[█████·····]" of `width` cells. */
export function bar(fraction: number, width: number): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(full)}${'·'.repeat(width - full)}`;
}
