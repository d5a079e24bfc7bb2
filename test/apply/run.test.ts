import { describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../src/apply/executor.js';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { lockTopic } from '../../src/apply/lock.js';
import { applyCluster, planCluster, withRegisteredVersions } from '../../src/apply/run.js';
import type { Operation } from '../../src/plan/operations.js';
import type { DesiredState } from '../../src/plan/state.js';

const desired: DesiredState = {
  topics: [
    { name: 'orders', partitions: 3, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
    { name: 'fresh', partitions: 1, replicationFactor: 3, configs: {} },
  ],
  subjects: [{ subject: 'orders-value', schema: '"string"', references: [], compatibility: 'FULL' }],
  acls: [{ resourceType: 'topic', resourceName: 'orders', principal: 'User:a', operation: 'READ' }],
  retired: { topics: [], subjects: [] },
  groups: [],
  allowDeletions: false,
  notices: [],
};

function cluster() {
  const kafka = new FakeKafkaAdmin();
  kafka.topics.set('orders', { partitions: 1, replicationFactor: 3, configs: {} });
  return { kafka, registry: new FakeSchemaRegistry(), name: `run-test-${Math.random()}` };
}

describe('planCluster', () => {
  it('reads live state and answers the changes in apply order, writing nothing', async () => {
    const ports = cluster();
    const plan = await planCluster(desired, ports);
    expect(plan.operations.map((o) => [o.kind, o.resource])).toEqual([
      ['create-acl', 'acl:topic:orders:User:a:READ'],
      ['create-topic', 'topic:fresh'],
      ['add-partitions', 'topic:orders'],
      ['alter-config', 'topic:orders'],
      ['register-schema', 'subject:orders-value'],
      ['set-compatibility', 'subject:orders-value'],
    ]);
    expect(plan.actual.topics.get('orders')).toEqual({ name: 'orders', partitions: 1, replicationFactor: 3 });
    expect([...ports.kafka.topics.keys()]).toEqual(['orders']);
    expect(ports.kafka.acls.size).toBe(0);
    expect(ports.registry.calls).toEqual(['latest orders-value', 'get-global-level']);
  });
});

describe('applyCluster', () => {
  it('applies the plan under the lock, releases it, and leaves nothing to plan', async () => {
    const ports = cluster();
    const result = await applyCluster(desired, ports);
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(6).fill('succeeded'));
    expect(result.operations).toHaveLength(6);
    expect(result.warnings).toEqual([]);
    expect(ports.kafka.topics.has(lockTopic)).toBe(false);
    expect(ports.kafka.topics.get('orders')).toEqual({
      partitions: 3,
      replicationFactor: 3,
      configs: { 'cleanup.policy': 'compact' },
    });
    expect(ports.registry.levels.get('orders-value')).toBe('FULL');
    expect((await planCluster(desired, ports)).operations).toEqual([]);
  });

  it('plans inside the lock: another holder stops it before anything is read or written', async () => {
    const ports = cluster();
    ports.kafka.topics.set(lockTopic, {
      partitions: 1,
      replicationFactor: 1,
      configs: { 'retention.ms': String(Date.now() + 60_000) },
    });
    await expect(applyCluster(desired, ports)).rejects.toThrow(/Another apply holds this cluster's lock/);
    expect(ports.registry.calls).toEqual([]);
    expect(ports.kafka.acls.size).toBe(0);
  });

  it('reports a lock that could not be released as a warning, the apply itself done', async () => {
    const ports = cluster();
    const deleteTopics = ports.kafka.deleteTopics.bind(ports.kafka);
    vi.spyOn(ports.kafka, 'deleteTopics').mockImplementation(async (names, options) =>
      names.includes(lockTopic)
        ? [{ name: lockTopic, error: 'REQUEST_TIMED_OUT: no answer.' }]
        : deleteTopics(names, options),
    );
    const result = await applyCluster(desired, ports);
    expect(result.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(result.warnings).toEqual([
      `The apply lock (topic ${lockTopic}) could not be released: REQUEST_TIMED_OUT: no answer. The next apply waits for its 10-minute lease, or run \`steward apply --break-lock\` once you know no apply is running.`,
    ]);
  });
});

describe('withRegisteredVersions', () => {
  const register = (subject: string): Operation => ({
    kind: 'register-schema',
    resource: `subject:${subject}`,
    schema: '"string"',
    references: [],
    previousVersion: undefined,
  });
  const outcome = (subject: string, over: Partial<Outcome> = {}): Outcome => ({
    operation: register(subject),
    status: 'succeeded',
    ...over,
  });

  it('fills in the version of each registration whose id is the latest, in one batched read', async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('a', '"string"', []);
    await registry.register('a', '"int"', []);
    await registry.register('b', '"long"', []);
    registry.calls.length = 0;
    const outcomes = [
      outcome('a', { registered: { id: 2 } }),
      outcome('b', { registered: { id: 99 } }),
      outcome('c', { registered: { id: 4, version: 7 } }),
      outcome('d', { status: 'failed', registered: { id: 5 } }),
      outcome('e'),
    ];
    const filled = await withRegisteredVersions(outcomes, registry);
    expect(filled.map((o) => o.registered)).toEqual([
      { id: 2, version: 2 },
      { id: 99 },
      { id: 4, version: 7 },
      { id: 5 },
      undefined,
    ]);
    expect(filled[1]).toBe(outcomes[1]);
    expect(registry.calls).toEqual(['latest a', 'latest b']);
  });

  it('answers a copy without asking the registry when no version is missing', async () => {
    const registry = new FakeSchemaRegistry();
    const outcomes = [outcome('a', { registered: { id: 1, version: 1 } }), outcome('b')];
    const filled = await withRegisteredVersions(outcomes, registry);
    expect(filled).toEqual(outcomes);
    expect(filled).not.toBe(outcomes);
    expect(registry.requests).toBe(0);
  });

  it('leaves the outcomes as they are when the registry stops answering', async () => {
    const registry = new FakeSchemaRegistry();
    registry.unavailable = true;
    const outcomes = [outcome('a', { registered: { id: 1 } })];
    expect(await withRegisteredVersions(outcomes, registry)).toEqual(outcomes);
  });
});
