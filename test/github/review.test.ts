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
import { AUTHOR, HEAD, OWNER, REPO, reviewEvent } from './helpers/payloads.js';
import { baseTree, edit, extendOrders, ORDER_SCHEMA, ORDERS } from './helpers/trees.js';

useStrictNock();

const OLD = 'a'.repeat(40);
const review = (login: string, commit = HEAD, state = 'APPROVED', at = '2026-11-22T10:00:00Z') => ({
  id: 1,
  user: { login },
  state,
  commit_id: commit,
  submitted_at: at,
});

async function approvalsAfter(reviews: object[], options: { head?: 'raci' } = {}) {
  const base = await baseTree();
  const head =
    options.head === 'raci'
      ? edit(extendOrders(base), ORDERS, (t) =>
          t.replace('accountable: ["@acme/orders"]', 'accountable: ["@acme/orders", "alice", "mallory"]'),
        )
      : extendOrders(base);
  const writes = noWrites();
  await mockCatalogReads(base, head);
  mockPullRequestLists(reviews);
  mockCheckRuns(writes, 2);
  mockComment(writes);
  return writes;
}

function approvalsRun(writes: ReturnType<typeof noWrites>) {
  return writes.checkRuns.find((r) => r['name'] === 'Mesh Steward / approvals');
}

describe('pull_request_review', () => {
  it('an approval by a member of the Accountable team meets the requirement', async () => {
    const writes = await approvalsAfter([review('olivia')]);
    mockTeam('@acme/orders', ['olivia']);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('submitted') as never });
    expect(approvalsRun(writes)).toMatchObject({ conclusion: 'success', output: { title: 'All 1 approvals met' } });
    expect(writes.reviewRequests).toEqual([]);
  });

  it("ignores the author's own approval even when the author is in the Accountable team", async () => {
    const writes = await approvalsAfter([review(AUTHOR)]);
    mockTeam('@acme/orders', [AUTHOR]);
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('submitted') as never });
    expect(approvalsRun(writes)).toMatchObject({
      conclusion: 'failure',
      output: { title: '1 of 1 approvals pending' },
    });
    expect(writes.reviewRequests).toEqual([{ reviewers: [], team_reviewers: ['orders'] }]);
  });

  it('a pull request that adds its author and an accomplice to the RACI gains nothing', async () => {
    const writes = await approvalsAfter([review('mallory'), review(AUTHOR)], { head: 'raci' });
    mockTeam('@acme/orders', ['olivia']);
    mockTeam('@acme/finance-data', []);
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('submitted') as never });
    expect(approvalsRun(writes)).toMatchObject({ conclusion: 'failure' });
    expect(String(approvalsRun(writes)?.['output'].summary)).toContain('`@acme/orders`');
    expect(String(approvalsRun(writes)?.['output'].summary)).not.toMatch(/mallory|alice/);
    expect(JSON.stringify(writes.reviewRequests)).not.toMatch(/mallory|alice/);
  });

  it('shows an approval as stale when what it covered changed after the reviewed commit', async () => {
    const writes = await approvalsAfter([review('olivia', OLD)]);
    mockTeam('@acme/orders', ['olivia']);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${OLD}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: OLD }, files: [{ filename: ORDER_SCHEMA, status: 'modified' }] });
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('submitted') as never });
    const summary = String(approvalsRun(writes)?.['output'].summary);
    expect(summary).toContain('Stale: `olivia` at aaaaaaa');
    expect(approvalsRun(writes)).toMatchObject({ conclusion: 'failure' });
  });

  it('an approval on a commit that was force-pushed away (404) is stale', async () => {
    const writes = await approvalsAfter([review('olivia', OLD)]);
    mockTeam('@acme/orders', ['olivia']);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${OLD}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(404, { message: 'Not Found' });
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('submitted') as never });
    expect(String(approvalsRun(writes)?.['output'].summary)).toContain('Stale: `olivia`');
  });

  it('a dismissed approval no longer counts', async () => {
    const writes = await approvalsAfter([
      review('olivia', HEAD, 'APPROVED', '2026-11-22T10:00:00Z'),
      review('olivia', HEAD, 'DISMISSED', '2026-11-22T11:00:00Z'),
    ]);
    mockTeam('@acme/orders', ['olivia']);
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('dismissed') as never });
    expect(approvalsRun(writes)).toMatchObject({
      conclusion: 'failure',
      output: { title: '1 of 1 approvals pending' },
    });
  });
});
