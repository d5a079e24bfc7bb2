import type { Context, Probot } from 'probot';
import { evaluateAndPublish, type AppState } from '../pipeline.js';
import { checkNames } from '../render-checks.js';
import { fetchPullRequest } from './fetch-pr.js';
import { logger } from './logger.js';

const ours: readonly string[] = Object.values(checkNames);

/**
 * The Re-run button on either of our checks, or "Re-run all checks" on the suite, re-evaluates its pull requests.
 * GitHub lists no pull request for a fork's head commit; our runs' external id remembers it.
 */
export function registerCheckRun(app: Probot, state: AppState): void {
  app.on('check_run.rerequested', async (context: Context<'check_run.rerequested'>) => {
    const run = context.payload.check_run;
    if (!ours.includes(run.name)) return;
    const listed = run.pull_requests.map((p) => p.number);
    const remembered = /^[1-9]\d*$/.test(run.external_id ?? '') ? [Number(run.external_id)] : [];
    await reevaluate(context, listed.length > 0 ? listed : remembered, state);
  });
  app.on('check_suite.rerequested', async (context: Context<'check_suite.rerequested'>) => {
    await reevaluate(
      context,
      context.payload.check_suite.pull_requests.map((p) => p.number),
      state,
    );
  });
}

async function reevaluate(
  context: Context<'check_run.rerequested' | 'check_suite.rerequested'>,
  numbers: readonly number[],
  state: AppState,
): Promise<void> {
  for (const number of numbers) {
    const pr = await fetchPullRequest(context.octokit, context.repo(), number);
    await evaluateAndPublish(context.octokit, pr, state, logger(context.log));
  }
}
