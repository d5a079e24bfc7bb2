import { waiverRequests } from '../../policy/comments.js';
import type { Review, ReviewState } from '../../policy/evaluate-approvals.js';
import type { ChangeReport } from '../../policy/evaluate-change.js';
import { approvedCommits, teamsToResolve, type ReviewSnapshot } from '../../policy/evaluate-pull-request.js';
import { call, statusOf } from '../call.js';
import { toComments, type CommentPayload } from './comments.js';
import type { GitHub, PullRequestRef } from '../types.js';

const decisive: readonly string[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'];

export async function listReviews(gh: GitHub, pr: PullRequestRef): Promise<Review[]> {
  const reviews = await call('list reviews', () =>
    gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      per_page: 100,
    }),
  );
  return reviews.flatMap((r) =>
    r.user && r.commit_id && r.submitted_at && decisive.includes(r.state)
      ? [{ reviewer: r.user.login, state: r.state as ReviewState, commit: r.commit_id, submittedAt: r.submitted_at }]
      : [],
  );
}

/**
 * The snapshot the engine judges approvals and waivers from: the reviews and comments already listed, the
 * memberships of the teams the report's requirements name, and the paths changed since each approved commit.
 */
export async function readReviewSnapshot(
  gh: GitHub,
  pr: PullRequestRef,
  report: ChangeReport,
  reviews: readonly Review[],
  payloads: readonly CommentPayload[],
): Promise<ReviewSnapshot> {
  const comments = toComments(payloads);
  // Memberships matter only to tell whether a reviewer or a waiver's author belongs to a team.
  const needTeams = reviews.length > 0 || waiverRequests(comments).length > 0;
  const [teams, changedSince] = await Promise.all([
    resolveTeams(gh, needTeams ? teamsToResolve(report) : []),
    changesSince(gh, pr, approvedCommits(reviews)),
  ]);
  return { author: pr.author, reviews, teams, changedSince, comments };
}

export async function listComments(
  gh: GitHub,
  pr: Pick<PullRequestRef, 'owner' | 'repo' | 'number'>,
): Promise<CommentPayload[]> {
  return call('list comments', () =>
    gh.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    }),
  );
}

/** Members of each `@org/team`, one paginated call per team; a team the app cannot see has no members. */
export async function resolveTeams(gh: GitHub, teams: readonly string[]): Promise<Map<string, string[]>> {
  const entries = await Promise.all(
    teams.map(async (team): Promise<[string, string[]]> => {
      const [org = '', slug = ''] = team.slice(1).split('/');
      try {
        const members = await gh.paginate('GET /orgs/{org}/teams/{team_slug}/members', {
          org,
          team_slug: slug,
          per_page: 100,
        });
        return [team, members.flatMap((m) => (m ? [m.login] : []))];
      } catch (error) {
        if (statusOf(error) === 404) return [team, []];
        throw error;
      }
    }),
  );
  return new Map(entries);
}

/**
 * Paths changed since each reviewed commit, one compare per distinct commit. A commit GitHub no longer knows
 * (force-pushed away) has no answer, which makes its approvals stale.
 */
export async function changesSince(
  gh: GitHub,
  pr: PullRequestRef,
  commits: readonly string[],
): Promise<Map<string, ReadonlySet<string> | undefined>> {
  const distinct = [...new Set(commits)].filter((c) => c !== pr.headSha);
  const entries = await Promise.all(
    distinct.map(async (commit): Promise<[string, ReadonlySet<string> | undefined]> => {
      try {
        const { data } = await gh.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
          owner: pr.owner,
          repo: pr.repo,
          basehead: `${commit}...${pr.headSha}`,
          per_page: 1,
        });
        const files = data.files ?? [];
        // A truncated file list cannot prove that an approval's paths are untouched.
        if (files.length >= 300) return [commit, undefined];
        return [
          commit,
          new Set(files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])])),
        ];
      } catch (error) {
        if (statusOf(error) === 404) return [commit, undefined];
        throw error;
      }
    }),
  );
  return new Map<string, ReadonlySet<string> | undefined>([[pr.headSha, new Set()], ...entries]);
}
