// The one glossary of the reports, the CLI text and the TUI: every value a file or screen shows in words, and the
// labels they share, in English (the value as the log and the English files write it) and in Chinese as the
// seller centres write it. Sources: the order list of the seller centre (订单编号 … 订单类型/计费方式 … 订单状态,
// ORD-6), ORD-1 (购买, 续费, 退款), ORD-2 (包年包月, 按需, 按次), the delivery types of the publishing guides
// (镜像, 人工服务, 硬件, 数据文件, 应用编排, 容器, 咨询服务, APIG 网关, Agents 网关), REF-2 (不参与结算), REF-4
// (原始订单和退订订单同时出账, 合计为 0), STL-1 (次月结算, 出账) and the supervision pages (服务监管, 已完成).
// Pure data and two lookups; nothing here reads a file.

export type Lang = 'en' | 'zh';

/** Value → Chinese, per kind of value. Keys are the English values exactly as the log and English files write them. */
export const GLOSSARY = {
  /** ORD-1 order types, plus `usage`: one order's on-demand bills of a month (STL-4). */
  orderType: { purchase: '购买', renewal: '续费', refund: '退款', usage: '按需用量' },
  /** ORD-2 charging modes. */
  chargingMode: { period: '包年包月', hourly: '按需', perUse: '按次' },
  /** 交付方式, as the publishing guides name them. */
  deliveryType: {
    saas: 'SaaS',
    license: 'License',
    manualService: '人工服务',
    hardware: '硬件',
    image: '镜像',
    api: 'API',
    dataFile: '数据文件',
    appOrchestration: '应用编排',
    container: '容器',
    consulting: '咨询服务',
    apiGateway: 'APIG网关',
    agentsGateway: 'Agents网关',
  },
  /** How a line sits in a statement month (STL-1, SUP-10, REF-2, REF-4). */
  treatment: { settled: '已结算', deferred: '待结算', excluded: '不参与结算', netted: '合并出账' },
  /** The order list's 订单状态 (ORD-6). */
  orderStatus: { paid: '已支付', refunded: '已退款', completed: '已完成' },
  /** What happened to a line between two runs (diff). */
  change: { moved: '结算变化', amount: '金额变化', added: '新增', removed: '移除', total: '合计' },
  /** STL-5: why a line was pending at a product's delisting. */
  pending: { deferred: '待结算', 'awaiting statement': '待出账' },
  /** STL-5: the state a delisted product ended in (koogallery 已停售, tencent 已下架). */
  productState: { discontinued: '已停售', delisted: '已下架' },
  /** ORD-2 period units. */
  periodUnit: { month: '月', year: '年' },
  /** The kinds of entity a run hosts (summary.json counts, the TUI's summary): ORD-11's 客户需求 for `demand`. */
  entityKind: { product: '商品', order: '订单', supervision: '服务监管', enterprise: '企业', demand: '客户需求' },
} as const;

export type GlossaryGroup = keyof typeof GLOSSARY;

/** A value in `lang`: its glossary term in Chinese, itself in English or when the glossary has no term for it. */
export function term(group: GlossaryGroup, value: string, lang: Lang): string {
  if (lang === 'en') return value;
  const terms: Readonly<Record<string, string>> = GLOSSARY[group];
  return Object.hasOwn(terms, value) ? terms[value]! : value;
}

/**
 * Labels shared by summary.md, the diff text, report.html and diff.html (headings, column titles) and the TUI's
 * screens: one wording per language.
 */
