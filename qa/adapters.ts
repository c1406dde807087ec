// Turns an --adapter value into a system under test: `builtin` (marketsim's machines), a JS/TS module file that
// exports reset/execute/observe, or an http(s) URL speaking the JSON protocol of docs/qa-protocol.md.
// Anything unusable is bad input, reported as one line before a single case runs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { builtinSystem } from './builtin.js';
import { issuesText, type CaseSetup, type Result, type StepInput, type SystemUnderTest } from './system.js';

export const PROTOCOL = 'marketsim-qa/1';

type Fn = (...args: never[]) => unknown;
const isFn = (value: unknown): value is Fn => typeof value === 'function';

/** A module's exports as a system: reset, execute and observe are required; supports and close are optional. */
export function systemFromExports(name: string, exports: Readonly<Record<string, unknown>>): Result<SystemUnderTest> {
  const source = isFn(exports.reset) ? exports : ((exports.default ?? {}) as Record<string, unknown>);
  const missing = ['reset', 'execute', 'observe'].filter((key) => !isFn(source[key]));
  if (missing.length > 0) return { ok: false, error: `adapter ${name}: exports no ${missing.join(', ')} function` };
  const call = (key: string, ...args: unknown[]) => (source[key] as (...a: unknown[]) => unknown)(...args);
  return {
    ok: true,
    value: {
      name,
      ...(isFn(source.supports) ? { supports: (setup: CaseSetup) => call('supports', setup) as boolean } : {}),
      reset: (setup) => call('reset', setup) as Promise<void>,
      execute: (step) => call('execute', step) as never,
      observe: () => call('observe') as never,
      ...(isFn(source.close) ? { close: () => call('close') as Promise<void> } : {}),
    },
  };
}

let tsLoader = false;

/**
 * Imports the adapter module. Run from source (vitest, tsx) TypeScript already loads; the CLI runs compiled
 * JavaScript, so there a TypeScript adapter is loaded through tsx's ESM hooks, registered before the first one
 * (a failed import cannot be retried: Node caches the failure). tsx is a development dependency of marketsim.
 */
async function importModule(file: string): Promise<Record<string, unknown>> {
  const fromSource = import.meta.url.endsWith('.ts');
  if (/\.[cm]?tsx?$/.test(file) && !fromSource && !tsLoader) {
    const tsx = await import('tsx/esm/api').catch(() => undefined);
    if (!tsx) throw new Error('a TypeScript adapter needs tsx installed (npm i -D tsx), or compile it to .js');
    tsx.register();
    tsLoader = true;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

async function moduleSystem(spec: string): Promise<Result<SystemUnderTest>> {
  const file = resolve(spec);
  if (!existsSync(file)) return { ok: false, error: `adapter ${spec}: no such file` };
  try {
    return systemFromExports(spec, await importModule(file));
  } catch (error) {
    return { ok: false, error: `adapter ${spec}: cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

const helloSchema = z.object({ protocol: z.literal(PROTOCOL), machines: z.array(z.string()).optional() });

/** One JSON request; a non-2xx status or a body that is not JSON is an error naming the route. */
async function request(base: URL, method: 'GET' | 'POST', route: string, timeoutMs: number, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(route, base), {
    method,
    signal: AbortSignal.timeout(timeoutMs),
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${method} ${route}: reply is not JSON: ${text.slice(0, 200)}`);
  }
}

const reason = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
};

async function httpSystem(spec: string, timeoutMs: number): Promise<Result<SystemUnderTest>> {
  const base = new URL(spec.endsWith('/') ? spec : `${spec}/`);
  let hello: unknown;
  try {
    hello = await request(base, 'GET', '.', timeoutMs);
  } catch (error) {
    return { ok: false, error: `adapter ${spec}: no reply to GET / (${reason(error)})` };
  }
  const parsed = helloSchema.safeParse(hello);
  if (!parsed.success) return { ok: false, error: `adapter ${spec}: GET / is not a ${PROTOCOL} hello (${issuesText(parsed.error)})` };
  const machines = parsed.data.machines;
  return {
    ok: true,
    value: {
      name: spec,
      supports: (setup) => machines === undefined || machines.includes(setup.machine),
      reset: async (setup) => void (await request(base, 'POST', 'reset', timeoutMs, setup)),
      execute: async (step: StepInput) => (await request(base, 'POST', 'events', timeoutMs, step)) as never,
      observe: async () => (await request(base, 'GET', 'state', timeoutMs)) as never,
    },
  };
}

/** `builtin`, an http(s) URL, or a module file. */
export async function openSystem(spec: string, options: { timeoutMs?: number } = {}): Promise<Result<SystemUnderTest>> {
  if (spec === 'builtin') return { ok: true, value: builtinSystem() };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    if (!/^https?:\/\//i.test(spec) || !URL.canParse(spec)) return { ok: false, error: `adapter ${spec}: expected an http:// or https:// URL` };
    return httpSystem(spec, options.timeoutMs ?? 10_000);
  }
  return moduleSystem(spec);
}
