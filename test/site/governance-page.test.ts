import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Domain } from '../../src/catalog/model.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { resolveRules } from '../../src/policy/rule-config.js';
import { ruleIds } from '../../src/rules/registry.js';
import { buildSite } from '../../src/site/build.js';
import { domainRuleChanges } from '../../src/site/governance-page.js';
import { domain } from '../catalog/helpers.js';
import { lineageCatalog } from './lineage-fixtures.js';
import { brokenLinks, hrefsOf, idsOf, squash } from './site-files.js';

const repoRoot = join(import.meta.dirname, '..', '..');

/** rules/ sets PARTITION_BOUNDS.max 64 and SCHEMA_FIELD_DOCS to a warning; m tightens, n tries to loosen, o is silent. */
function governedCatalog() {
  return lineageCatalog(
    { 'm/s/a': [], 'n/b': [], 'o/c': [] },
    {
      'rules/global.yaml': {
        apiVersion: 'mesh-steward/v1',
        kind: 'Rules',
        description: 'Baseline <script>alert(1)</script>',
        governance: { owners: ['@acme/gov'] },
        rules: { PARTITION_BOUNDS: { max: 64 }, SCHEMA_FIELD_DOCS: { severity: 'warning' } },
      },
      'catalog/m/domain.yaml': domain('m', {
        title: 'Mesh <b>M</b>',
        rules: {
          PARTITION_BOUNDS: { max: 12 },
          SCHEMA_FIELD_DOCS: { severity: 'error' },
          MIN_COMPATIBILITY: { level: 'FULL' },
          REQUIRED_METADATA: { fields: ['tags'] },
          LIFECYCLE_TRANSITION: { severity: 'error' },
        },
      }),
      'catalog/n/domain.yaml': domain('n', { rules: { PARTITION_BOUNDS: { max: 100 } } }),
    },
  );
}

const page = (files: Map<string, string>) => squash(files.get('governance.html') as string);

describe('the governance page', () => {
  it('lists every rule id, each once, with its severity, settings and where they are set', () => {
    const files = buildSite(governedCatalog());
    const text = page(files);
    const ids = idsOf(files.get('governance.html') as string);
    for (const id of ruleIds) {
      expect(text).toContain(`<code>${id}</code>`);
      expect(ids.has(`rule-${id}`)).toBe(true);
      expect(text.split(`id="rule-${id}"`)).toHaveLength(2);
    }
    expect(text).toMatch(
      /<tr id="rule-PARTITION_BOUNDS"><th scope="row"><code>PARTITION_BOUNDS<\/code><\/th><td>error<\/td><td><ul class="settings"><li><code>min<\/code>: <code>1<\/code><\/li><li><code>max<\/code>: <code>64<\/code><span class="muted">\(built-in: <code>256<\/code>\)<\/span><\/li><\/ul><\/td><td><code>rules\/global\.yaml<\/code><\/td>/,
    );
    expect(text).toMatch(
      /<code>SCHEMA_FIELD_DOCS<\/code><\/th><td>warning <span class="muted">\(built-in: error\)<\/span>/,
    );
    expect(text).toMatch(
      /<code>LIFECYCLE_TRANSITION<\/code><\/th><td>error<\/td><td><span class="muted">—<\/span><\/td><td><span class="muted">built-in default<\/span>/,
    );
    expect(text).toContain('<dt>Governance owners</dt><dd><code>@acme/gov</code></dd>');
    expect(text).toContain('<dt>Wildcard principals</dt><dd> refused');
  });

  it("shows what each tightening domain changes, as the engine resolves it, with a link to the domain's page", () => {
    const text = page(buildSite(governedCatalog()));
    const m = /<section class="tightening" id="domain-m">(.*?)<\/section>/.exec(text)?.[1] ?? '';
    expect(m).toContain('<h3><a href="domains/m.html">Mesh &lt;b&gt;M&lt;/b&gt;</a></h3>');
    expect(m).toContain('and of its subdomains <a href="domains/m/s.html">m/s</a>');
    const row = (rule: string, setting: string, from: string, to: string) =>
      `<tr><th scope="row"><a href="#rule-${rule}"><code>${rule}</code></a></th><td><code>${setting}</code></td><td><code>${from}</code></td><td><strong><code>${to}</code></strong></td></tr>`;
    expect(m).toContain(row('PARTITION_BOUNDS', 'max', '64', '12'));
    expect(m).toContain(row('SCHEMA_FIELD_DOCS', 'severity', 'warning', 'error'));
    expect(m).toContain(row('MIN_COMPATIBILITY', 'level', 'BACKWARD', 'FULL'));
    // A list requirement is added to, never replaced: the engine's merge, not the domain's text.
    expect(m).toContain(
      row(
        'REQUIRED_METADATA',
        'fields',
        'description, sla, classification, accountable',
        'description, sla, classification, accountable, tags',
      ),
    );
    expect(m).toContain('Also set, the same as inherited: <code>LIFECYCLE_TRANSITION</code>.');
    const n = /<section class="tightening" id="domain-n">(.*?)<\/section>/.exec(text)?.[1] ?? '';
    expect(n).toContain('Its settings change nothing it inherits.');
    expect(n).toContain(
      'Ignored, as they would loosen: Domain n sets PARTITION_BOUNDS.max looser than the rules it inherits',
    );
    expect(text).not.toContain('id="domain-o"');
    expect(text).not.toMatch(/<script/);
    expect(text).toContain('Baseline &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('takes the changes from the rule set the linter uses', () => {
    const catalog = governedCatalog();
    const rules = resolveRules(catalog);
    expect(domainRuleChanges(rules, catalog.domains.get('m/s') as Domain)).toEqual([]);
    expect(domainRuleChanges(rules, catalog.domains.get('m') as Domain).map((c) => `${c.rule}.${c.setting}`)).toEqual([
      'REQUIRED_METADATA.fields',
      'SCHEMA_FIELD_DOCS.severity',
      'PARTITION_BOUNDS.max',
      'MIN_COMPATIBILITY.level',
    ]);
  });

  it('is linked from every page and shows the example catalog’s finance tightenings', async () => {
    const { catalog, findings } = loadCatalog(await readDirectorySource(repoRoot));
    expect(findings).toEqual([]);
    const files = buildSite(catalog);
    for (const [path, text] of files)
      if (path.endsWith('.html'))
        expect(hrefsOf(text), path).toContain(`${'../'.repeat(path.split('/').length - 1)}governance.html`);
    expect(squash(files.get('index.html') as string)).toContain('<a href="governance.html">governance</a>');
    const finance = /<section class="tightening" id="domain-finance">(.*?)<\/section>/.exec(page(files))?.[1] ?? '';
    expect(finance).toContain('<a href="domains/finance.html">Finance</a>');
    expect(finance).toContain(
      '<td><code>level</code></td><td><code>BACKWARD</code></td><td><strong><code>FULL</code></strong>',
    );
    expect(finance).toContain('<td><code>max</code></td><td><code>5</code></td><td><strong><code>3</code></strong>');
    expect(finance).toContain(
      '<td><code>min</code></td><td><code>P1D</code></td><td><strong><code>P30D</code></strong>',
    );
    expect(page(files)).toContain('<a href="owners/teams/acme/data-governance.html">@acme/data-governance</a>');
    expect(brokenLinks(files)).toEqual([]);
  });
});
