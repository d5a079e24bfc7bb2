import { describe, expect, it } from 'vitest';
import {
  applyingEnvironments,
  environmentsOf,
  environmentVariables,
  implicitEnvironment,
  resolveEnvironment,
} from '../../src/catalog/environments.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { domain, mesh, port, product, record } from './helpers.js';

const S = '.github/steward.yml';

/** Settings with `environments` written as YAML (so that lines are known), on the helpers' one-product mesh. */
function settingsWith(environments: string, extra: Record<string, string | object> = {}) {
  const text = `apiVersion: mesh-steward/v1\nkind: Settings\napplyBranch: main\nenvironments:\n${environments}`;
  return loadCatalog(mesh({ [S]: text, ...extra }));
}

const three = `  - name: local
    kafka: { brokers: LOCAL_BROKERS }
    registry: { url: LOCAL_REGISTRY }
    overrides:
      replicationFactor: 1
      topicConfigs:
        min.insync.replicas: "1"
        retention.ms: null
  - name: staging
    branch: main
    kafka: { brokers: STAGING_BROKERS, saslMechanism: STAGING_SASL, username: STAGING_USER, password: STAGING_PASS, tls: true }
    registry: { url: STAGING_REGISTRY }
    overrides:
      domains:
        commerce: { partitions: 3 }
      products:
        commerce/orders: { topicConfigs: { min.insync.replicas: 2 } }
  - name: prod
    branch: main
    after: staging
    clusterName: prod-eu1
    kafka: { brokers: PROD_BROKERS }
    registry: { url: PROD_REGISTRY, username: PROD_REG_USER, password: PROD_REG_PASS }
`;

describe('environmentsOf / resolveEnvironment', () => {
  it('reads the environments in promotion order, with each override located on its line', () => {
    const { catalog, findings } = settingsWith(three);
    expect(findings).toEqual([]);
    const envs = environmentsOf(catalog.settings);
    expect(envs.map((e) => e.name)).toEqual(['local', 'staging', 'prod']);
    const [local, staging, prod] = envs;
    expect(local?.location).toMatchObject({ path: S, line: 5 });
    expect(local?.overrides.environment.replicationFactor).toEqual({
      value: 1,
      location: expect.objectContaining({ path: S, line: 9 }),
    });
    expect(local?.overrides.environment.topicConfigs.get('min.insync.replicas')).toMatchObject({
      value: '1',
      location: { line: 11 },
    });
    // `null` drops the port's value: no value, still located.
    expect(local?.overrides.environment.topicConfigs.get('retention.ms')).toMatchObject({
      value: undefined,
      location: { line: 12 },
    });
    expect(staging?.overrides.domains.get('commerce')?.partitions).toMatchObject({ value: 3, location: { line: 19 } });
    expect(staging?.overrides.products.get('commerce/orders')?.topicConfigs.get('min.insync.replicas')?.value).toBe(
      '2',
    );
    expect(staging?.kafka).toEqual({
      brokers: 'STAGING_BROKERS',
      saslMechanism: 'STAGING_SASL',
      username: 'STAGING_USER',
      password: 'STAGING_PASS',
      tls: true,
    });
    expect(prod).toMatchObject({ branch: 'main', after: 'staging', clusterName: 'prod-eu1', implicit: false });
    expect(environmentVariables(prod!)).toEqual(['PROD_BROKERS', 'PROD_REGISTRY', 'PROD_REG_USER', 'PROD_REG_PASS']);
  });

  it('resolves one by name, and an unknown name lists those there are, with a did-you-mean', () => {
    const { catalog } = settingsWith(three);
    expect(resolveEnvironment(catalog.settings, 'prod').clusterName).toBe('prod-eu1');
    expect(() => resolveEnvironment(catalog.settings, 'prd')).toThrow(
      'No environment "prd" in .github/steward.yml (did you mean "prod"?); it declares: local, staging, prod.',
    );
    expect(() => resolveEnvironment(catalog.settings, 'qa')).toThrow('it declares: local, staging, prod.');
    const bare = loadCatalog(mesh()).catalog;
    expect(() => resolveEnvironment(bare.settings, 'local')).toThrow(
      /No environment "local": \.github\/steward\.yml declares no environments\. .*leave out --env/,
    );
  });

  it('lists the environments a branch applies, in order', () => {
    const { catalog } = settingsWith(three);
    expect(applyingEnvironments(catalog.settings, 'main').map((e) => e.name)).toEqual(['staging', 'prod']);
    expect(applyingEnvironments(catalog.settings, 'release')).toEqual([]);
  });

  it('the implicit environment is the STEWARD_* variables, named default or STEWARD_CLUSTER_NAME, without overrides', () => {
    const { catalog } = settingsWith(three);
    const implicit = implicitEnvironment({}, catalog.settings);
    expect(implicit).toMatchObject({ name: 'default', implicit: true, branch: 'main' });
    expect(implicit.overrides.environment.topicConfigs.size).toBe(0);
    expect(environmentVariables(implicit)).toContain('STEWARD_KAFKA_BROKERS');
    expect(environmentVariables(implicit)).toContain('STEWARD_REGISTRY_URL');
    expect(implicitEnvironment({ STEWARD_CLUSTER_NAME: ' prod-eu ' }).name).toBe('prod-eu');
    expect(implicitEnvironment({}).branch).toBeUndefined();
  });
});

