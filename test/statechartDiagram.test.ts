// `marketsim diagram`: every state and every transition of every machine is in the Mermaid statechart and in the
// SVG, with its guard, timer and rule IDs; the oracle is the test-plan edge list (reports/testplans/edges.ts), a
// separate walk of the same definitions. Parallel states (PUB-6 change review beside DEL-3 delisting review) show
// as regions, timers (DEL-3 delistingReview, REN-2 expiry) by their named delay.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_MODELS } from '../machines/allModels.js';
import { mermaidStatechart } from '../reports/diagrams/mermaid.js';
import { statechart } from '../reports/diagrams/statechart.js';
import { svgStatechart } from '../reports/diagrams/svg.js';
import { stateIds, transitionEdges } from '../reports/testplans/edges.js';
import { main } from '../cli/main.js';
import { tempDir } from './support/cli.js';

const alias = (id: string) => id.split('.').join('__');
const AFTER = 'xstate.after.';

/** What the diagram must write on an edge for XState's event type: a timer by its delay's name. */
function eventShown(eventType: string, source: string): string {
  if (eventType === 'always') return 'always';
  if (eventType.startsWith(AFTER)) return `after ${eventType.slice(AFTER.length, eventType.length - source.length - 1)}`;
  return eventType;
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((n) => allNodes(n as AnyStateNode))];
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(ALL_MODELS.map((m) => [m.name, m] as const))('the %s statechart', (name, model) => {
  const chart = statechart(name, model.machine);
  const mermaid = mermaidStatechart(chart);
  const lines = mermaid.split('\n');

  it('declares every state of the machine', () => {
    const ids = stateIds(model.machine);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(mermaid, id).toContain(` as ${alias(id)}`);
  });

  it('draws every transition from its source to its target (a targetless one as a self-loop) with its event', () => {
    const edges = transitionEdges(model.machine);
    expect(edges.length).toBeGreaterThan(3);
    for (const edge of edges) {
      const [source, eventType, target] = edge.split('|') as [string, string, string];
      const targets = target === '' ? [source] : target.split('+');
      for (const t of targets) {
        const prefix = `  ${alias(source)} --> ${alias(t)} : ${eventShown(eventType, source)}`;
        expect(lines.some((l) => l === prefix || l.startsWith(`${prefix} `)), edge).toBe(true);
      }
    }
  });

  it('writes each transition\'s rule IDs and named guard on its arrow, one arrow per guarded alternative', () => {
    for (const node of allNodes(model.machine.root)) {
      const defs: [string, AnyTransitionDefinition][] = [...node.transitions].flatMap(([type, list]) => list.map((t) => [type, t] as [string, AnyTransitionDefinition]));
      for (const t of node.always ?? []) defs.push(['always', t]);
      for (const [type, t] of defs) {
        const rules = ((t as { meta?: { rules?: string[] } }).meta?.rules ?? []).join(' ');
        const target = t.target?.[0]?.id ?? node.id;
        const named = typeof t.guard === 'string' ? t.guard : undefined;
        const match = lines.filter((l) => l.startsWith(`  ${alias(node.id)} --> ${alias(target)} : ${eventShown(type, node.id)}`) && l.endsWith(rules) && (named === undefined || l.includes(`[${named}]`)));
        expect(match.length, `${node.id} ${type} → ${target}`).toBeGreaterThan(0);
      }
    }
    for (const rule of model.rules) expect(mermaid, rule).toMatch(new RegExp(`\\b${rule}\\b`));
  });

  it('draws every state and every targeted transition in the SVG', () => {
    const { svg } = svgStatechart(chart);
    for (const id of stateIds(model.machine)) expect(svg, id).toContain(`data-state="${id}"`);
    const targeted = chart.transitions.reduce((n, t) => n + t.targets.length, 0);
    const arrows = svg.match(/<path class="edge (event|timer|always)"/g) ?? [];
    expect(arrows.length).toBe(targeted);
    const internal = chart.transitions.filter((t) => t.targets.length === 0).length;
    expect((svg.match(/class="internal"[^>]*>↻ /g) ?? []).length).toBe(internal);
  });
});

describe('layout', () => {
  it('draws a machine the same whatever was drawn before it in the process (dagre keeps counters)', () => {
    const order = ALL_MODELS.find((m) => m.name === 'order')!;
    const first = svgStatechart(statechart('order', order.machine)).svg;
    for (const m of ALL_MODELS) svgStatechart(statechart(m.name, m.machine));
    expect(svgStatechart(statechart('order', order.machine)).svg).toBe(first);
  });
});

describe('parallel states and timers', () => {
  it('splits the listed product\'s regions (PUB-6 change review, DEL-3 delisting review) with --', () => {
    const mermaid = mermaidStatechart(statechart('product', ALL_MODELS.find((m) => m.name === 'product')!.machine));
    expect(mermaid).toMatch(/state "listed" as product__listed \{\n\s+state "change"[\s\S]*?\n\s+--\n\s+state "delisting"/);
    expect(mermaid).toContain('product__listed__delisting__underReview --> product__delisted : after delistingReview [delistingRequestAcceptable] DEL-3 DEL-4');
  });
});

/** The real command line, in process (the same program `marketsim` runs), capturing what it prints. */
async function marketsim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('marketsim diagram', () => {
  it('prints Mermaid for one machine, writes SVG per machine into a directory and one HTML page', async () => {
    const printed = await marketsim(['diagram', 'order']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^stateDiagram-v2\n/);
    expect(printed.stdout).toContain('REN-2');
    const dir = tempDir('marketsim-diagram-');
    dirs.push(dir);
    const svg = await marketsim(['diagram', 'all', '--format', 'svg', '--out', join(dir, 'svg')]);
    expect(svg.code, svg.stderr).toBe(0);
    for (const m of ALL_MODELS) expect(readFileSync(join(dir, 'svg', `${m.name}.svg`), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const html = await marketsim(['diagram', 'all', '--format', 'html', '--out', join(dir, 'machines.html')]);
    expect(html.code, html.stderr).toBe(0);
    expect((readFileSync(join(dir, 'machines.html'), 'utf8').match(/<svg /g) ?? []).length).toBe(ALL_MODELS.length);
  });

  it('refuses an unknown machine or format with one line and exit 2, writing nothing', async () => {
    const dir = tempDir('marketsim-diagram-');
    dirs.push(dir);
    const unknown = await marketsim(['diagram', 'invoice', '--out', join(dir, 'x.mmd')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('unknown machine');
    const format = await marketsim(['diagram', 'order', '--format', 'png', '--out', join(dir, 'x.png')]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format');
    expect(existsSync(join(dir, 'x.mmd')) || existsSync(join(dir, 'x.png'))).toBe(false);
  });
});
