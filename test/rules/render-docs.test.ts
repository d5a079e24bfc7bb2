import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../../src/rules/render-docs.js';
import { ruleEntry, ruleIds, ruleSections } from '../../src/rules/registry.js';

describe('docs/rules.md', () => {
  const page = readFileSync('docs/rules.md', 'utf8');

  it('is the page rendered from the registry (run `npm run docs:rules` after changing src/rules/)', () => {
    expect(page).toBe(renderRulesDoc());
  });

  it('names every registered id, and each table row is the registry entry', () => {
    for (const id of ruleIds) expect(page, id).toContain(`\`${id}\``);
    const [files] = ruleSections;
    const row = `| \`SOURCE_SYMLINK\` | error | ${ruleEntry('SOURCE_SYMLINK').doc} |`;
    expect(files.title).toBe('Files and syntax');
    expect(page).toContain(`## Files and syntax\n| Rule id | Severity | Meaning and fix |\n|---|---|---|\n${row}\n`);
  });

  it('keeps its sections, with compatibility and governance ids linked to their own pages', () => {
    expect([...page.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual([
      'Files and syntax',
      'Manifests',
      'Avro schemas',
      'Catalog structure and references',
      'Plan',
      'Import',
      'Compatibility and governance',
    ]);
    expect(page).toContain('are described in [compat.md](compat.md)');
    expect(page).toContain('`RULE_LOOSENED` in [governance.md](governance.md).');
  });
});
