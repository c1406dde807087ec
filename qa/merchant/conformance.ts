// Conformance mode (`marketsim check --merchant URL`): marketsim plays the marketplace, runs every probe against
// the merchant's real endpoints and reports, by rule ID, what the merchant breaks: no reply, too slow, wrong status
// (HTTP status or resultCode), wrong reply (fields the call fixes), not idempotent (a repeat answered differently),
// and for the calls a merchant makes to the marketplace (License activation): missing call, wrong call.
import { isDeepStrictEqual } from 'node:util';
import { xmlText } from '../junit.js';
import { callEndpoint, type CallOutcome } from './client.js';
import { startMarketplaceApi, type MarketplaceApi } from './marketplaceApi.js';
import { PROBES, type CallSpec, type Probe, type ProbeContext } from './probes.js';

export type Problem = 'no reply' | 'too slow' | 'wrong status' | 'wrong reply' | 'not idempotent' | 'missing call' | 'wrong call';

export interface Finding {
  readonly probe: string;
  readonly rules: readonly string[];
  readonly endpoint: string;
  readonly what: string;
  readonly attempt: number;
  readonly problem: Problem;
  readonly detail: string;
}

export interface ProbeResult {
  readonly probe: Probe;
  readonly calls: number;
  readonly findings: readonly Finding[];
}

export interface ConformanceReport {
  readonly url: string;
  readonly probes: readonly ProbeResult[];
  /** Rule IDs with at least one finding, sorted. */
  readonly broken: readonly string[];
  readonly ms: number;
}

/** The marketplace's success code in a merchant reply. */
export const SUCCESS = '000000';

/** Fields a repeated call must answer the same way (INT-1): the outcome, never timestamps or request ids. */
const STABLE = ['resultCode', 'instanceId', 'validUntil', 'status'] as const;

