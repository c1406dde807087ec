import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { knownRuleIds } from '../cli/tui/coverage.js';
import { bundledRules, parseRulebook, RULEBOOK_PATH } from '../rulebook/rulebook.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(repo, '..', 'shared', 'RULES.md');

describe('the rulebook bundled with the package', () => {
  it.skipIf(!existsSync(shared))('is a byte-for-byte copy of ../shared/RULES.md beside the repo', () => {
    expect(readFileSync(RULEBOOK_PATH).equals(readFileSync(shared))).toBe(true);
  });

  it('lives inside the repo, so the TUI coverage catalog reads it wherever the repo is cloned', () => {
    expect(RULEBOOK_PATH.startsWith(repo)).toBe(true);
    const defined = readFileSync(RULEBOOK_PATH, 'utf8').match(/^- \*\*[A-Z]+-\d+\*\*/gm) ?? [];
    const catalog = knownRuleIds();
    expect(catalog.source).toBe('RULES.md');
    expect(catalog.ids).toHaveLength(defined.length);
    expect(catalog.ids).toEqual(expect.arrayContaining(['PUB-1', 'STL-7', 'ORG-4']));
  });

  it('gives each rule its section and text, for the report to quote', () => {
    const stl1 = bundledRules().get('STL-1');
    expect(stl1?.section).toMatch(/^STL/);
    expect(stl1?.text.length).toBeGreaterThan(20);
    expect(parseRulebook('## A — a\n- **A-1** first\ntext\n## B — b\n- **B-2** second')).toEqual([
      { id: 'A-1', section: 'A — a', text: 'first' },
      { id: 'B-2', section: 'B — b', text: 'second' },
    ]);
  });
});
