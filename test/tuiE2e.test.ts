// End to end: the real `marketsim tui` in a pseudo-terminal (util-linux `script`, present on any Debian),
// 80×24 with NO_COLOR: pick the default scenario, run it, read the summary and settlement tabs, quit.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'cli', 'marketsim.mjs');
const hasScript = spawnSync('script', ['--version']).status === 0;

/** The child's environment: colour off, and no CI markers (ink then draws only the last frame). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' };
  for (const key of Object.keys(env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  return env;
}

// Cursor moves, erases and other control sequences, so the stream reads as the text on screen.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]|\u001B\][^\u0007]*\u0007/g;
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001B\[(?:\d+;)*(?:3[0-7]|9[0-7]|38;5;\d+|4[0-7])m/;

describe.skipIf(!hasScript)('marketsim tui in a pseudo-terminal', () => {
  it('picks the default scenario, runs it, shows the summary and settlement tabs, and quits with 0', async () => {
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec node ${JSON.stringify(CLI)} tui`, '/dev/null'], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let raw = '';
    child.stdout.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let from = 0;
    /** Waits until the screen text written since the last step holds `text`; returns that text. */
    const screen = async (text: string | RegExp, ms = 90_000): Promise<string> => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const seen = raw.slice(from).replace(CONTROL, '');
        if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return seen;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`never saw ${String(text)}; screen since the last step:\n${raw.slice(from).replace(CONTROL, '')}`);
    };
    const key = async (keys: string) => {
      await new Promise((r) => setTimeout(r, 150));
      from = raw.length;
      child.stdin.write(keys);
    };
    try {
      await screen('Pick a scenario');
      expect(await screen('› default')).toContain('↑↓ move · enter pick · q quit');
      await key('\r');
      await screen(/Settings — default[\s\S]*seed\s+1/);
      await key('\r');
      const summary = await screen('[1 summary]');
      expect(summary).toMatch(/✓ 2024-01 base\s+\d+ events/);
      expect(summary).toContain('default · koogallery · seed 1 · 2024-01-01 → 2024-12-31');
      expect(summary).toContain('Monthly net settlement, yuan');
      await key('2');
      const settlement = await screen(/\[2 settlement\][\s\S]*rows 1–\d+ of \d+ · sorted by month ascending/);
      expect(settlement).toMatch(/month↑\s+merchant\s+lines\s+gross/);
      expect(settlement).toMatch(/2024-\d\d \S+\s+\d+\s+-?\d+\.\d\d/);
      await key('q');
      expect(await exited).toBe(0);
      expect(raw).not.toMatch(COLOUR);
    } finally {
      child.kill();
    }
  }, 150_000);

  it('outside a terminal `marketsim tui` exits 2 and points to `marketsim run`', () => {
    const result = spawnSync('node', [CLI, 'tui'], { cwd: ROOT, env: childEnv(), encoding: 'utf8', input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('marketsim run <scenario>');
    expect(result.stdout).toBe('');
  }, 60_000);
});
