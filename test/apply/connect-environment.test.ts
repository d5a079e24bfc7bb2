import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectEnvironment, environmentConfigured } from '../../src/apply/connect.js';
import { implicitEnvironment, resolveEnvironment } from '../../src/catalog/environments.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { mesh } from '../catalog/helpers.js';

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

beforeEach(() => {
  made.kafka.length = 0;
  made.registry.length = 0;
});

const settings = loadCatalog(
  mesh({
    '.github/steward.yml': `apiVersion: mesh-steward/v1
kind: Settings
environments:
  - name: prod
    clusterName: prod-eu1
    kafka: { brokers: PROD_BROKERS, saslMechanism: PROD_SASL, username: PROD_USER, password: PROD_PASS, tls: true }
    registry: { url: PROD_REGISTRY, username: PROD_REG_USER, password: PROD_REG_PASS }
  - name: local
    kafka: { brokers: LOCAL_BROKERS }
    registry: { url: LOCAL_REGISTRY }
`,
  }),
).catalog.settings;
const prod = resolveEnvironment(settings, 'prod');
const local = resolveEnvironment(settings, 'local');

const prodEnv = {
  PROD_BROKERS: 'p1:9093,p2:9093',
  PROD_SASL: 'SCRAM-SHA-512',
  PROD_USER: 'svc-steward',
  PROD_PASS: 's3cret',
  PROD_REGISTRY: 'https://registry.prod:8081',
  PROD_REG_USER: 'reg',
  PROD_REG_PASS: 'r3g',
  // The implicit environment's variables are not read for a declared one.
  STEWARD_KAFKA_BROKERS: 'wrong:9092',
  STEWARD_REGISTRY_URL: 'http://wrong',
  STEWARD_CLUSTER_NAME: 'wrong',
};

describe('connectEnvironment', () => {
  it('connects a declared environment through the variables it names, named by its clusterName', () => {
    const ports = connectEnvironment(prod, prodEnv);
    expect(made.kafka).toEqual([
      {
        brokers: ['p1:9093', 'p2:9093'],
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'svc-steward', password: 's3cret' },
        tls: true,
      },
    ]);
    expect(made.registry).toEqual([{ url: 'https://registry.prod:8081', username: 'reg', password: 'r3g' }]);
    expect(ports.name).toBe('prod-eu1');
    connectEnvironment(local, { LOCAL_BROKERS: '127.0.0.1:41092', LOCAL_REGISTRY: 'http://127.0.0.1:41081/x' });
    expect(made.kafka[1]).toEqual({ brokers: ['127.0.0.1:41092'] });
  });

  it('names the environment and the variable that is not set, never a value', () => {
    expect(() => connectEnvironment(local, { LOCAL_REGISTRY: 'http://r' })).toThrow(
      'Environment local reads its Kafka brokers from $LOCAL_BROKERS, which is not set;',
    );
    expect(() => connectEnvironment(local, { LOCAL_BROKERS: 'b:1', LOCAL_REGISTRY: ' ' })).toThrow(
      'Environment local reads its schema registry URL from $LOCAL_REGISTRY, which is not set;',
    );
    let message = '';
    try {
      connectEnvironment(prod, { ...prodEnv, PROD_SASL: 'GSSAPI' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('$PROD_SASL, whose value "GSSAPI" is not one of PLAIN');
    expect(message).not.toContain('s3cret');
    expect(made.kafka).toEqual([]);
  });

  it('flags win over the environment’s brokers and registry, which then need not be set', () => {
    connectEnvironment(local, {}, { brokers: 'flag:9092', registry: 'http://flag' });
    expect(made.kafka).toEqual([{ brokers: ['flag:9092'] }]);
    expect(made.registry).toEqual([{ url: 'http://flag' }]);
  });

  it('the implicit environment connects as before, from STEWARD_*', () => {
    const ports = connectEnvironment(implicitEnvironment({}), {
      STEWARD_KAFKA_BROKERS: 'b:9092',
      STEWARD_REGISTRY_URL: 'http://reg:8081/apis',
    });
    expect(made.kafka).toEqual([{ brokers: ['b:9092'] }]);
    expect(ports.name).toBe('b:9092 http://reg:8081');
  });

  it('environmentConfigured: the brokers and registry variables are set', () => {
    expect(environmentConfigured(local, { LOCAL_BROKERS: 'b', LOCAL_REGISTRY: 'r' })).toBe(true);
    expect(environmentConfigured(local, { LOCAL_BROKERS: 'b' })).toBe(false);
    expect(
      environmentConfigured(implicitEnvironment({}), { STEWARD_KAFKA_BROKERS: 'b', STEWARD_REGISTRY_URL: 'r' }),
    ).toBe(true);
  });
});
