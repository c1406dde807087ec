// Screen 3: runs the base scenario and the comparison variant in slices; finished months scroll above
// the live status through <Static>; Esc or q cancels (nothing has been written: export is a later step).
import { Box, Static, Text, useInput } from 'ink';
import { useEffect } from 'react';
import type { FinishedRun } from '../../runs/run.js';
import { HelpLine } from './HelpLine.js';
import { tuiText, type KeyHelpText, type Lang } from './text.js';
import { MonthLine, RunStatus } from './RunStatus.js';
import { useHue } from './theme.js';
import { useSlicedRun, type RunJob } from './use-sliced-run.js';

export interface RunScreenProps {
  /** The base run first, then the comparison variant if any. */
  readonly jobs: readonly RunJob[];
  /** Terminal columns. */
  readonly width: number;
  /** Wall clock for the rates (performance.now in the app). */
  readonly now: () => number;
  readonly onDone: (results: readonly FinishedRun[]) => void;
  readonly onCancel: () => void;
  /** Wall time a slice may take before yielding; tests shrink it to force many slices. */
  readonly tickBudgetMs?: number;
  /** The language the run was asked in (Settings); default English. */
  readonly lang?: Lang;
}

export const RUN_KEYS: KeyHelpText = { en: [['esc/q', 'cancel (nothing is written)']], zh: [['esc/q', '取消（不写出任何文件）']] };

export function RunScreen({ jobs, width, now, onDone, onCancel, tickBudgetMs, lang = 'en' }: RunScreenProps) {
  const run = useSlicedRun(jobs, { now, ...(tickBudgetMs !== undefined ? { tickBudgetMs } : {}) });
  const hue = useHue();
  useInput((input, key) => {
    if (key.escape || input === 'q') {
      run.cancel();
      onCancel();
    }
  });
  const results = run.phase === 'done' ? run.results : undefined;
  useEffect(() => {
    if (results) onDone(results);
  }, [results, onDone]);
  return (
    <Box flexDirection="column">
      <Static items={[...run.months]}>{(month) => <MonthLine key={month.key} month={month} lang={lang} />}</Static>
      {run.phase === 'running' ? <RunStatus progress={run.progress} width={width} lang={lang} /> : null}
      {run.phase === 'done' ? <Text>{tuiText('runFinished', lang)}</Text> : null}
      {run.phase === 'failed' ? <Text color={hue('red')}>{`${tuiText('runFailed', lang)}${run.message}`}</Text> : null}
      <HelpLine keys={RUN_KEYS[lang]} />
    </Box>
  );
}
