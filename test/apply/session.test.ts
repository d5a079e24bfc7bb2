import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import type { ClusterPorts } from '../../src/apply/run.js';
import { applyOnCluster, desiredFor, oneLine, planOnCluster, type SessionTarget } from '../../src/apply/session.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { ConfigurationError, ExternalServiceError } from '../../src/core/errors.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const exampleCatalog = async () => loadCatalog(await readDirectorySource(repoRoot)).catalog;

/** A target over the fakes that counts its connections and closes. */
function fakeTarget(replicationFactorOverride?: number) {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  const counts = { connects: 0, closes: 0 };
  kafka.close = async () => void counts.closes++;
  const ports: ClusterPorts = { kafka, registry, name: `fake-${Math.random()}` };
  const target: SessionTarget = {
    connect: () => (counts.connects++, ports),
    ...(replicationFactorOverride === undefined ? {} : { replicationFactorOverride }),
  };
  return { kafka, registry, ports, target, counts };
}

describe('the cluster session', () => {
  it('plans read-only and disconnects; then applies under the lock, with registered versions, and disconnects', async () => {
    const cluster = fakeTarget(1);
    const desired = desiredFor(cluster.target, await exampleCatalog());
    expect(desired.topics.every((t) => t.replicationFactor === 1)).toBe(true);
    const plan = await planOnCluster(cluster.target, desired);
    expect(plan.cluster).toBe(cluster.ports.name);
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(cluster.kafka.topics.size).toBe(0);
    const applied = await applyOnCluster(cluster.target, desired, { registeredVersions: true });
    expect(applied.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(applied.outcomes.filter((o) => o.registered).every((o) => o.registered?.version === 1)).toBe(true);
    expect((await planOnCluster(cluster.target, desired)).operations).toEqual([]);
    expect(cluster.counts).toEqual({ connects: 3, closes: 3 });
  });

  it('disconnects when a read fails, and a typed error leaves as it is', async () => {
    const cluster = fakeTarget();
    cluster.kafka.unavailable = true;
    const desired = desiredFor(cluster.target, await exampleCatalog());
    await expect(planOnCluster(cluster.target, desired)).rejects.toBeInstanceOf(ExternalServiceError);
    await expect(applyOnCluster(cluster.target, desired)).rejects.toBeInstanceOf(ExternalServiceError);
    expect(cluster.counts).toEqual({ connects: 2, closes: 2 });
    const refused: SessionTarget = {
      connect: () => {
        throw new ConfigurationError('No Kafka cluster: pass --brokers or set STEWARD_KAFKA_BROKERS.');
      },
    };
    await expect(planOnCluster(refused, desired)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("wraps a client library's own error, with every URL cut to its origin, and keeps it as the cause", async () => {
    const cluster = fakeTarget();
    const cause = new Error('GET https://admin:hunter2@registry.example/subjects?api_key=tok3n failed');
    cluster.registry.getLatestVersions = () => Promise.reject(cause);
    const error: unknown = await planOnCluster(
      cluster.target,
      desiredFor(cluster.target, await exampleCatalog()),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error).toMatchObject({ message: 'GET https://registry.example failed', retryable: true, cause });
    expect(cluster.counts.closes).toBe(1);
  });

  it('gives up on a cluster that hangs after the timeout, still disconnects, and a failed close changes nothing', async () => {
    const cluster = fakeTarget();
    cluster.kafka.describeTopics = () => new Promise(() => undefined);
    cluster.kafka.close = async () => {
      cluster.counts.closes++;
      throw new Error('already closed');
    };
    const desired = desiredFor(cluster.target, await exampleCatalog());
    await expect(planOnCluster(cluster.target, desired, { timeoutMs: 50 })).rejects.toThrow(
      'the cluster did not answer within 0.05 s',
    );
    expect(cluster.counts.closes).toBe(1);
  });

  it('says an error in one line, short, without credentials', () => {
    expect(oneLine(new Error('\nGET https://u:p@reg/x?api_key=tok3n failed\n  at y'))).toBe('GET https://reg failed');
    expect(oneLine('x'.repeat(400))).toHaveLength(300);
  });
});
