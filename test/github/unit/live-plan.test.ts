import { describe, expect, it } from 'vitest';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import type { CatalogSnapshot } from '../../../src/github/read/catalog-cache.js';
import { oneLine } from '../../../src/apply/session.js';
import { livePlanTarget, planLive, type LivePlan } from '../../../src/github/flows/live-plan.js';
import { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../../src/apply/fake-schema-registry.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import { baseTree, edit, ORDERS } from '../helpers/trees.js';
import { renderChecksRun } from '../../../src/render/check-runs.js';
import { renderComment } from '../../../src/render/comment.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import type { Operation } from '../../../src/plan/operations.js';
import { evaluation } from '../helpers/evaluation.js';

const createTopic = (name: string): Operation => ({
  kind: 'create-topic',
  resource: `topic:${name}`,
  topic: { name, partitions: 6, replicationFactor: 3, configs: {} },
});
const revoke: Operation = {
  kind: 'delete-acl',
  resource: 'acl:x',
  acl: { resourceType: 'topic', resourceName: 'old.v1', principal: 'User:svc', operation: 'READ' },
  skipped: 'would delete (not allowed by settings)',
};
const live = (operations: Operation[], notices: string[] = []): LivePlan => ({
  target: 'b1:9092 https://registry',
  operations,
  notices,
});

describe('the live plan in the comment', () => {
  it('lists the operations in a diff block under the target’s heading', () => {
    const body = renderComment(evaluation([]), live([createTopic('orders.v2')], ['Replication factor overridden.']));
    expect(body).toContain('### Plan for merge\n\n#### Plan against b1:9092 https://registry');
    expect(body).toContain('> **Note:** Replication factor overridden.');
    expect(body).toContain(
      '**Plan:** 1 operation(s), in apply order. 1 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n\n```diff\n+ create topic orders.v2',
    );
  });

  it('says the cluster already matches when there is nothing to do', () => {
    expect(renderComment(evaluation([]), live([]))).toContain('The cluster already matches');
  });

  it('says why it is unavailable, escaped, on one line', () => {
    const body = renderComment(evaluation([]), { target: 'b1:9092', unavailable: 'refused <b>@acme/all</b>' });
    expect(body).toContain('**Live plan unavailable:** refused &lt;b&gt;@&#8203;acme/all&lt;/b&gt;');
  });

  it('has no plan section without a live plan and with nothing previewed', () => {
    expect(renderComment(evaluation([]))).not.toContain('Plan for merge');
  });

  it('no value can close the fence: each operation stays on its line', () => {
    const topic = { name: 't', partitions: 1, replicationFactor: 1, configs: { 'x.y': 'a\n```\n@acme/all' } };
    const op: Operation = { kind: 'create-topic', resource: 'topic:t', topic };
    const body = renderComment(evaluation([]), live([op]));
    expect(body.match(/^```/gm)).toHaveLength(2);
  });

  it('counts what it cannot list when the comment is long', () => {
    const ops = Array.from({ length: 3000 }, (_, i) => createTopic(`topic.with.a.rather.long.name.${i}`));
    const body = renderComment(evaluation([]), live(ops));
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('**Plan:** 3000 operation(s)');
    expect(body).toMatch(/… and \d+ more operation\(s\)\./);
  });
});

describe('the live plan in the checks run', () => {
  it('adds one line with the count, and never changes the conclusion', () => {
    const run = renderChecksRun(evaluation([]), live([createTopic('a'), revoke]));
    expect(run.conclusion).toBe('success');
    expect(run.summary).toContain(
      'Merging would apply 1 operation(s) to b1:9092 https://registry (1 more would be skipped)',
    );
    const failed = renderChecksRun(evaluation([]), { target: 'b1:9092', unavailable: 'timeout' });
    expect(failed.conclusion).toBe('success');
    expect(failed.summary).toContain('Live plan against b1:9092 unavailable: timeout');
    expect(renderChecksRun(evaluation([])).summary).not.toContain('Merging');
  });
});

describe('which pull requests get a live plan', () => {
  const target: ApplyTarget = { repository: 'Acme/Mesh', name: 'b1', connect: () => ({}) as never };
  const pr = { owner: 'acme', repo: 'mesh', baseRef: 'main', defaultBranch: 'main', fork: false } as PullRequestRef;
  const snapshot = (applyBranch?: string, touched = ['d/p']) =>
    ({
      base: { catalog: { settings: applyBranch ? { manifest: { applyBranch } } : undefined } },
      touched: new Set(touched),
    }) as unknown as CatalogSnapshot;

  it('the target’s repository, into the applying branch of the base catalog, not from a fork, touching a product', () => {
    expect(livePlanTarget(target, pr, snapshot())?.environments[0]?.connect).toBe(target.connect);
    expect(livePlanTarget(target, { ...pr, baseRef: 'release' }, snapshot('release'))?.environments[0]?.connect).toBe(
      target.connect,
    );
    expect(livePlanTarget(target, pr, snapshot('release'))).toBeUndefined();
    expect(livePlanTarget(target, { ...pr, fork: true }, snapshot())).toBeUndefined();
    expect(livePlanTarget(target, { ...pr, repo: 'other' }, snapshot())).toBeUndefined();
    expect(livePlanTarget(undefined, pr, snapshot())).toBeUndefined();
    expect(livePlanTarget(target, pr, snapshot(undefined, []))).toBeUndefined();
    expect(livePlanTarget(target, { ...pr, baseRef: '' }, snapshot())).toBeUndefined();
  });
});

describe('oneLine', () => {
  it('keeps the first line, short, without credentials in URLs', () => {
    expect(oneLine(new Error('\nGET https://u:p@reg/x?api_key=tok3n failed\n  at y'))).toBe('GET https://reg failed');
    expect(oneLine('x'.repeat(400))).toHaveLength(300);
  });
});

describe('planLive', () => {
  async function snapshot(broken = false): Promise<CatalogSnapshot> {
    const base = loadCatalog(await baseTree());
    const tree = broken
      ? edit(await baseTree(), ORDERS, (t) => t.replace('name: orders', 'name: ['))
      : await baseTree();
    return { base, head: loadCatalog(tree), history: new Map(), touched: new Set(['commerce/orders']) };
  }

  it('does not plan a head catalog with errors, and never connects', async () => {
    let connects = 0;
    const target = { ...applyTarget, connect: () => (connects++, applyTarget.connect()) };
    const plan = await planLive(target, await snapshot(true));
    expect(plan).toEqual({ target: target.name, unavailable: expect.stringMatching(/head catalog has \d+ error/) });
    expect(connects).toBe(0);
  });

  it('gives up on a cluster that hangs, and still disconnects', async () => {
    const kafka = new FakeKafkaAdmin();
    let closed = 0;
    kafka.describeTopics = () => new Promise(() => undefined);
    kafka.close = async () => void closed++;
    const target = { ...applyTarget, connect: () => ({ kafka, registry: new FakeSchemaRegistry(), name: 'x' }) };
    const plan = await planLive(target, await snapshot(), 50);
    expect(plan).toEqual({ target: target.name, unavailable: 'the cluster did not answer within 0.05 s' });
    expect(closed).toBe(1);
  });
});

const applyTarget: ApplyTarget & Required<Pick<ApplyTarget, 'connect' | 'name'>> = {
  repository: 'acme/mesh',
  name: 'b1:9092 https://registry',
  connect: () => ({ kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: 'fake' }),
};
