import { createRequire } from 'node:module';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { API, testProbot } from '../helpers/github.js';
import { meshTree, mockHead, mockIssues, mockPulls, ORDERS_TOPIC, prodCluster, repoPath } from '../helpers/drift.js';
import { useStrictNock } from '../helpers/nock.js';
import { commentEvent, OWNER, REPO } from '../helpers/payloads.js';

useStrictNock();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** GitHub's example repository_dispatch payload, for acme/mesh, with its event type. */
function dispatchEvent(action: string): Json {
  const found = examples.find((w) => w.name === 'repository_dispatch')?.examples[0];
  const payload = structuredClone(found) as Json;
  payload['action'] = action;
  payload['repository'].name = REPO;
  payload['repository'].full_name = `${OWNER}/${REPO}`;
  payload['repository'].owner.login = OWNER;
  payload['repository'].default_branch = 'main';
  payload['installation'] = { id: 1, node_id: 'I' };
  return payload;
}

/** A `/steward drift` comment on the drift issue #1 (an issue, not a pull request). */
function driftComment(by: string, body = '/steward drift'): Json {
  const event = commentEvent('created', body, by);
  delete event['issue'].pull_request;
  event['repository'].default_branch = 'main';
  return event;
}

function mockPermission(user: string, permission: string, role = permission): void {
  nock(API)
    .get(`${repoPath}/collaborators/${user}/permission`)
    .reply(200, { permission, role_name: role, user: { login: user } });
}

function mockReply(replies: Json[]): void {
  nock(API)
    .get(`${repoPath}/issues/1/comments`)
    .query({ per_page: 100 })
    .reply(200, [])
    .post(`${repoPath}/issues/1/comments`)
    .reply(201, (_uri, body) => (replies.push(body as Json), { id: 70 }));
}

/** The reads of a drift run on a prod that is in sync and has no issue: nothing is written. */
async function mockInSyncRun(): Promise<void> {
  await mockHead(await meshTree());
  mockIssues([]);
  mockPulls([]);
}

describe('/steward drift', () => {
  it('runs the drift loop for a repository writer and replies with each environment', async () => {
    const { target } = await prodCluster(await meshTree());
    const probot = await testProbot(undefined, undefined, target);
    const replies: Json[] = [];
    mockPermission('bob', 'write');
    await mockInSyncRun();
    mockReply(replies);

    await probot.receive({ id: '1', name: 'issue_comment', payload: driftComment('bob') as never });

    expect(replies).toHaveLength(1);
    expect(replies[0]?.['body']).toContain('- **prod**: in sync');
  });

  it('names the issue of a drifting environment in its reply, for a maintainer', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    kafka.topics.delete(ORDERS_TOPIC);
    const probot = await testProbot(undefined, undefined, target);
    const replies: Json[] = [];
    mockPermission('mia', 'write', 'maintain');
    await mockHead(tree);
    mockIssues([]);
    mockPulls([]);
    nock(API)
      .post(`${repoPath}/issues`)
      .reply(201, { number: 42, user: { login: 'mesh-steward[bot]', type: 'Bot' } });
    mockReply(replies);

    await probot.receive({ id: '1', name: 'issue_comment', payload: driftComment('mia') as never });

    expect(replies[0]?.['body']).toContain('- **prod**: drift (#42)');
  });

  it('refuses a reader (or triager) without reading the repository or any cluster', async () => {
    const { target, kafka } = await prodCluster(await meshTree());
    const probot = await testProbot(undefined, undefined, target);
    const requests = kafka.requests;
    const replies: Json[] = [];
    mockPermission('eve', 'read', 'triage');
    mockReply(replies);

    await probot.receive({ id: '1', name: 'issue_comment', payload: driftComment('eve') as never });

    expect(replies[0]?.['body']).toBe('@eve: only a repository writer or maintainer can run `/steward drift`.');
    expect(kafka.requests).toBe(requests);
  });

  it('is not a drift command when drift is not the whole first line', async () => {
    const { target } = await prodCluster(await meshTree());
    const probot = await testProbot(undefined, undefined, target);
    // On an issue, an unknown /steward line is nobody's business: no request at all.
    await probot.receive({ id: '1', name: 'issue_comment', payload: driftComment('bob', '/steward drifts') as never });
  });
});

describe('repository_dispatch', () => {
  it('runs the drift loop on the steward-drift event type', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    const requests = kafka.requests;
    const probot = await testProbot(undefined, undefined, target);
    await mockInSyncRun();

    await probot.receive({ id: '1', name: 'repository_dispatch', payload: dispatchEvent('steward-drift') as never });

    expect(kafka.requests).toBeGreaterThan(requests);
  });

  it('ignores other event types', async () => {
    const { kafka, target } = await prodCluster(await meshTree());
    const requests = kafka.requests;
    const probot = await testProbot(undefined, undefined, target);
    await probot.receive({ id: '1', name: 'repository_dispatch', payload: dispatchEvent('deploy') as never });
    expect(kafka.requests).toBe(requests);
  });
});
