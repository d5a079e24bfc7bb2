import type { Context, Probot } from 'probot';
import { evaluatePullRequest } from '../../policy/evaluate-pull-request.js';
import { evaluateCatalogs } from '../read/catalog-cache.js';
import { ensureCheckRuns } from '../publish/ensure.js';
import { reportThenRethrow } from '../failure.js';
import type { AppState } from '../flows/pull-request.js';
import { checkNames, renderChecksRun, renderFailureRun } from '../../render/check-runs.js';
import type { PullRequestRef } from '../types.js';

/**
 * A merge queue's candidate commit gets the same checks against the queue's base. Approvals were required on
 * each pull request before it could enter the queue, so the approvals check passes here and says so.
 */
export function registerMergeGroup(app: Probot, state: AppState): void {
  app.on('merge_group.checks_requested', async (context: Context<'merge_group.checks_requested'>) => {
    const group = context.payload.merge_group;
    const ref: PullRequestRef = {
      ...context.repo(),
      number: 0,
      baseSha: group.base_sha,
      baseRef: group.base_ref.replace(/^refs\/heads\//, ''),
      defaultBranch: context.payload.repository?.default_branch ?? '',
      headSha: group.head_sha,
      author: '',
      fork: false,
      draft: false,
      requestedUsers: [],
      requestedTeams: [],
    };
    const approvals = {
      name: checkNames.approvals,
      conclusion: 'success' as const,
      title: 'Approved before queueing',
      summary: 'Each pull request in this merge group met its approvals before it entered the queue.',
      annotations: [],
    };
    try {
      const report = evaluateCatalogs(await state.cache.snapshot(context.octokit, ref), state.today());
      const evaluation = evaluatePullRequest(report, {
        author: '',
        reviews: [],
        teams: new Map(),
        changedSince: new Map(),
        comments: [],
      });
      await ensureCheckRuns(context.octokit, ref, [renderChecksRun(evaluation), approvals]);
    } catch (error) {
      await reportThenRethrow(error, () =>
        ensureCheckRuns(context.octokit, ref, [renderFailureRun(checkNames.checks, error), approvals]),
      );
    }
  });
}
