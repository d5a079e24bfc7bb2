import { describe, expect, it } from 'vitest';
import { evaluateApprovals, type ApprovalContext, type Review } from '../../src/policy/evaluate-approvals.js';
import type { Requirement } from '../../src/policy/requirements.js';

const orders: Requirement = {
  id: 'owner:commerce/orders',
  reasons: ['changes to commerce/orders'],
  parties: ['@acme/orders', 'carol'],
  count: 1,
  covers: ['catalog/commerce/orders/'],
};
const shipping: Requirement = {
  id: 'owner:logistics/shipments',
  reasons: ['changes'],
  parties: ['@acme/shipping'],
  count: 1,
  covers: ['catalog/logistics/shipments/'],
};

const teams = new Map([
  ['@acme/orders', ['alice', 'mallory']],
  ['@acme/shipping', ['bob']],
]);

/** Commits c1 → c2 → c3 (head); c2 touched shipments only, c3 touched orders. */
const changedSince = (commit: string): ReadonlySet<string> | undefined =>
  ({
    c1: new Set(['catalog/logistics/shipments/product.yaml', 'catalog/commerce/orders/schemas/order.avsc']),
    c2: new Set(['catalog/commerce/orders/schemas/order.avsc']),
    c3: new Set<string>(),
  })[commit];

function review(reviewer: string, state: Review['state'], commit: string, minute: number): Review {
  return { reviewer, state, commit, submittedAt: `2026-11-22T10:${String(minute).padStart(2, '0')}:00Z` };
}

function evaluate(reviews: Review[], author = 'mallory', requirements = [orders, shipping]) {
  const ctx: ApprovalContext = { author, reviews, teams, changedSince };
  return evaluateApprovals(requirements, ctx).map((r) => ({
    id: r.requirement.id,
    status: r.status,
    approvedBy: r.approvedBy,
    stale: r.stale,
    blockedBy: r.blockedBy,
  }));
}

describe('evaluateApprovals', () => {
  it('ignores the author’s own approval even when the author is in the owning team', () => {
    const [result] = evaluate([review('mallory', 'APPROVED', 'c3', 1)]);
    expect(result).toMatchObject({ status: 'pending', approvedBy: [] });
  });

  it('counts a team member’s approval on the head commit', () => {
    expect(evaluate([review('alice', 'APPROVED', 'c3', 1)])[0]).toMatchObject({ status: 'met', approvedBy: ['alice'] });
  });

  it('counts a user named directly as a party', () => {
    expect(evaluate([review('Carol', 'APPROVED', 'c3', 1)])[0]).toMatchObject({ status: 'met', approvedBy: ['Carol'] });
  });

  it('makes an approval stale when a later commit touches the approved product', () => {
    const [result] = evaluate([review('alice', 'APPROVED', 'c2', 1)]);
    expect(result).toMatchObject({ status: 'pending', approvedBy: [], stale: [{ reviewer: 'alice', commit: 'c2' }] });
  });

  it('keeps an approval valid when later commits touch only another product', () => {
    const results = evaluate([review('bob', 'APPROVED', 'c2', 1)]);
    expect(results[1]).toMatchObject({ id: 'owner:logistics/shipments', status: 'met', approvedBy: ['bob'] });
  });

  it('re-requires only the party whose product changed', () => {
    const results = evaluate([review('alice', 'APPROVED', 'c1', 1), review('bob', 'APPROVED', 'c1', 2)]);
    expect(results.map((r) => r.status)).toEqual(['pending', 'pending']);
    const later = evaluate([review('alice', 'APPROVED', 'c2', 1), review('bob', 'APPROVED', 'c2', 2)]);
    expect(later.map((r) => r.status)).toEqual(['pending', 'met']);
  });

  it('treats an approval of an unknown (force-pushed) commit as stale', () => {
    expect(evaluate([review('alice', 'APPROVED', 'gone', 1)])[0]).toMatchObject({
      status: 'pending',
      stale: [{ reviewer: 'alice', commit: 'gone' }],
    });
  });

  it('blocks on changes requested until the same party approves again', () => {
    expect(
      evaluate([review('alice', 'CHANGES_REQUESTED', 'c3', 1), review('carol', 'APPROVED', 'c3', 2)])[0],
    ).toMatchObject({ status: 'blocked', blockedBy: ['alice'] });
    expect(
      evaluate([review('alice', 'CHANGES_REQUESTED', 'c3', 1), review('alice', 'APPROVED', 'c3', 2)])[0],
    ).toMatchObject({ status: 'met' });
  });

  it('lets a comment change nothing and a dismissal withdraw the review', () => {
    expect(evaluate([review('alice', 'APPROVED', 'c3', 1), review('alice', 'COMMENTED', 'c3', 2)])[0]).toMatchObject({
      status: 'met',
    });
    expect(evaluate([review('alice', 'APPROVED', 'c3', 1), review('alice', 'DISMISSED', 'c3', 2)])[0]).toMatchObject({
      status: 'pending',
    });
  });

  it('ignores reviewers who are not parties of the requirement', () => {
    expect(evaluate([review('bob', 'APPROVED', 'c3', 1)])[0]).toMatchObject({ status: 'pending' });
  });

  it('explains a requirement nobody in the base can satisfy', () => {
    const nobody: Requirement = { ...orders, id: 'governance', parties: [] };
    const [result] = evaluateApprovals([nobody], { author: 'x', reviews: [], teams, changedSince });
    expect(result?.explanation).toBe(
      'Nobody in the base branch can approve this; add owners first in a separate pull request.',
    );
  });
});
