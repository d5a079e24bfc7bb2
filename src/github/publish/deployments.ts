import { call } from '../call.js';
import { repoOf, type GitHub, type RepoRef } from '../types.js';

/**
 * Each environment's apply on merge is a GitHub Deployment of the merged commit: the convention GitHub users read
 * on the pull request and on the repository's Environments page. The deployments are also the App's only memory of
 * a promotion: which environments already succeeded for a commit is read back from them, so a re-run resumes
 * where the last one stopped, across restarts, with no local state.
 */

/** The task our deployments carry, so that other tools' deployments of the same commit are never taken for ours. */
export const deploymentTask = 'deploy:mesh-steward';

/** GitHub cuts a status description at 140 characters. */
const maxDescription = 140;

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface DeploymentCommit extends RepoRef {
  readonly sha: string;
}

/**
 * The id of a deployment of `sha` to `environment` by this App whose latest status is `success`, if there is one:
 * the environment succeeded for this commit and is not applied again.
 */
export async function succeededDeployment(
  gh: GitHub,
  commit: DeploymentCommit,
  environment: string,
): Promise<number | undefined> {
  const { data } = await call(`list the deployments of ${environment}`, () =>
    gh.request('GET /repos/{owner}/{repo}/deployments', {
      ...repoOf(commit),
      sha: commit.sha,
      environment,
      task: deploymentTask,
      per_page: 100,
    }),
  );
  // Newest first: the latest attempt that succeeded is enough.
  for (const deployment of data) {
    if (deployment.sha !== commit.sha || deployment.environment !== environment) continue;
    const { data: statuses } = await call(`read the status of deployment ${deployment.id}`, () =>
      gh.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...repoOf(commit),
        deployment_id: Number(deployment.id),
        per_page: 1,
      }),
    );
    if (statuses[0]?.state === 'success') return Number(deployment.id);
  }
  return undefined;
}

/**
 * A new deployment of `sha` to `environment`: no merge of the default branch into it (`auto_merge: false`) and no
 * status checks required (the merge already passed them; the apply check runs are this deployment's own).
 */
export async function createDeployment(
  gh: GitHub,
  commit: DeploymentCommit,
  environment: { readonly name: string; readonly production: boolean },
  description: string,
): Promise<number> {
  const { data, status } = await call(`create the deployment to ${environment.name}`, () =>
    gh.request('POST /repos/{owner}/{repo}/deployments', {
      ...repoOf(commit),
      ref: commit.sha,
      task: deploymentTask,
      environment: environment.name,
      auto_merge: false,
      required_contexts: [],
      description: cut(description),
      transient_environment: false,
      production_environment: environment.production,
    }),
  );
  if (status !== 201 || !('id' in data))
    throw new Error(
      `GitHub did not create the deployment to ${environment.name} (HTTP ${status}${'message' in data ? `: ${data.message}` : ''}).`,
    );
  return Number(data.id);
}

/** A status of one of our deployments; `log_url` points at the environment's apply check run. */
export async function setDeploymentStatus(
  gh: GitHub,
  repo: RepoRef,
  id: number,
  status: { readonly state: DeploymentState; readonly description: string; readonly logUrl?: string },
): Promise<void> {
  await call(`set the status of deployment ${id}`, () =>
    gh.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      ...repoOf(repo),
      deployment_id: id,
      state: status.state,
      description: cut(status.description),
      ...(status.logUrl ? { log_url: status.logUrl } : {}),
      // An older deployment of the environment stops being the active one once this one succeeds.
      ...(status.state === 'success' ? { auto_inactive: true } : {}),
    }),
  );
}

function cut(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= maxDescription ? line : `${line.slice(0, maxDescription - 1)}…`;
}
