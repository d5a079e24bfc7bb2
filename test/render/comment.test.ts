import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { Operation } from '../../src/plan/operations.js';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import { approvalsTable } from '../../src/render/check-runs.js';
import { commentMarker, renderComment } from '../../src/render/comment.js';
import { evaluation, finding } from '../github/helpers/evaluation.js';

const at = { path: 'catalog/d/p/product.yaml', line: 1, column: 1 };
const added = (id: string): Change => ({ kind: 'product-added', productId: id, location: at });
const pending: RequirementResult = {
  requirement: { id: 'owner:p', reasons: ['owner'], parties: ['alice'], count: 1, covers: [] },
  status: 'pending',
  approvedBy: [],
  stale: [],
  blockedBy: [],
  explanation: 'Waiting for alice.',
};
const grow: Operation = { kind: 'add-partitions', resource: 'topic:t', from: 1, to: 2 };
const sections = (text: string) => text.split(/\n\n(?=### |cc )/);

describe('renderComment', () => {
  it('starts with the marker and the verdict, and lists the approvals even when none are needed', () => {
    expect(renderComment(evaluation([]))).toBe(
      `${commentMarker}\n## Mesh Steward\n\n✅ **Checks pass.** ✅ **Approvals complete.** No problems found.\n\n` +
        '### Approvals\n\nThis change needs no approval.',
    );
  });

  it('says checks fail and how many approvals are pending', () => {
    const e: Evaluation = { ...evaluation([finding(1, 'Bad.')]), approvals: [pending, pending] };
    expect(renderComment(e).split('\n')[3]).toBe(
      '❌ **Checks fail.** ⏳ **2 approvals pending.** 1 error, 0 warnings, 0 notices in 1 file.',
    );
    expect(renderComment({ ...e, approvals: [pending] }).split('\n')[3]).toContain('⏳ **1 approval pending.**');
  });

  it('lists the changes, folding them above ten', () => {
    const e = evaluation([]);
    const few = renderComment({ ...e, report: { ...e.report, changes: [added('a_b'), added('c')] } });
    expect(sections(few)[1]).toBe('### Changes\n\n- New product a\\_b.\n- New product c.');
    const many = Array.from({ length: 11 }, (_, i) => added(`p${i}`));
    const folded = renderComment({ ...e, report: { ...e.report, changes: many } });
    expect(sections(folded)[1]).toBe(
      `### Changes\n\n<details><summary>11 changes</summary>\n\n${many.map((_, i) => `- New product p${i}.`).join('\n')}\n\n</details>`,
    );
  });

  it('tables the findings with the blocking count, open up to twenty', () => {
    const f = { ...finding(1, 'Use <b>|pipes|</b>.'), severity: 'warning' as const };
    const text = renderComment(evaluation([finding(2, 'Bad.'), f]));
    expect(sections(text)[1]).toBe(
      '### Findings\n\n<details open><summary>2 findings (1 blocking)</summary>\n\n' +
        '|  | Rule | Where | What and how to fix it |\n| --- | --- | --- | --- |\n' +
        '| ❌ | `REQUIRED_METADATA` | catalog/d/p2/product.yaml:3 | Bad. |\n' +
        '| ⚠️ | `REQUIRED_METADATA` | catalog/d/p1/product.yaml:2 | Use &lt;b&gt;\\|pipes\\|&lt;/b&gt;. |\n\n</details>',
    );
    const closed = renderComment(evaluation(Array.from({ length: 21 }, (_, i) => finding(i, 'x'))));
    expect(closed).toContain('### Findings\n\n<details><summary>21 findings (21 blocking)</summary>');
  });

  it('tables the impact on consumers', () => {
    const e = evaluation([]);
    const impact = [
      {
        productId: 'orders',
        port: 'events',
        change: 'schema-changed' as const,
        breaking: true,
        consumers: [
          { productId: 'billing', depth: 1, via: 'orders', accountable: [] },
          { productId: 'reports', depth: 2, via: 'billing', accountable: [] },
        ],
      },
    ];
    expect(sections(renderComment({ ...e, report: { ...e.report, impact } }))[1]).toBe(
      '### Impact on consumers\n\n<details open><summary>1 port reaches consumers</summary>\n\n' +
        '| Port | Change | Effect | Consumers |\n| --- | --- | --- | --- |\n' +
        '| orders\\#events | schema-changed | **breaking** | billing, reports \\(via billing\\) |\n\n</details>',
    );
  });

  it('shows the approvals table, accepted and ignored waivers, then the plan and the informed parties', () => {
    const base = evaluation([], ['carol', 'not a login', '@org/team']);
    const e: Evaluation = {
      ...base,
      approvals: [pending],
      accepted: [
        { productId: 'orders', by: 'alice', reason: 'done *now*', source: 'https://github.com/o/r/pull/1#c 2' },
      ],
      ignored: [{ request: { by: 'eve', reason: 'x', source: 's' }, why: 'eve is not accountable' }],
    };
    const parts = sections(renderComment(e, undefined, [grow]));
    expect(parts.slice(1, 2)).toEqual([`### Approvals\n\n${approvalsTable([pending], Infinity)}`]);
    expect(parts[2]).toBe(
      '### Accepted breaking changes\n\n' +
        '- ✅ Breaking change of orders accepted by `alice`: “done \\*now\\*” ([comment](https://github.com/o/r/pull/1#c%202))\n' +
        "- ✖️ Not counted: `eve`'s waiver, because eve is not accountable.",
    );
    expect(parts[3]).toMatch(/^### Plan for merge\n\n_Planned against the base catalog/);
    expect(parts[3]).toContain('~ add partitions to topic t: 1 → 2');
    expect(parts[4]).toBe('cc @carol @org/team (Informed)');
    expect(parts).toHaveLength(5);
  });

  it('shows the live plan instead of the preview when the cluster was read', () => {
    const text = renderComment(evaluation([]), { target: 'prod', operations: [], notices: [] }, [grow]);
    expect(text).toContain('#### Plan against prod');
    expect(text).toContain('✅ The cluster already matches: merging changes nothing on it.');
    expect(text).not.toContain('add partitions');
  });

  it('fits under the comment limit, shrinking the long sections first', () => {
    const long = 'A very long explanation of the problem. '.repeat(30);
    const text = renderComment(evaluation(Array.from({ length: 400 }, (_, i) => finding(i, long))));
    expect(text.length).toBeLessThanOrEqual(65_000);
    expect(text.startsWith(commentMarker)).toBe(true);
    expect(text).toMatch(/… and \d+ more findings in the check run\./);
    expect(text).toContain('### Approvals');
  });
});
