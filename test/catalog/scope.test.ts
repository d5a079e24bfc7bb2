import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { touchedFolders, touchedProducts } from '../../src/catalog/scope.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { fixturesDir } from '../helpers/fixtures.js';

describe('touchedFolders', () => {
  it('names every folder under catalog/ above a changed path, and nothing outside catalog/', () => {
    const folders = touchedFolders([
      { status: 'modified', path: 'catalog/commerce/orders/schemas/order.avsc' },
      { status: 'deleted', path: 'catalog/logistics/domain.yaml' },
      { status: 'added', path: 'rules/naming.yaml' },
      { status: 'modified', path: '.github/steward.yml' },
    ]);
    expect([...folders].sort()).toEqual(['commerce', 'commerce/orders', 'commerce/orders/schemas', 'logistics']);
  });
});

describe('touchedProducts', () => {
  it('keeps the folders that are products on either side', async () => {
    const base = loadCatalog(await readDirectorySource(join(fixturesDir, 'validate', 'base'))).catalog;
    const folders = touchedFolders([
      { status: 'modified', path: 'catalog/commerce/orders/schemas/order.avsc' },
      { status: 'added', path: 'catalog/commerce/returns/product.yaml' },
    ]);
    expect([...touchedProducts(folders, [base])]).toEqual(['commerce/orders']);
  });
});
