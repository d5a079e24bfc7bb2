import { recordOutcomes } from '../../audit/outcomes.js';
import type { AuditRecord } from '../../audit/record.js';
import { describeChange } from '../../catalog/describe-change.js';
import { breakingChangeRuleId } from '../../rules/registry.js';
import type { Review } from '../../policy/evaluate-approvals.js';
import type { CommentPayload } from '../read/comments.js';
import type { Evaluation } from '../../policy/evaluate-pull-request.js';
import { applyStatus, type ApplyReport } from '../../render/apply-report.js';

/** The merged pull request as the audit record names it. */
export interface MergedPullRequest {
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly author: string;
  readonly mergedAt?: string;
  readonly baseSha: string;
  readonly headSha: string;
}

export interface RecordInput {
  readonly mergeCommit: string;
  /** Who pushed (for a merge: who merged). */
  readonly pusher: string;
  readonly pr?: MergedPullRequest;
  /** The pull request's verdict at merge, with the reviews and comments it was made from. */
  readonly review?: {
    readonly evaluation: Evaluation;
    readonly reviews: readonly Review[];
    readonly comments: readonly CommentPayload[];
  };
  readonly apply?: { readonly report: ApplyReport; readonly cluster: string };
  /** Promotion: each declared environment this run applied, in promotion order. */
  readonly environments?: readonly {
    readonly environment: string;
    readonly report: ApplyReport;
    readonly cluster?: string;
  }[];
}

/** Pure: everything an auditor asks about one merge, from what the App saw and did. */
export function auditRecordFor(input: RecordInput): AuditRecord {
  const { pr, review, apply } = input;
  const outcomes = apply?.report.kind === 'applied' ? apply.report.outcomes : [];
  const environments = input.environments ?? [];
  const perEnvironment = environments.map((e) =>
    recordOutcomes(e.report.kind === 'applied' ? e.report.outcomes : [], e.environment),
  );
  const own = recordOutcomes(outcomes);
  return {
    ...(pr ? { pr: pr.number, url: pr.url, title: pr.title } : {}),
    author: pr?.author ?? input.pusher,
    mergedBy: input.pusher,
    ...(pr?.mergedAt ? { mergedAt: pr.mergedAt } : {}),
    mergeCommit: input.mergeCommit,
    ...(pr ? { baseCommit: pr.baseSha, headCommit: pr.headSha } : {}),
    changes: review ? review.evaluation.report.changes.map(describeChange) : [],
    approvals: review ? approvalsOf(review.evaluation, review.reviews) : [],
    waivers: review ? waiversOf(review.evaluation, review.comments) : [],
    ...(apply ? { apply: { status: applyStatus(apply.report), at: apply.report.at, cluster: apply.cluster } } : {}),
    ...(environments.length > 0
      ? {
          environments: environments.map((e) => ({
            environment: e.environment,
            status: applyStatus(e.report),
            at: e.report.at,
            ...(e.cluster === undefined ? {} : { cluster: e.cluster }),
          })),
        }
      : {}),
    operations: [...own.operations, ...perEnvironment.flatMap((r) => r.operations)],
    subjects: [...own.subjects, ...perEnvironment.flatMap((r) => r.subjects)],
    topics: [...new Set([...own.topics, ...perEnvironment.flatMap((r) => r.topics)])],
  };
}

/** Each met requirement's approvers, with the time and commit of the approval that counted (their latest). */
function approvalsOf(evaluation: Evaluation, reviews: readonly Review[]): AuditRecord['approvals'] {
  return evaluation.approvals
    .filter((a) => a.status === 'met')
    .flatMap((a) =>
      a.approvedBy.flatMap((login) => {
        const latest = reviews
          .filter((r) => r.state === 'APPROVED' && r.reviewer.toLowerCase() === login.toLowerCase())
          .at(-1);
        return latest
          ? [{ requirement: a.requirement.id, by: login, at: latest.submittedAt, commit: latest.commit }]
          : [];
      }),
    );
}

function waiversOf(evaluation: Evaluation, comments: readonly CommentPayload[]): AuditRecord['waivers'] {
  return evaluation.accepted.map((w) => ({
    rule: breakingChangeRuleId,
    product: w.productId,
    by: w.by,
    at: comments.find((c) => c.html_url === w.source)?.created_at ?? 'unknown',
    reason: w.reason,
  }));
}
