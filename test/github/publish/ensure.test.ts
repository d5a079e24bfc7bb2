import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ensureCheckRuns, ensureComment } from '../../../src/github/publish/ensure.js';
import { renderChecksRun } from '../../../src/render/check-runs.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import { API } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { comment, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { evaluation, finding } from '../helpers/evaluation.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
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

describe('ensureCheckRuns', () => {
  it('sends 120 annotations as a new completed run with 50, then updates of 50 and 20', async () => {
    const run = renderChecksRun(evaluation(Array.from({ length: 120 }, (_, i) => finding(i))));
    const sizes: number[] = [];
    const take = (_uri: string, body: unknown) => {
      const b = body as { status?: string; output: { annotations: unknown[] } };
      sizes.push(b.output.annotations.length);
      return { id: 5, status: b.status };
    };
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (b: { status: string }) => b.status === 'completed')
      .reply(201, take)
      .patch(`/repos/${OWNER}/${REPO}/check-runs/5`)
      .times(2)
      .reply(200, take);
    await ensureCheckRuns(gh, pr, [run]);
    expect(sizes).toEqual([50, 50, 20]);
  });
});

describe('ensureComment', () => {
  it("never edits a person's comment that quotes the marker; creates the app's own instead", async () => {
    const body = '<!-- mesh-steward -->\nsummary';
    const posted: unknown[] = [];
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/1/comments`)
      .reply(201, (_uri, b) => (posted.push(b), { id: 3 }));
    await ensureComment(gh, pr, [comment(2, '<!-- mesh-steward -->\nfake', 'mallory') as never], body);
    expect(posted).toEqual([{ body }]);
  });

  it('leaves its own comment alone when the text is the same, edits it otherwise', async () => {
    const ours = comment(2, '<!-- mesh-steward -->\nold', 'mesh-steward[bot]', false, 'Bot') as never;
    await ensureComment(gh, pr, [ours], '<!-- mesh-steward -->\nold');
    const edits: unknown[] = [];
    nock(API)
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/2`)
      .reply(200, (_uri, b) => (edits.push(b), { id: 2 }));
    await ensureComment(gh, pr, [ours], '<!-- mesh-steward -->\nnew');
    expect(edits).toEqual([{ body: '<!-- mesh-steward -->\nnew' }]);
  });
});
