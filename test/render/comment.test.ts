import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { ImpactEntry } from '../../src/policy/impact.js';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import type { Operation } from '../../src/plan/operations.js';
import { commentMarker, renderComment } from '../../src/render/comment.js';
import { evaluation, finding } from '../github/helpers/evaluation.js';

const here = { path: 'catalog/commerce/orders/product.yaml', line: 1, column: 1 };
const added = (i: number): Change => ({ kind: 'product-added', productId: `d/p${i}`, location: here });
const pending: RequirementResult = {
  requirement: {
    id: 'owner:commerce/orders',
    reasons: ['changes it'],
    parties: ['@acme/orders'],
    count: 1,
    covers: [],
  },
  status: 'pending',
  approvedBy: [],
  stale: [],
  blockedBy: [],
  explanation: 'Waits on @acme/orders.',
};
const impact: ImpactEntry = {
  productId: 'commerce/orders',
  port: 'orders-v1',
  change: 'schema-changed',
  breaking: true,
  consumers: [
    { productId: 'logistics/shipments', depth: 1, via: 'commerce/orders', accountable: [] },
    { productId: 'logistics/tracking', depth: 2, via: 'logistics/shipments', accountable: [] },
  ],
};
const create: Operation = {
  kind: 'create-topic',
  resource: 'topic:t',
  topic: { name: 't', partitions: 1, replicationFactor: 1, configs: {} },
};

function withReport(e: Evaluation, report: Partial<Evaluation['report']>, rest: Partial<Evaluation> = {}): Evaluation {
  return { ...e, report: { ...e.report, ...report }, ...rest };
}

const sections = (text: string) => text.split('\n').filter((l) => l.startsWith('### '));

