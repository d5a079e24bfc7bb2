import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { Finding } from '../../src/core/findings.js';
import type { ChangeReport } from '../../src/policy/evaluate-change.js';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import { renderCheckGithub, renderCheckJson, renderCheckText } from '../../src/render/check-report.js';

const ORDERS = 'catalog/commerce/orders/product.yaml';
const SCHEMA = 'catalog/commerce/orders/schemas/order.avsc';
const schemaChange: Extract<Change, { kind: 'schema-changed' }> = {
  kind: 'schema-changed',
  productId: 'commerce/orders',
  port: 'orders-v1',
  role: 'value',
  path: SCHEMA,
  previousPath: SCHEMA,
  level: 'BACKWARD',
  through: [],
  location: { path: ORDERS, line: 21, column: 15, endLine: 21, endColumn: 40 },
};
const finding: Finding = {
  ruleId: 'BREAKING_CHANGE_NEEDS_MAJOR',
  severity: 'error',
  message: 'Breaks.',
  location: { path: ORDERS, line: 21, column: 15 },
};
const requirement = {
  id: 'owner:commerce/orders',
  reasons: ['changes its product', 'breaks consumers'],
  parties: ['@acme/orders'],
  count: 1,
  covers: [ORDERS],
};
const report: ChangeReport = {
  findings: [finding],
  changes: [schemaChange],
  schemas: [
    {
      change: schemaChange,
      subject: 'commerce.orders.v1-value',
      path: SCHEMA,
      result: { status: 'incompatible', level: 'BACKWARD', findings: [] },
    },
  ],
  impact: [
    {
      productId: 'commerce/orders',
      port: 'orders-v1',
      change: 'schema-changed',
      breaking: true,
      consumers: [
        { productId: 'logistics/shipments', depth: 1, via: 'commerce/orders', accountable: ['@acme/shipping'] },
        { productId: 'logistics/tracking', depth: 2, via: 'logistics/shipments', accountable: [] },
      ],
    },
  ],
  approvals: { requirements: [requirement], informed: ['@acme/bi'] },
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
const met: RequirementResult = {
  requirement,
  status: 'met',
  approvedBy: ['alice'],
  stale: [],
  blockedBy: [],
  explanation: 'Approved by alice.',
};
const evaluation: Evaluation = { report, accepted: [], ignored: [], approvals: [met] };

describe('renderCheckText', () => {
  it('writes changes, findings, impact, approvals and informed parties', () => {
    expect(renderCheckText(report)).toBe(
      [
        'Changes (1):',
        `  - commerce/orders#orders-v1: value schema ${SCHEMA} changed (checked under BACKWARD).`,
        '',
        'Findings:',
        `  ${ORDERS}:21:15: error BREAKING_CHANGE_NEEDS_MAJOR Breaks.`,
        '  1 error, 0 warnings, 0 notices in 1 file.',
        '',
        'Impact on consumers:',
        '  - commerce/orders#orders-v1 (schema-changed, breaking): logistics/shipments, logistics/tracking (depth 2, via logistics/shipments)',
        '',
        'Approvals required:',
        '  - owner:commerce/orders: 1 of @acme/orders — changes its product; breaks consumers',
        '',
        'Informed: @acme/bi',
        '',
      ].join('\n'),
    );
  });

  it('says when there are no changes or approvals, and leaves out empty impact and informed parts', () => {
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

  it('names a requirement nobody in the base can meet, and a compatible impact plainly', () => {
    const orphan: ChangeReport = {
      ...empty,
      impact: [{ ...(report.impact[0] as ChangeReport['impact'][number]), breaking: false, consumers: [] }],
      approvals: { requirements: [{ ...requirement, parties: [], reasons: ['x'] }], informed: [] },
    };
    const text = renderCheckText(orphan);
    expect(text).toContain('  - owner:commerce/orders: 1 of (nobody in the base branch) — x\n');
    expect(text).toContain('  - commerce/orders#orders-v1 (schema-changed): \n');
  });

  it('appends the approval state with an evaluation', () => {
    const text = renderCheckText(report, evaluation);
    expect(
      text.endsWith('\n\nApproval state (1 of 1 met):\n  - owner:commerce/orders: met — Approved by alice.\n'),
    ).toBe(true);
  });

  it('shows control characters escaped', () => {
    const hostile = { ...empty, approvals: { requirements: [], informed: ['@a\u001b[2J'] } };
    expect(renderCheckText(hostile)).toContain('Informed: @a\\x1b[2J\n');
  });
});

describe('renderCheckJson', () => {
  it('gives the documented shape, with plain locations and schema verdicts', () => {
    const json = JSON.parse(renderCheckJson(report)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['findings', 'changes', 'schemas', 'impact', 'approvals', 'informed']);
    expect(json['findings']).toEqual([
      { ruleId: 'BREAKING_CHANGE_NEEDS_MAJOR', severity: 'error', message: 'Breaks.', location: finding.location },
    ]);
    expect(json['changes']).toEqual([
      {
        ...schemaChange,
        description: `commerce/orders#orders-v1: value schema ${SCHEMA} changed (checked under BACKWARD).`,
        location: { path: ORDERS, line: 21, column: 15 },
      },
    ]);
    expect(json['schemas']).toEqual([
      {
        product: 'commerce/orders',
        port: 'orders-v1',
        role: 'value',
        subject: 'commerce.orders.v1-value',
        path: SCHEMA,
        level: 'BACKWARD',
        status: 'incompatible',
      },
    ]);
    expect(json['impact']).toEqual(report.impact);
    expect(json['approvals']).toEqual([
      {
        requirement: 'owner:commerce/orders',
        reason: 'changes its product; breaks consumers',
        parties: ['@acme/orders'],
        count: 1,
      },
    ]);
    expect(json['informed']).toEqual(['@acme/bi']);
  });

  it('adds each approval’s state and the waivers with an evaluation', () => {
    const json = JSON.parse(renderCheckJson(report, evaluation)) as Record<string, unknown>;
    expect(json['approvals']).toEqual([
      {
        requirement: 'owner:commerce/orders',
        reason: 'changes its product; breaks consumers',
        parties: ['@acme/orders'],
        count: 1,
        status: 'met',
        approvedBy: ['alice'],
        stale: [],
        blockedBy: [],
        explanation: 'Approved by alice.',
      },
    ]);
    expect(json['waivers']).toEqual({ accepted: [], ignored: [] });
  });

  it('is pretty-printed JSON with a final newline', () => {
    expect(renderCheckJson(empty)).toBe(
      `${JSON.stringify({ findings: [], changes: [], schemas: [], impact: [], approvals: [], informed: [] }, null, 2)}\n`,
    );
  });
});

describe('renderCheckGithub', () => {
  it('writes the findings as workflow commands, then the approval state with an evaluation', () => {
    const findingsOnly = renderCheckGithub(report);
    expect(findingsOnly).toBe(
      `::error file=${ORDERS},line=21,col=15,title=BREAKING_CHANGE_NEEDS_MAJOR::Breaks.\n1 error, 0 warnings, 0 notices in 1 file.\n`,
    );
    expect(renderCheckGithub(report, evaluation)).toBe(
      `${findingsOnly}::notice title=Approval met::owner:commerce/orders: Approved by alice.\n`,
    );
  });
});
