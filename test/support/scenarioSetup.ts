// Loads a scenario (a path, or a built-in name) and resolves a run setup, failing the test with the one-line error.
import { resolveScenarioPath } from '../../scenarios/builtin.js';
import { loadScenarioFile } from '../../scenarios/loader.js';
import { resolveRun, type RunOptions, type RunSetup } from '../../runs/run.js';

export function setupOf(scenario: string, options: RunOptions = {}): RunSetup {
  const loaded = loadScenarioFile(resolveScenarioPath(scenario));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const resolved = resolveRun(loaded.scenario, options);
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return resolved.setup;
}
