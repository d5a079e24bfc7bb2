import { loadCatalog } from '../../catalog/load.js';
import { settingsPaths, type Catalog } from '../../catalog/model.js';
import { call, statusOf } from '../call.js';
import type { MergedPullRequest } from '../flows/audit-record.js';
import { pullRequestRef, repoOf, type GitHub, type PullRequestRef, type RepoRef } from '../types.js';

/**
 * The applying branch, read once from .github/steward.yml on the repository's default branch — never from the
 * pushed branch, whose author could otherwise name their own branch as the one that reaches the cluster — and
 * validated as the catalog validates it. Without `applyBranch` (or with settings that do not validate, which the
 * merged catalog then reports) the default branch applies. Undefined when the default branch has no settings file
 * and `required` is false (a repository that is not a mesh).
 */
export async function applyBranchOf(
  gh: GitHub,
  repo: RepoRef,
  defaultBranch: string,
  required: boolean,
  /** Given, it receives the settings read (which environments which branch applies), so no second read is made. */
  seen?: { settings?: Catalog['settings'] },
): Promise<string | undefined> {
  const { found, settings } = await defaultSettings(gh, repo, defaultBranch);
  if (seen && settings) seen.settings = settings;
  if (!found) return required ? defaultBranch : undefined;
  return settings?.manifest.applyBranch ?? defaultBranch;
}

/**
 * The settings on the default branch, read as applyBranchOf reads them: where the App learns which branch applies
 * which environment (a pushed branch's own settings never decide that). `found` is false without a settings file.
 */
export async function defaultSettings(
  gh: GitHub,
  repo: RepoRef,
  defaultBranch: string,
): Promise<{ readonly found: boolean; readonly settings: Catalog['settings'] }> {
  for (const path of settingsPaths) {
    const text = await readText(gh, repo, path, defaultBranch);
    if (text === undefined) continue;
    const { catalog } = loadCatalog(new Map([[path, { kind: 'file', content: text }]]));
    return { found: true, settings: catalog.settings };
  }
  return { found: false, settings: undefined };
}

async function readText(gh: GitHub, repo: RepoRef, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await call(`read ${path}`, () =>
      gh.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repoOf(repo), path, ref }),
    );
    return 'content' in data && typeof data.content === 'string'
      ? Buffer.from(data.content, 'base64').toString('utf8')
      : undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The commit at the tip of a branch now. */
export async function branchTip(gh: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  try {
    const { data } = await call(`read branch ${branch}`, () =>
      gh.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repoOf(repo), ref: `heads/${branch}` }),
    );
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The pull request whose merge produced `sha`, with its reference for evaluation; undefined for a direct push. */
export async function findMergedPullRequest(
  gh: GitHub,
  repo: RepoRef,
  sha: string,
): Promise<{ merged: MergedPullRequest; ref: PullRequestRef } | undefined> {
  const { data } = await call('list the pull requests of the merge commit', () =>
    gh.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { ...repoOf(repo), commit_sha: sha }),
  );
  const pr = data.find((p) => p.merged_at && p.merge_commit_sha === sha);
  if (!pr) return undefined;
  const merged: MergedPullRequest = {
    number: pr.number,
    url: pr.html_url,
    title: pr.title,
    author: pr.user?.login ?? '',
    ...(pr.merged_at ? { mergedAt: pr.merged_at } : {}),
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
  };
  return { merged, ref: pullRequestRef(repo, pr) };
}
