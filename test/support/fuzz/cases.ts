// The fuzz suite's cases, drawn from a seed: mutated scenario files (from the built-in scenarios: byte flips,
// truncation, wrong types, huge/zero/negative numbers, unknown references, alias bombs, long strings, control
// characters, keys twice), bad flags, and corrupted run folders for `settle` and `diff`. Same seed, same cases.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { Rng } from '../../../sim/rng.js';

/** A case: files to write into a fresh folder, then `marketsim` argv with `{dir}` standing for that folder. */
export interface FuzzCase {
  readonly id: string;
  readonly kind: 'scenario' | 'flags' | 'runFolder';
  /** What was done to the input, for the report. */
  readonly mutation: string;
  readonly files: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
  /** For `runFolder` cases: how to damage the saved run(s) at `{dir}/run` (and `{dir}/run-b`) before the command. */
  readonly corrupt?: readonly Corruption[];
}

export interface Corruption {
  readonly folder: 'run' | 'run-b';
  readonly file: string;
  readonly how: 'truncate' | 'flipBytes' | 'delete' | 'empty' | 'garbage' | 'duplicateLine' | 'dropLine' | 'editNumber' | 'directory';
  readonly at: number;
}

const SCENARIO_DIR = join(import.meta.dirname, '..', '..', '..', 'scenarios');
/** Generated markets that take seconds to run are left out of the corpus (their population is mutated via market-tiny). */
const SLOW = new Set(['default.yaml', 'market-large.yaml', 'market-tencent.yaml']);

export function corpus(): { name: string; text: string }[] {
  const names = [
    'market-tiny', 'orders-availability', 'orders-availability-tencent', 'usage-disk-swap', 'refunds-five-day-tencent',
    'supervision-orders', 'refunds-not-yet-effective-koogallery', 'renewal-expiry-calls', 'renewal-auto-renew',
    'supervision-hardware', 'supervision-appeal', 'supervision-validity', 'delisting-tencent', 'supervision-types',
    'supervision-license', 'publishing-koogallery', 'enterprise-koogallery',
  ];
  return names
    .map((name) => `${name}.yaml`)
    .filter((file) => !SLOW.has(basename(file)))
    .map((file) => ({ name: file, text: readFileSync(join(SCENARIO_DIR, file), 'utf8') }));
}