describe('renderComment', () => {
  it('starts with the marker and the verdict, and always has the approvals', () => {
    expect(renderComment(evaluation([]))).toBe(
      `${commentMarker}\n## Mesh Steward\n\n✅ **Checks pass.** ✅ **Approvals complete.** No problems found.\n\n### Approvals\n\nThis change needs no approval.`,
    );
  });

  it('says when checks fail and how many approvals are pending', () => {
    const one = renderComment({ ...evaluation([finding(1, 'Bad.')]), approvals: [pending] });
    expect(one).toContain('❌ **Checks fail.** ⏳ **1 approval pending.** 1 error, 0 warnings, 0 notices in 1 file.');
    const two = renderComment({ ...evaluation([]), approvals: [pending, { ...pending, status: 'blocked' }] });
    expect(two).toContain('⏳ **2 approvals pending.**');
    expect(renderComment({ ...evaluation([]), approvals: [{ ...pending, status: 'met' }] })).toContain(
      '✅ **Approvals complete.**',
    );
  });

  it('lists changes, folding more than ten', () => {
    const few = renderComment(withReport(evaluation([]), { changes: [added(1), added(2)] }));
    expect(few).toContain('### Changes\n\n- New product d/p1.\n- New product d/p2.\n\n### Approvals');
    const many = renderComment(withReport(evaluation([]), { changes: Array.from({ length: 11 }, (_, i) => added(i)) }));
    expect(many).toContain('### Changes\n\n<details><summary>11 changes</summary>\n\n- New product d/p0.');
  });

  it('tables the findings, open up to twenty, counting the blocking ones', () => {
    const warn = { ...finding(2, 'Hmm <b>.'), severity: 'warning' as const };
    const text = renderComment(evaluation([finding(1, 'Bad.'), warn]));
    expect(text).toContain(
      [
        '### Findings',
        '',
        '<details open><summary>2 findings (1 blocking)</summary>',
        '',
        '|  | Rule | Where | What and how to fix it |',
        '| --- | --- | --- | --- |',
        '| ❌ | `REQUIRED_METADATA` | catalog/d/p1/product.yaml:2 | Bad. |',
        '| ⚠️ | `REQUIRED_METADATA` | catalog/d/p2/product.yaml:3 | Hmm &lt;b&gt;. |',
      ].join('\n'),
    );
    const twenty = renderComment(evaluation(Array.from({ length: 20 }, (_, i) => finding(i, 'x'))));
    expect(twenty).toContain('<details open><summary>20 findings (20 blocking)</summary>');
    const many = renderComment(evaluation(Array.from({ length: 21 }, (_, i) => finding(i, 'x'))));
    expect(many).toContain('<details><summary>21 findings (21 blocking)</summary>');
  });

  it('tables the impact, naming consumers reached through others', () => {
    const text = renderComment(
      withReport(evaluation([]), {
        impact: [
          impact,
          {
            ...impact,
            port: '*',
            breaking: false,
            consumers: [impact.consumers[0] as ImpactEntry['consumers'][number]],
          },
        ],
      }),
    );
    expect(text).toContain(
      [
        '### Impact on consumers',
        '',
        '<details open><summary>2 ports reach consumers</summary>',
        '',
        '| Port | Change | Effect | Consumers |',
        '| --- | --- | --- | --- |',
        '| commerce/orders\\#orders-v1 | schema-changed | **breaking** | logistics/shipments, logistics/tracking \\(via logistics/shipments\\) |',
        '| commerce/orders\\#\\* | schema-changed | compatible | logistics/shipments |',
      ].join('\n'),
    );
    expect(renderComment(withReport(evaluation([]), { impact: [impact] }))).toContain('1 port reaches consumers');
  });

  it('records accepted waivers with their comment, and those that did not count', () => {
    const text = renderComment({
      ...evaluation([]),
      accepted: [{ productId: 'commerce/orders', by: 'alice', reason: 'agreed', source: 'https://x/pull/1#c 1' }],
      ignored: [{ request: { by: 'mallory', reason: 'r', source: 's' }, why: 'mallory is not Accountable' }],
    });
    expect(text).toContain(
      '### Accepted breaking changes\n\n' +
        '- ✅ Breaking change of commerce/orders accepted by `alice`: “agreed” ([comment](https://x/pull/1#c%201))\n' +
        "- ✖️ Not counted: `mallory`'s waiver, because mallory is not Accountable.",
    );
  });

  it('shows the preview plan, or the live one, after the approvals', () => {
    const preview = renderComment(evaluation([]), undefined, [create]);
    expect(sections(preview)).toEqual(['### Approvals', '### Plan for merge']);
    expect(preview).toContain('+ create topic t (1 partitions, replication 1)');
    const live = renderComment(evaluation([]), { target: 'prod', operations: [], notices: [] }, [create]);
    expect(live).toContain('✅ The cluster already matches: merging changes nothing on it.');
    expect(live).not.toContain('+ create topic t');
  });

  it('mentions the well-formed Informed parties once, last', () => {
    const text = renderComment(evaluation([], ['@acme/bi', 'carol', 'not a login']));
    expect(text.endsWith('\n\ncc @acme/bi @carol (Informed)')).toBe(true);
    expect(renderComment(evaluation([], ['not a login']))).not.toContain('cc ');
  });

  it('keeps the sections in order', () => {
    const text = renderComment(
      withReport(
        evaluation([finding(1, 'Bad.')], ['carol']),
        { changes: [added(1)], impact: [impact] },
        {
          accepted: [{ productId: 'p', by: 'alice', reason: 'r', source: 's' }],
        },
      ),
      undefined,
      [create],
    );
    expect(sections(text)).toEqual([
      '### Changes',
      '### Findings',
      '### Impact on consumers',
      '### Approvals',
      '### Accepted breaking changes',
      '### Plan for merge',
    ]);
  });

  it('fits GitHub’s comment limit, shortening the long parts', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => finding(i));
    const text = renderComment(evaluation(findings));
    expect(text.length).toBeLessThanOrEqual(65_000);
    expect(text.startsWith(commentMarker)).toBe(true);
    expect(text).toMatch(/… and \d+ more findings in the check run\./);
  });
});
