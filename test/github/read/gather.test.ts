import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Review } from '../../../src/policy/evaluate-approvals.js';
import type { ChangeReport } from '../../../src/policy/evaluate-change.js';
import {
  changesSince,
  listComments,
  listReviews,
  readReviewSnapshot,
  resolveTeams,
} from '../../../src/github/read/gather.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import { evaluation } from '../helpers/evaluation.js';
import { API } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { comment, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
const repoPath = `/repos/${OWNER}/${REPO}`;
const pr: PullRequestRef = {
  owner: OWNER,
  repo: REPO,
  number: 1,
  baseSha: 'b'.repeat(40),
  baseRef: 'main',
  defaultBranch: 'main',
  headSha: HEAD,
  author: 'alice',
  fork: false,
  draft: false,
  requestedUsers: [],
  requestedTeams: [],
};
const OLD = '1'.repeat(40);
const OLDER = '2'.repeat(40);

const review = (login: string | null, state: string, commit: string | null = OLD, at: string | null = 'T1') => ({
  user: login ? { login } : null,
  state,
  commit_id: commit,
  submitted_at: at,
});

function mockCompare(commit: string, status: number, body: object): void {
  nock(API).get(`${repoPath}/compare/${commit}...${HEAD}`).query({ per_page: 1 }).reply(status, body);
}

describe('listReviews', () => {
  it('keeps decisive reviews with a reviewer, a commit and a time, in order', async () => {
    nock(API)
      .get(`${repoPath}/pulls/1/reviews`)
      .query({ per_page: 100 })
      .reply(200, [
        review('bob', 'APPROVED', OLD, 'T1'),
        review('carol', 'CHANGES_REQUESTED', HEAD, 'T2'),
        review('dave', 'COMMENTED', HEAD, 'T3'),
        review('erin', 'DISMISSED', OLD, 'T4'),
        review('frank', 'PENDING', HEAD, null),
        review(null, 'APPROVED'),
        review('gina', 'APPROVED', null),
        review('hal', 'APPROVED', OLD, null),
      ]);
    expect(await listReviews(gh, pr)).toEqual([
      { reviewer: 'bob', state: 'APPROVED', commit: OLD, submittedAt: 'T1' },
      { reviewer: 'carol', state: 'CHANGES_REQUESTED', commit: HEAD, submittedAt: 'T2' },
      { reviewer: 'dave', state: 'COMMENTED', commit: HEAD, submittedAt: 'T3' },
      { reviewer: 'erin', state: 'DISMISSED', commit: OLD, submittedAt: 'T4' },
    ]);
  });

  it('says it could not list them when GitHub fails', async () => {
    nock(API).get(`${repoPath}/pulls/1/reviews`).query(true).reply(500, { message: 'boom' });
    await expect(listReviews(gh, pr)).rejects.toThrow(/^Could not list reviews: boom/);
  });
});

describe('listComments', () => {
  it("lists every page of the pull request's comments", async () => {
    const first = Array.from({ length: 100 }, (_, i) => comment(i + 1, `c${i + 1}`, 'bob'));
    nock(API)
      .get(`${repoPath}/issues/1/comments`)
      .query({ per_page: 100 })
      .reply(200, first, { link: `<${API}${repoPath}/issues/1/comments?per_page=100&page=2>; rel="next"` })
      .get(`${repoPath}/issues/1/comments`)
      .query({ per_page: 100, page: 2 })
      .reply(200, [comment(101, 'last', 'carol')]);
    const comments = await listComments(gh, pr);
    expect(comments).toHaveLength(101);
    expect(comments.at(-1)?.body).toBe('last');
  });
});

describe('resolveTeams', () => {
  it('lists the members of each team; one the app cannot see (404) has none', async () => {
    nock(API)
      .get('/orgs/acme/teams/owners/members')
      .query({ per_page: 100 })
      .reply(200, [{ login: 'bob' }, null, { login: 'carol' }])
      .get('/orgs/acme/teams/hidden/members')
      .query({ per_page: 100 })
      .reply(404, { message: 'Not Found' });
    expect(await resolveTeams(gh, ['@acme/owners', '@acme/hidden'])).toEqual(
      new Map([
        ['@acme/owners', ['bob', 'carol']],
        ['@acme/hidden', []],
      ]),
    );
  });

  it('fails on any other error, and asks nothing for no teams', async () => {
    nock(API).get('/orgs/acme/teams/owners/members').query(true).reply(403, { message: 'Forbidden' });
    await expect(resolveTeams(gh, ['@acme/owners'])).rejects.toMatchObject({ status: 403 });
    expect(await resolveTeams(gh, [])).toEqual(new Map());
  });
});

describe('changesSince', () => {
  it('compares each distinct reviewed commit with the head, counting renamed files under both names', async () => {
    mockCompare(OLD, 200, {
      files: [{ filename: 'a.yaml' }, { filename: 'new.avsc', previous_filename: 'old.avsc' }],
    });
    mockCompare(OLDER, 200, {});
    const since = await changesSince(gh, pr, [OLD, HEAD, OLD, OLDER]);
    expect(since).toEqual(
      new Map([
        [HEAD, new Set()],
        [OLD, new Set(['a.yaml', 'new.avsc', 'old.avsc'])],
        [OLDER, new Set()],
      ]),
    );
  });

  it('knows nothing since a commit GitHub no longer has (404) or whose list is cut at 300 files', async () => {
    mockCompare(OLD, 404, { message: 'Not Found' });
    mockCompare(OLDER, 200, { files: Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}` })) });
    const since = await changesSince(gh, pr, [OLD, OLDER]);
    expect([...since]).toEqual([
      [HEAD, new Set()],
      [OLD, undefined],
      [OLDER, undefined],
    ]);
  });

  it('takes 299 files as a whole list, and fails on other errors', async () => {
    mockCompare(OLD, 200, { files: Array.from({ length: 299 }, (_, i) => ({ filename: `f${i}` })) });
    expect((await changesSince(gh, pr, [OLD])).get(OLD)?.size).toBe(299);
    mockCompare(OLD, 500, { message: 'boom' });
    await expect(changesSince(gh, pr, [OLD])).rejects.toMatchObject({ status: 500 });
  });
});

describe('readReviewSnapshot', () => {
  const report: ChangeReport = {
    ...evaluation([]).report,
    approvals: {
      requirements: [
        { id: 'owner:commerce/orders', reasons: [], parties: ['@Acme/Owners', 'bob'], count: 1, covers: [] },
      ],
      informed: [],
    },
  };
  const approved: Review = { reviewer: 'bob', state: 'APPROVED', commit: OLD, submittedAt: 'T1' };

  it('resolves the teams and the changes since approved commits when there are reviews', async () => {
    nock(API)
      .get('/orgs/acme/teams/owners/members')
      .query(true)
      .reply(200, [{ login: 'bob' }]);
    mockCompare(OLD, 200, { files: [{ filename: 'x' }] });
    const comments = [comment(5, 'hello', 'carol')];
    // Only approvals need their commit compared: a comment on OLDER asks nothing.
    const commented: Review = { reviewer: 'dave', state: 'COMMENTED', commit: OLDER, submittedAt: 'T2' };
    const snapshot = await readReviewSnapshot(gh, pr, report, [approved, commented], comments as never);
    expect(snapshot).toEqual({
      author: 'alice',
      reviews: [approved, commented],
      teams: new Map([['@acme/owners', ['bob']]]),
      changedSince: new Map([
        [HEAD, new Set()],
        [OLD, new Set(['x'])],
      ]),
      comments: [{ author: 'carol', body: 'hello', url: comments[0]!['html_url'], edited: false, bot: false }],
    });
  });

  it('resolves teams for a waiver request even without reviews, and for nothing else', async () => {
    const quiet = await readReviewSnapshot(gh, pr, report, [], [comment(5, 'looks good', 'carol')] as never);
    expect(quiet.teams).toEqual(new Map());
    const edited = [comment(6, '/steward accept-breaking ok', 'carol', true)];
    expect((await readReviewSnapshot(gh, pr, report, [], edited as never)).teams).toEqual(new Map());
    nock(API)
      .get('/orgs/acme/teams/owners/members')
      .query(true)
      .reply(200, [{ login: 'carol' }]);
    const waiver = [comment(7, '/steward accept-breaking consumers migrated', 'carol')];
    const snapshot = await readReviewSnapshot(gh, pr, report, [], waiver as never);
    expect(snapshot.teams).toEqual(new Map([['@acme/owners', ['carol']]]));
    expect(snapshot.changedSince).toEqual(new Map([[HEAD, new Set()]]));
  });
});
