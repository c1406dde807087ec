// The whole TUI driven by keys: pick the default scenario, run it, read the results, export — and the
// exported files are byte for byte those `marketsim run` writes; cancelling a run writes nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { App } from '../cli/tui/App.js';
import { scenarioCatalog } from '../cli/tui/catalog.js';

const ENTER = '\r';
const DOWN = '\u001B[B';
const RIGHT = '\u001B[C';

/** Waits until the latest frame contains `text` (the run advances on timers, not synchronously). */
async function frameWith(lastFrame: () => string | undefined, text: string, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const frame = lastFrame() ?? '';
    if (frame.includes(text)) return frame;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no frame with "${text}"; last frame:\n${lastFrame()}`);
}

/** Types keys one at a time, pausing before each so a screen that just appeared has subscribed to input. */
const press = async (stdin: { write: (s: string) => void }, ...keys: string[]) => {
  for (const key of keys) {
    await new Promise((r) => setTimeout(r, 60));
    stdin.write(key);
  }
  await new Promise((r) => setTimeout(r, 60));
};

/** A small built-in scenario keeps these tests fast; the e2e test runs the (larger) default one. */
const SMALL = 'publishing-koogallery';

function app(outRoot: string, scenario: string) {
  return render(
    <App
      entries={scenarioCatalog().filter((e) => e.arg === scenario)}
      width={80}
      height={24}
      theme={{ colour: false }}
      now={() => performance.now()}
      outDir={(name) => join(outRoot, name)}
    />,
  );
}

describe('TUI app', () => {
  it('runs a scenario from the picker and exports exactly the files `marketsim run` writes', async () => {
    const outRoot = mkdtempSync(join(tmpdir(), 'tui-app-'));
    const { stdin, lastFrame } = app(outRoot, SMALL);
    await frameWith(lastFrame, `› ${SMALL}`);
    await press(stdin, ENTER);
    await frameWith(lastFrame, `Settings — ${SMALL}`);
    await press(stdin, ENTER);
    const results = await frameWith(lastFrame, '[1 summary]');
    expect(results).toMatch(/✓ 2024-03 base\s+\d+ events/);
    expect(results).toMatch(new RegExp(`${SMALL} · koogallery · seed \\S+ · 2024-03-01 → 2024-03-31`));
    await press(stdin, RIGHT);
    await frameWith(lastFrame, '[2 settlement]');
    await press(stdin, 'e');
    const exported = await frameWith(lastFrame, 'exported:');
    const tuiDir = join(outRoot, SMALL);
    expect(exported).toContain(join(tuiDir, 'events.jsonl'));

    const cliDir = join(outRoot, 'cli');
    const quiet = { out: () => {}, err: () => {} };
    await main(['run', SMALL, '--out', cliDir], quiet);
    const names = readdirSync(cliDir).sort();
    expect(readdirSync(tuiDir).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(tuiDir, name)), name).toEqual(readFileSync(join(cliDir, name)));
  });

  it('exports with the chosen CSV options and overrides, identical to `marketsim run` with the same flags', async () => {
    const outRoot = mkdtempSync(join(tmpdir(), 'tui-app-'));
    const { stdin, lastFrame } = app(outRoot, SMALL);
    await frameWith(lastFrame, `› ${SMALL}`);
    await press(stdin, ENTER);
    await frameWith(lastFrame, `Settings — ${SMALL}`);
    await press(stdin, DOWN, DOWN, 'hardwareAutoAcceptDelayMs=5d', ENTER, DOWN, DOWN, RIGHT, DOWN, RIGHT);
    // Language zh chosen: the form speaks Chinese from then on.
    await frameWith(lastFrame, '› Excel BOM   ‹ 是 ›');
    await press(stdin, ENTER);
    // lang zh: the results screens speak Chinese too.
    await frameWith(lastFrame, '[1 概览]');
    await press(stdin, 'e');
    await frameWith(lastFrame, '已导出：');
    const cliDir = join(outRoot, 'cli');
    const quiet = { out: () => {}, err: () => {} };
    await main(['run', SMALL, '--out', cliDir, '--set', 'hardwareAutoAcceptDelayMs=5d', '--lang', 'zh', '--excel'], quiet);
    const names = readdirSync(cliDir).sort();
    for (const name of names) expect(readFileSync(join(outRoot, SMALL, name)), name).toEqual(readFileSync(join(cliDir, name)));
  });

  it('q during a run cancels it, goes back to the settings and writes nothing', async () => {
    const outRoot = mkdtempSync(join(tmpdir(), 'tui-app-'));
    // The default scenario is a year of a generated market: long enough to be cancelled mid-run.
    const { stdin, lastFrame } = app(outRoot, 'default');
    await frameWith(lastFrame, '› default');
    await press(stdin, ENTER);
    await frameWith(lastFrame, 'Settings — default');
    await press(stdin, ENTER);
    await frameWith(lastFrame, 'Running base (1/1)');
    await press(stdin, 'q');
    const frame = await frameWith(lastFrame, 'run cancelled — nothing was written');
    expect(frame).toContain('Settings — default');
    expect(frame).not.toContain('[1 summary]');
    expect(existsSync(join(outRoot, 'default'))).toBe(false);
    expect(readdirSync(outRoot)).toEqual([]);
  });
});
