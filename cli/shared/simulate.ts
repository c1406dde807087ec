// Running one scenario into its output directory: shared by `run`, `run --compare` and the TUI's export.
import { appendEventLine, type LogLevel } from '../../reports/eventLog.js';
import { settleReads } from '../../reports/settlementFacts.js';
import { writeReportFilesYielding, type FinishedRun, type ReportStep, type RunFileOptions } from '../../runs/files.js';
import { sealedSummaryText } from '../../runs/integrity.js';
import { openOutputDir } from '../../runs/output/folder.js';
import { pieceWriter } from '../../runs/output/pieces.js';
import { simulateYielding, type RunOptions, type RunSetup } from '../../runs/run.js';
import { buildSummary, summaryText, type RunSummary } from '../../runs/summary.js';
import { replayCommand } from '../../runs/violations.js';
import type { LogEntry } from '../../sim/log/entry.js';
import { EXIT } from '../exitCodes.js';
import { fileOptions, logLevel, runWorkers, setupFromFlags, type RunFlags } from '../flags.js';
import { tmpdir } from 'node:os';
import { EVENTS_BYTES_PER_ORDER, removeStaleShardFolders, shardFilesRoom, shardResolveOptions, simulateSharded } from '../../runs/shards/sharded.js';
import { InputError } from '../../scenarios/loader.js';
import type { Scenario } from '../../scenarios/loader.js';
import { badInput, badInputLine, type Io } from '../io.js';
import { runCollector } from '../../runs/collectGarbage.js';
import { SPILL_BYTES_PER_ORDER, SpilledLedger } from '../../runs/factSpill.js';
import { ordersCsvOnOwnThread, writeOrdersCsvElsewhere, type OrdersCsvElsewhere } from '../../runs/ordersCsvThread/index.js';
import { scenarioOrders, sizeHeap } from './heapSize.js';
import { checkMinimisedOut, writeMinimised } from './minimised.js';
import { RunProgress } from './runProgress.js';

const ORDERS_ELSEWHERE: ReadonlySet<ReportStep> = new Set(['orders.csv']);

/** A run written to its folder, handed to what the command does next (settlement.xlsx from memory). */
export interface WrittenRun {
  readonly dir: string;
  /** What the files were built from (not the engine: its entities are let go once the summary is built). */
  readonly result: FinishedRun;
  readonly summary: RunSummary;
}

/** Runs the scenario as the flags say into its output directory; exit 0 clean, 1 violation, 2 bad input. */
export async function runScenario(
  scenarioArg: string,
  flags: RunFlags,
  io: Io,
  onWritten?: (run: WrittenRun) => void,
  { sizeHeap: sized = false }: { readonly sizeHeap?: boolean } = {},
): Promise<number> {
  // A generated timeline is drawn as the run reaches it (same files as expanded, far less memory).
  const prepared = setupFromFlags(scenarioArg, flags, { lazyArrivals: true });
  if (!prepared.ok) return badInput(prepared.error, io);
  const files = fileOptions(flags);
  if (!files.ok) return badInput(files.error, io);
  const log = logLevel(flags);
  if (!log.ok) return badInput(log.error, io);
  const orders = scenarioOrders(prepared.loaded);
  const workers = runWorkers(flags, () => orders);
  if (!workers.ok) return badInput(workers.error, io);
  let shards = workers.value;
  if (shards > 1) {
    // The shards' logs go to TMPDIR first: a run that would fill it is refused when split by the flag, and runs on
    // one thread when split by default.
    // What a killed split run left is cleared first: it would count against this one.
    removeStaleShardFolders(tmpdir());
    // What the output's disk takes while the shards' files exist: the log and the spilled money facts.
    const eventsBytes = (log.value === 'full' ? EVENTS_BYTES_PER_ORDER : log.value === 'money' ? EVENTS_BYTES_PER_ORDER / 2 : 0) + SPILL_BYTES_PER_ORDER;
    const room = shardFilesRoom(orders, flags.out ?? `out/${prepared.setup.scenario.name}`, eventsBytes);
    if (room.problem !== undefined || room.need > room.free) {
      const gb = (bytes: number): string => (bytes / 1e9).toFixed(1);
      const why = room.problem
        ? `the shards' logs go to ${room.dir} (TMPDIR), which cannot be used (${room.problem})`
        : `the shards' logs need about ${gb(room.need)} GB in ${room.dir} (TMPDIR, with events.jsonl when it is on the same disk), which has ${gb(room.free)} GB free`;
      if (flags.workers !== undefined) return badInput(new InputError('--workers', flags.workers, why), io);
      shards = 1;
    }
  }
  // `marketsim run` (not the TUI's export, not --compare's two runs): a run too large for node's default heap runs
  // again with a larger one, or is refused. The scenario as loaded: the file is read once (it may be a pipe).
  const relaunched = sized ? sizeHeap(prepared.loaded, scenarioArg, io) : undefined;
  if (relaunched) return relaunched;
  const outDir = flags.out ?? `out/${prepared.setup.scenario.name}`;
  if (flags.minimise !== undefined && !checkMinimisedOut(flags.minimise, io)) return EXIT.badInput;
  const replay = replayCommand(prepared.setup, scenarioArg);
  const { start, end } = prepared.setup.scenario;
  const progress = new RunProgress(start, end, process.stderr);
  const options = { ...prepared.options, onEntry: (entry: LogEntry) => progress.onEntry(entry) };
  let written: Awaited<ReturnType<typeof simulateInto>>;
  try {
    const split = shards > 1 ? { scenario: prepared.loaded, workers: shards, progress } : undefined;
    written = await simulateInto(outDir, prepared.setup, options, { ...files.value, replay }, (name) => progress.writing(name), log.value, split);
  } finally {
    progress.finish();
  }
  if (!written.ok) return badInputLine(written.error, io);
  const { value: result, summary } = written;
  onWritten?.({ dir: outDir, result, summary });
  io.out(summaryText(summary, outDir));
  if (summary.violations.length > 0) {
    io.err(`replay: ${replay}`);
    if (flags.minimise !== undefined) {
      // The minimiser shrinks the explicit timeline, so it gets the expanded form.
      const explicit = setupFromFlags(scenarioArg, flags);
      if (!explicit.ok) return badInput(explicit.error, io);
      const minimised = writeMinimised(explicit.setup, { check: summary.violations[0]!.check }, flags.minimise, io);
      if (minimised === EXIT.internal) return minimised;
    }
    return EXIT.violation;
  }
  return EXIT.ok;
}

