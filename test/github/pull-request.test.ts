import { describe, expect, it } from 'vitest';
import {
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  noWrites,
  testProbot,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { baseTree, breakOrders } from './helpers/trees.js';

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
});
