import type { Context, Probot } from 'probot';
import { evaluateAndPublish, type AppState } from '../flows/pull-request.js';
import { checkNames } from '../../render/check-runs.js';
import { targets } from '../read/apply-target.js';
import { applyMergedCommit } from '../flows/merge.js';
import { ensureCommitCheckRun, type CommitRunOutput } from '../publish/ensure.js';
import { applyBranchOf, branchTip } from '../read/merged-commit.js';
import type { Catalog } from '../../catalog/model.js';
import { applyCheckName, environmentCheckName, environmentOfCheck } from '../../render/apply-report.js';
import { applyingEnvironments, environmentsOf } from '../../catalog/environments.js';
import { fetchPullRequest } from '../read/fetch-pr.js';
import { logger } from './logger.js';

const ours: readonly string[] = Object.values(checkNames);

/**
 * The Re-run button on the apply check re-applies (see rerunApply), as does "Re-run all checks" on a suite of the
 * applying branch that lists no pull request. On either PR check, or on a pull request's suite, it re-evaluates.
 * GitHub lists no pull request for a fork's head commit; our runs' external id remembers it.
 */
export function registerCheckRun(app: Probot, state: AppState): void {
  app.on('check_run.rerequested', async (context: Context<'check_run.rerequested'>) => {
    const run = context.payload.check_run;
    if (run.name === applyCheckName) return rerunApply(context, run.head_sha, state);
    const environment = environmentOfCheck(run.name);
    if (environment !== undefined) return rerunApply(context, run.head_sha, state, undefined, environment);
    if (!ours.includes(run.name)) return;
    const listed = run.pull_requests.map((p) => p.number);
    const remembered = /^[1-9]\d*$/.test(run.external_id ?? '') ? [Number(run.external_id)] : [];
    await reevaluate(context, listed.length > 0 ? listed : remembered, state);
  });
  app.on('check_suite.rerequested', async (context: Context<'check_suite.rerequested'>) => {
    const suite = context.payload.check_suite;
    if (suite.pull_requests.length === 0 && suite.head_branch && targets(state.target, context.repo()))
      return rerunApply(context, suite.head_sha, state, suite.head_branch);
    await reevaluate(
      context,
      suite.pull_requests.map((p) => p.number),
      state,
    );
  });
}

/**
 * Re-running a failed apply applies the commit again, but only while it is still the tip of the applying branch:
 * an older commit's catalog would undo what later merges applied. A superseded run says so and changes nothing.
 */
async function rerunApply(
  context: Context<'check_run.rerequested' | 'check_suite.rerequested'>,
  sha: string,
  state: AppState,
  suiteBranch?: string,
  environment?: string,
): Promise<void> {
  const repo = context.repo();
  if (!targets(state.target, repo)) return;
  const seen: { settings?: Catalog['settings'] } = {};
  const applyBranch = await applyBranchOf(context.octokit, repo, context.payload.repository.default_branch, true, seen);
  const { settings } = seen;
  // An environment's run re-applies from its environment's branch (promotion resumes where it stopped).
  const branch =
    environment !== undefined
      ? environmentsOf(settings).find((e) => e.name === environment)?.branch
      : suiteBranch !== undefined && applyingEnvironments(settings, suiteBranch).length > 0
        ? suiteBranch
        : applyBranch;
  // A suite of another branch is not ours to apply (its pull requests, if any, were evaluated on their events).
  if (suiteBranch !== undefined && suiteBranch !== branch) return;
  const tip = branch === undefined ? undefined : await branchTip(context.octokit, repo, branch);
  if (tip === sha) {
    await applyMergedCommit(
      context.octokit,
      {
        ...repo,
        sha,
        pusher: context.payload.sender.login,
        ...(branch ? { branch } : {}),
        ...(settings ? { settings } : {}),
      },
      state,
      logger(context.log),
    );
    return;
  }
  // A re-run of the superseded run itself, with the same tip, already says all there is to say.
  const shown = 'check_run' in context.payload ? context.payload.check_run : undefined;
  const name = environment !== undefined ? environmentCheckName(environment) : applyCheckName;
  await ensureCommitCheckRun(context.octokit, { ...repo, sha }, name, supersededRun(branch, tip), shown);
}

function supersededRun(branch: string | undefined, tip: string | undefined): CommitRunOutput {
  return {
    conclusion: 'neutral',
    title: 'Superseded: not applied again',
    summary: `This commit is no longer the tip of \`${branch ?? 'the applying branch'}\`${tip ? ` (now ${tip})` : ''}; applying it again would undo later merges. The latest commit's own apply run converges the cluster: re-run that one.`,
  };
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
