import {
  ConfigResourceTypes,
  ConfigSources,
  IncrementalAlterConfigOperationTypes,
  ResourceTypes,
} from '@platformatic/kafka';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PlatformaticKafkaAdmin } from '../../src/apply/kafka-admin.js';
import { ExternalServiceError } from '../../src/core/errors.js';

/** The library's Admin replaced by an in-memory broker that records every request; no connection is opened. */
const broker = vi.hoisted(() => {
  interface Topic {
    partitions: number;
    replicas: number;
    configs: Record<string, string>;
  }
  const state = {
    options: [] as unknown[],
    topics: new Map<string, Topic>(),
    requests: [] as [string, unknown][],
    /** Requests that fail once, by method name. */
    failOnce: new Map<string, Error>(),
    /** Reads of the metadata that still show the state before the last write (a cache behind the controller). */
    staleReads: 0,
  };
  class StubAdmin {
    constructor(options: unknown) {
      state.options.push(options);
    }
    private record(method: string, args: unknown) {
      state.requests.push([method, args]);
      const failure = state.failOnce.get(method);
      state.failOnce.delete(method);
      if (failure) throw failure;
    }
    async listTopics() {
      this.record('listTopics', undefined);
      if (state.staleReads > 0) {
        state.staleReads--;
        return [];
      }
      return [...state.topics.keys()];
    }
    async metadata(args: { topics: string[] }) {
      this.record('metadata', args);
      const topics = new Map(
        args.topics.map((name) => {
          const t = state.topics.get(name) as Topic;
          const partitions = Array.from({ length: t.partitions }, () => ({ replicas: Array(t.replicas).fill(0) }));
          return [name, { partitionsCount: t.partitions, partitions }];
        }),
      );
      return { topics };
    }
    async describeConfigs(args: { resources: { resourceName: string }[] }) {
      this.record('describeConfigs', args);
      return args.resources.map(({ resourceName }) => ({
        resourceName,
        configs: [
          ...Object.entries(state.topics.get(resourceName)?.configs ?? {}).map(([name, value]) => ({
            name,
            value,
            configSource: 1, // TOPIC_CONFIG
            isSensitive: false,
          })),
          { name: 'retention.ms', value: '604800000', configSource: 5, isSensitive: false },
          { name: 'sasl.jaas.config', value: 'secret', configSource: 4, isSensitive: true },
          { name: 'unset.thing', value: null, configSource: 5, isSensitive: false },
        ],
      }));
    }
    async createTopics(args: {
      topics: string[];
      partitions: number;
      replicas: number;
      configs: { name: string; value: string }[];
    }) {
      this.record('createTopics', args);
      const configs = Object.fromEntries(args.configs.map((c) => [c.name, c.value]));
      for (const name of args.topics)
        state.topics.set(name, { partitions: args.partitions, replicas: args.replicas, configs });
    }
    async createPartitions(args: { topics: { name: string; count: number }[] }) {
      this.record('createPartitions', args);
      for (const { name, count } of args.topics) (state.topics.get(name) as Topic).partitions = count;
    }
    async incrementalAlterConfigs(args: {
      resources: { resourceName: string; configs: { name: string; configOperation: number; value?: string }[] }[];
    }) {
      this.record('incrementalAlterConfigs', args);
      for (const r of args.resources) {
        const configs = (state.topics.get(r.resourceName) as Topic).configs;
        for (const c of r.configs)
          if (c.configOperation === 0) configs[c.name] = c.value as string;
          else delete configs[c.name];
      }
    }
    async deleteTopics(args: { topics: string[] }) {
      this.record('deleteTopics', args);
      for (const name of args.topics) state.topics.delete(name);
    }
    async describeAcls(args: unknown) {
      this.record('describeAcls', args);
      return [];
    }
    async close() {
      this.record('close', undefined);
    }
  }
  return { state, StubAdmin };
});

vi.mock('@platformatic/kafka', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@platformatic/kafka')>()),
  Admin: broker.StubAdmin,
}));

