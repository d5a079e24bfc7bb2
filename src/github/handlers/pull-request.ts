import type { Context, Probot } from 'probot';
import type { AppState } from '../flows/pull-request.js';
import { evaluateAndPublish } from '../flows/pull-request.js';
import { pullRequestRef } from '../types.js';
import { logger } from './logger.js';

/** New commits, a reopened or readied PR, or a new base branch: evaluate the pull request again. */
export function registerPullRequest(app: Probot, state: AppState): void {
  const events = [
    'pull_request.opened',
    'pull_request.synchronize',
    'pull_request.reopened',
    'pull_request.ready_for_review',
    'pull_request.edited',
  ] as const;
  app.on([...events], async (context: Context<(typeof events)[number]>) => {
    const payload = context.payload;
    // An edit of the title or body changes nothing the app judges; a new base branch changes everything.
    if (payload.action === 'edited' && !('base' in (payload.changes ?? {}))) return;
    const pr = pullRequestRef(context.repo(), payload.pull_request);
    await evaluateAndPublish(context.octokit, pr, state, logger(context.log));
  });
}
