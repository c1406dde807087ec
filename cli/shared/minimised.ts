// Writing a minimised scenario (`minimise`, `run --minimise FILE`): shrink, write, and check it replays first.
import { writeFileAtomic } from '../../reports/output.js';
import { scenarioFileText } from '../../reports/scenarioWriter.js';
import { minimise, sameFailure, type Minimised, type MinimiseOptions } from '../../runs/minimise/minimise.js';
import { resolveRun, simulate, type RunSetup } from '../../runs/run.js';
import { replayCommand } from '../../runs/violations.js';
import { InputError, parseScenarioText } from '../../scenarios/loader.js';
import { EXIT } from '../exitCodes.js';
import { badInput, type Io } from '../io.js';

/** Minimises, writes `outFile` atomically and prints what it did; exit 2 when there is nothing to minimise. */
export function writeMinimised(setup: RunSetup, options: MinimiseOptions, outFile: string, io: Io): number {
  const result = minimise(setup, options);
  if (!result.ok) return badInput(new InputError(setup.scenario.file, '', result.reason), io);
  const scenario = {
    ...result.scenario,
    name: `${setup.scenario.name}-minimised`,
    description: `minimised from ${setup.scenario.name} (seed ${setup.seed}): ${result.check} on ${result.violation.entity}`,
  };
  const replay = replayCommand({ ...result.setup, scenario }, outFile);
  const v = result.violation;
  const comment = `${v.check} [${v.rules.join(',')}] ${v.entity}: ${v.message}\nreplay: ${replay}`;
  const written = scenarioFileText(scenario, outFile, { comment });
  if (!written.ok) return internal(written.reason, io);
  const replayed = replays(written.text, outFile, result);
  if (replayed !== undefined) return internal(replayed, io);
  writeFileAtomic(outFile, written.text);
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