const { state } = broker;
const methods = () => state.requests.map(([m]) => m);

beforeEach(() => {
  state.options.length = 0;
  state.topics.clear();
  state.requests.length = 0;
  state.failOnce.clear();
  state.staleReads = 0;
});

describe('PlatformaticKafkaAdmin connection', () => {
  it('opens the library client without retries, with TLS and SASL when asked', () => {
    new PlatformaticKafkaAdmin({ brokers: ['b1:9092', 'b2:9092'] });
    const sasl = { mechanism: 'SCRAM-SHA-256' as const, username: 'u', password: 'p' };
    new PlatformaticKafkaAdmin({ brokers: ['b:9093'], tls: true, sasl, clientId: 'mine' });
    expect(state.options).toEqual([
      { clientId: 'mesh-steward', bootstrapBrokers: ['b1:9092', 'b2:9092'], timeout: 15_000, retries: 0 },
      { clientId: 'mine', bootstrapBrokers: ['b:9093'], timeout: 15_000, retries: 0, tls: {}, sasl },
    ]);
  });
});

describe('PlatformaticKafkaAdmin reads', () => {
  it('describes the asked topics that exist: a listing, then metadata for those only', async () => {
    state.topics.set('a', { partitions: 3, replicas: 2, configs: {} });
    state.topics.set('other', { partitions: 1, replicas: 1, configs: {} });
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect([...(await kafka.describeTopics(['a', 'missing'])).values()]).toEqual([
      { name: 'a', partitions: 3, replicationFactor: 2 },
    ]);
    expect(state.requests).toEqual([
      ['listTopics', undefined],
      ['metadata', { topics: ['a'], forceUpdate: true }],
    ]);
  });

  it('asks nothing for no names, and no metadata when none of the names exists', async () => {
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect((await kafka.describeTopics([])).size).toBe(0);
    expect((await kafka.describeConfigs([])).size).toBe(0);
    expect(methods()).toEqual([]);
    expect((await kafka.describeTopics(['missing'])).size).toBe(0);
    expect(methods()).toEqual(['listTopics']);
  });

  it("separates a topic's own configs from defaults, leaving out sensitive and unset values", async () => {
    state.topics.set('a', { partitions: 1, replicas: 1, configs: { 'cleanup.policy': 'compact' } });
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect(Object.fromEntries(await kafka.describeConfigs(['a']))).toEqual({
      a: { dynamic: { 'cleanup.policy': 'compact' }, defaults: { 'retention.ms': '604800000' } },
    });
    expect(state.requests).toEqual([
      ['describeConfigs', { resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: 'a' }] }],
    ]);
    // The stub above writes the library's codes as numbers: TOPIC_CONFIG for the topic's own.
    expect(ConfigSources.TOPIC_CONFIG).toBe(1);
  });

  it('turns a failed read into an ExternalServiceError naming what failed', async () => {
    state.failOnce.set('listTopics', new Error('Connection closed'));
    const error = await new PlatformaticKafkaAdmin({ brokers: ['b:9092'] }).describeTopics(['a']).catch((e) => e);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.message).toBe('Kafka: list topics failed: Connection closed');
  });
});

