import type { Context, Probot } from 'probot';
import { evaluateAndPublish, type AppState } from '../flows/pull-request.js';
import { pullRequestRef } from '../types.js';
import { logger } from './logger.js';

const events = [
  'pull_request_review.submitted',
  'pull_request_review.dismissed',
  'pull_request_review.edited',
] as const;

/** A review can meet, block or withdraw an approval: re-evaluate (the catalogs come from the cache). */
export function registerReview(app: Probot, state: AppState): void {
  app.on([...events], async (context: Context<(typeof events)[number]>) => {
    const pr = pullRequestRef(context.repo(), context.payload.pull_request);
    await evaluateAndPublish(context.octokit, pr, state, logger(context.log));
  });
}
