// Results tab 5: the base run against the comparison variant — settlement by merchant × month once
// settlement.csv exists, and now already the counts, rules and final states that differ.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { fenText, merchantMonths, settlementChanges, summaryChanges } from './adapters.js';
import type { RunView } from './runView.js';
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
}

export function DiffTab({ base, variant, height, active }: DiffTabProps) {
  const hue = useHue();
  const [offset, setOffset] = useState(0);
  const lines = variant ? diffLines(base, variant) : [];
  useInput(
    (_input, key) => {
      if (key.downArrow) setOffset((o) => Math.min(Math.max(0, lines.length - height), o + 1));
      else if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
    },
    { isActive: active },
  );
  if (!variant) return <Text color={hue('gray')}>No comparison variant: set one in Settings (compare: another profile or overrides).</Text>;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>{`base (${base.summary.profile}) vs ${variant.label} · same seed ${base.summary.seed}`}</Text>
      <Text wrap="truncate-end" color={hue('gray')}>{`variant replay: ${variant.replay}`}</Text>
      {lines.slice(offset, offset + height).map((line, i) => (
        <Text key={offset + i} wrap="truncate-end">{line}</Text>
      ))}
      {lines.length > height ? <Text color={hue('gray')}>{`↑↓ scroll · ${offset + 1}–${Math.min(lines.length, offset + height)} of ${lines.length}`}</Text> : null}
    </Box>
  );
}

/** The diff as text lines: settlement section (or "not available yet"), then run-level changes. */
export function diffLines(base: RunView, variant: RunView): string[] {
  const a = merchantMonths(base.files);
  const b = merchantMonths(variant.files);
  const out: string[] = [];
  if (a && b) {
    const changes = settlementChanges(a, b);
    out.push(`settlement: ${changes.length} merchant-month(s) differ`);
    for (const c of changes) {
      out.push(`  ${c.month} ${c.merchant.padEnd(14)} ${fenText(c.baseFen).padStart(12)} → ${fenText(c.variantFen).padStart(12)}  (${fenText(c.variantFen - c.baseFen)})`);
    }
  } else out.push('settlement diff: not available yet (settlement-summary.csv is not written by this version)');
  const run = summaryChanges(base.summary, variant.summary);
  out.push(run.length ? `run: ${run.length} difference(s)` : 'run: no differences in counts, rules or final states');
  for (const c of run) out.push(`  ${c.what.padEnd(24)} ${c.base} → ${c.variant}`);
  return out;
}
