// `marketsim diagram <machine|all>`: each machine as a statechart generated from its definition, as Mermaid text,
// SVG, or one HTML page. Without --out it prints (one machine's SVG, or any Mermaid/HTML); with --out it writes a
// file, or for `all` in mermaid/svg a directory with one file per machine.
import { join } from 'node:path';
import { ALL_MODELS } from '../machines/allModels.js';
import { mermaidStatechart } from '../reports/diagrams/mermaid.js';
import { statechart } from '../reports/diagrams/statechart.js';
import { svgStatechart } from '../reports/diagrams/svg.js';
import { diagramsHtml } from '../reports/html/diagramsSection.js';
import { pageHtml } from '../reports/html/page.js';
import { PAGE_MARK } from '../reports/html/page.js';
import { checkOutputFile, writeFileAtomic, type FileKind } from '../runs/output/file.js';
import { EXIT } from './exitCodes.js';
import type { Io } from './io.js';

export const DIAGRAM_FORMATS = ['mermaid', 'svg', 'html'] as const;
type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export interface DiagramFlags {
  readonly format?: string;
  readonly out?: string;
}

const EXTENSION: Record<DiagramFormat, string> = { mermaid: 'mmd', svg: 'svg', html: 'html' };

/** What `diagram --out` may replace: a diagram it wrote before, recognised by how each format begins. */
const DIAGRAM_FILE: Record<DiagramFormat, FileKind> = {
  mermaid: { what: 'a Mermaid statechart written by marketsim', isOurs: (head) => head.startsWith('stateDiagram-v2\n') },
  svg: { what: 'an SVG statechart written by marketsim', isOurs: (head) => head.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="statechart"') },
  html: { what: 'an HTML page written by marketsim', isOurs: (head) => head.includes(PAGE_MARK) },
};

/** The files to write (name → text) or, without --out, the one text to print; or the one line saying why not. */
export function diagramOutput(machine: string, flags: DiagramFlags): { ok: true; value: { files: Map<string, string>; kind: FileKind } } | { ok: false; error: string } {
  const format = (flags.format ?? 'mermaid') as DiagramFormat;
  if (!DIAGRAM_FORMATS.includes(format)) return { ok: false, error: `--format: ${JSON.stringify(flags.format)}: expected ${DIAGRAM_FORMATS.join(', ')}` };
  const known = ALL_MODELS.map((m) => m.name);
  if (machine !== 'all' && !known.includes(machine)) return { ok: false, error: `<machine>: ${JSON.stringify(machine)}: unknown machine (known: ${known.join(', ')}, or all)` };
  const models = ALL_MODELS.filter((m) => machine === 'all' || m.name === machine);
  const charts = models.map((m) => statechart(m.name, m.machine));
  const files = new Map<string, string>();
  if (format === 'html') {
    const names = charts.map((c) => c.machine);
    files.set(`statecharts.html`, pageHtml({ title: `marketsim statecharts: ${names.join(', ')}`, subtitle: [], contentsLabel: 'Contents', sections: [{ id: 'diagrams', title: 'State machines', body: diagramsHtml(names) }], charts: {} }));
  } else {
    for (const chart of charts) files.set(`${chart.machine}.${EXTENSION[format]}`, format === 'svg' ? svgStatechart(chart).svg : mermaidStatechart(chart));
  }
  if (flags.out === undefined && format === 'svg' && files.size > 1) return { ok: false, error: '--out: the SVG of every machine is one file each: give --out DIR' };
  return { ok: true, value: { files, kind: DIAGRAM_FILE[format] } };
}

export function diagramCommand(machine: string, flags: DiagramFlags, io: Io): number {
  const output = diagramOutput(machine, flags);
  if (!output.ok) {
    io.err(`marketsim: ${output.error}`);
    return EXIT.badInput;
  }
  const { files, kind } = output.value;
  if (flags.out === undefined) {
    io.out([...files.values()].join('\n').trimEnd());
    return EXIT.ok;
  }
  // One file (one machine, or the HTML page) goes to --out as named; several go into --out as a directory.
  const targets = files.size === 1 ? [[flags.out, [...files.values()][0]!] as const] : [...files].map(([name, text]) => [join(flags.out!, name), text] as const);
  // Every target is checked before the first write, so a refusal leaves nothing half written.
  for (const [path] of targets) {
    const checked = checkOutputFile(path, kind);
    if (!checked.ok) {
      io.err(`marketsim: ${checked.error}`);
      return EXIT.badInput;
    }
  }
  for (const [path, text] of targets) {
    const written = writeFileAtomic(path, text, kind);
    if (!written.ok) {
      io.err(`marketsim: ${written.error}`);
      return EXIT.badInput;
    }
  }
  io.out(`wrote ${targets.map(([path]) => path).join(', ')}`);
  return EXIT.ok;
}
