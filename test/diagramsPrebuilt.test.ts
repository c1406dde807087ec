// The build lays out the machines' statecharts once and saves them (scripts/prebuild-diagrams.mjs); report.html
// reads that file instead of laying them out on every run. It must be exactly what a fresh layout of today's
// machines gives, or a report would show a stale chart.
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { diagramsHtml } from '../reports/html/diagramsSection.js';
import { marketsim, tempDir } from './support/cli.js';
import { join } from 'node:path';

const SAVED = new URL('../dist/reports/html/diagrams.prebuilt.html', import.meta.url);

test('the diagrams saved by the build equal a fresh layout of every machine, and report.html carries them', () => {
  expect(existsSync(SAVED), 'dist/ has no saved diagrams: run `npm run build`').toBe(true);
  const fresh = diagramsHtml(undefined, { prebuilt: false });
  expect(fresh).toContain('<svg');
  expect(readFileSync(SAVED, 'utf8')).toBe(fresh);
  const out = join(tempDir(), 'run');
  expect(marketsim(['run', 'market-tiny', '--out', out]).code).toBe(0);
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(fresh);
});
