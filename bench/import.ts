import { tracingChannel } from 'node:diagnostics_channel';
import { PlatformaticKafkaAdmin } from '../src/apply/kafka-admin.js';
import type { KafkaAdmin, SchemaRegistry } from '../src/apply/ports.js';
import { httpTransport, type RegistryTransport } from '../src/apply/registry-transport.js';
import { applyCluster, planCluster } from '../src/apply/run.js';
import { HttpSchemaRegistry } from '../src/apply/schema-registry.js';
import { loadCatalog } from '../src/catalog/load.js';
import type { SourceEntry } from '../src/core/source.js';
import { importLiveState } from '../src/import/import.js';
import { readLiveState } from '../src/apply/read-live.js';
import { desiredState } from '../src/plan/desired.js';
import { generateCatalogFiles } from './generate-catalog.js';

/**
 * Import at scale, on the real services (`npm run services:up`): a generated catalog of BENCH_PRODUCTS products
 * (default 1,000: as many topics, twice as many subjects, their ACLs) is applied to the cluster as the "existing
 * cluster", then imported from it into an empty repository, which is then planned against the same cluster.
 * Prints wall time and requests: port calls (each port wrapped and counted) and requests on the wire (Kafka through
 * the client's diagnostics channel, registry HTTP calls). Kafka requests must not grow with the topic count; registry
 * requests follow the subjects and their versions (BENCH_VERSIONS gives each value subject that many).
 */
const products = Number(process.env.BENCH_PRODUCTS ?? 1_000);
/** Versions of each value subject (BENCH_VERSIONS, default 1): later ones add an optional field each. */
const versions = Number(process.env.BENCH_VERSIONS ?? 1);
const brokers = process.env.STEWARD_KAFKA_BROKERS;
const registryUrl = process.env.STEWARD_REGISTRY_URL;
if (!brokers || !registryUrl)
  throw new Error('Set STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL (npm run services:up).');

const wire = { kafka: 0, registry: 0 };
tracingChannel('plt:kafka:connections:api').subscribe({
  start: () => void wire.kafka++,
  end: () => undefined,
  asyncStart: () => undefined,
  asyncEnd: () => undefined,
  error: () => undefined,
});
const transport = httpTransport({ sockets: 32 });
const countingTransport: RegistryTransport = (request) => {
  wire.registry++;
  return transport(request);
};

/** The port with each method call counted by name. */
function counted<T extends object>(port: T, calls: Map<string, number>): T {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const tree = (files: ReadonlyMap<string, string>) =>
  new Map<string, SourceEntry>([...files].map(([p, t]) => [p, { kind: 'file', content: t }]));

/** Versions 2…BENCH_VERSIONS of each value subject (registering one that exists changes nothing). */
async function registerVersions(subjects: readonly { subject: string; schema: string }[]): Promise<void> {
  if (versions < 2) return;
  const start = performance.now();
  for (let v = 2; v <= versions; v++) {
    const queue = [...subjects];
    const worker = async () => {
      for (let s = queue.pop(); s; s = queue.pop()) {
        const schema = JSON.parse(s.schema) as { fields: object[] };
        for (let f = 2; f <= v; f++)
          schema.fields.push({ name: `extra${f}`, type: 'string', default: '', doc: 'Extra.' });
        await registry.register(s.subject, JSON.stringify(schema), []);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  }
  console.log(`setup: ${versions} versions of each value subject (${Math.round(performance.now() - start)} ms)`);
}

const generated = generateCatalogFiles(products);
const kafka = new PlatformaticKafkaAdmin({ brokers: brokers.split(',') });
const registry = new HttpSchemaRegistry({ url: registryUrl, transport: countingTransport });
try {
  const source = loadCatalog(tree(generated)).catalog;
  const desired = desiredState(source, { replicationFactorOverride: 1 });
  const existing = await kafka.describeTopics(desired.topics.map((t) => t.name));
  if (existing.size < desired.topics.length) {
    const start = performance.now();
    const applied = await applyCluster(desired, { kafka, registry, name: 'bench' });
    const failed = applied.outcomes.filter((o) => o.status !== 'succeeded').length;
    console.log(
      `setup: applied ${products} products in ${Math.round(performance.now() - start)} ms (${failed} not succeeded)`,
    );
  }
  await registerVersions(desired.subjects.filter((s) => s.subject.endsWith('-value')));
  // The repository import writes into: the generated rules only, no products.
  const empty = new Map([...generated].filter(([p]) => p.startsWith('rules/')));
  const kafkaCalls = new Map<string, number>();
  const registryCalls = new Map<string, number>();
  wire.kafka = 0;
  wire.registry = 0;
  const start = performance.now();
  const live = await readLiveState(
    counted<KafkaAdmin>(kafka, kafkaCalls),
    counted<SchemaRegistry>(registry, registryCalls),
    { prefix: 'd' },
  );
  const read = performance.now();
  const result = importLiveState(loadCatalog(tree(empty)).catalog, live, {
    owner: '@acme/platform',
    source: 'bench',
    prefix: 'd',
    replicationFactorOverride: 1,
  });
  const done = performance.now();
  const byRule = new Map<string, number>();
  for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  console.log(
    `import: ${result.topics.length} topics, ${result.subjects.length} subjects → ${result.products.length} products, ${result.files.size} files`,
  );
  console.log(
    `  read ${Math.round(read - start)} ms, import (pure) ${Math.round(done - read)} ms, total ${Math.round(done - start)} ms`,
  );
  console.log(
    `  Kafka: ${wire.kafka} requests on the wire; port calls ${JSON.stringify(Object.fromEntries(kafkaCalls))}`,
  );
  console.log(`  registry: ${wire.registry} requests; port calls ${JSON.stringify(Object.fromEntries(registryCalls))}`);
  console.log(`  findings: ${JSON.stringify(Object.fromEntries(byRule))}`);
  const imported = new Map([...empty, ...result.files]);
  const { catalog, findings } = loadCatalog(tree(imported));
  const errors = findings.filter((f) => f.severity === 'error');
  const plan = await planCluster(desiredState(catalog, { replicationFactorOverride: 1 }), {
    kafka,
    registry,
    name: 'bench',
  });
  console.log(
    `then: ${errors.length} catalog errors; a plan of the imported catalog has ${plan.operations.length} operations`,
  );
} finally {
  await kafka.close();
}