export const LABELS = {
  month: { en: 'month', zh: '结算月份' },
  merchant: { en: 'merchant', zh: '商家' },
  merchantName: { en: 'merchant name', zh: '商家名称' },
  order: { en: 'order', zh: '订单编号' },
  type: { en: 'type', zh: '订单类型' },
  product: { en: 'product', zh: '商品' },
  productName: { en: 'product name', zh: '商品名称' },
  lines: { en: 'lines', zh: '明细行数' },
  gross: { en: 'gross', zh: '订单金额' },
  commission: { en: 'commission', zh: '佣金' },
  net: { en: 'net', zh: '结算金额' },
  payable: { en: 'payable', zh: '应付商家' },
  deferred: { en: 'deferred', zh: '待结算' },
  excluded: { en: 'excluded', zh: '不参与结算' },
  amount: { en: 'amount', zh: '金额' },
  why: { en: 'why', zh: '原因' },
  rule: { en: 'rule', zh: '规则' },
  settledIn: { en: 'settled in', zh: '结算月份' },
  statusAtDelisting: { en: 'status at delisting', zh: '下架时状态' },
  endsAs: { en: 'ends as', zh: '最终处理' },
  at: { en: 'at', zh: '时间' },
  check: { en: 'check', zh: '检查项' },
  rules: { en: 'rules', zh: '规则' },
  entity: { en: 'entity', zh: '对象' },
  message: { en: 'message', zh: '说明' },
  change: { en: 'change', zh: '变化' },
  delta: { en: 'delta', zh: '差额' },
  base: { en: 'base', zh: '基准' },
  variant: { en: 'variant', zh: '对比' },
  absent: { en: 'absent', zh: '无' },
  // report.html and diff.html: their column titles and chart names beyond the ones above…
  settled: { en: 'settled', zh: GLOSSARY.treatment.settled },
  netted: { en: 'netted', zh: GLOSSARY.treatment.netted },
  refunds: { en: 'refunds', zh: GLOSSARY.orderType.refund },
  treatment: { en: 'treatment', zh: '结算处理' },
  orderType: { en: 'order type', zh: '订单类型' },
  count: { en: 'count', zh: '次数' },
  examples: { en: 'examples', zh: '示例' },
  baseline: { en: 'baseline', zh: '基准' },
  deltaPayable: { en: 'change in payable', zh: '应付商家差额' },
  others: { en: 'others', zh: '其他' },
  noRule: { en: '(no rule)', zh: '（未指明规则）' },
  unexplained: { en: 'unexplained by lines', zh: '明细未能解释' },
  // … what the pages' headers say about the run (also the TUI's words for them) …
  profile: { en: 'profile', zh: '平台' },
  seed: { en: 'seed', zh: '种子' },
  statementsUpTo: { en: 'statements up to', zh: '结算单截至' },
  rulesOverrides: { en: 'rules overrides', zh: '规则参数覆盖' },
  none: { en: 'none', zh: '无' },
  contents: { en: 'Contents', zh: '目录' },
  // … and their titles and section headings.
  settlementReport: { en: 'Settlement report', zh: '结算报告' },
  settlementDiff: { en: 'Settlement diff', zh: '结算差异' },
  payablePerMerchantMonth: { en: 'Payable per merchant and month', zh: '各商家每月应付金额' },
  deferredStock: { en: 'Deferred stock over time', zh: '待结算余额走势' },
  refundsAndExclusions: { en: 'Refunds and exclusions', zh: '退款与不参与结算' },
  refusalReasons: { en: 'Refusal reasons by rule', zh: '按规则的拒绝原因' },
  stateMachines: { en: 'State machines', zh: '状态机' },
  rulebook: { en: 'Rulebook', zh: '规则手册' },
  payableByRule: { en: 'What changed the payable, by rule', zh: '应付金额的变化（按规则）' },
  changedTotals: { en: 'Payable per merchant and month that changed', zh: '有变化的商家月度应付金额' },
  changedLines: { en: 'Lines that changed', zh: '有变化的明细' },
  // The TUI: its screens and fields, tabs and the counts it shows.
  scenario: { en: 'scenario', zh: '场景' },
  settings: { en: 'Settings', zh: '设置' },
  override: { en: 'override', zh: '新增覆盖' },
  overrides: { en: 'overrides', zh: '参数覆盖' },
  compare: { en: 'compare', zh: '对比' },
  language: { en: 'language', zh: '语言' },
  excelBom: { en: 'excel BOM', zh: 'Excel BOM' },
  default: { en: 'default', zh: '默认' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
  events: { en: 'events', zh: '事件' },
  accepted: { en: 'accepted', zh: '接受' },
  refused: { en: 'refused', zh: '拒绝' },
  timers: { en: 'timers', zh: '定时器' },
  orders: { en: 'orders', zh: '订单' },
  violations: { en: 'violations', zh: '违规' },
  replay: { en: 'replay', zh: '重放' },
  eta: { en: 'ETA', zh: '预计剩余' },
  summaryTab: { en: 'summary', zh: '概览' },
  settlementTab: { en: 'settlement', zh: '结算' },
  violationsTab: { en: 'violations', zh: '违规' },
  coverageTab: { en: 'coverage', zh: '规则覆盖' },
  diffTab: { en: 'diff', zh: '差异' },
  exercised: { en: 'exercised', zh: '已覆盖' },
  refusedOnly: { en: 'refused only', zh: '仅拒绝' },
  notReached: { en: 'not reached', zh: '未触及' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LabelName = keyof typeof LABELS;

export function label(name: LabelName, lang: Lang): string {
  return LABELS[name][lang];
}

/** Every English value the glossary has a Chinese term for, by group (the zh files' test reads these). */
export function glossaryValues(): { group: GlossaryGroup; en: string; zh: string }[] {
  return (Object.keys(GLOSSARY) as GlossaryGroup[]).flatMap((group) =>
    Object.entries(GLOSSARY[group] as Readonly<Record<string, string>>).map(([en, zh]) => ({ group, en, zh })),
  );
}
