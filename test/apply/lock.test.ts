import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { lockTopic } from '../../src/apply/lock.js';
import { applyCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';
import type { DesiredState } from '../../src/plan/state.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const exampleDesired = async (): Promise<DesiredState> =>
  desiredState(loadCatalog(await readDirectorySource(repoRoot)).catalog);

function cluster() {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  return { kafka, registry, name: `fake-${Math.random()}` };
}

describe('the cluster apply lock', () => {
  it('refuses a second applier while the lease holds, and lets --break-lock take it over', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    ports.kafka.topics.set(lockTopic, {
      partitions: 1,
      replicationFactor: 1,
      configs: { 'retention.ms': String(Date.now() + 60_000) },
    });
    await expect(applyCluster(desired, ports)).rejects.toThrow(/Another apply holds this cluster's lock/);
    expect(ports.kafka.topics.size).toBe(1);
    await applyCluster(desired, ports, { breakLock: true });
    expect(ports.kafka.topics.has(lockTopic)).toBe(false);
  });

  it('takes over an expired lease', async () => {
    const ports = cluster();
    ports.kafka.topics.set(lockTopic, { partitions: 1, replicationFactor: 1, configs: { 'retention.ms': '1' } });
    const { outcomes } = await applyCluster(await exampleDesired(), ports);
    expect(outcomes.length).toBeGreaterThan(0);
  });

  it('queues two applies to one cluster in one process instead of failing', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    const [a, b] = await Promise.all([applyCluster(desired, ports), applyCluster(desired, ports)]);
    expect(a.outcomes.length).toBeGreaterThan(0);
    expect(b.outcomes).toEqual([]);
  });
});
