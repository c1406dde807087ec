// Screen 2: seed, platform profile, rules overrides checked as they are typed (rule ID and default shown),
// CSV options and an optional comparison variant; Enter starts the run with these as `marketsim run` flags.
// The form speaks the language chosen in it, as soon as it is chosen.
import { Box, Text, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import { label } from '../../reports/i18n/glossary.js';
import { HelpLine } from './HelpLine.js';
import { checkOverride, compareLabel, type OverrideCheck, type Settings as RunSettings } from './overrides.js';
import { formReducer, initialForm, type Field } from './settingsState.js';
import { pad, tuiText, type KeyHelpText, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface SettingsProps {
  /** Shown in the title. */
  readonly scenarioName: string;
  /** Seed and profile start from the scenario's own. */
  readonly initial: RunSettings;
  readonly onRun: (settings: RunSettings) => void;
  /** Back to the picker, with the form as it was left (the language chosen in it stays). */
  readonly onBack: (settings: RunSettings) => void;
}

export const SETTINGS_KEYS: KeyHelpText = {
  en: [['↑↓/tab', 'field'], ['←→', 'change'], ['type', 'edit'], ['enter', 'add override / run'], ['esc', 'back']],
  zh: [['↑↓/tab', '切换字段'], ['←→', '更改'], ['输入', '编辑'], ['enter', '添加参数覆盖 / 运行'], ['esc', '返回']],
};

/** Field titles take this many display columns, so values line up in either language. */
const TITLE_WIDTH = 11;

export function Settings({ scenarioName, initial, onRun, onBack }: SettingsProps) {
  const [state, dispatch] = useReducer(formReducer, initial, initialForm);
  const { settings: s, field, draft, compareDraft } = state;
  const { lang } = s;
  const hue = useHue();
  useInput((input, key) => dispatch({ ...key, input }));
  useEffect(() => {
    if (state.outcome === 'run') onRun(state.settings);
    else if (state.outcome === 'back') onBack(state.settings);
  }, [state.outcome]);
  const check = checkOverride(draft, s.profile, s.overrides);
  const word = (name: Parameters<typeof label>[0]): string => label(name, lang);
  const compareOverrides = s.compare.kind === 'overrides' ? s.compare.overrides : [];
  const compareCheck = checkOverride(compareDraft, s.profile, [...s.overrides, ...compareOverrides]);

  const row = (f: Field, title: string, value: string) => (
    <Text wrap="truncate-end" bold={field === f} color={field === f ? hue('cyan') : undefined}>
      {`${field === f ? '›' : ' '} ${pad(title, TITLE_WIDTH, true)} ${value}`}
    </Text>
  );
  const compareText = s.compare.kind === 'none' ? word('none') : s.compare.kind === 'profile' ? `${word('profile')} ${s.compare.profile}` : word('overrides');
  const cursor = (f: Field) => (field === f ? '▏' : '');
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{`${word('settings')} — ${scenarioName}`}</Text>
      {row('seed', word('seed'), `${s.seed}${cursor('seed')}${s.seed.trim() === '' ? `  ${tuiText('seedRequired', lang)}` : ''}`)}
      {row('profile', word('profile'), `‹ ${s.profile} ›`)}
      {row('override', word('override'), `${draft}${cursor('override')}`)}
      <CheckLine check={check} lang={lang} />
      <Text wrap="truncate-end">{`  ${pad(word('overrides'), TITLE_WIDTH, true)} ${s.overrides.join('  ') || tuiText('noOverrides', lang)}`}</Text>
      {row('compare', word('compare'), `‹ ${compareText} ›`)}
      {s.compare.kind === 'overrides' ? row('compareOverride', `  ${tuiText('add', lang)}`, `${compareDraft}${cursor('compareOverride')}`) : null}
      {s.compare.kind === 'overrides' ? <CheckLine check={compareCheck} lang={lang} /> : null}
      {s.compare.kind !== 'none' ? <Text wrap="truncate-end">{`  ${pad(word('variant'), TITLE_WIDTH, true)} ${compareLabel(s.compare)}`}</Text> : null}
      {row('lang', word('language'), `‹ ${s.lang} ›`)}
      {row('excel', word('excelBom'), `‹ ${word(s.excel ? 'yes' : 'no')} ›`)}
      <HelpLine keys={SETTINGS_KEYS[lang]} />
    </Box>
  );
}

interface CheckLineProps {
  /** The override being typed, checked. */
  readonly check: OverrideCheck;
  readonly lang: Lang;
}

/**
 * A refusal in `lang`: the two that checkOverride words itself; the others (a value the rules parameter does not
 * take) come from the rules' own checks in machines/rules.ts, which speak English only.
 */
function checkMessage(message: string, lang: Lang): string {
  if (message === tuiText('needsValue', 'en')) return tuiText('needsValue', lang);
  const unknown = /^unknown rules parameter "(.*)"$/.exec(message);
  return unknown ? tuiText('unknownParam', lang, { name: unknown[1]! }) : message;
}

/** The validation line under an override field: ✓ with rule and default, the matching names, or ✗ why. */
function CheckLine({ check, lang }: CheckLineProps) {
  const hue = useHue();
  const indent = '              ';
  const byDefault = label('default', lang);
  if (check.status === 'empty') return <Text wrap="truncate-end" color={hue('gray')}>{`${indent}${tuiText('overrideHint', lang)}`}</Text>;
  if (check.status === 'ok') {
    const { rule, doc, defaultText } = check.param;
    return <Text wrap="truncate-end" color={hue('green')}>{`${indent}✓ ${rule} · ${byDefault} ${defaultText} · ${doc}`}</Text>;
  }
  if (check.status === 'partial') {
    const names = check.candidates.slice(0, 3).map((c) => `${c.name} (${c.rule}, ${byDefault} ${c.defaultText})`);
    const more = check.candidates.length > 3 ? ` +${check.candidates.length - 3}` : '';
    return <Text wrap="truncate-end" color={hue('yellow')}>{`${indent}… ${names.join(', ')}${more}`}</Text>;
  }
  const about = check.param ? ` (${check.param.rule}, ${byDefault} ${check.param.defaultText})` : '';
  return <Text wrap="truncate-end" color={hue('red')}>{`${indent}✗ ${checkMessage(check.message, lang)}${about}`}</Text>;
}
