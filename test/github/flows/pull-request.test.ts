import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../../src/core/source.js';
import { evaluateAndPublish, gatherAndEvaluate } from '../../../src/github/flows/pull-request.js';
import { KeyedQueue } from '../../../src/github/serialize.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import {
  API,
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  noWrites,
} from '../helpers/github.js';
import { fakeTarget } from '../helpers/merge.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, comment, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, edit, extendOrders, ORDERS } from '../helpers/trees.js';
import { appState, recorder, testOctokit } from '../helpers/flow.js';

useStrictNock();

type Tree = ReadonlyMap<string, SourceEntry>;
const gh = testOctokit();
const pr: PullRequestRef = {
  owner: OWNER,
  repo: REPO,
  number: 1,
  baseSha: BASE,
  baseRef: 'main',
  defaultBranch: 'main',
  headSha: HEAD,
  author: 'alice',
  fork: false,
  draft: false,
  requestedUsers: [],
  requestedTeams: [],
};
const failedTitle = 'Mesh Steward could not evaluate this pull request';

async function reads(head: (t: Tree) => Tree, comments: Record<string, unknown>[] = []) {
  const base = await baseTree();
  await mockCatalogReads(base, head(base));
  mockPullRequestLists([], comments);
}

describe('gatherAndEvaluate', () => {
  it('without a cluster: the verdict, the listed comments and the plan previewed from the base catalog', async () => {
    const listed = [comment(3, 'hello', 'carol')];
    await reads(extendOrders, listed);
    const out = await gatherAndEvaluate(gh, pr, appState());
    expect(out.live).toBeUndefined();
    expect(out.evaluation.report.blocking).toBe(false);
    expect(out.reviews).toEqual([]);
    expect(out.comments).toEqual(listed);
    expect(out.preview.map((o) => [o.kind, o.resource])).toEqual([
      ['register-schema', 'subject:commerce.orders.v1-value'],
    ]);
  });

  it('previews nothing when the head catalog has errors', async () => {
    await reads((t) => edit(t, ORDERS, (text) => text.replace('name: orders', 'name: [')));
    const out = await gatherAndEvaluate(gh, pr, appState());
    expect(out.evaluation.report.blocking).toBe(true);
    expect(out.preview).toEqual([]);
  });

  it('with a live plan of the target, previews nothing; with an unavailable one, previews as without', async () => {
    await reads(extendOrders);
    const { target } = fakeTarget();
    const planned = await gatherAndEvaluate(gh, pr, appState(target));
    expect(planned.live && 'operations' in planned.live ? planned.live.target : undefined).toBe(target.name);
    expect(planned.preview).toEqual([]);

    await reads(extendOrders);
    const down = fakeTarget();
    down.cluster.kafka.unavailable = true;
    const unavailable = await gatherAndEvaluate(gh, pr, appState(down.target));
    expect(unavailable.live).toMatchObject({ target: down.target.name, unavailable: expect.any(String) });
    expect(unavailable.preview).toHaveLength(1);
  });

  it('plans nothing for a pull request into another branch than the applying one', async () => {
    await reads(extendOrders);
    const { target, cluster } = fakeTarget();
    const out = await gatherAndEvaluate(gh, { ...pr, baseRef: 'feature' }, appState(target));
    expect(out.live).toBeUndefined();
    expect(cluster.connects).toBe(0);
  });
});

describe('evaluateAndPublish', () => {
  it('publishes both checks, the comment and the review requests, one evaluation per pull request', async () => {
    await reads(breakOrders);
    const writes = noWrites();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    mockReviewRequest(writes);
    const keys: string[] = [];
    const queue = { run: (key: string, task: () => Promise<void>) => (keys.push(key), task()) } as KeyedQueue;
    const { log, lines } = recorder();
    await evaluateAndPublish(gh, pr, appState(undefined, queue), log);
    expect(keys).toEqual([`${OWNER}/${REPO}#1`]);
    expect(writes.checkRuns.map((r) => [r['name'], r['conclusion']])).toEqual([
      ['Mesh Steward / checks', 'failure'],
      ['Mesh Steward / approvals', 'failure'],
    ]);
    expect(writes.comments[0]?.['body']).toMatch(/^<!-- mesh-steward -->/);
    expect(writes.reviewRequests).toEqual([{ reviewers: [], team_reviewers: ['finance-data', 'shipping', 'orders'] }]);
    expect(lines).toEqual([]);
  });

  it('asks nobody to review a fork’s pull request or a draft', async () => {
    for (const ref of [
      { ...pr, fork: true },
      { ...pr, draft: true },
    ]) {
      await reads(breakOrders);
      const writes = noWrites();
      mockCheckRuns(writes, 2);
      mockComment(writes);
      await evaluateAndPublish(gh, ref, appState(), recorder().log);
      expect(writes.checkRuns).toHaveLength(2);
      expect(writes.reviewRequests).toEqual([]);
    }
  });

  it('keeps the verdict and warns when GitHub refuses the reviewers (422)', async () => {
    await reads(breakOrders);
    const writes = noWrites();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/pulls/1/requested_reviewers`)
      .reply(422, { message: 'Reviews may only be requested from collaborators.' });
    const { log, lines } = recorder();
    await evaluateAndPublish(gh, pr, appState(), log);
    expect(writes.checkRuns.map((r) => r['conclusion'])).toEqual(['failure', 'failure']);
    expect(lines).toEqual([`warn Could not request reviews on ${OWNER}/${REPO}#1`]);
  });

  it('fails both checks with what happened on any other failure, and rethrows', async () => {
    await reads(breakOrders);
    const writes = noWrites();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    nock(API).post(`/repos/${OWNER}/${REPO}/pulls/1/requested_reviewers`).reply(500, { message: 'boom' });
    mockCheckRuns(writes, 2);
    const { log, lines } = recorder();
    await expect(evaluateAndPublish(gh, pr, appState(), log)).rejects.toThrow(/^Could not request reviews: boom/);
    expect(writes.checkRuns.slice(2)).toEqual([
      expect.objectContaining({
        name: 'Mesh Steward / checks',
        conclusion: 'failure',
        output: expect.objectContaining({ title: failedTitle }),
      }),
      expect.objectContaining({
        name: 'Mesh Steward / approvals',
        conclusion: 'failure',
        output: expect.objectContaining({ title: failedTitle }),
      }),
    ]);
    expect(writes.checkRuns[2]?.['output'].summary).toContain('Could not request reviews: boom');
    // The one log line of a failure is github/failure.ts handled's, with event and delivery; the flow adds none.
    expect(lines).toEqual([]);
  });

  it('warns when the live plan is unavailable, and publishes the verdict all the same', async () => {
    await reads(extendOrders);
    const writes = noWrites();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    mockReviewRequest(writes);
    const { target, cluster } = fakeTarget();
    cluster.kafka.unavailable = true;
    const { log, lines } = recorder();
    await evaluateAndPublish(gh, pr, appState(target), log);
    expect(writes.checkRuns.map((r) => r['conclusion'])).toEqual(['success', 'failure']);
    expect(lines).toEqual([`warn Live plan for ${OWNER}/${REPO}#1 unavailable`]);
  });
});
