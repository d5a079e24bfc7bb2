import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  API,
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  mockTeam,
  noWrites,
  testProbot,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { AUTHOR, comment, commentEvent, OWNER, pullRequestData, REPO } from './helpers/payloads.js';
import { baseTree, breakOrders } from './helpers/trees.js';

useStrictNock();

/** Mocks a `/steward` command's re-evaluation of a breaking pull request, with these comments on it. */
async function breakingPullRequest(comments: object[], teams = true) {
  const base = await baseTree();
  const writes = noWrites();
  nock(API).get(`/repos/${OWNER}/${REPO}/pulls/1`).reply(200, pullRequestData());
  await mockCatalogReads(base, breakOrders(base));
  mockPullRequestLists([], comments);
  if (teams) for (const team of ['@acme/finance-data', '@acme/shipping']) mockTeam(team, []);
  if (teams) mockTeam('@acme/orders', ['olivia', AUTHOR]);
  mockCheckRuns(writes, 2);
  mockComment(writes);
  mockReviewRequest(writes);
  return writes;
}

/** The thread's comments, as a command's reply reads them before writing. */
function mockCommentList(comments: object[]): void {
  nock(API).get(`/repos/${OWNER}/${REPO}/issues/1/comments`).query({ per_page: 100 }).reply(200, comments);
}

const checksRun = (writes: ReturnType<typeof noWrites>) =>
  writes.checkRuns.find((r) => r['name'] === 'Mesh Steward / checks');

describe('/steward commands', () => {
  it('accept-breaking by the Accountable party waives the break, records the reason, keeps approvals', async () => {
    const body = '/steward accept-breaking All consumers migrate this week.';
    const writes = await breakingPullRequest([comment(7, body, 'olivia')]);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'issue_comment', payload: commentEvent('created', body, 'olivia') as never });
    expect(checksRun(writes)).toMatchObject({ conclusion: 'success' });
    const summary = String(writes.comments[0]?.['body']);
    expect(summary).toContain('accepted by `olivia`: “All consumers migrate this week.”');
    expect(summary).toContain('⏳ **3 approvals pending.**');
    expect(summary).toMatchSnapshot();
  });

  it("accept-breaking by the pull request's author does not count, and says why", async () => {
    const body = '/steward accept-breaking trust me';
    const writes = await breakingPullRequest([comment(7, body, AUTHOR)]);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'issue_comment', payload: commentEvent('created', body, AUTHOR) as never });
    expect(checksRun(writes)).toMatchObject({ conclusion: 'failure' });
    expect(String(writes.comments[0]?.['body'])).toContain(
      "Not counted: `alice`'s waiver, because the author of a pull request cannot waive its breaking changes.",
    );
  });

  it('a comment edited into accept-breaking is ignored, at the event and in the listing', async () => {
    const body = '/steward accept-breaking edited in later';
    const writes = await breakingPullRequest(
      [comment(7, body, 'olivia', true), comment(8, '/steward recheck', 'bob')],
      false,
    );
    const probot = await testProbot();
    await probot.receive({
      id: '1',
      name: 'issue_comment',
      payload: commentEvent('edited', body, 'olivia', true) as never,
    });
    expect(writes.checkRuns).toEqual([]);
    await probot.receive({
      id: '2',
      name: 'issue_comment',
      payload: commentEvent('created', '/steward recheck', 'bob') as never,
    });
    expect(checksRun(writes)).toMatchObject({ conclusion: 'failure' });
    expect(String(writes.comments[0]?.['body'])).not.toContain('accepted by');
  });

  it('explain replies with the rule and nothing else', async () => {
    const replies: object[] = [];
    mockCommentList([]);
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/1/comments`)
      .reply(201, (_uri, body) => (replies.push(body as object), { id: 10 }));
    const probot = await testProbot();
    const event = commentEvent('created', '/steward explain BREAKING_CHANGE_NEEDS_MAJOR', 'bob');
    await probot.receive({ id: '1', name: 'issue_comment', payload: event as never });
    expect(replies).toMatchSnapshot();
  });

  it('explain answers a redelivered command once: its reply is already there, so nothing is written', async () => {
    const event = commentEvent('created', '/steward explain BREAKING_CHANGE_NEEDS_MAJOR', 'bob');
    const replies: { body: string }[] = [];
    mockCommentList([]);
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/1/comments`)
      .reply(201, (_uri, body) => (replies.push(body as { body: string }), { id: 10 }));
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'issue_comment', payload: event as never });
    const reply = { ...comment(10, replies[0]?.body ?? '', 'mesh-steward[bot]', false, 'Bot') };
    mockCommentList([event['comment'], reply]);
    await probot.receive({ id: '1', name: 'issue_comment', payload: event as never });
    expect(replies).toHaveLength(1);
  });

  it('ignores comments that are not commands', async () => {
    const probot = await testProbot();
    await probot.receive({
      id: '1',
      name: 'issue_comment',
      payload: commentEvent('created', 'LGTM /steward recheck', 'bob') as never,
    });
  });
});
