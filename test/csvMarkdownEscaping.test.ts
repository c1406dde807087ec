// Text from the input never runs in a spreadsheet or a Markdown viewer. CSV: every prefix class a spreadsheet
// trims or evaluates is neutralised in text columns, whatever the text looks like; only amount and count columns
// marketsim writes itself are exempt (a property of the column). summary.md: HTML, links, pipes and backticks in
// the description and every input-derived text are inert.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { csvText, neutralise, type CsvColumn } from '../reports/csv.js';
import { cell, code } from '../reports/summaryMarkdown.js';
import { runMain, tempFolders } from './support/inProcess.js';

const temp = tempFolders();
afterAll(temp.cleanup);

describe('CSV text cells: one test per prefix class', () => {
  test.each([
    ['ASCII formula signs', ['=1+1', '+1', '-1+2', '@SUM(A1)']],
    ['leading whitespace', [' =1+1', '  cmd', '\u3000=1']],
    ['line breaks and tab', ['\n=1+1', '\r=1', '\t=1', '\r\n@x']],
    ['no-break spaces', ['\u00a0=1+1', '\u202f=1', '\u2007=1']],
    ['zero-width spaces and the BOM', ['\u200b=1+1', '\u200d=1', '\u2060=1', '\ufeff=1+1']],
    ['other control characters', ['\u0000=1', '\u001b=1', '\u007f=1']],
    ['full-width formula signs', ['\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)']],
    ['semicolons before a formula sign', [';=1+1', ';;+1', ';@x', ';\uff1d1']],
  ])('%s get a leading quote', (_, cells) => {
    for (const text of cells) expect(neutralise(text), JSON.stringify(text)).toBe(`'${text}`);
  });

  test('ordinary text and text that only contains these characters later is left as it is', () => {
    expect(['Acme', 'a=b', 'o-1', '2024-02', ';note', '12', '云市场'].map(neutralise)).toEqual(['Acme', 'a=b', 'o-1', '2024-02', ';note', '12', '云市场']);
  });
});

describe('CSV columns: neutralising is a property of the column, not of the value', () => {
  interface Row {
    readonly name: string;
    readonly amount: string;
  }
  const columns: CsvColumn<Row>[] = [
    { en: 'name', value: (r) => r.name },
    { en: 'amount', value: (r) => r.amount, numeric: true },
  ];

  test('a name that reads as a number is still text; a negative amount stays a number', () => {
    const text = csvText(columns, [{ name: '-99.00', amount: '-99.00' }, { name: '+1', amount: '1.00' }], { lang: 'en', excel: false });
    expect(text).toBe("name,amount\n'-99.00,-99.00\n'+1,1.00\n");
  });
});

describe('summary.md: input text is inert Markdown', () => {
  test('HTML tags are shown, not rendered', () => {
    expect(cell('<script>alert(1)</script><img src=x onerror=alert(1)>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  test('javascript: links cannot form, in link syntax or bare', () => {
    const link = cell('[click](javascript:alert(1))');
    expect(link).toBe('\\[click\\](javascript&#58;alert(1))');
    expect(cell('JavaScript:alert(1)')).not.toMatch(/javascript:/i);
  });

  test('table pipes, emphasis and line breaks cannot break a table row', () => {
    expect(cell('a | b\n| c *d* _e_ ~f~')).toBe('a \\| b \\| c \\*d\\* \\_e\\_ \\~f\\~');
  });

  test('backticks cannot close a code span early', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('``x')).toBe('``` ``x ```');
    expect(cell('`code`')).toBe('\\`code\\`');
  });
});

describe('a run with hostile text end to end', () => {
  test('ORD-6: summary.md shows the description inert; orders.csv neutralises a product named "-1"', async () => {
    const dir = temp.make();
    const file = join(dir, 'hostile.json');
    const description = "<a href='javascript:alert(1)'>x</a> | `tick";
    writeFileSync(
      file,
      JSON.stringify({
        name: 'hostile',
        description,
        start: '2024-01-01',
        end: '2024-03-01',
        merchants: [{ id: 'm1' }],
        products: [{ id: 'p1', merchant: 'm1', name: '-1', deliveryType: 'api', specs: [{ id: 's', priceFen: 100, period: 'month' }] }],
        buyers: [{ id: 'b1' }],
        timeline: [
          { at: '2024-01-02', event: 'submit', product: 'p1' },
          { at: '2024-01-03', event: 'approve', product: 'p1' },
          { at: '2024-01-04', event: 'list', product: 'p1' },
          { at: '2024-01-05', event: 'purchase', order: 'o1', buyer: 'b1', product: 'p1' },
        ],
      }),
    );
    const out = join(dir, 'out');
    const r = await runMain(['run', file, '--out', out]);
    expect(r.code, r.err.join('\n')).toBe(0);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain("&lt;a href='javascript&#58;alert(1)'&gt;x&lt;/a&gt; \\| \\`tick");
    expect(md).not.toMatch(/<a |javascript:/);
    expect(readFileSync(join(out, 'orders.csv'), 'utf8')).toMatch(/^o1,'-1,b1,/m);
  });
});
