import { Admin, ConfigResourceTypes, ConfigSources, IncrementalAlterConfigOperationTypes } from '@platformatic/kafka';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectEnvironment } from '../../src/apply/connect.js';
import { planCluster } from '../../src/apply/run.js';
import { applyOnCluster, desiredFor } from '../../src/apply/session.js';
import { resolveEnvironment } from '../../src/catalog/environments.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Logger } from '../../src/core/logger.js';
import type { SourceEntry } from '../../src/core/source.js';
import { runDriftLoop } from '../../src/github/flows/drift.js';
import type { ApplyTarget } from '../../src/github/read/apply-target.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import { KeyedQueue } from '../../src/github/serialize.js';
import { API } from '../github/helpers/github.js';
import { bot, MAIN, mockHead, mockIssues, mockPulls, repoPath } from '../github/helpers/drift.js';
import { useStrictNock } from '../github/helpers/nock.js';
import { OWNER, REPO } from '../github/helpers/payloads.js';
import { baseTree, edit } from '../github/helpers/trees.js';
import { services } from './apply-services.js';

// The drift loop on the real services, GitHub mocked: an out-of-band config change is one issue whose adopting
// pull request's files, merged into the catalog, plan to nothing against the same broker and registry; after a
// re-apply the issue is closed. The loop itself never writes to the cluster.
useStrictNock();
beforeEach(() => nock.enableNetConnect('127.0.0.1'));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const run = Date.now().toString(36);
const orders = `commerce.orders-drift-${run}.v1`;
const shipments = `logistics.shipments-drift-${run}.v1`;
const env = { DRIFT_IT_KAFKA_BROKERS: services.brokers.join(','), DRIFT_IT_REGISTRY_URL: services.registryUrl };
const settings = `apiVersion: mesh-steward/v1
kind: Settings
applyBranch: main
environments:
  - name: prod
    branch: main
    kafka:
      brokers: DRIFT_IT_KAFKA_BROKERS
    registry:
      url: DRIFT_IT_REGISTRY_URL
    overrides:
      replicationFactor: 1
      topicConfigs:
        min.insync.replicas: '1'
`;
const target: ApplyTarget = { repository: `${OWNER}/${REPO}`, env };
const gh = new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } });
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const repo = { owner: OWNER, repo: REPO, defaultBranch: 'main' };
const admin = new Admin({ clientId: 'steward-it-drift', bootstrapBrokers: services.brokers });
afterAll(() => admin.close());

async function meshTree(): Promise<Map<string, SourceEntry>> {
  const renamed = edit(
    edit(await baseTree(), 'catalog/commerce/orders/product.yaml', (t) => t.replace('commerce.orders.v1', orders)),
    'catalog/logistics/shipments/product.yaml',
    (t) => t.replace('logistics.shipments.v1', shipments),
  );
  renamed.set('.github/steward.yml', { kind: 'file', content: settings });
  return renamed;
}

function prodOf(tree: ReadonlyMap<string, SourceEntry>) {
  const { catalog } = loadCatalog(tree);
  const environment = resolveEnvironment(catalog.settings, 'prod');
  const session = { connect: () => connectEnvironment(environment, env), environment };
  return { catalog, environment, session, desired: desiredFor({ environment }, catalog) };
}

async function retention(): Promise<string | undefined> {
  const [described] = await admin.describeConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: orders, configurationKeys: ['retention.ms'] }],
  });
  const entry = described?.configs.find((c) => c.name === 'retention.ms');
  return entry?.configSource === ConfigSources.TOPIC_CONFIG ? (entry.value ?? undefined) : undefined;
}

