// A statechart drawn as SVG without a browser: the layout comes from dagre (@dagrejs/dagre, Sugiyama layering with
// compound clusters; synchronous, no DOM), the drawing from here. Composite states are clusters with a title box,
// parallel regions are dashed clusters side by side, a timer's arrow is dashed, an internal (targetless) transition
// is listed inside its state box as UML writes it. Text width is estimated for a monospace font, so the same
// machines give the same bytes on every machine.
import dagre from '@dagrejs/dagre';
import { allStates, transitionLabel, type ChartState, type ChartTransition, type Statechart } from './statechart.js';

const CHAR_W = 7.2;
const LINE_H = 15;
const PAD = 8;
const WRAP = 44;

interface Box {
  readonly lines: readonly string[];
  readonly width: number;
  readonly height: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Splits a label into lines of at most WRAP characters at spaces (a longer word keeps its own line). */
export function wrap(text: string, width = WRAP): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function box(lines: readonly string[], minWidth = 0): Box {
  const chars = Math.max(...lines.map((l) => [...l].length));
  return { lines, width: Math.max(minWidth, Math.ceil(chars * CHAR_W) + 2 * PAD), height: lines.length * LINE_H + 2 * PAD - 4 };
}

function edgeLines(t: ChartTransition): string[] {
  const head = [t.event, t.guard !== undefined ? `[${t.guard}]` : ''].filter(Boolean).join(' ');
  return [...wrap(head), ...(t.rules.length > 0 ? wrap(t.rules.join(' ')) : [])];
}

const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/** The node an arrow to or from a state attaches to: a composite state's title box, else the state itself. */
function anchor(state: ChartState): string {
  return state.children.length > 0 ? `${state.id}#title` : state.id;
}

interface Drawn {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export function svgStatechart(chart: Statechart): Drawn {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 14, marginx: 12, marginy: 12 });
  const states = allStates(chart.root);
  const byId = new Map(states.map((s) => [s.id, s]));
  const internal = new Map<string, ChartTransition[]>();
  for (const t of chart.transitions) if (t.targets.length === 0) internal.set(t.source, [...(internal.get(t.source) ?? []), t]);
  const boxes = new Map<string, Box & { kind: string; state: ChartState }>();
  const parentOf = new Map<string, string>();

  const addState = (state: ChartState, parent: string | undefined): void => {
    const inner = (internal.get(state.id) ?? []).flatMap((t) => wrap(`${transitionLabel(t)}`, WRAP + 8).map((l, i) => (i === 0 ? `↻ ${l}` : `  ${l}`)));
    const lines = [state.key, ...inner];
    if (state.children.length === 0) {
      const b = box(lines, 64);
      g.setNode(state.id, { width: b.width, height: b.height });
      boxes.set(state.id, { ...b, kind: state.kind, state });
      if (parent !== undefined) g.setParent(state.id, parent);
      return;
    }
    g.setNode(state.id, { paddingTop: 8 });
    if (parent !== undefined) g.setParent(state.id, parent);
    parentOf.set(state.id, parent ?? '');
    const title = `${state.id}#title`;
    const b = box(lines, 64);
    g.setNode(title, { width: b.width, height: b.height });
    g.setParent(title, state.id);
    boxes.set(title, { ...b, kind: state.kind === 'parallel' ? 'title-parallel' : 'title', state });
    if (state.initial !== undefined) {
      const dot = `${state.id}#initial`;
      g.setNode(dot, { width: 14, height: 14 });
      g.setParent(dot, state.id);
      boxes.set(dot, { lines: [], width: 14, height: 14, kind: 'initial', state });
      g.setEdge(dot, anchor(byId.get(state.initial)!), { width: 0, height: 0, kind: 'initial' }, `${dot}>`);
      g.setEdge(title, dot, { width: 0, height: 0, minlen: 1, kind: 'invisible' }, `${title}>init`);
    }
    for (const child of state.children) addState(child, state.id);
    if (state.kind === 'parallel') for (const region of state.children) g.setEdge(title, anchor(region), { kind: 'invisible' }, `${title}>${region.id}`);
  };
  addState(chart.root, undefined);

  chart.transitions.forEach((t, i) => {
    for (const target of t.targets) {
      const lines = edgeLines(t);
      const b = box(lines);
      const from = anchor(byId.get(t.source)!);
      const to = anchor(byId.get(target)!);
      g.setEdge(from, to, { width: b.width, height: b.height, labelpos: 'c', lines, kind: t.delay !== undefined ? 'timer' : t.event === 'always' ? 'always' : 'event' }, `t${i}>${target}`);
    }
  });
  dagre.layout(g);
  return draw(g, boxes, parentOf, chart);
}

type Layout = InstanceType<typeof dagre.graphlib.Graph>;