/**
 * Runs and writes the output folder with events.jsonl streamed into it line by line as the engine logs, so the
 * log is never held whole; the other files come from what the run digested, summary.json last with the digests
 * of the rest. Same bytes as `runFiles` at `log` full. At money or none only events.jsonl and summary.json
 * (which records the level) differ: every other file comes from the digest, not from the log. A path marketsim
 * may not replace is refused before the run starts. A run split across workers (`split`) hands `options.onEntry`
 * only the merged lines it parses (those the digest reads); `split.progress` counts the others.
 */
export async function simulateInto(
  outDir: string,
  setup: RunSetup,
  options: RunOptions,
  fileOptions: RunFileOptions,
  onWriting?: (what: string) => void,
  log: LogLevel = 'full',
  split?: { readonly scenario: Scenario; readonly workers: number; readonly progress?: RunProgress },
): Promise<{ ok: true; value: FinishedRun; summary: RunSummary } | { ok: false; error: string }> {
  const opened = openOutputDir(outDir);
  if (!opened.ok) return opened;
  const output = opened.value;
  // The money facts go to a file in the folder being written (removed with it, or before it is put in place), not
  // the heap: a million orders' facts are not held beside the live world, nor beside their settlement at the end.
  let facts: SpilledLedger | undefined;
  let orders: OrdersCsvElsewhere | undefined;
  try {
    facts = new SpilledLedger(output.scratch('.money-facts'), { errorsName: outDir });
    // The log exists even when the run logs nothing (a scenario without a timeline): settle and diff read it.
    if (log !== 'none') output.append('events.jsonl', '');
    let lines = 0;
    const appendEvents = (text: string): void => output.append('events.jsonl', text);
    const onEntry = (entry: LogEntry, line?: string): void => {
      // An entry left out is never encoded: that is the CPU this level saves.
      if (log === 'full' || (log === 'money' && settleReads(entry))) {
        if (line !== undefined) output.append('events.jsonl', line);
        else appendEventLine(entry, appendEvents);
        lines++;
      }
      options.onEntry?.(entry);
    };
    // The engine is let go and collected before the run is settled (runs/run.ts finish()): only what the files read
    // is kept, and the end of the run reuses the world's memory. A large run also collects every virtual month.
    // One collector for this run: it skips a collection until the heap has grown since the run's last one.
    const collector = runCollector();
    const collecting = { onEngineReleased: collector.now, onVirtualMonth: collector.ifLarge };
    const finished = split
      ? await simulateSharded(split.scenario, shardResolveOptions(options), setup, split.workers, {
          onEntry,
          // The merged lines the digest only counts come unparsed: written as they are, and counted for progress.
          onCounted: (counted, at, line) => {
            if (log === 'full') {
              output.append('events.jsonl', line);
              lines++;
            }
            split.progress?.onCounted(at, counted.source === 'spawn' && counted.kind === 'order');
          },
          ledgerStore: facts,
          onShardProgress: (at, events, orders) => split.progress?.shards(at, events, orders),
          onMerging: () => split.progress?.merging(),
        })
      : await simulateYielding(setup, { ...options, retainLog: false, onEntry, ledgerStore: facts, ...collecting });
    if (split) collector.ifLarge();
    const built = buildSummary(finished);
    const summary: RunSummary = log === 'full' ? built : { ...built, log: { level: log, lines } };
    onWriting?.('summary');
    await new Promise((resume) => setImmediate(resume));
    // Appended: orders.csv and settlement.csv come in pieces of rows (a million-order run's are 248 and 277 MB).
    // Each step's garbage (a million orders' settlement, their CSV pieces) collected before the next step grows on it.
    const step = (name: string): void => {
      orders?.check();
      collector.ifLarge();
      onWriting?.(name);
    };
    // orders.csv on a thread of its own while this one settles and writes the rest (a large run: the second core is
    // otherwise idle then).
    if (ordersCsvOnOwnThread(facts.size)) orders = writeOrdersCsvElsewhere(output, facts, setup, fileOptions, summary.names);
    const settled = await writeReportFilesYielding(finished, fileOptions, summary, pieceWriter(output, ['events.jsonl']), step, orders ? ORDERS_ELSEWHERE : undefined);
    if (orders) {
      onWriting?.('orders.csv');
      await orders.finished();
    }
    facts.remove();
    onWriting?.('summary.json');
    await new Promise((resume) => setImmediate(resume));
    output.finish(new Map(), (digests) => new Map([['summary.json', sealedSummaryText(summary, digests)]]));
    // The facts are gone with their file: what reads the run after (`--xlsx`) reuses the settlement the files hold.
    const value: FinishedRun = { ...finished, settled: { settlement: settled.settlement, params: settled.params, runEnd: setup.scenario.end } };
    return { ok: true, value, summary };
  } catch (error) {
    try {
      await orders?.stop();
      facts?.remove();
    } finally {
      output.abandon();
    }
    throw error;
  }
}
