// Finds a scenario file: a path as given, or the name of a built-in scenario under scenarios/.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root: the nearest folder above this module with a package.json (the repo, from src or dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const BUILTIN_DIR = join(PACKAGE_ROOT, 'scenarios');

export function builtinScenarioFiles(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(BUILTIN_DIR, name));
}

/** The file to load for `arg`: an existing path, else a built-in by name ("default" → scenarios/default.yaml). */
export function resolveScenarioPath(arg: string): string {
  if (existsSync(arg)) return resolve(arg);
  for (const ext of ['.yaml', '.yml', '.json']) {
    const candidate = join(BUILTIN_DIR, `${arg}${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  return arg;
}
