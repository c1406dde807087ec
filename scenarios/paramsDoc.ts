// docs/rules-parameters.md's table of rules parameters, generated from machines/rules.ts so the two never disagree
// (npm run schema rewrites it; a test fails when it is stale).
import { paramMeta, PROFILES, RULES_PARAM_NAMES } from '../machines/rules.js';

const START = '<!-- params:start -->';
const END = '<!-- params:end -->';

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function paramsTable(): string {
  const rows = RULES_PARAM_NAMES.map((name) => {
    const meta = paramMeta(name);
    const koo = PROFILES.koogallery[name];
    const ten = PROFILES.tencent[name];
    const tencent = JSON.stringify(koo) === JSON.stringify(ten) ? 'same' : `\`${show(ten)}\``;
    return `| \`${name}\` | ${meta.rule} | ${meta.doc}${meta.assumption ? ' *(assumption)*' : ''} | \`${show(koo)}\` | ${tencent} |`;
  });
  return ['| parameter | rule | meaning | koogallery | tencent |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The doc's text with the table between the markers replaced. */
export function withParamsTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/rules-parameters.md lacks the params markers');
  return `${readme.slice(0, start + START.length)}\n${paramsTable()}\n${readme.slice(end)}`;
}
