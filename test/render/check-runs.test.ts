import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import {
  annotationsPerRequest,
  approvalsTable,
  checkNames,
  renderApprovalsRun,
  renderChecksRun,
  renderFailureRun,
} from '../../src/render/check-runs.js';
import { toAnnotation } from '../../src/render/findings.js';
import { evaluation, finding } from '../github/helpers/evaluation.js';

const at = { path: 'catalog/d/p/product.yaml', line: 1, column: 1 };
const added = (id: string): Change => ({ kind: 'product-added', productId: id, location: at });
const result = (
  id: string,
  status: RequirementResult['status'],
  over: Partial<RequirementResult> = {},
): RequirementResult => ({
  requirement: { id, reasons: ['owner of *p*'], parties: ['alice', '@org/team'], count: 1, covers: [] },
  status,
  approvedBy: [],
  stale: [],
  blockedBy: [],
  explanation: status === 'met' ? 'Approved by alice.' : 'Waiting for alice or @org/team.',
  ...over,
});
const withApprovals = (approvals: RequirementResult[]): Evaluation => ({ ...evaluation([]), approvals });

describe('renderChecksRun', () => {
  it('fails on blocking findings, annotates each, and summarizes the changes', () => {
    const e = evaluation([finding(1, 'Needs *owner*.'), { ...finding(2, 'Fine.'), severity: 'warning' }]);
    const run = renderChecksRun({ ...e, report: { ...e.report, changes: [added('p1'), added('p_2')] } });
    expect(run).toEqual({
      name: 'Mesh Steward / checks',
      conclusion: 'failure',
      title: '1 error, 1 warning, 0 notices in 2 files.',
      summary: '1 error, 1 warning, 0 notices in 2 files.\n\n**Changes (2)**\n- New product p1.\n- New product p\\_2.',
      annotations: e.report.findings.map(toAnnotation),
    });
  });

  it('passes without blocking findings, adds the live plan line and accepted waivers', () => {
    const e: Evaluation = {
      ...evaluation([]),
      accepted: [{ productId: 'orders', by: 'alice', reason: 'migrated <all>', source: 'https://c/1' }],
    };
    const run = renderChecksRun(e, { target: 'prod', unavailable: 'refused' });
    expect(run.conclusion).toBe('success');
    expect(run.title).toBe('No problems found.');
    expect(run.summary).toBe(
      'No problems found.\n\nLive plan against prod unavailable: refused\n\n**Changes (0)**\n\n' +
        'Breaking change of orders accepted by `alice`: migrated &lt;all&gt;',
    );
    expect(run.annotations).toEqual([]);
  });

  it('keeps every annotation even when the summary has to shrink', () => {
    const many = Array.from({ length: 120 }, (_, i) => finding(i));
    const e = evaluation(many);
    const changes = Array.from({ length: 3000 }, (_, i) => added(`product-with-a-long-name-${i}`.repeat(2)));
    const run = renderChecksRun({ ...e, report: { ...e.report, changes } });
    expect(run.annotations).toHaveLength(120);
    expect(run.summary.length).toBeLessThanOrEqual(60_000);
    expect(run.summary).toMatch(/… and \d+ more changes\.$/);
    expect(annotationsPerRequest).toBe(50);
  });
});

describe('renderApprovalsRun', () => {
  it('titles by what is pending and fails until all are met', () => {
    expect(renderApprovalsRun(withApprovals([]))).toEqual({
      name: checkNames.approvals,
      conclusion: 'success',
      title: 'No approvals required',
      summary: 'This change needs no approval.',
      annotations: [],
    });
    const met = renderApprovalsRun(withApprovals([result('a', 'met'), result('b', 'met')]));
    expect([met.conclusion, met.title]).toEqual(['success', 'All 2 approvals met']);
    const approvals = [result('a', 'met'), result('b', 'blocked'), result('c', 'pending')];
    const some = renderApprovalsRun(withApprovals(approvals));
    expect([some.conclusion, some.title]).toEqual(['failure', '2 of 3 approvals pending']);
    expect(
      some.summary
        .split('\n')
        .slice(2)
        .map((row) => row.split(' | ')[1]),
    ).toEqual(['✅ met', '⛔ changes requested', '⏳ pending']);
  });
});

describe('approvalsTable', () => {
  it('shows each requirement with its state, who can approve, stale approvals and why, escaped', () => {
    const stale = [{ reviewer: 'carol', commit: '0123456789' }];
    expect(approvalsTable([result('owner:p', 'met'), result('x|y', 'blocked', { stale })], Infinity)).toBe(
      [
        '| Requirement | Status | Who can approve | State | Why |',
        '| --- | --- | --- | --- | --- |',
        '| owner:p | ✅ met | `alice`, `@org/team` | Approved by alice. | owner of \\*p\\* |',
        '| x\\|y | ⛔ changes requested | `alice`, `@org/team` | Waiting for alice or @&#8203;org/team. Stale: `carol` at 0123456 (changed since). | owner of \\*p\\* |',
      ].join('\n'),
    );
  });

  it('says (nobody) for a requirement no party can meet, and counts the rows beyond the limit', () => {
    const nobody = result('governance', 'pending', {
      requirement: { id: 'governance', reasons: [], parties: [], count: 1, covers: [] },
    });
    const text = approvalsTable([nobody, result('b', 'pending'), result('c', 'pending')], 1);
    expect(text.split('\n')).toEqual([
      '| Requirement | Status | Who can approve | State | Why |',
      '| --- | --- | --- | --- | --- |',
      '| governance | ⏳ pending | (nobody) | Waiting for alice or @&#8203;org/team. |  |',
      '',
      '… and 2 more requirements.',
    ]);
  });
});

describe('renderFailureRun', () => {
  it('fails closed with the error, escaped, and how to re-run', () => {
    expect(renderFailureRun(checkNames.checks, new TypeError('bad <input>'))).toEqual({
      name: 'Mesh Steward / checks',
      conclusion: 'failure',
      title: 'Mesh Steward could not evaluate this pull request',
      summary:
        'TypeError: bad &lt;input&gt;\n\nNothing was judged, so this check fails closed. Use **Re-run** on this check, or comment `/steward recheck`.',
      annotations: [],
    });
    expect(renderFailureRun(checkNames.approvals, 'plain string').summary.startsWith('plain string\n\n')).toBe(true);
  });
});
