// The `marketsim` command line: subcommands, flags, and exit codes (0 clean, 1 violation, 2 bad input, 3 bug,
// 4 the system refused: docs/exit-codes.md).
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
// Each command's module is imported when that command runs, so `--help` and a bad flag load none of them.
import type { CheckFlags } from './checkCommand.js';
import type { DiagramFlags } from './diagramCommand.js';
import type { DiffFlags } from './diffCommand.js';
import type { RunFlags } from './flags.js';
import type { WrittenRun } from './shared/simulate.js';
import { removeAll } from '../runs/output/cleanup.js';
import { OutputRefused } from '../runs/output/refused.js';
import { environmentError } from './environmentError.js';
import { EXIT } from './exitCodes.js';
import { printable } from '../scenarios/inputError.js';
import type { Io } from './io.js';
import type { MinimiseFlags } from './minimiseCommand.js';
import type { SettleFlags } from './settleCommand.js';
import type { SweepFlags } from './sweepCommand.js';
import type { SweepMergeFlags } from './sweepMergeCommand.js';
import type { TestsFlags } from './testsCommand.js';
import type { TuiFlags } from './tuiCommand.js';
import type { WorkerFlags } from './workerCommand.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('marketsim')
    .description('Simulate cloud-marketplace rules (KooGallery, Tencent Cloud Marketplace) on seeded synthetic marketplaces')
    .exitOverride()
    .enablePositionalOptions() // so `sweep` can give `sweep merge` its own --out (commander applies it per level)
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      // An error and commander's "(Did you mean …?)" hint as one line, like every other bad-input error.
      outputError: (s, write) => write(s.trim().replace(/\s*\n\s*/g, ' ')),
    });

  program
    .command('run')
    .description('run a scenario and write events.jsonl, summary.json and the reports into --out')
    .argument('<scenario>', 'a scenario file (YAML or JSON) or a built-in scenario name')
    .option('--seed <seed>', 'seed of the run (default: the scenario\'s)')
    .option('--out <dir>', 'output directory (default: out/<scenario-name>)')
    .option('--profile <platform>', 'platform profile: koogallery or tencent')
    .option('--set <key=value>', 'override a rules parameter (repeatable)', collect, [])
    .option('--lang <lang>', 'CSV headers and values, summary.md and the printed diff: en or zh', 'en')
    .option('--excel', 'prefix CSV files with a UTF-8 BOM for Excel')
    .option('--stop-on-violation', 'stop the run at the first violation')
    .option('--compare <variant>', 'also run a variant (a profile, or key=value) with the same seed into DIR-compare and diff the settlements')
    .option('--minimise <file>', 'when the run fails, shrink it to a short scenario file replaying its first violation')
    .option('--xlsx', 'also write settlement.xlsx (amounts as numbers, real dates, one sheet per view)')
    .option('--log <level>', 'events.jsonl: full (every event), money (only what settle and diff read: money facts, completions, delistings, refusals) or none (no log: settle cannot re-derive the run)', 'full')
    .option('--workers <n>', 'split the run by buyer across n worker threads: the same files for any n (default: one per core from 500,000 orders at --log full, else 1)')
    .action(async (scenario: string, flags: RunFlags & { xlsx?: boolean }) => {
      const { runCommand } = await import('./runCommand.js');
      if (!flags.xlsx) return setExit(await runCommand(scenario, flags, io));
      const written: WrittenRun[] = [];
      const code = await runCommand(scenario, flags, io, (run) => written.push(run));
      setExit(await (await import('./xlsxCommand.js')).runWorkbooks(written, flags.lang, code, io));
    });

  /** settle and diff: undefined when the runs fit this process; else the exit code of the child or of the refusal. */
  const sizedForSavedRuns = async (dirs: readonly string[], flags: SettleFlags & { xlsx?: boolean }): Promise<number | undefined> => {
    if (!(await import('./flags.js')).fileOptions(flags).ok) return undefined;
    return (await import('./shared/heapSize.js')).sizeHeapForSavedRuns(dirs, io, flags);
  };

  program
    .command('settle')
    .description('recompute settlement.csv, settlement-summary.csv and summary.md of a saved run from its events.jsonl; with --set, re-price it')
    .argument('<run-dir>', 'a directory written by `marketsim run`')
    .option('--lang <lang>', 'CSV headers and values, summary.md: en or zh', 'en')
    .option('--excel', 'prefix CSV files with a UTF-8 BOM for Excel')
    .option('--trust-modified', 'settle even though the run\'s files do not match the digests summary.json recorded (the log\'s contracts are still checked)')
    .option('--set <key=value>', 'settle under another pricing parameter (commissionBasisPoints), without re-simulating; repeatable', collect, [])
    .option('--xlsx', 'also write settlement.xlsx')
    .action(async (dir: string, flags: SettleFlags & { xlsx?: boolean }) => {
      // A run too large to settle in node's default heap: settled again in a child with a larger one, or refused.
      // A bad --lang is named first (the other flags' errors come from the child, or after a refusal).
      const sized = await sizedForSavedRuns([dir], flags);
      if (sized !== undefined) return setExit(sized);
      const code = (await import('./settleCommand.js')).settleCommand(dir, flags, io);
      if (!flags.xlsx || code !== EXIT.ok) return setExit(code);
      setExit(await (await import('./xlsxCommand.js')).writeWorkbook(dir, join(dir, 'settlement.xlsx'), flags, io));
    });

  program
    .command('diff')
    .description('compare the settlements of two saved runs per merchant and month; writes diff.csv')
    .argument('<run-dir-a>', 'the baseline run')
    .argument('<run-dir-b>', 'the variant run')
    .option('--out <file>', 'where to write diff.csv (default: <run-dir-b>/diff.csv)')
    .option('--lang <lang>', 'diff.csv headers and values, and the printed diff: en or zh', 'en')
    .option('--excel', 'prefix diff.csv with a UTF-8 BOM for Excel')
    .option('--trust-modified', 'diff runs whose files do not match their recorded digests (the logs\' contracts are still checked)')
    .option('--xlsx', 'also write diff.xlsx beside diff.csv (the variant\'s settlement with a diff sheet)')
    .action(async (a: string, b: string, flags: DiffFlags & { xlsx?: boolean }) => {
      // Both runs are settled and held at once.
      const sized = await sizedForSavedRuns([a, b], flags);
      if (sized !== undefined) return setExit(sized);
      const code = (await import('./diffCommand.js')).diffCommand(a, b, flags, io);
      if (!flags.xlsx || code !== EXIT.ok) return setExit(code);
      const xlsx = await import('./xlsxCommand.js');
      setExit(await xlsx.writeWorkbook(b, xlsx.diffWorkbookPath(flags.out ?? join(b, 'diff.csv')), flags, io, a));
    });

  program
    .command('minimise')
    .description('shrink a failing run (delta debugging) to a short scenario file that `run` replays to the same violation')
    .argument('<scenario>', 'a scenario file (YAML or JSON) or a built-in scenario name')
    .requiredOption('--out <file>', 'the minimised scenario file to write (.yaml, or .json)')
    .option('--seed <seed>', 'seed of the run (default: the scenario\'s)')
    .option('--profile <platform>', 'platform profile: koogallery or tencent')
    .option('--set <key=value>', 'override a rules parameter (repeatable)', collect, [])
    .option('--check <id>', 'the check to keep failing (default: the first violation\'s)')
    .option('--max-runs <n>', 'upper bound on simulations while shrinking (default 2000)')
    .action(async (scenario: string, flags: MinimiseFlags) => setExit((await import('./minimiseCommand.js')).minimiseCommand(scenario, flags, io)));

  const sweep = program
    .command('sweep')
    .description('run a scenario over many seeds in parallel (worker threads, or --queue: worker processes anywhere) and report which seeds fail; writes sweep.json, sweep-seeds.csv, sweep-distribution.csv, report.html')
    .argument('<scenario>', 'a scenario file (YAML or JSON) or a built-in scenario name')
    // Checked by sweepCommand, not commander: a required option here would be required of `sweep merge` too.
    .option('--seeds <list>', 'seeds (required): a range 1..100, a list 1,5,9, or both (1..50,77)')
    .option('--profile <platform>', 'platform profile: koogallery or tencent (with --swarm: fixed instead of drawn)')
    .option('--set <key=value>', 'override a rules parameter (repeatable; with --swarm: fixed instead of drawn)', collect, [])
    .option('--swarm', 'draw a mix of rules overrides and the profile per seed from the seed, recorded in the report')
    .option('--workers <n>', 'worker threads (default: the number of cores; not with --queue)')
    .option('--shard <i/n>', 'run only the i-th of n equal parts of the seed list (CI matrices); combine with `sweep merge`')
    .option('--queue <redis-url>', 'run the seeds as jobs on the BullMQ queue at this Redis (redis://host:port) for `marketsim worker`s; the same command again resumes the sweep')
    .option('--batch <n>', 'with --queue: seeds per job (default 1)')
    .option('--out <dir>', 'output directory (default: out/<scenario-name>-sweep)')
    // `sweep merge … --out DIR`: the --out after `merge` is merge's own, not the sweep's.
    .enablePositionalOptions()
    .action(async (scenario: string, flags: SweepFlags) => setExit(await (await import('./sweepCommand.js')).sweepCommand(scenario, flags, io)));
  sweep
    .command('merge')
    .description('combine the output directories of every shard of one sweep (--shard 1/n … n/n) into the unsharded sweep\'s files')
    .argument('<dir...>', 'the shards\' output directories')
    .option('--out <dir>', 'output directory (default: out/<scenario-name>-sweep)')
    .action(async (dirs: string[], flags: SweepMergeFlags) => setExit((await import('./sweepMergeCommand.js')).sweepMergeCommand(dirs, flags, io)));

  program
    .command('worker')
    .description('run sweep seeds from the job queue at --queue until stopped (SIGINT/SIGTERM); start any number, on any machine')
    .addOption(new Option('--queue <redis-url>', 'the Redis the sweeps were started with (redis://host:port)').env('MARKETSIM_QUEUE').makeOptionMandatory())
    .option('--concurrency <n>', 'seeds run at once by this process, each on its own thread (default 1)')
    .option('--lock-ms <ms>', 'job lock time: a worker lost mid-seed has its seed handed on after about 1.5x this (default 30000)')
    .action(async (flags: WorkerFlags) => setExit(await (await import('./workerCommand.js')).workerCommand(flags, io)));

  program
    .command('diagram')
    .description('draw a machine (product, order, supervision, enterprise, or all) as a statechart generated from its definition')
    .argument('<machine>', 'a machine name, or all')
    .option('--format <format>', 'mermaid (stateDiagram-v2 text), svg, or html (one page, no network)', 'mermaid')
    .option('--out <path>', 'file to write (a directory for all machines as mermaid or svg; default: print)')
    .action(async (machine: string, flags: DiagramFlags) => setExit((await import('./diagramCommand.js')).diagramCommand(machine, flags, io)));

  program
    .command('tui')
    .description('open the terminal UI: pick a scenario, tune it, watch it run, read the results, export')
    .option('--dir <folder>', 'also list the scenario files of this folder')
    .option('--lang <lang>', 'the screens\' language and the runs\' first --lang: en or zh (Settings can change it)', 'en')
    // Loaded on demand: ink and React are not needed by `marketsim run`.
    .action(async (flags: TuiFlags) => setExit(await (await import('./tuiCommand.js')).tuiCommand(flags, io)));

  program
    .command('tests')
    .description('generate model-based test plans from the machines, with a coverage report, into --out')
    .option('--machine <name>', 'a machine name, or all', 'all')
    .option('--strategy <strategy>', 'shortest or simple (simple paths up to --max-depth)', 'shortest')
    .option('--max-depth <n>', 'depth bound of simple paths (default: the model\'s)')
    .option('--profile <platform>', 'only the variants of this platform profile: koogallery or tencent')
    .option('--format <format>', 'json, csv or vitest', 'json')
    .option('--lang <lang>', 'CSV headers: en or zh', 'en')
    .option('--min-coverage <pct>', 'exit 1 when a state, transition or rule coverage is below this percentage')
    .option('--out <dir>', 'output directory (required)')
    .action(async (flags: TestsFlags) => setExit((await import('./testsCommand.js')).testsCommand(flags, io)));

  program
    .command('check')
    .description('run test plans (or random model-based walks) against a system under test, or check a merchant\'s endpoints')
    .option('--adapter <spec>', 'the system: builtin, a JS/TS module exporting reset/execute/observe, or http://host:port (docs/qa-protocol.md)')
    .option('--plans <dir>', 'a directory of <machine>.plans.json written by `marketsim tests` (default: generate them now)')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--machine <name>', 'only this machine\'s cases (or walks)')
    .option('--case <id>', 'only this case (what a failure\'s replay command uses)')
    .option('--random <n>', 'instead of plans: n seeded random walks, checked against the model after every step, failures shrunk')
    .option('--seed <n>', 'seed of the random walks (default 1; plans run in file order and need none)')
    .option('--max-steps <n>', 'longest random walk (default 40)')
    .option('--replay <seed:path>', 'replay one shrunk random walk, as a failure prints it')
    .option('--merchant <url>', 'conformance mode: play the marketplace against a merchant\'s HTTP endpoints, report broken rules')
    .option('--timeout-ms <ms>', 'per-request timeout (default 10000 for --adapter, 5000 for --merchant)')
    .action(async (flags: CheckFlags) => setExit(await (await import('./checkCommand.js')).checkCommand(flags, io)));


  return program;
}

