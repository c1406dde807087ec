// Results tab 1: what ran and what happened — counts, entities, violations, settlement totals by treatment
// with the rules that deferred, excluded or netted money, and the monthly net settlement chart.
import { Box, Text } from 'ink';
import { fenText, merchantMonths, monthlyNet, settlementLines, treatmentTotals, type MerchantMonth } from './adapters.js';
import { BarChart } from './BarChart.js';
import { term } from '../../reports/i18n/glossary.js';
import type { RunView } from './runView.js';
import { pad, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface SummaryTabProps {
  /** The run to summarise. */
  readonly run: RunView;
  /** Terminal columns. */
  readonly width: number;
  /** Settlement treatments in English or Chinese (default English). */
  readonly lang?: Lang;
}

export function SummaryTab({ run, width, lang = 'en' }: SummaryTabProps) {
  const hue = useHue();
  const { summary } = run;
  const { counts } = summary;
  const lines = settlementLines(run.files);
  const entities = Object.entries(counts.entities).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>{`${summary.scenario} · ${summary.profile} · seed ${summary.seed} · ${summary.start.slice(0, 10)} → ${summary.end.slice(0, 10)}`}</Text>
      <Text wrap="truncate-end">{`${counts.events} events: ${counts.accepted} accepted, ${counts.refused} refused, ${counts.timers} timers · ${entities}`}</Text>
      <Text wrap="truncate-end">{`overrides: ${Object.entries(summary.overrides).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') || 'none'}`}</Text>
      <Text wrap="truncate-end" color={hue(summary.violations.length ? 'red' : 'green')}>
        {summary.violations.length ? `✗ ${summary.violations.length} violation(s) — see the violations tab` : '✓ no violations'}
      </Text>
      <Text> </Text>
      <Text bold>Settlement</Text>
      {lines === undefined ? (
        <Text color={hue('gray')}>not available yet (settlement.csv is not written by this version)</Text>
      ) : (
        <>
          {treatmentTotals(lines).map((t) => (
            <Text key={t.treatment} wrap="truncate-end">{`  ${pad(term('treatment', t.treatment, lang), 10, true)} ${String(t.lines).padStart(5)} lines ${fenText(t.netFen).padStart(14)}  ${t.rules.length ? `by ${t.rules.join(', ')}` : ''}`}</Text>
          ))}
          <Text> </Text>
          <NetChart rows={merchantMonths(run.files) ?? []} width={width} />
        </>
      )}
    </Box>
  );
}

/** Months the chart shows at most, so the tab fits a 24-row terminal. */
const CHART_MONTHS = 6;

interface NetChartProps {
  /** settlement-summary.csv rows. */
  readonly rows: readonly MerchantMonth[];
  /** Terminal columns. */
  readonly width: number;
}

function NetChart({ rows, width }: NetChartProps) {
  const months = monthlyNet(rows);
  if (months.length === 0) return <Text>No settlement lines in this run (no orders).</Text>;
  const shown = months.slice(-CHART_MONTHS);
  return (
    <>
      <Text bold>{`Monthly net settlement, yuan${months.length > shown.length ? ` (last ${shown.length} of ${months.length} months)` : ''}`}</Text>
      <BarChart rows={shown.map((m) => ({ label: m.month, value: m.netFen }))} format={fenText} barWidth={Math.max(10, width - 30)} />
    </>
  );
}
