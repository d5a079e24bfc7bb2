import type { Context, Probot } from 'probot';
import { isTrustedComment, parseCommand } from '../../policy/comments.js';
import { toComment } from '../read/comments.js';
import { ensureReply } from '../publish/ensure.js';
import { listComments } from '../read/gather.js';
import { evaluateAndPublish, type AppState } from '../flows/pull-request.js';
import { renderExplanation, renderUsage } from '../../render/explain.js';
import { fetchPullRequest } from '../read/fetch-pr.js';
import { isDriftCommand, runDriftCommand } from './dispatch.js';
import { logger } from './logger.js';

/**
 * `/steward` commands in new comments on pull requests (and `/steward drift` on any issue). Only `created` is handled: an edited comment never
 * counts, and neither does a bot's. A waiver is not acted on here: every evaluation reads all comments and the
 * engine decides which waivers count.
 */
export function registerCommentCommands(app: Probot, state: AppState): void {
  app.on('issue_comment.created', async (context: Context<'issue_comment.created'>) => {
    const { issue, comment } = context.payload;
    const trusted = toComment(comment);
    // `/steward drift` works on any issue or pull request: the drift issue itself is where it is usually asked.
    if (trusted && isTrustedComment(trusted) && isDriftCommand(trusted.body)) return runDriftCommand(context, state);
    if (!issue.pull_request || !trusted || !isTrustedComment(trusted)) return;
    const command = parseCommand(trusted.body);
    if (!command) return;
    if (command.kind === 'explain' || command.kind === 'unknown') {
      const body = command.kind === 'explain' ? renderExplanation(command.ruleId) : renderUsage();
      const thread = { ...context.repo(), number: issue.number };
      await ensureReply(context.octokit, thread, await listComments(context.octokit, thread), comment, body);
      return;
    }
    const pr = await fetchPullRequest(context.octokit, context.repo(), issue.number);
    await evaluateAndPublish(context.octokit, pr, state, logger(context.log));
  });
}
