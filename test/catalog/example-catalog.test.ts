import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';

const repoRoot = join(import.meta.dirname, '..', '..');

describe('the example catalog in catalog/', () => {
  it('validates with no findings and has the shape the README promises', async () => {
    const { catalog, findings } = loadCatalog(await readDirectorySource(repoRoot));
    expect(findings).toEqual([]);
    const topLevel = [...catalog.domains.values()].filter((d) => d.parentId === undefined);
    expect(topLevel.length).toBeGreaterThanOrEqual(3);
    expect([...catalog.domains.values()].some((d) => d.parentId !== undefined)).toBe(true);
    expect(catalog.products.size).toBeGreaterThanOrEqual(10);
    const products = [...catalog.products.values()];
    const deprecated = products.filter((p) => p.manifest.status === 'deprecated');
    expect(deprecated.length).toBeGreaterThanOrEqual(1);
    expect(deprecated.every((p) => p.manifest.deprecation?.sunset && p.manifest.deprecation.replacement)).toBe(true);
    const crossDomainInputs = products.flatMap((p) =>
      (p.manifest.inputPorts ?? []).filter((i) => i.product.split('/')[0] !== p.id.split('/')[0]),
    );
    expect(crossDomainInputs.length).toBeGreaterThanOrEqual(5);
    expect(products.some((p) => [...p.schemas.values()].some((s) => s.references.length > 0))).toBe(true);
    expect(catalog.rules.length).toBeGreaterThanOrEqual(1);
    expect(catalog.settings?.manifest.applyBranch).toBe('main');
  });
});
