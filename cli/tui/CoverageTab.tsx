// Results tab 4: rule coverage of the run — per rule family, which RULES.md IDs an accepted transition
// exercised (●), which only refused an event (◐) and which the run never reached (○).
import { Box, Text } from 'ink';
import { ruleCoverage, type Reach } from './coverage.js';
import type { RunView } from './runView.js';
import { label } from '../../reports/i18n/glossary.js';
import { tuiText, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface CoverageTabProps {
  /** The run whose rulesExercised are compared with the catalog. */
  readonly run: RunView;
  /** Rule IDs of the rulebook, in order. */
  readonly catalog: readonly string[];
  /** Where the catalog came from ("RULES.md" or the code). */
  readonly source: string;
  /** Default English. */
  readonly lang?: Lang;
}

const MARK: Record<Reach, string> = { exercised: '●', refusing: '◐', unreached: '○' };

export function CoverageTab({ run, catalog, source, lang = 'en' }: CoverageTabProps) {
  const hue = useHue();
  const { families, unknown } = ruleCoverage(run.summary, catalog);
  const total = families.reduce((n, f) => n + f.exercised, 0);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>{`${tuiText('rulesExercised', lang, { n: total, all: catalog.length, source })}   ● ${label('exercised', lang)} ◐ ${label('refusedOnly', lang)} ○ ${label('notReached', lang)}`}</Text>
      {families.map((f) => (
        <Text key={f.family} wrap="truncate-end">
          {`${f.family.padEnd(5)} ${`${f.exercised}/${f.rules.length}`.padStart(5)}  `}
          {f.rules.map((r) => (
            <Text key={r.id} color={r.reach === 'exercised' ? hue('green') : r.reach === 'refusing' ? hue('yellow') : hue('gray')}>
              {`${MARK[r.reach]}${r.id.split('-')[1]} `}
            </Text>
          ))}
        </Text>
      ))}
      {unknown.length ? <Text wrap="truncate-end">{`${tuiText('notInCatalog', lang)}${unknown.join(' ')}`}</Text> : null}
    </Box>
  );
}
