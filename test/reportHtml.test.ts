// report.html as bytes: everything that comes from input (scenario description, product and merchant names,
// refusal reasons) is escaped, nothing can load from the network, and the same run gives the same bytes whether
// `run` or `settle` writes it (STL-1 statements are re-derived from the saved log).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { runReportHtml } from '../reports/html/runReport.js';
import { writeOutputDir } from '../runs/output/folder.js';
import { settleRun } from '../reports/settlementFiles.js';
import { runFiles } from '../runs/files.js';
import { buildSummary } from '../runs/summary.js';
import { simulate } from '../runs/run.js';
import { tempDir } from './support/cli.js';
import { setupOf } from './support/scenarioSetup.js';

const HOSTILE = '<img src=x onerror=alert(1)>&"\'</script>';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function hostileRun() {
  const setup = setupOf('refunds-five-day-tencent');
  return simulate({
    ...setup,
    scenario: { ...setup.scenario, description: `desc ${HOSTILE}`, products: setup.scenario.products.map((p) => ({ ...p, name: `name ${HOSTILE}` })) },
  });
}

describe('report.html', () => {
  it('escapes the description, names and refusal reasons it shows (REF-1 refusals listed by rule)', () => {
    const result = hostileRun();
    const summary = buildSummary(result);
    const settled = settleRun(result.digest.settlementFacts(), summary);
    const refusals = result.digest.refusals.result();
    expect(refusals.map((g) => g.rule)).toEqual(expect.arrayContaining(['REF-1']));
    const html = runReportHtml({
      info: { ...settled.saved, names: { merchants: { m0001: `m ${HOSTILE}` }, products: Object.fromEntries(result.setup.scenario.products.map((p) => [p.id, p.name])) } },
      settlement: settled.settlement,
      refusals: [...refusals, { rule: 'REF-3', count: 1, examples: [{ at: 'now', entity: `order:${HOSTILE}`, event: 'refund', state: 'serving', reason: HOSTILE }] }],
    });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('desc &lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;&lt;/script&gt;');
    expect(html).toContain('name &lt;img src=x');
    // Only the page's own three script elements close: no input text ends one early.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('href="#rule-REF-1"');
    expect(html).toContain('id="rule-REF-1"');
  });

  it('forbids every request in its Content-Security-Policy and links to no other file', () => {
    const html = runFiles(hostileRun()).get('report.html')!;
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    // The markup (scripts' inline code set aside) points at nothing outside the page.
    const markup = html.replace(/<script([^>]*)>[\s\S]*?<\/script>/g, '<script$1></script>');
    expect(markup.match(/<script/g)).toHaveLength(3);
    expect(markup).not.toMatch(/<(script|link|img|iframe|object|embed)[^>]+(src|href|data)="(?!#|data:)/);
    expect(markup).not.toMatch(/url\((?!#|data:)/);
  });

  it('has the same bytes from run and from settle of the saved run, and from two runs of the same seed', async () => {
    const first = runFiles(hostileRun());
    expect(runFiles(hostileRun()).get('report.html')).toBe(first.get('report.html'));
    const dir = join(tempDir('marketsim-report-html-'), 'run');
    dirs.push(dirname(dir));
    expect(writeOutputDir(dir, first).ok).toBe(true);
    const code = await main(['settle', dir], { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(first.get('report.html'));
  });
});

describe('names beside IDs', () => {
  it('come from summary.json\'s names: a run writes no names.json, and settle without one shows the same names', async () => {
    const files = runFiles(hostileRun());
    expect([...files.keys()]).not.toContain('names.json');
    const summary = JSON.parse(files.get('summary.json')!) as { names: { merchants: Record<string, string>; products: Record<string, string> } };
    const [merchantId, merchantName] = Object.entries(summary.names.merchants)[0]!;
    const html = files.get('report.html')!;
    expect(html).toContain(`<td>${merchantId}</td><td>${merchantName}</td>`);
    const dir = join(tempDir('marketsim-report-names-'), 'run');
    dirs.push(dirname(dir));
    expect(writeOutputDir(dir, files).ok).toBe(true);
    expect(await main(['settle', dir], { out: () => {}, err: () => {} })).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(html);
  });
});

function dirname(path: string): string {
  return join(path, '..');
}
