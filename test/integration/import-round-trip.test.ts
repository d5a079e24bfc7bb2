import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformaticKafkaAdmin } from '../../src/apply/kafka-admin.js';
import type { KafkaAdmin, SchemaRegistry } from '../../src/apply/ports.js';
import { httpTransport, type RegistryTransport } from '../../src/apply/registry-transport.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { readLiveState } from '../../src/apply/read-live.js';
import { runCli } from '../../src/cli/program.js';
import type { AclBinding } from '../../src/plan/state.js';
import { services } from './apply-services.js';

/**
 * The import round trip against the real broker and Apicurio: topics, subjects (several versions, a reference)
 * and ACLs made out of band are imported into a copy of the example repository, which then validates, and whose
 * plan on the same environment has nothing to create or change for them. Import itself only reads.
 */
const repoRoot = join(import.meta.dirname, '..', '..');
const run = `imp${Date.now().toString(36)}`;
const leads1 = `${run}.leads.v1`;
const leads2 = `${run}.leads.v2`;
const visits = `${run}.visits.v1`;
const env = {
  STEWARD_KAFKA_BROKERS: services.brokers.join(','),
  STEWARD_REGISTRY_URL: services.registryUrl,
  STEWARD_LOCAL_KAFKA_BROKERS: services.brokers.join(','),
  STEWARD_LOCAL_REGISTRY_URL: services.registryUrl,
};
let dir = '';

