import { readFile } from 'node:fs/promises';
import { Probot, ProbotOctokit } from 'probot';
import { ConfigurationError } from '../core/errors.js';
import { createApp } from './app.js';
import { rootMessage } from './failure.js';

/**
 * Runs the app once inside a GitHub Actions job, for teams that will not host an App: the event comes from
 * GITHUB_EVENT_PATH, the client authenticates with the job's token. `pull_request_target` is judged as
 * `pull_request`: the app never checks out or runs the pull request's code (it reads blobs through the API),
 * so the base-branch context with a token that can comment is safe, also for forks.
 */
export async function runAction(env: NodeJS.ProcessEnv, Octokit: typeof ProbotOctokit = ProbotOctokit): Promise<void> {
  const token = env['INPUT_TOKEN'] || env['GITHUB_TOKEN'];
  const event = env['GITHUB_EVENT_NAME'];
  const path = env['GITHUB_EVENT_PATH'];
  if (!token || !event || !path)
    throw new ConfigurationError(
      'GITHUB_TOKEN (or the token input), GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set.',
    );
  const payload = JSON.parse(await readFile(path, 'utf8')) as object;
  const probot = new Probot({ githubToken: token, Octokit, logLevel: env['RUNNER_DEBUG'] === '1' ? 'debug' : 'info' });
  // The cluster, if any, comes from the job's environment as it does from the App's (README, "GitHub Action").
  await probot.load(createApp({ env }));
  const name = event === 'pull_request_target' ? 'pull_request' : event;
  await probot.receive({ id: env['GITHUB_RUN_ID'] ?? 'action', name, payload } as Parameters<Probot['receive']>[0]);
}

/**
 * The workflow command that shows a failed run on its summary page: the root cause (failure.ts), not a follow-on
 * such as the failing check run that could not be written either.
 */
export function errorAnnotation(error: unknown): string {
  // A workflow command's data escapes '%' (and line breaks, which rootMessage already folds).
  return `::error title=Mesh Steward::${rootMessage(error).replace(/%/g, '%25')}`;
}
