import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import type { KafkaAdmin, SchemaRegistry } from '../../src/apply/ports.js';
import { planCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { importLiveState } from '../../src/import/import.js';
import { readLiveState } from '../../src/apply/read-live.js';
import { desiredState } from '../../src/plan/desired.js';
import { grant, record, repoRoot } from '../import/fixtures.js';

const reads = new Set([
  'listTopics',
  'describeTopics',
  'describeConfigs',
  'listAcls',
  'describeAcls',
  'describeCluster',
  'close',
  'listSubjects',
  'getVersions',
  'getVersion',
  'getLatestVersions',
  'getCompatibility',
  'getGlobalCompatibility',
  'lookup',
]);

/** The port, failing the test on any method that is not a read, and counting the calls of each. */
function readOnly<T extends object>(port: T, calls: Map<string, number>): T {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!reads.has(String(name))) throw new Error(`import called ${String(name)}, which changes the cluster`);
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function seeded(topics: number) {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  for (let i = 0; i < topics; i++) {
    const name = `crm.p${i}.v1`;
    kafka.topics.set(name, { partitions: 3, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } });
    await kafka.createAcls([grant(name, `User:svc-${i}`, 'WRITE'), grant(name, `User:svc-${i}`, 'DESCRIBE')]);
    await registry.register(`${name}-key`, '"string"', []);
    await registry.register(`${name}-value`, record(`P${i}`, ['id']), []);
    await registry.register(
      `${name}-value`,
      record(`P${i}`, ['id', 'name']).replace(
        '"type":"string","doc":"The name."',
        '"type":"string","doc":"The name.","default":""',
      ),
      [],
    );
  }
  kafka.requests = 0;
  registry.requests = 0;
  return { kafka, registry };
}

describe('readLiveState', () => {
  it('only reads, in a number of Kafka requests that does not grow with the topics', async () => {
    const counts = [];
    for (const n of [3, 30]) {
      const { kafka, registry } = await seeded(n);
      const kafkaCalls = new Map<string, number>();
      const registryCalls = new Map<string, number>();
      const live = await readLiveState(
        readOnly<KafkaAdmin>(kafka, kafkaCalls),
        readOnly<SchemaRegistry>(registry, registryCalls),
      );
      expect(live.topics).toHaveLength(n);
      expect(live.subjects.get('crm.p0.v1-value')?.versions.map((v) => v.version)).toEqual([1, 2]);
      counts.push({ kafka: kafka.requests, registry: registry.requests });
    }
    expect(counts[0]?.kafka).toBe(counts[1]?.kafka);
    // The subject list, then per subject its level and latest version; the value subject, which has an earlier
    // version, also its version list and that version.
    expect(counts).toEqual([
      { kafka: 4, registry: 1 + 3 * (2 + 2 + 2) },
      { kafka: 4, registry: 1 + 30 * (2 + 2 + 2) },
    ]);
  });

  it('imports what a plan then finds in sync', async () => {
    const { kafka, registry } = await seeded(2);
    const tree = new Map(await readDirectorySource(repoRoot));
    const before = loadCatalog(tree).catalog;
    const live = await readLiveState(kafka, registry);
    const result = importLiveState(before, live, { owner: '@acme/platform', source: 'fake' });
    for (const [path, text] of result.files) tree.set(path, { kind: 'file', content: text });
    const { catalog, findings } = loadCatalog(tree);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const { operations } = await planCluster(desiredState(catalog), { kafka, registry, name: 'fake' });
    expect(operations.filter((o) => o.resource.includes('crm.'))).toEqual([]);
    // The catalog's own topics are missing from the fake cluster: the plan is not empty, so the filter is not vacuous.
    expect(operations.length).toBeGreaterThan(0);
  });
});
