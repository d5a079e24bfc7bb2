import { appendFile, readFile } from 'node:fs/promises';
import { Probot, ProbotOctokit } from 'probot';
import { ConfigurationError, ExternalServiceError } from '../core/errors.js';
import { createApp } from './app.js';
import { call } from './call.js';
import { runDriftLoop, type DriftRun } from './flows/drift.js';
import { logger } from './handlers/logger.js';
import { applyTargetFromEnv, type ApplyTarget } from './read/apply-target.js';
import { CatalogCache } from './read/catalog-cache.js';
import { KeyedQueue } from './serialize.js';
import { renderDriftSummary } from '../render/drift-issue.js';
import { rootMessage } from './failure.js';

/**
 * Runs the app once inside a GitHub Actions job, for teams that will not host an App: the event comes from
 * GITHUB_EVENT_PATH, the client authenticates with the job's token. `pull_request_target` is judged as
 * `pull_request`: the app never checks out or runs the pull request's code (it reads blobs through the API),
 * so the base-branch context with a token that can comment is safe, also for forks.
 */
export async function runAction(env: NodeJS.ProcessEnv, Octokit: typeof ProbotOctokit = ProbotOctokit): Promise<void> {
  const mode = env['INPUT_MODE']?.trim() || 'events';
  if (mode === 'drift') {
    await runDriftAction(env, Octokit);
    return;
  }
  if (mode === 'site') {
    await (await import('./site-mode.js')).runSiteAction(env);
    return;
  }
  if (mode !== 'events')
    throw new ConfigurationError(`The mode input is "${mode.slice(0, 50)}": use events (the default), drift or site.`);
  const token = env['INPUT_TOKEN'] || env['GITHUB_TOKEN'];
  const event = env['GITHUB_EVENT_NAME'];
  const path = env['GITHUB_EVENT_PATH'];
  if (!token || !event || !path)
    throw new ConfigurationError(
      'GITHUB_TOKEN (or the token input), GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set.',
    );
  if (event === 'schedule')
    throw new ConfigurationError(
      'A schedule event has nothing to judge: set the mode input to drift for a scheduled drift run (README, "Drift as a loop").',
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

/**
 * `mode: drift`, for a `schedule:` (or `workflow_dispatch`) workflow: one drift run over this repository
 * (GITHUB_REPOSITORY), with the environments' variables the job passes (README, "Drift as a loop"). It only reads
 * the clusters. The summary goes to the log and the job summary, `drift=true|false` to the step's outputs; an
 * environment that could not be compared fails the job (its issue is left as it was), one that drifts does not:
 * its issue is the signal. `target` replaces the job's cluster connections (tests).
 */
export async function runDriftAction(
  env: NodeJS.ProcessEnv,
  Octokit: typeof ProbotOctokit = ProbotOctokit,
  target: ApplyTarget | undefined = driftTarget(env),
): Promise<DriftRun> {
  const token = env['INPUT_TOKEN'] || env['GITHUB_TOKEN'];
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (!token || !owner || !repo)
    throw new ConfigurationError('GITHUB_TOKEN (or the token input) and GITHUB_REPOSITORY must be set for mode drift.');
  const probot = new Probot({ githubToken: token, Octokit, logLevel: env['RUNNER_DEBUG'] === '1' ? 'debug' : 'info' });
  const gh = await probot.auth();
  const { data } = await call('read the repository', () => gh.request('GET /repos/{owner}/{repo}', { owner, repo }));
  const state = { cache: new CatalogCache(), queue: new KeyedQueue(), target };
  const run = await runDriftLoop(gh, { owner, repo, defaultBranch: data.default_branch }, state, logger(probot.log));
  const summary = renderDriftSummary(run.kind === 'skipped' ? { skipped: run.reason } : run.environments);
  console.log(summary);
  if (env['GITHUB_STEP_SUMMARY']) await appendFile(env['GITHUB_STEP_SUMMARY'], `${summary}\n`);
  const drift = run.kind === 'ran' && run.environments.some((e) => e.status === 'drift');
  if (env['GITHUB_OUTPUT']) await appendFile(env['GITHUB_OUTPUT'], `drift=${drift}\n`);
  const failed = run.kind === 'ran' ? run.environments.filter((e) => e.status === 'failed') : [];
  if (run.kind === 'skipped') throw new ConfigurationError(`The drift run compared nothing: ${run.reason}`);
  if (failed.length > 0)
    throw new ExternalServiceError(
      'cluster',
      `The drift run could not compare ${failed.map((e) => `${e.environment} (${e.detail ?? 'unknown'})`).join(', ')}.`,
      { retryable: true },
    );
  return run;
}

/** The job's clusters: the environments' variables it was given; the repository it runs in is the one it serves. */
function driftTarget(env: NodeJS.ProcessEnv): ApplyTarget | undefined {
  const repository = env['STEWARD_APPLY_REPOSITORY']?.trim() || env['GITHUB_REPOSITORY'];
  return applyTargetFromEnv({ ...env, STEWARD_APPLY_REPOSITORY: repository });
}
