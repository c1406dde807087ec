// `marketsim minimise` (and `run --minimise FILE`): shrink a failing run, write it as a scenario file that
// `marketsim run` replays to the same violation, and check that it does before saying so.
import { scenarioFileText } from '../reports/scenarioWriter.js';
import { replayCommand } from '../runs/violations.js';
import { InputError, parseScenarioText } from '../scenarios/loader.js';
import { minimise, sameFailure, type Minimised, type MinimiseOptions } from '../runs/minimise/minimise.js';
import { resolveRun, simulate, type RunSetup } from '../runs/run.js';
import { EXIT } from './exitCodes.js';
import { setupFromFlags, type RunFlags } from './flags.js';
import { badInput, type Io } from './io.js';
import { checkMinimisedOut, writeMinimised } from './shared/minimised.js';

export interface MinimiseFlags extends Pick<RunFlags, 'seed' | 'profile' | 'set'> {
  readonly out: string;
  readonly check?: string;
  readonly maxRuns?: string;
}

export function minimiseCommand(scenarioArg: string, flags: MinimiseFlags, io: Io): number {
  if (!checkMinimisedOut(flags.out, io)) return EXIT.badInput;
  const prepared = setupFromFlags(scenarioArg, flags);
  if (!prepared.ok) return badInput(prepared.error, io);
  const maxRuns = flags.maxRuns === undefined ? undefined : Number(flags.maxRuns);
  if (maxRuns !== undefined && (!Number.isInteger(maxRuns) || maxRuns < 2)) {
    return badInput(new InputError('--max-runs', flags.maxRuns ?? '', 'expected an integer of at least 2'), io);
  }
  const options: MinimiseOptions = { ...(flags.check ? { check: flags.check } : {}), ...(maxRuns ? { maxRuns } : {}) };
  return writeMinimised(prepared.setup, options, flags.out, io);
}
