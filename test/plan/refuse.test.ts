import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import type { ClusterPorts } from '../../src/apply/run.js';
import { applyOnCluster, desiredFor, planOnCluster, type SessionTarget } from '../../src/apply/session.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { renderPlanText } from '../../src/render/plan.js';
import { repoWithCase } from '../helpers/fixtures.js';

// Issue 13, point 2: the plan refuses, before anything changes, what the cluster or the registry would refuse.
const P = 'catalog/commerce/orders/product.yaml';
const S = 'catalog/commerce/orders/schemas/order.avsc';

function fakes(brokers = 3, replicationFactorOverride?: number) {
  const kafka = new FakeKafkaAdmin();
  kafka.brokers = brokers;
  const registry = new FakeSchemaRegistry();
  const ports: ClusterPorts = { kafka, registry, name: `fake-${Math.random()}` };
  const target: SessionTarget = {
    connect: () => ports,
    ...(replicationFactorOverride === undefined ? {} : { replicationFactorOverride }),
  };
  return { kafka, registry, target };
}

async function desiredOf(dir: string, target: SessionTarget) {
  const { catalog, findings } = loadCatalog(await readDirectorySource(dir));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return desiredFor(target, catalog);
}

const where = (f: { ruleId: string; severity: string; location: { path: string; line: number } }) => [
  f.ruleId,
  f.severity,
  f.location.path,
  f.location.line,
];

describe('the plan refuses what the cluster would refuse', () => {
  it('a replication factor above the live broker count is an error on its line, and apply attempts nothing', async () => {
    const { kafka, registry, target } = fakes(1);
    const desired = await desiredOf(repoWithCase(), target);
    const plan = await planOnCluster(target, desired);
    expect(plan.findings.map(where)).toEqual([
      ['REPLICATION_ABOVE_BROKERS', 'error', P, 24],
      ['REPLICATION_ABOVE_BROKERS', 'error', 'catalog/logistics/shipments/product.yaml', 11],
    ]);
    expect(plan.findings[0]?.message).toContain(
      'Topic commerce.orders.v1 would be created with replication factor 3, but the cluster has 1 broker',
    );
    const applied = await applyOnCluster(target, desired);
    expect(applied.outcomes).toEqual([]);
    expect(applied.operations.length).toBeGreaterThan(0);
    expect(kafka.topics.size).toBe(0);
    expect(registry.subjects.size).toBe(0);
  });

  it('a min.insync.replicas above an overridden replication factor is a warning that does not block', async () => {
    const dir = repoWithCase();
    const text = readFileSync(join(dir, P), 'utf8');
    writeFileSync(
      join(dir, P),
      text.replace(
        '    replicationFactor: 3\n',
        '    replicationFactor: 3\n    configs:\n      min.insync.replicas: 2\n',
      ),
    );
    const { kafka, target } = fakes(1, 1);
    const desired = await desiredOf(dir, target);
    const plan = await planOnCluster(target, desired);
    expect(plan.findings.map(where)).toEqual([['MIN_INSYNC_ABOVE_REPLICATION', 'warning', P, 26]]);
    const applied = await applyOnCluster(target, desired);
    expect(applied.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(kafka.topics.size).toBe(2);
  });

  it('a schema the registry would refuse under the live level is explained on its lines, and nothing is applied', async () => {
    const dir = repoWithCase();
    const { registry, target } = fakes();
    await applyOnCluster(target, await desiredOf(dir, target));
    expect(registry.subjects.get('commerce.orders.v1-value')?.length).toBe(1);
    const text = readFileSync(join(dir, S), 'utf8');
    writeFileSync(
      join(dir, S),
      text.replace(
        '{ "name": "id", "type": "string", "doc": "Order id." },',
        '{ "name": "id", "type": "string", "doc": "Order id." },\n    { "name": "channel", "type": "string", "doc": "Channel." },',
      ),
    );
    const desired = await desiredOf(dir, target);
    const plan = await planOnCluster(target, desired);
    expect(plan.findings.map(where)).toEqual([
      ['REGISTRY_INCOMPATIBLE', 'error', S, 1],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'error', S, 8],
    ]);
    expect(plan.findings[0]?.message).toContain("breaks version 1 under the subject's BACKWARD level");
    expect(renderPlanText(plan.operations, [], plan.findings)).toContain(
      'The cluster or the registry would refuse this plan: nothing is applied until these are fixed.\nPlan: 1 to create,',
    );
    const applied = await applyOnCluster(target, desired);
    expect(applied.outcomes).toEqual([]);
    expect(registry.subjects.get('commerce.orders.v1-value')?.length).toBe(1);
  });

  it('a compatible new version, or a subject at level NONE, is planned without findings', async () => {
    const dir = repoWithCase();
    const { registry, target } = fakes();
    await applyOnCluster(target, await desiredOf(dir, target));
    const text = readFileSync(join(dir, S), 'utf8');
    const added =
      '{ "name": "id", "type": "string", "doc": "Order id." },\n    { "name": "channel", "type": "string", "default": "web", "doc": "Channel." },';
    writeFileSync(join(dir, S), text.replace('{ "name": "id", "type": "string", "doc": "Order id." },', added));
    expect((await planOnCluster(target, await desiredOf(dir, target))).findings).toEqual([]);
    writeFileSync(
      join(dir, S),
      text.replace('{ "name": "id", "type": "string", "doc": "Order id." },', added.replace(', "default": "web"', '')),
    );
    registry.levels.set('commerce.orders.v1-value', 'NONE');
    const calls = registry.requests;
    expect((await planOnCluster(target, await desiredOf(dir, target))).findings).toEqual([]);
    // Under NONE nothing is read for the check: the plan's reads follow what needs judging.
    expect(registry.calls.slice(-(registry.requests - calls)).some((c) => c.startsWith('version '))).toBe(false);
  });
});
