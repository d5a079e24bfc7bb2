import { describe, expect, it } from 'vitest';
import { auditRecordFor, type MergedPullRequest, type RecordInput } from '../../../src/github/flows/audit-record.js';
import type { Outcome } from '../../../src/apply/executor.js';
import type { Change } from '../../../src/catalog/diff.js';
import type { Review } from '../../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../../src/policy/evaluate-pull-request.js';
import { evaluation } from '../helpers/evaluation.js';
import { comment } from '../helpers/payloads.js';

const MERGE = 'd'.repeat(40);
const pr: MergedPullRequest = {
  number: 4,
  url: 'https://github.com/acme/mesh/pull/4',
  title: 'Add channel',
  author: 'alice',
  mergedAt: '2026-11-22T11:59:00Z',
  baseSha: 'b'.repeat(40),
  headSha: 'c'.repeat(40),
};
const at = { path: 'catalog/commerce/orders/product.yaml', line: 1, column: 1 };
const changes: Change[] = [
  { kind: 'product-added', productId: 'commerce/orders', location: at },
  { kind: 'metadata-changed', productId: 'logistics/shipments', fields: ['description'], location: at },
];

function requirement(id: string, status: 'met' | 'pending', approvedBy: string[]) {
  const parties = ['@acme/owners'];
  return {
    requirement: { id, reasons: [], parties, count: 1, covers: [] },
    status,
    approvedBy,
    stale: [],
    blockedBy: [],
    explanation: '',
  };
}

const review = (reviewer: string, state: Review['state'], commit: string, submittedAt: string): Review => ({
  reviewer,
  state,
  commit,
  submittedAt,
});

describe('auditRecordFor', () => {
  it('names only the merge and its pusher for a direct push without apply', () => {
    expect(auditRecordFor({ mergeCommit: MERGE, pusher: 'root' })).toEqual({
      author: 'root',
      mergedBy: 'root',
      mergeCommit: MERGE,
      changes: [],
      approvals: [],
      waivers: [],
      operations: [],
      subjects: [],
      topics: [],
    });
  });

  it('names the pull request, its commits and its author; merged-at only when known', () => {
    const record = auditRecordFor({ mergeCommit: MERGE, pusher: 'bob', pr });
    expect(record).toMatchObject({
      pr: 4,
      url: pr.url,
      title: 'Add channel',
      author: 'alice',
      mergedBy: 'bob',
      mergedAt: '2026-11-22T11:59:00Z',
      baseCommit: pr.baseSha,
      headCommit: pr.headSha,
    });
    const unknownTime: MergedPullRequest = { ...pr };
    delete (unknownTime as { mergedAt?: string }).mergedAt;
    expect('mergedAt' in auditRecordFor({ mergeCommit: MERGE, pusher: 'bob', pr: unknownTime })).toBe(false);
  });

  it("takes the changes, each met requirement's approvers at their latest approval, and the waivers", () => {
    const base = evaluation([]);
    const e: Evaluation = {
      ...base,
      report: { ...base.report, changes },
      approvals: [
        requirement('owner:commerce/orders', 'met', ['Carol', 'dave']),
        requirement('consulted:commerce/orders:@acme/sre', 'pending', ['erin']),
      ],
      accepted: [
        {
          productId: 'commerce/orders',
          by: 'frank',
          reason: 'consumers migrated',
          source: comment(9, '', 'frank').html_url,
        },
        { productId: 'logistics/shipments', by: 'gina', reason: 'no consumers', source: 'https://elsewhere' },
      ],
    };
    const reviews = [
      review('carol', 'APPROVED', 'c1', 'T1'),
      review('carol', 'COMMENTED', 'c2', 'T2'),
      review('CAROL', 'APPROVED', 'c3', 'T3'),
      review('carol', 'CHANGES_REQUESTED', 'c4', 'T4'),
      review('erin', 'APPROVED', 'c3', 'T3'),
    ];
    const input: RecordInput = {
      mergeCommit: MERGE,
      pusher: 'bob',
      pr,
      review: {
        evaluation: e,
        reviews,
        comments: [comment(9, '/steward accept-breaking consumers migrated', 'frank')] as never,
      },
    };
    const record = auditRecordFor(input);
    expect(record.changes).toEqual(['New product commerce/orders.', 'logistics/shipments: description changed.']);
    // dave is named as an approver but has no approval among the reviews: nothing to record for him.
    expect(record.approvals).toEqual([{ requirement: 'owner:commerce/orders', by: 'Carol', at: 'T3', commit: 'c3' }]);
    expect(record.waivers).toEqual([
      {
        rule: 'BREAKING_CHANGE_NEEDS_MAJOR',
        product: 'commerce/orders',
        by: 'frank',
        at: '2026-11-22T10:00:00Z',
        reason: 'consumers migrated',
      },
      {
        rule: 'BREAKING_CHANGE_NEEDS_MAJOR',
        product: 'logistics/shipments',
        by: 'gina',
        at: 'unknown',
        reason: 'no consumers',
      },
    ]);
  });

  it("records an apply's status, time and cluster, with its operations, versions and new topics", () => {
    const topic = { name: 'orders.v1', partitions: 3, replicationFactor: 1, configs: {} };
    const outcomes: Outcome[] = [
      { operation: { kind: 'create-topic', resource: 'topic:orders.v1', topic }, status: 'succeeded' },
      {
        operation: {
          kind: 'register-schema',
          resource: 'subject:orders.v1-value',
          schema: '{}',
          references: [],
          previousVersion: undefined,
        },
        status: 'succeeded',
        registered: { id: 7, version: 1 },
      },
      { operation: { kind: 'delete-topic', resource: 'topic:old' }, status: 'failed', message: 'denied' },
    ];
    const record = auditRecordFor({
      mergeCommit: MERGE,
      pusher: 'bob',
      apply: { report: { kind: 'applied', outcomes, notices: [], at: 'T9' }, cluster: 'b1:9092 https://sr' },
    });
    expect(record.apply).toEqual({ status: 'partial', at: 'T9', cluster: 'b1:9092 https://sr' });
    expect(record.operations).toEqual([
      { status: 'ok', kind: 'create-topic', resource: 'topic:orders.v1' },
      { status: 'ok', kind: 'register-schema', resource: 'subject:orders.v1-value' },
      { status: 'failed', kind: 'delete-topic', resource: 'topic:old', detail: 'denied' },
    ]);
    expect(record.subjects).toEqual([{ subject: 'orders.v1-value', version: 1, id: 7 }]);
    expect(record.topics).toEqual(['orders.v1']);
  });

  it('records an apply that did not happen as failed, with no operations', () => {
    const record = auditRecordFor({
      mergeCommit: MERGE,
      pusher: 'bob',
      apply: { report: { kind: 'not-applied', reason: 'unreachable', at: 'T9' }, cluster: 'c' },
    });
    expect(record.apply).toEqual({ status: 'failed', at: 'T9', cluster: 'c' });
    expect(record.operations).toEqual([]);
  });
});
