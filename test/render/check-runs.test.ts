import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import type { Operation } from '../../src/plan/operations.js';
import {
  annotationsPerRequest,
  approvalsTable,
  checkNames,
  renderApprovalsRun,
  renderChecksRun,
  renderFailureRun,
} from '../../src/render/check-runs.js';
import { evaluation, finding } from '../github/helpers/evaluation.js';

const here = { path: 'catalog/commerce/orders/product.yaml', line: 1, column: 1 };
const added = (i: number): Change => ({ kind: 'product-added', productId: `d/p${i}`, location: here });
const create: Operation = {
  kind: 'create-topic',
  resource: 'topic:t',
  topic: { name: 't', partitions: 1, replicationFactor: 1, configs: {} },
};

const result = (
  id: string,
  status: RequirementResult['status'],
  extra: Partial<RequirementResult> = {},
): RequirementResult => ({
  requirement: {
    id,
    reasons: ['changes it', 'breaks readers'],
    parties: ['@acme/orders', 'alice'],
    count: 1,
    covers: [],
  },
  status,
  approvedBy: [],
  stale: [],
  blockedBy: [],
  explanation: `Waits on ${id}.`,
  ...extra,
});
const withApprovals = (approvals: RequirementResult[]): Evaluation => ({ ...evaluation([]), approvals });

describe('renderChecksRun', () => {
  it('succeeds with nothing blocking, summarising findings and changes', () => {
    const e = evaluation([{ ...finding(1, 'Consider it.'), severity: 'warning' }]);
    const run = renderChecksRun({ ...e, report: { ...e.report, changes: [added(1)] } });
    expect(run).toEqual({
      name: 'Mesh Steward / checks',
      conclusion: 'success',
      title: '0 errors, 1 warning, 0 notices in 1 file.',
      summary: '0 errors, 1 warning, 0 notices in 1 file.\n\n**Changes (1)**\n- New product d/p1.',
      annotations: [
        {
          path: 'catalog/d/p1/product.yaml',
          start_line: 2,
          end_line: 2,
          start_column: 1,
          end_column: 1,
          annotation_level: 'warning',
          title: 'REQUIRED_METADATA',
          message: 'Consider it.',
        },
      ],
    });
  });

  it('fails on a blocking finding and annotates every finding', () => {
    const findings = Array.from({ length: annotationsPerRequest + 5 }, (_, i) => finding(i, 'x'));
    const run = renderChecksRun(evaluation(findings));
    expect(run.conclusion).toBe('failure');
    expect(run.annotations).toHaveLength(55);
    expect(run.summary).toBe('55 errors, 0 warnings, 0 notices in 55 files.\n\n**Changes (0)**');
  });

  it('adds the live plan line and accepted waivers, escaped', () => {
    const e = evaluation([]);
    const run = renderChecksRun(
      { ...e, accepted: [{ productId: 'commerce/orders', by: 'alice', reason: 'agreed *now*', source: 'u' }] },
      { target: 'prod', operations: [create], notices: [] },
    );
    expect(run.summary).toBe(
      [
        'No problems found.',
        'Merging would apply 1 operation(s) to prod; the comment lists them.',
        '**Changes (0)**',
        'Breaking change of commerce/orders accepted by `alice`: agreed \\*now\\*',
      ].join('\n\n'),
    );
  });

  it('shortens a long change list to fit', () => {
    const e = evaluation([]);
    const changes = Array.from({ length: 3000 }, (_, i) => added(i));
    const run = renderChecksRun({ ...e, report: { ...e.report, changes } });
    expect(run.summary.length).toBeLessThanOrEqual(60_000);
    expect(run.summary).toContain('**Changes (3000)**');
    expect(run.summary).toMatch(/… and \d+ more changes\.$/);
  });
});

describe('renderApprovalsRun', () => {
  it('needs nothing with no requirements', () => {
    expect(renderApprovalsRun(withApprovals([]))).toEqual({
      name: 'Mesh Steward / approvals',
      conclusion: 'success',
      title: 'No approvals required',
      summary: 'This change needs no approval.',
      annotations: [],
    });
  });

  it('succeeds when all are met and fails while any is pending or blocked', () => {
    expect(renderApprovalsRun(withApprovals([result('a', 'met'), result('b', 'met')]))).toMatchObject({
      conclusion: 'success',
      title: 'All 2 approvals met',
    });
    expect(
      renderApprovalsRun(withApprovals([result('a', 'met'), result('b', 'pending'), result('c', 'blocked')])),
    ).toMatchObject({
      conclusion: 'failure',
      title: '2 of 3 approvals pending',
    });
  });
});

describe('approvalsTable', () => {
  it('writes a row per requirement: who can approve, the state and why', () => {
    expect(
      approvalsTable([result('owner:commerce/orders', 'met', { explanation: 'Approved by alice.' })], Infinity),
    ).toBe(
      [
        '| Requirement | Status | Who can approve | State | Why |',
        '| --- | --- | --- | --- | --- |',
        '| owner:commerce/orders | ✅ met | `@acme/orders`, `alice` | Approved by alice. | changes it; breaks readers |',
      ].join('\n'),
    );
  });

  it('marks pending and blocked requirements, nobody to approve, and stale approvals', () => {
    const stale = [{ reviewer: 'carol', commit: '0123456789' }];
    const table = approvalsTable(
      [
        result('a', 'pending', { stale }),
        { ...result('b', 'blocked'), requirement: { ...result('b', 'blocked').requirement, parties: [] } },
      ],
      Infinity,
    );
    expect(table.split('\n').slice(2)).toEqual([
      '| a | ⏳ pending | `@acme/orders`, `alice` | Waits on a. Stale: `carol` at 0123456 (changed since). | changes it; breaks readers |',
      '| b | ⛔ changes requested | (nobody) | Waits on b. | changes it; breaks readers |',
    ]);
  });

  it('counts the requirements beyond the limit', () => {
    const table = approvalsTable([result('a', 'met'), result('b', 'met'), result('c', 'met')], 1);
    expect(table.split('\n')).toHaveLength(3 + 2);
    expect(table.endsWith('\n\n… and 2 more requirements.')).toBe(true);
  });

  it('escapes what comes from the repository', () => {
    const row = approvalsTable([result('a|b', 'met', { explanation: '<b>@x</b>' })], Infinity).split('\n')[2];
    expect(row).toBe(
      '| a\\|b | ✅ met | `@acme/orders`, `alice` | &lt;b&gt;@&#8203;x&lt;/b&gt; | changes it; breaks readers |',
    );
  });
});

describe('renderFailureRun', () => {
  it('fails closed, says what went wrong and how to re-run', () => {
    expect(renderFailureRun(checkNames.approvals, new TypeError('no <teams>'))).toEqual({
      name: 'Mesh Steward / approvals',
      conclusion: 'failure',
      title: 'Mesh Steward could not evaluate this pull request',
      summary:
        'TypeError: no &lt;teams&gt;\n\nNothing was judged, so this check fails closed. Use **Re-run** on this check, or comment `/steward recheck`.',
      annotations: [],
    });
    expect(renderFailureRun(checkNames.checks, 'timeout').summary.startsWith('timeout\n\n')).toBe(true);
  });
});
