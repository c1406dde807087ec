// Screen 1: the built-in scenarios and those of --dir, with profile, period and description; a file that
// does not load is listed with its one-line error so the analyst sees why it cannot be picked.
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { CatalogEntry } from './catalog.js';
import { HelpLine } from './HelpLine.js';
import { tuiText, type KeyHelpText, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface ScenarioPickerProps {
  /** What can be picked, in display order. */
  readonly entries: readonly CatalogEntry[];
  /** The entry selected at first (the `default` scenario). */
  readonly initial: number;
  /** Entries shown at once; the list scrolls beyond. */
  readonly visible?: number;
  /** Called with a loadable entry when Enter is pressed on it. */
  readonly onPick: (entry: Extract<CatalogEntry, { ok: true }>) => void;
  readonly onQuit: () => void;
  /** The screen's language (`marketsim tui --lang`, or the one last chosen in Settings); default English. */
  readonly lang?: Lang;
}

export const PICKER_KEYS: KeyHelpText = {
  en: [['↑↓', 'move'], ['enter', 'pick'], ['q', 'quit']],
  zh: [['↑↓', '移动'], ['enter', '选择'], ['q', '退出']],
};

export function ScenarioPicker({ entries, initial, visible = 8, onPick, onQuit, lang = 'en' }: ScenarioPickerProps) {
  const [selected, setSelectedState] = useState(Math.min(initial, Math.max(0, entries.length - 1)));
  // Keys can arrive faster than redraws ("↓ enter" in one read): the ref always holds the latest choice.
  const latest = useRef(selected);
  const setSelected = (i: number): void => {
    latest.current = i;
    setSelectedState(i);
  };
  const [note, setNote] = useState('');
  const hue = useHue();
  useInput((input, key) => {
    if (key.upArrow) setSelected(Math.max(0, latest.current - 1));
    else if (key.downArrow) setSelected(Math.min(entries.length - 1, latest.current + 1));
    else if (key.return) {
      const entry = entries[latest.current];
      if (entry?.ok) onPick(entry);
      else if (entry) setNote(tuiText('fileHasError', lang));
    } else if (input === 'q' || key.escape) onQuit();
  });
  const first = Math.max(0, Math.min(selected - Math.floor(visible / 2), entries.length - visible));
  const shown = entries.slice(first, first + visible);
  return (
    <Box flexDirection="column">
      <Text bold>{tuiText('pickScenario', lang, { n: entries.length })}</Text>
      {first > 0 ? <Text color={hue('gray')}>{`  ${tuiText('moreAbove', lang, { n: first })}`}</Text> : null}
      {shown.map((entry, i) => (
        <EntryRow key={entry.file} entry={entry} selected={first + i === selected} lang={lang} />
      ))}
      {first + visible < entries.length ? <Text color={hue('gray')}>{`  ${tuiText('moreBelow', lang, { n: entries.length - first - visible })}`}</Text> : null}
      {entries.length === 0 ? <Text>{tuiText('noScenarios', lang)}</Text> : null}
      {note ? <Text color={hue('yellow')}>{note}</Text> : null}
      <HelpLine keys={PICKER_KEYS[lang]} />
    </Box>
  );
}

interface EntryRowProps {
  /** The scenario (or bad file) to show. */
  readonly entry: CatalogEntry;
  /** Drawn with the › marker, so selection shows without colour. */
  readonly selected: boolean;
  readonly lang: Lang;
}

function EntryRow({ entry, selected, lang }: EntryRowProps) {
  const hue = useHue();
  const mark = selected ? '›' : ' ';
  if (!entry.ok) {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end" color={hue('red')} bold={selected}>{`${mark} ✗ ${entry.arg}  ${tuiText('cannotBeRun', lang)}`}</Text>
        <Text wrap="truncate-end" color={hue('red')}>{`    ${entry.error}`}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold={selected} color={selected ? hue('cyan') : undefined}>
        {`${mark} ${entry.name.padEnd(28)} ${entry.profile.padEnd(10)} ${entry.period}${entry.builtin ? '' : `  ${entry.arg}`}`}
      </Text>
      <Text wrap="truncate-end" color={hue('gray')}>{`    ${entry.description}`}</Text>
    </Box>
  );
}
