// The machines' statecharts as a report section: each machine drawn as SVG (reports/diagrams/svg.ts) with its
// Mermaid text folded underneath. Built once per process: the machines do not change while marketsim runs.
import { ALL_MODELS } from '../../machines/allModels.js';
import { mermaidStatechart } from '../diagrams/mermaid.js';
import { statechart } from '../diagrams/statechart.js';
import { svgStatechart } from '../diagrams/svg.js';
import { escapeHtml } from './format.js';

let cached: string | undefined;

/** The SVG and Mermaid of every machine (or of the named ones), as HTML. */
export function diagramsHtml(machines: readonly string[] = ALL_MODELS.map((m) => m.name)): string {
  const all = machines.length === ALL_MODELS.length;
  if (all && cached !== undefined) return cached;
  const html = ALL_MODELS.filter((m) => machines.includes(m.name))
    .map((model) => {
      const chart = statechart(model.name, model.machine);
      return [
        `<h3 id="machine-${escapeHtml(model.name)}">${escapeHtml(model.name)}</h3>`,
        `<div class="diagram">${svgStatechart(chart).svg}</div>`,
        `<details><summary>Mermaid</summary><pre>${escapeHtml(mermaidStatechart(chart))}</pre></details>`,
      ].join('\n');
    })
    .join('\n');
  if (all) cached = html;
  return html;
}
