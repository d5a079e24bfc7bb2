import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clusterConfigured, clusterName, connectCluster, replicationOverride } from '../../src/apply/connect.js';
import { ConfigurationError } from '../../src/core/errors.js';

// The adapters are replaced by recorders of what they were constructed with: no connection is opened.
const made = vi.hoisted(() => ({ kafka: [] as unknown[], registry: [] as unknown[] }));
vi.mock('../../src/apply/kafka-admin.js', () => ({
  PlatformaticKafkaAdmin: class {
    constructor(readonly connection: unknown) {
      made.kafka.push(connection);
    }
  },
}));
vi.mock('../../src/apply/schema-registry.js', () => ({
  HttpSchemaRegistry: class {
    constructor(readonly connection: unknown) {
      made.registry.push(connection);
    }
  },
}));

const base = { STEWARD_KAFKA_BROKERS: 'b1:9092, b2:9092,', STEWARD_REGISTRY_URL: 'http://u:p@reg:8081/t?api_key=k' };

beforeEach(() => {
  made.kafka.length = 0;
  made.registry.length = 0;
});

describe('clusterConfigured', () => {
  it('needs both brokers and a registry, from flags or the environment', () => {
    expect(clusterConfigured(base)).toBe(true);
    expect(clusterConfigured({ STEWARD_KAFKA_BROKERS: 'b:9092' })).toBe(false);
    expect(clusterConfigured({ STEWARD_REGISTRY_URL: 'http://r' })).toBe(false);
    expect(clusterConfigured({ STEWARD_KAFKA_BROKERS: 'b:9092' }, { registry: 'http://r' })).toBe(true);
    expect(clusterConfigured({}, { brokers: 'b:9092', registry: 'http://r' })).toBe(true);
    expect(clusterConfigured({ STEWARD_KAFKA_BROKERS: '', STEWARD_REGISTRY_URL: 'http://r' })).toBe(false);
  });
});

describe('connectCluster', () => {
  it('passes the trimmed brokers and the whole registry URL, and names the cluster by origins only', () => {
    const ports = connectCluster(base);
    expect(made.kafka).toEqual([{ brokers: ['b1:9092', 'b2:9092'] }]);
    expect(made.registry).toEqual([{ url: 'http://u:p@reg:8081/t?api_key=k' }]);
    expect(ports.name).toBe('b1:9092,b2:9092 http://reg:8081');
  });

  it('prefers flags to the environment', () => {
    const ports = connectCluster(base, { brokers: 'flag:9092', registry: 'https://flag-reg' });
    expect(made.kafka).toEqual([{ brokers: ['flag:9092'] }]);
    expect(made.registry).toEqual([{ url: 'https://flag-reg' }]);
    expect(ports.name).toBe('flag:9092 https://flag-reg');
  });

  it('refuses a missing cluster or registry with a configuration error', () => {
    expect(() => connectCluster({ STEWARD_REGISTRY_URL: 'http://r' })).toThrow(
      new ConfigurationError('No Kafka cluster: pass --brokers or set STEWARD_KAFKA_BROKERS.'),
    );
    expect(() => connectCluster({ STEWARD_KAFKA_BROKERS: ' , ', STEWARD_REGISTRY_URL: 'http://r' })).toThrow(
      /No Kafka cluster/,
    );
    expect(() => connectCluster({ STEWARD_KAFKA_BROKERS: 'b:9092' })).toThrow(
      new ConfigurationError('No schema registry: pass --registry or set STEWARD_REGISTRY_URL.'),
    );
    expect(made.kafka).toEqual([]);
  });

  it('takes SASL and TLS from the environment', () => {
    connectCluster({
      ...base,
      STEWARD_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      STEWARD_KAFKA_USERNAME: 'svc',
      STEWARD_KAFKA_PASSWORD: 'pw',
      STEWARD_KAFKA_TLS: 'true',
    });
    expect(made.kafka).toEqual([
      {
        brokers: ['b1:9092', 'b2:9092'],
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'svc', password: 'pw' },
        tls: true,
      },
    ]);
    connectCluster({ ...base, STEWARD_KAFKA_SASL_MECHANISM: 'PLAIN', STEWARD_KAFKA_TLS: 'yes' });
    expect(made.kafka[1]).toEqual({
      brokers: ['b1:9092', 'b2:9092'],
      sasl: { mechanism: 'PLAIN', username: '', password: '' },
    });
  });

  it('refuses an unknown SASL mechanism', () => {
    expect(() => connectCluster({ ...base, STEWARD_KAFKA_SASL_MECHANISM: 'GSSAPI' })).toThrow(
      new ConfigurationError(
        'STEWARD_KAFKA_SASL_MECHANISM "GSSAPI" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.',
      ),
    );
  });

  it('passes registry basic auth and a timeout when set', () => {
    connectCluster({ ...base, STEWARD_REGISTRY_USERNAME: 'alice', STEWARD_REGISTRY_TIMEOUT_MS: '2500' });
    expect(made.registry).toEqual([
      { url: 'http://u:p@reg:8081/t?api_key=k', username: 'alice', password: '', timeoutMs: 2500 },
    ]);
    connectCluster({
      ...base,
      STEWARD_REGISTRY_USERNAME: 'bob',
      STEWARD_REGISTRY_PASSWORD: 'pw',
      STEWARD_REGISTRY_TIMEOUT_MS: '',
    });
    expect(made.registry[1]).toEqual({ url: 'http://u:p@reg:8081/t?api_key=k', username: 'bob', password: 'pw' });
  });

  it('refuses a timeout that is not a positive integer', () => {
    for (const raw of ['0', '-5', '1.5', 'soon'])
      expect(() => connectCluster({ ...base, STEWARD_REGISTRY_TIMEOUT_MS: raw })).toThrow(
        new ConfigurationError(`STEWARD_REGISTRY_TIMEOUT_MS "${raw}" is not a positive number of milliseconds.`),
      );
  });
});

describe('clusterName', () => {
  it('is STEWARD_CLUSTER_NAME when set (trimmed), else brokers and registry origin', () => {
    expect(clusterName({ ...base, STEWARD_CLUSTER_NAME: '  prod-eu  ' })).toBe('prod-eu');
    expect(clusterName({ ...base, STEWARD_CLUSTER_NAME: '   ' })).toBe('b1:9092,b2:9092 http://reg:8081');
    expect(clusterName({ STEWARD_KAFKA_BROKERS: 'sasl_ssl://user:pw@b:9093/x' }, { registry: 'https://r/p?k=v' })).toBe(
      'b:9093 https://r',
    );
    expect(clusterName({})).toBe(' ');
  });
});

describe('replicationOverride', () => {
  it('answers a positive integer, undefined when unset, and refuses anything else', () => {
    expect(replicationOverride(undefined)).toBeUndefined();
    expect(replicationOverride('')).toBeUndefined();
    expect(replicationOverride('1')).toBe(1);
    expect(replicationOverride('3')).toBe(3);
    for (const raw of ['0', '-1', '2.5', 'three'])
      expect(() => replicationOverride(raw)).toThrow(
        new ConfigurationError(`Replication factor override "${raw}" is not a positive integer.`),
      );
  });
});
