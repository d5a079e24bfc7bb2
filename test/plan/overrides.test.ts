import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import type { ClusterPorts } from '../../src/apply/run.js';
import { applyOnCluster, desiredFor, planOnCluster, type SessionTarget } from '../../src/apply/session.js';
import { resolveEnvironment, type Environment } from '../../src/catalog/environments.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';
import { overridesFor } from '../../src/plan/overrides.js';
import { describeOperation, planToJson, renderPlanText } from '../../src/render/plan.js';
import { mesh } from '../catalog/helpers.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const settingsPath = '.github/steward.yml';
const settingsText = readFileSync(join(repoRoot, settingsPath), 'utf8');

/** The 1-based line of the example settings that `text` starts, after `after` (so each environment's own line). */
function lineOf(text: string, after = ''): number {
  const from = settingsText.indexOf(after);
  return settingsText.slice(0, settingsText.indexOf(text, from)).split('\n').length;
}

async function example() {
  const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
  return catalog;
}

function fakes(brokers: number, environment?: Environment) {
  const kafka = new FakeKafkaAdmin();
  kafka.brokers = brokers;
  const ports: ClusterPorts = { kafka, registry: new FakeSchemaRegistry(), name: `fake-${Math.random()}` };
  const target: SessionTarget = { connect: () => ports, ...(environment ? { environment } : {}) };
  return { kafka, target };
}

