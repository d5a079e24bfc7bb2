import type { Logger } from '../../core/logger.js';
import type { ApplyTarget } from '../read/apply-target.js';
import { statusOf } from '../call.js';
import { reportThenRethrow } from '../failure.js';
import { evaluatePullRequest, type Evaluation } from '../../policy/evaluate-pull-request.js';
import { evaluateCatalogs, type CatalogCache, type CatalogSnapshot } from '../read/catalog-cache.js';
import type { Operation } from '../../plan/operations.js';
import { previewPlan } from '../../plan/preview.js';
import type { CommentPayload } from '../read/comments.js';
import { ensureCheckRuns, ensureComment, ensureReviewRequests } from '../publish/ensure.js';
import { listComments, listReviews, readReviewSnapshot } from '../read/gather.js';
import { checkNames, renderApprovalsRun, renderChecksRun, renderFailureRun } from '../../render/check-runs.js';
import { livePlanTarget, planLive, type LivePlan } from './live-plan.js';
import { renderComment } from '../../render/comment.js';
import { reviewersFor } from '../publish/reviewers.js';
import type { KeyedQueue, Limiter } from '../serialize.js';
import type { GitHub, PullRequestRef } from '../types.js';

/** What the handlers share for the life of the app. */
export interface AppState {
  readonly cache: CatalogCache;
  /** One evaluation at a time per pull request. */
  readonly queue: KeyedQueue;
  /** A few evaluations at a time in all. */
  readonly limiter: Limiter;
  /** Today, `YYYY-MM-DD`, for date rules. */
  readonly today: () => string;
  /** Now, as an ISO timestamp, for apply reports and audit records. */
  readonly now: () => string;
  /** The cluster and the repository allowed to change it; undefined when the App only evaluates. */
  readonly target: ApplyTarget | undefined;
}

/**
 * Gathers everything read-only, then evaluates: the catalogs (cached by commits), reviews, comments, teams, and
 * the plan against the live cluster when this pull request gets one (live-plan.ts).
 */
export async function gatherAndEvaluate(gh: GitHub, pr: PullRequestRef, state: AppState) {
  const [catalogs, reviews, comments] = await Promise.all([
    state.cache.snapshot(gh, pr),
    listReviews(gh, pr),
    listComments(gh, pr),
  ]);
  const target = livePlanTarget(state.target, pr, catalogs);
  // The live plan reads the cluster while GitHub answers the remaining reads; it never rejects.
  const live = target ? planLive(target, catalogs) : Promise.resolve(undefined);
  const report = evaluateCatalogs(catalogs, state.today());
  const evaluation = evaluatePullRequest(report, await readReviewSnapshot(gh, pr, report, reviews, comments));
  const planned = await live;
  const preview = planned && 'operations' in planned ? [] : previewOf(catalogs);
  return { evaluation, comments, reviews, live: planned, preview };
}

/** The plan against the base catalog, shown when no live plan is: nothing when the head catalog has errors. */
function previewOf(catalogs: CatalogSnapshot): Operation[] {
  if (catalogs.head.findings.some((f) => f.severity === 'error')) return [];
  return previewPlan(catalogs.base.catalog, catalogs.head.catalog, catalogs.touched);
}

/** Check runs, the sticky comment and, for pull requests from the same repository, review requests. */
async function publish(
  gh: GitHub,
  pr: PullRequestRef,
  evaluation: Evaluation,
  comments: readonly CommentPayload[],
  plan: { readonly live: LivePlan | undefined; readonly preview: readonly Operation[] },
  log: Logger,
): Promise<void> {
  const { live, preview } = plan;
  if (live && 'unavailable' in live)
    log.warn(`Live plan for ${pr.owner}/${pr.repo}#${pr.number} unavailable`, { error: live.unavailable });
  await ensureCheckRuns(gh, pr, [renderChecksRun(evaluation, live), renderApprovalsRun(evaluation)]);
  await ensureComment(gh, pr, comments, renderComment(evaluation, live, preview));
  // A fork's pull request gets checks and the comment only: its author controls the head, so nothing more.
  // A draft asks nobody yet; ready_for_review evaluates again and asks then.
  if (pr.fork || pr.draft) return;
  try {
    await ensureReviewRequests(gh, pr, reviewersFor(evaluation, pr.owner));
  } catch (error) {
    // GitHub refuses (422) reviewers who are not collaborators; the verdict stands and the comment names them.
    if (statusOf(error) !== 422) throw error;
    log.warn(`Could not request reviews on ${pr.owner}/${pr.repo}#${pr.number}`, { error: String(error) });
  }
}

/**
 * Evaluates one pull request and publishes the verdict, one event at a time per pull request. On any failure
 * both checks fail with what happened (never left pending), and the error is rethrown for the handler to log
 * (failure.ts); if the checks cannot be written either, the error rethrown still names the first failure.
 */
export function evaluateAndPublish(gh: GitHub, pr: PullRequestRef, state: AppState, log: Logger): Promise<void> {
  return state.queue.run(`${pr.owner}/${pr.repo}#${pr.number}`, () =>
    state.limiter.run(async () => {
      try {
        const { evaluation, comments, live, preview } = await gatherAndEvaluate(gh, pr, state);
        await publish(gh, pr, evaluation, comments, { live, preview }, log);
      } catch (error) {
        await reportThenRethrow(error, () =>
          ensureCheckRuns(gh, pr, [
            renderFailureRun(checkNames.checks, error),
            renderFailureRun(checkNames.approvals, error),
          ]),
        );
      }
    }),
  );
}
