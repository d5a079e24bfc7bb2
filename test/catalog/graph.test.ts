import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumersOf, nearestDomainAbove, readerIndex } from '../../src/catalog/graph.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';

const example = async () => loadCatalog(await readDirectorySource(join(import.meta.dirname, '..', '..'))).catalog;

describe('the consumer graph', () => {
  it('lists the readers of a product, and of one of its ports, each once and sorted', async () => {
    const catalog = await example();
    expect(consumersOf(catalog, 'customer/profiles')).toEqual([
      'customer/segments',
      'finance/invoices',
      'logistics/fulfillment/shipments',
    ]);
    expect(consumersOf(catalog, 'customer/profiles', 'no-such-port')).toEqual([]);
    expect(consumersOf(catalog, 'no/such/product')).toEqual([]);
  });

  it('is built once per catalog, and merges the edges of several catalogs without repeats', async () => {
    const catalog = await example();
    expect(readerIndex([catalog])).toBe(readerIndex([catalog]));
    const both = readerIndex([catalog, catalog]);
    expect(both.get('customer/profiles')).toEqual(readerIndex([catalog]).get('customer/profiles'));
  });
});

describe('nearestDomainAbove', () => {
  it('walks up the folder path to the first known domain, never returning the id itself', () => {
    const domains = new Set(['commerce', 'commerce/sales']);
    const known = (d: string) => domains.has(d);
    expect(nearestDomainAbove('commerce/sales/orders', known)).toBe('commerce/sales');
    expect(nearestDomainAbove('commerce/sales', known)).toBe('commerce');
    expect(nearestDomainAbove('commerce/x/y/z', known)).toBe('commerce');
    expect(nearestDomainAbove('commerce', known)).toBeUndefined();
    expect(nearestDomainAbove('finance/invoices', known)).toBeUndefined();
  });
});
