import type { ProbotOctokit } from 'probot';

/** The authenticated client a handler works with (an installation token, or GITHUB_TOKEN in an Action). */
export type GitHub = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** What every evaluation needs to know about a pull request, whatever event brought it. */
export interface PullRequestRef extends RepoRef {
  readonly number: number;
  readonly baseSha: string;
  /** The branch the pull request merges into (empty for a merge queue group). */
  readonly baseRef: string;
  /** The repository's default branch: where the settings are read from, and the applying branch unless they say. */
  readonly defaultBranch: string;
  readonly headSha: string;
  readonly author: string;
  /** The head lives in another repository: evaluated with read-only data, no writes beyond checks and comment. */
  readonly fork: boolean;
  /** A draft is judged, but nobody is asked to review it until it is ready. */
  readonly draft: boolean;
  readonly requestedUsers: readonly string[];
  readonly requestedTeams: readonly string[];
}

/** The fields of a REST pull request object this app reads. */
export interface PullRequestPayload {
  readonly number: number;
  readonly draft?: boolean;
  readonly user: { readonly login: string } | null;
  readonly base: {
    readonly sha: string;
    readonly ref: string;
    readonly repo: { readonly full_name: string; readonly default_branch: string };
  };
  readonly head: { readonly sha: string; readonly repo: { readonly full_name: string } | null };
  readonly requested_reviewers?: readonly (object | null)[] | null;
  readonly requested_teams?: readonly (object | null)[] | null;
}

export function pullRequestRef(repo: RepoRef, pr: PullRequestPayload): PullRequestRef {
  return {
    ...repo,
    number: pr.number,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    defaultBranch: pr.base.repo.default_branch,
    headSha: pr.head.sha,
    author: pr.user?.login ?? '',
    fork: pr.head.repo?.full_name !== pr.base.repo.full_name,
    draft: pr.draft === true,
    requestedUsers: (pr.requested_reviewers ?? []).flatMap((r) => field(r, 'login')),
    requestedTeams: (pr.requested_teams ?? []).flatMap((t) => field(t, 'slug')),
  };
}

function field(value: object | null, key: string): string[] {
  const v = value && key in value ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? [v] : [];
}

/** Only the owner and name, so a richer reference never leaks its fields into a request's query. */
export function repoOf(r: RepoRef): RepoRef {
  return { owner: r.owner, repo: r.repo };
}
