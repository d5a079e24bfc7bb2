import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../../src/apply/fake-schema-registry.js';
import { applyCluster } from '../../../src/apply/run.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { livePlanTarget, planLive } from '../../../src/github/flows/live-plan.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import type { CatalogSnapshot } from '../../../src/github/read/catalog-cache.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import { desiredState } from '../../../src/plan/desired.js';
import type { Operation } from '../../../src/plan/operations.js';
import { baseTree, edit, ORDERS } from '../helpers/trees.js';

type Tree = ReadonlyMap<string, SourceEntry>;
const SHIPMENTS = 'catalog/logistics/shipments';

const pr = {
  owner: 'acme',
  repo: 'mesh',
  baseRef: 'trunk',
  defaultBranch: 'trunk',
  fork: false,
} as PullRequestRef;

function snapshot(base: Tree, head: Tree, touched: string[]): CatalogSnapshot {
  return { base: loadCatalog(base), head: loadCatalog(head), history: new Map(), touched: new Set(touched) };
}

/** A fake cluster behind a target; `counts` says how often it was connected and closed. */
function cluster(override?: number) {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  const counts = { connects: 0, closes: 0 };
  kafka.close = async () => void counts.closes++;
  const ports = { kafka, registry, name: 'fake' };
  const target: ApplyTarget = {
    repository: 'Acme/Mesh',
    name: 'b1:9092 https://sr',
    connect: () => (counts.connects++, ports),
    ...(override === undefined ? {} : { replicationFactorOverride: override }),
  };
  return { kafka, registry, ports, target, counts };
}

const resources = (ops: readonly Operation[]) => ops.map((o) => o.resource);

describe('livePlanTarget', () => {
  const target = cluster().target;
  const withBranch = (applyBranch: string | undefined, touched = ['commerce/orders']) =>
    ({
      base: { catalog: { settings: applyBranch ? { manifest: { applyBranch } } : undefined } },
      touched: new Set(touched),
    }) as unknown as CatalogSnapshot;

  it("plans a same-repository pull request into the default branch when the base's settings name none", () => {
    expect(livePlanTarget(target, pr, withBranch(undefined))?.environments[0]?.connect).toBe(target.connect);
    expect(livePlanTarget(target, { ...pr, baseRef: 'main' }, withBranch(undefined))).toBeUndefined();
  });

  it("follows the base catalog's applyBranch over the default branch", () => {
    expect(livePlanTarget(target, { ...pr, baseRef: 'release' }, withBranch('release'))?.environments[0]?.connect).toBe(
      target.connect,
    );
    expect(livePlanTarget(target, pr, withBranch('release'))).toBeUndefined();
  });

  it('plans nothing for a fork, another repository, no target or no touched product', () => {
    expect(livePlanTarget(target, { ...pr, fork: true }, withBranch(undefined))).toBeUndefined();
    expect(livePlanTarget(target, { ...pr, owner: 'other' }, withBranch(undefined))).toBeUndefined();
    expect(livePlanTarget(undefined, pr, withBranch(undefined))).toBeUndefined();
    expect(livePlanTarget(target, pr, withBranch(undefined, []))).toBeUndefined();
  });
});

describe('planLive', () => {
  it("plans the touched products only, with the target's replication override, and disconnects", async () => {
    const base = await baseTree();
    const { target, counts } = cluster(1);
    const plan = await planLive(target, snapshot(base, base, ['commerce/orders']));
    if (!('operations' in plan)) throw new Error(plan.unavailable);
    expect(plan.target).toBe('b1:9092 https://sr');
    const create = plan.operations.find((o) => o.kind === 'create-topic');
    expect(create).toMatchObject({ resource: 'topic:commerce.orders.v1', topic: { replicationFactor: 1 } });
    expect(resources(plan.operations)).toContain('subject:commerce.orders.v1-value');
    expect(resources(plan.operations).filter((r) => r.includes('logistics.shipments'))).toEqual([]);
    expect(counts).toEqual({ connects: 1, closes: 1 });
  });

  it("revokes a deleted product's grants on topics that stay", async () => {
    const base = await baseTree();
    const { ports, target } = cluster();
    await applyCluster(desiredState(loadCatalog(base).catalog), ports);
    const head = new Map([...base].filter(([path]) => !path.startsWith(SHIPMENTS)));
    const plan = await planLive(target, snapshot(base, head, ['logistics/shipments']));
    if (!('operations' in plan)) throw new Error(plan.unavailable);
    const revoked = plan.operations.filter((o) => o.kind === 'delete-acl');
    expect(revoked.length).toBeGreaterThan(0);
    expect(revoked.map((o) => (o.kind === 'delete-acl' ? [o.acl.principal, o.acl.resourceName] : []))).toContainEqual([
      'User:svc-shipping',
      'commerce.orders.v1',
    ]);
    // Its own topic leaves management: nothing deletes or changes it.
    expect(resources(plan.operations)).not.toContain('topic:logistics.shipments.v1');
  });

  it('does not plan a head catalog with errors, and never connects', async () => {
    const base = await baseTree();
    const broken = edit(base, ORDERS, (t) => t.replace('name: orders', 'name: ['));
    const { target, counts } = cluster();
    const s = snapshot(base, broken, ['commerce/orders']);
    const errors = s.head.findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    expect(await planLive(target, s)).toEqual({
      target: target.name,
      unavailable: `the head catalog has ${errors} error(s); fix them to see the plan`,
    });
    expect(counts.connects).toBe(0);
  });

  it('turns a refused connection or a failed read into one line saying why, and still disconnects', async () => {
    const base = await baseTree();
    const s = snapshot(base, base, ['commerce/orders']);
    const refused: ApplyTarget = {
      ...cluster().target,
      connect: () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:9092\n    at TCPConnectWrap');
      },
    };
    expect(await planLive(refused, s)).toEqual({
      target: refused.name,
      unavailable: 'connect ECONNREFUSED 10.0.0.1:9092',
    });
    const { kafka, target, counts } = cluster();
    kafka.describeTopics = () => Promise.reject(new Error('Kafka: describe topics failed: not authorized'));
    expect(await planLive(target, s)).toEqual({
      target: target.name,
      unavailable: 'Kafka: describe topics failed: not authorized',
    });
    expect(counts.closes).toBe(1);
  });

  it('gives up on a cluster that hangs after the timeout', async () => {
    const base = await baseTree();
    const { kafka, target, counts } = cluster();
    kafka.describeTopics = () => new Promise(() => undefined);
    const plan = await planLive(target, snapshot(base, base, ['commerce/orders']), 30);
    expect(plan).toEqual({ target: target.name, unavailable: 'the cluster did not answer within 0.03 s' });
    expect(counts.closes).toBe(1);
  });
});
