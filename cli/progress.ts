// A sweep's progress line on a terminal: seeds done, failures so far, rate and time left, redrawn in place on
// stderr. Nothing at all when stderr is not a terminal (piped, CI, tests), so logs hold only the summary.

export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly failing: number;
  /** Seeds finished since this process started following the sweep, and the seconds that took (for the rate). */
  readonly doneHere: number;
  readonly seconds: number;
}

/** "3m 05s", "1h 02m", "42s". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The progress line: "120/1,000 seeds · 3 failing · 41.7 seeds/s · ETA 21s" (no rate or ETA before the first seed). */
export function progressLine(p: ProgressState): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [`${n(p.done)}/${n(p.total)} seeds`, `${n(p.failing)} failing`];
  if (p.doneHere > 0 && p.seconds > 0) {
    const rate = p.doneHere / p.seconds;
    parts.push(`${rate.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} seeds/s`);
    if (p.done < p.total) parts.push(`ETA ${durationText((p.total - p.done) / rate)}`);
  }
  return parts.join(' · ');
}

export interface Progress {
  update(done: number, failing: number): void;
  /** Clears the line (the summary follows on stdout). */
  end(): void;
}

/** A progress line on `stream` if it is a terminal, redrawn at most every 100 ms; otherwise does nothing. */
export function terminalProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, end: () => {} };
  const started = performance.now();
  let firstDone: number | undefined;
  let drawn = 0;
  let shown = false;
  return {
    update(done, failing) {
      firstDone ??= done; // a resumed sweep starts with seeds already done: they do not count toward the rate
      const now = performance.now();
      if (now - drawn < 100 && done < total) return;
      drawn = now;
      shown = true;
      stream.write(`\r\x1b[K${progressLine({ done, total, failing, doneHere: done - firstDone, seconds: (now - started) / 1000 })}`);
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
