import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { maxFileBytes } from '../../src/core/source.js';
import { repoWithCase } from '../helpers/fixtures.js';

const P = 'catalog/commerce/orders/product.yaml';

describe('readDirectorySource', () => {
  it('hands the loader bytes: loading does no I/O, so a tree outlives its folder', async () => {
    const dir = repoWithCase();
    const tree = await readDirectorySource(dir);
    const entry = tree.get(P);
    expect(entry?.kind).toBe('file');
    // Plain data, not a getter that reads the file when the loader touches it.
    expect(Object.getOwnPropertyDescriptor(entry, 'content')).toHaveProperty('value');
    rmSync(dir, { recursive: true, force: true });
    expect(loadCatalog(tree).findings).toEqual([]);
  });

  it('reports a file above the limit by its size, without its content', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, P), 'x'.repeat(maxFileBytes + 10));
    expect((await readDirectorySource(dir)).get(P)).toEqual({ kind: 'oversize', size: maxFileBytes + 10 });
  });
});