describe('PlatformaticKafkaAdmin writes', () => {
  it('creates topics in one request per shape, answers in the order asked, and waits until they show', async () => {
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    state.staleReads = 1;
    const results = await kafka.createTopics([
      { name: 'a', partitions: 3, replicationFactor: 2, configs: { x: '1', y: '2' } },
      { name: 'b', partitions: 1, replicationFactor: 2, configs: {} },
      { name: 'c', partitions: 3, replicationFactor: 2, configs: { y: '2', x: '1' } },
    ]);
    expect(results).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const creates = state.requests.filter(([m]) => m === 'createTopics').map(([, args]) => args);
    expect(creates).toEqual([
      {
        topics: ['a', 'c'],
        partitions: 3,
        replicas: 2,
        configs: [
          { name: 'x', value: '1' },
          { name: 'y', value: '2' },
        ],
      },
      { topics: ['b'], partitions: 1, replicas: 2, configs: [] },
    ]);
    // One stale listing (nothing shows), then a listing and metadata that show all three.
    expect(methods().slice(2)).toEqual(['listTopics', 'listTopics', 'metadata']);
  });

  it('adds partitions in one request and waits until the counts show', async () => {
    state.topics.set('a', { partitions: 1, replicas: 1, configs: {} });
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect(await kafka.createPartitions([{ name: 'a', count: 4 }])).toEqual([{ name: 'a' }]);
    expect(state.requests[0]).toEqual(['createPartitions', { topics: [{ name: 'a', count: 4 }] }]);
    expect(methods()).toEqual(['createPartitions', 'listTopics', 'metadata']);
  });

  it('sets and deletes configs incrementally in one request and waits until they read back', async () => {
    state.topics.set('a', { partitions: 1, replicas: 1, configs: { old: 'v' } });
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect(await kafka.incrementalAlterConfigs([{ name: 'a', set: { 'retention.ms': '5' }, remove: ['old'] }])).toEqual(
      [{ name: 'a' }],
    );
    expect(state.requests[0]).toEqual([
      'incrementalAlterConfigs',
      {
        resources: [
          {
            resourceType: ConfigResourceTypes.TOPIC,
            resourceName: 'a',
            configs: [
              { name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '5' },
              { name: 'old', configOperation: IncrementalAlterConfigOperationTypes.DELETE },
            ],
          },
        ],
      },
    ]);
    expect(methods()).toEqual(['incrementalAlterConfigs', 'describeConfigs']);
    expect(state.topics.get('a')?.configs).toEqual({ 'retention.ms': '5' });
  });

  it('deletes topics and waits until they are gone, unless told not to', async () => {
    state.topics.set('a', { partitions: 1, replicas: 1, configs: {} });
    state.topics.set('b', { partitions: 1, replicas: 1, configs: {} });
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect(await kafka.deleteTopics(['a'])).toEqual([{ name: 'a' }]);
    expect(methods()).toEqual(['deleteTopics', 'listTopics']);
    state.requests.length = 0;
    expect(await kafka.deleteTopics(['b'], { awaitVisible: false })).toEqual([{ name: 'b' }]);
    expect(methods()).toEqual(['deleteTopics']);
  });

  it('fails every item of a failed write and then waits for none of them', async () => {
    state.failOnce.set('deleteTopics', new Error('Connection closed'));
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect(await kafka.deleteTopics(['a', 'b'])).toEqual([
      { name: 'a', error: 'Kafka: admin request failed: Connection closed' },
      { name: 'b', error: 'Kafka: admin request failed: Connection closed' },
    ]);
    expect(methods()).toEqual(['deleteTopics']);
  });

  it('keeps polling past a read that fails while waiting', async () => {
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    state.failOnce.set('listTopics', new Error('Not the controller'));
    expect(await kafka.createTopics([{ name: 'a', partitions: 1, replicationFactor: 1, configs: {} }])).toEqual([
      { name: 'a' },
    ]);
    expect(methods()).toEqual(['createTopics', 'listTopics', 'listTopics', 'metadata']);
  });
});

describe('PlatformaticKafkaAdmin ACLs and close', () => {
  it('reads ACLs through the library and closes the client', async () => {
    const kafka = new PlatformaticKafkaAdmin({ brokers: ['b:9092'] });
    expect(await kafka.describeAcls({ topics: ['a'], groups: [] })).toEqual([]);
    expect(state.requests[0]?.[0]).toBe('describeAcls');
    expect(state.requests[0]?.[1]).toMatchObject({ filter: { resourceType: ResourceTypes.ANY } });
    await kafka.close();
    expect(methods()).toEqual(['describeAcls', 'close']);
  });
});
