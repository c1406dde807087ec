// Results tab 5: the base run against the comparison variant — settlement by merchant × month once
// settlement.csv exists, and now already the counts, rules and final states that differ.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { label } from '../../reports/i18n/glossary.js';
import { fenText, merchantMonths, settlementChanges, signedFenText, summaryChanges } from './adapters.js';
import type { RunView } from './runView.js';
import { colon, pad, tuiText, type Lang } from './text.js';
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
  const lines = variant ? diffLines(base, variant, lang) : [];
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
 * The diff as text lines: settlement section (or "not available yet"), then run-level changes. A payable change is
 * signed, "+8,465.60" or "−8,465.60", right-aligned so the signs line up.
 */
export function diffLines(base: RunView, variant: RunView, lang: Lang = 'en'): string[] {
  const a = merchantMonths(base.files);
  const b = merchantMonths(variant.files);
  const out: string[] = [];
  if (a && b) {
    const changes = settlementChanges(a, b);
    out.push(`${tuiText('settlement', lang)}${colon(lang)}${changes.length} ${tuiText('settlementDiffer', lang)}`);
    for (const c of changes) {
      out.push(`  ${c.month} ${pad(c.merchant, 14, true)} ${pad(fenText(c.baseFen), 12, false)} → ${pad(fenText(c.variantFen), 12, false)}  ${pad(signedFenText(c.variantFen - c.baseFen), 13, false)}`);
    }
  } else out.push(tuiText('settlementUnavailable', lang));
  const run = summaryChanges(base.summary, variant.summary);
  out.push(run.length ? `${tuiText('run', lang)}${colon(lang)}${run.length} ${tuiText('differences', lang)}` : tuiText('noRunDifferences', lang));
  for (const c of run) out.push(`  ${pad(c.what, 24, true)} ${c.base} → ${c.variant}`);
  return out;
}
