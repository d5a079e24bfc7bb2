import { Admin } from '@platformatic/kafka';
import nock from 'nock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../src/core/source.js';
import { applyTargetFromEnv } from '../../src/github/read/apply-target.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import { API, tarball, testProbot } from '../github/helpers/github.js';
import { MERGE, mockSettings } from '../github/helpers/merge.js';
import { OWNER, pushEvent, REPO } from '../github/helpers/payloads.js';
import { FakeGitHub, StrictRequests } from '../github/helpers/promotion.js';
import { baseTree, edit } from '../github/helpers/trees.js';
import { services } from './apply-services.js';

// GitHub is a stateful fake (deployments, statuses, check runs, notes); the clusters are the real services, reached
// through the variables each environment names (the App's own connectEnvironment, no test hook).
const run = Date.now().toString(36);
const orders = `commerce.orders-${run}.v1`;
const shipments = `logistics.shipments-${run}.v1`;
const admin = new Admin({ clientId: 'steward-it-promotion', bootstrapBrokers: services.brokers });
afterAll(() => admin.close());

/** staging and prod on main, both on the single-broker services (replication 1), prod after staging. */
async function promotedTree(): Promise<ReadonlyMap<string, SourceEntry>> {
  const environment = (name: string, extra: string) => `  - name: ${name}
    branch: main
${extra}    kafka:
      brokers: IT_${name.toUpperCase()}_KAFKA_BROKERS
    registry:
      url: IT_${name.toUpperCase()}_REGISTRY_URL
    overrides:
      replicationFactor: 1
      topicConfigs:
        min.insync.replicas: '1'
`;
  const tree = edit(await baseTree(), '.github/steward.yml', (t) =>
    [t, 'environments:\n', environment('staging', ''), environment('prod', '    after: staging\n')].join(''),
  );
  return edit(
    edit(tree, 'catalog/commerce/orders/product.yaml', (t) => t.replace('commerce.orders.v1', orders)),
    'catalog/logistics/shipments/product.yaml',
    (t) => t.replace('logistics.shipments.v1', shipments),
  );
}

const requests = new StrictRequests();
let github: FakeGitHub;
beforeEach(() => {
  requests.start();
  nock.enableNetConnect('127.0.0.1');
  github = new FakeGitHub();
  github.install();
});
afterEach(() => {
  requests.stop();
  expect(
    requests.unmatched.filter((r) => !r.includes('127.0.0.1')),
    'unmatched requests',
  ).toEqual([]);
});

async function pushMain(env: Record<string, string>, tree: ReadonlyMap<string, SourceEntry>, cached?: CatalogCache) {
  mockSettings(tree);
  nock(API).get(`/repos/${OWNER}/${REPO}/commits/${MERGE}/pulls`).reply(200, []);
  if (!cached)
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/tarball/${MERGE}`)
      .reply(200, await tarball(tree), { 'content-type': 'application/x-gzip' });
  const target = applyTargetFromEnv({ STEWARD_APPLY_REPOSITORY: `${OWNER}/${REPO}`, ...env });
  const cache = cached ?? new CatalogCache();
  const probot = await testProbot(cache, undefined, target);
  await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE, 'main', 'bob') as never });
  return cache;
}

const reachable = {
  IT_STAGING_KAFKA_BROKERS: services.brokers.join(','),
  IT_STAGING_REGISTRY_URL: services.registryUrl,
  IT_PROD_KAFKA_BROKERS: services.brokers.join(','),
  IT_PROD_REGISTRY_URL: services.registryUrl,
};

describe('promotion on the real services', () => {
  it('an unreachable staging fails as error and holds prod back; the re-delivery applies staging, then prod', async () => {
    const tree = await promotedTree();
    // staging's registry is a closed port: the apply cannot plan, so its deployment ends in error.
    const cache = await pushMain({ ...reachable, IT_STAGING_REGISTRY_URL: 'http://127.0.0.1:9' }, tree);
    expect(github.deploymentCreates.map((d) => d['environment'])).toEqual(['staging']);
    expect(github.statusCreates.map((s) => s.body['state'])).toEqual(['in_progress', 'error']);
    expect(github.checkRunCreates.map((c) => [c['name'], c['conclusion'] ?? c['status']])).toEqual([
      ['Mesh Steward / apply (staging)', 'in_progress'],
      ['Mesh Steward / apply (prod)', 'neutral'],
    ]);
    expect((await admin.listTopics({ includeInternals: false })).includes(orders)).toBe(false);

    // The variable is fixed and the push is delivered again: staging applies, prod follows.
    await pushMain(reachable, tree, cache);
    expect(github.deploymentCreates.map((d) => d['environment'])).toEqual(['staging', 'staging', 'prod']);
    expect(github.statusCreates.map((s) => s.body['state'])).toEqual([
      'in_progress',
      'error',
      'in_progress',
      'success',
      'in_progress',
      'success',
    ]);
    // prod is the same single-broker cluster here: after staging it is in sync.
    expect(github.statusCreates.at(-1)?.body['description']).toBe('In sync: nothing to apply');
    expect(await admin.listTopics({ includeInternals: false })).toEqual(expect.arrayContaining([orders, shipments]));
    const note = github.notes.get(MERGE) ?? '';
    expect(note).toMatch(/apply: succeeded at \S+ on environment staging\n/);
    expect(note).toMatch(/apply: nothing-to-apply at \S+ on environment prod\n/);
    expect(note).toContain(`op: ok create-topic topic:${orders} on staging\n`);

    // A third delivery finds both succeeded for this commit: nothing is applied, deployed or published.
    const before = { deployments: github.deploymentCreates.length, runs: github.checkRunCreates.length };
    await pushMain(reachable, tree, cache);
    expect({ deployments: github.deploymentCreates.length, runs: github.checkRunCreates.length }).toEqual(before);
  });
});
