import type { Context, Probot } from 'probot';
import { call } from '../call.js';
import { runDriftLoop, type DriftRun, type DriftState } from '../flows/drift.js';
import { ensureReply } from '../publish/ensure.js';
import type { CommentPayload } from '../read/comments.js';
import { listComments } from '../read/gather.js';
import { renderDriftSummary } from '../../render/drift-issue.js';
import { repoOf, type GitHub, type RepoRef } from '../types.js';
import { logger } from './logger.js';

/** The `repository_dispatch` event type that starts a drift run (e.g. from a scheduler outside GitHub). */
export const driftDispatchType = 'steward-drift';

/**
 * A drift run on `repository_dispatch` of type `steward-drift`. Sending one takes a token that can write to the
 * repository, so whoever sends it may start a (read-only) run; other types are not ours.
 */
export function registerDispatch(app: Probot, state: DriftState): void {
  app.on('repository_dispatch', async (context: Context<'repository_dispatch'>) => {
    const { action, repository } = context.payload;
    if (action !== driftDispatchType) return;
    const repo = { ...context.repo(), defaultBranch: repository.default_branch };
    const run = await runDriftLoop(context.octokit, repo, state, logger(context.log));
    context.log.info(summaryOf(run));
  });
}

/** `/steward drift` as the first line of a new comment, on an issue or a pull request. */
export function isDriftCommand(body: string): boolean {
  const line = body.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return /^\/steward\s+drift\s*$/.test(line.trim());
}

/**
 * `/steward drift`, asked in a comment: only a repository writer or maintainer (or admin) may start a run, as
 * GitHub's collaborator permission says; anyone else gets a reply saying so and nothing is read. Either way the
 * thread gets one reply (a redelivered event writes none).
 */
export async function runDriftCommand(context: Context<'issue_comment.created'>, state: DriftState): Promise<void> {
  const { issue, comment, repository } = context.payload;
  const gh = context.octokit;
  const repo = context.repo();
  const thread = { ...repo, number: issue.number };
  const author = comment.user?.login ?? '';
  const body = (await mayRunDrift(gh, repo, author))
    ? summaryOf(
        await runDriftLoop(gh, { ...repo, defaultBranch: repository.default_branch }, state, logger(context.log)),
      )
    : `@${author}: only a repository writer or maintainer can run \`/steward drift\`.`;
  const comments: readonly CommentPayload[] = await listComments(gh, thread);
  await ensureReply(gh, thread, comments, comment, body);
}

async function mayRunDrift(gh: GitHub, repo: RepoRef, username: string): Promise<boolean> {
  const { data } = await call(`read the permission of ${username}`, () =>
    gh.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repoOf(repo), username }),
  );
  // `permission` folds maintain into write and triage into read; `role_name` names them.
  return data.permission === 'admin' || data.permission === 'write' || data.role_name === 'maintain';
}

function summaryOf(run: DriftRun): string {
  return renderDriftSummary(run.kind === 'skipped' ? { skipped: run.reason } : run.environments);
}
