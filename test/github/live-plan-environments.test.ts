import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../src/core/source.js';
import type { ApplyTarget } from '../../src/github/read/apply-target.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import {
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  noWrites,
  testProbot,
  type Writes,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { environmentClusters } from './helpers/promotion.js';
import { baseTree, edit, ORDERS } from './helpers/trees.js';

useStrictNock();

type Tree = ReadonlyMap<string, SourceEntry>;

const environments = `environments:
  - name: staging
    branch: main
    kafka:
      brokers: STAGING_KAFKA_BROKERS
    registry:
      url: STAGING_REGISTRY_URL
    overrides:
      replicationFactor: 1
  - name: prod
    branch: main
    after: staging
    kafka:
      brokers: PROD_KAFKA_BROKERS
    registry:
      url: PROD_REGISTRY_URL
`;

const addPort = (tree: Tree) =>
  edit(
    tree,
    ORDERS,
    (t) =>
      `${t}  - name: orders-v2\n    topic: commerce.orders.v2\n    value:\n      schema: schemas/order.avsc\n    writer: User:svc-orders\n`,
  );

async function open(target: ApplyTarget, head: Tree, base: Tree) {
  const writes: Writes = noWrites();
  await mockCatalogReads(base, head);
  mockPullRequestLists();
  mockCheckRuns(writes, 2);
  mockComment(writes);
  mockReviewRequest(writes);
  const probot = await testProbot(new CatalogCache(), undefined, target);
  const payload = pullRequestEvent('opened');
  payload['pull_request'].base.ref = 'main';
  await probot.receive({ id: '1', name: 'pull_request', payload: payload as never });
  return {
    comment: String(writes.comments[0]?.['body']),
    checks: writes.checkRuns.find((r) => r['name'] === 'Mesh Steward / checks'),
  };
}

describe("the pull request's comment under promotion", () => {
  it('shows the plan of each environment merging applies, in order, with its overrides', async () => {
    const base = edit(await baseTree(), '.github/steward.yml', (t) => `${t}${environments}`);
    const { target, clusters } = environmentClusters(['staging']);
    // prod has no cluster behind it here: its section says its plan is unavailable, staging's plan stands.
    const { comment, checks } = await open(target, addPort(base), base);
    expect(clusters.get('staging')?.connects).toBe(1);
    const staging = comment.indexOf('#### Environment staging');
    const prod = comment.indexOf('#### Environment prod');
    expect(staging).toBeGreaterThan(-1);
    expect(prod).toBeGreaterThan(staging);
    expect(comment.slice(staging, prod)).toContain('Overrides: `replicationFactor 1`');
    expect(comment.slice(staging, prod)).toContain(
      '+ create topic commerce.orders.v2 (6 partitions, replication 1 (override: environment staging))',
    );
    expect(comment.slice(prod)).toContain('**Live plan unavailable** (prod): no fake cluster for prod');
    // A live plan was made (staging): the base-catalog preview is not shown.
    expect(comment).not.toContain('Planned against the base catalog');
    expect(String(checks?.['output']?.['summary'])).toMatch(
      /staging: Merging would apply \d+ operation\(s\) to staging/,
    );
  });
});
