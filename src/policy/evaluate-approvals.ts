import type { Requirement } from './requirements.js';

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface Review {
  readonly reviewer: string;
  readonly state: ReviewState;
  /** The commit the reviewer saw. */
  readonly commit: string;
  /** ISO time; reviews are taken in this order. */
  readonly submittedAt: string;
}

/** A read-only snapshot of what approval evaluation needs to know about the pull request. */
export interface ApprovalContext {
  readonly author: string;
  readonly reviews: readonly Review[];
  /** Team (`@org/team`, lower case) → member logins. */
  readonly teams: ReadonlyMap<string, readonly string[]>;
  /** Paths changed between a commit and the head; undefined when the commit is unknown (e.g. force-pushed away). */
  readonly changedSince: (commit: string) => ReadonlySet<string> | undefined;
}

export interface RequirementResult {
  readonly requirement: Requirement;
  readonly status: 'met' | 'pending' | 'blocked';
  readonly approvedBy: readonly string[];
  /** Approvals that no longer count because what they covered changed after the reviewed commit. */
  readonly stale: readonly { reviewer: string; commit: string }[];
  readonly blockedBy: readonly string[];
  /** Why, in one sentence: who met it, or on whom it waits. */
  readonly explanation: string;
}

/**
 * Evaluates requirements against reviews. The author never counts; each reviewer's latest decisive review wins
 * (a comment changes nothing, a dismissal withdraws); an approval counts only if nothing it covers changed after
 * the commit it saw; a change request from an eligible party blocks until that party approves again.
 */
export function evaluateApprovals(requirements: readonly Requirement[], ctx: ApprovalContext): RequirementResult[] {
  const latest = latestDecisions(ctx.reviews);
  return requirements.map((requirement) => {
    const eligible = (login: string) =>
      login.toLowerCase() !== ctx.author.toLowerCase() && isParty(login, requirement.parties, ctx.teams);
    const approvedBy: string[] = [];
    const stale: { reviewer: string; commit: string }[] = [];
    const blockedBy: string[] = [];
    for (const review of latest.values()) {
      if (!eligible(review.reviewer)) continue;
      if (review.state === 'CHANGES_REQUESTED') blockedBy.push(review.reviewer);
      else if (isFresh(review, requirement, ctx)) approvedBy.push(review.reviewer);
      else stale.push({ reviewer: review.reviewer, commit: review.commit });
    }
    const status = blockedBy.length > 0 ? 'blocked' : approvedBy.length >= requirement.count ? 'met' : 'pending';
    return {
      requirement,
      status,
      approvedBy,
      stale,
      blockedBy,
      explanation: explain(status, requirement, approvedBy, blockedBy, ctx.author),
    };
  });
}

function latestDecisions(reviews: readonly Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  const ordered = [...reviews].sort((a, b) =>
    a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0,
  );
  for (const review of ordered) {
    const key = review.reviewer.toLowerCase();
    if (review.state === 'COMMENTED') continue;
    if (review.state === 'DISMISSED') latest.delete(key);
    else latest.set(key, review);
  }
  return latest;
}

/** Whether `login` is one of `parties`, directly or through a team (`@org/team`, lower case in `teams`). */
export function isParty(
  login: string,
  parties: readonly string[],
  teams: ReadonlyMap<string, readonly string[]>,
): boolean {
  const user = login.toLowerCase();
  return parties.some((party) => {
    if (!party.startsWith('@')) return party.toLowerCase() === user;
    return (teams.get(party.toLowerCase()) ?? []).some((member) => member.toLowerCase() === user);
  });
}

function isFresh(review: Review, requirement: Requirement, ctx: ApprovalContext): boolean {
  const changed = ctx.changedSince(review.commit);
  if (!changed) return false;
  for (const path of changed)
    if (requirement.covers.some((prefix) => path === prefix || path.startsWith(prefix))) return false;
  return true;
}

function explain(
  status: RequirementResult['status'],
  r: Requirement,
  approvedBy: string[],
  blockedBy: string[],
  author: string,
): string {
  if (status === 'met') return `Approved by ${approvedBy.join(', ')}.`;
  if (status === 'blocked') return `Changes requested by ${blockedBy.join(', ')}; they must approve again.`;
  if (r.parties.length === 0)
    return 'Nobody in the base branch can approve this; add owners first in a separate pull request.';
  const who = r.parties.join(', ');
  const self = r.parties.some((p) => p.toLowerCase() === author.toLowerCase()) ? ` (not ${author}, the author)` : '';
  return `Waiting for ${r.count === 1 ? 'one of' : `${r.count} of`} ${who}${self}.`;
}
