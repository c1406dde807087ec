// A statechart as Mermaid `stateDiagram-v2` text: composite states nest, parallel regions are split by `--`,
// each transition is an arrow labelled `event [guard] RULE-1 RULE-2`, a targetless one is drawn as a self-loop
// (it stays in its state), a final state points to [*]. Pure; the same machines give the same bytes.
import { allStates, transitionLabel, type ChartState, type Statechart } from './statechart.js';

/** A Mermaid identifier for a state id: dots become double underscores (XState ids are dotted paths). */
export function mermaidId(stateId: string): string {
  return stateId.replace(/[^A-Za-z0-9_]/g, (c) => (c === '.' ? '__' : `_${c.charCodeAt(0).toString(16)}_`));
}

/** Mermaid ends a label at a newline and reads `;` and `#` specially: keep them out of the text. */
function labelText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[;#:]/g, ' ');
}

function stateBlock(state: ChartState, indent: string): string[] {
  const id = mermaidId(state.id);
  const name = labelText(state.key);
  if (state.children.length === 0) {
    return [`${indent}state "${name}" as ${id}`];
  }
  const inner = `${indent}  `;
  const body: string[] = [];
  if (state.kind === 'parallel') {
    state.children.forEach((region, i) => {
      if (i > 0) body.push(`${inner}--`);
      body.push(...stateBlock(region, inner));
    });
  } else {
    if (state.initial !== undefined) body.push(`${inner}[*] --> ${mermaidId(state.initial)}`);
    for (const child of state.children) body.push(...stateBlock(child, inner));
    for (const child of state.children) if (child.kind === 'final') body.push(`${inner}${mermaidId(child.id)} --> [*]`);
  }
  return [`${indent}state "${name}" as ${id} {`, ...body, `${indent}}`];
}

export function mermaidStatechart(chart: Statechart): string {
  const lines = [
    'stateDiagram-v2',
    `  %% ${chart.machine}: generated from the machine definition (states ${allStates(chart.root).length - 1}, transitions ${chart.transitions.length})`,
    ...stateBlock(chart.root, '  '),
  ];
  for (const t of chart.transitions) {
    const label = labelText(transitionLabel(t));
    const targets = t.targets.length > 0 ? t.targets : [t.source];
    for (const target of targets) lines.push(`  ${mermaidId(t.source)} --> ${mermaidId(target)} : ${label}`);
  }
  return `${lines.join('\n')}\n`;
}
