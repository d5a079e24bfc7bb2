import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createNodeMiddleware } from 'probot';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/github/app.js';
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
import {
  checkRunEvent,
  checkSuiteEvent,
  mergeGroupEvent,
  OWNER,
  pullRequestData,
  pullRequestEvent,
  REPO,
} from './helpers/payloads.js';
import { baseTree, breakOrders, extendOrders } from './helpers/trees.js';

useStrictNock();

describe('check_run.rerequested', () => {
  it("re-evaluates the pull request a fork's run remembers in its external id", async () => {
    const base = await baseTree();
    const writes = noWrites();
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls/1`)
      .reply(200, pullRequestData({ fork: true }));
    await mockCatalogReads(base, breakOrders(base));
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    const probot = await testProbot();
    await probot.receive({
      id: '1',
      name: 'check_run',
      payload: checkRunEvent('Mesh Steward / checks', [], '1') as never,
    });
    expect(writes.checkRuns.map((r) => [r['name'], r['conclusion']])).toEqual([
      ['Mesh Steward / checks', 'failure'],
      ['Mesh Steward / approvals', 'failure'],
    ]);
  });

  it('"Re-run all checks" on the suite re-evaluates its pull requests', async () => {
    const base = await baseTree();
    const writes = noWrites();
    nock(API).get(`/repos/${OWNER}/${REPO}/pulls/1`).reply(200, pullRequestData());
    await mockCatalogReads(base, extendOrders(base));
    mockPullRequestLists();
    mockCheckRuns(writes, 2);
    mockComment(writes);
    mockReviewRequest(writes);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'check_suite', payload: checkSuiteEvent([1]) as never });
    expect(writes.checkRuns.map((r) => r['conclusion'])).toEqual(['success', 'failure']);
  });

  it("ignores other apps' checks", async () => {
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'check_run', payload: checkRunEvent('CI / build', [1]) as never });
  });
});

describe('merge_group.checks_requested', () => {
  it('checks the queued commit and passes approvals, which were met before queueing', async () => {
    const base = await baseTree();
    const writes = noWrites();
    await mockCatalogReads(base, extendOrders(base));
    mockCheckRuns(writes, 2);
    const probot = await testProbot();
    await probot.receive({ id: '1', name: 'merge_group', payload: mergeGroupEvent() as never });
    expect(writes.checkRuns.map((r) => [r['name'], r['conclusion'], r['output'].title])).toEqual([
      ['Mesh Steward / checks', 'success', 'No problems found.'],
      ['Mesh Steward / approvals', 'success', 'Approved before queueing'],
    ]);
  });
});

describe('webhook signatures', () => {
  async function post(signature: string, body: string): Promise<number> {
    const probot = await testProbot();
    const middleware = await createNodeMiddleware(createApp({ target: undefined }), {
      probot,
      webhooksPath: '/api/github/webhooks',
    });
    const server = createServer((req, res) => void middleware(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'pull_request',
          'x-github-delivery': '1',
          'x-hub-signature-256': signature,
        },
        body,
      });
      return response.status;
    } finally {
      server.close();
    }
  }

  it('rejects a delivery with a bad signature before any handler runs (no GitHub call is made)', async () => {
    const body = JSON.stringify(pullRequestEvent('opened'));
    expect(await post(`sha256=${'0'.repeat(64)}`, body)).toBe(400);
  });

  it('verifyAndReceive refuses a bad signature', async () => {
    const probot = await testProbot();
    const payload = JSON.stringify(pullRequestEvent('opened'));
    await expect(
      probot.webhooks.verifyAndReceive({
        id: '1',
        name: 'pull_request',
        payload,
        signature: `sha256=${'0'.repeat(64)}`,
      }),
    ).rejects.toThrow(/signature/i);
  });
});
