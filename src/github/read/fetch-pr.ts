import { call } from '../call.js';
import { pullRequestRef, repoOf, type GitHub, type PullRequestRef, type RepoRef } from '../types.js';

/** The pull request as it is now, for events that only carry its number (comments, re-runs). */
export async function fetchPullRequest(gh: GitHub, repo: RepoRef, number: number): Promise<PullRequestRef> {
  const { data } = await call(`read pull request #${number}`, () =>
    gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repoOf(repo), pull_number: number }),
  );
  return pullRequestRef(repo, data);
}
