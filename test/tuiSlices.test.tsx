// The TUI steps a run in slices of virtual time; the log and the files must be those of one `simulate`.
import { describe, expect, it } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { LogSpoolWriter, newLogSpool, readSpool } from '../cli/tui/logSpool.js';
import { runFiles } from '../runs/files.js';
import { simulate, startSimulation } from '../runs/run.js';

const HOUR = 60 * 60 * 1000;

function prepared(scenario: string) {
  const p = setupFromFlags(scenario, {});
  if (!p.ok) throw new Error(p.error.toString());
  return p;
}

describe('startSimulation stepped in slices', () => {
  for (const [scenario, sliceMs] of [['publishing-koogallery', HOUR], ['supervision-hardware', 7 * 24 * HOUR], ['delisting-tencent', 3 * HOUR]] as const) {
    it(`${scenario} in ${sliceMs / HOUR}h slices writes the bytes simulate writes`, () => {
      const { setup, options } = prepared(scenario);
      const whole = runFiles(simulate(setup, options));
      const started = startSimulation(setup, options);
      let slices = 0;
      while (started.engine.runUntil(started.engine.now + sliceMs)) slices++;
      started.engine.run();
      expect(slices).toBeGreaterThan(10);
      expect(runFiles(started.result())).toEqual(whole);
    });
  }
});

describe('the TUI keeps no log in memory', () => {
  it('a run screen job spools events.jsonl to disk as it runs: the result holds no entries, the spool holds exactly the log `marketsim run` writes', () => {
    const { setup, options } = prepared('supervision-types');
    const spool = new LogSpoolWriter(newLogSpool());
    const started = startSimulation(setup, { ...options, retainLog: false, onEntry: (entry) => spool.add(entry) });
    started.engine.run();
    spool.flush();
    const result = started.result();
    expect(result.entries).toHaveLength(0);
    expect(result.logRetained).toBe(false);
    const chunks: string[] = [];
    readSpool(spool.file, (text) => chunks.push(text), 4096); // small chunks: each is cut at a line end
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
    expect(chunks.join('')).toBe(runFiles(simulate(setup, options)).get('events.jsonl'));
  });
});
