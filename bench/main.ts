// `npm run bench`: per-step costs of every path on the same recorded streams, then the scales, each in its own
// process (so peak RSS is that scale's). Options: --streams N --length N --rounds N --seed S --scales 10000,100000
// --scenario market (default: the generator's default mix) | walks | <file|built-in name> (replicated to each scale) --only micro|scale.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runMicro } from './micro.js';
import { runScale } from './scale.js';

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
  if (only !== 'scale') {
    runMicro({
      streams: Number(option(args, 'streams', '2000')),
      length: Number(option(args, 'length', '30')),
      rounds: Number(option(args, 'rounds', '5')),
      seed,
    });
  }
  if (only !== 'micro') {
    const scales = option(args, 'scales', '10000,100000,1000000').split(',').map(Number);
    const offUpTo = Number(option(args, 'fast-path-off-up-to', '10000'));
    const runner = fileURLToPath(new URL('./run.mjs', import.meta.url));
    for (const n of scales) {
      for (const fastPath of n <= offUpTo ? ['off', 'on'] : ['on']) {
        const r = spawnSync(process.execPath, ['--max-old-space-size=4096', runner, '--child-scale', String(n), '--fast-path', fastPath, '--seed', seed, '--scenario', option(args, 'scenario', 'market')], {
          stdio: 'inherit',
        });
        if (r.status !== 0) console.log(`scale ${n} (fast path ${fastPath}) failed with exit ${r.status}`);
      }
    }
  }
}
