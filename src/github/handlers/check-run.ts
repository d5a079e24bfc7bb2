import type { Context, Probot } from 'probot';
import { evaluateAndPublish, type AppState } from '../pipeline.js';
import { checkNames } from '../render-checks.js';
import { fetchPullRequest } from './fetch-pr.js';
import { logger } from './logger.js';

const ours: readonly string[] = Object.values(checkNames);

/** The Re-run button on either of our checks re-evaluates its pull request. */
export function registerCheckRun(app: Probot, state: AppState): void {
  app.on('check_run.rerequested', async (context: Context<'check_run.rerequested'>) => {
    const run = context.payload.check_run;
    if (!ours.includes(run.name)) return;
    const listed = run.pull_requests.map((p) => p.number);
    // GitHub lists no pull request for a fork's head commit; the run's external id remembers it.
    const numbers =
      listed.length > 0 ? listed : /^[1-9]\d*$/.test(run.external_id ?? '') ? [Number(run.external_id)] : [];
    for (const number of numbers) {
      const pr = await fetchPullRequest(context.octokit, context.repo(), number);
      await evaluateAndPublish(context.octokit, pr, state, logger(context.log));
    }
  });
}
