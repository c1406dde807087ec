// Screen 4: the results tabs (summary, settlement, violations, coverage, diff) and export, which writes
// the run's files — the bytes `marketsim run` writes — and lists their paths.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { CoverageTab } from './CoverageTab.js';
import { DiffTab } from './DiffTab.js';
import { label, type LabelName } from '../../reports/i18n/glossary.js';
import { HelpLine } from './HelpLine.js';
import type { RunView } from './runView.js';
import { SettlementTable } from './SettlementTable.js';
import { SummaryTab } from './SummaryTab.js';
import { tuiText, type KeyHelpText } from './text.js';
import { useHue } from './theme.js';
import { ViolationsTab } from './ViolationsTab.js';

export const TABS = ['summary', 'settlement', 'violations', 'coverage', 'diff'] as const;
export type Tab = (typeof TABS)[number];

/** Each tab's title in the glossary (English: the tab names themselves). */
const TAB_TITLES: Readonly<Record<Tab, LabelName>> = { summary: 'summaryTab', settlement: 'settlementTab', violations: 'violationsTab', coverage: 'coverageTab', diff: 'diffTab' };

/** What an export did: the paths written, or the one-line reason it failed. */
export type ExportOutcome = { readonly ok: true; readonly paths: readonly string[] } | { readonly ok: false; readonly error: string };

export interface ResultsProps {
  /** The base run. */
  readonly base: RunView;
  /** The comparison variant, if one ran. */
  readonly variant?: RunView;
  /** Rule IDs of the rulebook and where they came from, for the coverage tab. */
  readonly catalog: { readonly ids: readonly string[]; readonly source: string };
  /** Terminal columns. */
  readonly width: number;
  /** Rows a tab's body may take. */
  readonly bodyHeight: number;
  /** Writes the run's files; called on `e`. */
  readonly onExport: () => ExportOutcome;
  /** Back to the settings for another run. */
  readonly onNewRun: () => void;
  readonly onQuit: () => void;
  /** The tab shown first. */
  readonly initialTab?: Tab;
}

export const RESULTS_KEYS: KeyHelpText = {
  en: [['←→/1-5', 'tab'], ['↑↓', 'scroll'], ['s/r', 'sort'], ['e', 'export'], ['n', 'new run'], ['q', 'quit']],
  zh: [['←→/1-5', '切换页'], ['↑↓', '滚动'], ['s/r', '排序'], ['e', '导出'], ['n', '再次运行'], ['q', '退出']],
};

export function Results({ base, variant, catalog, width, bodyHeight, onExport, onNewRun, onQuit, initialTab = 'summary' }: ResultsProps) {
  const hue = useHue();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [exported, setExported] = useState<ExportOutcome | undefined>();
  useInput((input, key) => {
    const step = (by: number) => (t: Tab): Tab => TABS[(TABS.indexOf(t) + by + TABS.length) % TABS.length]!;
    if (key.rightArrow || key.tab) setTab(step(1));
    else if (key.leftArrow) setTab(step(-1));
    else if (/^[1-5]$/.test(input)) setTab(TABS[Number(input) - 1]!);
    else if (input === 'e') setExported(onExport());
    else if (input === 'n' || key.escape) onNewRun();
    else if (input === 'q') onQuit();
  });
  const body = bodyHeight - (exported ? 2 : 0);
  // The screens speak the language the run's files were asked in (Settings: lang).
  const lang = base.flags.lang === 'zh' ? 'zh' : 'en';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {TABS.map((t, i) => (
          <Text key={t} bold={t === tab} color={t === tab ? hue('cyan') : undefined}>
            {t === tab ? `[${i + 1} ${label(TAB_TITLES[t], lang)}]` : ` ${i + 1} ${label(TAB_TITLES[t], lang)} `}
          </Text>
        ))}
      </Text>
      <Box flexDirection="column" height={body} overflow="hidden">
        {tab === 'summary' ? <SummaryTab run={base} width={width} lang={lang} /> : null}
        {tab === 'settlement' ? <SettlementTable files={base.files} height={body - 2} active width={width} lang={lang} /> : null}
        {tab === 'violations' ? <ViolationsTab run={base} height={Math.floor((body - 5) / 2)} active lang={lang} /> : null}
        {tab === 'coverage' ? <CoverageTab run={base} catalog={catalog.ids} source={catalog.source} lang={lang} /> : null}
        {tab === 'diff' ? <DiffTab base={base} {...(variant ? { variant } : {})} height={body - 3} active lang={lang} /> : null}
      </Box>
      {exported?.ok ? <Text wrap="wrap" color={hue('green')}>{`${tuiText('exported', lang)}${exported.paths.join('  ')}`}</Text> : null}
      {exported && !exported.ok ? <Text wrap="wrap" color={hue('red')}>{`${tuiText('exportFailed', lang)}${exported.error}`}</Text> : null}
      <HelpLine keys={RESULTS_KEYS[lang]} />
    </Box>
  );
}
