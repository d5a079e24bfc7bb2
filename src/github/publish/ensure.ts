import { call } from '../call.js';
import type { CommentPayload } from '../read/comments.js';
import { annotationsPerRequest, type CheckRunOutput } from '../../render/check-runs.js';
import { commentMarker } from '../../render/comment.js';
import { repoOf, type GitHub, type PullRequestRef, type RepoRef } from '../types.js';

/**
 * Publishes completed check runs on the head commit. A run identical to the latest one of its name is left alone;
 * any other verdict is a new run (GitHub shows the latest by name), because updating a run appends annotations
 * rather than replacing them. Annotations beyond 50 follow in updates of the new run.
 */
export async function ensureCheckRuns(gh: GitHub, pr: PullRequestRef, runs: readonly CheckRunOutput[]): Promise<void> {
  const { data } = await call('list check runs', () =>
    gh.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner: pr.owner,
      repo: pr.repo,
      ref: pr.headSha,
      filter: 'latest',
      per_page: 100,
    }),
  );
  for (const run of runs) {
    const latest = data.check_runs.find((c) => c.name === run.name);
    const same =
      latest?.status === 'completed' &&
      latest.conclusion === run.conclusion &&
      latest.output.title === run.title &&
      latest.output.summary === run.summary &&
      latest.output.annotations_count === run.annotations.length;
    if (!same) await createCheckRun(gh, pr, run);
  }
}

async function createCheckRun(gh: GitHub, pr: PullRequestRef, run: CheckRunOutput): Promise<void> {
  const batches: (typeof run.annotations)[] = [];
  for (let i = 0; i < run.annotations.length; i += annotationsPerRequest)
    batches.push(run.annotations.slice(i, i + annotationsPerRequest));
  const output = (annotations: typeof run.annotations) => ({
    title: run.title,
    summary: run.summary,
    annotations: [...annotations],
  });
  const { data } = await call(`create the check run ${run.name}`, () =>
    gh.request('POST /repos/{owner}/{repo}/check-runs', {
      owner: pr.owner,
      repo: pr.repo,
      name: run.name,
      head_sha: pr.headSha,
      // The PR number lets a re-run find its pull request even when GitHub lists none (fork PRs).
      external_id: String(pr.number),
      status: 'completed',
      conclusion: run.conclusion,
      output: output(batches[0] ?? []),
    }),
  );
  for (const batch of batches.slice(1)) {
    await call(`add annotations to ${run.name}`, () =>
      gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner: pr.owner,
        repo: pr.repo,
        check_run_id: data.id,
        output: output(batch),
      }),
    );
  }
}

/**
 * Creates the sticky comment once, then edits it in place, and only when its text changed. Only a bot's comment
 * carrying the marker (the summary's, or the apply report's) is ours: a person quoting the marker cannot make the app edit their comment.
 */
export async function ensureComment(
  gh: GitHub,
  pr: PullRequestRef,
  comments: readonly CommentPayload[],
  body: string,
  marker = commentMarker,
): Promise<void> {
  const ours = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').startsWith(marker));
  if (ours?.body === body) return;
  const where = { owner: pr.owner, repo: pr.repo };
  if (ours)
    await call('update the summary comment', () =>
      gh.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: ours.id, body }),
    );
  else
    await call('create the summary comment', () =>
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...where,
        issue_number: pr.number,
        body,
      }),
    );
}

/** Requests reviews from whoever can satisfy a pending requirement and is not requested yet; never the author. */
export async function ensureReviewRequests(
  gh: GitHub,
  pr: PullRequestRef,
  wanted: { readonly users: readonly string[]; readonly teams: readonly string[] },
): Promise<void> {
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const requestedUsers = lower(pr.requestedUsers);
  const requestedTeams = lower(pr.requestedTeams);
  const reviewers = wanted.users.filter(
    (u) => !requestedUsers.has(u.toLowerCase()) && u.toLowerCase() !== pr.author.toLowerCase(),
  );
  const team_reviewers = wanted.teams.filter((t) => !requestedTeams.has(t.toLowerCase()));
  if (reviewers.length === 0 && team_reviewers.length === 0) return;
  await call('request reviews', () =>
    gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      reviewers,
      team_reviewers,
    }),
  );
}

