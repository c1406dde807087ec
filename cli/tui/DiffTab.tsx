// Results tab 5: the base run against the comparison variant — the changed settlement lines grouped by the rules
// behind them (count and payable delta per group), settlement by merchant × month, and the counts, rules and final
// states that differ.
import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { label, type LabelName } from '../../reports/i18n/glossary.js';
import { fenText, merchantMonths, settlementChanges, settlementRuleGroups, signedFenText, summaryChanges } from './adapters.js';
import type { RunView } from './runView.js';
import { colon, columns, comma, pad, tuiText, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface DiffTabProps {
  /** The base run. */
  readonly base: RunView;
  /** The comparison variant, when one was set in Settings. */
  readonly variant?: RunView;
  /** Lines shown at once. */
  readonly height: number;
  /** Only the visible tab takes the arrow keys. */
  readonly active: boolean;
  /** Sentences in English or Chinese (default English). */
  readonly lang?: Lang;
}

export function DiffTab({ base, variant, height, active, lang = 'en' }: DiffTabProps) {
  const hue = useHue();
  const [offset, setOffset] = useState(0);
  // Settling both runs again is the costly part: once per pair of runs, not on every scroll.
  const lines = useMemo(() => (variant ? diffLines(base, variant, lang) : []), [base, variant, lang]);
  useInput(
    (_input, key) => {
      if (key.downArrow) setOffset((o) => Math.min(Math.max(0, lines.length - height), o + 1));
      else if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
    },
    { isActive: active },
  );
  if (!variant) return <Text color={hue('gray')}>{tuiText('noVariant', lang)}</Text>;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>{`${label('base', lang)} (${base.summary.profile}) ${tuiText('vs', lang)} ${variant.label} · ${tuiText('sameSeed', lang)} ${base.summary.seed}`}</Text>
      <Text wrap="truncate-end" color={hue('gray')}>{`${tuiText('variantReplay', lang)}${colon(lang)}${variant.replay}`}</Text>
      {lines.slice(offset, offset + height).map((line, i) => (
        <Text key={offset + i} wrap="truncate-end">{line}</Text>
      ))}
      {lines.length > height ? <Text color={hue('gray')}>{`${tuiText('scroll', lang)} · ${offset + 1}–${Math.min(lines.length, offset + height)} ${tuiText('of', lang)} ${lines.length}`}</Text> : null}
    </Box>
  );
}

/**
 * The diff as text lines: the changed lines by rule, the settlement by merchant and month (or "not available yet"),
 * then run-level changes. A payable change is signed, "+8,465.60" or "−8,465.60", right-aligned so the signs line up.
 */
export function diffLines(base: RunView, variant: RunView, lang: Lang = 'en'): string[] {
  const t = (key: Parameters<typeof tuiText>[0]): string => tuiText(key, lang);
  const out: string[] = [];
  // Why the money moved first: each group is the rule a line ended under in the base → in the variant.
  const groups = settlementRuleGroups(base, variant);
  if (groups.length === 0) out.push(t('noLinesChanged'));
  else {
    const changed = groups.reduce((n, g) => n + g.lines, 0);
    out.push(`${t('settlementByRule')}${colon(lang)}${groups.length} ${t('ruleGroups')}${comma(lang)}${changed} ${t('linesChanged')}`);
    const width = Math.max(...groups.map((g) => columns(g.rules)));
    for (const g of groups) {
      out.push(`  ${pad(g.rules, width, true)} ${pad(`${g.lines} ${t('lineCount')}`, 12, false)} ${pad(signedFenText(g.deltaPayableFen), 14, false)}`);
    }
  }
  const a = merchantMonths(base.files);
  const b = merchantMonths(variant.files);
  if (a && b) {
    const changes = settlementChanges(a, b);
    out.push(`${tuiText('settlement', lang)}${colon(lang)}${changes.length} ${tuiText('settlementDiffer', lang)}`);
    for (const c of changes) {
      out.push(`  ${c.month} ${pad(c.merchant, 14, true)} ${pad(fenText(c.baseFen), 12, false)} → ${pad(fenText(c.variantFen), 12, false)}  ${pad(signedFenText(c.variantFen - c.baseFen), 13, false)}`);
    }
  } else out.push(tuiText('settlementUnavailable', lang));
  const run = summaryChanges(base.summary, variant.summary);
  out.push(run.length ? `${tuiText('run', lang)}${colon(lang)}${run.length} ${tuiText('differences', lang)}` : tuiText('noRunDifferences', lang));
  for (const c of run) out.push(`  ${pad(whatText(c.what, lang), 24, true)} ${c.base} → ${c.variant}`);
  return out;
}

/** The counts summaryChanges compares, by the glossary label that names them. */
const COUNTS: Readonly<Record<string, LabelName>> = { profile: 'profile', events: 'events', accepted: 'accepted', refused: 'refused', timers: 'timers', violations: 'violations' };

/** What changed, in `lang`: a count's name, "rule SUP-5", or an entity ID (an ID is the same in every language). */
function whatText(what: string, lang: Lang): string {
  if (Object.hasOwn(COUNTS, what)) return label(COUNTS[what]!, lang);
  const rule = /^rule (.+)$/.exec(what);
  return rule ? tuiText('ruleNamed', lang, { id: rule[1]! }) : what;
}
