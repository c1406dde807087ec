// Screen 3: runs the base scenario and the comparison variant in slices; finished months scroll above
// the live status through <Static>; Esc or q cancels (nothing has been written: export is a later step).
import { Box, Static, Text, useInput } from 'ink';
import { useEffect } from 'react';
import type { RunResult } from '../../runs/run.js';
import { HelpLine } from './HelpLine.js';
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
  readonly onDone: (results: readonly RunResult[]) => void;
  readonly onCancel: () => void;
  /** Wall time a slice may take before yielding; tests shrink it to force many slices. */
  readonly tickBudgetMs?: number;
}

export const RUN_KEYS = [['esc/q', 'cancel (nothing is written)']] as const;

export function RunScreen({ jobs, width, now, onDone, onCancel, tickBudgetMs }: RunScreenProps) {
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
      <Static items={[...run.months]}>{(month) => <MonthLine key={month.key} month={month} />}</Static>
      {run.phase === 'running' ? <RunStatus progress={run.progress} width={width} /> : null}
      {run.phase === 'done' ? <Text>Run finished.</Text> : null}
      {run.phase === 'failed' ? <Text color={hue('red')}>{`internal error during the run: ${run.message}`}</Text> : null}
      <HelpLine keys={RUN_KEYS} />
    </Box>
  );
}
