// The rulebook bundled with the package (rulebook/RULES.md, a copy of the project's shared RULES.md): read from
// beside this file, so a clone anywhere (CI's, a worktree, an installed package) finds it. The lowest layer: it
// imports nothing of marketsim, and machines/ up to cli/ may read it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Beside this file in the sources; from the build (dist/rulebook/), the sources' copy two folders up. */
export const RULEBOOK_PATH = [join(HERE, 'RULES.md'), join(HERE, '..', '..', 'rulebook', 'RULES.md')].find((p) => existsSync(p)) ?? join(HERE, 'RULES.md');

/** A rule as the rulebook states it: its ID, the section it sits in, and its text (markdown, one paragraph). */
export interface RuleText {
  readonly id: string;
  readonly section: string;
  readonly text: string;
}

const RULE_LINE = /^- \*\*([A-Z]+-\d+)\*\*\s*(.*)$/;

/** Each `- **ID** text` item of a RULES.md text, in document order, with the `## ` heading above it. */
export function parseRulebook(markdown: string): RuleText[] {
  const rules: RuleText[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const match = RULE_LINE.exec(line);
    if (match) rules.push({ id: match[1]!, section, text: match[2]! });
  }
  return rules;
}

let cached: string | undefined;

/** The bundled RULES.md text (read once: it ships with the code and does not change while marketsim runs). */
export function rulebookText(): string {
  cached ??= readFileSync(RULEBOOK_PATH, 'utf8');
  return cached;
}

/** The bundled rulebook's rules by ID. */
export function bundledRules(): ReadonlyMap<string, RuleText> {
  return new Map(parseRulebook(rulebookText()).map((rule) => [rule.id, rule]));
}
