// The live lines of the run screen: which run, a progress bar over virtual time with the virtual date,
// events per second, orders so far and the ETA.
import { Box, Text } from 'ink';
import { formatTime } from '../../machines/time.js';
import { label } from '../../reports/i18n/glossary.js';
import { bar, durationText, etaSeconds } from './progress.js';
import { columns, tuiText, type Lang } from './text.js';
import { useHue } from './theme.js';
import type { FinishedMonth, RunProgress } from './use-sliced-run.js';

export interface RunStatusProps {
  /** Where the run is. */
  readonly progress: RunProgress;
  /** Columns available (the bar takes what the text leaves). */
  readonly width: number;
  /** Default English. */
  readonly lang?: Lang;
}

export function RunStatus({ progress, width, lang = 'en' }: RunStatusProps) {
  const hue = useHue();
  const percent = `${Math.floor(progress.fraction * 100)}%`.padStart(4);
  const barWidth = Math.max(10, width - 34);
  const rate = progress.elapsedMs > 0 ? Math.round((progress.events * 1000) / progress.elapsedMs) : 0;
  const eta = durationText(etaSeconds(progress.elapsedMs, progress.fraction), lang);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{tuiText('running', lang, { job: progress.job, i: progress.jobIndex + 1, n: progress.jobs })}</Text>
      <Text wrap="truncate-end">
        <Text color={hue('green')}>{bar(progress.fraction, barWidth)}</Text>
        {` ${percent}  ${formatTime(progress.virtualNow).slice(0, 16).replace('T', ' ')}`}
      </Text>
      <Text wrap="truncate-end">{`${progress.events} ${label('events', lang)} · ${rate}${tuiText('perSecond', lang)} · ${progress.orders} ${label('orders', lang)} · ${label('eta', lang)} ${eta}`}</Text>
    </Box>
  );
}

export interface MonthLineProps {
  /** A month the run has finished. */
  readonly month: FinishedMonth;
  /** Default English. */
  readonly lang?: Lang;
}

/** One finished month, as it scrolls above the live status. */
export function MonthLine({ month, lang = 'en' }: MonthLineProps) {
  const job = `${month.job}${' '.repeat(Math.max(0, 10 - columns(month.job)))}`;
  const counts = tuiText('monthLine', lang, { events: String(month.events).padStart(6), accepted: month.accepted, refused: month.refused, orders: month.orders });
  return <Text wrap="truncate-end">{`✓ ${month.month} ${job} ${counts}`}</Text>;
}
