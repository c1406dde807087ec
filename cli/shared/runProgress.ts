// Live progress of a run on a terminal: virtual date, orders, events per second, share done and ETA, redrawn in
// place on stderr a few times a second. Quiet when stderr is not a terminal (piped, redirected, CI), so files and
// scripts see exactly what they saw before. Wall time is read here, at the edge, never in the simulation.
import { formatTime, parseTime } from '../../machines/time.js';
import type { LogEntry } from '../../sim/log/entry.js';
import { isOrderSpawn } from '../tui/adapters.js';
import { bar, durationText, etaSeconds, fractionDone } from '../tui/progress.js';

export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Milliseconds of wall time between redraws. */
  readonly intervalMs?: number;
  /** The wall clock (tests pass their own). */
  readonly now?: () => number;
}

export class RunProgress {
  private readonly active: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastDraw: number;
  private events = 0;
  private orders = 0;
  private drawn = false;

  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly sink: ProgressSink,
    options: ProgressOptions = {},
  ) {
    this.active = sink.isTTY === true;
    this.intervalMs = options.intervalMs ?? 250;
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.lastDraw = this.startedAt;
  }

  /** Counts one log entry; redraws when the interval has passed. */
  onEntry(entry: LogEntry): void {
    if (!this.active) return;
    this.events++;
    if (isOrderSpawn(entry)) this.orders++;
    if ((this.events & 255) !== 0) return; // the clock is read every 256 entries, not on each
    const wall = this.now();
    if (wall - this.lastDraw < this.intervalMs) return;
    this.lastDraw = wall;
    this.draw(entry.at, wall);
  }

  /**
   * A merged line that was not parsed (runs/shards `onCounted`): counted as `onEntry` counts an entry, at its
   * instant `at` (epoch ms), an order's spawn or not.
   */
  onCounted(at: number, orderSpawn: boolean): void {
    if (!this.active) return;
    this.events++;
    if (orderSpawn) this.orders++;
    if ((this.events & 255) !== 0) return;
    const wall = this.now();
    if (wall - this.lastDraw < this.intervalMs) return;
    this.lastDraw = wall;
    this.draw(formatTime(at), wall);
  }

  /**
   * A run split across workers, while its shards run: the least virtual instant they reached (epoch ms), and the
   * lines and orders they logged (a replicated entity's lines once per shard). Drawn at most once per interval.
   */
  shards(at: number, events: number, orders: number): void {
    if (!this.active) return;
    this.events = events;
    this.orders = orders;
    const wall = this.now();
    if (wall - this.lastDraw < this.intervalMs) return;
    this.lastDraw = wall;
    this.draw(formatTime(at), wall, 'shards: ');
  }

  /** The shards are done and their logs are merged: the count starts again, from the merged log's entries. */
  merging(): void {
    this.events = 0;
    this.orders = 0;
    this.label = 'merging: ';
  }

  private label = '';

  /** Clears the progress line (the run's own summary follows on stdout). */
  finish(): void {
    if (this.drawn) this.sink.write('\r\u001b[K');
    this.drawn = false;
  }

  /**
   * The run has ended and its files are being built (`what`: a file or step): a line saying so, drawn at once, so
   * the seconds a large run spends on its reports do not look like a hang.
   */
  writing(what: string): void {
    if (!this.active) return;
    const seconds = (this.now() - this.startedAt) / 1000;
    // The step first: a narrow terminal cuts the end of the line.
    const text = `writing ${what}…  (${this.orders.toLocaleString('en-US')} orders, ${this.events.toLocaleString('en-US')} events, ${durationText(seconds)} so far)`;
    const width = Math.max(20, (this.sink.columns ?? 80) - 1);
    this.sink.write(`\r${text.slice(0, width)}\u001b[K`);
    this.drawn = true;
  }

  /** The progress line for the virtual instant `at` (ISO, UTC+8) at wall time `wall`. */
  line(at: string, wall: number): string {
    const virtual = parseTime(at) ?? this.start;
    const fraction = fractionDone(this.start, this.end, virtual);
    const elapsedMs = wall - this.startedAt;
    const rate = elapsedMs > 0 ? (this.events * 1000) / elapsedMs : 0;
    return [
      at.slice(0, 10),
      `${this.orders.toLocaleString('en-US')} orders`,
      `${this.events.toLocaleString('en-US')} events`,
      `${Math.round(rate).toLocaleString('en-US')} events/s`,
      `${bar(fraction, 20)} ${Math.floor(fraction * 100)}%`,
      `ETA ${durationText(etaSeconds(elapsedMs, fraction))}`,
    ].join('  ');
  }

  private draw(at: string, wall: number, label: string = this.label): void {
    const text = label + this.line(at, wall);
    const width = Math.max(20, (this.sink.columns ?? 80) - 1);
    this.sink.write(`\r${text.slice(0, width)}\u001b[K`);
    this.drawn = true;
  }
}
