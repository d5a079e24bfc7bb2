import { describe, expect, it, vi } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { readActualState } from '../../src/apply/read-actual.js';
import type { AclBinding, DesiredState, SubjectSpec } from '../../src/plan/state.js';

const desired = (over: Partial<DesiredState> = {}): DesiredState => ({
  topics: [],
  subjects: [],
  acls: [],
  retired: { topics: [], subjects: [] },
  groups: [],
  allowDeletions: false,
  notices: [],
  ...over,
});

const spec = (subject: string, schema: string, references: SubjectSpec['references'] = []): SubjectSpec => ({
  subject,
  schema,
  references,
  compatibility: 'BACKWARD',
});

const v1 = '{"type":"record","name":"A","fields":[]}';
const v2 = '{"type":"record","name":"A","fields":[{"name":"x","type":"int"}]}';
const v3 = '{"type":"record","name":"A","fields":[{"name":"y","type":"int"}]}';

describe('readActualState', () => {
  it('reads the desired and retired topics once each, and configs only of those that exist', async () => {
    const kafka = new FakeKafkaAdmin();
    kafka.topics.set('orders', { partitions: 3, replicationFactor: 3, configs: { 'retention.ms': '1000' } });
    kafka.topics.set('old', { partitions: 1, replicationFactor: 1, configs: {} });
    kafka.topics.set('unrelated', { partitions: 1, replicationFactor: 1, configs: {} });
    const describeTopics = vi.spyOn(kafka, 'describeTopics');
    const describeConfigs = vi.spyOn(kafka, 'describeConfigs');
    const actual = await readActualState(
      desired({
        topics: [
          { name: 'orders', partitions: 3, replicationFactor: 3, configs: {} },
          { name: 'fresh', partitions: 1, replicationFactor: 1, configs: {} },
        ],
        retired: { topics: ['old', 'orders'], subjects: [] },
      }),
      kafka,
      new FakeSchemaRegistry(),
    );
    expect(describeTopics.mock.calls).toEqual([[['orders', 'fresh', 'old']]]);
    expect(describeConfigs.mock.calls).toEqual([[['orders', 'old']]]);
    expect([...actual.topics.keys()]).toEqual(['orders', 'old']);
    expect(actual.configs.get('orders')?.dynamic).toEqual({ 'retention.ms': '1000' });
    expect([...actual.configs.keys()]).toEqual(['orders', 'old']);
    // Three Kafka requests in all (topics, configs, ACLs), whatever the topic count.
    expect(kafka.requests).toBe(3);
  });

  it('reads the ACLs of the topics, the extra ACL topics and the groups, in one request', async () => {
    const kafka = new FakeKafkaAdmin();
    const grant = (resourceName: string, resourceType: 'topic' | 'group' = 'topic'): AclBinding => ({
      resourceType,
      resourceName,
      principal: 'User:a',
      operation: 'READ',
    });
    for (const acl of [grant('orders'), grant('read-from'), grant('g1', 'group'), grant('elsewhere')])
      kafka.acls.set(`${acl.resourceType}:${acl.resourceName}`, acl);
    const describeAcls = vi.spyOn(kafka, 'describeAcls');
    const actual = await readActualState(
      desired({
        topics: [{ name: 'orders', partitions: 1, replicationFactor: 1, configs: {} }],
        aclTopics: ['read-from', 'orders'],
        groups: ['g1'],
      }),
      kafka,
      new FakeSchemaRegistry(),
    );
    expect(describeAcls.mock.calls).toEqual([[{ topics: ['orders', 'read-from'], groups: ['g1'] }]]);
    expect(actual.acls.map((a) => a.resourceName)).toEqual(['orders', 'read-from', 'g1']);
  });

  it("reads an existing subject's own level, and the global level once for every new subject", async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('a-value', v1, []);
    registry.levels.set('a-value', 'FULL');
    registry.globalLevel = 'NONE';
    await registry.register('gone-value', v1, []);
    registry.calls.length = 0;
    const actual = await readActualState(
      desired({
        subjects: [spec('a-value', v1), spec('b-value', v1), spec('c-value', v1)],
        retired: { topics: [], subjects: ['gone-value', 'a-value'] },
      }),
      new FakeKafkaAdmin(),
      registry,
    );
    expect([...actual.subjects.keys()]).toEqual(['a-value', 'gone-value']);
    expect(actual.subjects.get('a-value')).toMatchObject({ version: 1, schema: v1 });
    expect(Object.fromEntries(actual.compatibility)).toEqual({
      'a-value': 'FULL',
      'b-value': 'NONE',
      'c-value': 'NONE',
    });
    // A retired subject's level is not read; a new subject's own level is not asked for.
    expect(registry.calls.filter((c) => !c.startsWith('latest'))).toEqual(['get-level a-value', 'get-global-level']);
    expect(registry.calls.filter((c) => c.startsWith('latest'))).toHaveLength(4);
  });

  it('does not read the global level when every subject exists', async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('a-value', v1, []);
    registry.calls.length = 0;
    const actual = await readActualState(desired({ subjects: [spec('a-value', v1)] }), new FakeKafkaAdmin(), registry);
    expect(registry.calls).toEqual(['latest a-value', 'get-level a-value']);
    expect(Object.fromEntries(actual.compatibility)).toEqual({ 'a-value': 'BACKWARD' });
    expect(actual.earlierVersions?.size).toBe(0);
  });

  it('finds the older version a declared schema is registered as, looking up only the subjects that differ', async () => {
    const registry = new FakeSchemaRegistry();
    for (const schema of [v1, v2, v3]) await registry.register('rolled-value', schema, []);
    await registry.register('same-value', v1, []);
    await registry.register('new-text-value', v1, []);
    registry.calls.length = 0;
    const actual = await readActualState(
      desired({
        subjects: [spec('rolled-value', v2), spec('same-value', v1), spec('new-text-value', v2), spec('absent', v1)],
      }),
      new FakeKafkaAdmin(),
      registry,
    );
    expect(Object.fromEntries(actual.earlierVersions ?? [])).toEqual({ 'rolled-value': 2 });
    expect(registry.calls.filter((c) => c.startsWith('lookup'))).toEqual([
      'lookup rolled-value',
      'lookup new-text-value',
    ]);
  });

  it("resolves references to the referenced subjects' latest versions, and skips a lookup whose reference is missing", async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('common', '"string"', []);
    await registry.register('common', '"int"', []);
    const ref = [{ name: 'C', subject: 'common', version: 2 }];
    await registry.register('with-ref', v1, ref);
    await registry.register('with-ref', v2, ref);
    await registry.register('dangling', v1, []);
    await registry.register('dangling', v2, []);
    registry.calls.length = 0;
    const actual = await readActualState(
      desired({
        subjects: [
          spec('common', '"int"'),
          spec('with-ref', v1, [{ name: 'C', subject: 'common' }]),
          spec('dangling', v1, [{ name: 'M', subject: 'missing' }]),
        ],
      }),
      new FakeKafkaAdmin(),
      registry,
    );
    expect(Object.fromEntries(actual.earlierVersions ?? [])).toEqual({ 'with-ref': 1 });
    expect(registry.calls.filter((c) => c.startsWith('lookup'))).toEqual(['lookup with-ref']);
  });
});
