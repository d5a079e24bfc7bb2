import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { applyCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { SourceEntry } from '../../src/core/source.js';
import type { ApplyTarget } from '../../src/github/read/apply-target.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import { desiredState } from '../../src/plan/desired.js';
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
import { pullRequestEvent, type PrOptions } from './helpers/payloads.js';
import { baseTree, edit, ORDERS } from './helpers/trees.js';

useStrictNock();

type Tree = ReadonlyMap<string, SourceEntry>;

/** A second output port on orders: a new topic and a new value subject. */
const addPort = (tree: Tree) =>
  edit(
    tree,
    ORDERS,
    (t) =>
      `${t}  - name: orders-v2\n    topic: commerce.orders.v2\n    value:\n      schema: schemas/order.avsc\n    writer: User:svc-orders\n`,
  );

/** The fakes, already holding what the base catalog wants, behind a target that counts connections and closes. */
async function fakeCluster(base: Tree, repository = 'acme/mesh') {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  const ports = { kafka, registry, name: 'fake' };
  await applyCluster(desiredState(loadCatalog(base).catalog), ports);
  const counts = { connects: 0, closes: 0 };
  kafka.close = async () => void counts.closes++;
  const target: ApplyTarget = {
    repository,
    name: 'broker-1:9092 https://registry.example',
    connect: () => (counts.connects++, ports),
  };
  return { kafka, registry, target, counts };
}

/** Runs one `opened` event into `main` with the usual GitHub mocks; review requests only for same-repo PRs. */
async function open(target: ApplyTarget, head: Tree, base: Tree, options: PrOptions & { ref?: string } = {}) {
  const writes: Writes = noWrites();
  await mockCatalogReads(base, head);
  mockPullRequestLists();
  mockCheckRuns(writes, 2);
  mockComment(writes);
  if (!options.fork) mockReviewRequest(writes);
  const probot = await testProbot(new CatalogCache(), undefined, target);
  const payload = pullRequestEvent('opened', options);
  payload['pull_request'].base.ref = options.ref ?? 'main';
  await probot.receive({ id: '1', name: 'pull_request', payload: payload as never });
  const comment = String(writes.comments[0]?.['body']);
  const checks = writes.checkRuns.find((r) => r['name'] === 'Mesh Steward / checks');
  return { writes, comment, checks };
}

describe('the live plan on a pull request', () => {
  it('shows what merging would do to the cluster for a same-repository PR into the applying branch', async () => {
    const base = await baseTree();
    const cluster = await fakeCluster(base);
    const { comment, checks } = await open(cluster.target, addPort(base), base);
    expect(comment).toContain('#### Plan against broker-1:9092 https://registry.example');
    expect(comment).toContain('+ create topic commerce.orders.v2 (6 partitions, replication 3)');
    expect(comment).toContain('+ register schema as version 1 of new subject commerce.orders.v2-value');
    expect(comment).toContain('+ grant WRITE on topic commerce.orders.v2 to User:svc-orders');
    // The rest of the mesh is in sync: nothing planned on orders-v1 or on shipments.
    expect(comment).not.toContain('commerce.orders.v1');
    expect(checks?.['output'].summary).toContain('Merging would apply 4 operation(s) to broker-1:9092');
    expect(cluster.counts).toEqual({ connects: 1, closes: 1 });
    expect(cluster.kafka.topics.has('commerce.orders.v2')).toBe(false);
  });

  it('says the cluster already matches when merging changes nothing on it', async () => {
    const base = await baseTree();
    const head = addPort(base);
    const cluster = await fakeCluster(head);
    const { comment } = await open(cluster.target, head, base);
    expect(comment).toContain('The cluster already matches: merging changes nothing on it.');
  });

  it('never reads the cluster for a fork', async () => {
    const base = await baseTree();
    const cluster = await fakeCluster(base);
    const { comment } = await open(cluster.target, addPort(base), base, { fork: true });
    expect(comment).not.toContain('Plan against');
    expect(comment).toContain('+ create topic commerce.orders.v2 (');
    expect(cluster.counts.connects).toBe(0);
  });

  it('never reads the cluster for another repository than the target’s', async () => {
    const base = await baseTree();
    const cluster = await fakeCluster(base, 'acme/other-mesh');
    const { comment } = await open(cluster.target, addPort(base), base);
    expect(comment).not.toContain('Plan against');
    expect(cluster.counts.connects).toBe(0);
  });

  it('never reads the cluster for a PR into another branch than the applying one', async () => {
    const base = await baseTree();
    const cluster = await fakeCluster(base);
    const { comment } = await open(cluster.target, addPort(base), base, { ref: 'release' });
    expect(comment).not.toContain('Plan against');
    expect(cluster.counts.connects).toBe(0);
  });

  it('says why when the cluster cannot be reached, and the checks are those without a cluster', async () => {
    const base = await baseTree();
    const head = addPort(base);
    const cluster = await fakeCluster(base);
    const without = await open(cluster.target, head, base, { ref: 'release' });
    cluster.target = {
      ...cluster.target,
      connect: () => {
        throw new Error('connect ECONNREFUSED https://admin:hunter2@registry.example\nstack');
      },
    };
    const failed = await open(cluster.target, head, base);
    expect(failed.comment).toContain('**Live plan unavailable:** connect ECONNREFUSED https://registry.example');
    expect(failed.comment).not.toContain('hunter2');
    expect(failed.comment).toContain('+ create topic commerce.orders.v2 (');
    expect(failed.writes.checkRuns.map((r) => r['conclusion'])).toEqual(
      without.writes.checkRuns.map((r) => r['conclusion']),
    );
  });

  it('says why when a read fails mid-plan, and still disconnects', async () => {
    const base = await baseTree();
    const cluster = await fakeCluster(base);
    cluster.kafka.unavailable = true;
    const { comment, checks } = await open(cluster.target, addPort(base), base);
    expect(comment).toContain(
      '**Live plan unavailable:** Kafka: the cluster is unreachable \\(fake broker stopped\\).',
    );
    expect(checks?.['output'].summary).toContain('unavailable');
    expect(cluster.counts).toEqual({ connects: 1, closes: 1 });
  });
});
