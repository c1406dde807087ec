// summary.md at the size of a million-order run: a run of that size ended in exit 3 when its deferred lines were
// appended with `out.push(...lines)` (one argument per line, past V8's limit). Tables now list their first rows and
// say how many more there are and which file has them; every sum and count above a table still covers every row.
import { describe, expect, test } from 'vitest';
import { PROFILES } from '../machines/rules.js';
import type { OrderLine, Settlement, SettlementRow } from '../reports/settlement.js';
import { SUMMARY_TABLE_ROWS, summaryMarkdown, type SummaryInfo } from '../reports/summaryMarkdown.js';

const INFO: SummaryInfo = {
  scenario: 'large', description: '', profile: 'koogallery', seed: 's', start: '2024-01-01', end: '2024-12-31', overrides: {}, violations: [],
};

function line(i: number, grossFen: number): OrderLine {
  const orderId = `o${String(i).padStart(7, '0')}`;
  return {
    key: `m1|${orderId}|purchase|p1`, merchantId: 'm1', orderId, orderType: 'purchase', productId: 'p1', deliveryType: 'manualService',
    chargingMode: 'prepaid', grossFen, at: 0, seq: i, tags: {},
  };
}

/** `deferred` lines still open at the horizon, and `netted` lines (REF-4), each one row; 1 fen and 2 fen each. */
function settlement(deferred: number, netted: number): Settlement {
  const rows: SettlementRow[] = [];
  for (let i = 0; i < deferred; i++) {
    rows.push({ settlementMonth: '2025-01', line: line(i, 1), commissionFen: 0, netFen: 0, treatment: 'deferred', rule: 'SUP-10', final: true });
  }
  for (let i = 0; i < netted; i++) {
    rows.push({ settlementMonth: '2024-06', line: line(deferred + i, 2), commissionFen: 0, netFen: 0, treatment: 'netted', rule: 'REF-4', final: true });
  }
  return { horizonMonth: '2025-01', rows, reconciliations: [] };
}

const tableRows = (md: string, firstCell: RegExp): number => md.split('\n').filter((l) => firstCell.test(l)).length;

describe('summary.md at a million orders\' size', () => {
  test('SUP-10 REF-4: 300,000 deferred and 300,000 netted lines: the tables are cut, the sums are not, and the rest is pointed to', () => {
    const md = summaryMarkdown(INFO, settlement(300_000, 300_000), PROFILES.koogallery);
    // Deferred: 300,000 lines of 1 fen = 3,000.00 yuan, all of them summed.
    expect(md).toContain('Still deferred at the last statement (2025-01): 3000.00 yuan.');
    // REF-4: 300,000 lines of 2 fen = 6,000.00 yuan.
    expect(md).toMatch(/\*\*REF-4\*\* — [^:]+: 300000 line\(s\), 6000\.00 yuan in total\./);
    expect(tableRows(md, /^\| m1 \| o\d{7} \| purchase \| p1 \| 0\.01 \|/)).toBe(SUMMARY_TABLE_ROWS);
    expect(tableRows(md, /^\| 2024-06 \| m1 \| o\d{7} \|/)).toBe(SUMMARY_TABLE_ROWS);
    expect(md.split('\n').filter((l) => l === '299,800 more row(s) not shown; every line is in `settlement.csv`.')).toHaveLength(2);
    expect(md.length).toBeLessThan(200_000);
  });

  test('a table at the limit is listed whole, with no "more" line; zh says the same in Chinese', () => {
    const md = summaryMarkdown(INFO, settlement(SUMMARY_TABLE_ROWS, 0), PROFILES.koogallery);
    expect(tableRows(md, /^\| m1 \| o\d{7} \| purchase \| p1 \| 0\.01 \|/)).toBe(SUMMARY_TABLE_ROWS);
    expect(md).not.toContain('not shown');
    const zh = summaryMarkdown(INFO, settlement(SUMMARY_TABLE_ROWS + 1, 0), PROFILES.koogallery, 'zh');
    expect(zh).toContain('1 行未列出；全部明细见 `settlement.csv`。');
  });
});
