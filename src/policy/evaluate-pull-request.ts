import { waiverRequests, type PullRequestComment } from './comments.js';
import { evaluateApprovals, type RequirementResult, type Review } from './evaluate-approvals.js';
import type { ChangeReport } from './evaluate-change.js';
import { applyWaivers, type WaivedReport } from './waivers.js';

/**
 * What reviews, comments and team memberships say about a pull request, as plain data read once per evaluation:
 * the App reads it from GitHub, `steward check --reviews FILE` from a file and local git.
 */
export interface ReviewSnapshot {
  /** The pull request's author: never an approver, never a waiver's author. */
  readonly author: string;
  /** Every review, in any order: who reviewed which commit, when, and how. */
  readonly reviews: readonly Review[];
  /** Team (`@org/team`, lower case) → member logins. A team that is absent has no members. */
  readonly teams: ReadonlyMap<string, readonly string[]>;
  /**
   * Paths changed between each reviewed commit and the head (none for the head itself). A commit that is absent,
   * or maps to undefined, is unknown (force-pushed away, or its list was cut short): its approvals are stale.
   */
  readonly changedSince: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  /** The pull request's comments: `/steward accept-breaking` in a trusted one requests a waiver. */
  readonly comments: readonly PullRequestComment[];
}

/** The whole verdict on a pull request: the (waived) change report and the state of each approval. */
export interface Evaluation extends WaivedReport {
  readonly approvals: readonly RequirementResult[];
}

/**
 * Pure: the waivers that count, then each requirement's state. The requirements are the report's, drawn from
 * the base, so nothing the pull request changes in the RACI can approve or waive it; the author never counts;
 * an approval counts only if nothing it covers changed after the commit it saw.
 */
export function evaluatePullRequest(report: ChangeReport, snapshot: ReviewSnapshot): Evaluation {
  const waived = applyWaivers(report, waiverRequests(snapshot.comments), snapshot);
  const approvals = evaluateApprovals(waived.report.approvals.requirements, {
    author: snapshot.author,
    reviews: snapshot.reviews,
    teams: snapshot.teams,
    changedSince: (commit) => snapshot.changedSince.get(commit),
  });
  return { ...waived, approvals };
}

/** Team parties (`@org/team`) the requirements of a report name: the memberships an evaluation must resolve. */
export function teamsToResolve(report: ChangeReport): string[] {
  const parties = report.approvals.requirements.flatMap((r) => r.parties);
  return [...new Set(parties.filter((p) => p.startsWith('@') && p.includes('/')).map((p) => p.toLowerCase()))];
}

/** The commits approvals were given on: the ones whose changes since an evaluation must know. */
export function approvedCommits(reviews: readonly Review[]): string[] {
  return [...new Set(reviews.filter((r) => r.state === 'APPROVED').map((r) => r.commit))];
}
