// `marketsim check`: run generated plans (or random model-based walks) against a system under test through an
// adapter, or play the marketplace against a merchant's HTTP endpoints (--merchant). Exit 0 all passed, 1 any
// failure, 2 bad input (one line, nothing run, nothing written).
import { ALL_MODELS } from '../machines/allModels.js';
import { checkOutputFile, writeFileAtomic, type FileKind } from '../runs/output/file.js';
import { openSystem } from '../qa/adapters.js';
import { checkCases, type CaseOutcome } from '../qa/check.js';
import { junitXml, randomJunit } from '../qa/junit.js';
import { checkMerchant, conformanceJunit, conformanceLines } from '../qa/merchant/conformance.js';
import { generatedCases, readPlansDir, selectCases } from '../qa/plans.js';
import { parseReplay, randomRuns, replayWalk } from '../qa/random.js';
import { caseReplay, randomLines, summaryLines, type CheckTarget } from '../qa/report.js';
import type { Result, SystemUnderTest } from '../qa/system.js';
import type { TestCase } from '../reports/testplans/plan.js';
import { EXIT } from './exitCodes.js';
import type { Io } from './io.js';

export interface CheckFlags {
  readonly adapter?: string;
  readonly plans?: string;
  readonly junit?: string;
  readonly machine?: string;
  readonly case?: string;
  readonly random?: string;
  readonly seed?: string;
  readonly maxSteps?: string;
  readonly replay?: string;
  readonly merchant?: string;
  readonly timeoutMs?: string;
}

function integer(flag: string, text: string | undefined, min: number, max: number): Result<number | undefined> {
  if (text === undefined) return { ok: true, value: undefined };
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max
    ? { ok: true, value }
    : { ok: false, error: `${flag} ${text}: expected an integer from ${min} to ${max}` };
}

/** A JUnit report written by `marketsim check`: the only existing file --junit may replace. */
export const JUNIT_FILE: FileKind = {
  what: 'a JUnit report written by marketsim check',
  isOurs: (head) => /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="marketsim /.test(head),
};

/** --junit is checked before anything runs: a typo or someone else's file fails with one line, nothing run. */
function junitTarget(file: string | undefined): Result<string | undefined> {
  if (file === undefined) return { ok: true, value: undefined };
  const checked = checkOutputFile(file, JUNIT_FILE);
  return checked.ok ? { ok: true, value: file } : { ok: false, error: `--junit ${checked.error}` };
}

/** Writes the report; a refusal at this point (the target changed while the cases ran) is reported, not thrown. */
function writeJunit(io: Io, file: string, xml: string): boolean {
  const written = writeFileAtomic(file, xml, JUNIT_FILE);
  if (!written.ok) io.err(`marketsim check: --junit ${written.error}`);
  return written.ok;
}

const fail = (io: Io, error: string): number => {
  io.err(`marketsim check: ${error}`);
  return EXIT.badInput;
};

async function runMerchant(flags: CheckFlags, io: Io, junit: string | undefined, timeoutMs: number): Promise<number> {
  const url = flags.merchant!;
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return fail(io, `--merchant ${url}: expected an http:// or https:// URL`);
  const report = await checkMerchant(url, { timeoutMs });
  for (const line of conformanceLines(report)) io.out(line);
  if (junit && !writeJunit(io, junit, conformanceJunit(report))) return EXIT.badInput;
  return report.broken.length > 0 ? EXIT.violation : EXIT.ok;
}

async function runRandom(system: SystemUnderTest, flags: CheckFlags, io: Io, junit: string | undefined, runs: number, seed: number, maxSteps: number | undefined): Promise<number> {
  const models = flags.machine === undefined ? ALL_MODELS : ALL_MODELS.filter((m) => m.name === flags.machine);
  if (models.length === 0) return fail(io, `--machine ${flags.machine}: unknown machine (known: ${ALL_MODELS.map((m) => m.name).join(', ')})`);
  const outcome = await randomRuns(system, { runs, seed, models, ...(maxSteps !== undefined ? { maxSteps } : {}) });
  const lines = randomLines(outcome, system.name);
  for (const line of lines) io.out(line);
  if (junit && !writeJunit(io, junit, randomJunit(`${runs} walks from seed ${seed}`, !outcome.ok, lines))) return EXIT.badInput;
  return outcome.ok ? EXIT.ok : EXIT.violation;
}

async function runReplay(system: SystemUnderTest, token: string, io: Io): Promise<number> {
  const parsed = parseReplay(token);
  if (!parsed.ok) return fail(io, parsed.error);
  const result = await replayWalk(system, parsed.value.walk);
  result.labels.forEach((label, i) => io.out(`  ${i + 1}. ${label}`));
  for (const problem of result.problems) io.out(`  - ${problem}`);
  io.out(result.problems.length === 0 ? `replay ${token}: every step matched the model` : `FAIL replay ${token}`);
  return result.problems.length === 0 ? EXIT.ok : EXIT.violation;
}

/** Parses and checks every flag, opens the system, then runs plans, random walks, a replay or the merchant mode. */
export async function checkCommand(flags: CheckFlags, io: Io): Promise<number> {
  const numbers = [integer('--random', flags.random, 1, 1_000_000), integer('--seed', flags.seed, -2_147_483_648, 2_147_483_647), integer('--max-steps', flags.maxSteps, 1, 1000), integer('--timeout-ms', flags.timeoutMs, 1, 600_000)];
  for (const n of numbers) if (!n.ok) return fail(io, n.error);
  const [random, seed, maxSteps, timeoutMs] = numbers.map((n) => (n.ok ? n.value : undefined));
  const junit = junitTarget(flags.junit);
  if (!junit.ok) return fail(io, junit.error);
  if (flags.merchant !== undefined) {
    if (flags.adapter !== undefined) return fail(io, '--merchant and --adapter: choose one (a merchant endpoint, or a system to run plans against)');
    return runMerchant(flags, io, junit.value, timeoutMs ?? 5000);
  }
  if (flags.adapter === undefined) return fail(io, '--adapter <builtin|module file|http://host:port> (or --merchant <url>) is required');
  if (flags.replay !== undefined && random !== undefined) return fail(io, '--replay and --random: choose one');
  const target: CheckTarget = { adapter: flags.adapter, ...(flags.plans ? { plans: flags.plans } : {}) };
  let cases: TestCase[] | undefined;
  if (random === undefined && flags.replay === undefined) {
    const all = flags.plans !== undefined ? readPlansDir(flags.plans) : { ok: true as const, value: generatedCases() };
    if (!all.ok) return fail(io, all.error);
    const chosen = selectCases(all.value, { ...(flags.machine ? { machine: flags.machine } : {}), ...(flags.case ? { caseId: flags.case } : {}) });
    if (!chosen.ok) return fail(io, chosen.error);
    cases = chosen.value;
  }
  const opened = await openSystem(flags.adapter, timeoutMs !== undefined ? { timeoutMs } : {});
  if (!opened.ok) return fail(io, opened.error);
  const system = opened.value;
  try {
    if (flags.replay !== undefined) return await runReplay(system, flags.replay, io);
    if (random !== undefined) return await runRandom(system, flags, io, junit.value, random, seed ?? 1, maxSteps);
    const summary = await checkCases(system, cases!);
    const replayOf = (o: CaseOutcome) => caseReplay(target, o.caseId);
    for (const line of summaryLines(summary, replayOf)) io.out(line);
    if (junit.value && !writeJunit(io, junit.value, junitXml(summary, replayOf))) return EXIT.badInput;
    return summary.failed > 0 ? EXIT.violation : EXIT.ok;
  } finally {
    await system.close?.();
  }
}
