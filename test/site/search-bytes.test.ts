import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalogFiles } from '../../bench/generate-catalog.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { readSearchLibrary } from '../../src/cli/commands/site.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { buildSiteModel } from '../../src/site/model.js';
import { searchFiles } from '../../src/site/search.js';
import { mesh } from '../catalog/helpers.js';
import { referenceSearchFiles } from './search-reference.js';

const library = readSearchLibrary();

function loaded(tree: Map<string, SourceEntry>): Catalog {
  const { catalog, findings } = loadCatalog(tree);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return catalog;
}

/** The direct build against the MiniSearch route, file by file, in the same order. */
function expectSameFiles(catalog: Catalog) {
  const model = buildSiteModel(catalog);
  const direct = [...searchFiles(model, library)];
  const reference = [...referenceSearchFiles(model, library)];
  expect(direct.map(([path]) => path)).toEqual(reference.map(([path]) => path));
  for (let i = 0; i < direct.length; i++) expect(direct[i], reference[i]?.[0]).toEqual(reference[i]);
  return direct.length;
}

describe('the search index built directly', () => {
  it('is the bytes MiniSearch gives on the example catalog', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(join(import.meta.dirname, '..', '..')));
    expect(expectSameFiles(catalog)).toBeGreaterThan(20);
  });

  it('is the bytes MiniSearch gives on 300 generated products (repeated words, shared fields, many shards)', () => {
    const tree = new Map<string, SourceEntry>(
      [...generateCatalogFiles(300)].map(([path, content]) => [path, { kind: 'file', content }]),
    );
    expect(expectSameFiles(loaded(tree))).toBeGreaterThan(100);
  });

  it('is the bytes MiniSearch gives on the test mesh, where fields are missing, empty and repeated', () => {
    expect(expectSameFiles(loaded(mesh()))).toBeGreaterThan(5);
  });
});