/** A commit's check run as it is published: completed, with its conclusion. */
export interface CommitRunOutput {
  readonly conclusion: 'success' | 'failure' | 'neutral';
  readonly title: string;
  readonly summary: string;
}

/** A run as GitHub showed it to the event that asked for a new verdict (a re-run's own `check_run`). */
export interface ShownRun {
  readonly status: string;
  readonly conclusion: string | null;
  readonly output: { readonly title: string | null; readonly summary: string | null };
}

/**
 * Starts a run of `name` on a commit, in progress, for work that takes a while (an apply), and returns its id.
 * Every start is a new attempt, which GitHub shows as the latest; `completeCheckRun` finishes it.
 */
export async function startCheckRun(
  gh: GitHub,
  commit: RepoRef & { readonly sha: string },
  name: string,
  output: { readonly title: string; readonly summary: string },
): Promise<number> {
  const { data } = await call(`create the check run ${name}`, () =>
    gh.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repoOf(commit),
      name,
      head_sha: commit.sha,
      status: 'in_progress',
      output: { title: output.title, summary: output.summary },
    }),
  );
  return Number(data.id);
}

/** startCheckRun, with the run's page: a deployment's statuses link it as their log. */
export async function startCheckRunWithUrl(
  gh: GitHub,
  commit: RepoRef & { readonly sha: string },
  name: string,
  output: { readonly title: string; readonly summary: string },
): Promise<{ readonly id: number; readonly url?: string }> {
  const { data } = await call(`create the check run ${name}`, () =>
    gh.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repoOf(commit),
      name,
      head_sha: commit.sha,
      status: 'in_progress',
      output: { title: output.title, summary: output.summary },
    }),
  );
  return { id: Number(data.id), ...(typeof data.html_url === 'string' ? { url: data.html_url } : {}) };
}

/** Completes a started run; idempotent: however often it is called, the run ends in the same state. */
export async function completeCheckRun(gh: GitHub, repo: RepoRef, id: number, output: CommitRunOutput): Promise<void> {
  await call('complete the check run', () =>
    gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...repoOf(repo),
      check_run_id: id,
      status: 'completed',
      conclusion: output.conclusion,
      output: { title: output.title, summary: output.summary },
    }),
  );
}

/**
 * Publishes a completed run of `name` on a commit, unless `shown` — the run the event came from — already says
 * exactly that: a verdict that did not change is not published twice.
 */
export async function ensureCommitCheckRun(
  gh: GitHub,
  commit: RepoRef & { readonly sha: string },
  name: string,
  output: CommitRunOutput,
  shown?: ShownRun,
): Promise<void> {
  const same =
    shown?.status === 'completed' &&
    shown.conclusion === output.conclusion &&
    shown.output.title === output.title &&
    shown.output.summary === output.summary;
  if (same) return;
  await call(`publish the check run ${name}`, () =>
    gh.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repoOf(commit),
      name,
      head_sha: commit.sha,
      status: 'completed',
      conclusion: output.conclusion,
      output: { title: output.title, summary: output.summary },
    }),
  );
}

/**
 * Replies to a `/steward` command once. A redelivered event finds the app's identical reply, posted at or after
 * the command, among the thread's `comments` and writes nothing; the same command asked again later (a new
 * comment) gets its own reply.
 */
export async function ensureReply(
  gh: GitHub,
  thread: Pick<PullRequestRef, 'owner' | 'repo' | 'number'>,
  comments: readonly CommentPayload[],
  command: { readonly created_at: string },
  body: string,
): Promise<void> {
  const answered = comments.some(
    (c) => c.user?.type === 'Bot' && c.body === body && c.created_at >= command.created_at,
  );
  if (answered) return;
  await call('reply to a command', () =>
    gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repoOf(thread),
      issue_number: thread.number,
      body,
    }),
  );
}
