// `marketsim run --log full|money|none` (issue 17: the log may get levels as long as full stays the default and
// settle still re-derives settlement from what is written). A money log keeps exactly the lines settle reads and
// every refusal, so the run's files and a settle from it are the full run's, byte for byte; a run without a log
// says so when asked to settle, and a money log that lost, gained or reordered a line is not settled.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { tempDir, type CliResult } from './support/cli.js';

let root = '';
let copies = 0;

async function cli(args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

interface Line {
  seq: number;
  entity: string;
  accepted: boolean;
  state: string;
  effects?: { type: string }[];
}

const lines = (dir: string): string[] => readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
const parsed = (raw: string): Line => JSON.parse(raw) as Line;

// Written here from the rulebook's side, not from the code: money facts (ORD-7, STL-4), supervision completions
// (SUP-10), a product leaving sale (STL-5), and refusals (report.html counts them by rule).
function settlementNeeds(line: Line): boolean {
  if (!line.accepted) return true;
  if ((line.effects ?? []).some((e) => e.type === 'ledger' || e.type === 'supervisionCompleted')) return true;
  return line.entity.startsWith('product:') && (line.state === 'discontinued' || line.state === 'delisted');
}

const REPORTS = ['orders.csv', 'settlement.csv', 'settlement-summary.csv', 'summary.md', 'report.html', 'violations.jsonl'];
const SETTLED = ['settlement.csv', 'settlement-summary.csv', 'summary.md', 'report.html'];

function summaryWithout(dir: string, ...keys: string[]): Record<string, unknown> {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
  for (const key of ['integrity', ...keys]) delete summary[key];
  return summary;
}

function copyOf(dir: string): string {
  const copy = join(root, `copy-${copies++}`);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function folderBytes(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'latin1')]));
}

