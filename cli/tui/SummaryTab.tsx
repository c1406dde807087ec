// Results tab 1: what ran and what happened — counts, entities, violations, settlement totals by treatment
// with the rules that deferred, excluded or netted money, and the monthly net settlement chart.
import { Box, Text } from 'ink';
import { fenText, merchantMonths, monthlyNet, settlementTotals, type MerchantMonth } from './adapters.js';
import { BarChart } from './BarChart.js';
import { label, term } from '../../reports/i18n/glossary.js';
import type { RunView } from './runView.js';
import { colon, comma, pad, tuiText, type Lang } from './text.js';
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
  const totals = settlementTotals(run.files);
  // English counts its kinds in the plural ("2 orders"); Chinese names them as they are ("2 订单").
  const entities = Object.entries(counts.entities)
    .map(([kind, n]) => (lang === 'zh' ? `${n} ${term('entityKind', kind, lang)}` : `${n} ${kind}${n === 1 ? '' : 's'}`))
    .join(comma(lang));
  const t = (key: Parameters<typeof tuiText>[0]): string => tuiText(key, lang);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>{`${summary.scenario} · ${summary.profile} · ${label('seed', lang)} ${summary.seed} · ${summary.start.slice(0, 10)} → ${summary.end.slice(0, 10)}`}</Text>
      <Text wrap="truncate-end">{`${counts.events} ${t('events')}${colon(lang)}${counts.accepted} ${label('accepted', lang)}${comma(lang)}${counts.refused} ${label('refused', lang)}${comma(lang)}${counts.timers} ${label('timers', lang)} · ${entities}`}</Text>
      <Text wrap="truncate-end">{`${label('overrides', lang)}${colon(lang)}${Object.entries(summary.overrides).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') || label('none', lang)}`}</Text>
      <Text wrap="truncate-end" color={hue(summary.violations.length ? 'red' : 'green')}>
        {summary.violations.length ? `✗ ${summary.violations.length} ${t('violationsSee')}` : `✓ ${t('noViolations')}`}
      </Text>
      <Text> </Text>
      <Text bold>{t('settlementTitle')}</Text>
      {totals === undefined ? (
        <Text color={hue('gray')}>{t('settlementNotAvailable')}</Text>
      ) : (
        <>
          {totals.map((x) => (
            <Text key={x.treatment} wrap="truncate-end">{`  ${pad(term('treatment', x.treatment, lang), 10, true)} ${String(x.lines).padStart(5)} ${t('lines')} ${fenText(x.netFen).padStart(14)}  ${x.rules.length ? `${t('by')} ${x.rules.join(', ')}` : ''}`}</Text>
          ))}
          <Text> </Text>
          <NetChart rows={merchantMonths(run.files) ?? []} width={width} lang={lang} />
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
  readonly lang: Lang;
}

function NetChart({ rows, width, lang }: NetChartProps) {
  const months = monthlyNet(rows);
  if (months.length === 0) return <Text>{tuiText('noOrders', lang)}</Text>;
  const shown = months.slice(-CHART_MONTHS);
  const last = tuiText('lastMonths', lang).replace('{shown}', String(shown.length)).replace('{all}', String(months.length));
  return (
    <>
      <Text bold>{`${tuiText('monthlyNet', lang)}${months.length > shown.length ? ` (${last})` : ''}`}</Text>
      <BarChart rows={shown.map((m) => ({ label: m.month, value: m.netFen }))} format={fenText} barWidth={Math.max(10, width - 30)} />
    </>
  );
}
