// `sweep merge`: the shards of one sweep (`--shard 1/n` … `n/n`, each written by its own CI job) folded back into
// the sweep they split: the outcomes in seed-list order and the unsharded report, so the merged files are the
// ones a single sweep over all the seeds writes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../../machines/domain.js';
import { parseSeeds, sweepReport, type SeedOutcome, type SweepReport } from './sweep.js';

const ReportHeader = z.object({
  scenario: z.string(),
  seeds: z.object({ given: z.string(), count: z.number().int() }),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
  swarm: z.boolean(),
  profile: z.enum(PLATFORMS).optional(),
  sets: z.record(z.string(), z.unknown()),
});

const OutcomeLine = z.object({ seed: z.string(), violations: z.number().int(), checks: z.array(z.string()), replay: z.string() });

interface ShardDir {
  readonly dir: string;
  readonly header: z.infer<typeof ReportHeader>;
  readonly outcomes: readonly SeedOutcome[];
}

function readShard(dir: string): { ok: true; value: ShardDir } | { ok: false; error: string } {
  const reportFile = join(dir, 'sweep.json');
  const outcomesFile = join(dir, 'sweep-outcomes.jsonl');
  for (const file of [reportFile, outcomesFile]) if (!existsSync(file)) return { ok: false, error: `${file}: not found (is ${dir} a sweep's output directory?)` };
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${reportFile}: not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const header = ReportHeader.safeParse(report);
  if (!header.success) return { ok: false, error: `${reportFile}: ${header.error.issues[0]?.path.join('.') || 'root'}: ${header.error.issues[0]?.message}` };
  const outcomes: SeedOutcome[] = [];
  const lines = readFileSync(outcomesFile, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (line === '' && i === lines.length - 1) break;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { ok: false, error: `${outcomesFile}:${i + 1}: not JSON` };
    }
    // Checked for shape, then kept as parsed: the merged files must keep each outcome's keys in their order.
    if (!OutcomeLine.safeParse(parsed).success) return { ok: false, error: `${outcomesFile}:${i + 1}: not a seed outcome` };
    outcomes.push(parsed as SeedOutcome);
  }
  if (outcomes.length !== header.data.seeds.count) return { ok: false, error: `${outcomesFile}: ${outcomes.length} outcomes, sweep.json says ${header.data.seeds.count}` };
  return { ok: true, value: { dir, header: header.data, outcomes } };
}

/** The merged report and outcomes of every shard of one sweep, or why the directories are not that. */
export function mergeShards(dirs: readonly string[]): { ok: true; value: { report: SweepReport; outcomes: SeedOutcome[] } } | { ok: false; error: string } {
  const shards: ShardDir[] = [];
  for (const dir of dirs) {
    const shard = readShard(dir);
    if (!shard.ok) return shard;
    shards.push(shard.value);
  }
  const first = shards[0];
  if (!first) return { ok: false, error: 'no directories to merge' };
  const sweepOf = (s: ShardDir) => JSON.stringify([s.header.scenario, s.header.seeds.given, s.header.swarm, s.header.profile ?? null, s.header.sets]);
  const other = shards.find((s) => sweepOf(s) !== sweepOf(first));
  if (other) return { ok: false, error: `${other.dir}: not a shard of the same sweep as ${first.dir} (scenario, --seeds, --swarm, --profile or --set differ)` };
  const count = first.header.shard?.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    if (!s.header.shard || s.header.shard.count !== count) return { ok: false, error: `${s.dir}: not one of ${count === undefined ? 'n' : count} shards (sweep.json "shard": ${JSON.stringify(s.header.shard ?? null)})` };
    const twice = seen.get(s.header.shard.index);
    if (twice !== undefined) return { ok: false, error: `${s.dir}: shard ${s.header.shard.index}/${count} is also ${twice}` };
    seen.set(s.header.shard.index, s.dir);
  }
  if (count === undefined || seen.size !== count) {
    const missing = Array.from({ length: count ?? 0 }, (_, i) => i + 1).filter((i) => !seen.has(i));
    return { ok: false, error: `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing` };
  }
  const seeds = parseSeeds(first.header.seeds.given);
  if (!seeds.ok) return { ok: false, error: `${first.dir}/sweep.json: seeds.given: ${seeds.error}` };
  const bySeed = new Map<string, SeedOutcome>();
  for (const s of shards) {
    for (const outcome of s.outcomes) {
      if (bySeed.has(outcome.seed)) return { ok: false, error: `${s.dir}: seed ${outcome.seed} is in two shards` };
      bySeed.set(outcome.seed, outcome);
    }
  }
  const outcomes: SeedOutcome[] = [];
  for (const seed of seeds.seeds) {
    const outcome = bySeed.get(seed);
    if (!outcome) return { ok: false, error: `seed ${seed} of --seeds ${first.header.seeds.given} is in no shard` };
    outcomes.push(outcome);
  }
  if (bySeed.size !== outcomes.length) return { ok: false, error: `the shards hold seeds that --seeds ${first.header.seeds.given} does not list` };
  const platform = first.header.profile as Platform | undefined;
  const header = { scenario: { name: first.header.scenario }, swarm: first.header.swarm, ...(platform ? { platform } : {}), sets: first.header.sets };
  return { ok: true, value: { report: sweepReport(header, first.header.seeds.given, outcomes), outcomes } };
}
