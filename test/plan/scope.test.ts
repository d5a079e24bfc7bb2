import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { describeOperation } from '../../src/render/plan.js';
import { formerReads } from '../../src/plan/acl-scope.js';
import { desiredState } from '../../src/plan/desired.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const example = async () => loadCatalog(await readDirectorySource(repoRoot)).catalog;
const invoices = 'finance/invoices';
const only = new Set([invoices]);

/** The example catalog applied to fresh fakes: the live state matches the whole catalog. */
async function applied(catalog: Catalog) {
  const ports = { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: `fake-${Math.random()}` };
  await applyCluster(desiredState(catalog), ports);
  return ports;
}

function withProduct(catalog: Catalog, id: string, change: (m: Record<string, unknown>) => void): Catalog {
  const product = catalog.products.get(id);
  if (!product) throw new Error('fixture changed');
  const manifest = structuredClone(product.manifest) as unknown as Record<string, unknown>;
  change(manifest);
  const products = new Map(catalog.products);
  products.set(id, { ...product, manifest: manifest as unknown as typeof product.manifest });
  return { ...catalog, products };
}

describe('desiredState scoped to some products', () => {
  it('owns only their topics and subjects, and keeps every grant on the topics they read', async () => {
    const catalog = await example();
    const scoped = desiredState(catalog, { only });
    expect(scoped.topics.map((t) => t.name)).toEqual(['finance.invoices.v1']);
    expect(scoped.subjects.every((s) => s.subject.startsWith('finance.invoices.v1-'))).toBe(true);
    expect(scoped.aclTopics).toContain('commerce.sales.orders.v1');
    expect([...scoped.groups].sort()).toEqual([
      'finance.invoices.orders-v1',
      'finance.invoices.payments-v1',
      'finance.invoices.profiles-v2',
    ]);
    // Every consumer of the orders topic stays desired, not only the scoped product.
    const whole = desiredState(catalog);
    const onOrders = (acls: typeof whole.acls) => acls.filter((a) => a.resourceName === 'commerce.sales.orders.v1');
    expect(onOrders(scoped.acls)).toEqual(onOrders(whole.acls));
    expect(onOrders(scoped.acls).length).toBeGreaterThan(3);
    // Out-of-scope topics bring neither topics nor their grants.
    expect(scoped.acls.some((a) => a.resourceName === 'customer.segments.v1')).toBe(false);
  });

  it('plans nothing against a cluster that matches: no revocation of other consumers’ grants', async () => {
    const catalog = await example();
    const ports = await applied(catalog);
    expect((await planCluster(desiredState(catalog, { only }), ports)).operations).toEqual([]);
  });

  it('plans what the whole plan plans for the resources in scope, and nothing else', async () => {
    const before = await example();
    const ports = await applied(before);
    const after = withProduct(before, invoices, (m) => {
      m['inputPorts'] = (m['inputPorts'] as { name: string }[]).filter((p) => p.name !== 'orders');
      (m['outputPorts'] as { partitions: number }[])[0]!.partitions = 12;
    });
    const scoped = desiredState(after, { only, aclTopics: formerReads(before, after, only) });
    const ops = (await planCluster(scoped, ports)).operations.map(describeOperation);
    expect(ops).toEqual([
      '~ add partitions to topic finance.invoices.v1: 6 → 12',
      '- revoke READ on topic commerce.sales.orders.v1 from User:svc-invoicing',
    ]);
    const whole = (await planCluster(desiredState(after), ports)).operations.map(describeOperation);
    expect(whole).toEqual(ops);
  });

  it('lists a retired product in scope for deletion and revokes its grants, gated by settings', async () => {
    const before = await example();
    const ports = await applied(before);
    const after = withProduct(before, invoices, (m) => (m['status'] = 'retired'));
    const scoped = desiredState(after, { only, aclTopics: formerReads(before, after, only) });
    expect(scoped.topics).toEqual([]);
    expect(scoped.retired.topics).toEqual(['finance.invoices.v1']);
    const ops = (await planCluster(scoped, ports)).operations.map(describeOperation).sort();
    const whole = (await planCluster(desiredState(after), ports)).operations.map(describeOperation).sort();
    expect(ops).toEqual(whole);
    expect(ops.some((o) => o.startsWith('! topic finance.invoices.v1 of a retired product'))).toBe(true);
  });

  it('a product deleted from the catalog: its grants on topics it read are revoked, nothing of its own read', async () => {
    const before = await example();
    const ports = await applied(before);
    const products = new Map(before.products);
    products.delete(invoices);
    const after = { ...before, products };
    const scoped = desiredState(after, { only, aclTopics: formerReads(before, after, only) });
    expect(scoped.topics).toEqual([]);
    expect(scoped.retired).toEqual({ topics: [], subjects: [] });
    const ops = (await planCluster(scoped, ports)).operations.map(describeOperation).sort();
    expect(ops).toEqual([
      '- revoke READ on topic commerce.sales.orders.v1 from User:svc-invoicing',
      '- revoke READ on topic customer.profiles.v2 from User:svc-invoicing',
      '- revoke READ on topic finance.payments.v1 from User:svc-invoicing',
    ]);
  });
});
