import { describe, expect, it } from 'vitest';
import type { KafkaAdmin, SchemaRegistry } from '../../src/apply/ports.js';
import { aclKey, type AclBinding } from '../../src/plan/state.js';

/**
 * The behaviour every KafkaAdmin must show, run against the in-memory fake (unit tests) and the real adapter
 * (integration tests), so the fake cannot drift from the broker. Names carry a per-run suffix so a real cluster
 * can be reused.
 */
export function kafkaAdminContract(label: string, make: () => KafkaAdmin, replicationFactor = 1): void {
  describe(`KafkaAdmin contract: ${label}`, () => {
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const name = (n: string) => `contract.${n}.${suffix}`;

    it('creates topics in one batch, reports an existing one per item, and describes only what was asked', async () => {
      const kafka = make();
      try {
        const [a, b] = [name('a'), name('b')];
        const created = await kafka.createTopics([
          { name: a, partitions: 2, replicationFactor, configs: { 'cleanup.policy': 'compact' } },
          { name: b, partitions: 1, replicationFactor, configs: {} },
        ]);
        expect(created).toEqual([{ name: a }, { name: b }]);
        const again = await kafka.createTopics([{ name: a, partitions: 2, replicationFactor, configs: {} }]);
        expect(again[0]?.error).toMatch(/^TOPIC_ALREADY_EXISTS/);
        const topics = await kafka.describeTopics([a, name('missing')]);
        expect([...topics.values()]).toEqual([{ name: a, partitions: 2, replicationFactor }]);
        const configs = await kafka.describeConfigs([a, b]);
        expect(configs.get(a)?.dynamic).toEqual({ 'cleanup.policy': 'compact' });
        expect(configs.get(b)?.dynamic).toEqual({});
        expect(configs.get(b)?.defaults['retention.ms']).toBe('604800000');
        expect(await kafka.deleteTopics([a])).toEqual([{ name: a }]);
        expect((await kafka.describeTopics([a])).size).toBe(0);
        // Without the wait the deletion is accepted all the same, and the name can be created again at once.
        expect(await kafka.deleteTopics([b], { awaitVisible: false })).toEqual([{ name: b }]);
        expect(await kafka.createTopics([{ name: b, partitions: 1, replicationFactor, configs: {} }])).toEqual([
          { name: b },
        ]);
        expect(await kafka.deleteTopics([b])).toEqual([{ name: b }]);
      } finally {
        await kafka.close();
      }
    });

    it('grows partitions and alters configs incrementally, failing per item', async () => {
      const kafka = make();
      try {
        const t = name('grow');
        await kafka.createTopics([
          { name: t, partitions: 1, replicationFactor, configs: { 'cleanup.policy': 'compact' } },
        ]);
        const grown = await kafka.createPartitions([
          { name: t, count: 3 },
          { name: name('nope'), count: 3 },
        ]);
        expect(grown[0]).toEqual({ name: t });
        expect(grown[1]?.error).toMatch(/^UNKNOWN_TOPIC_OR_PARTITION/);
        expect((await kafka.describeTopics([t])).get(t)?.partitions).toBe(3);
        const shrink = await kafka.createPartitions([{ name: t, count: 2 }]);
        expect(shrink[0]?.error).toMatch(/^INVALID_PARTITIONS/);
        await kafka.incrementalAlterConfigs([{ name: t, set: { 'retention.ms': '1000' }, remove: ['cleanup.policy'] }]);
        const configs = (await kafka.describeConfigs([t])).get(t);
        expect(configs?.dynamic).toEqual({ 'retention.ms': '1000' });
        expect(configs?.defaults['cleanup.policy']).toBe('delete');
        await kafka.deleteTopics([t]);
      } finally {
        await kafka.close();
      }
    });

    it('creates, describes (asked-for resources only) and deletes ACLs', async () => {
      const kafka = make();
      try {
        const topic = name('acl');
        const write: AclBinding = {
          resourceType: 'topic',
          resourceName: topic,
          principal: 'User:contract-w',
          operation: 'WRITE',
        };
        const read: AclBinding = {
          resourceType: 'group',
          resourceName: name('group'),
          principal: 'User:contract-r',
          operation: 'READ',
        };
        const other: AclBinding = {
          resourceType: 'topic',
          resourceName: name('other'),
          principal: 'User:x',
          operation: 'READ',
        };
        expect((await kafka.createAcls([write, read, other])).every((r) => r.error === undefined)).toBe(true);
        const found = await kafka.describeAcls({ topics: [topic], groups: [read.resourceName] });
        expect(sortAcls(found)).toEqual(sortAcls([write, read]));
        await kafka.deleteAcls([write, read, other]);
        expect(await kafka.describeAcls({ topics: [topic, other.resourceName], groups: [read.resourceName] })).toEqual(
          [],
        );
      } finally {
        await kafka.close();
      }
    });

    it('describes every ACL that grants on the asked-for resources, whatever its shape, and deletes exactly one', async () => {
      const kafka = make();
      // Prefixes must come before the run's suffix: `contract.<suffix>.shape.` matches `contract.<suffix>.shape.t`.
      const under = (n: string) => `contract.${suffix}.${n}`;
      const topic = under('shape.t');
      const prefix: AclBinding = {
        resourceType: 'topic',
        resourceName: under('shape.'),
        patternType: 'prefixed',
        principal: 'User:contract-p',
        operation: 'READ',
      };
      const all: AclBinding = { resourceType: 'topic', resourceName: topic, principal: 'User:c', operation: 'ALL' };
      const host: AclBinding = { ...all, operation: 'ALTER', host: '10.1.2.3' };
      const deny: AclBinding = { ...all, operation: 'WRITE', permission: 'DENY' };
      const elsewhere: AclBinding = { ...prefix, resourceName: under('other.'), principal: 'User:contract-o' };
      const group: AclBinding = { ...prefix, resourceType: 'group', resourceName: under('g') };
      const literal: AclBinding = {
        resourceType: 'topic',
        resourceName: topic,
        principal: 'User:contract-p',
        operation: 'READ',
      };
      try {
        const created = await kafka.createAcls([prefix, all, host, deny, elsewhere, group]);
        expect(created.every((r) => r.error === undefined)).toBe(true);
        const found = await kafka.describeAcls({ topics: [topic], groups: [under('g.consumers')] });
        expect(sortAcls(found)).toEqual(sortAcls([prefix, all, host, deny, group]));
        // Deleting the prefixed binding leaves a literal one of the same principal and operation alone.
        await kafka.createAcls([literal]);
        await kafka.deleteAcls([prefix]);
        expect(sortAcls(await kafka.describeAcls({ topics: [topic], groups: [] }))).toEqual(
          sortAcls([literal, all, host, deny]),
        );
        await kafka.deleteAcls([literal, all, host, deny, elsewhere, group]);
        expect(await kafka.describeAcls({ topics: [topic], groups: [under('g.consumers')] })).toEqual([]);
      } finally {
        // A real cluster is shared: never leave these behind, even when an assertion failed.
        await kafka.deleteAcls([prefix, literal, all, host, deny, elsewhere, group]).catch(() => undefined);
        await kafka.close();
      }
    });
  });
}