describe('the drift loop on the real services', () => {
  beforeAll(async () => {
    const { session, desired } = prodOf(await meshTree());
    const applied = await applyOnCluster(session, desired);
    expect(applied.outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
  }, 120_000);

  it('opens the issue of a config changed out of band, whose adopting files plan to nothing, and closes it after a re-apply', async () => {
    const tree = await meshTree();
    await admin.incrementalAlterConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: orders,
          configs: [
            { name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '3600000' },
          ],
        },
      ],
    });
    // The broker serves configs from metadata that trails the controller: wait until the change shows.
    for (let i = 0; i < 50 && (await retention()) !== '3600000'; i++) await new Promise((r) => setTimeout(r, 200));

    const state = { cache: new CatalogCache(), queue: new KeyedQueue(), target };
    const created: Json[] = [];
    const trees: Json[] = [];
    await mockHead(tree);
    mockIssues([]);
    mockPulls([]);
    nock(API)
      .post(`${repoPath}/issues`)
      .reply(201, (_uri, body) => (created.push(body as Json), { number: 42, user: bot }))
      .get(`${repoPath}/git/commits/${MAIN}`)
      .reply(200, { sha: MAIN, tree: { sha: 'main-tree' }, parents: [] })
      .post(`${repoPath}/git/trees`)
      .reply(201, (_uri, body) => (trees.push(body as Json), { sha: 'adopt-tree' }))
      .get(/\/git\/ref\/heads(\/|%2F)steward(\/|%2F)adopt-prod$/)
      .reply(404, { message: 'Not Found' })
      .post(`${repoPath}/git/commits`)
      .reply(201, { sha: 'adopt-commit' })
      .post(`${repoPath}/git/refs`)
      .reply(201, {})
      .post(`${repoPath}/pulls`)
      .reply(201, { number: 43 })
      .patch(`${repoPath}/issues/42`)
      .reply(200, {});

    const drifted = await runDriftLoop(gh, repo, state, quiet);

    expect(drifted).toEqual({
      kind: 'ran',
      environments: [{ environment: 'prod', status: 'drift', issue: 42, pullRequest: 43 }],
    });
    expect(created[0]?.['body']).toContain(`~ alter config of topic ${orders}: reset retention.ms`);
    expect(await retention()).toBe('3600000');
    // Adopting: the catalog with the pull request's files plans to nothing on the same cluster.
    const adopted = new Map(tree);
    for (const file of trees[0]?.['tree'] as { path: string; content: string }[])
      adopted.set(file.path, { kind: 'file', content: file.content });
    const after = prodOf(adopted);
    expect(loadCatalog(adopted).findings.filter((f) => f.severity === 'error')).toEqual([]);
    const ports = after.session.connect();
    try {
      expect((await planCluster(after.desired, ports)).operations).toEqual([]);
    } finally {
      await ports.kafka.close();
    }

    // Re-applying the catalog as it was: the next run closes the issue with a comment.
    const { session, desired } = prodOf(tree);
    await applyOnCluster(session, desired);
    for (let i = 0; i < 50 && (await retention()) !== undefined; i++) await new Promise((r) => setTimeout(r, 200));
    const closing: Json[] = [];
    await mockHead(tree, true);
    mockIssues([{ number: 42, state: 'open', title: 'Drift in prod', body: created[0]?.['body'], user: bot }]);
    mockPulls([
      { number: 43, state: 'open', title: 'Adopt', body: '<!-- mesh-steward:adopt environment=prod -->', user: bot },
    ]);
    nock(API)
      .post(`${repoPath}/issues/42/comments`)
      .reply(201, {})
      .patch(`${repoPath}/issues/42`)
      .reply(200, (_uri, body) => (closing.push(body as Json), {}))
      .post(`${repoPath}/issues/43/comments`)
      .reply(201, {})
      .patch(`${repoPath}/pulls/43`)
      .reply(200, {});
    expect(await runDriftLoop(gh, repo, state, quiet)).toEqual({
      kind: 'ran',
      environments: [{ environment: 'prod', status: 'in-sync' }],
    });
    expect(closing).toEqual([{ state: 'closed', state_reason: 'completed' }]);
  }, 120_000);
});