beforeAll(() => {
  root = tempDir('marketsim-log-levels-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// market-tencent has money facts of every kind (orders, usage, refunds), completions, delistings and refusals.
describe.each(['market-tencent', 'market-tiny'])('%s at each --log level', (scenario) => {
  const dirs = { full: '', money: '', none: '' };

  beforeAll(async () => {
    for (const level of ['full', 'money', 'none'] as const) {
      dirs[level] = join(root, `${scenario}-${level}`);
      const args = ['run', scenario, '--out', dirs[level], ...(level === 'full' ? [] : ['--log', level])];
      expect((await cli(args)).code).toBe(0);
    }
  }, 60_000);

  test('every file but the log and summary.json is the full run\'s, byte for byte; summary.json adds only the level', () => {
    for (const level of ['money', 'none'] as const) {
      for (const name of REPORTS) expect(readFileSync(join(dirs[level], name)).equals(readFileSync(join(dirs.full, name))), `${level} ${name}`).toBe(true);
      expect(summaryWithout(dirs[level], 'log')).toEqual(summaryWithout(dirs.full));
    }
    // The default writes every line and records no level (a full run's summary.json is what it was before levels).
    expect(summaryWithout(dirs.full)).not.toHaveProperty('log');
    const full = lines(dirs.full).map(parsed);
    expect(full.map((l) => l.seq)).toEqual(full.map((_, i) => i));
  });

  test('money writes exactly the full log\'s lines settlement needs, in order, with their own seq', () => {
    const full = lines(dirs.full);
    const money = lines(dirs.money);
    const expected = full.filter((raw) => settlementNeeds(parsed(raw)));
    expect(money).toEqual(expected);
    expect(money.length).toBeLessThan(full.length);
    expect(money.some((raw) => !parsed(raw).accepted)).toBe(true);
    const summary = JSON.parse(readFileSync(join(dirs.money, 'summary.json'), 'utf8')) as { log: unknown };
    expect(summary.log).toEqual({ level: 'money', lines: money.length });
    if (scenario === 'market-tencent') {
      // STL-5's facts are among them: a product that left sale.
      expect(money.some((raw) => parsed(raw).entity.startsWith('product:') && ['discontinued', 'delisted'].includes(parsed(raw).state))).toBe(true);
    }
  });

  test('none writes no log, and records that it did not', () => {
    expect(existsSync(join(dirs.none, 'events.jsonl'))).toBe(false);
    const summary = JSON.parse(readFileSync(join(dirs.none, 'summary.json'), 'utf8')) as { log: unknown; integrity: { files: object } };
    expect(summary.log).toEqual({ level: 'none', lines: 0 });
    expect(summary.integrity.files).not.toHaveProperty(['events.jsonl']);
  });

  test('settle from the money log gives the full run\'s settlement files, byte for byte', async () => {
    const fromFull = copyOf(dirs.full);
    const fromMoney = copyOf(dirs.money);
    expect((await cli(['settle', fromFull])).code).toBe(0);
    const settled = await cli(['settle', fromMoney]);
    expect(settled.stderr).toBe('');
    expect(settled.code).toBe(0);
    for (const name of SETTLED) {
      expect(readFileSync(join(fromMoney, name)).equals(readFileSync(join(fromFull, name))), name).toBe(true);
      expect(readFileSync(join(fromMoney, name)).equals(readFileSync(join(dirs.full, name))), name).toBe(true);
    }
  });

  test('a money run settled in another language (summary.json re-sealed) keeps its level and settles again', async () => {
    const dir = copyOf(dirs.money);
    expect((await cli(['settle', dir, '--lang', 'zh'])).code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { log: unknown }).log).toEqual({ level: 'money', lines: lines(dir).length });
    expect((await cli(['settle', dir])).code).toBe(0);
    for (const name of SETTLED) expect(readFileSync(join(dir, name)).equals(readFileSync(join(dirs.full, name))), name).toBe(true);
    // And re-priced (settle --set) from the money log as from the full one.
    const fullCopy = copyOf(dirs.full);
    const set = ['--set', 'commissionBasisPoints={"image":700,"license":400}'];
    const a = await cli(['settle', fullCopy, ...set]);
    const b = await cli(['settle', dir, ...set]);
    expect([a.code, b.code, b.stderr]).toEqual([0, 0, '']);
    expect(readFileSync(join(dir, 'settlement.csv')).equals(readFileSync(join(fullCopy, 'settlement.csv')))).toBe(true);
  });

  test('settle and diff refuse a run written without a log: one line, exit 2, nothing written', async () => {
    const dir = copyOf(dirs.none);
    const before = folderBytes(dir);
    for (const args of [['settle', dir], ['settle', dir, '--trust-modified'], ['diff', dirs.full, dir]]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--log none');
      expect(r.stderr).toContain(join(dir, 'events.jsonl'));
    }
    expect(folderBytes(dir)).toEqual(before);
    // An events.jsonl put beside it changes nothing: the run says it wrote none, with or without --trust-modified.
    writeFileSync(join(dir, 'events.jsonl'), readFileSync(join(dirs.full, 'events.jsonl')));
    for (const args of [['settle', dir], ['settle', dir, '--trust-modified']]) {
      const r = await cli(args);
      expect([r.code, r.stderr.includes('--log none')]).toEqual([2, true]);
    }
  });
});

describe('a money log that is not what the run wrote is not settled (even with --trust-modified)', () => {
  let run = '';
  beforeAll(async () => {
    run = join(root, 'tamper-money');
    expect((await cli(['run', 'market-tencent', '--out', run, '--log', 'money'])).code).toBe(0);
  }, 60_000);

  async function settleEdited(edit: (raw: string[]) => string[], editSummary?: (s: { log: { lines: number } }) => void): Promise<CliResult & { dir: string }> {
    const dir = copyOf(run);
    writeFileSync(join(dir, 'events.jsonl'), edit(lines(dir)).map((l) => `${l}\n`).join(''));
    if (editSummary) {
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { log: { lines: number } };
      editSummary(summary);
      writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
    }
    return { ...(await cli(['settle', dir, '--trust-modified'])), dir };
  }

  test('untouched, with --trust-modified too: settled', async () => {
    expect((await settleEdited((l) => l)).code).toBe(0);
  });

  test('without --trust-modified an edited money log is refused by its digest', async () => {
    const dir = copyOf(run);
    writeFileSync(join(dir, 'events.jsonl'), lines(dir).slice(1).map((l) => `${l}\n`).join(''));
    const r = await cli(['settle', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sha256');
  });

  test('a money line deleted: the line count summary.json recorded does not match', async () => {
    // A supervision completion (SUP-10): no other contract notices it gone, only the count.
    const r = await settleEdited((l) => {
      const i = l.length - 1 - [...l].reverse().findIndex((raw) => (parsed(raw).effects ?? []).some((e) => e.type === 'supervisionCompleted'));
      return [...l.slice(0, i), ...l.slice(i + 1)];
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the log has \d+ lines, summary\.json records \d+ \(log\.lines\)/);
  });

  test('a refusal deleted and the line count edited to match: the refusal count does not', async () => {
    const r = await settleEdited(
      (l) => {
        const i = l.findIndex((raw) => !parsed(raw).accepted);
        return [...l.slice(0, i), ...l.slice(i + 1)];
      },
      (s) => {
        s.log.lines -= 1;
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the log has \d+ refused events, summary\.json counts \d+/);
  });

  test('two lines swapped: seq goes back', async () => {
    const r = await settleEdited((l) => [l[1]!, l[0]!, ...l.slice(2)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: seq \d+ after seq \d+/);
  });

  test('a seq that is not a whole number: refused', async () => {
    const r = await settleEdited((l) => [l[0]!.replace(/"seq":(\d+)/, '"seq":$1.5'), ...l.slice(1)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1: seq [\d.]+ is not a whole number/);
  });

  test('a line money does not write (an accepted event with no money fact) added: refused', async () => {
    const full = join(root, 'market-tencent-full');
    const extra = lines(full).map(parsed).findIndex((line) => !settlementNeeds(line));
    const r = await settleEdited((l) => {
      const raw = lines(full)[extra]!;
      const at = l.findIndex((x) => parsed(x).seq > parsed(raw).seq);
      return [...l.slice(0, at), raw, ...l.slice(at)];
    }, (s) => {
      s.log.lines += 1;
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a line --log money writes');
  });
});

describe('--log is checked before anything runs', () => {
  test('an unknown level: one line naming the flag, exit 2, no folder', async () => {
    const out = join(root, 'bad-level');
    const r = await cli(['run', 'market-tiny', '--out', out, '--log', 'verbose']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--log');
    expect(r.stderr).toContain('full, money, none');
    expect(existsSync(out)).toBe(false);
  });

  test('--compare with --log none: refused, both runs would have to be settled from their logs', async () => {
    const out = join(root, 'compare-none');
    const r = await cli(['run', 'market-tiny', '--out', out, '--compare', 'tencent', '--log', 'none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--log');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}-compare`)).toBe(false);
  });

  test('--compare with an unknown level: one line, before either run', async () => {
    const out = join(root, 'compare-bad');
    const r = await cli(['run', 'market-tiny', '--out', out, '--compare', 'tencent', '--log', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  test('--compare with --log money: both runs written at that level and diffed', async () => {
    const out = join(root, 'compare-money');
    const r = await cli(['run', 'market-tiny', '--out', out, '--compare', 'tencent', '--log', 'money']);
    expect(r.code).toBe(0);
    expect(existsSync(join(`${out}-compare`, 'diff.csv'))).toBe(true);
    for (const dir of [out, `${out}-compare`]) expect((JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { log: { level: string } }).log.level).toBe('money');
  });
});
