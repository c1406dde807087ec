// Runs fuzz cases one at a time through cli/main.ts's `main(argv, io)` in this worker thread and checks what
// every case must show: exit 0/1 with complete files, or exit 2 with exactly one line; never a stack trace,
// a raw control character, a leftover temp or output folder. The pool (pool.ts) times each case out.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { main } from '../../../cli/main.js';
import type { Corruption, FuzzCase } from './cases.js';
import { checkOutcome, type Verdict } from './verdict.js';

const root = mkdtempSync(join(tmpdir(), 'marketsim-fuzz-'));
let baseRuns: { a: string; b: string } | undefined;

async function quiet(argv: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Two saved runs with money in them (the second with another REF-1 window), written once per worker. */
async function savedRuns(): Promise<{ a: string; b: string }> {
  if (baseRuns) return baseRuns;
  const a = join(root, 'base-a');
  const b = join(root, 'base-b');
  for (const [dir, extra] of [[a, []], [b, ['--set', 'noReasonRefundWindowMs=1d']]] as const) {
    const r = await quiet(['run', 'refunds-five-day-tencent', '--out', dir, ...extra]);
    if (r.code > 1) throw new Error(`fuzz: the base run failed: ${r.err.join(' / ')}`);
  }
  baseRuns = { a, b };
  return baseRuns;
}

function damage(dir: string, c: Corruption): void {
  const file = join(dir, c.folder, c.file);
  if (existsSync(file) && !statSync(file).isFile()) return; // already damaged into a folder
  const text = existsSync(file) ? readFileSync(file, 'latin1') : '';
  const lines = text.split('\n');
  const line = lines.length > 1 ? c.at % (lines.length - 1) : 0;
  switch (c.how) {
    case 'truncate':
      return writeFileSync(file, text.slice(0, c.at % (text.length + 1)), 'latin1');
    case 'flipBytes': {
      const bytes = Buffer.from(text, 'latin1');
      for (let k = 0; k < 3 && bytes.length > 0; k++) bytes[(c.at * (k + 7)) % bytes.length] = (c.at >> k) & 0xff;
      return writeFileSync(file, bytes);
    }
    case 'delete':
      return rmSync(file, { recursive: true, force: true });
    case 'empty':
      return writeFileSync(file, '');
    case 'garbage':
      return writeFileSync(file, c.at % 2 ? '{"not": "a log"' : '\u0000\u0001garbage\n[1,2,3]\nnull\n');
    case 'duplicateLine':
      lines.splice(line, 0, lines[line] ?? '');
      return writeFileSync(file, lines.join('\n'), 'latin1');
    case 'dropLine':
      lines.splice(line, 1);
      return writeFileSync(file, lines.join('\n'), 'latin1');
    case 'editNumber': {
      let n = 0;
      const edited = text.replace(/-?\d+/g, (m) => (n++ === c.at % 50 ? String(Number(m) * 100 + 1) : m));
      return writeFileSync(file, edited, 'latin1');
    }
    case 'directory':
      rmSync(file, { force: true });
      mkdirSync(file, { recursive: true });
      return;
  }
}

async function runCase(c: FuzzCase): Promise<Verdict> {
  const dir = mkdtempSync(join(root, 'case-'));
  try {
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text, 'latin1');
    if (c.kind === 'runFolder') {
      const runs = await savedRuns();
      cpSync(runs.a, join(dir, 'run'), { recursive: true });
      cpSync(runs.b, join(dir, 'run-b'), { recursive: true });
      for (const corruption of c.corrupt ?? []) damage(dir, corruption);
    }
    const before = new Set(readdirSync(dir));
    const argv = c.argv.map((a) => a.replaceAll('{dir}', dir));
    let result: { code: number; out: string[]; err: string[] };
    try {
      result = await quiet(argv);
    } catch (error) {
      return { id: c.id, code: -1, problem: `main threw: ${error instanceof Error ? error.stack : String(error)}`, err: [] };
    }
    return { id: c.id, code: result.code, err: result.err, problem: checkOutcome(c, dir, before, result) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

parentPort!.on('message', (message: FuzzCase | 'stop') => {
  if (message === 'stop') {
    rmSync(root, { recursive: true, force: true });
    parentPort!.close();
    return;
  }
  void runCase(message).then(
    (verdict) => parentPort!.postMessage(verdict),
    (error: unknown) => parentPort!.postMessage({ id: message.id, code: -1, err: [], problem: `harness: ${String(error)}` }),
  );
});
