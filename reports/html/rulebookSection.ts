// The rulebook's text of the rules a report names, each with an anchor (#rule-ID) the report's rule links point
// to, so the file stays self-contained and a reader sees the rule without leaving it.
import { bundledRules } from '../../rulebook/rulebook.js';
import { escapeHtml } from './format.js';

const RULE_ID = /^[A-Z]+-\d+$/;

export function ruleAnchor(id: string): string {
  return `rule-${id}`;
}

/** A rule ID as a link to its text in the report's rulebook section (plain text when the rulebook lacks it). */
export function ruleLink(id: string): string {
  return RULE_ID.test(id) && bundledRules().has(id) ? `<a class="rule" href="#${ruleAnchor(id)}">${escapeHtml(id)}</a>` : escapeHtml(id);
}

/** The rulebook's markdown emphasis, code and rule references, on text already escaped. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/\*([^*]+)\*/g, '<i>$1</i>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The rules named (in rulebook order); every rule when `ids` is absent. */
export function rulebookHtml(ids?: ReadonlySet<string>): string {
  const rules = [...bundledRules().values()].filter((r) => ids === undefined || ids.has(r.id));
  if (rules.length === 0) return '<p>—</p>';
  return `<dl class="rules">\n${rules.map((r) => `<dt id="${ruleAnchor(r.id)}">${escapeHtml(r.id)} <small>${escapeHtml(r.section)}</small></dt><dd>${inline(r.text)}</dd>`).join('\n')}\n</dl>`;
}
