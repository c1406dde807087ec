// The machines' statecharts as a report section: each machine drawn as SVG (reports/diagrams/svg.ts) with its
// Mermaid text folded underneath. Laid out once per build (scripts/prebuild-diagrams.mjs saves them beside this
// file; without that file, as under vitest, once per process): the machines do not change while marketsim runs.
import { readFileSync } from 'node:fs';
import { ALL_MODELS } from '../../machines/allModels.js';
import { mermaidStatechart } from '../diagrams/mermaid.js';
import { statechart } from '../diagrams/statechart.js';
import { svgStatechart } from '../diagrams/svg.js';
import { escapeHtml } from './format.js';

let cached: string | undefined;

/** Where the build saves every machine's diagrams, relative to this module. */
export const PREBUILT_DIAGRAMS_FILE = './diagrams.prebuilt.html';

/** The build's saved diagrams of every machine, or undefined when there are none (running from sources). */
function prebuilt(): string | undefined {
  try {
    return readFileSync(new URL(PREBUILT_DIAGRAMS_FILE, import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The SVG and Mermaid of every machine (or of the named ones), as HTML. `prebuilt: false` lays them out afresh
 * (the build step that saves them, and the test that compares).
 */
export function diagramsHtml(machines: readonly string[] = ALL_MODELS.map((m) => m.name), options: { readonly prebuilt?: boolean } = {}): string {
  const all = machines.length === ALL_MODELS.length;
  const usePrebuilt = options.prebuilt ?? true;
  if (all && usePrebuilt) cached ??= prebuilt();
  if (all && usePrebuilt && cached !== undefined) return cached;
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
  if (all && usePrebuilt) cached = html;
  return html;
}