const HUGE = [0, -1, -0.5, 0.5, 2 ** 53, 2 ** 53 + 2, 1e20, -1e20, 1e308, 99_999_999_999, 2 ** 31, '.inf', '.nan'];
const CONTROL = ['\u001b[2J', '\u001b]0;x\u0007', '\r', '\u0000', '\u202e', '\ufeff', '\n', '\t', '\u0085'];
const REF_KEYS = new Set(['product', 'buyer', 'merchant', 'spec', 'order', 'supervision', 'enterprise', 'toProduct', 'toSpec', 'privateLink', 'subUser', 'member', 'department']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a leaf (or, with `containers`, to any node) of a parsed document. */
function paths(node: Json, containers = false, at: Path = [], out: Path[] = []): Path[] {
  if (node !== null && typeof node === 'object') {
    if (containers && at.length > 0) out.push(at);
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (const [key, value] of entries) paths(value, containers, [...at, key], out);
  } else {
    out.push(at);
  }
  return out;
}

function setAt(root: Json, path: Path, value: Json | undefined): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

function getAt(root: Json, path: Path): Json {
  let node: Json = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

/** Structured mutations: parse the YAML, change one thing, write it back as YAML or JSON. */
const STRUCTURED: Readonly<Record<string, (doc: Json, rng: Rng) => string | undefined>> = {
  wrongType: (doc, rng) => {
    const path = rng.pick(paths(doc, true));
    const value = rng.pick<Json>(['text', 7, -3, true, null, [], {}, [1, 'a'], { x: 1 }]);
    setAt(doc, path, value);
    return `${path.join('.')} = ${JSON.stringify(value)}`;
  },
  number: (doc, rng) => {
    const numeric = paths(doc).filter((p) => typeof getAt(doc, p) === 'number' || /Ms$|Fen$|^\d+$/.test(String(p[p.length - 1])));
    if (numeric.length === 0) return undefined;
    const path = rng.pick(numeric);
    const value = rng.pick(HUGE);
    setAt(doc, path, value as Json);
    return `${path.join('.')} = ${value}`;
  },
  unknownReference: (doc, rng) => {
    const refs = paths(doc).filter((p) => REF_KEYS.has(String(p[p.length - 1])) || p.includes('coupons') || p.includes('apps'));
    if (refs.length === 0) return undefined;
    const path = rng.pick(refs);
    setAt(doc, path, 'ghost-1');
    return `${path.join('.')} = ghost-1`;
  },
  longString: (doc, rng) => {
    const strings = paths(doc).filter((p) => typeof getAt(doc, p) === 'string');
    const path = rng.pick(strings.length > 0 ? strings : [['name']]);
    const length = rng.pick([65, 201, 300, 10_001, 200_000]);
    setAt(doc, path, 'x'.repeat(length));
    return `${path.join('.')} = ${length} characters`;
  },
  controlChars: (doc, rng) => {
    const strings = paths(doc).filter((p) => typeof getAt(doc, p) === 'string' || typeof p[p.length - 1] === 'string');
    const path = rng.pick(strings);
    const text = `${rng.pick(CONTROL)}${String(getAt(doc, path))}${rng.pick(CONTROL)}`;
    if (rng.chance({ numerator: 1, denominator: 2 })) {
      setAt(doc, path, text); // in a value
    } else {
      const parent = getAt(doc, path.slice(0, -1));
      if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) setAt(doc, path, text);
      else (parent as Record<string, Json>)[text] = 1; // as a key
    }
    return `${path.join('.')} with control characters`;
  },
  deleteField: (doc, rng) => {
    const path = rng.pick(paths(doc, true));
    setAt(doc, path, undefined);
    return `delete ${path.join('.')}`;
  },
  reverseWindow: (doc, rng) => {
    const times = paths(doc).filter((p) => ['at', 'start', 'end', 'from', 'to', 'orderedAt'].includes(String(p[p.length - 1])));
    if (times.length === 0) return undefined;
    const path = rng.pick(times);
    const value = rng.pick(['1969-12-31', '2199-12-31T23:59', '9999-12-31', '2024-02-30', '2024-01-01T24:00', 'soon', '2023-01-01']);
    setAt(doc, path, value);
    return `${path.join('.')} = ${value}`;
  },
  stretch: (doc, rng) => {
    // A longer run and a shorter billing unit: valid runs that bill many more hourly steps (bounded by the loader).
    const end = rng.pick(['2025-06-30', '2026-01-01', '2033-12-31']);
    const rules = { ...((doc as Record<string, Json>).rules as object) } as Record<string, Json>;
    rules.billingHourMs = rng.pick(['1m', '10m', '1h']);
    Object.assign(doc as object, { end, rules });
    return `end = ${end}, billingHourMs = ${String(rules.billingHourMs)}`;
  },
  population: (doc, rng) => {
    const population = { merchants: 2, buyers: 20, ordersPerMonth: 15, ...((doc as Record<string, Json>).population as object) } as Record<string, Json>;
    const field = rng.pick(['merchants', 'buyers', 'ordersPerMonth', 'deliveryMix', 'productsPerMerchant', 'priceFen', 'acceptanceDelayMs', 'merchantOutages', 'hourlyShare']);
    const value = rng.pick<Json>([0, -1, 1e9, { saas: 0 }, { min: 5, max: 1 }, { min: 0, max: 0 }, '0m', '1/0', '2/1', { share: '1/1', maxDurationMs: '400d' }, { numerator: 1, denominator: 0 }]);
    population[field] = value;
    (doc as Record<string, Json>).population = population;
    return `population.${field} = ${JSON.stringify(value)}`;
  },
  rules: (doc, rng) => {
    const name = rng.pick(['billingHourMs', 'productExpiredRetryIntervalMs', 'productExpiredRetryWindowMs', 'settlementUtcOffsetMinutes', 'licenseAuthCodeNewFlowFrom', 'businessCalendar', 'delistReviewBusinessDaysMax', 'trialPeriodMs', 'autoRenewLeadMs', 'commissionBasisPoints', '__proto__', 'constructor']);
    const value = rng.pick<Json>([0, -1, 1e15, '0ms', '1ms', '100y', 'yesterday', { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [], workdays: [] }, { saas: 20_000 }, 720, 100_000]);
    const rules = { ...((doc as Record<string, Json>).rules as object) } as Record<string, Json>;
    Object.defineProperty(rules, name, { value, enumerable: true, writable: true, configurable: true });
    (doc as Record<string, Json>).rules = rules;
    return `rules.${name} = ${JSON.stringify(value)}`;
  },
};

/** Text mutations on the file's bytes. */
const TEXTUAL: Readonly<Record<string, (text: string, rng: Rng) => [string, string]>> = {
  flipBytes: (text, rng) => {
    const bytes = Buffer.from(text, 'utf8');
    const count = rng.int(1, 6);
    for (let i = 0; i < count; i++) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
    return [bytes.toString('latin1'), `${count} bytes flipped`];
  },
  truncate: (text, rng) => {
    const at = rng.int(0, text.length);
    return [text.slice(0, at), `truncated at ${at}`];
  },
  aliasBomb: (text, rng) => {
    const depth = rng.int(2, 12);
    const lines = ['x0: &x0 [a, a, a, a, a, a, a, a, a, a]'];
    for (let i = 1; i < depth; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]`);
    return [`${lines.join('\n')}\n${text}`, `alias bomb ${depth} deep`];
  },
  undefinedAlias: (text) => [text.replace(/^description: .*$/m, 'description: *nowhere'), 'undefined alias'],
  duplicateKey: (text, rng) => {
    const lines = text.split('\n');
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[A-Za-z]+:/.test(l));
    if (keyed.length === 0) return [text, 'no key to repeat'];
    const [line, i] = rng.pick(keyed);
    lines.splice(i + 1, 0, line);
    return [lines.join('\n'), `line ${i + 1} repeated`];
  },
  binary: (_, rng) => {
    const bytes = Buffer.alloc(rng.int(0, 64));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
    return [bytes.toString('latin1'), `${bytes.length} random bytes`];
  },
};

function scenarioCase(rng: Rng, id: string, base: { name: string; text: string }): FuzzCase {
  const structured = rng.chance({ numerator: 3, denominator: 5 });
  let text = base.text;
  let mutation: string;
  let asJson = false;
  if (structured) {
    const doc = parse(base.text) as Json;
    const rounds = rng.int(1, 3);
    const done: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const name = rng.pick(Object.keys(STRUCTURED));
      const what = STRUCTURED[name]!(doc, rng);
      if (what) done.push(`${name}: ${what}`);
    }
    asJson = rng.chance({ numerator: 1, denominator: 3 });
    text = asJson ? JSON.stringify(doc) : stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
    mutation = done.join('; ') || 'unchanged';
  } else {
    const name = rng.pick(Object.keys(TEXTUAL));
    const [mutated, what] = TEXTUAL[name]!(text, rng);
    text = mutated;
    mutation = `${name}: ${what}`;
  }
  const file = `${base.name.replace(/\.yaml$/, '')}${asJson ? '.json' : '.yaml'}`;
  const extra = rng.chance({ numerator: 1, denominator: 4 }) ? flagNoise(rng) : [];
  return { id, kind: 'scenario', mutation: `${base.name} ${mutation}${extra.length ? ` + ${extra.join(' ')}` : ''}`, files: { [file]: text }, argv: ['run', `{dir}/${file}`, '--out', '{dir}/out', ...extra] };
}

function flagNoise(rng: Rng): string[] {
  return rng.pick<string[]>([
    ['--seed', ''], ['--seed', 'x'.repeat(300)], ['--seed', '\u001b[31m'], ['--profile', 'aws'], ['--profile', 'tencent'],
    ['--set', '__proto__={"billingHourMs":0}'], ['--set', 'billingHourMs=0'], ['--set', 'billingHourMs=1m'], ['--set', 'noSuch=1'],
    ['--set', 'settlementUtcOffsetMinutes=1e9'], ['--set', '=1'], ['--lang', 'fr'], ['--lang', 'zh'], ['--excel'], ['--stop-on-violation'],
    ['--compare', 'nonsense'], ['--set', 'licenseAuthCodeNewFlowFrom=someday'],
  ]);
}

/** Flags whose value is a path marketsim writes. */
const WRITES = new Set(['--out', '--minimise']);
/** Commands that take --out (settle writes into the run folder it is given). */
const OUT_FLAG = new Set(['run', 'minimise', 'sweep', 'tests', 'diff']);
const SUBCOMMANDS = ['run', 'settle', 'diff', 'minimise', 'sweep', 'tests', 'tui', 'teleport', ''];

function flagsCase(rng: Rng, id: string): FuzzCase {
  const command = rng.pick(SUBCOMMANDS);
  const values = ['', '-1', '0', 'NaN', '1e999', '5..1', '1..', '..', '1,,2', 'x'.repeat(5000), '\u001b[2J', '{dir}/missing', '{dir}', '__proto__=1', 'billingHourMs=0', 'tencent', '1..100000'];
  const flags = ['--seed', '--out', '--profile', '--set', '--lang', '--seeds', '--workers', '--max-runs', '--check', '--machine', '--strategy', '--max-depth', '--format', '--min-coverage', '--dir', '--bogus', '--compare', '--minimise', '--excel'];
  // Test plans for every machine take seconds: one machine unless the drawn flags name another.
  const argv: string[] = command === 'tests' ? [command, '--machine', 'supervision'] : command ? [command] : [];
  // Positional arguments: a small real scenario, a missing file, or noise.
  if (rng.chance({ numerator: 2, denominator: 3 })) argv.push(rng.pick(['usage-disk-swap', '{dir}/missing.yaml', '{dir}', '{dir}/x'.repeat(3), '\u0007']));
  const count = rng.int(0, 4);
  for (let i = 0; i < count; i++) {
    const flag = rng.pick(flags);
    argv.push(flag);
    // Whatever a command writes stays inside the case folder: this suite must never write into the work tree.
    if (WRITES.has(flag)) argv.push(rng.pick(['{dir}/out', '{dir}/a/../b', `{dir}/${'n'.repeat(300)}`, '{dir}/missing/deeper/out', '{dir}/\u001b[31m']));
    else if (rng.chance({ numerator: 4, denominator: 5 })) argv.push(rng.pick(values));
  }
  // Keep any real work small: a sweep of two seeds on one worker, a minimiser with few runs, output in the case folder.
  if (command === 'sweep') argv.push('--seeds', '1..2', '--workers', '1');
  if (command === 'minimise') argv.push('--max-runs', '3');
  if (OUT_FLAG.has(command) && !argv.includes('--out')) argv.push('--out', command === 'minimise' ? '{dir}/min.yaml' : '{dir}/out');
  return { id, kind: 'flags', mutation: argv.join(' '), files: {}, argv };
}

const RUN_FILES = ['events.jsonl', 'summary.json', 'settlement.csv', 'orders.csv', 'violations.jsonl', 'summary.md'];
const DAMAGE: Corruption['how'][] = ['truncate', 'flipBytes', 'delete', 'empty', 'garbage', 'duplicateLine', 'dropLine', 'editNumber', 'directory'];

function runFolderCase(rng: Rng, id: string): FuzzCase {
  const diff = rng.chance({ numerator: 1, denominator: 3 });
  const corrupt: Corruption[] = [];
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const file = rng.pick(RUN_FILES);
    const how = rng.pick(DAMAGE);
    corrupt.push({ folder: diff && rng.chance({ numerator: 1, denominator: 2 }) ? 'run-b' : 'run', file, how, at: rng.int(0, 1_000_000) });
  }
  const argv = diff ? ['diff', '{dir}/run', '{dir}/run-b', '--out', '{dir}/diff.csv'] : ['settle', '{dir}/run', ...(rng.chance({ numerator: 1, denominator: 4 }) ? ['--lang', 'zh'] : [])];
  return { id, kind: 'runFolder', mutation: corrupt.map((c) => `${c.folder}/${c.file} ${c.how}@${c.at}`).join(', '), files: {}, argv, corrupt };
}

/** `count` cases from `seed`: about half mutated scenarios, a quarter bad flags, a quarter damaged run folders. */
export function fuzzCases(seed: string, count: number, first = 0): FuzzCase[] {
  const bases = corpus();
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    const rng = new Rng(`${seed}/${i}`);
    const id = `${seed}#${i}`;
    const roll = rng.int(0, 3);
    if (roll <= 1) return scenarioCase(rng, id, rng.pick(bases));
    return roll === 2 ? flagsCase(rng, id) : runFolderCase(rng, id);
  });
}