describe('overrides of an environment', () => {
  it('most specific wins, field by field: the product, then the deepest domain (in any order written), then the environment', () => {
    const text = `apiVersion: mesh-steward/v1
kind: Settings
environments:
  - name: prod
    kafka: { brokers: B }
    registry: { url: R }
    overrides:
      replicationFactor: 3
      partitions: 6
      topicConfigs: { min.insync.replicas: "2", retention.ms: "1000" }
      domains:
        commerce/sales: { partitions: 24 }
        commerce: { partitions: 12, topicConfigs: { retention.ms: "2000" } }
      products:
        commerce/sales/orders: { topicConfigs: { retention.ms: null } }
`;
    const { catalog } = loadCatalog(mesh({ [settingsPath]: text }));
    const prod = resolveEnvironment(catalog.settings, 'prod');
    const orders = overridesFor(prod, { id: 'commerce/sales/orders', domainId: 'commerce/sales' });
    expect(orders.replicationFactor).toMatchObject({
      value: 3,
      source: { scope: 'environment', location: { line: 8 } },
    });
    expect(orders.partitions).toMatchObject({ value: 24, source: { scope: 'domain', id: 'commerce/sales' } });
    expect(orders.topicConfigs.get('retention.ms')).toMatchObject({
      value: undefined,
      source: { scope: 'product', id: 'commerce/sales/orders', location: { line: 15 } },
    });
    expect(orders.topicConfigs.get('min.insync.replicas')?.value).toBe('2');
    const other = overridesFor(prod, { id: 'commerce/catalogue', domainId: 'commerce' });
    expect(other.partitions).toMatchObject({ value: 12, source: { scope: 'domain', id: 'commerce' } });
    expect(other.topicConfigs.get('retention.ms')?.value).toBe('2000');
    // `commerce` covers its subtree only: `commercex` is another domain.
    const outside = overridesFor(prod, { id: 'commercex/p', domainId: 'commercex' });
    expect(outside.partitions?.value).toBe(6);
  });

  it('local replaces every topic’s replication factor and min.insync.replicas, and says which values it decided', async () => {
    const catalog = await example();
    const local = resolveEnvironment(catalog.settings, 'local');
    const desired = desiredState(catalog, { environment: local });
    expect(desired.environment).toBe('local');
    expect(desired.topics.length).toBeGreaterThan(10);
    for (const topic of desired.topics) {
      expect(topic.replicationFactor, topic.name).toBe(1);
      expect(topic.configs['min.insync.replicas'], topic.name).toBe('1');
    }
    const orders = desired.overrides?.get('topic:commerce.sales.orders.v1');
    expect(orders).toEqual({
      replicationFactor: {
        environment: 'local',
        scope: 'environment',
        location: expect.objectContaining({ path: settingsPath, line: lineOf('replicationFactor: 1') }),
      },
      configs: {
        'min.insync.replicas': expect.objectContaining({
          location: expect.objectContaining({ line: lineOf("min.insync.replicas: '1'") }),
        }),
      },
    });
    // Partitions and the other configs stay the catalog's.
    expect(desired.topics.find((t) => t.name === 'commerce.sales.orders.v1')?.partitions).toBe(24);
    expect(desired.notices).toEqual([
      `Environment local overrides the catalog (${settingsPath}:${lineOf('- name: local')}): replication factor 1, min.insync.replicas=1 on every topic; each value that comes from an override is marked (override: …).`,
    ]);
    // Without an environment: the catalog's own values, nothing marked.
    const plain = desiredState(catalog);
    expect(plain.topics.find((t) => t.name === 'commerce.sales.orders.v1')).toMatchObject({
      replicationFactor: 3,
      configs: { 'min.insync.replicas': '2' },
    });
    expect(plain.overrides?.size ?? 0).toBe(0);
    expect(plain.notices).toEqual([]);
  });

  it('the plan marks each overridden value, in text and JSON, and a one-broker cluster takes the whole catalog', async () => {
    const catalog = await example();
    const local = resolveEnvironment(catalog.settings, 'local');
    const { kafka, target } = fakes(1, local);
    const desired = desiredFor(target, catalog);
    const plan = await planOnCluster(target, desired);
    expect(plan.findings).toEqual([]);
    const create = plan.operations.find((op) => op.resource === 'topic:commerce.sales.orders.v1');
    expect(describeOperation(create!)).toBe(
      '+ create topic commerce.sales.orders.v1 (24 partitions, replication 1 (override: environment local); cleanup.policy=compact, retention.ms=-1, min.compaction.lag.ms=3600000, min.insync.replicas=1 (override: environment local))',
    );
    const json = JSON.parse(JSON.stringify(planToJson(plan.operations, desired.notices)));
    const created = json.operations.find(
      (op: { resource: string }) => op.resource === 'topic:commerce.sales.orders.v1',
    );
    expect(created.overrides.replicationFactor).toEqual({
      environment: 'local',
      scope: 'environment',
      location: expect.objectContaining({ path: settingsPath, line: lineOf('replicationFactor: 1') }),
    });
    // ACLs and subjects are not overridden, so not marked.
    expect(plan.operations.filter((op) => op.kind !== 'create-topic').every((op) => !('overrides' in op))).toBe(true);
    const applied = await applyOnCluster(target, desired);
    expect(applied.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(kafka.topics.get('commerce.sales.orders.v1')).toMatchObject({ replicationFactor: 1 });
    expect((await planOnCluster(target, desired)).operations).toEqual([]);
    // The same cluster without the environment: the catalog's replication 3 is refused on one broker, on its line.
    const implicit = fakes(1);
    const refused = await planOnCluster(implicit.target, desiredFor(implicit.target, catalog));
    expect(refused.findings[0]).toMatchObject({
      ruleId: 'REPLICATION_ABOVE_BROKERS',
      location: { path: expect.stringMatching(/^catalog\/.*\/product\.yaml$/) },
    });
  });

  it('another environment on the same cluster: changes it would make are marked with their override', async () => {
    const catalog = await example();
    const settings = catalog.settings;
    const local = fakes(3, resolveEnvironment(settings, 'local'));
    await applyOnCluster(local.target, desiredFor(local.target, catalog));
    const staging = resolveEnvironment(settings, 'staging');
    const target: SessionTarget = { ...local.target, environment: staging };
    const plan = await planOnCluster(target, desiredFor(target, catalog));
    const lines = plan.operations.map(describeOperation);
    expect(lines).toContain(
      '! replication factor of topic commerce.sales.orders.v1: 1 → 3 (override: environment staging) not attempted: Replication changes need a partition reassignment; not attempted, ask a platform operator.',
    );
    expect(lines).toContain(
      '~ alter config of topic commerce.sales.orders.v1: set retention.ms=259200000 (override: environment staging), set min.insync.replicas=2 (override: environment staging)',
    );
    expect(lines).toContain(
      '! partitions of topic logistics.transport.carrier-events.v1: 24 → 6 (override: domain logistics/transport in environment staging) not attempted: Kafka cannot remove partitions; create a new major topic instead, or declare the current count.',
    );
    expect(renderPlanText(plan.operations, [])).toContain('(override: environment staging)');
  });

  it('what the cluster would refuse because of an override is reported on the override’s line', async () => {
    const catalog = await example();
    const staging = resolveEnvironment(catalog.settings, 'staging');
    const { target } = fakes(1, staging);
    const plan = await planOnCluster(target, desiredFor(target, catalog));
    const line = lineOf('replicationFactor: 3', '- name: staging');
    expect(plan.findings[0]).toMatchObject({
      ruleId: 'REPLICATION_ABOVE_BROKERS',
      severity: 'error',
      location: { path: settingsPath, line },
    });
    expect(plan.findings[0]?.message).toContain(
      'replication factor 3 (override: environment staging), but the cluster has 1 broker',
    );
  });

  it('raising min.insync.replicas on topics the override left at replication 1: a warning under the deprecated override, an error where the topic falls short', async () => {
    const catalog = await example();
    const local = fakes(1, resolveEnvironment(catalog.settings, 'local'));
    await applyOnCluster(local.target, desiredFor(local.target, catalog));
    // The deprecated override wants replication 1, which the topics have; the catalog's min.insync.replicas 2
    // is the same warning as when it creates them.
    const deprecated: SessionTarget = { connect: local.target.connect, replicationFactorOverride: 1 };
    const plan = await planOnCluster(deprecated, desiredFor(deprecated, catalog));
    const insync = plan.findings.filter((f) => f.ruleId === 'MIN_INSYNC_ABOVE_REPLICATION');
    expect(insync.length).toBeGreaterThan(10);
    expect(insync.every((f) => f.severity === 'warning')).toBe(true);
    expect(insync[0]?.message).toContain('above its replication factor 1 (override: deprecated --replication-factor)');
    // Staging wants replication 3 and min.insync.replicas 2 of topics that have 1 replica: they fall short.
    const staging: SessionTarget = { ...local.target, environment: resolveEnvironment(catalog.settings, 'staging') };
    const short = await planOnCluster(staging, desiredFor(staging, catalog));
    const errors = short.findings.filter((f) => f.ruleId === 'MIN_INSYNC_ABOVE_REPLICATION');
    expect(errors.length).toBeGreaterThan(10);
    expect(errors.every((f) => f.severity === 'error')).toBe(true);
    expect(errors[0]?.location).toMatchObject({
      path: settingsPath,
      line: lineOf("min.insync.replicas: '2'", '- name: staging'),
    });
  });

  it('the deprecated replication override still wins, marked as such, and keeps its warning', async () => {
    const catalog = await example();
    const local = resolveEnvironment(catalog.settings, 'local');
    const desired = desiredState(catalog, { environment: local, replicationFactorOverride: 2 });
    expect(desired.topics.every((t) => t.replicationFactor === 2)).toBe(true);
    expect(desired.overrides?.get('topic:commerce.sales.orders.v1')?.replicationFactor).toEqual({
      environment: 'local',
      scope: 'deprecated-flag',
    });
    expect(desired.notices[1]).toMatch(/^Replication factor overridden to 2 for every topic/);
  });
});
