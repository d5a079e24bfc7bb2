import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { writeImport } from '../../src/cli/commands/import.js';
import { runCli } from '../../src/cli/program.js';
import { exampleCopy } from './fixtures.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

async function steward(args: string[]) {
  let out = '';
  let err = '';
  const env = { STEWARD_KAFKA_BROKERS: '127.0.0.1:1', STEWARD_REGISTRY_URL: 'http://127.0.0.1:1/apis/ccompat/v7' };
  const code = await runCli(args, { cwd: dir, env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('steward import (no cluster needed)', () => {
  it('refuses an owner that is not a GitHub user or team', async () => {
    dir = exampleCopy();
    const result = await steward(['import', '--owner', 'not a team', '--out', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'steward: --owner "not a team" is not a GitHub user or team; give the accountable party, e.g. --owner @acme/platform.\n',
    );
  });

  it('reads nothing while a product manifest does not validate: what the catalog owns is unknown', async () => {
    dir = exampleCopy();
    writeFileSync(
      join(dir, 'catalog/commerce/sales/orders/product.yaml'),
      'apiVersion: mesh-steward/v1\nkind: DataProduct\n',
    );
    const result = await steward(['import', '--owner', '@acme/platform', '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'steward: 1 product manifest(s) do not validate, so what the catalog owns is unknown; fix them (steward validate) and import again. Nothing was read or written.',
    );
  });

  it('never replaces a file it did not read, and writes nothing then', async () => {
    dir = exampleCopy();
    mkdirSync(join(dir, 'catalog/crm'), { recursive: true });
    writeFileSync(join(dir, 'catalog/crm/domain.yaml'), 'mine\n');
    const { catalog } = loadCatalog(await readDirectorySource(dir));
    const files = new Map([
      ['catalog/crm/leads/product.yaml', 'new\n'],
      ['catalog/crm/domain.yaml', 'theirs\n'],
    ]);
    expect(() => writeImport(dir, catalog, { files })).toThrow(
      'catalog/crm/domain.yaml exists already and import would replace it; move it away (or import into another --out directory). Nothing was written.',
    );
    expect(existsSync(join(dir, 'catalog/crm/leads/product.yaml'))).toBe(false);
    // The catalog's own manifests are extended in place.
    const orders = 'catalog/commerce/sales/orders/product.yaml';
    writeImport(dir, catalog, { files: new Map([[orders, 'extended\n']]) });
    expect(readFileSync(join(dir, orders), 'utf8')).toBe('extended\n');
  });
});
