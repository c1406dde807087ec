// Screen 2: seed, platform profile, rules overrides checked as they are typed (rule ID and default shown),
// CSV options and an optional comparison variant; Enter starts the run with these as `marketsim run` flags.
import { Box, Text, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import { HelpLine } from './HelpLine.js';
import { checkOverride, compareLabel, type OverrideCheck, type Settings as RunSettings } from './overrides.js';
import { formReducer, initialForm, type Field } from './settingsState.js';
import { useHue } from './theme.js';

export interface SettingsProps {
  /** Shown in the title. */
  readonly scenarioName: string;
  /** Seed and profile start from the scenario's own. */
  readonly initial: RunSettings;
  readonly onRun: (settings: RunSettings) => void;
  readonly onBack: () => void;
}

export const SETTINGS_KEYS = [['↑↓/tab', 'field'], ['←→', 'change'], ['type', 'edit'], ['enter', 'add override / run'], ['esc', 'back']] as const;

export function Settings({ scenarioName, initial, onRun, onBack }: SettingsProps) {
  const [state, dispatch] = useReducer(formReducer, initial, initialForm);
  const { settings: s, field, draft, compareDraft } = state;
  const hue = useHue();
  useInput((input, key) => dispatch({ ...key, input }));
  useEffect(() => {
    if (state.outcome === 'run') onRun(state.settings);
    else if (state.outcome === 'back') onBack();
  }, [state.outcome]);
  const check = checkOverride(draft, s.profile, s.overrides);
  const compareOverrides = s.compare.kind === 'overrides' ? s.compare.overrides : [];
  const compareCheck = checkOverride(compareDraft, s.profile, [...s.overrides, ...compareOverrides]);

  const row = (f: Field, label: string, value: string) => (
    <Text wrap="truncate-end" bold={field === f} color={field === f ? hue('cyan') : undefined}>
      {`${field === f ? '›' : ' '} ${label.padEnd(11)} ${value}`}
    </Text>
  );
  const cursor = (f: Field) => (field === f ? '▏' : '');
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">Settings — {scenarioName}</Text>
      {row('seed', 'seed', `${s.seed}${cursor('seed')}${s.seed.trim() === '' ? '  (a seed is required)' : ''}`)}
      {row('profile', 'profile', `‹ ${s.profile} ›`)}
      {row('override', 'override', `${draft}${cursor('override')}`)}
      <CheckLine check={check} />
      <Text wrap="truncate-end">{`  ${'overrides'.padEnd(11)} ${s.overrides.join('  ') || 'none (profile defaults and the scenario’s rules:)'}`}</Text>
      {row('compare', 'compare', `‹ ${s.compare.kind === 'none' ? 'none' : s.compare.kind === 'profile' ? `profile ${s.compare.profile}` : 'overrides'} ›`)}
      {s.compare.kind === 'overrides' ? row('compareOverride', '  add', `${compareDraft}${cursor('compareOverride')}`) : null}
      {s.compare.kind === 'overrides' ? <CheckLine check={compareCheck} /> : null}
      {s.compare.kind !== 'none' ? <Text wrap="truncate-end">{`  ${'variant'.padEnd(11)} ${compareLabel(s.compare)}`}</Text> : null}
      {row('lang', 'language', `‹ ${s.lang} ›`)}
      {row('excel', 'excel BOM', `‹ ${s.excel ? 'yes' : 'no'} ›`)}
      <HelpLine keys={SETTINGS_KEYS} />
    </Box>
  );
}

interface CheckLineProps {
  /** The override being typed, checked. */
  readonly check: OverrideCheck;
}

/** The validation line under an override field: ✓ with rule and default, the matching names, or ✗ why. */
function CheckLine({ check }: CheckLineProps) {
  const hue = useHue();
  const pad = '              ';
  if (check.status === 'empty') return <Text wrap="truncate-end" color={hue('gray')}>{`${pad}key=value, e.g. hardwareAutoAcceptDelayMs=5d`}</Text>;
  if (check.status === 'ok') {
    const { rule, doc, defaultText } = check.param;
    return <Text wrap="truncate-end" color={hue('green')}>{`${pad}✓ ${rule} · default ${defaultText} · ${doc}`}</Text>;
  }
  if (check.status === 'partial') {
    const names = check.candidates.slice(0, 3).map((c) => `${c.name} (${c.rule}, default ${c.defaultText})`);
    const more = check.candidates.length > 3 ? ` +${check.candidates.length - 3}` : '';
    return <Text wrap="truncate-end" color={hue('yellow')}>{`${pad}… ${names.join(', ')}${more}`}</Text>;
  }
  const about = check.param ? ` (${check.param.rule}, default ${check.param.defaultText})` : '';
  return <Text wrap="truncate-end" color={hue('red')}>{`${pad}✗ ${check.message}${about}`}</Text>;
}
