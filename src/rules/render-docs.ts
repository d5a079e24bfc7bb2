import { compatibilityRules } from './compatibility.js';
import { governanceRules } from './governance.js';
import type { RuleTable } from './rule-entry.js';
import { ruleSections } from './registry.js';

const intro = [
  '<!-- Generated from src/rules/ by `npm run docs:rules`: edit the registry, not this page. -->',
  '# Finding rule ids',
  '',
  'Every finding carries a stable rule id. This page lists what each one means and how to fix it. Severity `error`',
  'blocks (`steward validate` exits 1, the PR check fails); `warning` and `notice` inform.',
];

/**
 * docs/rules.md, rendered from the registry (`npm run docs:rules` writes it; a test keeps the committed page
 * equal). Compatibility and governance rules are described on their own pages, so this one names them and links.
 */
export function renderRulesDoc(): string {
  const tables = ruleSections
    .filter((s) => s.rules !== compatibilityRules && s.rules !== governanceRules)
    .flatMap((s) => ['', `## ${s.title}`, ...renderTable(s.rules)]);
  return [...intro, ...tables, '', '## Compatibility and governance', ...wrap(linksParagraph(), 120), ''].join('\n');
}

function renderTable(rules: RuleTable): string[] {
  const rows = Object.entries(rules).map(([id, r]) => `| \`${id}\` | ${r.severity} | ${r.doc} |`);
  return ['| Rule id | Severity | Meaning and fix |', '|---|---|---|', ...rows];
}

function linksParagraph(): string {
  const names = (ids: readonly string[]) => ids.map((id) => `\`${id}\``).join(', ');
  const governance = Object.keys(governanceRules).filter((id) => id !== 'RULE_LOOSENED');
  return (
    `Compatibility rule ids (${names(Object.keys(compatibilityRules))}) are described in [compat.md](compat.md); ` +
    `governance rule ids (${names(governance)}) and \`RULE_LOOSENED\` in [governance.md](governance.md).`
  );
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' ? lines : [...lines, line];
}
