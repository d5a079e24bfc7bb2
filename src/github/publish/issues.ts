import { call } from '../call.js';
import { driftIssueTitle, driftLabel, driftMarker, renderInSyncComment } from '../../render/drift-issue.js';
import { repoOf, type GitHub, type RepoRef } from '../types.js';

/** The fields of a REST issue the drift loop reads. */
export interface DriftIssue {
  readonly number: number;
  readonly state: string;
  readonly title: string;
  readonly body?: string | null;
  readonly user: { readonly login: string; readonly type?: string } | null;
  readonly pull_request?: unknown;
}

/**
 * Every issue carrying the drift label, open and closed, in one paged read per run. Which environment each is for
 * is told by its marker, and only a bot's counts: a person quoting the marker cannot make the app edit their issue.
 */
export async function listDriftIssues(gh: GitHub, repo: RepoRef): Promise<DriftIssue[]> {
  const issues = await call('list the drift issues', () =>
    gh.paginate('GET /repos/{owner}/{repo}/issues', {
      ...repoOf(repo),
      labels: driftLabel,
      state: 'all',
      per_page: 100,
    }),
  );
  return (issues as DriftIssue[]).filter((i) => !i.pull_request && i.user?.type === 'Bot');
}

/** The environment's issue among `issues`: the most recently opened one (highest number) with its marker. */
export function findDriftIssue(issues: readonly DriftIssue[], environment: string): DriftIssue | undefined {
  const marker = driftMarker(environment);
  return issues
    .filter((i) => (i.body ?? '').startsWith(marker))
    .reduce<DriftIssue | undefined>((a, b) => (a && a.number > b.number ? a : b), undefined);
}

/**
 * The environment drifts: its one issue says `body`. Opened when there is none, reopened when closed, edited when
 * its text differs; left alone when it already says exactly this. Returns the issue as it now is.
 */
export async function ensureDriftIssue(
  gh: GitHub,
  repo: RepoRef,
  existing: DriftIssue | undefined,
  environment: string,
  body: string,
): Promise<DriftIssue> {
  const title = driftIssueTitle(environment);
  if (!existing) {
    const { data } = await call(`open the drift issue of ${environment}`, () =>
      gh.request('POST /repos/{owner}/{repo}/issues', { ...repoOf(repo), title, body, labels: [driftLabel] }),
    );
    return { number: data.number, state: 'open', title, body, user: data.user };
  }
  const reopen = existing.state !== 'open';
  if (!reopen && existing.body === body && existing.title === title) return existing;
  await call(`${reopen ? 'reopen' : 'update'} the drift issue of ${environment}`, () =>
    gh.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      ...repoOf(repo),
      issue_number: existing.number,
      title,
      body,
      ...(reopen ? { state: 'open' as const } : {}),
    }),
  );
  return { ...existing, state: 'open', title, body };
}

/** The environment is in sync: its open issue gets a comment saying so and is closed; otherwise nothing is written. */
export async function closeDriftIssue(
  gh: GitHub,
  repo: RepoRef,
  existing: DriftIssue | undefined,
  environment: string,
  branch: string,
): Promise<boolean> {
  if (!existing || existing.state !== 'open') return false;
  const where = { ...repoOf(repo), issue_number: existing.number };
  await call(`comment on the drift issue of ${environment}`, () =>
    gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...where,
      body: renderInSyncComment(environment, branch),
    }),
  );
  await call(`close the drift issue of ${environment}`, () =>
    gh.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      ...where,
      state: 'closed',
      state_reason: 'completed',
    }),
  );
  return true;
}
