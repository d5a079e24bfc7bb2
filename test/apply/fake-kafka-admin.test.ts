import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin, fakeBrokerDefaults } from '../../src/apply/fake-kafka-admin.js';
import { ExternalServiceError } from '../../src/core/errors.js';
import { aclKey, type AclBinding } from '../../src/plan/state.js';

const topic = (name: string, partitions = 1, replicationFactor = 1, configs: Record<string, string> = {}) => ({
  name,
  partitions,
  replicationFactor,
  configs,
});

describe('FakeKafkaAdmin topics', () => {
  it('creates topics per item: an existing name and a replication factor above the broker count fail alone', async () => {
    const kafka = new FakeKafkaAdmin();
    kafka.brokers = 2;
    await kafka.createTopics([topic('a')]);
    expect(
      await kafka.createTopics([topic('a'), topic('b', 1, 3), topic('c', 4, 2, { 'cleanup.policy': 'compact' })]),
    ).toEqual([
      { name: 'a', error: "TOPIC_ALREADY_EXISTS: Topic 'a' already exists." },
      { name: 'b', error: 'INVALID_REPLICATION_FACTOR: only 2 broker(s) are registered.' },
      { name: 'c' },
    ]);
    expect([...kafka.topics.keys()]).toEqual(['a', 'c']);
    expect(kafka.topics.get('c')).toEqual({
      partitions: 4,
      replicationFactor: 2,
      configs: { 'cleanup.policy': 'compact' },
    });
  });

  it('describes only the asked topics that exist', async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createTopics([topic('a', 2, 3), topic('other')]);
    expect([...(await kafka.describeTopics(['a', 'missing'])).values()]).toEqual([
      { name: 'a', partitions: 2, replicationFactor: 3 },
    ]);
  });

  it("reports configs set on the topic as dynamic and the broker's other defaults apart", async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createTopics([topic('a', 1, 1, { 'retention.ms': '5', 'segment.ms': '9' })]);
    const others = Object.fromEntries(Object.entries(fakeBrokerDefaults).filter(([k]) => k !== 'retention.ms'));
    expect(Object.keys(others)).toEqual(['cleanup.policy', 'min.insync.replicas', 'max.message.bytes']);
    expect((await kafka.describeConfigs(['a'])).get('a')).toEqual({
      dynamic: { 'retention.ms': '5', 'segment.ms': '9' },
      defaults: others,
    });
    const error = await kafka.describeConfigs(['a', 'nope']).catch((e) => e);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error).toMatchObject({ retryable: false, message: 'Kafka: read topic configs failed: unknown topic nope.' });
  });

  it('adds partitions only to an existing topic and only upwards', async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createTopics([topic('a', 2)]);
    expect(
      await kafka.createPartitions([
        { name: 'a', count: 2 },
        { name: 'x', count: 3 },
      ]),
    ).toEqual([
      { name: 'a', error: 'INVALID_PARTITIONS: 2 would not be an increase.' },
      { name: 'x', error: "UNKNOWN_TOPIC_OR_PARTITION: The topic 'x' does not exist." },
    ]);
    expect(await kafka.createPartitions([{ name: 'a', count: 5 }])).toEqual([{ name: 'a' }]);
    expect(kafka.topics.get('a')?.partitions).toBe(5);
  });

  it('sets and removes configs, leaving the others alone', async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createTopics([topic('a', 1, 1, { 'retention.ms': '5', 'segment.ms': '9', keep: 'me' })]);
    expect(
      await kafka.incrementalAlterConfigs([
        { name: 'a', set: { 'retention.ms': '7', 'cleanup.policy': 'compact' }, remove: ['segment.ms'] },
        { name: 'x', set: {}, remove: [] },
      ]),
    ).toEqual([{ name: 'a' }, { name: 'x', error: "UNKNOWN_TOPIC_OR_PARTITION: The topic 'x' does not exist." }]);
    expect(kafka.topics.get('a')?.configs).toEqual({ 'retention.ms': '7', 'cleanup.policy': 'compact', keep: 'me' });
  });

  it('deletes existing topics and reports unknown ones per item', async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createTopics([topic('a')]);
    expect(await kafka.deleteTopics(['a', 'a'], { awaitVisible: false })).toEqual([
      { name: 'a' },
      { name: 'a', error: "UNKNOWN_TOPIC_OR_PARTITION: The topic 'a' does not exist." },
    ]);
    expect(kafka.topics.size).toBe(0);
  });
});

describe('FakeKafkaAdmin ACLs', () => {
  const acl = (resourceName: string, over: Partial<AclBinding> = {}): AclBinding => ({
    resourceType: 'topic',
    resourceName,
    principal: 'User:a',
    operation: 'READ',
    ...over,
  });

  it('returns the ACLs whose literal, wildcard or prefixed pattern matches an asked topic or group', async () => {
    const kafka = new FakeKafkaAdmin();
    const all = [
      acl('orders'),
      acl('*'),
      acl('ord', { patternType: 'prefixed' }),
      acl('pay', { patternType: 'prefixed' }),
      acl('other'),
      acl('orders', { resourceType: 'group' }),
      acl('g1', { resourceType: 'group', permission: 'DENY' }),
    ];
    expect(await kafka.createAcls(all)).toEqual(all.map((a) => ({ name: aclKey(a) })));
    const found = await kafka.describeAcls({ topics: ['orders'], groups: ['g1'] });
    expect(found.map(aclKey)).toEqual([all[0], all[1], all[2], all[6]].map((a) => aclKey(a as AclBinding)));
    expect(await kafka.describeAcls({ topics: [], groups: [] })).toEqual([]);
  });

  it('keeps one ACL per key and deletes exactly the given ones', async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createAcls([acl('a'), acl('a'), acl('a', { operation: 'WRITE' })]);
    expect(kafka.acls.size).toBe(2);
    expect(await kafka.deleteAcls([acl('a'), acl('never')])).toEqual([
      { name: aclKey(acl('a')) },
      { name: aclKey(acl('never')) },
    ]);
    expect([...kafka.acls.keys()]).toEqual([aclKey(acl('a', { operation: 'WRITE' }))]);
  });
});

describe('FakeKafkaAdmin requests', () => {
  it('counts one request per call whatever the batch size, and fails every call while unavailable', async () => {
    const kafka = new FakeKafkaAdmin();
    await kafka.createTopics([topic('a'), topic('b'), topic('c')]);
    await kafka.describeTopics(['a', 'b', 'c']);
    await kafka.describeAcls({ topics: ['a'], groups: [] });
    expect(kafka.requests).toBe(3);
    kafka.unavailable = true;
    const calls = [
      () => kafka.describeTopics(['a']),
      () => kafka.describeConfigs(['a']),
      () => kafka.createTopics([topic('d')]),
      () => kafka.createPartitions([{ name: 'a', count: 2 }]),
      () => kafka.incrementalAlterConfigs([{ name: 'a', set: {}, remove: [] }]),
      () => kafka.deleteTopics(['a']),
      () => kafka.describeAcls({ topics: ['a'], groups: [] }),
      () => kafka.createAcls([]),
      () => kafka.deleteAcls([]),
    ];
    for (const call of calls) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(ExternalServiceError);
      expect(error).toMatchObject({
        retryable: true,
        message: 'Kafka: the cluster is unreachable (fake broker stopped).',
      });
    }
    expect(kafka.requests).toBe(3 + calls.length);
    expect([...kafka.topics.keys()]).toEqual(['a', 'b', 'c']);
    await expect(kafka.close()).resolves.toBeUndefined();
  });
});
