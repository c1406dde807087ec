// One scale of the throughput bench, run in its own process: N orders of the generator's default mix over 12
// virtual months through the whole run (prepare, effects, invariants, digest; log not retained), reporting
// orders/s, steps/s, wall and CPU time and peak RSS. `--scenario walks` or a scenario name replicates those instead.
import type { Command } from '../sim/log/entry.js';
import { Engine } from '../sim/engine/engine.js';
import { Rng } from '../sim/rng.js';
import { productModel } from '../machines/productMachine.model.js';
import { productKind } from './productKind.js';
import { recordStreams } from './streams.js';
import { scaledPopulation } from './population.js';
import { fmt } from './timing.js';

export interface ScaleOptions {
  readonly entities: number;
  readonly fastPath: boolean;
  /**
   * `market` (the default of `npm run bench`): the generator's default mix (scenarios/default.yaml's population)
   * scaled to `entities` orders over 12 months; a scenario file or built-in name: its entities replicated;
   * `walks`: recorded product walks.
   */
  readonly scenario: string;
  readonly seed: string;
}

const YEAR_MS = 365 * 86_400_000;
const START = Date.UTC(2023, 11, 31, 16, 0, 0);
const POOL = 1000;

export async function runScale(options: ScaleOptions): Promise<void> {
  const started = process.hrtime.bigint();
  const { steps, label } =
    options.scenario === 'market' ? await market(options) : options.scenario && options.scenario !== 'walks' ? await replicateScenario(options) : walks(options);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = process.resourceUsage();
  const rssMiB = usage.maxRSS / 1024;
  // CPU seconds as well as wall: on a shared 2-core machine the wall time is what others left us.
  const cpuS = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  console.log(
    `${label}: ${options.entities.toLocaleString('en-US')} entities, fast path ${options.fastPath ? 'on ' : 'off'}: ` +
      `${fmt(wallS)} s wall (${fmt(cpuS)} s CPU), ${fmt(options.entities / wallS, 0)} entities/s, ${fmt(steps / wallS, 0)} steps/s ` +
      `(${steps.toLocaleString('en-US')} steps), peak RSS ${fmt(rssMiB, 0)} MiB`,
  );
}

/** Product lifecycles: each entity replays one of POOL recorded walks (timers fired by the engine), offset in the year. */
function walks(options: ScaleOptions): { steps: number; label: string } {
  const pool = recordStreams(productModel as never, POOL, 16, `${options.seed}/scale`);
  const rng = new Rng(`${options.seed}/offsets`);
  const engine = new Engine({ start: START, end: START + YEAR_MS, rng, kinds: { product: productKind }, fastPath: options.fastPath });
  for (let i = 0; i < options.entities; i++) {
    const stream = pool[i % POOL]!;
    const offset = START + rng.int(0, YEAR_MS - 60 * 86_400_000);
    const target = { kind: 'product', id: `p${i}` };
    const first = stream.events[0]!.at as number;
    let created = false;
    for (const event of stream.events) {
      if (event.type.startsWith('xstate.after.')) continue;
      const command: Command = { target, event, source: 'timeline', ...(created ? {} : { create: { input: stream.input } }) };
      created = true;
      engine.schedule(offset + ((event.at as number) - first), command);
    }
  }
  engine.run();
  return { steps: engine.stepCount, label: 'recorded product lifecycles (stand-in for orders)' };
}

/** A scenario's products and timeline, copied N / products times with ids suffixed, copies spread over 12 months. */
async function replicateScenario(options: ScaleOptions): Promise<{ steps: number; label: string }> {
  const { loadScenarioFile } = await import('../scenarios/loader.js');
  const { resolveRun, startSimulation } = await import('../runs/run.js');
  const { resolveScenarioPath } = await import('../scenarios/builtin.js');
  const loaded = loadScenarioFile(resolveScenarioPath(options.scenario));
  if (!loaded.ok) throw new Error(String(loaded.error));
  const base = loaded.scenario;
  const copies = Math.max(1, Math.ceil(options.entities / Math.max(1, base.products.length)));
  const span = Math.max(0, YEAR_MS - (base.end - base.start));
  const rng = new Rng(`${options.seed}/copies`);
  const products = [];
  const timeline = [];
  for (let c = 0; c < copies; c++) {
    const shift = span > 0 ? rng.int(0, span) : 0;
    for (const p of base.products) products.push({ ...p, id: `${p.id}~${c}` });
    for (const t of base.timeline) timeline.push({ ...t, at: t.at + shift, target: `${t.target}~${c}`, index: timeline.length });
  }
  timeline.sort((a, b) => a.at - b.at);
  const scenario = { ...base, start: base.start, end: base.start + Math.max(YEAR_MS, base.end - base.start), products, timeline };
  const resolved = resolveRun(scenario as typeof base);
  if (!resolved.ok) throw new Error(String(resolved.error));
  const run = startSimulation(resolved.setup);
  run.engine.run();
  return { steps: run.engine.stepCount, label: `${base.name} replicated ×${copies}` };
}

/**
 * The generator's default mix at N orders over 12 months: default.yaml's population with ordersPerMonth = N / 12
 * and merchants and buyers scaled alike (one merchant per 2,000 orders, one buyer per 4 orders, never fewer than
 * default's 8 and 300). The full run (prepare, effects, invariants) with the log streamed to nowhere.
 */
async function market(options: ScaleOptions): Promise<{ steps: number; label: string }> {
  const { loadScenarioFile } = await import('../scenarios/loader.js');
  const { resolveRun, startSimulation } = await import('../runs/run.js');
  const { resolveScenarioPath } = await import('../scenarios/builtin.js');
  const loaded = loadScenarioFile(resolveScenarioPath('default'));
  if (!loaded.ok) throw new Error(String(loaded.error));
  const base = loaded.scenario;
  const population = scaledPopulation(base.population!, Math.round(options.entities / 12), options.entities);
  const resolved = resolveRun({ ...base, seed: options.seed, population } as typeof base, { lazyArrivals: true });
  if (!resolved.ok) throw new Error(String(resolved.error));
  const generatedAt = process.hrtime.bigint();
  const run = startSimulation(resolved.setup, { retainLog: false });
  run.engine.run();
  const stepS = Number(process.hrtime.bigint() - generatedAt) / 1e9;
  const orders = [...run.engine.entities('order')].length;
  return { steps: run.engine.stepCount, label: `default mix (${orders.toLocaleString('en-US')} orders, engine ${fmt(stepS)} s)` };
}
