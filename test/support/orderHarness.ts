// Runs a scenario (a built-in file, optionally with its text edited) in-process and reads its money facts,
// merchant calls and order snapshots, for the ORD, REF, REN and INT rule tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderSnapshot } from '../../machines/orderRefusals.js';
import { parseScenarioText } from '../../scenarios/loader.js';
import type { LedgerParams, MerchantCallParams, ProductionInterfaceMessageParams } from '../../machines/contracts.js';
import type { LogEntry } from '../../sim/log/entry.js';
import { resolveRun, simulate, type RunResult } from '../../runs/run.js';

export const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

export function runText(text: string, file = 'test.yaml', sets: Record<string, unknown> = {}): RunResult {
  const loaded = parseScenarioText(text, file);
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const resolved = resolveRun(loaded.scenario, Object.keys(sets).length > 0 ? { sets } : {});
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return simulate(resolved.setup);
}

export function runBuiltIn(name: string, edit: (text: string) => string = (t) => t): RunResult {
  const file = join(SCENARIOS, `${name}.yaml`);
  return runText(edit(readFileSync(file, 'utf8')), file);
}

function effectsOf<P>(entries: readonly LogEntry[], type: string): { entry: LogEntry; params: P }[] {
  return entries.flatMap((entry) => (entry.effects ?? []).filter((e) => e.type === type).map((e) => ({ entry, params: e.params as unknown as P })));
}

export const ledger = (r: RunResult): LedgerParams[] => effectsOf<LedgerParams>(r.entries, 'ledger').map((e) => e.params);
export const calls = (r: RunResult) => effectsOf<MerchantCallParams>(r.entries, 'callMerchant');
export const interfaceMessages = (r: RunResult) => effectsOf<ProductionInterfaceMessageParams>(r.entries, 'productionInterfaceMessage');

export function order(r: RunResult, id: string): OrderSnapshot {
  const snapshot = r.engine.snapshot({ kind: 'order', id });
  if (!snapshot) throw new Error(`no order ${id}`);
  return snapshot as OrderSnapshot;
}

export function line(r: RunResult, entity: string, event: string, nth = 0): LogEntry {
  const found = r.entries.filter((e) => e.entity === entity && e.event === event)[nth];
  if (!found) throw new Error(`no ${event} #${nth} on ${entity}`);
  return found;
}

/** Epoch ms of a UTC+8 wall-clock time, written out independently of sim/time.ts. */
export const cst = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h - 8, mi);
