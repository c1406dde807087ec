// market-large (or another built-in) through the real TUI, as an analyst would: `marketsim tui` in a pseudo-terminal
// (util-linux `script`), the scenario picked with the arrow keys, run with live progress, every results tab opened,
// then quit; peak RSS of the TUI's processes together (sampled from /proc, as for `marketsim run`, which may run
// itself again in a child) and of the largest one alone (GNU time). Prints whether progress was seen, the run's wall time and
// the peak RSS. The keys are typed only once the screen they are for is showing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinScenarioFiles } from '../scenarios/builtin.js';
import { sampleTreeRss } from './treeRss.js';

const CLI = fileURLToPath(new URL('../cli/marketsim.mjs', import.meta.url));
const DOWN = '\u001b[B';
// ANSI control sequences (colour, cursor moves) stripped so the screen text can be searched.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]/g;

export interface TuiLargeOptions {
  readonly scenario: string;
  /** Give up after this long (the run included). */
  readonly timeoutS: number;
}

export interface TuiLargeResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly progressFrames: number;
  readonly runWallS: number;
  readonly tabsOpened: readonly string[];
  /** GNU time's: the largest single process. */
  readonly peakRssMiB: number;
  /** All the TUI's processes together (the launcher waiting for its relaunched child included). */
  readonly peakTreeRssMiB: number;
}

export async function runTuiLarge(options: TuiLargeOptions): Promise<TuiLargeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-bench-tui-'));
  const timeFile = join(dir, 'time.txt');
  const command = `stty cols 120 rows 40; /usr/bin/time -f '%M' -o ${timeFile} ${process.execPath} ${CLI} tui`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: dir,
    env: { ...process.env, COLUMNS: '120', LINES: '40', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let seen = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8').replace(ANSI, '');
    // Keep the tail only: the whole session of a long run would be large.
    if (screen.length > 200_000) {
      seen -= screen.length - 100_000;
      screen = screen.slice(-100_000);
    }
  });
  const tree = sampleTreeRss(child.pid!);
  let exitCode: number | undefined;
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve((exitCode = code ?? -1))));
  let raw = '';
  child.stdout.on('data', (chunk: Buffer) => {
    raw = (raw + chunk.toString('utf8')).slice(-20_000);
  });
  const deadline = Date.now() + options.timeoutS * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Waits until the output since the last wait contains `text`. */
  async function waitFor(text: string | RegExp): Promise<boolean> {
    while (Date.now() < deadline && exitCode === undefined) {
      const fresh = screen.slice(Math.max(0, seen));
      const at = typeof text === 'string' ? fresh.lastIndexOf(text) : fresh.search(text);
      if (at >= 0) {
        seen = screen.length;
        return true;
      }
      await sleep(100);
    }
    return false;
  }
  const type = (keys: string) => child.stdin.write(keys);
  const fail = async (problem: string): Promise<TuiLargeResult> => {
    if (process.env.MARKETSIM_BENCH_TUI_SCREEN) console.log(raw.replace(ANSI, ''));
    child.kill('SIGKILL');
    await exited;
    tree.stop();
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, error: problem, progressFrames: 0, runWallS: 0, tabsOpened: [], peakRssMiB: 0, peakTreeRssMiB: 0 };
  };

  if (!(await waitFor('pick'))) return fail('the scenario picker did not show');
  // The picker lists the built-ins in this order: move down to the scenario, then check the mark is on it.
  const index = builtinScenarioFiles().findIndex((file) => basename(file, '.yaml') === options.scenario);
  if (index < 0) return fail(`${options.scenario} is not a built-in scenario`);
  for (let i = 0; i < index; i++) {
    type(DOWN);
    await sleep(200);
  }
  await sleep(1500);
  const mark = screen.lastIndexOf('›');
  if (mark < 0 || !screen.slice(mark, mark + 60).includes(options.scenario)) return fail(`the picker's mark is not on ${options.scenario}`);
  type('\r');
  if (!(await waitFor('add override / run'))) return fail('the settings screen did not show');
  type('\r');
  const started = Date.now();
  let progressFrames = 0;
  // Count the progress lines (ETA) drawn while the run goes, until the results' key line shows.
  while (Date.now() < deadline && exitCode === undefined) {
    const fresh = screen.slice(Math.max(0, seen));
    progressFrames += (fresh.match(/ETA /g) ?? []).length;
    if (fresh.includes('new run')) break;
    seen = screen.length - 20;
    await sleep(500);
  }
  const runWallS = (Date.now() - started) / 1000;
  if (process.env.MARKETSIM_BENCH_TUI_SCREEN) console.log(raw.replace(ANSI, '').slice(-3000));
  if (!screen.slice(-5000).includes('new run')) return fail(`no results after ${runWallS.toFixed(0)} s`);
  seen = screen.length;
  const tabsOpened: string[] = [];
  for (const [key, tab] of [['2', 'settlement'], ['3', 'violations'], ['4', 'coverage'], ['5', 'diff'], ['1', 'summary']] as const) {
    type(key);
    await sleep(1500);
    if (await waitFor('new run')) tabsOpened.push(tab);
  }
  type('q');
  const code = await Promise.race([exited, sleep(20_000).then(() => -2)]);
  if (code === -2) child.kill('SIGKILL');
  const sampled = tree.stop();
  let peakRssMiB = 0;
  try {
    peakRssMiB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024;
  } catch {
    // No time file: the TUI was killed; reported as 0.
  }
  // A peak can fall between two samples: never report less than the largest process alone.
  const peakTreeRssMiB = Math.max(sampled, peakRssMiB);
  rmSync(dir, { recursive: true, force: true });
  return { ok: code === 0, ...(code !== 0 ? { error: `exit ${code}` } : {}), progressFrames, runWallS, tabsOpened, peakRssMiB, peakTreeRssMiB };
}

export async function printTuiLarge(options: TuiLargeOptions): Promise<void> {
  console.log(`\nTUI: ${options.scenario} picked, run, every tab opened, quit (pseudo-terminal 120×40)`);
  const r = await runTuiLarge(options);
  if (!r.ok) console.log(`  failed: ${r.error}`);
  console.log(`  run to results: ${r.runWallS.toFixed(1)} s wall, progress redrawn ${r.progressFrames} times`);
  console.log(`  tabs opened: ${r.tabsOpened.join(', ') || 'none'}`);
  console.log(`  peak RSS of the TUI's processes together: ${r.peakTreeRssMiB.toFixed(0)} MiB (sampled every 250 ms); of the largest alone: ${r.peakRssMiB.toFixed(0)} MiB`);
}
