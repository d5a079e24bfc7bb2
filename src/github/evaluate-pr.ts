import type { LoadResult } from '../catalog/load.js';
import { evaluateApprovals, type Review, type RequirementResult } from '../policy/evaluate-approvals.js';
import { evaluateChange, type ChangeReport } from '../policy/evaluate-change.js';
import { applyWaivers, type WaivedReport, type WaiverRequest } from '../policy/waivers.js';
import type { SchemaHistories } from '../catalog/schema-history.js';

export interface CatalogSnapshot {
  readonly base: LoadResult;
  readonly head: LoadResult;
  /** The schema history of each touched product up to the merge base (see `CatalogSources`). */
  readonly history: SchemaHistories;
  /**
   * Products (ids) whose folder `catalog/<id>/` holds a changed path, in the head or the base catalog: the ones
   * loaded with their schemas, and the scope of the live plan.
   */
  readonly touched: ReadonlySet<string>;
}

/** What reviews, comments and team memberships say about a pull request, read once per evaluation. */
export interface ReviewSnapshot {
  readonly author: string;
  readonly reviews: readonly Review[];
  readonly teams: ReadonlyMap<string, readonly string[]>;
  readonly changedSince: (commit: string) => ReadonlySet<string> | undefined;
  readonly waivers: readonly WaiverRequest[];
}

/** The whole verdict on a pull request: the (waived) change report and the state of each approval. */
export interface Evaluation extends WaivedReport {
  readonly approvals: readonly RequirementResult[];
}

/** Reports by snapshot: the evaluation is pure, so a review or a comment on the same commits reuses it. */
const reports = new WeakMap<CatalogSnapshot, { readonly today: string; readonly report: ChangeReport }>();

export function evaluateCatalogs(snapshot: CatalogSnapshot, today: string): ChangeReport {
  const known = reports.get(snapshot);
  if (known?.today === today) return known.report;
  const report = evaluateChange({ base: snapshot.base, head: snapshot.head, history: snapshot.history, today });
  reports.set(snapshot, { today, report });
  return report;
}

/** Pure: the change report, the waivers that count, and each requirement's state. */
export function evaluatePullRequest(report: ChangeReport, reviews: ReviewSnapshot): Evaluation {
  const waived = applyWaivers(report, reviews.waivers, reviews);
  const approvals = evaluateApprovals(waived.report.approvals.requirements, reviews);
  return { ...waived, approvals };
}

/** Team parties (`@org/team`) the requirements of a report name: the memberships an evaluation must resolve. */
export function teamsToResolve(report: ChangeReport): string[] {
  const parties = report.approvals.requirements.flatMap((r) => r.parties);
  return [...new Set(parties.filter((p) => p.startsWith('@') && p.includes('/')).map((p) => p.toLowerCase()))];
}

/**
 * Who can satisfy a pending requirement: its users, and its teams of the repository's organisation (GitHub
 * requests reviews only from those). The author is left out by the caller, which knows who is already asked.
 */
export function reviewersFor(evaluation: Evaluation, org: string): { users: string[]; teams: string[] } {
  const parties = evaluation.approvals.filter((a) => a.status === 'pending').flatMap((a) => a.requirement.parties);
  const users = parties.filter((p) => !p.startsWith('@'));
  const teams = parties.flatMap((p) => {
    const [owner = '', slug = ''] = p.slice(1).split('/');
    return p.startsWith('@') && slug && owner.toLowerCase() === org.toLowerCase() ? [slug] : [];
  });
  return { users: [...new Set(users)], teams: [...new Set(teams)] };
}
