// The workbook's words that the CSV columns do not already carry (sheet names, name and date columns, the diff's
// columns), in English and Chinese, in one place so the project's glossary can replace them.
export const XLSX_LABELS = {
  sheets: {
    lines: { en: 'lines', zh: '结算明细' },
    summary: { en: 'summary', zh: '结算汇总' },
    deferred: { en: 'deferred', zh: '暂缓结算' },
    diff: { en: 'diff', zh: '差异' },
  },
  merchantName: { en: 'merchant_name', zh: '商家名称' },
  productName: { en: 'product_name', zh: '商品名称' },
  paidAt: { en: 'paid_at', zh: '支付时间' },
  diff: {
    columns: [
      { en: 'merchant_id', zh: '商家ID' },
      { en: 'merchant_name', zh: '商家名称' },
      { en: 'settlement_month', zh: '结算月份' },
      { en: 'change', zh: '变化' },
      { en: 'order_id', zh: '订单编号' },
      { en: 'order_type', zh: '订单类型' },
      { en: 'product_id', zh: '商品ID' },
      { en: 'a_ending', zh: '基准结算' },
      { en: 'a_net', zh: '基准结算金额(元)', money: true },
      { en: 'a_rule', zh: '基准规则' },
      { en: 'b_ending', zh: '对比结算' },
      { en: 'b_net', zh: '对比结算金额(元)', money: true },
      { en: 'delta_payable', zh: '应付变化(元)', money: true },
    ],
  },
} as const;
