// A result value says what went wrong in one field, `error` (`{ ok: false, error }`, machines/result.ts): callers
// read `.error` after an `ok` check whatever they called. This scans the production sources for failure objects and
// types (every `ok: false`, on one line or spread over several) and names by file:line each one without an `error`
// field, or with an old spelling (reason, problem, message) beside it. Extra fields (a rule ID, a detail) are fine.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRODUCTION = ['rulebook', 'machines', 'scenarios', 'sim', 'reports', 'runs', 'qa', 'cli', 'bench'];
const OLD_SPELLINGS = ['reason', 'problem', 'message'];

/** Failure shapes that keep other fields, by file and their fields in order, each with why. */
const EXEMPT: readonly { readonly file: string; readonly fields: string; readonly why: string }[] = [
  ...['machines/productAvailability.ts', 'machines/payment.ts', 'machines/orderMachine.model.ts', 'sim/kinds/order/prepare.ts'].map((file) => ({
    file,
    fields: 'rule,reason',
    why: 'Availability and PaymentDecision ride in order events, and events.jsonl writes them as {"ok":false,"rule":…,"reason":…}',
  })),
  { file: 'qa/random.ts', fields: 'runs,seed,walk,path,result', why: 'a failed property check: the counterexample found, not an error of the call' },
];

function sources(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Index of the quote that closes the string or template literal opening at `start` (`${…}` skipped whole). */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (quote === '`' && text[i] === '$' && text[i + 1] === '{') i = closing(text, i + 1);
  }
  return text.length;
}

/** Index of the `}` that closes the `{` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') i = stringEnd(text, i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** The names of the fields that follow `ok: false` (ending at `from`) in the same object literal or type. */
function fieldsAfter(text: string, from: number): string[] {
  const fields: string[] = [];
  let depth = 0;
  let atField = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') i = stringEnd(text, i);
    else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i);
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return fields;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';')) atField = true;
    else if (depth === 0 && atField && /[\w$.]/.test(c)) {
      const name = /^(?:readonly\s+)?(\.\.\.|[\w$]+)/.exec(text.slice(i))!;
      fields.push(name[1]!);
      i += name[0].length - 1;
      atField = false;
    }
    if (i < 0) return fields;
  }
  return fields;
}

interface Failure {
  readonly file: string;
  readonly line: number;
  readonly fields: string;
}

function failures(): Failure[] {
  return PRODUCTION.flatMap(sources).flatMap((file) => {
    const text = readFileSync(join(REPO, file), 'utf8');
    return [...text.matchAll(/\bok: false\b/g)].map((match) => ({
      file,
      line: text.slice(0, match.index).split('\n').length,
      fields: fieldsAfter(text, match.index + match[0].length).join(','),
    }));
  });
}

const exemption = (f: Failure) => EXEMPT.find((e) => e.file === f.file && e.fields === f.fields);
const spelledRight = (f: Failure) => {
  const fields = f.fields.split(',');
  return fields.includes('error') && !fields.some((name) => OLD_SPELLINGS.includes(name));
};

describe('the failure field of result values', () => {
  it('reads the fields of a failure however it is written', () => {
    const text = [
      'type A = { ok: true } | { readonly ok: false; readonly error: string; readonly rule: string };',
      'return { ok: false, reason: `a ${JSON.stringify({ b: 1 })} }`, detail: f(x, { y }) };',
      'return {\n  ok: false, // why\n  issues: [{ path: [], message: "m" }],\n};',
      'return { ok: false, ...rest };',
    ].join('\n');
    const found = [...text.matchAll(/\bok: false\b/g)].map((m) => fieldsAfter(text, m.index + m[0].length).join(','));
    expect(found).toEqual(['error,rule', 'reason,detail', 'issues', '...']);
  });

  it('is `error` in every production source (other fields may come beside it)', () => {
    const all = failures();
    expect(all.length).toBeGreaterThan(50);
    const wrong = all.filter((f) => !spelledRight(f) && !exemption(f)).map((f) => `${f.file}:${f.line} { ok: false, ${f.fields} }`);
    expect(wrong, 'use { ok: false, error } (extra fields beside it are fine)').toEqual([]);
  });

  it('has no exemption left that nothing needs', () => {
    const used = new Set(failures().map(exemption));
    expect(EXEMPT.filter((e) => !used.has(e)).map((e) => `${e.file} ${e.fields}`)).toEqual([]);
  });
});
