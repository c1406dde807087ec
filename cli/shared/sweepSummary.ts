// The summary a sweep prints (`sweep`, `sweep merge`): counts, failing checks, the first failing seeds with their
// replay commands, and where the files went.
import type { SweepReport } from '../../runs/sweep/sweep.js';

/** Failing seeds printed in full; the rest are in sweep.json. */
const PRINTED_FAILURES = 20;

export function summaryText(report: SweepReport, run: { how: string; seconds?: number; outDir: string }): string {
  const lines = [
    `sweep ${report.scenario} · ${report.seeds.count} seeds (${report.seeds.given}${report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : ''})` +
      `${report.swarm ? ' · swarm' : ''} · ${run.how}${run.seconds === undefined ? '' : ` · ${run.seconds.toFixed(1)}s`}`,
    `${report.clean} clean, ${report.failing} failing${report.crashed ? `, ${report.crashed} crashed` : ''}` +
      (Object.keys(report.byCheck).length > 0 ? `: ${Object.entries(report.byCheck).map(([check, n]) => `${check} ×${n}`).join(', ')}` : ''),
  ];
  for (const outcome of report.failures.slice(0, PRINTED_FAILURES)) {
    const what = outcome.error ?? `${outcome.first?.check} [${outcome.first?.rules.join(',')}] ${outcome.first?.entity}: ${outcome.first?.message}`;
    lines.push(`  seed ${outcome.seed}: ${what}`, `    replay: ${outcome.replay}`);
  }
  if (report.failures.length > PRINTED_FAILURES) lines.push(`  … ${report.failures.length - PRINTED_FAILURES} more in sweep.json`);
  lines.push(`wrote ${run.outDir}: sweep.json, sweep-seeds.csv, sweep-distribution.csv, report.html`);
  return lines.join('\n');
}
