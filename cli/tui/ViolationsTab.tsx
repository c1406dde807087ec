// Results tab 3: the run's violations (invariants and expectations) from violations.jsonl, each with the
// exact command that replays it; falls back to summary.json's list when a run has no violations.jsonl.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { violationRecords, type ViolationRecord } from './adapters.js';
import type { RunView } from './runView.js';
import { label } from '../../reports/i18n/glossary.js';
import { colon, tuiText, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface ViolationsTabProps {
  /** The run whose violations are listed. */
  readonly run: RunView;
  /** Violations shown at once (each takes two lines). */
  readonly height: number;
  /** Only the visible tab takes the arrow keys. */
  readonly active: boolean;
  /** Default English. */
  readonly lang?: Lang;
}

/** violations.jsonl when the run wrote it, else the summary's violations with the run's replay command. */
export function violationsOf(run: RunView): { records: ViolationRecord[]; source: string } {
  const records = violationRecords(run.files);
  if (records) return { records, source: 'violations.jsonl' };
  return { records: run.summary.violations.map((v) => ({ ...v, replay: run.replay })), source: 'summary.json' };
}

export function ViolationsTab({ run, height, active, lang = 'en' }: ViolationsTabProps) {
  const hue = useHue();
  const [offset, setOffset] = useState(0);
  const { records, source } = violationsOf(run);
  useInput(
    (_input, key) => {
      if (key.downArrow) setOffset((o) => Math.min(Math.max(0, records.length - height), o + 1));
      else if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
    },
    { isActive: active },
  );
  const commands = [...new Set(records.map((r) => r.replay))];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color={hue(records.length ? 'red' : 'green')}>
        {records.length ? tuiText('violationCount', lang, { n: records.length, source }) : tuiText('cleanRun', lang, { source })}
      </Text>
      <Text>{tuiText('replayHow', lang)}</Text>
      <Text wrap="wrap">{commands.length === 1 ? commands[0] : run.replay}</Text>
      {records.slice(offset, offset + height).map((v, i) => (
        <Box key={offset + i} flexDirection="column">
          <Text wrap="truncate-end">{`${offset + i + 1}. ${v.at.slice(0, 16).replace('T', ' ')} ${v.check} [${v.rules.join(',')}] ${v.entity}`}</Text>
          <Text wrap="truncate-end" color={hue('gray')}>{`   ${v.message}${commands.length > 1 ? ` · ${label('replay', lang)}${colon(lang)}${v.replay}` : ''}`}</Text>
        </Box>
      ))}
      {records.length > height ? <Text color={hue('gray')}>{`${tuiText('scroll', lang)} · ${offset + 1}–${Math.min(records.length, offset + height)} ${tuiText('of', lang)} ${records.length}`}</Text> : null}
    </Box>
  );
}
