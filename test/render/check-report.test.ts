import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { Finding } from '../../src/core/findings.js';
import type { SchemaVerdict } from '../../src/policy/check-schemas.js';
import type { ChangeReport } from '../../src/policy/evaluate-change.js';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import { renderCheckGithub, renderCheckJson, renderCheckText } from '../../src/render/check-report.js';

const at = { path: 'catalog/sales/orders/product.yaml', line: 4, column: 3, endLine: 4, endColumn: 9 };
const schemaChange: Change = {
  kind: 'schema-changed',
  productId: 'orders',
  port: 'events',
  role: 'value',
  path: 'catalog/sales/orders/events.avsc',
  previousPath: 'catalog/sales/orders/events.avsc',
  level: 'BACKWARD',
  through: [],
  location: at,
  previousLocation: { ...at, line: 3 },
};
const added: Change = { kind: 'product-added', productId: 'new\u001b', location: at };
const finding: Finding = {
  ruleId: 'REQUIRED_METADATA',
  severity: 'error',
  message: 'Product orders has no description.',
  location: { path: at.path, line: 1, column: 1 },
};
const report: ChangeReport = {
  findings: [finding],
  changes: [schemaChange, added],
  schemas: [
    {
      change: schemaChange,
      subject: 'sales.orders.events-value',
      path: 'catalog/sales/orders/events.avsc',
      result: { status: 'incompatible', level: 'BACKWARD', findings: [] },
    } as SchemaVerdict,
  ],
  impact: [
    {
      productId: 'orders',
      port: 'events',
      change: 'schema-changed',
      breaking: true,
      consumers: [
        { productId: 'billing', depth: 1, via: 'orders', accountable: ['alice'] },
        { productId: 'reports', depth: 2, via: 'billing', accountable: [] },
      ],
    },
    { productId: 'orders', port: 'audit', change: 'topic-settings-changed', breaking: false, consumers: [] },
  ],
  approvals: {
    requirements: [
      {
        id: 'owner:orders',
        reasons: ['schema change', 'breaking'],
        parties: ['alice', '@org/sales'],
        count: 1,
        covers: [],
      },
      { id: 'domain:sales', reasons: ['new product'], parties: [], count: 2, covers: [] },
    ],
    informed: ['carol', 'dan'],
  },
  blocking: true,
};
const empty: ChangeReport = {
  findings: [],
  changes: [],
  schemas: [],
  impact: [],
  approvals: { requirements: [], informed: [] },
  blocking: false,
};
const state = (status: RequirementResult['status']): RequirementResult => ({
  requirement: report.approvals.requirements[0] as RequirementResult['requirement'],
  status,
  approvedBy: status === 'met' ? ['alice'] : [],
  stale: [],
  blockedBy: [],
  explanation: status === 'met' ? 'Approved by alice.' : 'Waiting for 2 of nobody.',
});
const evaluation: Evaluation = {
  report,
  accepted: [],
  ignored: [],
  approvals: [state('met'), state('pending')],
};

describe('renderCheckText', () => {
  it('lists changes, findings, impact, approvals and informed parties, control characters escaped', () => {
    expect(renderCheckText(report)).toBe(
      [
        'Changes (2):',
        '  - orders#events: value schema catalog/sales/orders/events.avsc changed (checked under BACKWARD).',
        '  - New product new\\x1b.',
        '',
        'Findings:',
        '  catalog/sales/orders/product.yaml:1:1: error REQUIRED_METADATA Product orders has no description.',
        '  1 error, 0 warnings, 0 notices in 1 file.',
        '',
        'Impact on consumers:',
        '  - orders#events (schema-changed, breaking): billing, reports (depth 2, via billing)',
        '  - orders#audit (topic-settings-changed): ',
        '',
        'Approvals required:',
        '  - owner:orders: 1 of alice, @org/sales — schema change; breaking',
        '  - domain:sales: 2 of (nobody in the base branch) — new product',
        '',
        'Informed: carol, dan',
        '',
      ].join('\n'),
    );
  });

  it('says when there are no changes, findings or approvals, and leaves out empty impact and informed', () => {
    expect(renderCheckText(empty)).toBe(
      [
        'Changes (0):',
        '  (none in catalog/, rules/ or .github/steward.yml)',
        '',
        'Findings:',
        '  No problems found.',
        '',
        'Approvals required:',
        '  (none)',
        '',
      ].join('\n'),
    );
  });

  it("appends each requirement's state with an evaluation", () => {
    expect(renderCheckText(report, evaluation).split('\n').slice(-5)).toEqual([
      '',
      'Approval state (1 of 2 met):',
      '  - owner:orders: met — Approved by alice.',
      '  - owner:orders: pending — Waiting for 2 of nobody.',
      '',
    ]);
  });
});

