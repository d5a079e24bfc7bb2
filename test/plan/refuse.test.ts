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

// A registration under a _TRANSITIVE level is checked against every registered version, not only the latest.
const ORDER_ID = '{ "name": "id", "type": "string", "doc": "Order id." },';
const CHANNEL = '{ "name": "channel", "type": "string", "doc": "Channel." },';
const CHANNEL_WEB = '{ "name": "channel", "type": "string", "default": "web", "doc": "Channel." },';
const NOTE = '{ "name": "note", "type": "string", "default": "", "doc": "Note." },';
const VALUE = 'commerce.orders.v1-value';

/** The orders value schema with `fields` after the id, at `level` in the catalog. */
function writeOrders(dir: string, level: string, fields: readonly string[]): void {
  const schema = readFileSync(join(repoWithCase(), S), 'utf8');
  writeFileSync(join(dir, S), schema.replace(ORDER_ID, [ORDER_ID, ...fields].join('\n    ')));
  const product = readFileSync(join(dir, P), 'utf8');
  writeFileSync(join(dir, P), product.replace(/compatibility: \w+/, `compatibility: ${level}`));
}

/**
 * A subject whose versions are `history`, each applied through the catalog at `level`, and the plan of `candidate`
 * after it with the catalog at `candidateLevel`; `reads` are the registry calls that plan made.
 */
async function planAfter(
  level: string,
  history: readonly (readonly string[])[],
  candidate: readonly string[],
  candidateLevel = level,
) {
  const dir = repoWithCase();
  const { registry, target } = fakes();
  for (const fields of history) {
    writeOrders(dir, level, fields);
    const applied = await applyOnCluster(target, await desiredOf(dir, target));
    expect(applied.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
  }
  expect(registry.subjects.get(VALUE)?.map((v) => v.version)).toEqual(history.map((_, i) => i + 1));
  expect(registry.levels.get(VALUE) ?? registry.globalLevel).toBe(level);
  writeOrders(dir, candidateLevel, candidate);
  const from = registry.calls.length;
  const desired = await desiredOf(dir, target);
  const plan = await planOnCluster(target, desired);
  const reads = registry.calls.slice(from).filter((c) => /^versions? /.test(c));
  return { plan, registry, reads, apply: () => applyOnCluster(target, desired) };
}

describe('the plan checks a _TRANSITIVE level against every registered version', () => {
  const scenarios = {
    // The candidate drops channel's default: it reads version 2's data (which has channel), not version 1's.
    'a field loses its default': { history: [[], [CHANNEL_WEB]], candidate: [CHANNEL] },
    // The candidate drops channel: version 2 reads its data (channel has a default there), version 1 cannot.
    'a field is dropped': { history: [[CHANNEL], [CHANNEL_WEB]], candidate: [] },
  } as const;
  const passes = 'passes against versions 1 and 2';
  const breaks = 'breaks version 1 of 2';

  it.each([
    ['BACKWARD', 'a field loses its default', passes, undefined],
    ['FULL', 'a field loses its default', passes, undefined],
    ['FORWARD_TRANSITIVE', 'a field loses its default', passes, undefined],
    ['BACKWARD_TRANSITIVE', 'a field loses its default', breaks, 8],
    ['FULL_TRANSITIVE', 'a field loses its default', breaks, 8],
    ['FORWARD', 'a field is dropped', passes, undefined],
    ['BACKWARD_TRANSITIVE', 'a field is dropped', passes, undefined],
    ['FORWARD_TRANSITIVE', 'a field is dropped', breaks, 3],
    ['FULL_TRANSITIVE', 'a field is dropped', breaks, 3],
  ] as const)('under %s, when %s, the new version %s', async (level, name, _verdict, line) => {
    const scenario = scenarios[name];
    const { plan, reads } = await planAfter(level, scenario.history, scenario.candidate);
    const transitive = level.endsWith('_TRANSITIVE');
    // Version 2 is the latest, already read with the actual state; only a _TRANSITIVE level reads the others.
    expect(reads).toEqual(transitive ? [`versions ${VALUE}`, `version ${VALUE} 1`] : []);
    if (line === undefined) return expect(plan.findings).toEqual([]);
    expect(plan.findings.map(where)).toEqual([
      ['REGISTRY_INCOMPATIBLE', 'error', S, 1],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'error', S, line],
    ]);
    expect(plan.findings[0]?.message).toContain(
      `it breaks version 1 under the subject's ${level} level (which checks every registered version, 1 to 2),`,
    );
    expect(plan.findings[1]?.message).toContain('the schema at registered version 1');
  });

  it('names only the versions it breaks, and apply registers nothing', async () => {
    const { plan, registry, reads, apply } = await planAfter(
      'BACKWARD_TRANSITIVE',
      [[], [NOTE], [NOTE, CHANNEL_WEB]],
      [NOTE, CHANNEL],
    );
    expect(reads).toEqual([`versions ${VALUE}`, `version ${VALUE} 1`, `version ${VALUE} 2`]);
    expect(plan.findings.map(where)).toEqual([
      ['REGISTRY_INCOMPATIBLE', 'error', S, 1],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'error', S, 9],
    ]);
    // Version 3 has channel, with its default: only 1 and 2 are broken, and the one break is explained once.
    expect(plan.findings[0]?.message).toContain(
      "it breaks versions 1 and 2 under the subject's BACKWARD_TRANSITIVE level (which checks every registered version, 1 to 3),",
    );
    const applied = await apply();
    expect(applied.outcomes).toEqual([]);
    expect(registry.subjects.get(VALUE)?.length).toBe(3);
  });

  it('checks under the level in force when the registry registers: loosened first, tightened after', async () => {
    const { history, candidate } = scenarios['a field loses its default'];
    const loosened = await planAfter('BACKWARD_TRANSITIVE', history, candidate, 'BACKWARD');
    expect([loosened.reads, loosened.plan.findings]).toEqual([[], []]);
    const tightened = await planAfter('BACKWARD', history, candidate, 'BACKWARD_TRANSITIVE');
    expect([tightened.reads, tightened.plan.findings]).toEqual([[], []]);
    const applied = await tightened.apply();
    expect(applied.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(tightened.registry.subjects.get(VALUE)?.length).toBe(3);
    expect(tightened.registry.levels.get(VALUE)).toBe('BACKWARD_TRANSITIVE');
  });
});
