import { call, statusOf } from '../call.js';
import { adoptBranch, adoptMarker, renderAdoptClosedComment } from '../../render/drift-issue.js';
import { repoOf, type GitHub, type RepoRef } from '../types.js';

/** An environment's adopting pull request, as this run found or left it. */
export interface AdoptPullRequest {
  readonly number: number;
  readonly title: string;
  readonly body: string;
}

export interface AdoptChange {
  readonly environment: string;
  /** The branch the pull request merges into, and its head commit the change is made on. */
  readonly base: string;
  readonly baseSha: string;
  /** Repository path → new text: the files adopting changes. */
  readonly files: ReadonlyMap<string, string>;
  readonly title: string;
  readonly body: string;
}

/** What the bot's latest adopting pull request of an environment is now. */
export interface AdoptPullRequests {
  readonly open?: AdoptPullRequest;
  /** The latest one, closed without merging (when none is open). */
  readonly declined?: AdoptPullRequest;
}

/**
 * The environment's latest adopting pull request: the newest from the bot's own branch whose body carries the
 * marker (a person's pull request from a branch of that name is never taken over); open, or closed unmerged.
 */
export async function findAdoptPullRequests(
  gh: GitHub,
  repo: RepoRef,
  environment: string,
): Promise<AdoptPullRequests> {
  const { data } = await call(`list the adopting pull requests of ${environment}`, () =>
    gh.request('GET /repos/{owner}/{repo}/pulls', {
      ...repoOf(repo),
      head: `${repo.owner}:${adoptBranch(environment)}`,
      state: 'all',
      sort: 'created',
      direction: 'desc',
      per_page: 10,
    }),
  );
  const latest = data.find((pr) => pr.user?.type === 'Bot' && (pr.body ?? '').startsWith(adoptMarker(environment)));
  if (!latest) return {};
  const found = { number: latest.number, title: latest.title, body: latest.body ?? '' };
  if (latest.state === 'open') return { open: found };
  return latest.merged_at ? {} : { declined: found };
}

/**
 * One commit on the head of `base` that writes `files`, on the bot's own branch, and one open pull request from it:
 * created the first time, then updated in place. The branch moves only when its content or its base changed (a
 * tree is content-addressed, so the same files on the same base give the same tree; an open pull request whose body
 * names the same files on the same base is not even written a tree), and the pull request is edited only when its
 * text changed: a run that finds the same drift writes nothing at all.
 */
export async function ensureAdoptPullRequest(
  gh: GitHub,
  repo: RepoRef,
  existing: AdoptPullRequest | undefined,
  change: AdoptChange,
): Promise<AdoptPullRequest> {
  const branch = adoptBranch(change.environment);
  // The same body names the same files (its fingerprint): on the same base the branch holds them already.
  await ensureBranch(gh, repo, branch, change, existing?.body === change.body);
  const where = repoOf(repo);
  if (!existing) {
    const { data } = await call(`open the adopting pull request of ${change.environment}`, () =>
      gh.request('POST /repos/{owner}/{repo}/pulls', {
        ...where,
        title: change.title,
        body: change.body,
        head: branch,
        base: change.base,
        maintainer_can_modify: true,
      }),
    );
    return { number: data.number, title: change.title, body: change.body };
  }
  if (existing.title === change.title && existing.body === change.body) return existing;
  await call(`update the adopting pull request of ${change.environment}`, () =>
    gh.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      ...where,
      pull_number: existing.number,
      title: change.title,
      body: change.body,
    }),
  );
  return { number: existing.number, title: change.title, body: change.body };
}

async function ensureBranch(
  gh: GitHub,
  repo: RepoRef,
  branch: string,
  change: AdoptChange,
  sameFiles: boolean,
): Promise<void> {
  const where = repoOf(repo);
  const head = await branchHead(gh, repo, branch);
  if (sameFiles && head?.parent === change.baseSha) return;
  const { data: base } = await call('read the base commit', () =>
    gh.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...where, commit_sha: change.baseSha }),
  );
  const tree = [...change.files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, content]) => ({ path, mode: '100644' as const, type: 'blob' as const, content }));
  const { data: written } = await call('write the adopted files', () =>
    gh.request('POST /repos/{owner}/{repo}/git/trees', { ...where, base_tree: base.tree.sha, tree }),
  );
  if (head && head.tree === written.sha && head.parent === change.baseSha) return;
  const { data: commit } = await call('commit the adopted files', () =>
    gh.request('POST /repos/{owner}/{repo}/git/commits', {
      ...where,
      message: `Adopt the live state of ${change.environment}`,
      tree: written.sha,
      parents: [change.baseSha],
    }),
  );
  if (head)
    await call(`move ${branch}`, () =>
      gh.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
        ...where,
        ref: `heads/${branch}`,
        sha: commit.sha,
        // The branch is the bot's: each run rewrites it as one commit on the current base.
        force: true,
      }),
    );
  else
    await call(`create ${branch}`, () =>
      gh.request('POST /repos/{owner}/{repo}/git/refs', { ...where, ref: `refs/heads/${branch}`, sha: commit.sha }),
    );
}

async function branchHead(
  gh: GitHub,
  repo: RepoRef,
  branch: string,
): Promise<{ tree: string; parent: string | undefined } | undefined> {
  const where = repoOf(repo);
  let sha: string;
  try {
    const { data } = await call(`read ${branch}`, () =>
      gh.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...where, ref: `heads/${branch}` }),
    );
    sha = data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  const { data } = await call(`read the head of ${branch}`, () =>
    gh.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...where, commit_sha: sha }),
  );
  return { tree: data.tree.sha, parent: data.parents[0]?.sha };
}

/** Closes the environment's open adopting pull request, saying why; nothing when there is none. */
export async function closeAdoptPullRequest(
  gh: GitHub,
  repo: RepoRef,
  existing: AdoptPullRequest | undefined,
  environment: string,
  reason: string,
): Promise<boolean> {
  if (!existing) return false;
  const where = repoOf(repo);
  await call(`comment on the adopting pull request of ${environment}`, () =>
    gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...where,
      issue_number: existing.number,
      body: renderAdoptClosedComment(environment, reason),
    }),
  );
  await call(`close the adopting pull request of ${environment}`, () =>
    gh.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      ...where,
      pull_number: existing.number,
      state: 'closed',
    }),
  );
  return true;
}
