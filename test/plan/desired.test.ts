import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const example = async () => loadCatalog(await readDirectorySource(repoRoot)).catalog;

describe('desiredState on the example catalog', () => {
  it('wants every output topic with its declared partitions, replication and configs', async () => {
    const desired = desiredState(await example());
    expect(desired.topics).toHaveLength(19);
    expect(desired.topics.find((t) => t.name === 'customer.profiles.v2')).toEqual({
      name: 'customer.profiles.v2',
      partitions: 12,
      replicationFactor: 3,
      configs: {
        'cleanup.policy': 'compact',
        'retention.ms': '-1',
        'delete.retention.ms': '86400000',
        'min.insync.replicas': '2',
      },
    });
    expect(desired.notices).toEqual([]);
    expect(desired.allowDeletions).toBe(false);
  });

  it('overrides replication everywhere, and says so', async () => {
    const desired = desiredState(await example(), { replicationFactorOverride: 1 });
    expect(new Set(desired.topics.map((t) => t.replicationFactor))).toEqual(new Set([1]));
    expect(desired.notices[0]).toMatch(/^Replication factor overridden to 1 for every topic/);
  });

  it('registers a referenced file as its own subject, referenced by full name', async () => {
    const desired = desiredState(await example());
    const subjects = desired.subjects.map((s) => s.subject);
    expect(subjects).toContain('com.acme.common.Address');
    const profile = desired.subjects.find((s) => s.subject === 'customer.profiles.v2-value');
    expect(profile?.references).toEqual([{ name: 'com.acme.common.Address', subject: 'com.acme.common.Address' }]);
    expect(profile?.compatibility).toBe('BACKWARD_TRANSITIVE');
    expect(subjects.indexOf('com.acme.common.Address')).toBeLessThan(subjects.indexOf('customer.profiles.v2-value'));
    // Schema text is the file's JSON, compacted.
    expect(profile?.schema).not.toMatch(/\n/);
  });

  it('grants the writer WRITE and DESCRIBE, and each consumer READ on the topic and its group', async () => {
    const { acls, groups } = desiredState(await example());
    const on = (name: string) =>
      acls.filter((a) => a.resourceName === name).map((a) => `${a.resourceType} ${a.principal} ${a.operation}`);
    expect(on('finance.invoices.v1').sort()).toEqual([
      'topic User:svc-invoicing DESCRIBE',
      'topic User:svc-invoicing WRITE',
    ]);
    expect(on('finance.invoices.orders-v1')).toEqual(['group User:svc-invoicing READ']);
    expect(on('commerce.sales.orders.v1')).toContain('topic User:svc-invoicing READ');
    expect(groups).toContain('finance.invoices.orders-v1');
  });

  it('lists a retired product for deletion instead of wanting it, and grants nothing on it', async () => {
    const catalog = await example();
    const invoices = catalog.products.get('finance/invoices');
    if (!invoices) throw new Error('fixture changed');
    const products = new Map(catalog.products);
    products.set('finance/invoices', { ...invoices, manifest: { ...invoices.manifest, status: 'retired' } });
    const desired = desiredState({ ...catalog, products });
    expect(desired.topics.map((t) => t.name)).not.toContain('finance.invoices.v1');
    expect(desired.retired).toEqual({
      topics: ['finance.invoices.v1'],
      subjects: ['finance.invoices.v1-key', 'finance.invoices.v1-value'],
    });
    expect(desired.acls.filter((a) => a.principal === 'User:svc-invoicing')).toEqual([]);
  });
});
