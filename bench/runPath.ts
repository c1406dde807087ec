// The real `marketsim run` path at scale: the default mix at N orders over 12 months written as a scenario file and
// run by the CLI from dist/ as a user would (every file written), in its own process: wall, CPU, orders/s and peak
// RSS (of its processes together, sampled from /proc; GNU time's maximum is the largest alone). Then the overhead factor: the wall time of that whole run divided by the
// wall time of replaying the same run's machine steps (every creation input and event, as recorded) through the
// compiled stepper alone, the limit a run's cost is measured against. Then the same run at `--log money` and
// `--log none`: what not encoding the log saves, against the full run measured in this same bench. Then the largest
// scale again with `--workers 2`: the 1-vs-2-worker ratio.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { stringify } from 'yaml';
import { resolveRun, startSimulation } from '../runs/run.js';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import { loadScenarioFile, type Scenario } from '../scenarios/loader.js';
import { compileMachine } from '../sim/engine/_compiled/index.js';
import type { MachineOffer } from '../sim/engine/engine.js';
import { scaledPopulation } from './population.js';
import { fmt } from './timing.js';
import { sampleTreeRss } from './treeRss.js';

const CLI = fileURLToPath(new URL('../cli/marketsim.mjs', import.meta.url));

export interface RunPathOptions {
  readonly scales: readonly number[];
  /** The scale whose overhead factor is measured (its machine steps are held in memory to be replayed). */
  readonly overheadAt: number;
  readonly seed: string;
  /** The scale run again at `--log money` and `--log none` (0: not measured). */
  readonly logLevelsAt: number;
  /** How many times each level runs there, alternated. */
  readonly logRounds: number;
  /** The scale run again with `--workers 2` (0: not measured); its 1-worker run is the one measured above. */
  readonly workersAt: number;
}

interface Measured {
  readonly orders: number;
  readonly wallS: number;
  readonly cpuS: number;
  /** GNU time's: the largest single process. */
  readonly rssMiB: number;
  /**
   * The run's processes together (the launcher waiting for its relaunched child included), sampled every 250 ms;
   * never less than `rssMiB` (a short run's peak can fall between two samples).
   */
  readonly treeRssMiB: number;
  /** events.jsonl's size (0 when the run wrote none). */
  readonly logBytes: number;
}

function scenarioAt(orders: number, seed: string): Scenario {
  const loaded = loadScenarioFile(resolveScenarioPath('default'));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  return { ...loaded.scenario, seed, population: scaledPopulation(loaded.scenario.population!, Math.round(orders / 12), orders) };
}

/** `marketsim run` on the default mix at `orders`, in a child process under GNU time, its process tree sampled. */
async function runCli(orders: number, seed: string, dir: string, log: 'full' | 'money' | 'none' = 'full', workers = 1): Promise<Measured> {
  const base = loadScenarioFile(resolveScenarioPath('default'));
  if (!base.ok) throw new Error(base.error.toString());
  const file = join(dir, `default-${orders}.yaml`);
  const population = scaledPopulation(base.scenario.population!, Math.round(orders / 12), orders);
  writeFileSync(file, stringify({ name: `default-${orders}`, description: `default mix at ${orders} orders`, profile: 'koogallery', seed, start: '2024-01-01T00:00:00+08:00', end: '2024-12-31T23:59:59+08:00', population }));
  // No heap or GC flag: the run sizes its own heap and young generation as it does for a user
  // (cli/shared/heapSize.ts; from 100k orders it runs again in a child, whose time GNU time counts with the
  // parent's; its peak RSS is the largest single process, so the tree is sampled too).
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  // Always named: from 500,000 orders a run splits by default (one shard per core), and the scales, the overhead factor
  // and CPU per order are measured on one thread, as in earlier sessions.
  const args = [CLI, 'run', file, '--out', join(dir, 'out'), '--log', log, '--workers', String(workers)];
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const tree = sampleTreeRss(child.pid!);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const treeMiB = tree.stop();
  if (status !== 0 && status !== 1) throw new Error(`marketsim run at ${orders} orders exited ${status}: ${stderr.slice(-400)}`);
  const [wall, user, sys, rssKiB] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number, number];
  const events = join(dir, 'out', 'events.jsonl');
  const logBytes = existsSync(events) ? statSync(events).size : 0;
  rmSync(join(dir, 'out'), { recursive: true, force: true });
  return { orders, wallS: wall, cpuS: user + sys, rssMiB: rssKiB / 1024, treeRssMiB: Math.max(treeMiB, rssKiB / 1024), logBytes };
}

