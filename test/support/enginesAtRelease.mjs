// Run by test/engineReleased.test.ts in a node of its own, on the built code (dist/): runs a scenario and, at the
// moment the run says it has let its engine go, takes a heap snapshot (V8 collects first) and counts the Engine
// objects still reachable. Prints {"engines": n, "settled": bool}. Modes:
//   yielding  simulateYielding, as `marketsim run` runs (the hook is RunOptions.onEngineReleased);
//   finish    startSimulation stepped in slices, then finish(hook), as the TUI runs;
//   result    control: the same run ended with result(), which keeps the engine, counted at the same point.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { setupFromFlags } from '../../dist/cli/flags.js';
import { simulateYielding, startSimulation } from '../../dist/runs/run.js';

const [mode, scenario] = process.argv.slice(2);
const prepared = setupFromFlags(scenario, {}, { lazyArrivals: true });
if (!prepared.ok) throw new Error(String(prepared.error));

let engines;
const count = () => {
  const file = writeHeapSnapshot(join(tmpdir(), `marketsim-engines-${process.pid}.heapsnapshot`));
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [type, name] = [fields.indexOf('type'), fields.indexOf('name')];
  engines = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[snapshot.nodes[i + type]] === 'object' && snapshot.strings[snapshot.nodes[i + name]] === 'Engine') engines++;
  }
};

let finished;
const options = { ...prepared.options, retainLog: false };
if (mode === 'yielding') finished = await simulateYielding(prepared.setup, { ...options, onEngineReleased: count });
else {
  const sim = startSimulation(prepared.setup, options);
  // Stepped from functions of their own, as the TUI's tick does: this frame never reads the engine.
  const step = (until) => sim.engine.runUntil(until);
  for (let until = prepared.setup.scenario.start; step(until); until += 86_400_000) await new Promise((resume) => setImmediate(resume));
  if (mode === 'finish') finished = sim.finish(count);
  else {
    const end = () => sim.engine.run();
    end();
    count();
    finished = sim.result();
  }
}
console.log(JSON.stringify({ engines, settled: finished.settled !== undefined }));
