// Writing a minimised scenario (`minimise`, `run --minimise FILE`): shrink, write, and check it replays first.
import { checkOutputFile, writeFileAtomic, type FileKind } from '../../runs/output/file.js';
import { scenarioFileText } from '../../reports/scenarioWriter.js';
import { minimise, sameFailure, type Minimised, type MinimiseOptions } from '../../runs/minimise/minimise.js';
import { resolveRun, simulate, type RunSetup } from '../../runs/run.js';
import { replayCommand } from '../../runs/violations.js';
import { InputError, parseScenarioText } from '../../scenarios/loader.js';
import { EXIT } from '../exitCodes.js';
import { badInput, badInputLine, type Io } from '../io.js';

/** A scenario file `minimise` wrote: its description says what it was minimised from (YAML or JSON). */
export const MINIMISED_SCENARIO: FileKind = {
  what: 'a scenario written by marketsim minimise',
  isOurs: (head) => /^\s*("description"\s*:\s*"|description:\s*['"]?)minimised from /m.test(head),
};

/** The --out (or --minimise) file checked before the minutes of shrinking, so a refusal costs nothing. */
export function checkMinimisedOut(outFile: string, io: Io): boolean {
  const checked = checkOutputFile(outFile, MINIMISED_SCENARIO);
  if (!checked.ok) io.err(`marketsim: ${checked.error}`);
  return checked.ok;
}

/** Minimises, writes `outFile` atomically and prints what it did; exit 2 when there is nothing to minimise. */
export function writeMinimised(setup: RunSetup, options: MinimiseOptions, outFile: string, io: Io): number {
  const result = minimise(setup, options);
  if (!result.ok) return badInput(new InputError(setup.scenario.file, '', result.error), io);
  const scenario = {
    ...result.scenario,
    name: `${setup.scenario.name}-minimised`,
    description: `minimised from ${setup.scenario.name} (seed ${setup.seed}): ${result.check} on ${result.violation.entity}`,
  };
  const replay = replayCommand({ ...result.setup, scenario }, outFile);
  const v = result.violation;
  const comment = `${v.check} [${v.rules.join(',')}] ${v.entity}: ${v.message}\nreplay: ${replay}`;
  const written = scenarioFileText(scenario, outFile, { comment });
  if (!written.ok) return internal(written.error, io);
  const replayed = replays(written.text, outFile, result);
  if (replayed !== undefined) return internal(replayed, io);
  const saved = writeFileAtomic(outFile, written.text, MINIMISED_SCENARIO);
  if (!saved.ok) return badInputLine(saved.error, io);
  io.out(report(result, outFile));
  io.out(`replay: ${replay}`);
  return EXIT.ok;
}

/** Loads the text as `marketsim run` would and runs it: undefined when it fails the same way. */
function replays(text: string, file: string, result: Minimised): string | undefined {
  const loaded = parseScenarioText(text, file);
  if (!loaded.ok) return loaded.error.toString();
  const resolved = resolveRun(loaded.scenario);
  if (!resolved.ok) return resolved.error.toString();
  const again = simulate(resolved.setup);
  return again.violations.some((v) => sameFailure(v, result.violation)) ? undefined : 'the minimised scenario does not replay the violation';
}

function report(result: Minimised, outFile: string): string {
  const v = result.violation;
  return [
    `minimised ${v.check} [${v.rules.join(',')}] ${v.entity}: ${v.message}`,
    `timeline ${result.before.timeline} → ${result.after.timeline} items, entities ${result.before.entities} → ${result.after.entities}, ` +
      `${result.runs} runs${result.exhausted ? ' (run budget reached: smaller may exist)' : ''}`,
    `wrote ${outFile}`,
  ].join('\n');
}

function internal(reason: string, io: Io): number {
  io.err(`marketsim: internal error: ${reason}`);
  return EXIT.internal;
}
