import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { historyProducts, productOfPath, touchedFolders, touchedProducts } from '../../src/catalog/scope.js';
import type { SourceEntry } from '../../src/core/source.js';
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

const tree = (...paths: string[]) =>
  new Map<string, SourceEntry>(paths.map((path) => [path, { kind: 'file', content: '' }]));

describe('productOfPath', () => {
  const base = tree('catalog/a/domain.yaml', 'catalog/a/p/product.yaml', 'catalog/a/p/q/product.yaml');

  it('is the nearest folder above the path with a product.yaml, as the loader assigns files', () => {
    expect(productOfPath('catalog/a/p/schemas/x.avsc', base)).toBe('a/p');
    expect(productOfPath('catalog/a/p/q/x.avsc', base)).toBe('a/p/q');
    expect(productOfPath('catalog/a/p/product.yaml', base)).toBe('a/p');
  });

  it('is undefined outside every product', () => {
    expect(productOfPath('catalog/a/x.avsc', base)).toBeUndefined();
    expect(productOfPath('catalog/x.avsc', base)).toBeUndefined();
  });
});

describe('historyProducts: the one choice of schema histories for steward check and the App', () => {
  const base = tree('catalog/a/domain.yaml', 'catalog/a/p/product.yaml', 'catalog/a/p/q/product.yaml');

  it('names the product each changed schema or manifest belongs to at the base, only the nearest one', () => {
    const products = historyProducts(
      [
        { status: 'modified', path: 'catalog/a/p/q/schemas/x.avsc' },
        { status: 'modified', path: 'catalog/a/p/product.yaml' },
      ],
      base,
    );
    expect([...products].sort()).toEqual(['a/p', 'a/p/q']);
    expect([...historyProducts([{ status: 'modified', path: 'catalog/a/p/q/x.avsc' }], base)]).toEqual(['a/p/q']);
  });

  it('needs no history for other files, nor for a product the base does not have', () => {
    const products = historyProducts(
      [
        { status: 'modified', path: 'catalog/a/domain.yaml' },
        { status: 'modified', path: 'catalog/a/p/README.md' },
        { status: 'added', path: 'catalog/a/new/product.yaml' },
        { status: 'added', path: 'catalog/a/new/x.avsc' },
        { status: 'modified', path: 'rules/naming.yaml' },
      ],
      base,
    );
    expect([...products]).toEqual([]);
  });
});
