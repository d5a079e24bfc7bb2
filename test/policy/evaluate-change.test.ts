import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { evaluateChange } from '../../src/policy/evaluate-change.js';
import { ORDER_SCHEMA, ORDERS, replace, tree, type Edits } from './catalogs.js';

const COMMERCE = 'catalog/commerce/domain.yaml';
const field = (f: object) => replace('"doc": "Total." }', `"doc": "Total." },\n    ${JSON.stringify(f)}`);
const undocumented = field({ name: 'note', type: 'string', default: '' });
const required = field({ name: 'channel', type: 'string', doc: 'Channel.' });
const rulesFile = (rules: string) => () =>
  `apiVersion: mesh-steward/v1\nkind: Rules\ngovernance:\n  owners: ["@acme/data-governance"]\nrules:\n${rules}`;

async function judge(baseEdits: Edits, headEdits: Edits, today = '2026-11-22') {
  const base = await tree(baseEdits);
  const head = await tree({ ...baseEdits, ...headEdits });
  const report = evaluateChange({ base: loadCatalog(base), head: loadCatalog(head), today });
  return {
    report,
    findings: report.findings.map((f) => [f.ruleId, f.severity, f.location.path, f.location.line]),
  };
}

describe('evaluateChange', () => {
  it('reports the changes, verdicts, impact and approvals of a compatible change, not blocking', async () => {
    const { report, findings } = await judge(
      {},
      { [ORDER_SCHEMA]: field({ name: 'n', type: 'int', default: 0, doc: 'N.' }) },
    );
    expect(report.changes.map((c) => c.kind)).toEqual(['schema-changed']);
    expect(report.schemas.map((s) => [s.subject, s.result.status])).toEqual([
      ['commerce.orders.v1-value', 'compatible'],
    ]);
    expect(report.impact.map((e) => [e.productId, e.breaking])).toEqual([['commerce/orders', false]]);
    expect(report.approvals.requirements.map((r) => r.id)).toEqual(['owner:commerce/orders']);
    expect(findings).toEqual([]);
    expect(report.blocking).toBe(false);
  });

  it('reports nothing for identical trees', async () => {
    const { report } = await judge({}, {});
    expect([report.changes, report.findings, report.schemas, report.impact]).toEqual([[], [], [], []]);
    expect(report.blocking).toBe(false);
  });

  it('blocks a breaking change: the rule and the explanation are errors, and readers must act', async () => {
    const { report, findings } = await judge({}, { [ORDER_SCHEMA]: required });
    expect(findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', 'error', ORDERS, 21],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'error', ORDER_SCHEMA, 9],
    ]);
    expect(report.impact.map((e) => e.breaking)).toEqual([true]);
    expect(report.blocking).toBe(true);
  });

  it('lets a draft product break: the explanation becomes a warning and nothing blocks', async () => {
    const draft = { [ORDERS]: replace('status: active', 'status: draft') };
    const { report, findings } = await judge(draft, { [ORDER_SCHEMA]: required });
    expect(findings).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'warning', ORDER_SCHEMA, 9]]);
    expect(report.schemas.map((s) => s.result.status)).toEqual(['incompatible']);
    expect(report.blocking).toBe(false);
  });

  it('gives the explanation the severity the base rules give breaking changes', async () => {
    const warn = { 'rules/global.yaml': rulesFile('  BREAKING_CHANGE_NEEDS_MAJOR: { severity: warning }\n') };
    const { report, findings } = await judge(warn, { [ORDER_SCHEMA]: required });
    expect(findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', 'warning', ORDERS, 21],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'warning', ORDER_SCHEMA, 9],
    ]);
    expect(report.blocking).toBe(false);
  });

  it('does not repeat a product rule finding the base already had', async () => {
    const { findings } = await judge(
      { [ORDER_SCHEMA]: undocumented },
      { [ORDERS]: replace('partitions: 6', 'partitions: 12') },
    );
    expect(findings).toEqual([]);
  });

  it('reports a product rule finding the change introduces', async () => {
    const { findings } = await judge({}, { [ORDER_SCHEMA]: undocumented });
    expect(findings).toEqual([['SCHEMA_FIELD_DOCS', 'error', ORDER_SCHEMA, 9]]);
  });

  it('judges by the base’s rules: a head that disables a rule is still held to it', async () => {
    const { findings } = await judge(
      {},
      {
        'rules/global.yaml': rulesFile('  SCHEMA_FIELD_DOCS: { enabled: false }\n'),
        [ORDER_SCHEMA]: undocumented,
      },
    );
    expect(findings).toEqual([['SCHEMA_FIELD_DOCS', 'error', ORDER_SCHEMA, 9]]);
  });

  it('does not repeat a load finding the base already had, and reports a new one', async () => {
    const stray = { 'catalog/commerce/orders/schemas/unused.avsc': () => '"string"' };
    const { findings: repeated } = await judge(stray, { [ORDERS]: replace('partitions: 6', 'partitions: 12') });
    expect(repeated).toEqual([]);
    const { findings: added } = await judge({}, stray);
    expect(added.map((f) => f[2])).toEqual(['catalog/commerce/orders/schemas/unused.avsc']);
  });

  it('reports a domain override that newly loosens a rule, not one the base already had', async () => {
    const loosen = (t: string) => `${t}rules:\n  MIN_COMPATIBILITY: { level: NONE }\n`;
    const { findings } = await judge({}, { [COMMERCE]: loosen });
    expect(findings).toEqual([['RULE_LOOSENED', 'error', COMMERCE, 7]]);
    const { findings: again } = await judge(
      { [COMMERCE]: loosen },
      { [COMMERCE]: (t) => loosen(t).replace('Everything customers buy.', 'All that customers buy.') },
    );
    expect(again).toEqual([]);
  });

  it('uses the date it is given for date rules', async () => {
    const deprecate = {
      [ORDERS]: replace(
        'status: active',
        'status: deprecated\ndeprecation:\n  sunset: "2027-01-15"\n  replacement: logistics/shipments',
      ),
    };
    expect((await judge({}, deprecate, '2026-11-22')).findings).toEqual([]);
    expect((await judge({}, deprecate, '2026-12-31')).findings).toEqual([
      ['DEPRECATION_REQUIRES_SUNSET', 'error', ORDERS, 5],
    ]);
  });
});