/** (ruleId, line, severity) of the settings file's findings. */
function settingsFindings(environments: string, extra: Record<string, string | object> = {}) {
  return settingsWith(environments, extra)
    .findings.filter((f) => f.location.path === S)
    .map((f) => [f.ruleId, f.location.line, f.severity]);
}

const conn = (name: string) => `kafka: { brokers: ${name}_B }\n    registry: { url: ${name}_R }`;

describe('validating environments', () => {
  it('the example settings validate clean', async () => {
    const { findings } = loadCatalog(await readDirectorySource(process.cwd()));
    expect(findings.filter((f) => f.location.path === S)).toEqual([]);
  });

  it('reports a duplicate name on the second, pointing at the first', () => {
    const { findings } = settingsWith(`  - name: prod\n    ${conn('A')}\n  - name: prod\n    ${conn('B')}\n`);
    expect(findings).toMatchObject([
      {
        ruleId: 'ENVIRONMENT_DUPLICATE',
        location: { path: S, line: 8 },
        previousLocation: { path: S, line: 5 },
      },
    ]);
  });

  it('reports an unknown `after` with a did-you-mean, on its line', () => {
    const envs = `  - name: staging\n    ${conn('S')}\n  - name: prod\n    after: stagng\n    ${conn('P')}\n`;
    expect(settingsFindings(envs)).toEqual([['ENVIRONMENT_AFTER_UNKNOWN', 9, 'error']]);
    expect(settingsWith(envs).findings[0]?.message).toContain('did you mean "staging"?');
  });

  it('reports a cycle once, a self-wait, and an `after` on an environment declared later', () => {
    const cycle = `  - name: a\n    after: b\n    ${conn('A')}\n  - name: b\n    after: a\n    ${conn('B')}\n`;
    expect(settingsFindings(cycle)).toEqual([['ENVIRONMENT_AFTER_CYCLE', 6, 'error']]);
    expect(settingsWith(cycle).findings[0]?.message).toContain('(a → b → a)');
    const self = `  - name: a\n    after: a\n    ${conn('A')}\n`;
    expect(settingsFindings(self)).toEqual([['ENVIRONMENT_AFTER_CYCLE', 6, 'error']]);
    const later = `  - name: prod\n    after: staging\n    ${conn('P')}\n  - name: staging\n    ${conn('S')}\n`;
    expect(settingsFindings(later)).toEqual([['ENVIRONMENT_AFTER_ORDER', 6, 'error']]);
  });

  it('warns when an environment waits for one its branch never applies', () => {
    const envs = `  - name: staging\n    ${conn('S')}\n  - name: prod\n    branch: main\n    after: staging\n    ${conn('P')}\n`;
    expect(settingsFindings(envs)).toEqual([['ENVIRONMENT_AFTER_BRANCH', 10, 'warning']]);
  });

  it('warns on an override of a domain or product the catalog does not have, with a hint', () => {
    const envs = `  - name: prod\n    ${conn('P')}\n    overrides:\n      domains:\n        comerce: { partitions: 3 }\n        commerce/orders: { partitions: 3 }\n      products:\n        commerce/order: { partitions: 3 }\n`;
    const { findings } = settingsWith(envs);
    expect(settingsFindings(envs)).toEqual([
      ['ENVIRONMENT_OVERRIDE_UNKNOWN', 10, 'warning'],
      ['ENVIRONMENT_OVERRIDE_UNKNOWN', 11, 'warning'],
      ['ENVIRONMENT_OVERRIDE_UNKNOWN', 13, 'warning'],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('did you mean `commerce`?'),
      expect.stringContaining('commerce/orders is a product: move it under `products`.'),
      expect.stringContaining('did you mean `commerce/orders`?'),
    ]);
  });

  it('reports overrides that leave min.insync.replicas above the replication factor, on the override that does it', () => {
    const files = {
      'catalog/commerce/domain.yaml': domain('commerce'),
      'catalog/commerce/orders/product.yaml': product('orders', {
        outputPorts: [
          port('orders-v1', 'commerce.orders.v1', { replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }),
          port('orders-v2', 'commerce.orders.v2', { replicationFactor: 3 }),
        ],
      }),
      'catalog/commerce/orders/schemas/value.avsc': record('Order'),
    };
    const lowered = `  - name: local\n    ${conn('L')}\n    overrides:\n      replicationFactor: 1\n`;
    expect(settingsFindings(lowered, files)).toEqual([['ENVIRONMENT_OVERRIDE_CONFLICT', 9, 'error']]);
    expect(settingsWith(lowered, files).findings[0]?.message).toBe(
      'Environment local\'s overrides leave 1 topic(s) (commerce.orders.v1) with replication factor 1 and min.insync.replicas 2, so every acks=all write to them would fail; override `min.insync.replicas` too, to at most the replication factor (e.g. `topicConfigs: { min.insync.replicas: "1" }`), or raise the replication factor.',
    );
    // Fixed in the same block: nothing to report.
    const fixed = `${lowered}      topicConfigs: { min.insync.replicas: "1" }\n`;
    expect(settingsFindings(fixed, files)).toEqual([]);
    // A product's own higher min.insync.replicas wins over the environment's, and is the cause.
    const product4 = `${fixed}      products:\n        commerce/orders: { topicConfigs: { min.insync.replicas: 4 } }\n`;
    expect(settingsFindings(product4, files)).toEqual([['ENVIRONMENT_OVERRIDE_CONFLICT', 12, 'error']]);
    expect(settingsWith(product4, files).findings[0]?.message).toContain('2 topic(s)');
  });

  it('checks override topic configs as Kafka reads them, and each branch as git names branches', () => {
    const envs = `  - name: local\n    branch: "feature..x"\n    ${conn('L')}\n    overrides:\n      topicConfigs:\n        min.insync.replicas: 0\n        retension.ms: "1"\n      products:\n        commerce/orders: { topicConfigs: { cleanup.policy: squash } }\n`;
    expect(settingsFindings(envs)).toEqual([
      ['MANIFEST_INVALID_VALUE', 6, 'error'],
      ['TOPIC_CONFIG_INVALID', 11, 'error'],
      ['TOPIC_CONFIG_UNKNOWN', 12, 'error'],
      ['TOPIC_CONFIG_INVALID', 14, 'error'],
    ]);
    const messages = settingsWith(envs).findings.map((f) => f.message);
    expect(messages[2]).toContain('did you mean `retention.ms`?');
  });

  it('holds connection fields to variable names, never values, and names to the environment form', () => {
    const envs = `  - name: Prod_1\n    kafka: { brokers: "broker-1:9092" }\n    registry: { url: "https://registry" }\n    after: x y\n`;
    const findings = settingsWith(envs).findings;
    expect(findings.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['MANIFEST_INVALID_VALUE', 5],
      ['MANIFEST_INVALID_VALUE', 6],
      ['MANIFEST_INVALID_VALUE', 7],
      ['MANIFEST_INVALID_VALUE', 8],
    ]);
    expect(findings[1]?.message).toContain(
      'does not have the expected form: the name of an environment variable (or CI secret) that holds the value',
    );
    expect(findings[1]?.message).toContain('never the value itself');
  });

  it('requires a connection, and knows no other keys', () => {
    const envs = `  - name: prod\n    kafka: {}\n    registri: { url: R }\n`;
    expect(settingsFindings(envs)).toEqual([
      ['MANIFEST_MISSING_FIELD', 5, 'error'],
      ['MANIFEST_MISSING_FIELD', 6, 'error'],
      ['MANIFEST_UNKNOWN_KEY', 7, 'error'],
    ]);
  });
});
