import { describe, expect, it } from 'vitest';
import { reviewersFor } from '../../../src/github/publish/reviewers.js';
import type { RequirementResult } from '../../../src/policy/evaluate-approvals.js';
import { evaluation } from '../helpers/evaluation.js';

function approval(status: RequirementResult['status'], parties: string[]): RequirementResult {
  return {
    requirement: { id: `owner:${parties.join(',')}`, reasons: [], parties, count: 1, covers: [] },
    status,
    approvedBy: [],
    stale: [],
    blockedBy: [],
    explanation: '',
  };
}

const withApprovals = (approvals: RequirementResult[]) => ({ ...evaluation([]), approvals });

describe('reviewersFor', () => {
  it("asks the users and the organisation's teams of pending requirements only", () => {
    const e = withApprovals([
      approval('pending', ['alice', '@acme/owners']),
      approval('met', ['bob', '@acme/met-team']),
      approval('blocked', ['carol', '@acme/blocked-team']),
    ]);
    expect(reviewersFor(e, 'acme')).toEqual({ users: ['alice'], teams: ['owners'] });
  });

  it("leaves out other organisations' teams, matching the organisation case-insensitively", () => {
    const e = withApprovals([approval('pending', ['@Acme/owners', '@other/team', '@ACME/stewards'])]);
    expect(reviewersFor(e, 'acme')).toEqual({ users: [], teams: ['owners', 'stewards'] });
    expect(reviewersFor(e, 'other')).toEqual({ users: [], teams: ['team'] });
  });

  it('leaves out a team reference without a slug', () => {
    const e = withApprovals([approval('pending', ['@acme', '@acme/', 'dave'])]);
    expect(reviewersFor(e, 'acme')).toEqual({ users: ['dave'], teams: [] });
  });

  it('names each user and team once, in first-seen order', () => {
    const e = withApprovals([
      approval('pending', ['bob', '@acme/owners', 'alice']),
      approval('pending', ['alice', '@acme/owners', 'bob']),
    ]);
    expect(reviewersFor(e, 'acme')).toEqual({ users: ['bob', 'alice'], teams: ['owners'] });
  });

  it('asks nobody when nothing is pending', () => {
    expect(reviewersFor(withApprovals([approval('met', ['bob'])]), 'acme')).toEqual({ users: [], teams: [] });
  });
});