describe('renderCheckJson', () => {
  it('answers the documented shape', () => {
    const json = JSON.parse(renderCheckJson(report));
    expect(Object.keys(json)).toEqual(['findings', 'changes', 'schemas', 'impact', 'approvals', 'informed']);
    expect(json.findings).toEqual([
      { ruleId: 'REQUIRED_METADATA', severity: 'error', message: finding.message, location: finding.location },
    ]);
    expect(json.changes[0]).toEqual({
      ...schemaChange,
      description: 'orders#events: value schema catalog/sales/orders/events.avsc changed (checked under BACKWARD).',
      location: { path: at.path, line: 4, column: 3 },
      previousLocation: { path: at.path, line: 3, column: 3 },
    });
    expect(json.changes[1]).toEqual({
      kind: 'product-added',
      productId: 'new\u001b',
      description: 'New product new\u001b.',
      location: { path: at.path, line: 4, column: 3 },
    });
    expect(json.schemas).toEqual([
      {
        product: 'orders',
        port: 'events',
        role: 'value',
        subject: 'sales.orders.events-value',
        path: 'catalog/sales/orders/events.avsc',
        level: 'BACKWARD',
        status: 'incompatible',
      },
    ]);
    expect(json.impact).toEqual(report.impact);
    expect(json.approvals).toEqual([
      { requirement: 'owner:orders', reason: 'schema change; breaking', parties: ['alice', '@org/sales'], count: 1 },
      { requirement: 'domain:sales', reason: 'new product', parties: [], count: 2 },
    ]);
    expect(json.informed).toEqual(['carol', 'dan']);
    expect(renderCheckJson(report).endsWith('}\n')).toBe(true);
  });

  it("adds each approval's state where the evaluation has one, and the waivers", () => {
    const json = JSON.parse(renderCheckJson(report, { ...evaluation, approvals: [state('met')] }));
    expect(json.approvals[0]).toEqual({
      requirement: 'owner:orders',
      reason: 'schema change; breaking',
      parties: ['alice', '@org/sales'],
      count: 1,
      status: 'met',
      approvedBy: ['alice'],
      stale: [],
      blockedBy: [],
      explanation: 'Approved by alice.',
    });
    expect(json.approvals[1].status).toBeUndefined();
    expect(json.waivers).toEqual({ accepted: [], ignored: [] });
  });
});

describe('renderCheckGithub', () => {
  it('prints the findings as annotations, then the approval state with an evaluation', () => {
    const findings =
      '::error file=catalog/sales/orders/product.yaml,line=1,col=1,title=REQUIRED_METADATA::Product orders has no description.\n' +
      '1 error, 0 warnings, 0 notices in 1 file.\n';
    expect(renderCheckGithub(report)).toBe(findings);
    expect(renderCheckGithub(report, evaluation)).toBe(
      `${findings}::notice title=Approval met::owner:orders: Approved by alice.\n` +
        '::error title=Approval pending::owner:orders: Waiting for 2 of nobody.\n',
    );
  });
});
