// The scenario picker's list: built-in scenarios and the scenario files of a folder, each loaded so the
// picker can show its name, profile, period and description — or the one-line error of a bad file.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadScenarioFile } from '../../scenarios/loader.js';
import { formatTime } from '../../machines/time.js';
import { builtinScenarioFiles } from '../../scenarios/builtin.js';

export type CatalogEntry =
  | {
      readonly ok: true;
      /** What `marketsim run` takes: the built-in name, or the file path as found in --dir. */
      readonly arg: string;
      readonly file: string;
      readonly builtin: boolean;
      readonly name: string;
      readonly profile: string;
      /** "2024-01-01 → 2024-03-31", UTC+8 dates. */
      readonly period: string;
      readonly description: string;
    }
  | { readonly ok: false; readonly arg: string; readonly file: string; readonly builtin: boolean; readonly error: string };

const SCENARIO_FILE = /\.(ya?ml|json)$/;

/** Scenario files directly in `dir` (not the JSON schema), sorted; a missing folder is an error entry. */
function folderFiles(dir: string): { files: string[]; error?: string } {
  try {
    const names = readdirSync(dir).filter((n) => SCENARIO_FILE.test(n) && !n.endsWith('.schema.json')).sort();
    return { files: names.map((n) => join(dir, n)) };
  } catch (error) {
    return { files: [], error: `cannot read folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

export function catalogEntry(file: string, arg: string, builtin: boolean): CatalogEntry {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) return { ok: false, arg, file, builtin, error: loaded.error.toString() };
  const { scenario } = loaded;
  return {
    ok: true,
    arg,
    file,
    builtin,
    name: scenario.name,
    profile: scenario.platform,
    period: `${formatTime(scenario.start).slice(0, 10)} → ${formatTime(scenario.end).slice(0, 10)}`,
    description: scenario.description,
  };
}

/** Built-ins first (by name, run as `marketsim run <name>`), then the folder's files (run by path). */
export function scenarioCatalog(dir?: string, cwd: string = process.cwd()): CatalogEntry[] {
  const builtins = builtinScenarioFiles().map((file) => {
    const base = file.slice(file.lastIndexOf('/') + 1).replace(SCENARIO_FILE, '');
    return catalogEntry(file, base, true);
  });
  if (dir === undefined) return builtins;
  const { files, error } = folderFiles(dir);
  const own = files.map((file) => catalogEntry(file, relative(cwd, file) || file, false));
  const missing: CatalogEntry[] = error ? [{ ok: false, arg: dir, file: dir, builtin: false, error: `${dir}: ${error}` }] : [];
  return [...builtins, ...own, ...missing];
}

/** Where the picker starts: the built-in `default` scenario when present. */
export function defaultIndex(entries: readonly CatalogEntry[]): number {
  const index = entries.findIndex((e) => e.builtin && e.arg === 'default');
  return index >= 0 ? index : 0;
}