function draw(g: Layout, boxes: Map<string, Box & { kind: string; state: ChartState }>, parentOf: Map<string, string>, chart: Statechart): Drawn {
  const graph = g.graph() as { width?: number; height?: number };
  const width = Math.ceil(graph.width ?? 0);
  const height = Math.ceil(graph.height ?? 0);
  const out: string[] = [];
  const depth = (id: string): number => (parentOf.get(id) ? 1 + depth(parentOf.get(id)!) : 0);
  // Clusters outermost first, so an inner one is painted over its parent.
  for (const id of [...parentOf.keys()].sort((a, b) => depth(a) - depth(b))) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    const parent = parentOf.get(id);
    const region = parent ? boxes.get(`${parent}#title`)?.state.kind === 'parallel' : false;
    out.push(`<rect class="cluster${region ? ' region' : ''}" data-state="${escapeXml(id)}" x="${round(n.x - n.width / 2)}" y="${round(n.y - n.height / 2)}" width="${round(n.width)}" height="${round(n.height)}" rx="10"/>`);
  }
  for (const e of g.edges()) {
    const label = g.edge(e) as { points?: { x: number; y: number }[]; kind?: string; lines?: string[]; x?: number; y?: number; width?: number; height?: number };
    if (label.kind === 'invisible') continue;
    const pts = label.points ?? [];
    const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
    out.push(`<path class="edge ${label.kind ?? 'event'}" d="${d}" marker-end="url(#arrow-${escapeXml(chart.machine)})"/>`);
    if (label.lines && label.x !== undefined && label.y !== undefined) {
      const x0 = label.x - (label.width ?? 0) / 2;
      const y0 = label.y - (label.height ?? 0) / 2;
      out.push(`<rect class="edge-label" x="${round(x0)}" y="${round(y0)}" width="${round(label.width ?? 0)}" height="${round(label.height ?? 0)}" rx="3"/>`);
      label.lines.forEach((line, i) => out.push(`<text class="${i === 0 ? 'event-name' : 'edge-text'}" x="${round(x0 + PAD)}" y="${round(y0 + PAD + 10 + i * LINE_H)}">${escapeXml(line)}</text>`));
    }
  }
  for (const [id, b] of boxes) {
    const n = g.node(id) as { x: number; y: number };
    const x = n.x - b.width / 2;
    const y = n.y - b.height / 2;
    if (b.kind === 'initial') {
      out.push(`<circle class="initial-dot" cx="${round(n.x)}" cy="${round(n.y)}" r="6"/>`);
      continue;
    }
    out.push(`<g class="state ${b.kind}" data-state="${escapeXml(b.state.id)}">`);
    out.push(`<rect x="${round(x)}" y="${round(y)}" width="${round(b.width)}" height="${round(b.height)}" rx="${b.kind.startsWith('title') ? 4 : 8}"/>`);
    if (b.kind === 'final') out.push(`<rect class="final-inner" x="${round(x + 3)}" y="${round(y + 3)}" width="${round(b.width - 6)}" height="${round(b.height - 6)}" rx="6"/>`);
    b.lines.forEach((line, i) => out.push(`<text class="${i === 0 ? 'state-name' : 'internal'}" x="${round(x + PAD)}" y="${round(y + PAD + 10 + i * LINE_H)}">${escapeXml(line)}</text>`));
    out.push('</g>');
  }
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="statechart" data-machine="${escapeXml(chart.machine)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(chart.machine)} statechart">`,
    `<defs><marker id="arrow-${escapeXml(chart.machine)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    `<style>${SVG_STYLE}</style>`,
    ...out,
    '</svg>',
  ].join('\n');
  return { svg: `${svg}\n`, width, height };
}

const SVG_STYLE = [
  'text{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px;fill:#1f2933}',
  '.cluster{fill:#f4f7fb;stroke:#7b8794;stroke-width:1}',
  '.cluster.region{fill:#fff;stroke-dasharray:5 4}',
  '.state rect{fill:#fff;stroke:#3e4c59;stroke-width:1.2}',
  '.state.title rect,.state.title-parallel rect{fill:#e4ecf7}',
  '.state.final rect{stroke-width:1.2}',
  '.state-name{font-weight:bold}',
  '.internal{fill:#52606d;font-size:11px}',
  '.edge{fill:none;stroke:#52606d;stroke-width:1.2}',
  '.edge.timer{stroke:#b44d12;stroke-dasharray:6 3}',
  '.edge.always{stroke:#7b8794;stroke-dasharray:2 3}',
  '.edge.initial{stroke:#1f2933}',
  '.edge-label{fill:#fffdf5;stroke:#d9d3bd;stroke-width:.6}',
  '.event-name{font-weight:bold;font-size:11px}',
  '.edge-text{font-size:11px;fill:#3e4c59}',
  '.initial-dot{fill:#1f2933}',
  'marker path{fill:#52606d}',
].join('');
