import type { Context, Probot } from 'probot';
import { targets } from '../read/apply-target.js';
import { applyMergedCommit } from '../flows/merge.js';
import { applyBranchOf } from '../read/merged-commit.js';
import type { Catalog } from '../../catalog/model.js';
import { applyingEnvironments } from '../../catalog/environments.js';
import type { AppState } from '../flows/pull-request.js';
import { logger } from './logger.js';

/**
 * A push to the applying branch (a merge, usually) is applied and recorded. Pushes to other branches, tags and
 * branch deletions are ignored, after one read of the default branch's settings to learn which branch applies.
 */
export function registerPush(app: Probot, state: AppState): void {
  app.on('push', async (context: Context<'push'>) => {
    const payload = context.payload;
    const branch = /^refs\/heads\/(.+)$/.exec(payload.ref)?.[1];
    if (!branch || payload.deleted || /^0+$/.test(payload.after)) return;
    const repo = context.repo();
    const required = targets(state.target, repo);
    const seen: { settings?: Catalog['settings'] } = {};
    const applyBranch = await applyBranchOf(context.octokit, repo, payload.repository.default_branch, required, seen);
    const { settings } = seen;
    // The applying branch records the merge; a declared environment's `branch` applies that environment too.
    if (applyBranch === undefined) return;
    if (branch !== applyBranch && applyingEnvironments(settings, branch).length === 0) return;
    await applyMergedCommit(
      context.octokit,
      {
        ...repo,
        sha: payload.after,
        pusher: payload.sender?.login ?? payload.pusher.name,
        branch,
        ...(settings ? { settings } : {}),
      },
      state,
      logger(context.log),
    );
  });
}
