import { Admin } from '@platformatic/kafka';
import nock from 'nock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/apply/connect.js';
import type { SourceEntry } from '../../src/core/source.js';
import type { ApplyTarget } from '../../src/github/read/apply-target.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import { API, mockCatalogReads, mockPullRequestLists, mockTeam, testProbot } from '../github/helpers/github.js';
import {
  MERGE,
  mockApplyComment,
  mockApplyRun,
  mockMergedCommit,
  mockNotes,
  mockSettings,
  noMergeWrites,
} from '../github/helpers/merge.js';
import { useStrictNock } from '../github/helpers/nock.js';
import { checkRunEvent, comment, HEAD, OWNER, pushEvent, REPO } from '../github/helpers/payloads.js';
import { baseTree, breakOrders, edit } from '../github/helpers/trees.js';
import { services } from './apply-services.js';

useStrictNock();
// GitHub is mocked; the broker (raw TCP) and the registry (HTTP on loopback) are the real services.
beforeEach(() => nock.enableNetConnect('127.0.0.1'));

const run = Date.now().toString(36);
const orders = `commerce.orders-${run}.v1`;
const shipments = `logistics.shipments-${run}.v1`;
const env = { STEWARD_KAFKA_BROKERS: services.brokers.join(','), STEWARD_REGISTRY_URL: services.registryUrl };
const target: ApplyTarget = {
  repository: `${OWNER}/${REPO}`,
  name: `${env.STEWARD_KAFKA_BROKERS} ${env.STEWARD_REGISTRY_URL}`,
  connect: () => connectCluster(env),
  replicationFactorOverride: 1,
};
const admin = new Admin({ clientId: 'steward-it-app', bootstrapBrokers: services.brokers });
afterAll(() => admin.close());

/** The example trees with per-run topic names, so the suite can run again on the same services. */
async function trees() {
  const rename = (tree: ReadonlyMap<string, SourceEntry>) =>
    edit(
      edit(tree, 'catalog/commerce/orders/product.yaml', (t) => t.replace('commerce.orders.v1', orders)),
      'catalog/logistics/shipments/product.yaml',
      (t) => t.replace('logistics.shipments.v1', shipments),
    );
  const base = rename(await baseTree());
  return { base, head: breakOrders(base) };
}

async function mockMerge(
  writes: ReturnType<typeof noMergeWrites>,
  notes: Map<string, string>,
  comments: object[] = [],
) {
  const { base, head } = await trees();
  mockSettings(base);
  mockApplyRun(writes);
  await mockMergedCommit(head, undefined, notes.size > 0);
  const approval = {
    id: 1,
    user: { login: 'olivia' },
    state: 'APPROVED',
    commit_id: HEAD,
    submitted_at: '2026-11-22T10:30:00Z',
  };
  mockPullRequestLists(
    [approval],
    [comment(7, '/steward accept-breaking Nobody reads channel yet', 'olivia'), ...comments],
  );
  for (const [team, members] of [
    ['@acme/orders', ['olivia']],
    ['@acme/finance-data', []],
    ['@acme/shipping', []],
  ] as const)
    mockTeam(team, [...members]);
  mockNotes(writes, notes, notes.size === 0);
  return { base, head };
}

async function latest(subject: string): Promise<{ version: number; id: number }> {
  const response = await fetch(`${services.registryUrl}/subjects/${subject}/versions/latest`);
  return (await response.json()) as { version: number; id: number };
}

describe('the App applies a merge to the real Kafka broker and registry', () => {
  const cache = new CatalogCache();
  let note = '';

  it('creates the topics and subjects, reports success, and records registry ids that match the registry', async () => {
    const writes = noMergeWrites();
    const { base, head } = await mockMerge(writes, new Map());
    await mockCatalogReads(base, head);
    mockApplyComment(writes);
    const probot = await testProbot(cache, undefined, target, () => '2026-11-22T12:00:00.000Z');
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });

    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'success' });
    const topics = new Set(await admin.listTopics());
    expect(topics.has(orders) && topics.has(shipments)).toBe(true);
    note = String(writes.blobs[0]?.['content']);
    const value = await latest(`${orders}-value`);
    expect(value.version).toBe(1);
    expect(note).toContain(`subject: ${orders}-value version=1 id=${value.id}\n`);
    expect(note).toContain(`topic: ${orders}\n`);
    expect(note).toContain('apply: succeeded at 2026-11-22T12:00:00.000Z');
  });

  it('re-running the apply converges to nothing and leaves the note unchanged', async () => {
    const writes = noMergeWrites();
    // The apply comment of the first run is there now; a re-run edits it.
    const earlier = comment(11, '<!-- mesh-steward:apply -->\nearlier report', 'mesh-steward[bot]', false, 'Bot');
    await mockMerge(writes, new Map([[MERGE, note]]), [earlier]);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { object: { sha: MERGE } });
    mockApplyComment(writes, 11);
    const probot = await testProbot(cache, undefined, target, () => '2026-11-22T12:00:00.000Z');
    const event = checkRunEvent('Mesh Steward / apply', []);
    event['check_run'].head_sha = MERGE;
    event['repository'].default_branch = 'main';
    await probot.receive({ id: '2', name: 'check_run', payload: event as never });

    expect(writes.checkRunUpdates[0]).toMatchObject({
      conclusion: 'success',
      output: { title: 'In sync: nothing to apply' },
    });
    expect((await latest(`${orders}-value`)).version).toBe(1);
    expect(writes.blobs).toEqual([]);
  });
});
