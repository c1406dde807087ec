// Every word report.html and diff.html show a reader, in English or Chinese. Headings, column titles, chart names
// and the words of the pages' headers are the one glossary's labels (reports/i18n/glossary.ts), so a page says
// what the CSVs, summary.md and the TUI say; only the notes under the headings, sentences, are written here.
// Headers of the payable table are settlement-summary.csv's column names, in words.
import { label, type LabelName, type Lang } from '../i18n/glossary.js';

/** Each word of the pages by its use, and the glossary label that words it. */
const WORDS = {
  runTitle: 'settlementReport',
  diffTitle: 'settlementDiff',
  profile: 'profile',
  seed: 'seed',
  statementsUpTo: 'statementsUpTo',
  overrides: 'rulesOverrides',
  none: 'none',
  contents: 'contents',
  payableTitle: 'payablePerMerchantMonth',
  deferredTitle: 'deferredStock',
  refundsTitle: 'refundsAndExclusions',
  refusalsTitle: 'refusalReasons',
  diagramsTitle: 'stateMachines',
  rulebookTitle: 'rulebook',
  waterfallTitle: 'payableByRule',
  totalsTitle: 'changedTotals',
  linesTitle: 'changedLines',
  month: 'month',
  merchant: 'merchant',
  merchantName: 'merchantName',
  product: 'product',
  productName: 'productName',
  order: 'order',
  orderType: 'orderType',
  lines: 'lines',
  settled: 'settled',
  netted: 'netted',
  gross: 'gross',
  commission: 'commission',
  payable: 'payable',
  deferred: 'deferred',
  excluded: 'excluded',
  refunds: 'refunds',
  treatment: 'treatment',
  rule: 'rule',
  count: 'count',
  examples: 'examples',
  change: 'change',
  baseline: 'baseline',
  variant: 'variant',
  delta: 'deltaPayable',
  others: 'others',
  noRule: 'noRule',
  unexplained: 'unexplained',
} as const satisfies Record<string, LabelName>;

/** The notes under the headings: sentences, per language. */
const NOTES = {
  payableNote: {
    en: 'What each merchant is paid in each statement month (net of commission; settled and netted lines). The table has every row of settlement-summary.csv.',
    zh: '每个结算月份付给各商家的金额（扣除佣金；已结算和合并出账的明细）。表中是 settlement-summary.csv 的全部行。',
  },
  deferredNote: {
    en: 'Gross held back at each statement month (a stock: a line deferred three months counts in each of them), and gross excluded from settlement.',
    zh: '每个结算月份暂缓结算的订单金额（为余额：暂缓三个月的明细在每个月都计入），以及不参与结算的订单金额。',
  },
  refundsNote: {
    en: 'Refund lines and lines excluded from settlement, as each finally lands.',
    zh: '退款明细和不参与结算的明细，按各自的最终处理列出。',
  },
  refusalsNote: {
    en: 'Events the rules refused, grouped by the rule that refused them, with the first examples of each distinct reason.',
    zh: '被规则拒绝的事件，按拒绝它们的规则分组，并列出每种原因的前几个示例。',
  },
  diagramsNote: {
    en: 'Generated from the machine definitions: composite states hold their children, dashed boxes are parallel regions, dashed orange arrows are timers, ↻ lines are transitions that stay in their state; each arrow names its event, [guard] and rule IDs.',
    zh: '由状态机定义生成：复合状态包含其子状态，虚线框为并行区域，橙色虚线箭头为定时器，↻ 为停留在原状态的转换；每个箭头标有事件、[守卫条件] 和规则编号。',
  },
  rulebookNote: {
    en: 'The rules this report links to, as the rulebook bundled with marketsim states them.',
    zh: '本报告链接到的规则，原文取自 marketsim 附带的规则手册。',
  },
  waterfallNote: {
    en: 'From the baseline\'s total payable to the variant\'s: each bar is the change in payable of the lines whose ending names that rule and change.',
    zh: '从基准的应付总额到对比方案的应付总额：每根柱是最终处理为该变化和该规则的明细带来的应付差额。',
  },
  noRows: { en: 'None.', zh: '无。' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ReportLabels = { readonly [K in keyof typeof WORDS | keyof typeof NOTES]: string } & {
  readonly shownOf: (shown: number, total: number, file: string) => string;
  /** The page's `lang` attribute. */
  readonly htmlLang: string;
  /** After a label: ": ", or the full-width "：" in Chinese. */
  readonly colon: string;
};

export function reportLabels(lang: Lang): ReportLabels {
  const words = Object.fromEntries(Object.entries(WORDS).map(([key, name]) => [key, label(name, lang)]));
  const notes = Object.fromEntries(Object.entries(NOTES).map(([key, text]) => [key, text[lang]]));
  return {
    ...(words as { [K in keyof typeof WORDS]: string }),
    ...(notes as { [K in keyof typeof NOTES]: string }),
    shownOf: lang === 'zh'
      ? (shown, total, file) => `前 ${shown} 行，共 ${total} 行；全部行见 ${file}。`
      : (shown, total, file) => `First ${shown} of ${total} rows; every row is in ${file}.`,
    htmlLang: lang === 'zh' ? 'zh-CN' : 'en',
    colon: lang === 'zh' ? '：' : ': ',
  };
}

/** The English words (a page built without a language). */
export const REPORT_LABELS = reportLabels('en');