export async function main(argv: readonly string[], given: Io = defaultIo): Promise<number> {
  // Error lines quote what the user gave (file names, option values): terminal escapes and line breaks in them are
  // shown escaped, so an error is always one line and never drives the terminal.
  const io: Io = { out: given.out, err: (text) => given.err(printable(text)) };
  if (given === defaultIo) endQuietlyWhenStdoutCloses();
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  // Plain `marketsim` in a terminal opens the TUI; in a script it still prints the usage.
  const args = argv.length === 0 && process.stdin.isTTY && process.stdout.isTTY ? ['tui'] : argv;
  if (args.length === 0) {
    // The usage is what the user asked for, on stdout; the error (no command) is one line.
    io.out(program.helpInformation().trimEnd());
    io.err('marketsim: no command given (the usage is above)');
    return EXIT.badInput;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof OutputRefused) {
      io.err(`marketsim: ${error.message}`);
      return EXIT.badInput;
    }
    const refused = environmentError(error);
    if (refused) {
      io.err(`marketsim: ${refused}`);
      return EXIT.environment;
    }
    // A bug: the stack trace is the point, on as many lines as it takes.
    given.err(`marketsim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}

let streamsWatched = false;

/**
 * A reader that stops early (`marketsim diff a b | head`) closes our stdout: the rest of the output has nowhere
 * to go, so the process ends quietly with exit 0, removing any folder it was writing, instead of an EPIPE trace.
 * Any other failure of stdout is the system's (one line, exit 4). A closed stderr loses the messages but not the
 * command's own exit code.
 */
function endQuietlyWhenStdoutCloses(): void {
  if (streamsWatched) return;
  streamsWatched = true;
  process.stderr.on('error', () => undefined);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    removeAll();
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    process.stderr.write(`marketsim: stdout: ${environmentError(error) ?? error.message}\n`);
    process.exit(EXIT.environment);
  });
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
