import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCatalogFiles } from '../../bench/generate-catalog.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { lintTree } from '../../src/cli/validate-parallel.js';
import { lintCatalog } from '../../src/policy/lint.js';
import { fixturesDir } from '../helpers/fixtures.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repo(files: ReadonlyMap<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-parallel-'));
  made.push(dir);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A generated chain of products (each reads the one before), with faults of every kind spread over all parts. */
function faultyCatalog(): string {
  const files = generateCatalogFiles(40);
  const edit = (i: number, from: string | RegExp, to: string) => {
    const path = [...files.keys()].find((p) => p.endsWith(`/product-${i}/product.yaml`)) as string;
    files.set(path, (files.get(path) as string).replace(from, to));
  };
  // State rules read other products: product-21 reads product-20, which is deprecated, across the part boundary.
  edit(
    20,
    'status: active',
    'status: deprecated\ndeprecation:\n  sunset: 2026-01-01\n  replacement: d1/d1s2/product-21',
  );
  edit(3, /topic: \S+/, 'topic: Carts');
  edit(7, 'replicationFactor: 3', 'replicationFactor: 9');
  edit(11, 'classification: internal\n', '');
  edit(12, /description: Synthetic[^\n]*\n/, 'description: "  "\n');
  edit(15, /topic: \S+/, 'topic: d4.d4s1.product-14.v1');
  edit(33, 'port: events-v1', 'port: nowhere');
  edit(38, 'name: product-38', 'name: product-38\nname: again');
  const schema = [...files.keys()].find((p) => p.includes('/product-27/') && p.endsWith('value.avsc')) as string;
  files.set(schema, (files.get(schema) as string).replace('"doc": "Amount."', '"doc": ""'));
  const broken = [...files.keys()].find((p) => p.includes('/product-30/') && p.endsWith('key.avsc')) as string;
  files.set(broken, '{"type": "record", "name": "Key", "fields": [');
  return repo(files);
}

/** Every validate fixture case laid over the base: the hostile inputs the loader knows. */
function everyFixtureCase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-parallel-'));
  made.push(dir);
  const fixtures = join(fixturesDir, 'validate');
  cpSync(join(fixtures, 'base'), dir, { recursive: true });
  for (const name of readdirSync(join(fixtures, 'cases')).sort())
    cpSync(join(fixtures, 'cases', name), dir, { recursive: true });
  return dir;
}

async function serialAndParallel(dir: string, threads: number) {
  const tree = await readDirectorySource(dir);
  const serial = lintCatalog(loadCatalog(tree), '2026-12-04');
  const parallel = await lintTree(tree, '2026-12-04', { threads, minProducts: 1 });
  return { serial, parallel: parallel.findings, products: parallel.load.catalog.products.size };
}

describe('validate across worker threads', () => {
  it('reports exactly what loadCatalog and lintCatalog report, one product at a time or in parts, faults of every kind in every part', async () => {
    for (const threads of [1, 2, 3]) {
      const { serial, parallel, products } = await serialAndParallel(faultyCatalog(), threads);
      expect(products).toBe(39);
      expect(new Set(serial.map((f) => f.ruleId))).toEqual(
        new Set([
          'TOPIC_NAMING',
          'REPLICATION_BOUNDS',
          'REQUIRED_METADATA',
          'TOPIC_MULTIPLE_WRITERS',
          'INPUT_PORT_UNRESOLVED',
          'YAML_DUPLICATE_KEY',
          'SCHEMA_FIELD_DOCS',
          'AVRO_SYNTAX',
          'NO_INPUTS_ON_DEPRECATED',
          'DEPRECATION_REQUIRES_SUNSET',
          'MANIFEST_MISSING_FIELD',
          'PRODUCT_NAME_MISMATCH',
        ]),
      );
      expect(parallel).toEqual(serial);
    }
  }, 30_000);

  it('reports exactly what one thread reports on every hostile fixture at once', async () => {
    const { serial, parallel } = await serialAndParallel(everyFixtureCase(), 2);
    expect(serial.length).toBeGreaterThan(10);
    expect(parallel).toEqual(serial);
  }, 30_000);

  it('stays on one thread for a small catalog', async () => {
    const tree = await readDirectorySource(faultyCatalog());
    const started = performance.now();
    const result = await lintTree(tree, '2026-12-04', { threads: 2 });
    expect(result.findings).toEqual(lintCatalog(loadCatalog(tree), '2026-12-04'));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
