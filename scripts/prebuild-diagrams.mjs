// Build step: lays out every machine's statechart once (dagre takes ~0.35 s, a third of a small run) and saves the
// HTML beside the compiled section, which reads it instead of laying them out again on every run. The machines are
// compiled code, so the layout changes only when the build does; test/diagramsPrebuilt.test.ts checks the file
// equals a fresh layout.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const section = new URL('../dist/reports/html/diagramsSection.js', import.meta.url);
const { diagramsHtml, PREBUILT_DIAGRAMS_FILE } = await import(section.href);
writeFileSync(fileURLToPath(new URL(PREBUILT_DIAGRAMS_FILE, section)), diagramsHtml(undefined, { prebuilt: false }));
