import { describe, expect, it } from 'vitest';
import {
  API,
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  noWrites,
  testProbot,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import nock from 'nock';
import { BASE, HEAD, OWNER, REPO, pullRequestEvent } from './helpers/payloads.js';
import { baseTree, breakOrders, extendOrders } from './helpers/trees.js';

useStrictNock();

describe('pull_request.opened', () => {
  it('publishes both checks, the summary comment and review requests for a breaking change', async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    const writes = noWrites();
    await mockCatalogReads(base, head);
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('opened') as never });
    expect(writes.checkRuns).toMatchSnapshot();
    expect(writes.comments[0]?.['body']).toMatchSnapshot();
    expect(writes.reviewRequests).toEqual([{ reviewers: [], team_reviewers: ['finance-data', 'shipping', 'orders'] }]);
  });

  it('a second event on the same commits reads no catalog and writes nothing when nothing changed', async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    const writes = noWrites();
    await mockCatalogReads(base, head);
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    mockReviewRequest(writes);
    const probot = await testProbot();
    const opened = pullRequestEvent('opened');
    await probot.receive({ id: '1', name: 'pull_request', payload: opened as never });
    const existing = writes.checkRuns.map((r) => ({
      name: r['name'],
      status: 'completed',
      conclusion: r['conclusion'],
      output: {
        title: r['output'].title,
        summary: r['output'].summary,
        annotations_count: r['output'].annotations.length,
      },
    }));
    const sticky = { id: 9, body: writes.comments[0]?.['body'], user: { login: 'mesh-steward[bot]', type: 'Bot' } };
    mockPullRequestLists([], [sticky]);
    mockCheckRuns(writes, 0, existing);
    const reopened = pullRequestEvent('reopened');
    reopened['pull_request'].requested_teams = ['finance-data', 'shipping', 'orders'].map((slug) => ({ slug }));
    await probot.receive({ id: '2', name: 'pull_request', payload: reopened as never });
    expect(writes.checkRuns).toHaveLength(2);
    expect(writes.comments).toHaveLength(1);
    expect(writes.reviewRequests).toHaveLength(1);
  });

  it('a draft is judged, and nobody is asked to review it yet', async () => {
    const base = await baseTree();
    const writes = noWrites();
    await mockCatalogReads(base, breakOrders(base));
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    const probot = await testProbot();
    await probot.receive({
      id: '1',
      name: 'pull_request',
      payload: pullRequestEvent('opened', { draft: true }) as never,
    });
    expect(writes.checkRuns).toHaveLength(2);
    expect(writes.comments).toHaveLength(1);
  });

  it("a fork's pull request gets checks and the comment, and no review requests", async () => {
    const base = await baseTree();
    const writes = noWrites();
    await mockCatalogReads(base, breakOrders(base));
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    const probot = await testProbot();
    await probot.receive({
      id: '1',
      name: 'pull_request',
      payload: pullRequestEvent('opened', { fork: true }) as never,
    });
    expect(writes.checkRuns.map((r) => r['conclusion'])).toEqual(['failure', 'failure']);
    expect(writes.comments).toHaveLength(1);
  });

  it('fails both checks, with what happened, when GitHub cannot serve the tree', async () => {
    const writes = noWrites();
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`)
      .reply(502, 'Bad Gateway')
      .get(`/repos/${OWNER}/${REPO}/compare/${BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: BASE }, files: [] });
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    const probot = await testProbot();
    await expect(
      probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('synchronize') as never }),
    ).rejects.toThrow();
    expect(writes.checkRuns).toMatchSnapshot();
  });

  it('ignores an edit that does not change the base branch', async () => {
    const probot = await testProbot();
    const edited = pullRequestEvent('opened');
    edited['action'] = 'edited';
    edited['changes'] = { title: { from: 'Old title' } };
    await probot.receive({ id: '1', name: 'pull_request', payload: edited as never });
  });

  it('keeps the verdict when GitHub refuses a review request (owners who are not collaborators)', async () => {
    const base = await baseTree();
    const writes = noWrites();
    await mockCatalogReads(base, breakOrders(base));
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/pulls/1/requested_reviewers`)
      .reply(422, { message: 'Reviews may only be requested from collaborators.' });
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('opened') as never });
    expect(writes.checkRuns.map((r) => r['output'].title)).toEqual([
      '2 errors, 0 warnings, 0 notices in 2 files.',
      '3 of 3 approvals pending',
    ]);
  });

  it('a new commit from the same merge base reads no tarball: compare and one GraphQL query', async () => {
    const base = await baseTree();
    const writes = noWrites();
    await mockCatalogReads(base, breakOrders(base));
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('opened') as never });
    const next = 'e'.repeat(40);
    await mockCatalogReads(base, extendOrders(base), next, true);
    mockPullRequestLists(
      [],
      [{ id: 9, body: writes.comments[0]?.['body'], user: { login: 'steward[bot]', type: 'Bot' } }],
    );
    mockCheckRuns(writes, 2, [], next);
    mockComment(writes, 9);
    mockReviewRequest(writes);
    await probot.receive({
      id: '2',
      name: 'pull_request',
      payload: pullRequestEvent('synchronize', { head: next }) as never,
    });
    expect(writes.checkRuns.slice(2).map((r) => r['conclusion'])).toEqual(['success', 'failure']);
    expect(writes.commentUpdates).toHaveLength(1);
  });
});
