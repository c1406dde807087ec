// The live lines of the run screen: which run, a progress bar over virtual time with the virtual date,
// events per second, orders so far and the ETA.
import { Box, Text } from 'ink';
import { formatTime } from '../../machines/time.js';
import { bar, durationText, etaSeconds } from './progress.js';
import { useHue } from './theme.js';
import type { FinishedMonth, RunProgress } from './use-sliced-run.js';

export interface RunStatusProps {
  /** Where the run is. */
  readonly progress: RunProgress;
  /** Columns available (the bar takes what the text leaves). */
  readonly width: number;
}

export function RunStatus({ progress, width }: RunStatusProps) {
  const hue = useHue();
  const percent = `${Math.floor(progress.fraction * 100)}%`.padStart(4);
  const barWidth = Math.max(10, width - 34);
  const rate = progress.elapsedMs > 0 ? Math.round((progress.events * 1000) / progress.elapsedMs) : 0;
  const eta = durationText(etaSeconds(progress.elapsedMs, progress.fraction));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{`Running ${progress.job} (${progress.jobIndex + 1}/${progress.jobs})`}</Text>
      <Text wrap="truncate-end">
        <Text color={hue('green')}>{bar(progress.fraction, barWidth)}</Text>
        {` ${percent}  ${formatTime(progress.virtualNow).slice(0, 16).replace('T', ' ')}`}
      </Text>
      <Text wrap="truncate-end">{`${progress.events} events · ${rate}/s · ${progress.orders} orders · ETA ${eta}`}</Text>
    </Box>
  );
}

export interface MonthLineProps {
  /** A month the run has finished. */
  readonly month: FinishedMonth;
}

/** One finished month, as it scrolls above the live status. */
export function MonthLine({ month }: MonthLineProps) {
  return (
    <Text wrap="truncate-end">
      {`✓ ${month.month} ${month.job.padEnd(10)} ${String(month.events).padStart(6)} events (${month.accepted} accepted, ${month.refused} refused) · ${month.orders} orders`}
    </Text>
  );
}