/** Replays a run's recorded machine offers through the compiled stepper alone; wall seconds and steps. */
function replayMachines(orders: number, seed: string): { replayS: number; replayCpuS: number; steps: number } {
  const resolved = resolveRun(scenarioAt(orders, seed), { lazyArrivals: true });
  if (!resolved.ok) throw new Error(resolved.error.toString());
  const streams = new Map<string, { machine: AnyStateMachine; offers: MachineOffer[] }>();
  const onOffer = (entity: string, machine: AnyStateMachine, offer: MachineOffer): void => {
    const stream = streams.get(entity) ?? { machine, offers: [] };
    stream.offers.push(offer);
    streams.set(entity, stream);
  };
  startSimulation(resolved.setup, { retainLog: false, onOffer }).engine.run();
  let steps = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  for (const { machine, offers } of streams.values()) {
    const compiled = compileMachine(machine);
    let snapshot: AnyMachineSnapshot | undefined;
    for (const offer of offers) {
      steps++;
      if ('input' in offer) snapshot = compiled.initial?.(offer.input)?.snapshot;
      else if (snapshot) snapshot = compiled.step?.(snapshot, offer.event as AnyEventObject)?.snapshot ?? snapshot;
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { replayS: Number(process.hrtime.bigint() - started) / 1e9, replayCpuS: (cpu.user + cpu.system) / 1e6, steps };
}

export async function runPathBench(options: RunPathOptions): Promise<void> {
  const whole = (n: number, least: number): boolean => Number.isSafeInteger(n) && n >= least;
  if (!options.scales.every((n) => whole(n, 1))) throw new Error(`--run-scales: expected whole numbers of orders, got ${options.scales.join(',')}`);
  if (!whole(options.overheadAt, 1)) throw new Error(`--overhead-at: expected a whole number of orders, got ${options.overheadAt}`);
  if (!whole(options.logLevelsAt, 0)) throw new Error(`--log-levels-at: expected a whole number of orders (0: skip), got ${options.logLevelsAt}`);
  if (!whole(options.workersAt, 0)) throw new Error(`--workers-at: expected a whole number of orders (0: skip), got ${options.workersAt}`);
  if (!whole(options.logRounds, 1)) throw new Error(`--log-rounds: expected a whole number ≥ 1, got ${options.logRounds}`);
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-bench-run-'));
  try {
    const measured: Measured[] = [];
    for (const orders of options.scales) {
      const m = await runCli(orders, options.seed, dir);
      measured.push(m);
      console.log(
        `marketsim run, default mix ${orders.toLocaleString('en-US')} orders: ${fmt(m.wallS)} s wall (${fmt(m.cpuS)} s CPU), ` +
          `${fmt(orders / m.wallS, 0)} orders/s, peak RSS ${fmt(m.treeRssMiB, 0)} MiB (its processes together; the largest alone ${fmt(m.rssMiB, 0)} MiB)`,
      );
    }
    const first = measured[0];
    const last = measured.at(-1);
    if (first && last && last !== first) {
      const ratio = last.cpuS / last.orders / (first.cpuS / first.orders);
      console.log(`CPU per order at ${last.orders.toLocaleString('en-US')} ÷ at ${first.orders.toLocaleString('en-US')}: ${fmt(ratio)}× (target ≤ 1.3)`);
    }
    const at = measured.find((m) => m.orders === options.overheadAt) ?? (await runCli(options.overheadAt, options.seed, dir));
    const replay = replayMachines(options.overheadAt, options.seed);
    console.log(
      `overhead factor at ${options.overheadAt.toLocaleString('en-US')} orders: whole run ${fmt(at.wallS)} s ÷ machine steps alone ` +
        `${fmt(replay.replayS)} s (${replay.steps.toLocaleString('en-US')} steps through the compiled stepper) = ${fmt(at.wallS / replay.replayS, 1)} (target ≤ 10); ` +
        `by CPU time ${fmt(at.cpuS)} s ÷ ${fmt(replay.replayCpuS)} s = ${fmt(at.cpuS / replay.replayCpuS, 1)}`,
    );
    if (options.logLevelsAt > 0) {
      // Alternated, several rounds: back-to-back runs of the same 100k scenario on this machine vary by ±20%.
      const levels = ['full', 'money', 'none'] as const;
      const runs = new Map<string, Measured[]>(levels.map((level) => [level, []]));
      for (let round = 0; round < options.logRounds; round++) {
        for (const level of levels) runs.get(level)!.push(await runCli(options.logLevelsAt, options.seed, dir, level));
      }
      const least = (level: string, key: 'wallS' | 'cpuS'): number => Math.min(...runs.get(level)!.map((m) => m[key]));
      for (const level of levels) {
        const all = runs.get(level)!;
        console.log(
          `--log ${level} at ${options.logLevelsAt.toLocaleString('en-US')} orders, ${all.length} runs alternated with the other levels: ` +
            `wall ${all.map((m) => fmt(m.wallS)).join(', ')} s; CPU ${all.map((m) => fmt(m.cpuS)).join(', ')} s; ` +
            `peak RSS ${all.map((m) => fmt(m.treeRssMiB, 0)).join(', ')} MiB; events.jsonl ${fmt(all[0]!.logBytes / 1e6, 0)} MB` +
            (level === 'full' ? '' : `; least CPU ÷ full's least: ${fmt(least(level, 'cpuS') / least('full', 'cpuS'))}×, least wall: ${fmt(least(level, 'wallS') / least('full', 'wallS'))}×`),
        );
      }
    }
    if (options.workersAt > 0) {
      // The run split by buyer across two threads (runs/shards), against the same scale on one thread in this bench.
      const one = measured.find((m) => m.orders === options.workersAt) ?? (await runCli(options.workersAt, options.seed, dir));
      const two = await runCli(options.workersAt, options.seed, dir, 'full', 2);
      console.log(
        `--workers 2 at ${options.workersAt.toLocaleString('en-US')} orders: ${fmt(two.wallS)} s wall (${fmt(two.cpuS)} s CPU), peak RSS ${fmt(two.treeRssMiB, 0)} MiB; ` +
          `one worker ${fmt(one.wallS)} s wall (${fmt(one.cpuS)} s CPU), ${fmt(one.treeRssMiB, 0)} MiB: 1 ÷ 2 workers by wall = ${fmt(one.wallS / two.wallS)}× (target ≥ 1.5)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
