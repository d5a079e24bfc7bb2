import { tracingChannel } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlatformaticKafkaAdmin } from '../src/apply/kafka-admin.js';
import { lockTopic } from '../src/apply/lock.js';
import { applyCluster, planCluster } from '../src/apply/run.js';
import { httpTransport, type RegistryTransport } from '../src/apply/registry-transport.js';
import { HttpSchemaRegistry } from '../src/apply/schema-registry.js';
import { loadCatalog } from '../src/catalog/load.js';
import { readDirectorySource } from '../src/cli/fs-source.js';
import { desiredState } from '../src/plan/desired.js';
import { generateCatalog } from './generate-catalog.js';

/**
 * Applies a generated catalog of BENCH_PRODUCTS products (default 1,000: as many topics, twice as many subjects,
 * their ACLs) to the cluster in STEWARD_KAFKA_BROKERS / STEWARD_REGISTRY_URL — run it on fresh services
 * (`npm run services:up`) so the first apply starts from empty — then plans again with nothing changed.
 * Prints wall time and the Kafka requests (every request on the wire, counted through the client's diagnostics
 * channel) and registry requests (HTTP calls) of each step; the no-op plan runs BENCH_NOOP_RUNS times (default 3).
 * BENCH_REGISTRY_CONCURRENCY sets the registry requests in flight (default 32). Targets: apply < 60 s; no-op plan
 * < 3 s with a Kafka request count that does not grow with the topic count.
 */
const products = Number(process.env.BENCH_PRODUCTS ?? 1_000);
const concurrency = Number(process.env.BENCH_REGISTRY_CONCURRENCY ?? 32);
const noopRuns = Number(process.env.BENCH_NOOP_RUNS ?? 3);
const brokers = process.env.STEWARD_KAFKA_BROKERS;
const registryUrl = process.env.STEWARD_REGISTRY_URL;
if (!brokers || !registryUrl)
  throw new Error('Set STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL (npm run services:up).');

const counts = { kafka: 0, registry: 0 };
tracingChannel('plt:kafka:connections:api').subscribe({
  start: () => void counts.kafka++,
  end: () => undefined,
  asyncStart: () => undefined,
  asyncEnd: () => undefined,
  error: () => undefined,
});
// The adapter's own default transport, counted.
const transport = httpTransport({ sockets: concurrency });
const countingTransport: RegistryTransport = (request) => {
  counts.registry++;
  return transport(request);
};

/**
 * After creating thousands of partitions the broker spends a while creating their logs before it publishes later
 * metadata changes; apply does not wait for that (see lock.ts), but a plan run meanwhile competes with it for CPU.
 * Waits, reported as its own step, until the broker shows the lock topic's deletion, i.e. has caught up.
 */
async function caughtUp(kafka: PlatformaticKafkaAdmin): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250))
    if ((await kafka.describeTopics([lockTopic])).size === 0) return;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const root = mkdtempSync(join(tmpdir(), 'steward-bench-apply-'));
try {
  generateCatalog(root, products);
  const { catalog, findings } = loadCatalog(await readDirectorySource(root));
  // The shared generator's domain names trip a domain check that does not affect what apply does.
  const errors = findings.filter((f) => f.severity === 'error' && !f.location.path.endsWith('domain.yaml'));
  if (errors[0]) throw new Error(`The generated catalog has ${errors.length} errors, e.g. ${errors[0].message}`);
  const desired = desiredState(catalog, { replicationFactorOverride: 1 });
  const kafka = new PlatformaticKafkaAdmin({ brokers: brokers.split(',') });
  const registry = new HttpSchemaRegistry({ url: registryUrl, concurrency, transport: countingTransport });
  const ports = { kafka, registry, name: 'bench' };
  console.log(
    `catalog: ${products} products → ${desired.topics.length} topics, ${desired.subjects.length} subjects, ${desired.acls.length} ACLs (replication overridden to 1)`,
  );
  const step = async <T>(label: string, fn: () => Promise<T>) => {
    counts.kafka = 0;
    counts.registry = 0;
    const start = performance.now();
    const result = await fn();
    const ms = Math.round(performance.now() - start);
    console.log(`${label}: ${ms} ms wall, ${counts.kafka} Kafka requests, ${counts.registry} registry requests`);
    return result;
  };
  const applied = await step('first apply', () => applyCluster(desired, ports));
  const failed = applied.outcomes.filter((o) => o.status !== 'succeeded');
  console.log(
    `  ${applied.outcomes.length} operations, ${failed.length} not succeeded${failed[0] ? `; first: ${failed[0].message}` : ''}`,
  );
  await step('broker caught up', () => caughtUp(kafka));
  // The first no-op plan meets the registry's read paths cold (a JVM just started); later runs show the steady state.
  for (let run = 1; run <= noopRuns; run++) {
    const plan = await step(run === 1 ? 'no-op plan' : `no-op plan (run ${run})`, () => planCluster(desired, ports));
    console.log(`  ${plan.operations.length} operations planned (expected 0)`);
  }
  await kafka.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