export function schemaRegistryContract(label: string, make: () => SchemaRegistry): void {
  describe(`SchemaRegistry contract: ${label}`, () => {
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const record = (ns: string, fields: string) =>
      `{"type":"record","name":"R","namespace":"${ns}","fields":[${fields}]}`;

    it('registers versions, is idempotent, and reads only the subjects asked for', async () => {
      const registry = make();
      const subject = `contract-${suffix}-value`;
      const v1 = record('c1', '{"name":"a","type":"string"}');
      const first = await registry.register(subject, v1, []);
      expect(await registry.register(subject, v1, [])).toEqual(first);
      expect(await registry.getVersions(subject)).toEqual([1]);
      const v2 = record('c1', '{"name":"a","type":"string"},{"name":"b","type":"int","default":0}');
      await registry.register(subject, v2, []);
      expect(await registry.getVersions(subject)).toEqual([1, 2]);
      const latest = await registry.getLatestVersions([subject, `contract-${suffix}-missing`]);
      expect([...latest.keys()]).toEqual([subject]);
      expect(JSON.parse(latest.get(subject)?.schema ?? '')).toEqual(JSON.parse(v2));
      expect(await registry.lookup(subject, v1, [])).toEqual({ id: first.id, version: 1 });
      expect(await registry.lookup(subject, record('c1', '{"name":"z","type":"long"}'), [])).toBeUndefined();
      expect(await registry.getVersions(`contract-${suffix}-missing`)).toEqual([]);
    });

    it('sets subject levels; a subject without its own level reports the global one', async () => {
      const registry = make();
      const subject = `contract-${suffix}-level`;
      await registry.register(subject, record('c2', '{"name":"a","type":"string"}'), []);
      expect(
        (await registry.getCompatibility([subject, `contract-${suffix}-none`])).get(`contract-${suffix}-none`),
      ).toBe('BACKWARD');
      expect(await registry.getGlobalCompatibility()).toBe('BACKWARD');
      await registry.setCompatibility(subject, 'FULL_TRANSITIVE');
      expect((await registry.getCompatibility([subject])).get(subject)).toBe('FULL_TRANSITIVE');
      // A subject's own level is not the global one.
      expect(await registry.getGlobalCompatibility()).toBe('BACKWARD');
    });

    it('registers a schema with a reference to another subject', async () => {
      const registry = make();
      const shared = `c3.Shared${suffix}`;
      const sharedSchema = `{"type":"record","name":"Shared${suffix}","namespace":"c3","fields":[{"name":"x","type":"string"}]}`;
      await registry.register(shared, sharedSchema, []);
      const base = { version: 1 };
      const user = `contract-${suffix}-ref-value`;
      const userSchema = record('c3', `{"name":"s","type":"${shared}"}`);
      const references = [{ name: shared, subject: shared, version: base.version }];
      await registry.register(user, userSchema, references);
      expect(await registry.lookup(user, userSchema, references)).toMatchObject({ version: 1 });
      expect((await registry.getLatestVersions([user])).get(user)?.references).toEqual(references);
      await registry.deleteSubject(user);
      expect(await registry.getVersions(user)).toEqual([]);
    });
  });
}

function sortAcls(acls: readonly AclBinding[]): AclBinding[] {
  return [...acls].sort((a, b) => aclKey(a).localeCompare(aclKey(b)));
}