function stable(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(STABLE.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}

type Judged = { ok: true; body: Readonly<Record<string, unknown>> } | { ok: false; error: Problem; detail: string };

function judge(outcome: CallOutcome, spec: CallSpec): Judged {
  if (outcome.kind === 'noReply') return { ok: false, error: 'no reply', detail: outcome.error };
  if (outcome.kind === 'tooSlow') return { ok: false, error: 'too slow', detail: `no reply within ${outcome.timeoutMs} ms` };
  if (outcome.status !== 200 || !outcome.body || outcome.body.resultCode !== SUCCESS) {
    const code = outcome.body ? `resultCode ${JSON.stringify(outcome.body.resultCode)}` : `body ${JSON.stringify(outcome.text.slice(0, 80))}`;
    return { ok: false, error: 'wrong status', detail: `HTTP ${outcome.status}, ${code} (expected 200 and resultCode "${SUCCESS}")` };
  }
  const wrong = Object.entries(spec.expect ?? {}).filter(([key, value]) => !isDeepStrictEqual(outcome.body![key], value));
  const absent = (spec.present ?? []).filter((key) => outcome.body![key] === undefined);
  if (wrong.length > 0 || absent.length > 0) {
    const parts = [...wrong.map(([key, value]) => `${key} ${JSON.stringify(outcome.body![key])}, expected ${JSON.stringify(value)}`), ...absent.map((key) => `no ${key}`)];
    return { ok: false, error: 'wrong reply', detail: parts.join('; ') };
  }
  return { ok: true, body: outcome.body };
}

async function runProbe(probe: Probe, url: string, timeoutMs: number, api: MarketplaceApi): Promise<ProbeResult> {
  const findings: Finding[] = [];
  let calls = 0;
  const ctx: ProbeContext = {
    activationUrl: api.activationUrl,
    activation: (orderId) => api.activation(orderId, timeoutMs),
    report: (finding) => void findings.push({ probe: probe.id, attempt: 1, ...finding }),
    async call(spec: CallSpec) {
      let first: Readonly<Record<string, unknown>> | undefined;
      let failedFirst = false;
      for (let attempt = 1; attempt <= (spec.attempts ?? 2); attempt++) {
        calls++;
        const judged = judge(await callEndpoint(url, spec.endpoint, spec.body, timeoutMs), spec);
        const base = { probe: probe.id, rules: spec.rules, endpoint: spec.endpoint, what: spec.what, attempt };
        if (!judged.ok) {
          // A repeat failing after a first success is the idempotency failure, whatever the symptom.
          const repeatBroke = attempt > 1 && !failedFirst && judged.error !== 'too slow' && judged.error !== 'no reply';
          findings.push({ ...base, problem: repeatBroke ? 'not idempotent' : judged.error, detail: repeatBroke ? `repeat: ${judged.error}: ${judged.detail}` : judged.detail });
          if (attempt === 1) failedFirst = true;
          // Without a reply the merchant's view is unknown; further repeats would only say so again.
          if (judged.error === 'no reply' || judged.error === 'too slow') break;
          continue;
        }
        if (first === undefined) first = judged.body;
        else if (!isDeepStrictEqual(stable(judged.body), stable(first))) {
          findings.push({ ...base, problem: 'not idempotent', detail: `repeat answered ${JSON.stringify(stable(judged.body))}, first ${JSON.stringify(stable(first))}` });
        }
      }
      return failedFirst ? undefined : first;
    },
  };
  await probe.run(ctx);
  return { probe, calls, findings };
}

export async function checkMerchant(url: string, options: { timeoutMs: number; probes?: readonly Probe[] }): Promise<ConformanceReport> {
  const started = performance.now();
  const probes: ProbeResult[] = [];
  const api = await startMarketplaceApi();
  try {
    for (const probe of options.probes ?? PROBES) probes.push(await runProbe(probe, url, options.timeoutMs, api));
  } finally {
    await api.stop();
  }
  const broken = [...new Set(probes.flatMap((p) => p.findings.flatMap((f) => f.rules)))].sort();
  return { url, probes, broken, ms: performance.now() - started };
}

export function findingText(f: Finding): string {
  return `[${f.rules.join(', ')}] ${f.endpoint} (${f.what}), attempt ${f.attempt}: ${f.problem} — ${f.detail}`;
}

export function conformanceLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const result of report.probes) {
    lines.push(`${result.findings.length === 0 ? 'ok  ' : 'FAIL'} ${result.probe.title} (${result.calls} calls)`);
    for (const f of result.findings) lines.push(`     ${findingText(f)}`);
  }
  const calls = report.probes.reduce((n, p) => n + p.calls, 0);
  lines.push(
    report.broken.length === 0
      ? `merchant ${report.url}: ${report.probes.length} probes, ${calls} calls, no rule broken (${(report.ms / 1000).toFixed(1)} s)`
      : `merchant ${report.url}: breaks ${report.broken.join(', ')} (${report.probes.length} probes, ${calls} calls, ${(report.ms / 1000).toFixed(1)} s)`,
  );
  return lines;
}

export function conformanceJunit(report: ConformanceReport): string {
  const failed = report.probes.filter((p) => p.findings.length > 0).length;
  const cases = report.probes.map((p) => {
    const open = `    <testcase classname="marketsim.merchant" name="${xmlText(`${p.probe.id} ${p.probe.title}`)}"`;
    if (p.findings.length === 0) return `${open}/>`;
    const first = p.findings[0]!;
    return `${open}>\n      <failure message="${xmlText(`${first.rules.join(', ')}: ${first.problem}`)}" type="${xmlText(first.problem)}">${xmlText(p.findings.map(findingText).join('\n'))}</failure>\n    </testcase>`;
  });
  const attrs = `tests="${report.probes.length}" failures="${failed}" errors="0" skipped="0" time="${(report.ms / 1000).toFixed(3)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="marketsim merchant conformance" ${attrs}>\n  <testsuite name="merchant" ${attrs}>\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
