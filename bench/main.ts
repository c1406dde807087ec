// `npm run bench`: per-step costs of every path on the same recorded streams, then the scales, each in its own
// process (so peak RSS is that scale's), then a sweep with 1 and 2 worker threads (bench/sweep.ts).
// Options: --streams N --length N --rounds N --seed S --scales 10000,100000 --scenario market (default: the
// generator's default mix) | walks | <file|built-in name> (replicated to each scale); --sweep-seeds N (default 20)
// --sweep-scenario NAME (default `default`) --sweep-orders-per-month N (scale the scenario's population: more work
// per seed) --sweep-workers 1,2 --sweep-loader bundle|tsx (how workers load their code; `marketsim sweep`: bundle);
// --run-scales 10000,100000,1000000 --overhead-at 100000 --log-levels-at 100000 (0: skip) --log-rounds 2 (the real `marketsim run` path, and it again at --log money|none)
// --workers-at N (default: the largest run scale; 0: skip; that scale again with --workers 2); --reprice-scenario NAME
// (default `default`) --reprice-rounds N (default 3);
// --queue-seeds N (default 100) --queue-scenario NAME (default market-tiny) --queue-workers 1,2,4 --queue-batch N
// (default 1): the same seeds as jobs on a real redis-server for N `marketsim worker` processes (bench/queueSweep.ts);
// --tui-scenario NAME (default market-large) --tui-timeout-s N: the TUI in a pseudo-terminal (bench/tuiLarge.ts);
// --only micro|scale|run|sweep|reprice|queue|tui.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runMicro } from './micro.js';
import { runQueueBench } from './queueSweep.js';
import { runRepriceBench } from './reprice.js';
import { runScale } from './scale.js';
import { runPathBench } from './runPath.js';
import { runSweepBench } from './sweep.js';
import { printTuiLarge } from './tuiLarge.js';

function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

const args = process.argv.slice(2);
const child = option(args, 'child-scale', '');
if (child !== '') {
  await runScale({
    entities: Number(child),
    fastPath: option(args, 'fast-path', 'on') === 'on',
    scenario: option(args, 'scenario', 'market'),
    seed: option(args, 'seed', 'bench'),
  });
} else {
  const only = option(args, 'only', '');
  const seed = option(args, 'seed', 'bench');
  const wants = (part: string) => only === '' || only === part;
  if (wants('micro')) {
    runMicro({
      streams: Number(option(args, 'streams', '2000')),
      length: Number(option(args, 'length', '30')),
      rounds: Number(option(args, 'rounds', '5')),
      seed,
    });
  }
  if (wants('scale')) {
    const scales = option(args, 'scales', '10000,100000,1000000').split(',').map(Number);
    const offUpTo = Number(option(args, 'fast-path-off-up-to', '10000'));
    const runner = fileURLToPath(new URL('./run.mjs', import.meta.url));
    for (const n of scales) {
      for (const fastPath of n <= offUpTo ? ['off', 'on'] : ['on']) {
        // Room for the scale's heap (about 4 KiB per order at 100k): peak RSS is measured, not capped.
        const heapMiB = Math.max(4096, Math.ceil(n / 1000) * 12);
        const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMiB}`, runner, '--child-scale', String(n), '--fast-path', fastPath, '--seed', seed, '--scenario', option(args, 'scenario', 'market')], {
          stdio: 'inherit',
          // The default-mix scale builds its engines through sim/run.ts, which reads the switch from the environment.
          env: { ...process.env, MARKETSIM_FAST_PATH: fastPath },
        });
        if (r.status !== 0) console.log(`scale ${n} (fast path ${fastPath}) failed with exit ${r.status}`);
      }
    }
  }
  if (wants('run')) {
    await runPathBench({
      scales: option(args, 'run-scales', '10000,100000,1000000').split(',').map(Number),
      overheadAt: Number(option(args, 'overhead-at', '100000')),
      logLevelsAt: Number(option(args, 'log-levels-at', '100000')),
      logRounds: Number(option(args, 'log-rounds', '2')),
      workersAt: Number(option(args, 'workers-at', option(args, 'run-scales', '10000,100000,1000000').split(',').at(-1)!)),
      seed,
    });
  }
  if (wants('sweep')) {
    await runSweepBench({
      seeds: Number(option(args, 'sweep-seeds', '20')),
      scenario: option(args, 'sweep-scenario', 'default'),
      ...(option(args, 'sweep-orders-per-month', '') !== '' ? { ordersPerMonth: Number(option(args, 'sweep-orders-per-month', '')) } : {}),
      workers: option(args, 'sweep-workers', '1,2').split(',').map(Number),
      loader: option(args, 'sweep-loader', 'bundle') === 'tsx' ? 'tsx' : 'bundle',
    });
  }
  if (wants('reprice')) {
    await runRepriceBench({ scenario: option(args, 'reprice-scenario', 'default'), rounds: Number(option(args, 'reprice-rounds', '3')) });
  }
  if (wants('queue')) {
    await runQueueBench({
      seeds: Number(option(args, 'queue-seeds', '100')),
      scenario: option(args, 'queue-scenario', 'market-tiny'),
      workers: option(args, 'queue-workers', '1,2,4').split(',').map(Number),
      batch: Number(option(args, 'queue-batch', '1')),
    });
  }
  if (wants('tui')) {
    await printTuiLarge({ scenario: option(args, 'tui-scenario', 'market-large'), timeoutS: Number(option(args, 'tui-timeout-s', '1800')) });
  }
}