async function steward(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { cwd: dir, env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function register(subject: string, schema: unknown, references?: unknown[]): Promise<void> {
  const response = await fetch(`${services.registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema), ...(references ? { references } : {}) }),
  });
  if (!response.ok) throw new Error(`register ${subject}: ${response.status} ${await response.text()}`);
}

async function setLevel(subject: string, level: string): Promise<void> {
  const response = await fetch(`${services.registryUrl}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!response.ok) throw new Error(`level ${subject}: ${response.status}`);
}

const record = (name: string, fields: object[]) => ({
  type: 'record',
  name,
  namespace: `com.acme.${run}`,
  doc: `A ${name}.`,
  fields,
});
const field = (name: string, type: unknown, extra: object = {}) => ({ name, type, doc: `The ${name}.`, ...extra });

const grant = (resourceName: string, principal: string, operation: AclBinding['operation'], type = 'topic') =>
  ({ resourceType: type, resourceName, principal, operation }) as AclBinding;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steward-import-'));
  for (const part of ['catalog', 'rules', '.github'])
    cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  const kafka = new PlatformaticKafkaAdmin({ brokers: services.brokers });
  try {
    const created = await kafka.createTopics([
      { name: leads1, partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } },
      { name: leads2, partitions: 2, replicationFactor: 1, configs: { 'retention.ms': '172800000' } },
      { name: visits, partitions: 1, replicationFactor: 1, configs: {} },
    ]);
    expect(created.filter((r) => r.error)).toEqual([]);
    const acls = await kafka.createAcls([
      ...[leads1, leads2].flatMap((t) => [grant(t, 'User:svc-leads', 'WRITE'), grant(t, 'User:svc-leads', 'DESCRIBE')]),
      grant(visits, 'User:svc-visits', 'WRITE'),
      grant(visits, 'User:svc-visits', 'DESCRIBE'),
      // svc-visits (visits' writer) reads leads v1; svc-orders (the example catalog's orders) reads leads v2.
      grant(leads1, 'User:svc-visits', 'READ'),
      grant(`${run}.visits.leads-reader`, 'User:svc-visits', 'READ', 'group'),
      grant(leads2, 'User:svc-orders', 'READ'),
      grant(`${run}.orders.leads`, 'User:svc-orders', 'READ', 'group'),
    ]);
    expect(acls.filter((r) => r.error)).toEqual([]);
    // The authorizer publishes ACLs through the metadata log; wait until a fresh read shows them all.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const seen = await kafka.listAcls();
      if (seen.filter((a) => a.resourceName.startsWith(run)).length >= 10) break;
    }
  } finally {
    await kafka.close();
  }
  await register(`${leads1}-key`, 'string');
  await register(`${leads1}-value`, record('Lead', [field('id', 'string')]));
  await register(
    `${leads1}-value`,
    record('Lead', [field('id', 'string'), field('source', 'string', { default: 'web' })]),
  );
  await setLevel(`${leads1}-key`, 'BACKWARD_TRANSITIVE');
  await setLevel(`${leads1}-value`, 'BACKWARD_TRANSITIVE');
  const address = `com.acme.${run}.Address`;
  await register(address, record('Address', [field('city', 'string')]));
  await register(`${leads2}-value`, record('LeadV2', [field('id', 'string'), field('address', address)]), [
    { name: address, subject: address, version: 1 },
  ]);
  await register(`${visits}-value`, record('Visit', [field('page', 'string')]));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('steward import against the real services', () => {
  it('reads only: no mutating admin call, no registry write', async () => {
    const calls: string[] = [];
    const real = new PlatformaticKafkaAdmin({ brokers: services.brokers });
    const kafka = new Proxy(real, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as KafkaAdmin;
    const methods: string[] = [];
    const transport = httpTransport({ sockets: 8 });
    const counting: RegistryTransport = (request) => {
      methods.push(request.method);
      return transport(request);
    };
    const registry: SchemaRegistry = new HttpSchemaRegistry({ url: services.registryUrl, transport: counting });
    try {
      const live = await readLiveState(kafka, registry, { prefix: `${run}.` });
      expect(live.topics.map((t) => t.name)).toEqual([leads1, leads2, visits]);
      expect(live.topics[0]?.configs).toEqual({ 'cleanup.policy': 'compact' });
      expect(live.subjects.get(`${leads1}-value`)?.versions.map((v) => v.version)).toEqual([1, 2]);
      // The referenced subject is read although it is outside the prefix.
      expect(live.subjects.has(`com.acme.${run}.Address`)).toBe(true);
    } finally {
      await real.close();
    }
    expect(new Set(calls)).toEqual(new Set(['listTopics', 'describeTopics', 'describeConfigs', 'listAcls']));
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });

  it('imports into a copy of the example repository; validate passes and the plan has nothing for them', async () => {
    const imported = await steward(['import', '--env', 'local', '--owner', '@acme/platform', '--prefix', `${run}.`]);
    expect(imported.err).toBe('');
    if (process.env.STEWARD_IMPORT_SHOW) console.log(imported.out);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Imported 3 topic(s) and 5 subject(s) into 3 product(s)');
    const leads = readFileSync(join(dir, `catalog/${run}/leads/product.yaml`), 'utf8');
    expect(leads).toContain(`topic: ${leads1}`);
    expect(leads).toContain('compatibility: BACKWARD_TRANSITIVE');
    expect(leads).toContain('writer: User:svc-leads');
    expect(leads).not.toContain('replicationFactor');
    const orders = readFileSync(join(dir, 'catalog/commerce/sales/orders/product.yaml'), 'utf8');
    expect(orders).toContain(`consumerGroup: ${run}.orders.leads`);
    // The existing manifest keeps its comment line and every value as written.
    expect(orders.startsWith(readFileSync(join(repoRoot, 'catalog/commerce/sales/orders/product.yaml'), 'utf8'))).toBe(
      true,
    );
    const visitsManifest = readFileSync(join(dir, `catalog/${run}/visits/product.yaml`), 'utf8');
    expect(visitsManifest).toContain(`product: ${run}/leads`);

    const validated = await steward(['validate', dir]);
    expect(validated.out).not.toMatch(/ error /);
    expect(validated.code).toBe(0);

    const planned = await steward(['plan', dir, '--env', 'local', '--format', 'json']);
    expect(planned.code).toBe(0);
    const operations = (JSON.parse(planned.out) as { operations: { kind: string; resource: string }[] }).operations;
    expect(operations.filter((o) => o.resource.includes(run))).toEqual([]);
  });
});
