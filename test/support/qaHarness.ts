// Shared by the `marketsim check` suites: captured console lines, plan files written the way a user writes them
// (`marketsim tests --out DIR`), and a JUnit reader that validates the XML before reading it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testsCommand } from '../../cli/testsCommand.js';
import type { MachineModel } from '../../machines/models.js';
import { tempDir } from './cli.js';

export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) }, out, err };
}

/** Writes the plans of these machines into a fresh temp folder; `remove` deletes it. */
export function writePlans(models?: readonly MachineModel[]): { dir: string; plans: string; remove: () => void } {
  const dir = tempDir('marketsim-qa-');
  const plans = join(dir, 'plans');
  const code = models ? testsCommand({ out: plans }, captureIo().io, models) : testsCommand({ out: plans }, captureIo().io);
  if (code !== 0) throw new Error(`marketsim tests exited ${code}`);
  return { dir, plans, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly text: string };
  readonly skipped: boolean;
}

export interface JunitSuite {
  readonly name: string;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
  readonly cases: readonly JunitCase[];
}

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node]);

/** Throws unless the XML is well-formed and shaped testsuites > testsuite > testcase (> failure | skipped). */
export function readJunit(xml: string): { tests: number; failures: number; suites: JunitSuite[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as Node;
  const root = doc.testsuites as Node | undefined;
  if (!root) throw new Error('no <testsuites> root');
  const suites = list(root.testsuite).map((suite) => ({
    name: String(suite.name),
    tests: Number(suite.tests),
    failures: Number(suite.failures),
    skipped: Number(suite.skipped),
    cases: list(suite.testcase).map((c) => {
      const failure = c.failure as Node | undefined;
      return {
        classname: String(c.classname),
        name: String(c.name),
        skipped: c.skipped !== undefined,
        ...(failure ? { failure: { message: String(failure.message), text: String(failure['#text'] ?? '') } } : {}),
      };
    }),
  }));
  return { tests: Number(root.tests), failures: Number(root.failures), suites };
}
